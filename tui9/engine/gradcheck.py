"""Numerical gradients by central differences, and a per-parameter check of backprop."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from .network import MLP


def numerical_gradient(f: Callable[[], float], x: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    """Central difference (f(x + eps) - f(x - eps)) / 2 eps of scalar ``f()`` w.r.t. ``x``.

    ``x`` is perturbed in place one element at a time (so ``f`` must read it) and restored.
    """
    grad = np.zeros(x.shape)
    for idx in np.ndindex(x.shape):
        old = x[idx]
        x[idx] = old + eps
        up = f()
        x[idx] = old - eps
        down = f()
        x[idx] = old
        grad[idx] = (up - down) / (2.0 * eps)
    return grad


def relative_error(a: np.ndarray, b: np.ndarray) -> float:
    """|a - b| / (|a| + |b|) with Euclidean norms; 0 when both are zero."""
    den = float(np.linalg.norm(a) + np.linalg.norm(b))
    return 0.0 if den == 0.0 else float(np.linalg.norm(a - b)) / den


@dataclass(frozen=True)
class GradCheck:
    """One parameter's analytic (backprop) and numeric gradients."""

    name: str
    analytic: np.ndarray
    numeric: np.ndarray
    rel_error: float


def check_gradients(
    net: MLP,
    X: np.ndarray,
    T: np.ndarray,
    loss: str = "mse",
    l2: float = 0.0,
    eps: float = 1e-6,
) -> list[GradCheck]:
    """Compare backprop with central differences for W1, b1, W2, b2, ..."""
    _, grads = net.loss_and_grads(X, T, loss=loss, l2=l2)

    def f() -> float:
        return net.loss(X, T, loss=loss, l2=l2)

    out: list[GradCheck] = []
    for i, (W, b) in enumerate(zip(net.weights, net.biases, strict=True)):
        for kind, p, g in (("W", W, grads["W"][i]), ("b", b, grads["b"][i])):
            num = numerical_gradient(f, p, eps)
            out.append(GradCheck(f"{kind}{i + 1}", g, num, relative_error(g, num)))
    return out
