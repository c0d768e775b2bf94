"""Helpers for the game tests: a tiny fake scene, lessons built from the schema dataclasses."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from tui9.course.schema import (
    Challenge,
    Goal,
    Lesson,
    Option,
    Step,
    Text,
)
from tui9.scenes.base import Param, Quantity, SceneSpec


@dataclass
class DemoModel:
    """y = w * x; loss after a fake "training" = 1 / (1 + lr); sign of y as an option."""

    x: float
    w: float
    lr: float
    sizes: tuple[int, ...] = (4,)

    def quantity(self, name: str) -> float | str:
        if name == "y":
            return self.w * self.x
        if name == "loss":
            return 1.0 / (1.0 + self.lr)
        if name == "width":
            return float(sum(self.sizes))
        if name == "sign":
            return "pos" if self.w * self.x >= 0 else "neg"
        raise KeyError(name)


def _factory(params: dict[str, Any]) -> DemoModel:
    return DemoModel(params["x"], params["w"], params["lr"], params["sizes"])


DEMO = SceneSpec(
    name="demo",
    summary="y = w x",
    params=(
        Param("x", "float", 2.0, min=-100, max=100),
        Param("w", "float", 0.5, min=-100, max=100),
        Param("lr", "float", 0.01, min=0, max=10, tunable=True),
        Param("epochs", "int", 10, min=1, max=1000, tunable=True),
        Param("sizes", "int_list", [4], min=1, max=64, max_len=4, tunable=True),
    ),
    quantities=(
        Quantity("y", "w times x"),
        Quantity("loss", "loss after training"),
        Quantity("width", "total hidden units"),
        Quantity("sign", "sign of y", kind="option"),
    ),
    factory=_factory,
    option_values={"sign": ("pos", "neg")},
)


def params(**overrides: Any) -> Mapping[str, Any]:
    """Validated params as the loader stores them: defaults filled, arrays as lists."""
    values, problems = DEMO.validate(overrides)
    assert not problems
    return MappingProxyType({k: list(v) if isinstance(v, tuple) else v for k, v in values.items()})


def text_step(x: float = 2.0, w: float = 0.5) -> Step:
    return Step("demo", params(x=x, w=w), Text(f"x is {x}", f"x 는 {x}"))


def numeric_step(x: float = 2.0, w: float = 0.5, hints: int = 2) -> Step:
    challenge = Challenge(
        kind="numeric",
        ask=Text("What is y?", "y 는?"),
        answer="y",
        tolerance=0.01,
        hints=tuple(Text(f"hint {i + 1}", f"힌트 {i + 1}") for i in range(hints)),
        explain=Text("y = w x"),
    )
    return Step("demo", params(x=x, w=w), Text("Compute y."), challenge=challenge)


def choice_step(x: float = -3.0) -> Step:
    challenge = Challenge(
        kind="choice",
        ask=Text("Sign of y?"),
        answer="sign",
        options=(Option("pos", Text("positive")), Option("neg", Text("negative"))),
        hints=(Text("look at x"),),
    )
    return Step("demo", params(x=x), Text("Which sign?"), challenge=challenge)


def tune_step() -> Step:
    challenge = Challenge(
        kind="tune",
        ask=Text("Get the loss below 0.5"),
        answer="loss",
        goal=Goal("loss", below=0.5),
        controls=("lr", "epochs", "sizes"),
        suggested={"lr": 2.0},
    )
    return Step("demo", params(), Text("Tune lr."), challenge=challenge)


def make_lesson(lesson_id: str, steps: tuple[Step, ...], requires: tuple[str, ...] = ()) -> Lesson:
    return Lesson(
        id=lesson_id,
        title=Text(f"Lesson {lesson_id}", f"수업 {lesson_id}"),
        steps=steps,
        path=Path(f"/lessons/{lesson_id}.toml"),
        requires=requires,
    )


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def tick(self, seconds: float) -> None:
        self.now += seconds
