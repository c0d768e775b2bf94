"""Lesson 11 loads clean, every challenge replays, the numbers its text quotes hold."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui9.course.check import replay_lesson
from tui9.course.grading import build_model, grade
from tui9.course.loader import load_lesson_file

LESSON = "11-adam"
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
    assert q(0, "m1_y") == pytest.approx(0.4)
    assert q(1, "m_hat1_y") == pytest.approx(4.0)
    assert q(2, "y1_adam") == pytest.approx(1.7) and q(2, "x1_adam") == pytest.approx(-6.7)
    assert q(3, "closest") == "adagrad"
    assert q(4, "dist_adam") == pytest.approx(0.35, abs=0.01)
    assert q(4, "dist_adam", lr_adam=0.7) == pytest.approx(0.25, abs=0.01)
    # lr 0.5 is still swinging back at update 30; 0.7 went past to x = 1.9 and came back
    assert q(4, "x_adam", lr_adam=0.5) > 1.0


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_first_step_snapshot(snap_compare, lang):
    from tui9.ui.app import make_app

    assert snap_compare(make_app(lesson=LESSON, lang=lang), terminal_size=SIZE)
