"""Lesson 05: what it teaches, checked against its scenes (the rest: test_lessons.py)."""

from __future__ import annotations

from tests.ui.packaged import load

LESSON = "05-backprop"


def test_backprop_through_one_and_two_layers():
    lesson = load(LESSON)
    answers = [s.challenge.answer for s in lesson.steps if s.challenge is not None]
    assert {"L", "dL_dz", "dL_dw", "dL_db", "dL_dw2"} <= set(answers)
    assert any(s.params.get("layers") == 2 for s in lesson.steps)
    assert any(s.challenge is not None and s.challenge.kind == "tune" for s in lesson.steps)
