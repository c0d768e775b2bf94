"""Lesson 8 loads clean, every challenge replays; its first step in en and ko."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui9.course.check import replay_lesson
from tui9.course.grading import build_model, grade
from tui9.course.loader import load_lesson_file

LESSON = "08-hyperparameters"
FILE = Path(__file__).resolve().parents[2] / "lessons" / f"{LESSON}.toml"
SIZE = (100, 30)


def load():
    lesson, problems = load_lesson_file(FILE)
    assert lesson is not None and problems == []
    return lesson


def test_loads_without_problems_and_replays():
    lesson = load()
    challenges = [s.challenge for s in lesson.steps if s.challenge is not None]
    assert len(challenges) >= 2
    assert all(s.text.ko and s.text.ko != s.text.en for s in lesson.steps)
    replay_problems, replayed = replay_lesson(lesson)
    assert replay_problems == [] and replayed == len(challenges)


def test_covers_every_hyperparameter():
    lesson = load()
    controls = {c for s in lesson.steps if s.challenge for c in s.challenge.controls}
    assert {"lr", "batch_size", "epochs", "optimizer", "init", "l2"} <= controls
    assert {s.scene for s in lesson.steps} == {"lab", "init"}


def test_tune_goals_fail_before_tuning():
    """Every tune step starts where the goal does not hold: there is something to do."""
    for step in load().steps:
        c = step.challenge
        if c is not None and c.kind == "tune":
            assert not grade(c, build_model(step), None).correct, step.title


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_first_step_snapshot(snap_compare, lang):
    from tui9.ui.app import make_app

    assert snap_compare(make_app(lesson=LESSON, lang=lang), terminal_size=SIZE)
