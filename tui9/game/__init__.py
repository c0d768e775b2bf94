"""The game rules and saved progress (no Textual): progress, stars, sessions, the chapter map.

The names below load their module on first use, so the chapter map can start with
``tui9.game.chapter`` and ``tui9.game.progress`` without the lesson player's imports.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tui9.game.chapter import Chapter, MapEntry
    from tui9.game.progress import LessonRecord, Progress
    from tui9.game.session import LessonResult, LessonSession
    from tui9.game.stars import score_for, stars_for

_HOMES = {
    "Chapter": "chapter",
    "MapEntry": "chapter",
    "LessonRecord": "progress",
    "Progress": "progress",
    "LessonResult": "session",
    "LessonSession": "session",
    "score_for": "stars",
    "stars_for": "stars",
}

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


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_HOMES[name]}"), name)
