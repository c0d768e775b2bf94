"""Lesson 12 loads clean, every challenge replays, the numbers its text quotes hold."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui9.course.check import replay_lesson
from tui9.course.grading import build_model, grade
from tui9.course.loader import load_lesson_file

LESSON = "12-final-digits"
FILE = Path(__file__).resolve().parents[2] / "lessons" / f"{LESSON}.toml"
SIZE = (100, 30)


def load():
    lesson, problems = load_lesson_file(FILE)
    assert lesson is not None and problems == []
    return lesson


def q(step_index: int, name: str, **overrides):
    return build_model(load().steps[step_index], overrides or None).quantity(name)


def test_loads_without_problems_and_replays():
    lesson = load()
    challenges = [s.challenge for s in lesson.steps if s.challenge is not None]
    assert len(challenges) >= 2
    assert all(s.text.ko and s.text.ko != s.text.en for s in lesson.steps)
    replay_problems, replayed = replay_lesson(lesson)
    assert replay_problems == [] and replayed == len(challenges)


def test_tune_goals_fail_before_tuning():
    for step in load().steps:
        c = step.challenge
        if c is not None and c.kind == "tune":
            assert not grade(c, build_model(step), None).correct, step.title


def test_quoted_numbers():
    assert q(0, "test_accuracy") == pytest.approx(0.40, abs=0.01)
    assert q(1, "test_accuracy", optimizer="adam", lr=0.01, hidden=[32]) == pytest.approx(
        0.97, abs=0.01
    )
    assert q(1, "test_accuracy", optimizer="momentum", lr=0.05, hidden=[32]) > 0.95
    assert q(1, "test_accuracy", lr=0.1, hidden=[32]) < 0.95  # SGD: close, not quite
    assert q(2, "test_errors") == 8
    assert q(3, "label") == 3 and q(3, "prediction") == 5 and q(3, "probability") > 0.98


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_first_step_snapshot(snap_compare, lang):
    from tui9.ui.app import make_app

    assert snap_compare(make_app(lesson=LESSON, lang=lang), terminal_size=SIZE)
