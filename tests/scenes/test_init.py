"""The init scene model: activation histograms per layer for each weight init."""

from __future__ import annotations

import numpy as np
import pytest

from tui9.engine import MLP, get_activation
from tui9.scenes import get_scene
from tui9.scenes.init import COMPARED, INITS, SPEC

SMALL = {"layers": 3, "units": 20, "samples": 200}


def build(**kw):
    return SPEC.build({**SMALL, **kw})


def test_registered():
    assert get_scene("init") is SPEC


def test_forward_pass_matches_hand_written_numpy():
    m = build(activation="tanh", init="xavier")
    net = MLP([20] * 4, activation="tanh", output="tanh", init="xavier", seed=0)
    a = m.inputs
    for layer, W in enumerate(net.weights):
        a = np.tanh(a @ W.T)
        np.testing.assert_allclose(m.result().a[layer], a, rtol=1e-12, atol=1e-12)
    assert m.quantity("last_std") == pytest.approx(float(np.std(a)))
    assert m.quantity("last_mean") == pytest.approx(float(np.mean(a)))


def test_zeros_is_symmetric_by_hand():
    m = build(activation="sigmoid", init="zeros")
    for a in m.result().a:
        assert np.all(a == 0.5)  # sigmoid(0) = 1/2 for every unit and input
    assert m.quantity("unit_spread") == 0.0
    assert m.quantity("last_std") == 0.0
    assert build(activation="relu", init="zeros").quantity("saturated_fraction") == 1.0


def test_saturation_counts_flat_slope():
    m = build(activation="sigmoid", init="std1")
    z = np.concatenate([z.ravel() for z in m.result().z])
    slope = get_activation("sigmoid").df(z)
    assert m.quantity("saturated_fraction") == pytest.approx(np.mean(slope < 0.025))
    # sigmoid'(z) < 0.025 exactly when |z| > ln((1 + sqrt(0.9)) / (1 - sqrt(0.9))) ~ 3.64
    edge = np.log((1 + np.sqrt(0.9)) / (1 - np.sqrt(0.9)))
    assert m.quantity("saturated_fraction") == pytest.approx(np.mean(np.abs(z) > edge))


def test_textbook_pictures():
    m = SPEC.build({"activation": "sigmoid", "init": "std1"})
    assert m.quantity("saturated_fraction") > 0.5
    assert m.quantity("most_saturated") == "std1"
    assert m.quantity("most_collapsed") == "std0.01"
    # std 0.01: everything near 0.5
    small = SPEC.build({"activation": "sigmoid", "init": "std0.01"})
    assert small.quantity("last_std") < 0.02
    assert abs(small.quantity("last_mean") - 0.5) < 0.01
    # ReLU: He keeps the spread, Xavier lets it shrink layer by layer
    he = SPEC.build({"activation": "relu", "init": "he"})
    xa = SPEC.build({"activation": "relu", "init": "xavier"})
    assert he.quantity("last_std") > 3 * xa.quantity("last_std")


def test_xavier_first_layer_preactivation_has_unit_variance():
    # z = sum of n terms w x with Var(w) = 1/n, Var(x) = 1  ->  Var(z) = 1.
    m = SPEC.build({"init": "xavier", "units": 200, "samples": 2000})
    assert np.std(m.result().z[0]) == pytest.approx(1.0, abs=0.1)
    net = MLP([200, 200], init="xavier", seed=0)
    assert float(np.std(net.weights[0])) == pytest.approx(np.sqrt(1 / 200), rel=0.02)


def test_histograms_sum_to_one_and_cover_range():
    for act in ("sigmoid", "tanh", "relu"):
        m = build(activation=act)
        for layer in range(3):
            centres, frac = m.histogram(layer)
            assert len(centres) == 20
            assert frac.sum() == pytest.approx(1.0)
            assert np.all(np.isfinite(frac))
    lo, hi = build(activation="tanh").hist_range()
    assert (lo, hi) == (-1.0, 1.0)


def test_every_preset_builds_and_is_deterministic():
    for init in INITS:
        a, b = build(init=init), build(init=init)
        for q in SPEC.quantities:
            assert a.quantity(q.name) == b.quantity(q.name)
    assert set(SPEC.option_values["most_saturated"]) == set(COMPARED)


@pytest.mark.parametrize(
    ("params", "key"),
    [({"layers": 0}, "layers"), ({"units": 1}, "units"), ({"init": "big"}, "init")],
)
def test_validation(params, key):
    _, problems = SPEC.validate(params)
    assert [k for k, _ in problems] == [key]


def test_work_is_bounded():
    _, problems = SPEC.validate({"layers": 10, "units": 300, "samples": 5000})
    assert [k for k, _ in problems] == ["samples"]
    assert "2,000,000" in problems[0][1]
