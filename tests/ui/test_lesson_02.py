"""Lesson 02: what it teaches, checked against its scenes (the rest: test_lessons.py)."""

from __future__ import annotations

from tests.ui.packaged import load

LESSON = "02-mlp"


def test_xor_is_solved_by_the_hidden_layer():
    from tui9.course.grading import build_model

    lesson = load(LESSON)
    gate_steps = [s for s in lesson.steps if s.challenge and s.challenge.answer == "gate"]
    assert gate_steps and build_model(gate_steps[0]).quantity("gate") == "XOR"
