"""The chapter as a map: every lesson's state, stars and place, plus totals."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, TypeAlias

from tui9.game.progress import LessonRecord, Progress
from tui9.game.stars import MAX_STARS, score_for

if TYPE_CHECKING:  # the map starts before the lesson format's full schema is imported
    from tui9.course.headers import LessonOutline, Outline, Text
    from tui9.course.schema import Course, Lesson

    #: A lesson as the map sees it: checked (Lesson) or only its header read (LessonOutline).
    AnyLesson: TypeAlias = Lesson | LessonOutline

EntryState = Literal["locked", "open", "in_progress", "done", "broken"]

#: The setting that opens every lesson when it is "1".
UNLOCK_ALL = "unlock_all"


@dataclass(frozen=True)
class MapEntry:
    """One row of the chapter map."""

    #: 1-based position on the map (good lessons in play order, then broken ones).
    number: int
    lesson_id: str
    title: Text
    state: EntryState
    #: Best stars (0 until finished once).
    stars: int
    #: The saved step (0-based) and the number of steps (0 for a broken lesson).
    step: int
    total: int
    requires: tuple[str, ...]
    #: Why a broken lesson can't load (its first problem), else None.
    problem: str | None
    #: For a locked lesson: the required lessons not yet done.
    waiting_for: tuple[str, ...] = ()


class Chapter:
    """The course seen through the student's progress. Reads progress fresh on every call."""

    def __init__(self, course: Course | Outline, progress: Progress) -> None:
        self.course = course
        self.progress = progress

    @property
    def unlock_all(self) -> bool:
        """Whether the "unlock all lessons" setting is on."""
        return self.progress.get_setting(UNLOCK_ALL) == "1"

    def _records(self) -> dict[str, LessonRecord]:
        return self.progress.records(les.id for les in self.course.lessons)

    def _waiting_for(self, lesson: AnyLesson, records: dict[str, LessonRecord]) -> tuple[str, ...]:
        # A requirement that is not a playable lesson (missing or broken) can never be
        # done, so it does not lock anything.
        return tuple(r for r in lesson.requires if r in records and records[r].status != "done")

    def _open(self, lesson: AnyLesson, records: dict[str, LessonRecord], unlock_all: bool) -> bool:
        if unlock_all or records[lesson.id].status != "new":
            return True  # once started (e.g. via --lesson), a lesson stays reachable
        return not self._waiting_for(lesson, records)

    def is_open(self, lesson_id: str) -> bool:
        """Whether ``lesson_id`` is a playable lesson the student may open now."""
        lesson = self.course.lesson(lesson_id)
        if lesson is None:
            return False
        return self._open(lesson, self._records(), self.unlock_all)

    def open_ids(self) -> set[str]:
        """Ids of every lesson open now."""
        records, unlock_all = self._records(), self.unlock_all
        return {les.id for les in self.course.lessons if self._open(les, records, unlock_all)}

    @property
    def entries(self) -> list[MapEntry]:
        """Good lessons in play order, then broken ones."""
        records, unlock_all = self._records(), self.unlock_all
        out: list[MapEntry] = []
        for number, les in enumerate(self.course.lessons, start=1):
            rec = records[les.id]
            waiting = self._waiting_for(les, records)
            state: EntryState
            if rec.status == "done":
                state = "done"
            elif not self._open(les, records, unlock_all):
                state = "locked"
            elif rec.status == "in_progress":
                state = "in_progress"
            else:
                state = "open"
            total = les.total
            out.append(
                MapEntry(
                    number=number,
                    lesson_id=les.id,
                    title=les.title,
                    state=state,
                    stars=rec.best_stars,
                    step=min(rec.step, max(0, total - 1)),
                    total=total,
                    requires=les.requires,
                    problem=None,
                    waiting_for=waiting if state == "locked" else (),
                )
            )
        for number, broken in enumerate(self.course.broken, start=len(out) + 1):
            errors = [p for p in broken.problems if p.severity == "error"] or list(broken.problems)
            out.append(
                MapEntry(
                    number=number,
                    lesson_id=broken.id,
                    title=broken.title,
                    state="broken",
                    stars=0,
                    step=0,
                    total=0,
                    requires=(),
                    problem=str(errors[0]) if errors else "the lesson file could not be loaded",
                )
            )
        return out

    @property
    def stars(self) -> int:
        """Best stars summed over the playable lessons."""
        return sum(r.best_stars for r in self._records().values())

    @property
    def stars_max(self) -> int:
        """3 stars per playable lesson."""
        return MAX_STARS * len(self.course.lessons)

    @property
    def score(self) -> int:
        """Sum of :func:`score_for` (best stars, steps) over the playable lessons."""
        records = self._records()
        return sum(score_for(records[les.id].best_stars, les.total) for les in self.course.lessons)

    @property
    def done_count(self) -> int:
        """How many playable lessons are done."""
        return sum(r.status == "done" for r in self._records().values())

    def resume_target(self) -> str | None:
        """The most recently touched lesson, if it is open and not done; else None."""
        last = self.progress.last_lesson()
        if last is None or self.course.lesson(last) is None:
            return None
        if self.progress.lesson(last).status == "done":
            return None
        return last if self.is_open(last) else None

    def next_lesson(self, after: str | None = None) -> str | None:
        """The first open, not-done lesson (after ``after`` in play order, if given)."""
        ids = [les.id for les in self.course.lessons]
        start = ids.index(after) + 1 if after in ids else 0
        open_now, records = self.open_ids(), self._records()
        for lesson_id in ids[start:] + ids[:start]:
            if lesson_id in open_now and records[lesson_id].status != "done":
                return lesson_id
        return None
