"""A tiny scene used by the course tests, so they never depend on the real scenes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tui9.scenes.base import Param, Quantity, SceneSpec


@dataclass
class ToyModel:
    """y = w * x[0] + b; its sign; a loss (y - target)^2 to tune."""

    params: dict[str, Any]

    def quantity(self, name: str) -> float | str:
        p = self.params
        y = p["w"] * p["x"][0] + p["b"]
        if name == "y":
            return y
        if name == "sign":
            return "pos" if y >= 0 else "neg"
        if name == "loss":
            return (y - p["target"]) ** 2
        if name == "broken":
            raise ZeroDivisionError("division by zero")
        raise KeyError(name)


def _factory(params: dict[str, Any]) -> ToyModel:
    if params["explode"]:
        raise RuntimeError("the toy scene exploded on purpose")
    return ToyModel(params)


def _check(params: dict[str, Any]) -> list[tuple[str, str]]:
    if len(params["sizes"]) > len(params["x"]) + 8:
        return [("sizes", "must not list more than len(x) + 8 sizes")]
    return []


TOY = SceneSpec(
    name="toy",
    summary="A toy scene for tests: y = w * x[0] + b.",
    params=(
        Param("w", "float", 1.0, "weight", min=-10, max=10, tunable=True),
        Param("b", "float", 0.0, "bias", min=-10, max=10, tunable=True),
        Param("x", "vector", [1.0, 2.0], "input", shape=(2,)),
        Param("target", "float", 1.0, "target of the loss"),
        Param("act", "choice", "sigmoid", "activation", choices=("sigmoid", "relu")),
        Param("sizes", "int_list", [2], "layer sizes", min=1, max=64),
        Param("M", "matrix", [[1.0, 0.0], [0.0, 1.0]], "a matrix", shape=(2, None)),
        Param("explode", "bool", False, "raise while building"),
    ),
    quantities=(
        Quantity("y", "the output w * x[0] + b"),
        Quantity("sign", "'pos' or 'neg'", kind="option"),
        Quantity("loss", "(y - target)^2"),
        Quantity("broken", "raises when computed"),
    ),
    factory=_factory,
    check=_check,
    option_values={"sign": ("pos", "neg")},
)
