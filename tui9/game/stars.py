"""Stars and score for a finished lesson.

Stars: 3 for a run without mistakes or hints, one fewer for each mistake or hint,
and never fewer than 1 for finishing.

Score: 10 points per step of the lesson for each star, so a 12-step lesson is worth
120 / 240 / 360 points for 1 / 2 / 3 stars, and an unfinished lesson (0 stars) 0.
"""

from __future__ import annotations

MAX_STARS = 3
POINTS_PER_STEP_STAR = 10


def stars_for(mistakes: int, hints: int) -> int:
    """Stars for a finished run with ``mistakes`` wrong answers and ``hints`` hints shown."""
    penalty = max(0, int(mistakes)) + max(0, int(hints))
    return max(1, MAX_STARS - penalty)


def score_for(stars: int, steps: int) -> int:
    """Points for a lesson of ``steps`` steps finished with ``stars`` stars (0 if unfinished)."""
    stars = max(0, min(MAX_STARS, int(stars)))
    return POINTS_PER_STEP_STAR * stars * max(0, int(steps))
