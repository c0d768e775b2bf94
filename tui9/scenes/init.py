"""The init scene: how weight initialization shapes each layer's activations.

A deep stack of equal-width layers (no biases; the engine's ``MLP`` with biases at zero) is
fed standard-normal random inputs, and every layer's activations are histogrammed. With
std 1 a sigmoid net saturates (mass at 0 and 1, where the slope is ~0); with std 0.01 the
activations collapse towards one value (0.5 for sigmoid, 0 for tanh/ReLU); Xavier (std
sqrt(1/n)) keeps sigmoid/tanh spread out and He (std sqrt(2/n)) does the same for ReLU.
Zero init makes every unit in a layer compute the same value (symmetry).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

from tui9.engine import MLP, get_activation
from tui9.scenes.base import Param, ParamProblem, Quantity, SceneSpec

#: Init presets: (engine init name, std for "normal").
INITS: dict[str, tuple[str, float]] = {
    "std1": ("normal", 1.0),
    "std0.01": ("normal", 0.01),
    "xavier": ("xavier", 0.0),
    "he": ("he", 0.0),
    "zeros": ("zeros", 0.0),
}
LABELS: dict[str, str] = {
    "std1": "std 1",
    "std0.01": "std 0.01",
    "xavier": "Xavier",
    "he": "He",
    "zeros": "zeros",
}
#: The inits compared by most_saturated / most_collapsed (zeros is about symmetry).
COMPARED: tuple[str, ...] = ("std1", "std0.01", "xavier", "he")
ACTIVATIONS: tuple[str, ...] = ("sigmoid", "tanh", "relu")
PEAK_SLOPE: dict[str, float] = {"sigmoid": 0.25, "tanh": 1.0, "relu": 1.0}
#: A unit is saturated when its slope f'(z) is below this fraction of the peak slope.
SATURATION = 0.1
#: layers x units x samples bound (the work of one forward pass; 4x the default).
MAX_WORK = 2_000_000


def _check(values: dict[str, Any]) -> list[ParamProblem]:
    work = values["layers"] * values["units"] * values["samples"]
    if work > MAX_WORK:
        return [
            (
                "samples",
                f"layers x units x samples = {work:,} is too much work; the limit is "
                f"{MAX_WORK:,} (use fewer samples, units or layers)",
            )
        ]
    return []


@dataclass(frozen=True)
class InitResult:
    """One init's forward pass: per-layer pre-activations and activations."""

    init: str
    z: tuple[np.ndarray, ...]
    a: tuple[np.ndarray, ...]


class InitModel:
    """Activations of every layer, for every init preset, on the same random inputs."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.activation: str = values["activation"]
        self.init: str = values["init"]
        self.layers: int = values["layers"]
        self.units: int = values["units"]
        self.samples: int = values["samples"]
        self.bins: int = values["bins"]
        self.seed: int = values["seed"]

    @cached_property
    def inputs(self) -> np.ndarray:
        """Standard-normal inputs (samples, units), seeded."""
        return np.random.default_rng(self.seed).standard_normal((self.samples, self.units))

    @cached_property
    def _results(self) -> dict[str, InitResult]:
        return {}

    def result(self, init: str | None = None) -> InitResult:
        """The forward pass for ``init`` (default: the scene's init), cached."""
        init = init or self.init
        if init not in self._results:
            name, std = INITS[init]
            net = MLP(
                [self.units] * (self.layers + 1),
                activation=self.activation,
                output=self.activation,
                init=name,
                seed=self.seed,
                init_std=std,
            )
            tr = net.forward_trace(self.inputs)
            self._results[init] = InitResult(init, tuple(tr.z), tuple(tr.a))
        return self._results[init]

    def hist_range(self, init: str | None = None) -> tuple[float, float]:
        """The x range of the histograms: the activation's range (ReLU: up to the 99th pct)."""
        if self.activation == "sigmoid":
            return 0.0, 1.0
        if self.activation == "tanh":
            return -1.0, 1.0
        top = max(float(np.percentile(a, 99)) for a in self.result(init).a)
        return 0.0, top if top > 0 else 1.0

    def histogram(self, layer: int, init: str | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(bin centres, fraction of activations per bin) of layer ``layer`` (0-based).

        Values outside the range land in the end bins, so fractions sum to 1.
        """
        lo, hi = self.hist_range(init)
        a = np.clip(self.result(init).a[layer].ravel(), lo, hi)
        counts, edges = np.histogram(a, bins=self.bins, range=(lo, hi))
        return (edges[:-1] + edges[1:]) / 2, counts / a.size

    def saturated(self, layer: int | None = None, init: str | None = None) -> float:
        """Fraction of units (all layers, or one) whose slope is below 10% of the peak."""
        zs = self.result(init).z
        zs = zs if layer is None else (zs[layer],)
        act = get_activation(self.activation)
        limit = SATURATION * PEAK_SLOPE[self.activation]
        flat = np.concatenate([z.ravel() for z in zs])
        return float(np.mean(act.df(flat) < limit))

    def layer_std(self, layer: int, init: str | None = None) -> float:
        """Standard deviation of one layer's activations."""
        return float(np.std(self.result(init).a[layer]))

    def unit_spread(self, init: str | None = None) -> float:
        """Mean over inputs of the std across the last layer's units (0 = all units equal)."""
        return float(np.mean(np.std(self.result(init).a[-1], axis=1)))

    def quantity(self, name: str) -> float | str:
        """A named quantity (see SPEC.quantities)."""
        last = self.layers - 1
        if name == "saturated_fraction":
            return self.saturated()
        if name == "last_saturated_fraction":
            return self.saturated(last)
        if name == "last_std":
            return self.layer_std(last)
        if name == "first_std":
            return self.layer_std(0)
        if name == "last_mean":
            return float(np.mean(self.result().a[last]))
        if name == "unit_spread":
            return self.unit_spread()
        if name == "most_saturated":
            return max(COMPARED, key=lambda i: self.saturated(init=i))
        if name == "most_collapsed":
            return min(COMPARED, key=lambda i: self.layer_std(last, i))
        raise KeyError(name)


SPEC = SceneSpec(
    name="init",
    summary="Histograms of each layer's activations for different weight initializations.",
    params=(
        Param(
            "activation", "choice", "sigmoid", "the activation of every layer", choices=ACTIVATIONS
        ),
        Param(
            "init",
            "choice",
            "std1",
            "std1, std0.01 (normal with that std), xavier (sqrt(1/n)), he (sqrt(2/n)), zeros",
            choices=tuple(INITS),
            tunable=True,
        ),
        Param("layers", "int", 5, "number of layers", min=1, max=10),
        Param("units", "int", 100, "units per layer (also the input size)", min=2, max=300),
        Param("samples", "int", 1000, "random inputs fed through", min=10, max=5000),
        Param("bins", "int", 20, "histogram bins", min=5, max=50),
        Param("seed", "int", 0, "seed for inputs and weights", min=0, max=1_000_000),
    ),
    quantities=(
        Quantity(
            "saturated_fraction",
            "fraction of all activations whose slope f'(z) is below 10% of its peak "
            "(sigmoid/tanh: flat tails; ReLU: z <= 0)",
        ),
        Quantity("last_saturated_fraction", "the same fraction in the last layer only"),
        Quantity("last_std", "standard deviation of the last layer's activations"),
        Quantity("first_std", "standard deviation of the first layer's activations"),
        Quantity("last_mean", "mean of the last layer's activations"),
        Quantity(
            "unit_spread",
            "mean over inputs of the std across the last layer's units (0: every unit equal)",
        ),
        Quantity(
            "most_saturated",
            "of std1, std0.01, xavier, he: the init with the largest saturated fraction",
            "option",
        ),
        Quantity(
            "most_collapsed",
            "of std1, std0.01, xavier, he: the init whose last layer has the smallest std",
            "option",
        ),
    ),
    factory=InitModel,
    check=_check,
    option_values={"most_saturated": COMPARED, "most_collapsed": COMPARED},
)
