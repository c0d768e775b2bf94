"""Where tui9 finds its lessons and keeps its data."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def packaged_lessons_dir() -> Path:
    """The lessons shipped with tui9: inside the wheel, or lessons/ of a source checkout."""
    inside_wheel = _PACKAGE_DIR / "_lessons"
    if inside_wheel.is_dir():
        return inside_wheel
    return _PACKAGE_DIR.parent / "lessons"


def data_dir() -> Path:
    """Where progress and settings live: $TUI9_HOME, else the platform's user data dir."""
    override = os.environ.get("TUI9_HOME")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("tui9", appauthor=False))


def default_language(environ: dict[str, str] | None = None) -> str:
    """'ko' when the locale variables say Korean, else 'en'."""
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(var, "")
        if value:
            return "ko" if value.lower().startswith("ko") else "en"
    return "en"
