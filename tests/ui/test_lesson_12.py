"""Lesson 12: what it teaches, checked against its scenes (the rest: test_lessons.py)."""

from __future__ import annotations

import pytest

from tests.ui.packaged import load
from tui9.course.grading import build_model

LESSON = "12-final-digits"


def q(step_index: int, name: str, **overrides):
    return build_model(load(LESSON).steps[step_index], overrides or None).quantity(name)


def test_quoted_numbers():
    assert q(0, "test_accuracy") == pytest.approx(0.40, abs=0.01)
    assert q(1, "test_accuracy", optimizer="adam", lr=0.01, hidden=[32]) == pytest.approx(
        0.97, abs=0.01
    )
    assert q(1, "test_accuracy", optimizer="momentum", lr=0.05, hidden=[32]) > 0.95
    assert q(1, "test_accuracy", lr=0.1, hidden=[32]) < 0.95  # SGD: close, not quite
    assert q(2, "test_errors") == 8
    assert q(3, "label") == 3 and q(3, "prediction") == 5 and q(3, "probability") > 0.98
