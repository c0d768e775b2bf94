"""Seeded, offline data sets: logic gates, 2-D toy sets, and the 8x8 handwritten digits.

The digits file ``data/digits.npz`` (1,797 images, 45 KB) was exported ONCE from the copy
of the UCI "Optical Recognition of Handwritten Digits" test set that scikit-learn 1.9.1
bundles, with:

    d = sklearn.datasets.load_digits()
    np.savez_compressed("tui9/engine/data/digits.npz",
                        images=d.images.astype(np.uint8),   # (1797, 8, 8), values 0..16
                        labels=d.target.astype(np.uint8))   # (1797,), digits 0..9

(the float images are whole numbers 0..16, so uint8 is lossless). scikit-learn is never
imported by tui9; credit for the data goes to the UCI repository and scikit-learn.
"""

from __future__ import annotations

import functools
from pathlib import Path

import numpy as np

DIGITS_PATH = Path(__file__).parent / "data" / "digits.npz"
GATES: dict[str, tuple[int, int, int, int]] = {
    "and": (0, 0, 0, 1),
    "or": (0, 1, 1, 1),
    "xor": (0, 1, 1, 0),
    "nand": (1, 1, 1, 0),
    "nor": (1, 0, 0, 0),
}


def logic_gate(name: str) -> tuple[np.ndarray, np.ndarray]:
    """Truth table of a gate: X = [[0,0],[0,1],[1,0],[1,1]] (4, 2), T (4, 1) of 0/1."""
    try:
        outs = GATES[name.lower()]
    except KeyError:
        raise ValueError(f"unknown gate {name!r}; expected one of {', '.join(GATES)}") from None
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    return X, np.array(outs, dtype=np.float64).reshape(4, 1)


def _split_counts(n: int, k: int) -> list[int]:
    return [n // k + (1 if i < n % k else 0) for i in range(k)]


def _shuffled(
    X: np.ndarray, y: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    perm = rng.permutation(len(y))
    return np.ascontiguousarray(X[perm], dtype=np.float64), y[perm].astype(np.int64)


def moons(n: int = 200, noise: float = 0.1, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaving half circles (class 0 on top, class 1 below), Gaussian noise."""
    rng = np.random.default_rng(seed)
    n0, n1 = _split_counts(n, 2)
    t0 = np.linspace(0.0, np.pi, n0)
    t1 = np.linspace(0.0, np.pi, n1)
    X = np.concatenate(
        [
            np.stack([np.cos(t0), np.sin(t0)], axis=1),
            np.stack([1.0 - np.cos(t1), 0.5 - np.sin(t1)], axis=1),
        ]
    )
    X += rng.normal(0.0, noise, X.shape)
    y = np.repeat([0, 1], [n0, n1])
    return _shuffled(X, y, rng)


def circles(
    n: int = 200, noise: float = 0.05, factor: float = 0.5, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """A unit circle (class 0) around a smaller one of radius ``factor`` (class 1)."""
    rng = np.random.default_rng(seed)
    n0, n1 = _split_counts(n, 2)
    t0 = np.linspace(0.0, 2.0 * np.pi, n0, endpoint=False)
    t1 = np.linspace(0.0, 2.0 * np.pi, n1, endpoint=False)
    X = np.concatenate(
        [
            np.stack([np.cos(t0), np.sin(t0)], axis=1),
            factor * np.stack([np.cos(t1), np.sin(t1)], axis=1),
        ]
    )
    X += rng.normal(0.0, noise, X.shape)
    y = np.repeat([0, 1], [n0, n1])
    return _shuffled(X, y, rng)


def spiral(
    n: int = 200, classes: int = 2, noise: float = 0.2, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """``classes`` interleaved spiral arms of radius 0..1 (noise perturbs the angle)."""
    rng = np.random.default_rng(seed)
    parts, labels = [], []
    for c, m in enumerate(_split_counts(n, classes)):
        r = np.linspace(0.05, 1.0, m)
        theta = 2.0 * np.pi * c / classes + 1.25 * 2.0 * np.pi * r + rng.normal(0.0, noise, m)
        parts.append(np.stack([r * np.cos(theta), r * np.sin(theta)], axis=1))
        labels.append(np.full(m, c))
    return _shuffled(np.concatenate(parts), np.concatenate(labels), rng)


def blobs(
    n: int = 200, centers: int = 3, spread: float = 0.6, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Gaussian blobs (std ``spread``) around ``centers`` points evenly spaced on a circle of
    radius 2."""
    rng = np.random.default_rng(seed)
    parts, labels = [], []
    for c, m in enumerate(_split_counts(n, centers)):
        angle = 2.0 * np.pi * c / centers + np.pi / 2
        center = 2.0 * np.array([np.cos(angle), np.sin(angle)])
        parts.append(center + rng.normal(0.0, spread, (m, 2)))
        labels.append(np.full(m, c))
    return _shuffled(np.concatenate(parts), np.concatenate(labels), rng)


@functools.lru_cache(maxsize=1)
def _digits_raw() -> tuple[np.ndarray, np.ndarray]:
    with np.load(DIGITS_PATH) as data:
        images, labels = data["images"], data["labels"]
    images.setflags(write=False)
    labels.setflags(write=False)
    return images, labels


def digits() -> tuple[np.ndarray, np.ndarray]:
    """The 1,797 8x8 handwritten digits: X (1797, 64) scaled to [0, 1], y (1797,) in 0..9."""
    images, labels = _digits_raw()
    X = images.reshape(len(images), 64).astype(np.float64) / 16.0
    return X, labels.astype(np.int64)


def train_val_split(
    X: np.ndarray, y: np.ndarray, val_fraction: float = 0.2, seed: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Shuffle (seeded) and split into (X_train, y_train, X_val, y_val)."""
    if not 0.0 <= val_fraction < 1.0:
        raise ValueError("val_fraction must be in [0, 1)")
    X, y = np.asarray(X), np.asarray(y)
    perm = np.random.default_rng(seed).permutation(len(y))
    n_val = round(len(y) * val_fraction)
    val, tr = perm[:n_val], perm[n_val:]
    return X[tr], y[tr], X[val], y[val]


def one_hot(y: np.ndarray, k: int | None = None) -> np.ndarray:
    """Integer labels (n,) -> float64 one-hot (n, k); k defaults to max(y) + 1."""
    y = np.asarray(y).astype(np.intp).reshape(-1)
    k = int(y.max()) + 1 if k is None else int(k)
    if y.size and (y.min() < 0 or y.max() >= k):
        raise ValueError(f"labels must lie in 0..{k - 1}")
    return np.eye(k)[y]
