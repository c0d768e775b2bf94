"""The vanishing-gradient scene: how big dL/dW is at each layer of a deep network.

One batch of seeded random inputs goes through an engine MLP (``depth`` hidden layers of
``width`` units, identity output, MSE loss against seeded random targets); the engine's
``backward_trace`` gives every layer's dL/dW, whose Euclidean norms are compared layer
by layer (first layer first). Each sigmoid layer multiplies the backward signal by
f'(z) <= 0.25, so the first layers of a deep sigmoid network learn slowly; ReLU passes
slope 1 where z > 0 but exactly 0 where z <= 0 (a unit negative for every input is dead);
LeakyReLU keeps a small slope there.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

from tui9.engine import INIT_NAMES, MLP
from tui9.scenes.base import Param, ParamProblem, Quantity, SceneSpec

VANISHING_ACTIVATIONS = ("sigmoid", "tanh", "relu", "leaky_relu")
#: The activations drawn side by side when ``compare`` is on.
COMPARED = ("sigmoid", "relu", "leaky_relu")


@dataclass(frozen=True)
class GradientProfile:
    """One network's backward pass, summarized per weight layer (first layer first)."""

    activation: str
    norms: tuple[float, ...]
    #: hidden units per hidden layer whose f'(z) is 0 for every input (they pass no gradient)
    dead: tuple[int, ...]
    #: hidden units per hidden layer whose z <= 0 for every input
    negative: tuple[int, ...]
    #: the largest f'(z) seen in any hidden unit for any input
    max_slope: float
    loss: float

    @property
    def first(self) -> float:
        return self.norms[0]

    @property
    def last(self) -> float:
        return self.norms[-1]

    @property
    def ratio(self) -> float:
        """first / last layer gradient norm (0 when the last is 0)."""
        return self.first / self.last if self.last > 0 else 0.0


@dataclass(frozen=True)
class VanishingModel:
    """Gradient norms per layer for the chosen activation (and the compared ones)."""

    depth: int
    width: int
    activation: str
    compare: bool
    init: str
    init_std: float
    bias: float
    slope: float
    batch: int
    seed: int

    def data(self) -> tuple[np.ndarray, np.ndarray]:
        """The seeded batch: inputs (batch, width) and targets (batch, 1), standard normal."""
        rng = np.random.default_rng(self.seed)
        X = rng.standard_normal((self.batch, self.width))
        T = rng.standard_normal((self.batch, 1))
        return X, T

    def network(self, activation: str) -> MLP:
        """The engine network for ``activation`` (same seed, init and bias for all)."""
        net = MLP(
            [self.width] * (self.depth + 1) + [1],
            activation=activation,
            output="identity",
            init=self.init,
            seed=self.seed,
            init_std=self.init_std,
            leaky_slope=self.slope,
        )
        for b in net.biases[:-1]:
            b[...] = self.bias
        return net

    def profile_for(self, activation: str) -> GradientProfile:
        """Backpropagate the batch's MSE through the network and summarize each layer."""
        X, T = self.data()
        tr = self.network(activation).backward_trace(X, T, loss="mse")
        hidden = tr.layers[:-1]
        fwd = tr.forward
        assert fwd is not None
        dead = tuple(int(np.all(g.da_dz == 0.0, axis=0).sum()) for g in hidden)
        negative = tuple(int(np.all(z <= 0.0, axis=0).sum()) for z in fwd.z[:-1])
        max_slope = max(float(g.da_dz.max()) for g in hidden)
        norms = tuple(float(n) for n in tr.grad_norms())
        return GradientProfile(activation, norms, dead, negative, max_slope, float(tr.loss))

    @cached_property
    def profiles(self) -> dict[str, GradientProfile]:
        """The chosen activation's profile first, then the compared ones (if ``compare``)."""
        names = [self.activation]
        if self.compare:
            names += [a for a in COMPARED if a != self.activation]
        return {a: self.profile_for(a) for a in names}

    @cached_property
    def _all_compared(self) -> dict[str, GradientProfile]:
        return {a: self.profiles.get(a) or self.profile_for(a) for a in COMPARED}

    @property
    def main(self) -> GradientProfile:
        """The chosen activation's profile."""
        return self.profiles[self.activation]

    def quantity(self, name: str) -> float | str:
        """A named quantity (see SPEC.quantities)."""
        p = self.main
        if name == "grad_ratio":
            return p.ratio
        if name == "first_layer_grad":
            return p.first
        if name == "last_layer_grad":
            return p.last
        if name == "dead_units":
            return float(sum(p.dead))
        if name == "negative_units":
            return float(sum(p.negative))
        if name == "max_slope":
            return p.max_slope
        if name == "bound_0_25_pow_n":
            return 0.25**self.depth
        if name == "smallest_first_grad":
            return min(self._all_compared.values(), key=lambda q: q.first).activation
        if name == "largest_first_grad":
            return max(self._all_compared.values(), key=lambda q: q.first).activation
        raise KeyError(name)


def _check(values: dict[str, Any]) -> list[ParamProblem]:
    if values["init"] == "zeros":
        return [("init", "zero weights pass no gradient backwards at all; pick another init")]
    if values["init"] == "normal" and values["init_std"] > 1.0:  # the only way to overflow
        with np.errstate(all="ignore"):
            model = _build(values)
            finite = all(
                math.isfinite(v) for p in model.profiles.values() for v in (*p.norms, p.loss)
            )
        if not finite:
            return [("init_std", "the gradients overflow; use a smaller init_std or fewer layers")]
    return []


def _build(values: dict[str, Any]) -> VanishingModel:
    return VanishingModel(
        **{
            k: values[k]
            for k in (
                "depth",
                "width",
                "activation",
                "compare",
                "init",
                "init_std",
                "bias",
                "slope",
                "batch",
                "seed",
            )
        }
    )


SPEC = SceneSpec(
    name="vanishing",
    summary="Gradient size per layer of a deep network: sigmoid vs ReLU vs LeakyReLU.",
    params=(
        Param("depth", "int", 8, "number of hidden layers", min=1, max=30, tunable=True),
        Param("width", "int", 16, "units per hidden layer (and inputs)", min=1, max=64),
        Param(
            "activation",
            "choice",
            "sigmoid",
            "the hidden layers' activation",
            choices=VANISHING_ACTIVATIONS,
            tunable=True,
        ),
        Param("compare", "bool", False, "also draw sigmoid, ReLU and LeakyReLU side by side"),
        Param(
            "init",
            "choice",
            "xavier",
            "weight initialization (normal uses init_std)",
            choices=INIT_NAMES,
            tunable=True,
        ),
        Param("init_std", "float", 0.01, "std of the normal init", min=1e-4, max=10.0),
        Param(
            "bias",
            "float",
            0.0,
            "every hidden bias starts here (negative kills ReLU units)",
            min=-10.0,
            max=10.0,
            tunable=True,
        ),
        Param(
            "slope", "float", 0.01, "LeakyReLU's slope for z < 0", min=0.0, max=1.0, tunable=True
        ),
        Param("batch", "int", 32, "inputs in the batch", min=1, max=512),
        Param("seed", "int", 0, "seed for weights, inputs and targets", min=0, max=2**31 - 1),
    ),
    quantities=(
        Quantity("grad_ratio", "||dL/dW|| of the first layer / that of the last (output) layer"),
        Quantity("first_layer_grad", "||dL/dW|| of the first layer"),
        Quantity("last_layer_grad", "||dL/dW|| of the last (output) layer"),
        Quantity(
            "dead_units",
            "hidden units whose f'(z) is 0 for every input of the batch "
            "(ReLU: z <= 0 everywhere); they pass no gradient",
        ),
        Quantity("negative_units", "hidden units whose z <= 0 for every input of the batch"),
        Quantity(
            "max_slope",
            "the largest f'(z) of any hidden unit for any input (sigmoid: at most 0.25)",
        ),
        Quantity(
            "bound_0_25_pow_n",
            "0.25^depth: the most that depth sigmoid slopes multiplied "
            "together can be (each f'(z) <= 0.25)",
        ),
        Quantity(
            "smallest_first_grad",
            "which of sigmoid / relu / leaky_relu gives the first layer the smallest gradient",
            kind="option",
        ),
        Quantity(
            "largest_first_grad",
            "which of sigmoid / relu / leaky_relu gives the first layer the largest gradient",
            kind="option",
        ),
    ),
    factory=_build,
    check=_check,
    option_values={"smallest_first_grad": COMPARED, "largest_first_grad": COMPARED},
)
