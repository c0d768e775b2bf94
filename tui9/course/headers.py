"""What the chapter map needs of the lesson format: texts, problems and lesson headers.

Cheap to import (a handful of dataclasses, standard library only), so the map can be
drawn before the rest of the format (``tui9.course.schema``, which re-exports these) is
loaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

FORMAT_VERSION = 1
LANGUAGES = ("en", "ko")

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Text:
    """A human-readable text in English and (optionally) Korean."""

    en: str
    ko: str | None = None

    def get(self, lang: str) -> str:
        """The text in ``lang``; Korean falls back to English when missing."""
        if lang == "ko" and self.ko:
            return self.ko
        return self.en


@dataclass(frozen=True)
class Problem:
    """Something wrong (or, as a warning, worth fixing) in a lesson file."""

    path: Path
    line: int | None
    key: str
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        tag = "" if self.severity == "error" else "warning: "
        return f"{where}: {self.key or '(file)'}: {tag}{self.message}"


@dataclass(frozen=True)
class BrokenLesson:
    """A lesson file that failed to load: shown on the map, not playable."""

    path: Path
    id: str
    title: Text
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class LessonOutline:
    """A lesson's header, read without checking its steps: what the chapter map shows."""

    id: str
    title: Text
    path: Path
    summary: Text | None = None
    requires: tuple[str, ...] = ()
    #: Number of ``[[steps]]`` tables in the file.
    total: int = 0


@dataclass(frozen=True)
class Outline:
    """The course as the map first shows it, before :class:`Course` has checked every step."""

    lessons: tuple[LessonOutline, ...]
    broken: tuple[BrokenLesson, ...] = ()
    problems: tuple[Problem, ...] = ()

    def lesson(self, lesson_id: str) -> LessonOutline | None:
        """The lesson with ``lesson_id``, or None."""
        return next((les for les in self.lessons if les.id == lesson_id), None)
