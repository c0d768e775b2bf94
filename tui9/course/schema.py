"""The lesson format (format_version = 1) as frozen dataclasses.

The loader (``tui9.course.loader``) turns TOML files into these; everything else
(grading, the game, the UI) reads only these. Texts, problems and lesson headers live in
``tui9.course.headers`` (what the map needs first) and are re-exported here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

from tui9.course.headers import (
    FORMAT_VERSION,
    LANGUAGES,
    BrokenLesson,
    LessonOutline,
    Outline,
    Problem,
    Severity,
    Text,
)

__all__ = [
    "FORMAT_VERSION",
    "LANGUAGES",
    "BrokenLesson",
    "Challenge",
    "ChallengeKind",
    "Course",
    "Goal",
    "Lesson",
    "LessonOutline",
    "Option",
    "Outline",
    "Problem",
    "Severity",
    "Step",
    "Text",
]

ChallengeKind = Literal["numeric", "choice", "tune"]


@dataclass(frozen=True)
class Option:
    """One choice of a choice challenge: ``key`` is compared with the answer quantity."""

    key: str
    text: Text


@dataclass(frozen=True)
class Goal:
    """A tune challenge's goal: ``quantity`` must end below and/or above a bound."""

    quantity: str
    below: float | None = None
    above: float | None = None

    def reached(self, value: float) -> bool:
        """Whether ``value`` satisfies every bound (nan never does)."""
        if value != value:  # nan
            return False
        if self.below is not None and not value < self.below:
            return False
        return not (self.above is not None and not value > self.above)


@dataclass(frozen=True)
class Challenge:
    """A question attached to a step; its answer is computed by the step's scene model.

    numeric: ``answer`` names a number quantity; correct within ``tolerance`` (absolute).
    choice:  ``answer`` names an option quantity; the student picks one of ``options``.
    tune:    the student changes ``controls`` (scene params) and runs; correct when
             ``goal`` holds. ``suggested`` are settings that reach the goal (checked).
    """

    kind: ChallengeKind
    ask: Text
    answer: str
    tolerance: float = 0.0
    options: tuple[Option, ...] = ()
    goal: Goal | None = None
    controls: tuple[str, ...] = ()
    suggested: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    hints: tuple[Text, ...] = ()
    explain: Text | None = None


@dataclass(frozen=True)
class Step:
    """One screen of a lesson: Markdown text beside a scene, maybe a challenge."""

    scene: str
    #: The scene's params, validated, with defaults filled in (read-only).
    params: Mapping[str, Any]
    text: Text
    title: Text | None = None
    challenge: Challenge | None = None
    #: Line of the step's ``[[steps]]`` header in its file.
    line: int = 0


@dataclass(frozen=True)
class Lesson:
    """A validated lesson file."""

    id: str
    title: Text
    steps: tuple[Step, ...]
    path: Path
    summary: Text | None = None
    requires: tuple[str, ...] = ()
    format_version: int = FORMAT_VERSION

    @property
    def total(self) -> int:
        """Number of steps."""
        return len(self.steps)


@dataclass(frozen=True)
class Course:
    """Every lesson of a folder: the good ones in play order, the broken ones, all problems."""

    lessons: tuple[Lesson, ...]
    broken: tuple[BrokenLesson, ...] = ()
    problems: tuple[Problem, ...] = ()

    def lesson(self, lesson_id: str) -> Lesson | None:
        """The lesson with ``lesson_id``, or None."""
        return next((les for les in self.lessons if les.id == lesson_id), None)

    @property
    def errors(self) -> tuple[Problem, ...]:
        """Problems of severity error."""
        return tuple(p for p in self.problems if p.severity == "error")
