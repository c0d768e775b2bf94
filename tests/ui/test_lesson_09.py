"""Lesson 09: what it teaches, checked against its scenes (the rest: test_lessons.py)."""

from __future__ import annotations

import pytest

from tests.ui.packaged import load
from tui9.course.grading import build_model

LESSON = "09-momentum"


def q(step_index: int, name: str, **overrides):
    return build_model(load(LESSON).steps[step_index], overrides or None).quantity(name)


def test_quoted_numbers():
    assert q(0, "grad_x") == pytest.approx(-0.7) and q(0, "grad_y") == pytest.approx(4.0)
    assert q(0, "y1_sgd") == pytest.approx(-1.8)
    assert q(1, "zigzag_sgd") == 30
    assert q(2, "v1_y") == pytest.approx(-0.4) and q(2, "y1_momentum") == pytest.approx(1.6)
    assert q(3, "y_momentum") == pytest.approx(0.92)
    assert q(4, "zigzag_momentum") == 4
    assert q(5, "dist_momentum") == pytest.approx(0.9, abs=0.01)
    assert q(5, "dist_momentum", momentum=0.7, lr_momentum=0.3) == pytest.approx(0.07, abs=0.005)
