"""Abuse cases: odd terminals, NO_COLOR, ctrl+c, bad data dirs and databases, broken lessons."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.robustness.helpers import FIXTURE_LESSONS, leaked_traceback, screen_text
from tui9 import paths
from tui9.course.loader import load_course
from tui9.game.progress import FILENAME, Progress
from tui9.ui.app import make_app
from tui9.ui.screens.home import HomeScreen, LessonList
from tui9.ui.screens.lesson import LessonScreen

BAD_LESSONS = Path(__file__).resolve().parents[1] / "data" / "bad_lessons"


def _first_packaged_lesson() -> str:
    lessons = load_course([paths.packaged_lessons_dir()]).lessons
    return lessons[0].id if lessons else "rb-gates"


def _app(**kwargs):
    """The app on the fixture lessons unless told otherwise."""
    kwargs.setdefault("lessons_dirs", [FIXTURE_LESSONS])
    kwargs.setdefault("lang", "en")
    return make_app(**kwargs)


def _notices(app) -> str:
    return "\n".join(f"{n.title}: {n.message}" for n in app._notifications)


def _healthy(app) -> None:
    assert app.is_running
    assert app.caught_errors == []
    assert leaked_traceback(app) is None


# --------------------------------------------------------------- terminal sizes


async def test_tiny_terminal_says_too_small_and_keeps_working():
    app = _app(lesson="rb-gates")
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
        assert "small" in screen_text(app).lower()
        await pilot.press("n", "right", "h", ".", "escape", "escape", "l", "l")
        await pilot.resize_terminal(100, 30)
        _healthy(app)
        assert "Gates" in screen_text(app)


@pytest.mark.parametrize("keys", [["pagedown"], ["pageup"], ["pagedown", "end", "pageup"]])
async def test_page_keys_on_the_map_in_a_tiny_terminal(keys):
    """The map's list is hidden at 40x12; paging it must not raise (Textual would: KeyError)."""
    app = _app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.resize_terminal(40, 12)
        await pilot.press("ctrl+p", "escape")  # the map is rebuilt while hidden
        await pilot.press(*keys)
        await pilot.resize_terminal(100, 30)
        assert isinstance(app.screen, HomeScreen)
        _healthy(app)


async def test_page_keys_on_a_choice_in_a_tiny_terminal():
    app = _app(lesson="rb-gates")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        await pilot.press("n")
        screen.session.answer(repr(0.3))  # solve step 2 so step 3 (a choice) opens
        await pilot.press("n")  # the scene has focus: n moves on at once
        await pilot.pause()
        assert screen.session.index == 2 and screen.session.challenge.kind == "choice"
        await pilot.resize_terminal(40, 12)
        await pilot.press("pagedown", "pageup", "end", "pagedown")
        await pilot.resize_terminal(100, 30)
        _healthy(app)


@pytest.mark.parametrize("shrink_first", [False, True])
async def test_hidden_widgets_keep_no_focus_in_a_tiny_terminal(shrink_first):
    """Settings (a Select) in a terminal too small to show it: keys must not reach hidden
    widgets (enter opened the hidden Select's list, whose page keys raised KeyError in
    Textual; found by the monkey test). The focus comes back once the screen shows."""
    app = _app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        if shrink_first:
            await pilot.resize_terminal(40, 12)
        await pilot.press("s")
        await pilot.pause()
        assert type(app.screen).__name__ == "SettingsScreen"
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        assert app.focused is None
        await pilot.press("tab", "enter", "pagedown", "pageup", "end", "down", "pagedown")
        assert app.focused is None  # tab found nothing to focus either
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert app.focused is not None
        _healthy(app)


@pytest.mark.parametrize("size", [(40, 12), (250, 80)])
async def test_home_and_a_real_lesson_render_at_extreme_sizes(size):
    lesson = _first_packaged_lesson()
    app = make_app(lang="en")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        text = screen_text(app)
        if size == (250, 80):
            assert "Deep Neural Networks" in text or "tui9" in text
        await pilot.press("enter")
        app.open_lesson(lesson, force=True)
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
        await pilot.press("full_stop", "full_stop", "space")
        await pilot.pause(0.2)
        await pilot.press("space", "l", "l")
        _healthy(app)
        assert len(screen_text(app).splitlines()) == size[1]


async def test_no_color(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = _app(lesson="rb-lab")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.no_color
        await pilot.press("full_stop", "full_stop", "escape", "down", "up", "question_mark")
        await pilot.pause()
        _healthy(app)
        svg = app.export_screenshot()
        # Monochrome: no saturated colour (e.g. the lab's class colours) survives.
        assert "#3c78e6" not in svg.lower() and "#eb8228" not in svg.lower()


# ------------------------------------------------------------------- quitting


@pytest.mark.parametrize("where", ["home", "lesson", "answer field"])
async def test_ctrl_c_quits_cleanly_and_progress_is_kept(where, tmp_path):
    home = tmp_path / "data"
    app = _app(data_dir=home, lesson=None if where == "home" else "rb-gates")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        if where != "home":
            await pilot.press("n")  # step 2: its answer field has the focus
            if where == "lesson":
                await pilot.press("escape")
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert not app.is_running, "ctrl+c did not quit"
    assert app.return_code in (0, None)
    assert app.caught_errors == []
    if where != "home":
        with Progress.open(home) as progress:
            assert progress.lesson("rb-gates").step == 1


async def test_q_quits_from_the_map():
    app = _app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert app.caught_errors == []


# ------------------------------------------------------------- data and files


async def test_data_dir_under_a_regular_file_runs_with_a_notice(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("I am a file")
    monkeypatch.setenv("TUI9_HOME", str(blocker / "tui9"))
    app = _app(lesson="rb-gates")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.progress.in_memory
        assert "not-a-dir" in _notices(app) and "memory" in _notices(app)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.session.index == 1  # playing works; progress lives in memory
        # An error must still be logged somewhere readable (the data dir is unusable).
        app.report_error(RuntimeError("probe"))
        await pilot.pause()
        assert "probe" in _notices(app)
        app.caught_errors.clear()
        _healthy(app)
    assert blocker.read_text() == "I am a file"


async def test_corrupt_progress_database_is_backed_up(tmp_path):
    home = tmp_path / "data"
    home.mkdir()
    garbage = b"SQLite format 3\x00" + bytes(range(256)) * 40
    (home / FILENAME).write_bytes(garbage)
    app = _app(data_dir=home, lesson="rb-gates")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        backup = app.progress.backup_path
        assert backup is not None and backup.read_bytes() == garbage
        assert "unreadable" in _notices(app) and str(backup) in _notices(app)
        assert not app.progress.in_memory
        await pilot.press("n")
        await pilot.pause()
        _healthy(app)
    with Progress.open(home) as progress:  # the fresh file is real and holds the move
        assert progress.notice is None
        assert progress.lesson("rb-gates").step == 1


async def test_lessons_dir_with_broken_files(tmp_path):
    folder = tmp_path / "lessons"
    folder.mkdir()
    for good in FIXTURE_LESSONS.glob("*.toml"):
        shutil.copy(good, folder / good.name)
    bad_names = ["syntax-error.toml", "not-utf8.toml", "truncated.toml", "unknown-scene.toml"]
    for i, name in enumerate(bad_names):
        shutil.copy(BAD_LESSONS / name, folder / f"5{i}-{name}")
    (folder / "60-empty-file.toml").write_bytes(b"")
    (folder / "61-binary.toml").write_bytes(bytes(range(256)))
    app = _app(lessons_dirs=[folder])
    app.progress.set_setting("unlock_all", "1")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        rows = list(app.screen.query_one(LessonList).texts)
        assert len(rows) == 2 + len(bad_names) + 2
        assert sum("broken" in row for row in rows) == len(bad_names) + 2
        # opening a broken one says why; the map stays
        await pilot.press("end", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "61-binary" in _notices(app) or "binary" in _notices(app).lower()
        # the good ones play
        await pilot.press("home", "enter")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
        assert app.screen.lesson.id == "rb-gates"
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.session.index == 1
        _healthy(app)


async def test_empty_lessons_dir(tmp_path):
    app = _app(lessons_dirs=[tmp_path])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "down", "pagedown", "l")
        _healthy(app)


@pytest.mark.parametrize("lesson", ["no-such-lesson", "", "../../etc/passwd", "rb-gates\x00"])
async def test_unknown_lesson_ids_open_the_map(lesson):
    app = _app(lesson=lesson)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("down", "enter")
        _healthy(app)


async def test_progress_from_a_newer_tui9_is_left_alone(tmp_path):
    import sqlite3

    home = tmp_path / "data"
    home.mkdir()
    with sqlite3.connect(home / FILENAME) as db:
        db.execute("PRAGMA user_version = 99")
        db.execute("CREATE TABLE future (x)")
    before = (home / FILENAME).read_bytes()
    app = _app(data_dir=home, lesson="rb-gates")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "newer tui9" in _notices(app)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.session.index == 1
        _healthy(app)
    assert (home / FILENAME).read_bytes() == before
