"""The optimizers scene: SGD, Momentum, AdaGrad, RMSprop and Adam racing on a 2-D surface.

Every trajectory is produced by the engine's ``make_optimizer`` stepping through
``surfaces.descend`` — the same update code that trains networks — from one start point.
The default is the textbook race on f(x, y) = x^2/20 + y^2 from (-7, 2).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

from tui9.engine import make_optimizer, surfaces
from tui9.scenes.base import Param, ParamProblem, Quantity, SceneSpec

OPTIMIZERS: tuple[str, ...] = ("sgd", "momentum", "adagrad", "rmsprop", "adam")
LABELS: dict[str, str] = {
    "sgd": "SGD",
    "momentum": "Momentum",
    "adagrad": "AdaGrad",
    "rmsprop": "RMSprop",
    "adam": "Adam",
}
#: The textbook race's learning rates (RMSprop's is ours: the book does not race it).
DEFAULT_LR: dict[str, float] = {
    "sgd": 0.95,
    "momentum": 0.1,
    "adagrad": 1.5,
    "rmsprop": 0.1,
    "adam": 0.3,
}
SURFACE_NAMES: tuple[str, ...] = ("bowl", "rosenbrock", "saddle")
#: A coordinate beyond this counts as diverged; the trajectory freezes at its last sane point.
DIVERGED = 1e6
#: Zigzag: sign changes of y are counted only while |y| is above this (ignores rounding noise).
ZIGZAG_EPS = 1e-9


def _finite(x: float) -> float:
    """``x`` if finite, else a large finite stand-in (no nan/inf ever leaves the model)."""
    if math.isnan(x):
        return 0.0
    return float(min(max(x, -DIVERGED), DIVERGED))


@dataclass(frozen=True)
class Run:
    """One optimizer's trajectory: positions, values and state after each update.

    ``points[k]`` is the position after k updates (``points[0]`` = start);
    ``states[k]`` maps a state name (v, h, m, v, m_hat, v_hat) to its (x, y) after k updates.
    """

    name: str
    lr: float
    points: np.ndarray
    values: np.ndarray
    states: tuple[dict[str, tuple[float, float]], ...]
    #: The first update index whose position was not finite or beyond DIVERGED, else None.
    diverged_at: int | None


class OptimizersModel:
    """The race: every optimizer run for ``steps`` updates on one surface."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.surface_name: str = values["surface"]
        self.surface = surfaces.SURFACES[self.surface_name]
        self.shown: tuple[str, ...] = tuple(values["optimizers"])
        self.lrs: dict[str, float] = {n: float(values[f"lr_{n}"]) for n in OPTIMIZERS}
        self.momentum: float = float(values["momentum"])
        self.decay: float = float(values["decay"])
        self.steps: int = int(values["steps"])
        start = values["start"]
        self.start: tuple[float, float] = (float(start[0]), float(start[1]))

    # ----------------------------------------------------------------- runs
    def optimizer(self, name: str) -> Any:
        """A fresh engine optimizer for ``name`` with this scene's settings."""
        if name == "momentum":
            return make_optimizer(name, lr=self.lrs[name], momentum=self.momentum)
        if name == "rmsprop":
            return make_optimizer(name, lr=self.lrs[name], decay=self.decay)
        return make_optimizer(name, lr=self.lrs[name])

    @cached_property
    def runs(self) -> dict[str, Run]:
        """Every optimizer's run (all five, so every quantity exists whatever is shown)."""
        return {name: self._run(name) for name in OPTIMIZERS}

    def _run(self, name: str) -> Run:
        with np.errstate(all="ignore"):
            traj = surfaces.descend(self.surface, self.optimizer(name), self.start, self.steps)
        pts = np.asarray(traj.points, dtype=float).reshape(-1, 2)
        vals = np.asarray(traj.values, dtype=float).reshape(-1)
        states = [_state_xy(s) for s in traj.states]
        if len(states) == len(pts) - 1:
            zero = {k: (0.0, 0.0) for k in states[0]} if states else {}
            states = [zero, *states]
        bad = ~np.all(np.isfinite(pts), axis=1) | np.any(np.abs(pts) > DIVERGED, axis=1)
        diverged_at: int | None = None
        if bad.any():
            diverged_at = int(np.argmax(bad))
            last = max(diverged_at - 1, 0)
            pts[diverged_at:] = pts[last]
            vals[diverged_at:] = vals[last]
            states[diverged_at:] = [states[last]] * (len(states) - diverged_at)
        vals = np.where(np.isfinite(vals), vals, DIVERGED)
        return Run(name, self.lrs[name], pts, vals, tuple(states), diverged_at)

    # ------------------------------------------------------------ derived
    @property
    def target(self) -> tuple[float, float]:
        """The surface's minimum (for the saddle, which has none: the saddle point (0, 0))."""
        m = self.surface.minimum
        return (0.0, 0.0) if m is None else (float(m[0]), float(m[1]))

    def grad(self, x: float, y: float) -> tuple[float, float]:
        """The surface's gradient at (x, y), from the engine."""
        g = np.asarray(self.surface.grad(x, y), dtype=float).reshape(-1)
        return float(g[0]), float(g[1])

    def f(self, x: float, y: float) -> float:
        """The surface's value at (x, y)."""
        return float(np.asarray(self.surface.f(x, y), dtype=float).reshape(-1)[0])

    def position(self, name: str, k: int | None = None) -> tuple[float, float]:
        """Where ``name`` is after ``k`` updates (default: all ``steps``)."""
        pts = self.runs[name].points
        k = len(pts) - 1 if k is None else max(0, min(k, len(pts) - 1))
        return _finite(pts[k, 0]), _finite(pts[k, 1])

    def state(self, name: str, k: int) -> dict[str, tuple[float, float]]:
        """``name``'s optimizer state after ``k`` updates (empty for SGD)."""
        st = self.runs[name].states
        return st[max(0, min(k, len(st) - 1))] if st else {}

    def distance(self, name: str, k: int | None = None) -> float:
        """Euclidean distance from the surface's minimum after ``k`` updates."""
        x, y = self.position(name, k)
        mx, my = self.target
        return _finite(math.hypot(x - mx, y - my))

    def zigzag(self, name: str) -> int:
        """How often y changes sign along ``name``'s trajectory."""
        ys = self.runs[name].points[:, 1]
        signs = np.sign(np.where(np.abs(ys) > ZIGZAG_EPS, ys, 0.0))
        signs = signs[signs != 0]
        return int(np.count_nonzero(signs[1:] != signs[:-1]))

    def closest(self) -> str:
        """The shown optimizer that ends nearest the minimum (ties: first listed)."""
        return min(self.shown, key=lambda n: (self.distance(n), self.shown.index(n)))

    def effective_lr(self, name: str, axis: int, k: int | None = None) -> float:
        """AdaGrad's / RMSprop's step scale lr / (sqrt(h) + eps) after ``k`` updates."""
        opt = self.optimizer(name)
        st = self.state(name, self.steps if k is None else k)
        h = max(st["h"][axis], 0.0) if "h" in st else 0.0
        return _finite(self.lrs[name] / (math.sqrt(h) + opt.eps))

    def _state1(self, name: str, key: str, axis: int) -> float:
        st = self.state(name, 1)
        if key not in st:
            raise KeyError(f"the engine's {name} optimizer has no state {key!r}")
        return _finite(st[key][axis])

    # ------------------------------------------------------------ quantities
    def quantity(self, name: str) -> float | str:
        """One of the declared quantities (see SPEC)."""
        if name == "closest":
            return self.closest()
        gx, gy = self.grad(*self.start)
        fixed: dict[str, float] = {
            "grad_x": gx,
            "grad_y": gy,
            "v1_x": self._state1("momentum", "v", 0),
            "v1_y": self._state1("momentum", "v", 1),
            "h1_x": self._state1("adagrad", "h", 0),
            "h1_y": self._state1("adagrad", "h", 1),
            "m1_y": self._state1("adam", "m", 1),
            "m_hat1_y": self._state1("adam", "m_hat", 1),
            "adagrad_lr_x": self.effective_lr("adagrad", 0),
            "rmsprop_lr_x": self.effective_lr("rmsprop", 0),
            "zigzag_sgd": float(self.zigzag("sgd")),
            "zigzag_momentum": float(self.zigzag("momentum")),
        }
        if name in fixed:
            return _finite(fixed[name])
        kind, _, opt = name.partition("_")
        if opt in OPTIMIZERS:
            if kind == "x":
                return self.position(opt)[0]
            if kind == "y":
                return self.position(opt)[1]
            if kind == "dist":
                return self.distance(opt)
            if kind == "f":
                return _finite(float(self.runs[opt].values[-1]))
            if kind == "x1":
                return self.position(opt, 1)[0]
            if kind == "y1":
                return self.position(opt, 1)[1]
        raise KeyError(f"unknown quantity {name!r} for scene 'optimizers'")


def _state_xy(state: Any) -> dict[str, tuple[float, float]]:
    """An engine state snapshot as {name: (x, y)} (each state is one array per parameter)."""
    out: dict[str, tuple[float, float]] = {}
    for key, val in dict(state).items():
        arr = np.asarray(val, dtype=float).reshape(-1)
        if arr.size >= 2:
            out[key] = (float(arr[0]), float(arr[1]))
    return out


def _check(values: dict[str, Any]) -> list[ParamProblem]:
    problems: list[ParamProblem] = []
    surface = surfaces.SURFACES[values["surface"]]
    if len(set(values["optimizers"])) != len(values["optimizers"]):
        problems.append(("optimizers", "lists an optimizer twice"))
    if values["focus"] != "auto" and values["focus"] not in values["optimizers"]:
        problems.append(("focus", f"{values['focus']!r} is not one of the listed optimizers"))
    start = values["start"]
    (x0, x1), (y0, y1) = _bounds(surface)
    if not (x0 <= start[0] <= x1 and y0 <= start[1] <= y1):
        usual = ", ".join(f"{v:g}" for v in surface.start)
        problems.append(
            (
                "start",
                f"({start[0]:g}, {start[1]:g}) is outside the {values['surface']} surface's "
                f"plot (x {x0:g}..{x1:g}, y {y0:g}..{y1:g}); its usual start is [{usual}]",
            )
        )
    return problems


def _bounds(surface: Any) -> tuple[tuple[float, float], tuple[float, float]]:
    """((x_min, x_max), (y_min, y_max)) of the surface's plot."""
    (x0, x1), (y0, y1) = surface.bounds
    return (float(x0), float(x1)), (float(y0), float(y1))


def _opt_quantities() -> tuple[Quantity, ...]:
    out: list[Quantity] = []
    for n in OPTIMIZERS:
        lab = LABELS[n]
        out += [
            Quantity(f"x_{n}", f"{lab}'s x after `steps` updates"),
            Quantity(f"y_{n}", f"{lab}'s y after `steps` updates"),
            Quantity(f"x1_{n}", f"{lab}'s x after its first update"),
            Quantity(f"y1_{n}", f"{lab}'s y after its first update"),
            Quantity(
                f"dist_{n}",
                f"{lab}'s distance to the minimum (saddle: to (0, 0)) after `steps` updates",
            ),
            Quantity(f"f_{n}", f"f(x, y) at {lab}'s position after `steps` updates"),
        ]
    return tuple(out)


def _lr_params() -> tuple[Param, ...]:
    return tuple(
        Param(
            f"lr_{n}",
            "float",
            DEFAULT_LR[n],
            f"{LABELS[n]}'s learning rate",
            min=0.0,
            max=10.0,
            tunable=True,
        )
        for n in OPTIMIZERS
    )


SPEC = SceneSpec(
    name="optimizers",
    summary=(
        "SGD, Momentum, AdaGrad, RMSprop and Adam stepping on a 2-D surface over its contour, "
        "one update per key press, each optimizer's state (v, h, m, v-hat) shown as numbers."
    ),
    params=(
        Param(
            "surface",
            "choice",
            "bowl",
            "bowl: f = x^2/20 + y^2; rosenbrock: (1-x)^2 + 100 (y-x^2)^2; saddle: x^2 - y^2",
            choices=SURFACE_NAMES,
        ),
        Param(
            "optimizers",
            "choice_list",
            list(OPTIMIZERS),
            "the optimizers drawn (in this order)",
            choices=OPTIMIZERS,
            max_len=len(OPTIMIZERS),
        ),
        *_lr_params(),
        Param(
            "momentum",
            "float",
            0.9,
            "Momentum's alpha in v <- alpha v - lr g",
            min=0.0,
            max=0.999,
            tunable=True,
        ),
        Param(
            "decay", "float", 0.99, "RMSprop's decay rate for h", min=0.0, max=0.9999, tunable=True
        ),
        Param("steps", "int", 30, "updates each optimizer makes", min=1, max=500, tunable=True),
        Param(
            "focus",
            "choice",
            "auto",
            "whose update is written out with its numbers (auto = the last listed)",
            choices=("auto", *OPTIMIZERS),
        ),
        Param(
            "start",
            "vector",
            [-7.0, 2.0],
            "start [x, y] (the textbook's (-7, 2) on the bowl; rosenbrock: try [-1.5, 2])",
            shape=(2,),
            min=-1000.0,
            max=1000.0,
        ),
    ),
    quantities=(
        Quantity("grad_x", "df/dx at the start"),
        Quantity("grad_y", "df/dy at the start"),
        Quantity("v1_x", "Momentum's velocity v (x) after 1 update: -lr * df/dx at the start"),
        Quantity("v1_y", "Momentum's velocity v (y) after 1 update: -lr * df/dy at the start"),
        Quantity("h1_x", "AdaGrad's h (x) after 1 update: (df/dx)^2 at the start"),
        Quantity("h1_y", "AdaGrad's h (y) after 1 update: (df/dy)^2 at the start"),
        Quantity("m1_y", "Adam's m (y) after 1 update: (1 - beta1) * df/dy = 0.1 * df/dy"),
        Quantity("m_hat1_y", "Adam's bias-corrected m-hat (y) after 1 update: m / (1 - beta1)"),
        Quantity(
            "adagrad_lr_x",
            "AdaGrad's effective step size in x after `steps` updates: lr / (sqrt(h_x) + eps)",
        ),
        Quantity(
            "rmsprop_lr_x",
            "RMSprop's effective step size in x after `steps` updates: lr / (sqrt(h_x) + eps)",
        ),
        Quantity("zigzag_sgd", "how many times SGD's y changes sign over `steps` updates"),
        Quantity("zigzag_momentum", "how many times Momentum's y changes sign"),
        *_opt_quantities(),
        Quantity(
            "closest",
            "which shown optimizer ends nearest the minimum after `steps` updates",
            kind="option",
        ),
    ),
    factory=OptimizersModel,
    check=_check,
    option_values={"closest": OPTIMIZERS},
)
