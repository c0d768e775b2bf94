"""Activations: values, derivatives against central differences, stability of sigmoid."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from tui9.engine import ACTIVATION_NAMES, get_activation

H = 1e-6


def _points(seed: int = 0) -> np.ndarray:
    z = np.random.default_rng(seed).uniform(-6.0, 6.0, size=(7, 5))
    return np.where(np.abs(z) < 1e-3, 0.5, z)  # keep away from the kinks at 0


@pytest.mark.parametrize("name", ACTIVATION_NAMES)
def test_derivative_matches_central_difference(name: str) -> None:
    act = get_activation(name, slope=0.07)
    z = _points()
    numeric = (act.f(z + H) - act.f(z - H)) / (2 * H)
    np.testing.assert_allclose(act.df(z), numeric, rtol=1e-6, atol=1e-8)
    assert act.df(z).shape == z.shape


@pytest.mark.parametrize(
    ("name", "z", "expected"),
    [
        ("identity", [-2.0, 0.0, 3.0], [-2.0, 0.0, 3.0]),
        ("step", [-2.0, 0.0, 3.0], [0.0, 0.0, 1.0]),
        ("sigmoid", [0.0, np.log(3.0)], [0.5, 0.75]),
        ("tanh", [0.0, np.log(2.0)], [0.0, 0.6]),
        ("relu", [-2.0, 0.0, 3.0], [0.0, 0.0, 3.0]),
        ("leaky_relu", [-2.0, 0.0, 3.0], [-0.02, 0.0, 3.0]),
    ],
)
def test_known_values(name: str, z: list[float], expected: list[float]) -> None:
    np.testing.assert_allclose(get_activation(name).f(np.array(z)), expected, atol=1e-15)


def test_leaky_slope_is_used() -> None:
    act = get_activation("leaky_relu", slope=0.3)
    np.testing.assert_allclose(act.f(np.array([-1.0, 2.0])), [-0.3, 2.0])
    np.testing.assert_allclose(act.df(np.array([-1.0, 2.0])), [0.3, 1.0])


def test_relu_and_step_derivatives_on_each_side() -> None:
    z = np.array([-1.0, 1.0])
    np.testing.assert_array_equal(get_activation("relu").df(z), [0.0, 1.0])
    np.testing.assert_array_equal(get_activation("step").df(z), [0.0, 0.0])


def test_sigmoid_is_stable_at_plus_minus_1000() -> None:
    act = get_activation("sigmoid")
    z = np.array([-1000.0, -50.0, 0.0, 50.0, 1000.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = act.f(z)
        d = act.df(z)
    assert s[0] == 0.0 and s[-1] == 1.0 and s[2] == 0.5
    assert np.all(np.isfinite(d)) and d[0] == 0.0 and d[-1] == 0.0
    # Accurate in the far tail, not just clamped: sigmoid(-50) = e^-50 / (1 + e^-50).
    assert s[1] == pytest.approx(np.exp(-50.0) / (1 + np.exp(-50.0)), rel=1e-12)


def test_unknown_activation_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown activation 'swish'"):
        get_activation("swish")


@pytest.mark.parametrize("name", ACTIVATION_NAMES)
def test_in_place_kernels_match_the_public_functions(name: str) -> None:
    """The network's in-place forward/backward kernels compute f(z) and da * f'(z)."""
    act = get_activation(name, slope=0.05)
    z = np.concatenate([_points().ravel(), [-800.0, -30.0, -1e-9, 0.0, 1e-9, 30.0, 800.0]])
    # A large batch too: kernels may switch to a faster formula for big arrays.
    z = np.concatenate([z, np.random.default_rng(5).normal(0.0, 4.0, 5000)]).reshape(-1, 1)
    a, out = np.empty_like(z), np.empty_like(z)
    da = np.random.default_rng(4).normal(size=z.shape)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        act._fwd(z, a)
        act._bwd(z, a, da, out)
    np.testing.assert_allclose(a, act.f(z), rtol=1e-14, atol=2e-15)
    np.testing.assert_allclose(out, da * act.df(z), rtol=1e-12, atol=1e-14)
