"""Lesson 10 loads clean, every challenge replays, the numbers its text quotes hold."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui9.course.check import replay_lesson
from tui9.course.grading import build_model, grade
from tui9.course.loader import load_lesson_file

LESSON = "10-adagrad"
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
    assert q(0, "h1_y") == pytest.approx(16.0) and q(0, "h1_x") == pytest.approx(0.49)
    assert q(1, "y1_adagrad") == pytest.approx(0.5) and q(1, "x1_adagrad") == pytest.approx(-5.5)
    assert q(2, "closest") == "adagrad"
    assert q(3, "adagrad_lr_x") == pytest.approx(0.017, abs=0.0005)
    assert q(3, "x_adagrad") == pytest.approx(-5.24, abs=0.01)
    assert q(4, "dist_rmsprop") < 0.01 and q(4, "dist_adagrad") == pytest.approx(5.3, abs=0.1)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_first_step_snapshot(snap_compare, lang):
    from tui9.ui.app import make_app

    assert snap_compare(make_app(lesson=LESSON, lang=lang), terminal_size=SIZE)
