"""Fixtures for the game tests: only the demo scene registered, sample lessons, a clock."""

from __future__ import annotations

from pathlib import Path

import pytest

import tui9.scenes
from tests.game.gamekit import (
    DEMO,
    FakeClock,
    choice_step,
    make_lesson,
    numeric_step,
    text_step,
    tune_step,
)
from tui9.course.schema import BrokenLesson, Course, Lesson, Problem, Text
from tui9.game.progress import Progress
from tui9.scenes.base import SceneSpec


@pytest.fixture(autouse=True)
def demo_scene(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> SceneSpec:
    """Only the demo scene is registered while a game test runs (unless marked real_scenes)."""
    if request.node.get_closest_marker("real_scenes"):
        return DEMO
    monkeypatch.setattr(tui9.scenes, "scenes", lambda: {"demo": DEMO})
    return DEMO


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


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "real_scenes: use the registered scenes, not the demo")
