"""The network scene: a two-layer perceptron's forward pass, one neuron at a time.

h = f(W1 x + b1), then y = g(W2 h + b2). Each neuron's computation is kept whole: the
row of W, the inputs, their products, the sum, the bias, z and the activation, so the
widget can show formula, substituted numbers and result together. Weights are given as
matrices (the default is a hand-built XOR network: hidden units OR and NAND, output AND)
or drawn by the engine's seeded initializer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from tui9.engine import MLP
from tui9.scenes.base import Param, ParamProblem, Quantity, SceneSpec
from tui9.scenes.perceptron import GATE_KEYS, GATES, INPUTS, gate_name

MAX_IN, MAX_HIDDEN, MAX_OUT = 4, 4, 3

HIDDEN_ACTS = ("step", "sigmoid", "tanh", "relu", "leaky_relu", "identity")
OUTPUT_ACTS = ("identity", "step", "sigmoid")


@dataclass(frozen=True)
class NeuronCalc:
    """One neuron's forward computation: a = act(sum_i w_i x_i + bias)."""

    layer: int
    index: int
    weights: tuple[float, ...]
    inputs: tuple[float, ...]
    products: tuple[float, ...]
    total: float
    bias: float
    z: float
    act: str
    a: float


@dataclass(frozen=True)
class NetworkModel:
    """A 2-layer MLP with explicit weights, evaluated at the input ``x``."""

    W1: np.ndarray
    b1: np.ndarray
    W2: np.ndarray
    b2: np.ndarray
    x: np.ndarray
    activation: str
    output: str

    @property
    def sizes(self) -> tuple[int, int, int]:
        """(inputs, hidden units, outputs)."""
        return self.W1.shape[1], self.W1.shape[0], self.W2.shape[0]

    def net(self) -> MLP:
        """The engine network carrying these weights."""
        n, h, m = self.sizes
        net = MLP([n, h, m], activation=self.activation, output=self.output, init="zeros")
        for live, W in zip(net.weights, (self.W1, self.W2), strict=True):
            live[...] = W
        for live, b in zip(net.biases, (self.b1, self.b2), strict=True):
            live[...] = b
        return net

    def forward(self, X: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(z1, h, z2, y) for a batch X of shape (batch, n), from the engine's forward trace."""
        tr = self.net().forward_trace(X)
        return tr.z[0], tr.a[0], tr.z[1], tr.a[1]

    def neurons(self) -> list[NeuronCalc]:
        """Every neuron's computation for ``x``: hidden units first, then outputs."""
        z1, h, z2, y = (v[0] for v in self.forward(self.x[None, :]))
        calcs = []
        for layer, W, b, inp, z, a, act in (
            (1, self.W1, self.b1, self.x, z1, h, self.activation),
            (2, self.W2, self.b2, h, z2, y, self.output),
        ):
            for j in range(W.shape[0]):
                prods = W[j] * inp
                calcs.append(
                    NeuronCalc(
                        layer=layer,
                        index=j,
                        weights=tuple(float(v) for v in W[j]),
                        inputs=tuple(float(v) for v in inp),
                        products=tuple(float(v) for v in prods),
                        total=float(prods.sum()),
                        bias=float(b[j]),
                        z=float(z[j]),
                        act=act,
                        a=float(a[j]),
                    )
                )
        return calcs

    def gate_outputs(self) -> tuple[int, ...]:
        """The network's answer (1 when y_0 > 0.5) on the four inputs (0,0) .. (1,1)."""
        n, _, m = self.sizes
        if n != 2 or m != 1:
            raise ValueError("gate quantities need 2 inputs and 1 output")
        y = self.forward(np.array(INPUTS, dtype=np.float64))[3][:, 0]
        return tuple(int(v > 0.5) for v in y)

    def quantity(self, name: str) -> float | str:
        """A named quantity (see SPEC.quantities)."""
        if name == "xor_errors":
            return float(
                sum(a != t for a, t in zip(self.gate_outputs(), GATES["xor"], strict=True))
            )
        if name == "gate":
            return gate_name(self.gate_outputs())
        z1, h, z2, y = (v[0] for v in self.forward(self.x[None, :]))
        arrays = {"z1": z1, "h": h, "z2": z2, "y": y}
        prefix, _, idx = name.rpartition("_")
        if prefix in arrays and idx.isdigit():
            arr = arrays[prefix]
            i = int(idx)
            if i >= arr.shape[0]:
                raise ValueError(f"{name}: this network has only {arr.shape[0]} such values")
            return float(arr[i])
        raise KeyError(name)


def _shape_problems(values: dict[str, Any]) -> list[ParamProblem]:
    """Shapes must chain: W1 (h x n) with n = len(x), b1 (h), W2 (m x h), b2 (m)."""
    n = len(values["x"])
    if values["init"] != "given":
        sizes = values["sizes"]
        if len(sizes) != 3:
            return [
                ("sizes", f"must list 3 layer sizes [inputs, hidden, outputs], got {len(sizes)}")
            ]
        probs = []
        if sizes[0] != n:
            probs.append(("sizes[0]", f"must equal len(x) = {n}, got {sizes[0]}"))
        for key, size, cap in (("sizes[1]", sizes[1], MAX_HIDDEN), ("sizes[2]", sizes[2], MAX_OUT)):
            if size > cap:
                probs.append((key, f"must be at most {cap} (to fit the screen), got {size}"))
        return probs
    W1, b1, W2, b2 = values["W1"], values["b1"], values["W2"], values["b2"]
    h, w1_cols = len(W1), len(W1[0])
    m, w2_cols = len(W2), len(W2[0])
    probs: list[ParamProblem] = []
    if n > MAX_IN:
        probs.append(("x", f"may have at most {MAX_IN} entries (to fit the screen), got {n}"))
    if h > MAX_HIDDEN:
        probs.append(("W1", f"may have at most {MAX_HIDDEN} rows (hidden units), got {h}"))
    if m > MAX_OUT:
        probs.append(("W2", f"may have at most {MAX_OUT} rows (outputs), got {m}"))
    if w1_cols != n:
        probs.append(("W1", f"has {w1_cols} columns but x has {n} entries; W1 must be h x {n}"))
    if len(b1) != h:
        probs.append(("b1", f"has {len(b1)} entries but W1 has {h} rows; b1 needs {h}"))
    if w2_cols != h:
        probs.append(("W2", f"has {w2_cols} columns but W1 has {h} rows; W2 must be m x {h}"))
    if len(b2) != m:
        probs.append(("b2", f"has {len(b2)} entries but W2 has {m} rows; b2 needs {m}"))
    return probs


def _build(values: dict[str, Any]) -> NetworkModel:
    x = np.array(values["x"], dtype=np.float64)
    if values["init"] == "given":
        W1 = np.array(values["W1"], dtype=np.float64)
        b1 = np.array(values["b1"], dtype=np.float64)
        W2 = np.array(values["W2"], dtype=np.float64)
        b2 = np.array(values["b2"], dtype=np.float64)
    else:
        net = MLP(
            list(values["sizes"]),
            activation=values["activation"],
            init=values["init"],
            seed=values["seed"],
        )
        W1, W2 = (np.array(w, dtype=np.float64) for w in net.weights)
        b1, b2 = (np.array(b, dtype=np.float64).reshape(-1) for b in net.biases)
    return NetworkModel(W1, b1, W2, b2, x, values["activation"], values["output"])


def _indexed(prefix: str, count: int, doc: str) -> tuple[Quantity, ...]:
    return tuple(Quantity(f"{prefix}_{i}", doc.format(i=i)) for i in range(count))


SPEC = SceneSpec(
    name="network",
    summary="A two-layer perceptron h = f(W1 x + b1), y = g(W2 h + b2), one neuron per step.",
    params=(
        Param("x", "vector", (1.0, 0.0), "the input vector (1 to 4 numbers)", min=-10, max=10),
        Param(
            "W1",
            "matrix",
            ((1.0, 1.0), (-1.0, -1.0)),
            "hidden weights, one row per hidden unit (h x n); default: OR and NAND units",
            min=-50,
            max=50,
        ),
        Param("b1", "vector", (-0.5, 1.5), "hidden biases (h)", min=-50, max=50),
        Param(
            "W2",
            "matrix",
            ((1.0, 1.0),),
            "output weights, one row per output (m x h); default: AND of the hidden units",
            min=-50,
            max=50,
        ),
        Param("b2", "vector", (-1.5,), "output biases (m)", min=-50, max=50),
        Param(
            "activation",
            "choice",
            "step",
            "hidden activation f",
            choices=HIDDEN_ACTS,
            tunable=True,
        ),
        Param("output", "choice", "step", "output activation g", choices=OUTPUT_ACTS),
        Param(
            "init",
            "choice",
            "given",
            "given: use W1, b1, W2, b2; xavier/he: the engine's seeded init with sizes",
            choices=("given", "xavier", "he"),
        ),
        Param(
            "sizes",
            "int_list",
            (2, 2, 1),
            "[inputs, hidden, outputs] when init is not 'given'",
            min=1,
            max=4,
        ),
        Param("seed", "int", 0, "seed of the random init", min=0, max=2**31 - 1),
    ),
    quantities=(
        *_indexed("z1", MAX_HIDDEN, "hidden unit {i}'s weighted sum z = W1[{i}] . x + b1[{i}]"),
        *_indexed("h", MAX_HIDDEN, "hidden unit {i}'s output h = f(z)"),
        *_indexed("z2", MAX_OUT, "output {i}'s weighted sum W2[{i}] . h + b2[{i}]"),
        *_indexed("y", MAX_OUT, "output {i}: y = g(W2[{i}] . h + b2[{i}])"),
        Quantity(
            "xor_errors",
            "inputs of the XOR truth table where the network's answer (1 when y_0 > 0.5) is "
            "wrong (needs 2 inputs, 1 output)",
        ),
        Quantity(
            "gate",
            "the gate the network computes on the four inputs (1 when y_0 > 0.5): AND, OR, "
            "NAND, NOR, XOR, XNOR or other",
            kind="option",
        ),
    ),
    factory=_build,
    check=_shape_problems,
    option_values={"gate": GATE_KEYS},
)
