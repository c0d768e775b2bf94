"""Lesson 04: what it teaches, checked against its scenes (the rest: test_lessons.py)."""

from __future__ import annotations

from tests.ui.packaged import load

LESSON = "04-chain-rule"


def test_teaches_the_chain_rule_on_a_graph():
    lesson = load(LESSON)
    answers = [s.challenge.answer for s in lesson.steps if s.challenge is not None]
    assert {"dz_dy", "dz_dx", "da_dz", "w_update"} <= set(answers)
    assert any(s.params.get("form") == "chain" for s in lesson.steps)
    assert all(s.scene == "graph" for s in lesson.steps)
