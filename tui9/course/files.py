"""Finding and reading lesson files: what the loader and the outline both need.

Standard library only (no scenes, no NumPy), so the chapter map can start with it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tui9.course.headers import Problem, Text

#: Files larger than this are reported and not parsed.
MAX_FILE_BYTES = 1024 * 1024
#: What a lesson id looks like.
SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")
#: A ``[[steps]]`` table header line.
STEP_HEADER = re.compile(r"^\s*\[\[\s*steps\s*\]\]")


def lesson_files(dirs: Iterable[Path], problems: list[Problem]) -> list[Path]:
    """Every ``*.toml`` in ``dirs`` (a file may be named directly), in file-name order.

    A folder that is missing, empty or unreadable adds a problem to ``problems``.
    """
    files: list[Path] = []
    seen: set[Path] = set()
    for d in dirs:
        d = Path(d)
        try:
            if d.is_file():
                found = [d]
            elif not d.exists():
                problems.append(Problem(d, None, "", "no such folder"))
                continue
            elif not d.is_dir():
                problems.append(Problem(d, None, "", "not a folder of lesson files"))
                continue
            else:
                found = sorted((p for p in d.glob("*.toml") if p.is_file()), key=lambda p: p.name)
                if not found:
                    problems.append(Problem(d, None, "", "no lesson files (*.toml) in this folder"))
        except OSError as exc:
            problems.append(Problem(d, None, "", f"cannot read: {exc.strerror or exc}"))
            continue
        for f in found:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                files.append(f)
    return files


def read_lesson_text(path: Path) -> tuple[str | None, str | None, int | None]:
    """``(text, None, None)``, or ``(None, why it can't be parsed, line or None)``."""
    try:
        with path.open("rb") as f:
            data = f.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return None, f"cannot read the file: {exc.strerror or exc}", None
    if len(data) > MAX_FILE_BYTES:
        return (
            None,
            f"file is larger than the limit of {MAX_FILE_BYTES} bytes (1 MiB); "
            "a lesson file should be a few KiB",
            None,
        )
    if not data.strip():
        return None, "file is empty; a lesson starts with format_version = 1", None
    try:
        return data.decode("utf-8-sig"), None, None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return (
            None,
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at column {col}); "
            "save the file as UTF-8",
            line,
        )


def best_text(value: Any) -> Text | None:
    """A title or summary as Text, if ``value`` is a usable one (a string or {en, ko})."""
    if isinstance(value, str) and value.strip():
        return Text(value)
    if isinstance(value, dict) and isinstance(value.get("en"), str) and value["en"].strip():
        ko = value.get("ko")
        return Text(value["en"], ko if isinstance(ko, str) and ko.strip() else None)
    return None
