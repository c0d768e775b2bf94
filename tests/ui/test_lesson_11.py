"""Lesson 11: what it teaches, checked against its scenes (the rest: test_lessons.py)."""

from __future__ import annotations

import pytest

from tests.ui.packaged import load
from tui9.course.grading import build_model

LESSON = "11-adam"


def q(step_index: int, name: str, **overrides):
    return build_model(load(LESSON).steps[step_index], overrides or None).quantity(name)


def test_quoted_numbers():
    assert q(0, "m1_y") == pytest.approx(0.4)
    assert q(1, "m_hat1_y") == pytest.approx(4.0)
    assert q(2, "y1_adam") == pytest.approx(1.7) and q(2, "x1_adam") == pytest.approx(-6.7)
    assert q(3, "closest") == "adagrad"
    assert q(4, "dist_adam") == pytest.approx(0.35, abs=0.01)
    assert q(4, "dist_adam", lr_adam=0.7) == pytest.approx(0.25, abs=0.01)
    # lr 0.5 is still swinging back at update 30; 0.7 went past to x = 1.9 and came back
    assert q(4, "x_adam", lr_adam=0.5) > 1.0
