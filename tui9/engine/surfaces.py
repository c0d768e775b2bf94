"""2-D test functions for the optimizer lessons, and gradient descent on them.

``descend`` drives the SAME optimizer classes that train networks, with the point as
the single parameter ``[np.array([x, y])]``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .optim import Optimizer

Number = float | np.ndarray


@dataclass(frozen=True)
class Surface:
    """f(x, y) with its gradient, a start point, a plotting box and the minimum (if any)."""

    name: str
    formula: str
    _f: Callable[[Number, Number], Number]
    _grad: Callable[[Number, Number], tuple[Number, Number]]
    start: tuple[float, float]
    bounds: tuple[tuple[float, float], tuple[float, float]]
    minimum: tuple[float, float] | None

    def f(self, x: Number, y: Number) -> Number:
        """Value at (x, y); scalars or broadcastable arrays."""
        return self._f(x, y)

    def grad(self, x: Number, y: Number) -> tuple[Number, Number]:
        """(df/dx, df/dy) at (x, y)."""
        return self._grad(x, y)


SURFACES: dict[str, Surface] = {
    "bowl": Surface(
        "bowl",
        "x^2/20 + y^2",
        lambda x, y: x * x / 20.0 + y * y,
        lambda x, y: (x / 10.0, 2.0 * y),
        start=(-7.0, 2.0),
        bounds=((-10.0, 10.0), (-5.0, 5.0)),
        minimum=(0.0, 0.0),
    ),
    "rosenbrock": Surface(
        "rosenbrock",
        "(1 - x)^2 + 100 (y - x^2)^2",
        lambda x, y: (1.0 - x) ** 2 + 100.0 * (y - x * x) ** 2,
        lambda x, y: (-2.0 * (1.0 - x) - 400.0 * x * (y - x * x), 200.0 * (y - x * x)),
        start=(-1.5, 2.0),
        bounds=((-2.0, 2.0), (-1.0, 3.0)),
        minimum=(1.0, 1.0),
    ),
    "saddle": Surface(
        "saddle",
        "x^2 - y^2",
        lambda x, y: x * x - y * y,
        lambda x, y: (2.0 * x, -2.0 * y),
        start=(-2.0, 0.01),
        bounds=((-3.0, 3.0), (-3.0, 3.0)),
        minimum=None,  # a saddle point at (0, 0); no minimum
    ),
}


@dataclass(frozen=True)
class Trajectory:
    """points (steps + 1, 2) from the start; values f at each point; states[i] is a copy of
    the optimizer's state after step i + 1 (name -> array of shape (2,))."""

    points: np.ndarray
    values: np.ndarray
    states: list[dict[str, np.ndarray]]


def descend(
    surface: Surface,
    optimizer: Optimizer,
    start: tuple[float, float] | None = None,
    steps: int = 30,
) -> Trajectory:
    """Reset ``optimizer`` and run it ``steps`` times on ``surface`` from ``start``."""
    optimizer.reset()
    p = np.array(surface.start if start is None else start, dtype=np.float64)
    g = np.empty(2)
    points = np.empty((steps + 1, 2))
    points[0] = p
    states: list[dict[str, np.ndarray]] = []
    with np.errstate(all="ignore"):
        for i in range(steps):
            gx, gy = surface.grad(p[0], p[1])
            g[0], g[1] = gx, gy
            optimizer.step([p], [g])
            points[i + 1] = p
            states.append({k: v[0].copy() for k, v in optimizer.state.items()})
        values = np.asarray(surface.f(points[:, 0], points[:, 1]), dtype=np.float64)
    return Trajectory(points=points, values=values, states=states)
