"""Lesson 08: what it teaches, checked against its scenes (the rest: test_lessons.py)."""

from __future__ import annotations

from tests.ui.packaged import load

LESSON = "08-hyperparameters"


def test_covers_every_hyperparameter():
    lesson = load(LESSON)
    controls = {c for s in lesson.steps if s.challenge for c in s.challenge.controls}
    assert {"lr", "batch_size", "epochs", "optimizer", "init", "l2"} <= controls
    assert {s.scene for s in lesson.steps} == {"lab", "init"}
