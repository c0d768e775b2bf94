"""Lesson 07: what it teaches, checked against its scenes (the rest: test_lessons.py)."""

from __future__ import annotations

from tests.ui.packaged import load
from tui9.course.grading import build_model

LESSON = "07-gradient-descent"


def test_counts_the_lesson_states_match_the_scene():
    lesson = load(LESSON)
    by_answer = {s.challenge.answer: s for s in lesson.steps if s.challenge is not None}
    # the numbers the texts and explanations quote
    assert build_model(by_answer["grad_evals_batch"]).quantity("grad_evals_batch") == 200
    assert build_model(by_answer["updates_sgd"]).quantity("updates_sgd") == 200
    assert build_model(by_answer["updates_minibatch"]).quantity("updates_minibatch") == 13
    assert build_model(by_answer["ups_batch"]).quantity("ups_batch") == 0
    assert build_model(by_answer["lowest_final"]).quantity("lowest_final") == "sgd"
    fastest = build_model(by_answer["fastest_to_threshold"])
    assert fastest.quantity("fastest_to_threshold") == "minibatch"
