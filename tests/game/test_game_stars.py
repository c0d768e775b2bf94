"""Stars and score."""

from __future__ import annotations

import pytest

from tui9.game.stars import score_for, stars_for


@pytest.mark.parametrize(
    ("mistakes", "hints", "stars"),
    [(0, 0, 3), (1, 0, 2), (0, 1, 2), (1, 1, 1), (2, 0, 1), (5, 7, 1), (-1, 0, 3)],
)
def test_stars_drop_one_per_mistake_or_hint_never_below_one(mistakes, hints, stars):
    assert stars_for(mistakes, hints) == stars


def test_score_is_ten_points_per_step_and_star():
    assert score_for(3, 12) == 360
    assert score_for(1, 12) == 120
    assert score_for(0, 12) == 0
    assert score_for(2, 5) == 100


def test_score_clamps_nonsense():
    assert score_for(9, 1) == score_for(3, 1)
    assert score_for(-2, 4) == 0
    assert score_for(2, -4) == 0
