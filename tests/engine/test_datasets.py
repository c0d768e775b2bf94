"""Datasets: shapes, labels, determinism, the shipped digits."""

from __future__ import annotations

import numpy as np
import pytest

from tui9.engine import datasets


@pytest.mark.parametrize(
    ("gate", "outputs"), [("and", [0, 0, 0, 1]), ("or", [0, 1, 1, 1]), ("xor", [0, 1, 1, 0])]
)
def test_logic_gates(gate: str, outputs: list[int]) -> None:
    X, T = datasets.logic_gate(gate)
    np.testing.assert_array_equal(X, [[0, 0], [0, 1], [1, 0], [1, 1]])
    np.testing.assert_array_equal(T, np.array(outputs, dtype=float).reshape(4, 1))
    assert X.shape == (4, 2) and T.shape == (4, 1)
    with pytest.raises(ValueError, match="unknown gate"):
        datasets.logic_gate("xnand")


MAKERS = {
    "moons": lambda seed: datasets.moons(101, noise=0.1, seed=seed),
    "circles": lambda seed: datasets.circles(101, noise=0.05, factor=0.5, seed=seed),
    "spiral": lambda seed: datasets.spiral(101, classes=3, noise=0.2, seed=seed),
    "blobs": lambda seed: datasets.blobs(101, centers=4, seed=seed),
}


@pytest.mark.parametrize("name", MAKERS)
def test_toy_sets_shapes_and_determinism(name: str) -> None:
    X, y = MAKERS[name](0)
    assert X.shape == (101, 2) and X.dtype == np.float64
    assert y.shape == (101,) and np.issubdtype(y.dtype, np.integer)
    counts = np.bincount(y)
    assert counts.max() - counts.min() <= 1
    X2, y2 = MAKERS[name](0)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    X3, _ = MAKERS[name](1)
    assert not np.array_equal(X, X3)


def test_toy_sets_have_their_shape() -> None:
    X, y = datasets.circles(400, noise=0.0, factor=0.3, seed=0)
    r = np.linalg.norm(X, axis=1)
    np.testing.assert_allclose(r[y == 0], 1.0)
    np.testing.assert_allclose(r[y == 1], 0.3)
    X, y = datasets.moons(400, noise=0.0, seed=0)
    np.testing.assert_allclose(np.linalg.norm(X[y == 0], axis=1), 1.0)
    np.testing.assert_allclose(np.linalg.norm(X[y == 1] - [1.0, 0.5], axis=1), 1.0)


def test_digits() -> None:
    X, y = datasets.digits()
    assert X.shape == (1797, 64) and X.dtype == np.float64
    assert X.min() == 0.0 and X.max() == 1.0
    np.testing.assert_array_equal(np.unique(y), np.arange(10))
    assert np.bincount(y).min() >= 170
    assert np.allclose(X * 16, np.round(X * 16))  # 17 grey levels, losslessly stored
    X[0, 0] = 5.0  # callers get their own copy
    assert datasets.digits()[0][0, 0] != 5.0
    assert datasets.DIGITS_PATH.stat().st_size < 100_000


def test_train_val_split() -> None:
    X = np.arange(20.0).reshape(10, 2)
    y = np.arange(10)
    Xtr, ytr, Xval, yval = datasets.train_val_split(X, y, val_fraction=0.3, seed=1)
    assert len(ytr) == 7 and len(yval) == 3
    assert sorted(np.concatenate([ytr, yval])) == list(range(10))
    np.testing.assert_array_equal(Xtr[:, 0], ytr * 2)
    np.testing.assert_array_equal(Xval[:, 1], yval * 2 + 1)
    again = datasets.train_val_split(X, y, val_fraction=0.3, seed=1)
    np.testing.assert_array_equal(again[3], yval)


def test_one_hot() -> None:
    np.testing.assert_array_equal(datasets.one_hot([2, 0], 3), [[0, 0, 1], [1, 0, 0]])
    assert datasets.one_hot(np.array([1, 3])).shape == (2, 4)
    with pytest.raises(ValueError):
        datasets.one_hot([3], 3)
