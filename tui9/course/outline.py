"""The course's outline: each lesson's header, read fast for the chapter map's first frame.

Standard library only: no scene (and so no NumPy) is imported. :func:`tui9.course.loader.
load_course` stays the judge of what is playable; the app loads it after the first frame.
"""

from __future__ import annotations

import contextlib
import re
import tomllib
from collections.abc import Sequence
from pathlib import Path

from tui9.course.files import SLUG, STEP_HEADER, best_text, lesson_files, read_lesson_text
from tui9.course.headers import FORMAT_VERSION, BrokenLesson, LessonOutline, Outline, Problem, Text

_TABLE_HEADER = re.compile(r"^\s*\[", re.MULTILINE)


def load_outline(dirs: Sequence[Path]) -> Outline:
    """Each lesson's id, title, summary, requires and step count; never raises.

    Only the top of each file (the keys before its first table) is parsed. A file whose
    header can't be read here is listed as broken (the full load says exactly why).
    """
    problems: list[Problem] = []
    lessons: list[LessonOutline] = []
    broken: list[BrokenLesson] = []
    seen: set[str] = set()
    for path in lesson_files(dirs, problems):
        head = _outline_of(path)
        if head is not None and head.id not in seen:
            seen.add(head.id)
            lessons.append(head)
            continue
        reason = "its header (format_version, id, title, requires) could not be read"
        if head is not None:
            reason = f"the id '{head.id}' is used by another lesson file"
        problem = Problem(path, None, "", reason)
        problems.append(problem)
        broken.append(BrokenLesson(path, path.stem, Text(path.stem), (problem,)))
    return Outline(lessons=tuple(lessons), broken=tuple(broken), problems=tuple(problems))


def _outline_of(path: Path) -> LessonOutline | None:
    text, _why, _line = read_lesson_text(path)
    if text is None:
        return None
    data = None
    first_table = _TABLE_HEADER.search(text)
    if first_table is not None:  # top-level keys all come before the first table
        # (a multi-line string with a line starting '[' fails here: then read it all)
        with contextlib.suppress(tomllib.TOMLDecodeError):
            data = tomllib.loads(text[: first_table.start()])
    if data is None:
        try:
            data = tomllib.loads(text)
        except (tomllib.TOMLDecodeError, RecursionError):
            return None
    lesson_id, title = data.get("id"), best_text(data.get("title"))
    requires = data.get("requires", [])
    if (
        data.get("format_version") != FORMAT_VERSION
        or not isinstance(lesson_id, str)
        or not SLUG.fullmatch(lesson_id)
        or title is None
        or not isinstance(requires, list)
        or not all(isinstance(r, str) for r in requires)
    ):
        return None
    return LessonOutline(
        id=lesson_id,
        title=title,
        path=path,
        summary=best_text(data.get("summary")),
        requires=tuple(requires),
        total=sum(1 for line in text.splitlines() if STEP_HEADER.match(line)),
    )
