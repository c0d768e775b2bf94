"""Lesson 10: what it teaches, checked against its scenes (the rest: test_lessons.py)."""

from __future__ import annotations

import pytest

from tests.ui.packaged import load
from tui9.course.grading import build_model

LESSON = "10-adagrad"


def q(step_index: int, name: str, **overrides):
    return build_model(load(LESSON).steps[step_index], overrides or None).quantity(name)


def test_quoted_numbers():
    assert q(0, "h1_y") == pytest.approx(16.0) and q(0, "h1_x") == pytest.approx(0.49)
    assert q(1, "y1_adagrad") == pytest.approx(0.5) and q(1, "x1_adagrad") == pytest.approx(-5.5)
    assert q(2, "closest") == "adagrad"
    assert q(3, "adagrad_lr_x") == pytest.approx(0.017, abs=0.0005)
    assert q(3, "x_adagrad") == pytest.approx(-5.24, abs=0.01)
    assert q(4, "dist_rmsprop") < 0.01 and q(4, "dist_adagrad") == pytest.approx(5.3, abs=0.1)
