"""The game rules and saved progress (no Textual): progress, stars, sessions, the chapter map."""

from __future__ import annotations

from tui9.game.chapter import Chapter, MapEntry
from tui9.game.progress import LessonRecord, Progress
from tui9.game.session import LessonResult, LessonSession
from tui9.game.stars import score_for, stars_for

__all__ = [
    "Chapter",
    "LessonRecord",
    "LessonResult",
    "LessonSession",
    "MapEntry",
    "Progress",
    "score_for",
    "stars_for",
]
