"""The packaged lessons, loaded once per test session, for the lesson tests."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from tui9.course.loader import load_lesson_file
from tui9.course.schema import Lesson

LESSONS_DIR = Path(__file__).resolve().parents[2] / "lessons"
LESSON_IDS = sorted(p.stem for p in LESSONS_DIR.glob("*.toml"))


@cache
def load(lesson_id: str) -> Lesson:
    """The packaged lesson ``lesson_id``; it must load without a single problem."""
    lesson, problems = load_lesson_file(LESSONS_DIR / f"{lesson_id}.toml")
    assert lesson is not None and problems == [], problems
    return lesson
