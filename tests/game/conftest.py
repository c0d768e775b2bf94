"""A tiny fake scene and lessons built straight from the schema dataclasses."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import tui9.scenes
from tui9.course.schema import (
    BrokenLesson,
    Challenge,
    Course,
    Goal,
    Lesson,
    Option,
    Problem,
    Step,
    Text,
)
from tui9.game.progress import Progress
from tui9.scenes.base import Param, Quantity, SceneSpec


@dataclass
class DemoModel:
    """y = w * x; loss after a fake "training" = 1 / (1 + lr); sign of y as an option."""

    x: float
    w: float
    lr: float

    def quantity(self, name: str) -> float | str:
        if name == "y":
            return self.w * self.x
        if name == "loss":
            return 1.0 / (1.0 + self.lr)
        if name == "sign":
            return "pos" if self.w * self.x >= 0 else "neg"
        raise KeyError(name)


def _factory(params: dict[str, Any]) -> DemoModel:
    return DemoModel(params["x"], params["w"], params["lr"])


DEMO = SceneSpec(
    name="demo",
    summary="y = w x",
    params=(
        Param("x", "float", 2.0, min=-100, max=100),
        Param("w", "float", 0.5, min=-100, max=100),
        Param("lr", "float", 0.01, min=0, max=10, tunable=True),
        Param("epochs", "int", 10, min=1, max=1000, tunable=True),
    ),
    quantities=(
        Quantity("y", "w times x"),
        Quantity("loss", "loss after training"),
        Quantity("sign", "sign of y", kind="option"),
    ),
    factory=_factory,
    option_values={"sign": ("pos", "neg")},
)


@pytest.fixture(autouse=True)
def demo_scene(monkeypatch: pytest.MonkeyPatch) -> SceneSpec:
    """Only the demo scene is registered while a game test runs."""
    monkeypatch.setattr(tui9.scenes, "scenes", lambda: {"demo": DEMO})
    return DEMO


def params(**overrides: Any) -> dict[str, Any]:
    values, problems = DEMO.validate(overrides)
    assert not problems
    return values


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
        controls=("lr", "epochs"),
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


@pytest.fixture
def lesson_a() -> Lesson:
    """text, numeric (y = 1.0), text, choice (neg)."""
    return make_lesson("a", (text_step(), numeric_step(), text_step(3.0), choice_step()))


@pytest.fixture
def lesson_b() -> Lesson:
    return make_lesson("b", (text_step(), tune_step(), text_step()), requires=("a",))


@pytest.fixture
def lesson_c() -> Lesson:
    return make_lesson("c", (text_step(), numeric_step(1.0, 4.0)), requires=("a", "b"))


@pytest.fixture
def course(lesson_a: Lesson, lesson_b: Lesson, lesson_c: Lesson) -> Course:
    bad = Path("/lessons/99-bad.toml")
    problem = Problem(bad, 3, "steps[0].scene", "unknown scene 'nope'")
    broken = BrokenLesson(bad, "99-bad", Text("Bad lesson"), (problem,))
    return Course((lesson_a, lesson_b, lesson_c), (broken,), (problem,))


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def prog(home: Path):
    p = Progress.open(home)
    assert p.notice is None and not p.in_memory
    yield p
    p.close()


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def tick(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()
