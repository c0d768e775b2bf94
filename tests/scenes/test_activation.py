"""The activation scene model: values from the engine, hand-checked, and validated params."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tui9.engine.activations import get_activation
from tui9.scenes import get_scene
from tui9.scenes.activation import SPEC


def build(**params):
    return SPEC.build(params)


def test_registered():
    assert get_scene("activation") is SPEC


def test_sigmoid_slope_peaks_at_exactly_a_quarter():
    m = build(activation="sigmoid", range=6.0)
    assert m.quantity("max_df") == 0.25
    assert m.quantity("argmax_df") == 0.0
    # Analytic: s'(z) = s(1 - s) <= 1/4 with equality iff s = 1/2, i.e. z = 0.
    zs = np.linspace(-6, 6, 1001)
    s = 1 / (1 + np.exp(-zs))
    assert np.all(s * (1 - s) <= 0.25)
    assert not math.isclose(m.quantity("max_df"), 0.3, abs_tol=0.01)


@pytest.mark.parametrize(
    ("act", "z", "f", "df"),
    [
        ("sigmoid", 0.0, 0.5, 0.25),
        ("sigmoid", 2.0, 1 / (1 + math.exp(-2)), math.exp(-2) / (1 + math.exp(-2)) ** 2),
        ("tanh", 0.5, math.tanh(0.5), 1 - math.tanh(0.5) ** 2),
        ("relu", -1.5, 0.0, 0.0),
        ("relu", 2.0, 2.0, 1.0),
        ("leaky_relu", -2.0, -0.02, 0.01),
        ("identity", -3.0, -3.0, 1.0),
        ("step", 1.0, 1.0, 0.0),
    ],
)
def test_values_at_cursor_by_hand(act, z, f, df):
    m = build(activation=act, z=z)
    assert m.quantity("f_at_z") == pytest.approx(f, abs=1e-12)
    assert m.quantity("df_at_z") == pytest.approx(df, abs=1e-12)


@pytest.mark.parametrize("act", ["sigmoid", "tanh", "relu", "leaky_relu", "identity"])
def test_values_match_engine_and_central_difference(act):
    m = build(activation=act, z=0.7, slope=0.1)
    engine = get_activation(act, slope=0.1)
    z = np.array([0.7])
    assert m.quantity("f_at_z") == engine.f(z)[0]
    assert m.quantity("df_at_z") == engine.df(z)[0]
    h = 1e-6
    numeric = (engine.f(z + h)[0] - engine.f(z - h)[0]) / (2 * h)
    assert m.quantity("df_at_z") == pytest.approx(numeric, abs=1e-6)


def test_max_slopes_of_other_activations():
    assert build(activation="tanh").quantity("max_df") == 1.0
    assert build(activation="tanh").quantity("argmax_df") == 0.0
    relu = build(activation="relu", range=4.0)
    assert relu.quantity("max_df") == 1.0
    assert 0.0 < relu.quantity("argmax_df") < 0.01
    assert relu.quantity("df_at_minus_range") == 0.0
    leaky = build(activation="leaky_relu", slope=0.05)
    assert leaky.quantity("df_at_minus_range") == 0.05


def test_curves_are_finite_and_sized():
    m = build(activation="sigmoid", range=50.0, z=-50.0)
    zs, f, df = m.curves(81)
    assert zs.shape == f.shape == df.shape == (81,)
    assert np.all(np.isfinite(f)) and np.all(np.isfinite(df))
    assert m.clamp(99.0) == 50.0


def test_leaky_formula_substitutes_slope():
    f, df = build(activation="leaky_relu", slope=0.2).formulas()
    assert "0.2 z" in f and "else 0.2" in df


@pytest.mark.parametrize(
    ("params", "key"),
    [
        ({"activation": "softplus"}, "activation"),
        ({"z": 7.0, "range": 6.0}, "z"),
        ({"range": 0.5}, "range"),
        ({"slope": -0.1}, "slope"),
        ({"zz": 1}, "zz"),
    ],
)
def test_bad_params_are_reported(params, key):
    _, problems = SPEC.validate(params)
    assert key in [k for k, _ in problems]
    with pytest.raises(ValueError):
        SPEC.build(params)


def test_deterministic():
    a, b = build(activation="tanh", z=1.3), build(activation="tanh", z=1.3)
    for q in SPEC.quantities:
        assert a.quantity(q.name) == b.quantity(q.name)
