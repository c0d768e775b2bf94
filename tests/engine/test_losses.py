"""Losses: values from their formulas, gradients against central differences."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from tui9.engine import LOSS_NAMES, compute_loss, numerical_gradient


def _numeric(name: str, Y: np.ndarray, T: np.ndarray) -> np.ndarray:
    Y = Y.copy()
    return numerical_gradient(lambda: compute_loss(name, Y, T)[0], Y)


def test_mse_value_and_gradient() -> None:
    rng = np.random.default_rng(1)
    Y, T = rng.normal(size=(5, 3)), rng.normal(size=(5, 3))
    value, dY = compute_loss("mse", Y, T)
    assert value == pytest.approx(((Y - T) ** 2).sum() / 15)
    np.testing.assert_allclose(dY, _numeric("mse", Y, T), rtol=1e-6, atol=1e-9)


def test_bce_value_and_gradient() -> None:
    rng = np.random.default_rng(2)
    Y = rng.uniform(0.05, 0.95, size=(6, 2))
    T = rng.integers(0, 2, size=(6, 2)).astype(float)
    value, dY = compute_loss("bce", Y, T)
    expected = -(T * np.log(Y) + (1 - T) * np.log(1 - Y)).mean()
    assert value == pytest.approx(expected)
    np.testing.assert_allclose(dY, _numeric("bce", Y, T), rtol=1e-6, atol=1e-9)


def test_bce_is_guarded_against_log_zero() -> None:
    Y = np.array([[0.0], [1.0], [1.0]])
    T = np.array([[1.0], [0.0], [1.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        value, dY = compute_loss("bce", Y, T)
    assert np.isfinite(value) and value > 10
    assert np.all(np.isfinite(dY))


@pytest.mark.parametrize("one_hot", [False, True])
def test_cross_entropy_value_and_gradient(one_hot: bool) -> None:
    rng = np.random.default_rng(3)
    Y = rng.normal(size=(7, 4)) * 3
    labels = rng.integers(0, 4, size=7)
    T = np.eye(4)[labels] if one_hot else labels
    value, dY = compute_loss("cross_entropy", Y, T)
    P = np.exp(Y) / np.exp(Y).sum(axis=1, keepdims=True)
    assert value == pytest.approx(-np.log(P[np.arange(7), labels]).mean())
    np.testing.assert_allclose(dY, (P - np.eye(4)[labels]) / 7, rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(dY, _numeric("cross_entropy", Y, T), rtol=1e-6, atol=1e-9)


def test_cross_entropy_handles_huge_logits() -> None:
    Y = np.array([[1000.0, -1000.0], [-1000.0, 1000.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        value, dY = compute_loss("cross_entropy", Y, np.array([0, 0]))
    assert value == pytest.approx(1000.0)
    assert np.all(np.isfinite(dY))


def test_loss_names_and_unknown_loss() -> None:
    assert LOSS_NAMES == ("mse", "bce", "cross_entropy")
    with pytest.raises(ValueError, match="unknown loss"):
        compute_loss("hinge", np.zeros((1, 1)), np.zeros((1, 1)))
    with pytest.raises(ValueError, match="do not match"):
        compute_loss("mse", np.zeros((2, 2)), np.zeros((3, 2)))
