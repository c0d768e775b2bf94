"""Lesson 03: what it teaches, checked against its scenes (the rest: test_lessons.py)."""

from __future__ import annotations

from tests.ui.packaged import load

LESSON = "03-linear-collapse"


def test_corrects_the_slide_slip():
    lesson = load(LESSON)
    text = " ".join(s.text.en for s in lesson.steps)
    assert "W2 W1 x + W2 b1 + b2" in text and "slip" in text
    ko = " ".join(s.text.ko or "" for s in lesson.steps)
    assert "W2 W1 x + W2 b1 + b2" in ko and "실수" in ko


def test_numbers_quoted_in_the_order_step_are_the_scenes():
    import numpy as np

    from tui9.course.grading import build_model

    lesson = load(LESSON)
    step = next(s for s in lesson.steps if s.challenge and s.challenge.answer == "formula")
    model = build_model(step)
    x = np.array(step.params["x"], dtype=float)
    slide = model.candidate("W1W2")(x)
    assert "[5, 16]" in step.challenge.explain.en and "[6, 15]" in step.challenge.explain.en
    assert slide.tolist() == [5.0, 16.0] and model.two_layer(x).tolist() == [6.0, 15.0]
