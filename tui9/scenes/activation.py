"""The activation scene: f(z) and f'(z) side by side, read at a cursor the student moves.

Every value comes from the engine's activation (``get_activation``). The largest slope
over the shown range is found on a fine symmetric grid (which contains z = 0 exactly),
so sigmoid's peak reads 0.25 — not "about 0.3".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from tui9.engine.activations import ACTIVATION_NAMES, Activation, get_activation
from tui9.scenes.base import Param, ParamProblem, Quantity, SceneSpec

#: Points on the grid used for max f' (odd, so the symmetric grid holds z = 0).
GRID_POINTS = 8001

FORMULAS: dict[str, tuple[str, str]] = {
    "identity": ("f(z) = z", "f'(z) = 1"),
    "step": ("f(z) = 1 if z > 0 else 0", "f'(z) = 0 (z != 0)"),
    "sigmoid": ("f(z) = 1 / (1 + e^-z)", "f'(z) = f(z) (1 - f(z))"),
    "tanh": ("f(z) = tanh z", "f'(z) = 1 - tanh(z)^2"),
    "relu": ("f(z) = max(0, z)", "f'(z) = 1 if z > 0 else 0"),
    "leaky_relu": ("f(z) = z if z > 0 else s z", "f'(z) = 1 if z > 0 else s"),
}


@dataclass(frozen=True)
class ActivationModel:
    """One activation over z in [-range, range], with a cursor starting at ``z``."""

    activation: str
    z: float
    range: float
    slope: float
    cursor_step: float
    show_max: bool = True

    @property
    def fn(self) -> Activation:
        """The engine activation this scene draws."""
        return get_activation(self.activation, slope=self.slope)

    def formulas(self) -> tuple[str, str]:
        """(f formula, f' formula) in plain text; leaky's s is substituted."""
        f, df = FORMULAS[self.activation]
        if self.activation == "leaky_relu":
            s = f"{self.slope:g}"
            f, df = f.replace("s z", f"{s} z"), df.replace("else s", f"else {s}")
        return f, df

    def slope_numbers(self, z: float) -> str:
        """f'(z) written with the numbers substituted (before its value)."""
        f = self.at(z)[0]
        act = self.activation
        if act == "sigmoid":
            return f"{f:.3f} × (1 − {f:.3f})"
        if act == "tanh":
            return f"1 − {f:.3f}²" if f >= 0 else f"1 − ({f:.3f})²"
        if act in ("relu", "leaky_relu"):
            return (
                "z > 0 → 1"
                if z > 0
                else ("z ≤ 0 → 0" if act == "relu" else f"z ≤ 0 → {self.slope:g}")
            )
        if act == "step":
            return "flat: 0 everywhere except z = 0"
        return "slope 1 everywhere"

    def at(self, z: float) -> tuple[float, float]:
        """(f(z), f'(z)) from the engine."""
        arr = np.array([float(z)])
        return float(self.fn.f(arr)[0]), float(self.fn.df(arr)[0])

    def clamp(self, z: float) -> float:
        """``z`` limited to the shown range."""
        return float(min(max(z, -self.range), self.range))

    def grid(self, n: int = GRID_POINTS) -> np.ndarray:
        """A symmetric grid over [-range, range] (odd ``n`` puts a point at z = 0)."""
        zs = np.linspace(-self.range, self.range, n)
        if n % 2:
            zs[n // 2] = 0.0
        return zs

    def curves(self, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(z, f(z), f'(z)) on ``n`` points, for plotting (all finite)."""
        zs = self.grid(max(int(n), 3))
        return zs, self.fn.f(zs), self.fn.df(zs)

    def max_df(self) -> tuple[float, float]:
        """(max f' over the range, the smallest z where it is reached) on the fine grid."""
        zs = self.grid()
        d = self.fn.df(zs)
        i = int(np.argmax(d))
        return float(d[i]), float(zs[i])

    def quantity(self, name: str) -> float | str:
        """A named quantity (see SPEC.quantities)."""
        if name == "f_at_z":
            return self.at(self.z)[0]
        if name == "df_at_z":
            return self.at(self.z)[1]
        if name == "max_df":
            return self.max_df()[0]
        if name == "argmax_df":
            return self.max_df()[1]
        if name == "df_at_minus_range":
            return self.at(-self.range)[1]
        raise KeyError(name)


def _check(values: dict[str, Any]) -> list[ParamProblem]:
    if abs(values["z"]) > values["range"]:
        return [
            (
                "z",
                f"must lie within [-range, range] = [-{values['range']:g}, "
                f"{values['range']:g}], got {values['z']:g}",
            )
        ]
    return []


def _build(values: dict[str, Any]) -> ActivationModel:
    return ActivationModel(
        activation=values["activation"],
        z=values["z"],
        range=values["range"],
        slope=values["slope"],
        cursor_step=values["cursor_step"],
        show_max=values["show_max"],
    )


SPEC = SceneSpec(
    name="activation",
    summary="An activation f(z) and its derivative f'(z), read at a movable cursor.",
    params=(
        Param(
            "activation",
            "choice",
            "sigmoid",
            "the activation function to draw",
            choices=ACTIVATION_NAMES,
            tunable=True,
        ),
        Param(
            "z",
            "float",
            0.0,
            "where the cursor starts (within [-range, range])",
            min=-50.0,
            max=50.0,
            tunable=True,
        ),
        Param("range", "float", 6.0, "the plots show z from -range to range", min=1.0, max=50.0),
        Param(
            "slope", "float", 0.01, "LeakyReLU's slope for z < 0", min=0.0, max=1.0, tunable=True
        ),
        Param(
            "cursor_step",
            "float",
            0.5,
            "how far one cursor key press (or step) moves z",
            min=0.01,
            max=10.0,
        ),
        Param(
            "show_max",
            "bool",
            True,
            "show max f' under the plots (false: the student finds it with the cursor)",
        ),
    ),
    quantities=(
        Quantity("f_at_z", "f(z) at the cursor's start z"),
        Quantity("df_at_z", "f'(z), the slope, at the cursor's start z"),
        Quantity("max_df", "the largest f'(z) over [-range, range] (sigmoid: exactly 0.25)"),
        Quantity("argmax_df", "the smallest z in the range where f' reaches max_df (sigmoid: 0)"),
        Quantity(
            "df_at_minus_range",
            "f'(-range), the slope far on the negative side (ReLU: 0, LeakyReLU: slope)",
        ),
    ),
    factory=_build,
    check=_check,
)
