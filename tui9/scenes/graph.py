"""The computational-graph scene: forward values node by node, then the chain rule backwards.

Two forms:

- ``neuron``: z = w x + b, a = f(z), L = ½ (a − t)²; with ``layers = 2`` a second neuron
  z2 = w2 a + b2, a2 = f(z2) feeds the loss instead. The backward pass multiplies local
  derivatives right to left (dL/dw = dL/da · da/dz · dz/dw) and a central-difference
  numerical gradient (the engine's) stands beside each weight's gradient.
- ``chain``: y = f(x), z = g(y) for simple functions, to show dz/dx = dz/dy · dy/dx.

The activations are the engine's (``get_activation``); the model is immutable, and
``steps()`` lists every sub-step the widget reveals one per key press.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np

from tui9.engine import get_activation, numerical_gradient
from tui9.scenes.base import Param, ParamProblem, Quantity, SceneSpec

GRAPH_ACTIVATIONS = ("sigmoid", "tanh", "relu", "leaky_relu", "identity")
NUMERIC_H = 1e-5

#: (f(u), f'(u), template of f, template of f'), templates written in ``{u}``.
_Fn = tuple[Callable[[float], float], Callable[[float], float], str, str]


def _act_fn(name: str) -> _Fn:
    act = get_activation(name)

    def f(u: float) -> float:
        return float(act.f(np.array([u]))[0])

    def df(u: float) -> float:
        return float(act.df(np.array([u]))[0])

    if name == "sigmoid":
        return f, df, "σ({u})", "σ({u})(1 − σ({u}))"
    return f, df, "tanh {u}", "1 − tanh²{u}"


CHAIN_FUNCTIONS: dict[str, _Fn] = {
    "square": (lambda u: u * u, lambda u: 2 * u, "{u}²", "2·{u}"),
    "cube": (lambda u: u**3, lambda u: 3 * u * u, "{u}³", "3·{u}²"),
    "double": (lambda u: 2 * u, lambda u: 2.0, "2·{u}", "2"),
    "plus_one": (lambda u: u + 1, lambda u: 1.0, "{u} + 1", "1"),
    "sin": (math.sin, math.cos, "sin {u}", "cos {u}"),
    "cos": (math.cos, lambda u: -math.sin(u), "cos {u}", "−sin {u}"),
    "exp": (math.exp, math.exp, "e^{u}", "e^{u}"),
    "sigmoid": _act_fn("sigmoid"),
    "tanh": _act_fn("tanh"),
}


def num(v: float) -> str:
    """A compact, finite display of a number (3 decimals; tiny values in e-notation)."""
    if not math.isfinite(v):
        return "n/a"
    if v == 0:
        return "0.000"
    if v != 0 and abs(v) < 0.001:
        return f"{v:.2e}"
    if abs(v) >= 1e5 or abs(v) < 0.1:
        return f"{v:.3g}"
    s = f"{v:.3f}"
    return "0.000" if s == "-0.000" else s


def par(v: float) -> str:
    """``num`` with parentheses around negatives, for substituted products."""
    s = num(v)
    return f"({s})" if s.startswith("-") else s


@dataclass(frozen=True)
class GraphStep:
    """One revealed sub-step: which node, in which pass, and its line of arithmetic."""

    phase: str  # "forward" | "backward"
    node: str  # the quantity it computes (e.g. "z", "dL_dw")
    label: str  # how the node is written (e.g. "dL/dw")
    formula: str  # symbolic, e.g. "dL/dz · dz/dw"
    numbers: str  # substituted, e.g. "(-0.104) × 1.000"
    value: float
    #: the numerical gradient shown beside an analytic weight gradient, if any
    numeric: float | None = None


@dataclass(frozen=True)
class GraphModel:
    """The built graph: every node value, every local derivative, every sub-step."""

    form: str
    layers: int
    activation: str
    x: float
    w: float
    b: float
    w2: float
    b2: float
    target: float
    slope: float
    inner: str
    outer: str
    values: dict[str, float] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "values", self._compute())

    # ------------------------------------------------------------------ neuron
    def _f(self, z: float) -> float:
        return float(get_activation(self.activation, self.slope).f(np.array([z]))[0])

    def _df(self, z: float) -> float:
        return float(get_activation(self.activation, self.slope).df(np.array([z]))[0])

    def loss_at(self, w: float, b: float, w2: float, b2: float, x: float | None = None) -> float:
        """L for the given parameters (used for the numerical gradient)."""
        x = self.x if x is None else x
        out = self._f(w * x + b)
        if self.layers == 2:
            out = self._f(w2 * out + b2)
        return 0.5 * (out - self.target) ** 2

    def _numeric_grads(self) -> dict[str, float]:
        """Central differences of L in w, b, w2, b2 (the engine's numerical_gradient)."""
        p = np.array([self.w, self.b, self.w2, self.b2], dtype=np.float64)
        g = numerical_gradient(lambda: self.loss_at(*p), p, eps=NUMERIC_H)
        return dict(zip(("w", "b", "w2", "b2"), (float(v) for v in g), strict=True))

    def _compute(self) -> dict[str, float]:
        if self.form == "chain":
            return self._compute_chain()
        numeric = self._numeric_grads()
        v: dict[str, float] = {}
        v["z"] = self.w * self.x + self.b
        v["a"] = self._f(v["z"])
        v["da_dz"] = self._df(v["z"])
        v["dz_dw"] = self.x
        out = v["a"]
        if self.layers == 2:
            v["z2"] = self.w2 * v["a"] + self.b2
            v["a2"] = self._f(v["z2"])
            v["da2_dz2"] = self._df(v["z2"])
            v["dz2_dw2"] = v["a"]
            out = v["a2"]
        v["L"] = 0.5 * (out - self.target) ** 2
        if self.layers == 2:
            v["dL_da2"] = out - self.target
            v["dL_dz2"] = v["dL_da2"] * v["da2_dz2"]
            v["dL_dw2"] = v["dL_dz2"] * v["dz2_dw2"]
            v["dL_db2"] = v["dL_dz2"]
            v["dL_da"] = v["dL_dz2"] * self.w2
            v["numeric_dL_dw2"] = numeric["w2"]
        else:
            v["dL_da"] = out - self.target
        v["dL_dz"] = v["dL_da"] * v["da_dz"]
        v["dL_dw"] = v["dL_dz"] * v["dz_dw"]
        v["dL_db"] = v["dL_dz"]
        v["dL_dx"] = v["dL_dz"] * self.w
        v["numeric_dL_dw"] = numeric["w"]
        v["numeric_dL_db"] = numeric["b"]
        return v

    # ------------------------------------------------------------------- chain
    def chain_functions(self) -> tuple[_Fn, _Fn]:
        """(f, g) for the chain form: y = f(x), z = g(y)."""
        return CHAIN_FUNCTIONS[self.inner], CHAIN_FUNCTIONS[self.outer]

    def _compute_chain(self) -> dict[str, float]:
        (f, df, _, _), (g, dg, _, _) = self.chain_functions()
        v: dict[str, float] = {"y": f(self.x)}
        v["z"] = g(v["y"])
        v["dz_dy"] = dg(v["y"])
        v["dy_dx"] = df(self.x)
        v["dz_dx"] = v["dz_dy"] * v["dy_dx"]

        u = np.array([self.x], dtype=np.float64)
        v["numeric_dz_dx"] = float(numerical_gradient(lambda: g(f(float(u[0]))), u, NUMERIC_H)[0])
        return v

    # ------------------------------------------------------------------- steps
    def act_symbol(self) -> str:
        """How the activation is written in formulas."""
        return {
            "sigmoid": "σ",
            "tanh": "tanh",
            "relu": "relu",
            "leaky_relu": "lrelu",
            "identity": "id",
        }[self.activation]

    def _local_slope(self, a: float, z: float, an: str, zn: str) -> tuple[str, str]:
        """(formula, substituted numbers) of the activation's local derivative."""
        act = self.activation
        if act == "sigmoid":
            return f"{an}(1 − {an})", f"{num(a)} × (1 − {num(a)})"
        if act == "tanh":
            return f"1 − {an}²", f"1 − {par(a)}²"
        if act == "relu":
            return f"1 if {zn} > 0 else 0", f"{zn} = {num(z)}"
        if act == "leaky_relu":
            return f"1 if {zn} > 0 else {self.slope:g}", f"{zn} = {num(z)}"
        return "1", "identity"

    @cached_property
    def _steps(self) -> tuple[GraphStep, ...]:
        v = self.values
        if self.form == "chain":
            (_, _, f_s, df_s), (_, _, g_s, dg_s) = self.chain_functions()

            def sub(tpl: str, u: float) -> str:
                return tpl.replace("({u})", f"({num(u)})").format(u=par(u))

            return (
                GraphStep(
                    "forward", "y", "y", "f(x) = " + f_s.format(u="x"), sub(f_s, self.x), v["y"]
                ),
                GraphStep(
                    "forward", "z", "z", "g(y) = " + g_s.format(u="y"), sub(g_s, v["y"]), v["z"]
                ),
                GraphStep(
                    "backward",
                    "dz_dy",
                    "dz/dy",
                    "g'(y) = " + dg_s.format(u="y"),
                    sub(dg_s, v["y"]),
                    v["dz_dy"],
                ),
                GraphStep(
                    "backward",
                    "dy_dx",
                    "dy/dx",
                    "f'(x) = " + df_s.format(u="x"),
                    sub(df_s, self.x),
                    v["dy_dx"],
                ),
                GraphStep(
                    "backward",
                    "dz_dx",
                    "dz/dx",
                    "dz/dy · dy/dx",
                    f"{par(v['dz_dy'])} × {par(v['dy_dx'])}",
                    v["dz_dx"],
                    numeric=v["numeric_dz_dx"],
                ),
            )
        s = self.act_symbol()
        steps = [
            GraphStep(
                "forward",
                "z",
                "z",
                "w·x + b",
                f"{par(self.w)} × {par(self.x)} + {par(self.b)}",
                v["z"],
            ),
            GraphStep("forward", "a", "a", f"{s}(z)", f"{s}({num(v['z'])})", v["a"]),
        ]
        out, out_s = "a", "a"
        if self.layers == 2:
            steps += [
                GraphStep(
                    "forward",
                    "z2",
                    "z2",
                    "w2·a + b2",
                    f"{par(self.w2)} × {par(v['a'])} + {par(self.b2)}",
                    v["z2"],
                ),
                GraphStep("forward", "a2", "a2", f"{s}(z2)", f"{s}({num(v['z2'])})", v["a2"]),
            ]
            out, out_s = "a2", "a2"
        steps.append(
            GraphStep(
                "forward",
                "L",
                "L",
                f"½({out_s} − t)²",
                f"½({num(v[out])} − {par(self.target)})²",
                v["L"],
            )
        )
        if self.layers == 2:
            f2, n2 = self._local_slope(v["a2"], v["z2"], "a2", "z2")
            steps += [
                GraphStep(
                    "backward",
                    "dL_da2",
                    "dL/da2",
                    "a2 − t",
                    f"{num(v['a2'])} − {par(self.target)}",
                    v["dL_da2"],
                ),
                GraphStep("backward", "da2_dz2", "da2/dz2", f2, n2, v["da2_dz2"]),
                GraphStep(
                    "backward",
                    "dL_dz2",
                    "dL/dz2",
                    "dL/da2 · da2/dz2",
                    f"{par(v['dL_da2'])} × {par(v['da2_dz2'])}",
                    v["dL_dz2"],
                ),
                GraphStep("backward", "dz2_dw2", "dz2/dw2", "a", num(v["a"]), v["dz2_dw2"]),
                GraphStep(
                    "backward",
                    "dL_dw2",
                    "dL/dw2",
                    "dL/da2 · da2/dz2 · dz2/dw2",
                    f"{par(v['dL_da2'])} × {par(v['da2_dz2'])} × {par(v['a'])}",
                    v["dL_dw2"],
                    numeric=v["numeric_dL_dw2"],
                ),
                GraphStep(
                    "backward",
                    "dL_db2",
                    "dL/db2",
                    "dL/dz2 · 1",
                    f"{par(v['dL_dz2'])} × 1",
                    v["dL_db2"],
                ),
                GraphStep(
                    "backward",
                    "dL_da",
                    "dL/da",
                    "dL/dz2 · dz2/da (= w2)",
                    f"{par(v['dL_dz2'])} × {par(self.w2)}",
                    v["dL_da"],
                ),
            ]
        else:
            steps.append(
                GraphStep(
                    "backward",
                    "dL_da",
                    "dL/da",
                    "a − t",
                    f"{num(v['a'])} − {par(self.target)}",
                    v["dL_da"],
                )
            )
        f1, n1 = self._local_slope(v["a"], v["z"], "a", "z")
        steps += [
            GraphStep("backward", "da_dz", "da/dz", f1, n1, v["da_dz"]),
            GraphStep(
                "backward",
                "dL_dz",
                "dL/dz",
                "dL/da · da/dz",
                f"{par(v['dL_da'])} × {par(v['da_dz'])}",
                v["dL_dz"],
            ),
            GraphStep("backward", "dz_dw", "dz/dw", "x", num(self.x), v["dz_dw"]),
            GraphStep(
                "backward",
                "dL_dw",
                "dL/dw",
                "dL/da · da/dz · dz/dw" if self.layers == 1 else "dL/dz · dz/dw",
                (
                    f"{par(v['dL_da'])} × {par(v['da_dz'])} × {par(self.x)}"
                    if self.layers == 1
                    else f"{par(v['dL_dz'])} × {par(self.x)}"
                ),
                v["dL_dw"],
                numeric=v["numeric_dL_dw"],
            ),
            GraphStep(
                "backward",
                "dL_db",
                "dL/db",
                "dL/dz · 1",
                f"{par(v['dL_dz'])} × 1",
                v["dL_db"],
                numeric=v["numeric_dL_db"],
            ),
            GraphStep(
                "backward",
                "dL_dx",
                "dL/dx",
                "dL/dz · dz/dx (= w)",
                f"{par(v['dL_dz'])} × {par(self.w)}",
                v["dL_dx"],
            ),
        ]
        return tuple(steps)

    def steps(self) -> tuple[GraphStep, ...]:
        """Every sub-step in order: the forward pass, then the backward pass."""
        return self._steps

    def quantity(self, name: str) -> float | str:
        """A named quantity (see SPEC.quantities)."""
        if name == "w_update":
            g = self.values.get("dL_dw")
            if g is None:
                raise KeyError(f"'{name}' needs form = \"neuron\"")
            return "increase" if g < 0 else "decrease" if g > 0 else "stay"
        if name not in _QUANTITY_NAMES:
            raise KeyError(name)
        if name not in self.values:
            need = (
                'form = "chain"'
                if name in _CHAIN_ONLY
                else ("layers = 2" if name in _TWO_LAYER_ONLY else 'form = "neuron"')
            )
            raise KeyError(f"quantity '{name}' needs {need}")
        return self.values[name]


_QUANTITIES = (
    Quantity("z", "neuron: z = w x + b; chain: z = g(y)"),
    Quantity("a", "a = f(z), the (first) neuron's activation"),
    Quantity("L", "the loss L = ½ (output − t)²"),
    Quantity("dL_da", "dL/da: the loss's slope at the (first) neuron's output"),
    Quantity("da_dz", "da/dz = f'(z), the activation's local slope"),
    Quantity("dz_dw", "dz/dw = x"),
    Quantity("dL_dz", "dL/dz = dL/da · da/dz"),
    Quantity("dL_dw", "dL/dw = dL/da · da/dz · dz/dw (the first layer's weight w)"),
    Quantity("dL_db", "dL/db = dL/dz (the first layer's bias b)"),
    Quantity("dL_dx", "dL/dx = dL/dz · w"),
    Quantity("numeric_dL_dw", "dL/dw by central difference (L(w+h) − L(w−h)) / 2h, h = 1e-5"),
    Quantity("numeric_dL_db", "dL/db by central difference"),
    Quantity("z2", "two layers: z2 = w2 a + b2"),
    Quantity("a2", "two layers: a2 = f(z2), the output"),
    Quantity("dL_da2", "two layers: dL/da2 = a2 − t"),
    Quantity("da2_dz2", "two layers: da2/dz2 = f'(z2)"),
    Quantity("dz2_dw2", "two layers: dz2/dw2 = a"),
    Quantity("dL_dz2", "two layers: dL/dz2 = dL/da2 · da2/dz2"),
    Quantity("dL_dw2", "two layers: dL/dw2 = dL/dz2 · a"),
    Quantity("dL_db2", "two layers: dL/db2 = dL/dz2"),
    Quantity("numeric_dL_dw2", "two layers: dL/dw2 by central difference"),
    Quantity("y", "chain: y = f(x)"),
    Quantity("dy_dx", "chain: dy/dx = f'(x)"),
    Quantity("dz_dy", "chain: dz/dy = g'(y)"),
    Quantity("dz_dx", "chain: dz/dx = dz/dy · dy/dx"),
    Quantity("numeric_dz_dx", "chain: dz/dx by central difference"),
    Quantity(
        "w_update",
        "which way one gradient-descent step moves w: increase | decrease | "
        "stay (the opposite sign of dL/dw)",
        kind="option",
    ),
)
_QUANTITY_NAMES = {q.name for q in _QUANTITIES}
_CHAIN_ONLY = {"y", "dy_dx", "dz_dy", "dz_dx", "numeric_dz_dx"}
_TWO_LAYER_ONLY = {
    "z2",
    "a2",
    "dL_da2",
    "da2_dz2",
    "dz2_dw2",
    "dL_dz2",
    "dL_dw2",
    "dL_db2",
    "numeric_dL_dw2",
}


def _check(values: dict[str, Any]) -> list[ParamProblem]:
    problems: list[ParamProblem] = []
    if values["form"] == "chain" and values["layers"] != 1:
        problems.append(("layers", "the chain form has no layers; leave layers at 1"))
    if values["form"] == "chain":
        (f, *_), (g, *_) = CHAIN_FUNCTIONS[values["inner"]], CHAIN_FUNCTIONS[values["outer"]]
        try:
            out = g(f(values["x"]))
        except OverflowError:
            out = math.inf
        if not math.isfinite(out) or abs(out) > 1e6:
            problems.append(("x", "the chain's value is too large to show; pick a smaller x"))
    return problems


def _build(values: dict[str, Any]) -> GraphModel:
    return GraphModel(
        **{
            k: values[k]
            for k in (
                "form",
                "layers",
                "activation",
                "x",
                "w",
                "b",
                "w2",
                "b2",
                "target",
                "slope",
                "inner",
                "outer",
            )
        }
    )


SPEC = SceneSpec(
    name="graph",
    summary="A computational graph: forward values node by node, then the chain rule backwards.",
    params=(
        Param(
            "form",
            "choice",
            "neuron",
            "neuron: z = w x + b, a = f(z), L = ½(a − t)²; chain: y = f(x), z = g(y)",
            choices=("neuron", "chain"),
        ),
        Param("layers", "int", 1, "neuron form: 1 or 2 neurons in a row", min=1, max=2),
        Param(
            "activation",
            "choice",
            "sigmoid",
            "the neurons' activation f",
            choices=GRAPH_ACTIVATIONS,
        ),
        Param("x", "float", 1.0, "the input x", min=-10.0, max=10.0, tunable=True),
        Param("w", "float", 0.5, "the (first) weight w", min=-10.0, max=10.0, tunable=True),
        Param("b", "float", -0.2, "the (first) bias b", min=-10.0, max=10.0, tunable=True),
        Param(
            "w2",
            "float",
            1.0,
            "two layers: the second weight w2",
            min=-10.0,
            max=10.0,
            tunable=True,
        ),
        Param(
            "b2", "float", 0.0, "two layers: the second bias b2", min=-10.0, max=10.0, tunable=True
        ),
        Param("target", "float", 1.0, "the target t in the loss", min=-10.0, max=10.0),
        Param("slope", "float", 0.01, "LeakyReLU's slope for z < 0", min=0.0, max=1.0),
        Param(
            "inner",
            "choice",
            "square",
            "chain: the inner function f in y = f(x)",
            choices=tuple(CHAIN_FUNCTIONS),
        ),
        Param(
            "outer",
            "choice",
            "sin",
            "chain: the outer function g in z = g(y)",
            choices=tuple(CHAIN_FUNCTIONS),
        ),
    ),
    quantities=_QUANTITIES,
    factory=_build,
    check=_check,
    option_values={"w_update": ("increase", "decrease", "stay")},
)
