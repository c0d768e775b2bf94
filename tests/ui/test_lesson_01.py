"""Lesson 01: what it teaches, checked against its scenes (the rest: test_lessons.py)."""

from __future__ import annotations

from tests.ui.packaged import load

LESSON = "01-perceptron"


def test_teaches_and_or_and_xor_impossibility():
    lesson = load(LESSON)
    answers = [s.challenge.answer for s in lesson.steps if s.challenge is not None]
    assert {"errors", "gate", "separable"} <= set(answers)
    gates = {s.params["gate"] for s in lesson.steps}
    assert {"and", "or", "xor"} <= gates
