"""Monkey tests: seeded random keys across every screen and lesson, with terminal resizes.

Each run asserts after every chunk of keys that the app is still running and caught no
error (even a politely reported one is a bug), and at the end that no traceback text is on
screen. The default run is sized for the test suite (about 22 x 20 = 440 keys); set
TUI9_MONKEY_KEYS (keys per lesson run, default 20; the three roaming runs press 3x as many)
for deeper runs: ``TUI9_MONKEY_KEYS=120`` presses about 2,600 keys, 300 about 6,600.
"""

from __future__ import annotations

import os

import pytest

from tests.robustness.helpers import (
    FIXTURE_LESSONS,
    Monkey,
    leaked_traceback,
    no_quit,
    solve_current,
)
from tui9 import paths
from tui9.course.loader import load_course
from tui9.game.chapter import UNLOCK_ALL
from tui9.ui.app import make_app

KEYS = int(os.environ.get("TUI9_MONKEY_KEYS", "20"))


def _packaged_lessons() -> list[str]:
    """The ids of the packaged lessons that load (others may be mid-edit)."""
    return [lesson.id for lesson in load_course([paths.packaged_lessons_dir()]).lessons]


async def _answers(pilot, monkey: Monkey) -> None:
    """After the monkey: back to a known place, and a key still changes something."""
    app = pilot.app
    await pilot.resize_terminal(100, 30)
    for _ in range(6):
        if type(app.screen).__name__ == "HomeScreen":
            break
        await pilot.press("escape")
    app.go_home()
    await pilot.pause()
    assert type(app.screen).__name__ == "HomeScreen", app.screen_stack
    before = app.lang
    app.screen.query_one("#lessons").focus()
    await pilot.press("l")
    assert app.lang != before, f"seed {monkey.seed}: the language key no longer answers"
    assert app.is_running and app.caught_errors == []
    assert leaked_traceback(app) is None


async def _goto(pilot, station: str, lesson: str) -> None:
    """Put the app on ``station`` the way a student would get there."""
    app = pilot.app
    app.go_home()
    await pilot.pause()
    if station == "lesson":
        app.open_lesson(lesson, force=True)
    elif station == "help":
        app.action_help()
    elif station == "settings":
        app.action_settings()
    elif station == "palette":
        app.action_command_palette()
    await pilot.pause()


@pytest.mark.parametrize("seed", [1, 2, 3])
async def test_monkey_roams_every_screen(seed, monkeypatch):
    """Map, lessons, help, settings, palette: a burst of keys from each (all unlocked)."""
    quits = no_quit(monkeypatch)
    app = make_app(lang="en")
    app.progress.set_setting(UNLOCK_ALL, "1")
    lessons = _packaged_lessons() or ["none"]
    monkey = Monkey(seed, solve_rate=0.3)
    stations = ["home", "lesson", "help", "settings", "palette", "lesson"]
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for station in stations:
            await _goto(pilot, station, monkey.rng.choice(lessons))
            await monkey.run(pilot, monkey.pressed + max(5, 3 * KEYS // len(stations)))
        await _answers(pilot, monkey)
    assert monkey.resizes > 0
    expected = {"HomeScreen", "HelpScreen", "SettingsScreen", "CommandPalette"}
    if lessons != ["none"]:
        expected.add("LessonScreen")
    assert expected <= monkey.screens, (monkey.screens, quits)


@pytest.mark.parametrize("lesson", _packaged_lessons())
async def test_monkey_in_each_lesson(lesson, monkeypatch):
    """Every packaged lesson, opened directly; the monkey answers right now and then."""
    no_quit(monkeypatch)
    app = make_app(lang="en", lesson=lesson)
    seed = sum(map(ord, lesson))
    monkey = Monkey(seed, solve_rate=0.25)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "LessonScreen"
        await monkey.run(pilot, KEYS)
        await _answers(pilot, monkey)


async def test_monkey_in_korean_on_fixture_lessons(monkeypatch):
    """The Korean UI on fixture lessons: the results screen, then the lab tune step."""
    no_quit(monkeypatch)
    app = make_app(lessons_dirs=[FIXTURE_LESSONS], lang="ko", lesson="rb-gates")
    app.progress.set_setting(UNLOCK_ALL, "1")
    monkey = Monkey(99, solve_rate=0.3)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        # play rb-gates to its results screen, then let the monkey loose there
        for _ in range(12):
            if type(app.screen).__name__ != "LessonScreen":
                break
            await solve_current(pilot)
            app.screen.set_focus(None)
            await pilot.press("right")
        assert type(app.screen).__name__ == "ResultsScreen", app.screen
        await monkey.run(pilot, KEYS)
        app.open_lesson("rb-lab", force=True)
        await pilot.pause()
        await monkey.run(pilot, 2 * KEYS)
        await _answers(pilot, monkey)
    assert "ResultsScreen" in monkey.screens
