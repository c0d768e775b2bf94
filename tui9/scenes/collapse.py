"""The collapse scene: two linear layers with no activation are one linear layer.

y = W2 (W1 x + b1) + b2 = (W2 W1) x + (W2 b1 + b2) = W' x + b'.

The model computes both sides for the input x and for a few more seeded random inputs,
so "equal for any input" is checked, not asserted. It also evaluates candidate formulas
(the right one and the lecture slide's slip W1 W2 x + b1^T W2 + b2) numerically and
names the one that matches, and shows that an activation between the layers breaks the
collapse.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from tui9.engine.activations import get_activation
from tui9.scenes.base import Param, ParamProblem, Quantity, SceneSpec

MAX_IN, MAX_HIDDEN, MAX_OUT = 4, 4, 3
#: Extra random inputs the equality is checked on (besides x).
N_PROBES = 8
ACTS = ("none", "relu", "sigmoid", "tanh")

#: Candidate formulas for the collapsed layer, in tie-breaking order.
FORMULA_KEYS: tuple[str, ...] = ("W2W1", "W1W2", "b1W2")
FORMULA_TEXT: dict[str, str] = {
    "W2W1": "W2 W1 x + W2 b1 + b2",
    "W1W2": "W1 W2 x + b1^T W2 + b2",
    "b1W2": "W2 W1 x + b1^T W2 + b2",
}

Candidate = Callable[[np.ndarray], np.ndarray]


@dataclass(frozen=True)
class CollapseModel:
    """W1 (h x n), b1 (h), W2 (m x h), b2 (m), an input x (n) and a middle activation."""

    W1: np.ndarray
    b1: np.ndarray
    W2: np.ndarray
    b2: np.ndarray
    x: np.ndarray
    activation: str
    seed: int

    @property
    def sizes(self) -> tuple[int, int, int]:
        """(n inputs, h hidden, m outputs)."""
        return self.W1.shape[1], self.W1.shape[0], self.W2.shape[0]

    # Two layers, one layer ---------------------------------------------------------
    def hidden(self, x: np.ndarray) -> np.ndarray:
        """h = W1 x + b1 (no activation)."""
        return self.W1 @ x + self.b1

    def two_layer(self, x: np.ndarray) -> np.ndarray:
        """y = W2 (W1 x + b1) + b2."""
        return self.W2 @ self.hidden(x) + self.b2

    @property
    def w_prime(self) -> np.ndarray:
        """W' = W2 W1 (m x n)."""
        return self.W2 @ self.W1

    @property
    def b_prime(self) -> np.ndarray:
        """b' = W2 b1 + b2 (m)."""
        return self.W2 @ self.b1 + self.b2

    def collapsed(self, x: np.ndarray) -> np.ndarray:
        """y' = W' x + b'."""
        return self.w_prime @ x + self.b_prime

    def with_activation(self, x: np.ndarray, act: str | None = None) -> np.ndarray:
        """W2 f(W1 x + b1) + b2 with f the engine's activation (``none`` = identity)."""
        name = act or self.activation
        f = get_activation("identity" if name == "none" else name)
        return self.W2 @ f.f(self.hidden(x)) + self.b2

    def probes(self) -> np.ndarray:
        """x and N_PROBES seeded random inputs (rows), on which equalities are checked."""
        rng = np.random.default_rng(self.seed)
        extra = rng.normal(0.0, 2.0, size=(N_PROBES, self.sizes[0]))
        return np.vstack([self.x[None, :], extra])

    def max_diff(self, f: Candidate) -> float:
        """max |two_layer(x) - f(x)| over the probe inputs."""
        return float(max(np.max(np.abs(self.two_layer(p) - f(p))) for p in self.probes()))

    # Candidate formulas ------------------------------------------------------------
    def candidate(self, key: str) -> Candidate | None:
        """The candidate formula ``key`` as a function of x, or None if shapes don't fit."""
        n, h, m = self.sizes
        W1, W2, b1, b2 = self.W1, self.W2, self.b1, self.b2
        if key == "W2W1":
            return self.collapsed
        if key == "W1W2":
            # W1 W2 needs n == m; (W1 W2) x needs h == n; b1^T W2 needs h == m.
            if not n == h == m:
                return None
            return lambda x: (W1 @ W2) @ x + b1 @ W2 + b2
        if key == "b1W2":
            if h != m:
                return None
            return lambda x: W2 @ W1 @ x + b1 @ W2 + b2
        raise KeyError(key)

    def candidate_diffs(self) -> dict[str, float | None]:
        """Each candidate's max difference from the two-layer output (None: shapes fail)."""
        out: dict[str, float | None] = {}
        for key in FORMULA_KEYS:
            f = self.candidate(key)
            out[key] = None if f is None else self.max_diff(f)
        return out

    def _tol(self) -> float:
        scale = max(float(np.max(np.abs(self.two_layer(p)))) for p in self.probes())
        return 1e-9 * (1.0 + scale)

    def right_formula(self) -> str:
        """The candidate that matches numerically (smallest difference; ties: first listed)."""
        diffs = {k: d for k, d in self.candidate_diffs().items() if d is not None}
        return min(diffs, key=lambda k: (diffs[k], FORMULA_KEYS.index(k)))

    def wrong_order(self) -> str:
        """What W1 W2 gives: shape_mismatch, different (numbers) or same."""
        d = self.candidate_diffs()["W1W2"]
        if d is None:
            return "shape_mismatch"
        return "same" if d <= self._tol() else "different"

    def act_diff(self) -> float:
        """max |W2 f(W1 x + b1) + b2 - (W' x + b')| over the probe inputs."""
        return float(
            max(np.max(np.abs(self.with_activation(p) - self.collapsed(p))) for p in self.probes())
        )

    def quantity(self, name: str) -> float | str:
        """A named quantity (see SPEC.quantities)."""
        if name == "max_diff":
            return self.max_diff(self.collapsed)
        if name == "act_diff":
            return self.act_diff()
        if name == "formula":
            return self.right_formula()
        if name == "wrong_order":
            return self.wrong_order()
        if name == "w1w2_diff":
            d = self.candidate_diffs()["W1W2"]
            if d is None:
                raise ValueError("W1 W2 x + b1^T W2 + b2 is undefined for these shapes")
            return d
        vectors = {
            "h": self.hidden(self.x),
            "y": self.two_layer(self.x),
            "yc": self.collapsed(self.x),
            "ya": self.with_activation(self.x),
            "bp": self.b_prime,
        }
        prefix, _, idx = name.rpartition("_")
        if prefix in vectors and idx.isdigit():
            vec = vectors[prefix]
            if int(idx) >= vec.shape[0]:
                raise ValueError(f"{name}: there are only {vec.shape[0]} entries")
            return float(vec[int(idx)])
        if prefix == "wp" and len(idx) == 2 and idx.isdigit():
            i, j = int(idx[0]), int(idx[1])
            wp = self.w_prime
            if i >= wp.shape[0] or j >= wp.shape[1]:
                raise ValueError(f"{name}: W' is {wp.shape[0]}x{wp.shape[1]}")
            return float(wp[i, j])
        raise KeyError(name)


def _check(values: dict[str, Any]) -> list[ParamProblem]:
    """Shapes must chain: W1 (h x n) with n = len(x), b1 (h), W2 (m x h), b2 (m)."""
    W1, b1, W2, b2, x = values["W1"], values["b1"], values["W2"], values["b2"], values["x"]
    n, h, m = len(x), len(W1), len(W2)
    probs: list[ParamProblem] = []
    if n > MAX_IN:
        probs.append(("x", f"may have at most {MAX_IN} entries (to fit the screen), got {n}"))
    if h > MAX_HIDDEN:
        probs.append(("W1", f"may have at most {MAX_HIDDEN} rows, got {h}"))
    if m > MAX_OUT:
        probs.append(("W2", f"may have at most {MAX_OUT} rows, got {m}"))
    if len(W1[0]) != n:
        probs.append(("W1", f"has {len(W1[0])} columns but x has {n} entries; W1 must be h x {n}"))
    if len(b1) != h:
        probs.append(("b1", f"has {len(b1)} entries but W1 has {h} rows; b1 needs {h}"))
    if len(W2[0]) != h:
        probs.append(
            (
                "W2",
                f"has {len(W2[0])} columns but W1 has {h} rows; W2 must be m x {h} "
                "so that W2 (W1 x + b1) is defined",
            )
        )
    if len(b2) != m:
        probs.append(("b2", f"has {len(b2)} entries but W2 has {m} rows; b2 needs {m}"))
    return probs


def _build(values: dict[str, Any]) -> CollapseModel:
    arr = lambda k: np.array(values[k], dtype=np.float64)  # noqa: E731
    return CollapseModel(
        arr("W1"), arr("b1"), arr("W2"), arr("b2"), arr("x"), values["activation"], values["seed"]
    )


def _indexed(prefix: str, count: int, doc: str) -> tuple[Quantity, ...]:
    return tuple(Quantity(f"{prefix}_{i}", doc.format(i=i)) for i in range(count))


SPEC = SceneSpec(
    name="collapse",
    summary="Two linear layers W2 (W1 x + b1) + b2 next to the single layer W' = W2 W1, "
    "b' = W2 b1 + b2.",
    params=(
        Param(
            "W1",
            "matrix",
            ((1.0, 2.0), (0.0, -1.0), (3.0, 1.0)),
            "first layer's weights (h x n)",
            min=-100,
            max=100,
        ),
        Param("b1", "vector", (0.5, -1.0, 2.0), "first layer's bias (h)", min=-100, max=100),
        Param(
            "W2",
            "matrix",
            ((1.0, -1.0, 0.5), (2.0, 0.0, -1.0)),
            "second layer's weights (m x h)",
            min=-100,
            max=100,
        ),
        Param("b2", "vector", (1.0, 0.0), "second layer's bias (m)", min=-100, max=100),
        Param("x", "vector", (1.0, 2.0), "the input (n)", min=-100, max=100),
        Param(
            "activation",
            "choice",
            "none",
            "activation between the layers (none: purely linear)",
            choices=ACTS,
            tunable=True,
        ),
        Param("seed", "int", 0, "seed of the extra random test inputs", min=0, max=2**31 - 1),
    ),
    quantities=(
        *_indexed("h", MAX_HIDDEN, "h_{i} of h = W1 x + b1 (no activation)"),
        *_indexed("y", MAX_OUT, "y_{i} of the two layers y = W2 (W1 x + b1) + b2"),
        *_indexed("yc", MAX_OUT, "y'_{i} of the single layer y' = W' x + b'"),
        *_indexed("ya", MAX_OUT, "output {i} with the activation between: W2 f(W1 x + b1) + b2"),
        *_indexed("bp", MAX_OUT, "b'_{i} of b' = W2 b1 + b2"),
        *(
            Quantity(f"wp_{i}{j}", f"W'[{i}][{j}] of W' = W2 W1")
            for i in range(2)
            for j in range(3)
        ),
        Quantity(
            "max_diff",
            "max |W2 (W1 x + b1) + b2 - (W' x + b')| over x and 8 seeded random inputs (~0)",
        ),
        Quantity(
            "act_diff",
            "max |W2 f(W1 x + b1) + b2 - (W' x + b')| over the same inputs, f = activation",
        ),
        Quantity(
            "w1w2_diff",
            "max difference of the slide's W1 W2 x + b1^T W2 + b2 from the true output "
            "(only when n = h = m)",
        ),
        Quantity(
            "formula",
            "which candidate equals the two layers numerically: W2W1 (W2 W1 x + W2 b1 + b2), "
            "W1W2 (W1 W2 x + b1^T W2 + b2) or b1W2 (W2 W1 x + b1^T W2 + b2)",
            kind="option",
        ),
        Quantity(
            "wrong_order",
            "what the order W1 W2 gives: shape_mismatch, different (numbers) or same",
            kind="option",
        ),
    ),
    factory=_build,
    check=_check,
    option_values={
        "formula": FORMULA_KEYS,
        "wrong_order": ("shape_mismatch", "different", "same"),
    },
)
