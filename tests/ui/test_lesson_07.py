"""Lesson 7 loads clean, every challenge replays; its first step in en and ko."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui9.course.check import replay_lesson
from tui9.course.grading import build_model
from tui9.course.loader import load_lesson_file

LESSON = "07-gradient-descent"
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


def test_counts_the_lesson_states_match_the_scene():
    lesson = load()
    by_answer = {s.challenge.answer: s for s in lesson.steps if s.challenge is not None}
    # the numbers the texts and explanations quote
    assert build_model(by_answer["grad_evals_batch"]).quantity("grad_evals_batch") == 200
    assert build_model(by_answer["updates_sgd"]).quantity("updates_sgd") == 200
    assert build_model(by_answer["updates_minibatch"]).quantity("updates_minibatch") == 13
    assert build_model(by_answer["ups_batch"]).quantity("ups_batch") == 0
    assert build_model(by_answer["lowest_final"]).quantity("lowest_final") == "sgd"
    fastest = build_model(by_answer["fastest_to_threshold"])
    assert fastest.quantity("fastest_to_threshold") == "minibatch"


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_first_step_snapshot(snap_compare, lang):
    from tui9.ui.app import make_app

    assert snap_compare(make_app(lesson=LESSON, lang=lang), terminal_size=SIZE)
