"""How `tui9` starts: the map from the lessons' headers first, the checked course after.

make_app(background=True) is what the CLI runs; every other test loads the course first.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import tui9.course.loader as loader
from tui9.course.schema import Course, Outline
from tui9.game.progress import Progress
from tui9.ui.screens.home import HomeScreen, LessonList
from tui9.ui.screens.lesson import LessonScreen

SIZE = (100, 30)
ROOT = Path(__file__).resolve().parents[2]


def rows(app) -> list[str]:
    return list(app.screen.query_one(LessonList).texts)


@pytest.fixture
def held_loading(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The course loads only once the returned event is set (the map comes first)."""
    release = threading.Event()
    real = loader.load_course

    def slow_load(dirs):
        assert release.wait(10), "the test never released the course"
        return real(dirs)

    monkeypatch.setattr(loader, "load_course", slow_load)
    return release


async def test_the_map_comes_first_then_the_checked_course(make_test_app, held_loading):
    app = make_test_app(background=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert isinstance(app.course, Outline) and not app.course_ready
        # read from the headers: the file broken only in its step still looks playable
        assert "First steps" in rows(app)[0] and "open" in rows(app)[0]
        assert "Broken on purpose" in rows(app)[3] and "broken" not in rows(app)[3]
        held_loading.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.course, Course) and app.course_ready
        assert "broken" in rows(app)[3]
        assert "Tuning" in rows(app)[1] and "locked" in rows(app)[1]
        assert app.caught_errors == []


async def test_a_lesson_chosen_while_loading_opens_once_loaded(make_test_app, held_loading):
    app = make_test_app(background=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)  # not yet: the course is still loading
        held_loading.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
        assert app.screen.lesson.id == "first"
        assert app.caught_errors == []


async def test_a_locked_lesson_chosen_while_loading_stays_locked(make_test_app, held_loading):
    app = make_test_app(background=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down", "enter")
        held_loading.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("Finish 1 First steps first" in n.message for n in app._notifications)


async def test_resume_waits_for_the_course(make_test_app):
    with Progress.open() as progress:  # TUI9_HOME is per test
        progress.set_step("first", 1)
    app = make_test_app(background=True)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
        assert app.screen.session.index == 1
        assert any("Welcome back" in n.message for n in app._notifications)


CHILD = r"""
import json, sys
from tui9.ui.app import make_app

app = make_app(background=True)
base = type(app)


def on_ready(self):
    heavy = sorted(
        m for m in sys.modules
        if m.split(".")[0] in ("numpy", "plotext", "textual_plotext")
        or (m.startswith("tui9.scenes.") and m != "tui9.scenes.base")
        or m in ("tui9.course.loader", "tui9.course.schema", "tui9.ui.screens.lesson")
    )
    print(json.dumps({"heavy": heavy, "outline": not self.course_ready}))
    self.exit()


app.__class__ = type("Probe", (base,), {"on_ready": on_ready})
app.run(headless=True, size=(100, 30))
"""


def test_nothing_heavy_is_imported_before_the_first_frame(tmp_path: Path):
    env = {"TUI9_HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-c", CHILD], capture_output=True, text=True, env=env, timeout=60
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    line = next(ln for ln in proc.stdout.splitlines() if ln.startswith("{"))
    assert json.loads(line) == {"heavy": [], "outline": True}
