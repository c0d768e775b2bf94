"""The perceptron scene: y = f(w1 x1 + w2 x2 + b) over the four inputs of a logic gate.

The model computes the truth table (z, output, target, ok per row) with the engine's
activation, names the gate the current w, b compute, and decides whether the target
gate is linearly separable *exactly*: two finite point sets in the plane can be split
by a straight line if and only if their convex hulls do not meet, and for points in 2-D
the hulls meet exactly when a point of one set lies in a triangle (or segment) of the
other, or a segment of one crosses a segment of the other (Caratheodory). For XOR the
diagonals (0,0)-(1,1) and (0,1)-(1,0) cross at (0.5, 0.5), so no line can split it.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from typing import Any

import numpy as np

from tui9.engine.activations import get_activation
from tui9.scenes.base import Param, Quantity, SceneSpec

#: The four inputs of a two-input gate, in truth-table order.
INPUTS: tuple[tuple[int, int], ...] = ((0, 0), (0, 1), (1, 0), (1, 1))

#: Target outputs per gate, in the order of INPUTS.
GATES: dict[str, tuple[int, int, int, int]] = {
    "and": (0, 0, 0, 1),
    "or": (0, 1, 1, 1),
    "nand": (1, 1, 1, 0),
    "nor": (1, 0, 0, 0),
    "xor": (0, 1, 1, 0),
    "xnor": (1, 0, 0, 1),
}

#: Option keys of the "gate" quantity.
GATE_KEYS: tuple[str, ...] = ("AND", "OR", "NAND", "NOR", "XOR", "XNOR", "other")

Point = tuple[float, float]


def gate_name(bits: tuple[int, ...]) -> str:
    """The gate a 4-row output column computes: AND, OR, NAND, NOR, XOR, XNOR or other."""
    for name, table in GATES.items():
        if tuple(bits) == table:
            return name.upper()
    return "other"


def _cross(o: Point, a: Point, b: Point) -> float:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def _on_segment(p: Point, a: Point, b: Point) -> bool:
    return (
        _cross(a, b, p) == 0
        and min(a[0], b[0]) <= p[0] <= max(a[0], b[0])
        and min(a[1], b[1]) <= p[1] <= max(a[1], b[1])
    )


def segments_meet(a: Point, b: Point, c: Point, d: Point) -> bool:
    """Whether the closed segments ab and cd share a point (exact for small integers)."""
    d1, d2 = _cross(c, d, a), _cross(c, d, b)
    d3, d4 = _cross(a, b, c), _cross(a, b, d)
    if ((d1 > 0 > d2) or (d1 < 0 < d2)) and ((d3 > 0 > d4) or (d3 < 0 < d4)):
        return True
    return (
        _on_segment(a, c, d) or _on_segment(b, c, d) or _on_segment(c, a, b) or _on_segment(d, a, b)
    )


def in_triangle(p: Point, a: Point, b: Point, c: Point) -> bool:
    """Whether p lies in the closed triangle abc (degenerate triangles: on its segments)."""
    s1, s2, s3 = _cross(a, b, p), _cross(b, c, p), _cross(c, a, p)
    if _cross(a, b, c) == 0:
        return _on_segment(p, a, b) or _on_segment(p, b, c) or _on_segment(p, c, a)
    return (s1 >= 0 and s2 >= 0 and s3 >= 0) or (s1 <= 0 and s2 <= 0 and s3 <= 0)


def in_hull(p: Point, pts: list[Point]) -> bool:
    """Whether p lies in the convex hull of ``pts`` (a union of its triangles in 2-D)."""
    if p in pts:
        return True
    if any(_on_segment(p, a, b) for a, b in combinations(pts, 2)):
        return True
    return any(in_triangle(p, a, b, c) for a, b, c in combinations(pts, 3))


def linearly_separable(ones: list[Point], zeros: list[Point]) -> bool:
    """Whether one straight line splits ``ones`` from ``zeros`` (their hulls are disjoint)."""
    if not ones or not zeros:
        return True
    if any(in_hull(p, zeros) for p in ones) or any(in_hull(p, ones) for p in zeros):
        return False
    segs_a = list(combinations(ones, 2))
    segs_b = list(combinations(zeros, 2))
    return not any(segments_meet(a, b, c, d) for a, b in segs_a for c, d in segs_b)


def perceptron_rule(
    w1: float, w2: float, b: float, gate: str, lr: float = 1.0
) -> tuple[float, float, float, int]:
    """One epoch of the perceptron learning rule (w += lr (t - y) x, b += lr (t - y)).

    Returns the new (w1, w2, b) and how many rows were wrong during the epoch.
    """
    step = get_activation("step")
    wrong = 0
    for (x1, x2), t in zip(INPUTS, GATES[gate], strict=True):
        y = int(step.f(np.array([w1 * x1 + w2 * x2 + b]))[0])
        if y != t:
            wrong += 1
            w1 += lr * (t - y) * x1
            w2 += lr * (t - y) * x2
            b += lr * (t - y)
    return w1, w2, b, wrong


@dataclass(frozen=True)
class Row:
    """One row of the truth table."""

    x1: int
    x2: int
    z: float
    output: float
    predicted: int
    target: int

    @property
    def ok(self) -> bool:
        """Whether the perceptron's (thresholded) answer matches the gate."""
        return self.predicted == self.target


@dataclass(frozen=True)
class PerceptronModel:
    """A single perceptron y = f(w1 x1 + w2 x2 + b) and a target gate."""

    x1: float
    x2: float
    w1: float
    w2: float
    b: float
    activation: str
    gate: str

    def z_of(self, x1: float, x2: float) -> float:
        """The weighted sum z = w1 x1 + w2 x2 + b."""
        return self.w1 * x1 + self.w2 * x2 + self.b

    def out_of(self, z: float) -> float:
        """f(z) from the engine's activation (step or sigmoid)."""
        return float(get_activation(self.activation).f(np.array([z]))[0])

    @property
    def z(self) -> float:
        """z for the scene's input (x1, x2)."""
        return self.z_of(self.x1, self.x2)

    @property
    def output(self) -> float:
        """f(z) for the scene's input."""
        return self.out_of(self.z)

    def rows(self) -> list[Row]:
        """The truth table over the four inputs; the answer is 1 when z > 0 (output > 0.5)."""
        table = GATES[self.gate]
        out = []
        for (x1, x2), t in zip(INPUTS, table, strict=True):
            z = self.z_of(x1, x2)
            out.append(Row(x1, x2, z, self.out_of(z), int(z > 0), t))
        return out

    @property
    def errors(self) -> int:
        """How many of the four rows disagree with the target gate."""
        return sum(not r.ok for r in self.rows())

    @property
    def computed_gate(self) -> str:
        """Which gate the current w, b compute (AND/OR/NAND/NOR/XOR/XNOR/other)."""
        return gate_name(tuple(r.predicted for r in self.rows()))

    @property
    def separable(self) -> bool:
        """Whether one line can split the target gate's 1-rows from its 0-rows."""
        table = GATES[self.gate]
        ones = [(float(a), float(b)) for (a, b), t in zip(INPUTS, table, strict=True) if t]
        zeros = [(float(a), float(b)) for (a, b), t in zip(INPUTS, table, strict=True) if not t]
        return linearly_separable(ones, zeros)

    def decision_segment(self, lo: float = -0.5, hi: float = 1.5) -> tuple[Point, Point] | None:
        """The part of the line w1 x1 + w2 x2 + b = 0 inside the box [lo, hi]^2, or None."""
        w1, w2, b = self.w1, self.w2, self.b
        pts: list[Point] = []
        if w2 != 0:
            for x in (lo, hi):
                y = -(w1 * x + b) / w2
                if lo <= y <= hi:
                    pts.append((x, y))
        if w1 != 0:
            for y in (lo, hi):
                x = -(w2 * y + b) / w1
                if lo <= x <= hi:
                    pts.append((x, y))
        uniq = sorted(set(pts))
        if len(uniq) < 2:
            return None
        return uniq[0], uniq[-1]

    def quantity(self, name: str) -> float | str:
        """A named quantity (see SPEC.quantities)."""
        if name == "z":
            return self.z
        if name == "output":
            return self.output
        if name == "errors":
            return float(self.errors)
        if name == "gate":
            return self.computed_gate
        if name == "separable":
            return "yes" if self.separable else "no"
        if name.startswith("out_") and name[4:] in ("00", "01", "10", "11"):
            x1, x2 = int(name[4]), int(name[5])
            return self.out_of(self.z_of(x1, x2))
        raise KeyError(name)


def _build(values: dict[str, Any]) -> PerceptronModel:
    return PerceptronModel(
        x1=values["x1"],
        x2=values["x2"],
        w1=values["w1"],
        w2=values["w2"],
        b=values["b"],
        activation=values["activation"],
        gate=values["gate"],
    )


def _weight(name: str, default: float, doc: str) -> Param:
    return Param(name, "float", default, doc, min=-10.0, max=10.0, tunable=True)


SPEC = SceneSpec(
    name="perceptron",
    summary="One perceptron f(w1 x1 + w2 x2 + b): its truth table and decision line.",
    params=(
        Param("x1", "float", 1.0, "the first input shown in the formula", min=-5.0, max=5.0),
        Param("x2", "float", 0.0, "the second input shown in the formula", min=-5.0, max=5.0),
        _weight("w1", 1.0, "weight of x1"),
        _weight("w2", 1.0, "weight of x2"),
        _weight("b", -0.5, "bias"),
        Param(
            "activation",
            "choice",
            "step",
            "f: step (1 if z > 0 else 0) or sigmoid",
            choices=("step", "sigmoid"),
            tunable=True,
        ),
        Param(
            "gate",
            "choice",
            "and",
            "the target truth table the rows are checked against",
            choices=tuple(GATES),
        ),
    ),
    quantities=(
        Quantity("z", "w1 x1 + w2 x2 + b for the input (x1, x2)"),
        Quantity("output", "f(z) for the input (x1, x2)"),
        Quantity("out_00", "f(z) for the input (0, 0)"),
        Quantity("out_01", "f(z) for the input (0, 1)"),
        Quantity("out_10", "f(z) for the input (1, 0)"),
        Quantity("out_11", "f(z) for the input (1, 1)"),
        Quantity(
            "errors",
            "rows of the truth table where the answer (1 when z > 0) differs from the gate",
        ),
        Quantity(
            "gate",
            "the gate the current w1, w2, b compute: AND, OR, NAND, NOR, XOR, XNOR or other",
            kind="option",
        ),
        Quantity(
            "separable",
            "yes if one straight line can split the target gate's 1s from its 0s "
            "(exact convex-hull test), else no",
            kind="option",
        ),
    ),
    factory=_build,
    option_values={"gate": GATE_KEYS, "separable": ("yes", "no")},
)
