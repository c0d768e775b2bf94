"""Snapshot tests of every game screen at 80x24 and 120x40, in English and Korean.

The lessons are tests/data/ui_lessons on the fake ``ui_counter`` scene (so these pictures
change only when the game UI does); clocks are frozen and cursors do not blink.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

SIZES = [(80, 24), (120, 40)]
LANGS = ["en", "ko"]


async def _settle(pilot) -> None:
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


async def _to_question(pilot) -> None:
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("n")
    await _settle(pilot)


async def _answer(pilot, text: str) -> None:
    """Type the answer as a student does: enter starts it unless the field has the cursor."""
    field = pilot.app.screen.query_one("#answer", Input)
    if pilot.app.focused is not field:
        await pilot.press("enter")
        await pilot.pause()
    field.value = ""
    await pilot.press(*text, "enter")
    await _settle(pilot)


async def home(pilot) -> None:
    await _settle(pilot)


async def lesson(pilot) -> None:
    await pilot.press("enter")
    await _settle(pilot)


async def challenge_wrong(pilot) -> None:
    await _to_question(pilot)
    await _answer(pilot, "4")


async def challenge_right(pilot) -> None:
    await _to_question(pilot)
    await _answer(pilot, "5")


async def hint(pilot) -> None:
    await _to_question(pilot)
    await pilot.press("h")
    await _settle(pilot)


async def results(pilot) -> None:
    await _to_question(pilot)
    await _answer(pilot, "4")
    await _answer(pilot, "5")
    await pilot.press("n")
    await pilot.pause()
    await pilot.press("enter", "down", "enter", "n")
    await _settle(pilot)


async def help_screen(pilot) -> None:
    await pilot.press("question_mark")
    await _settle(pilot)


async def settings(pilot) -> None:
    await pilot.press("s")
    await _settle(pilot)


STATES = {
    "home": home,
    "lesson": lesson,
    "challenge_wrong": challenge_wrong,
    "challenge_right": challenge_right,
    "hint": hint,
    "results": results,
    "help": help_screen,
    "settings": settings,
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("state", list(STATES))
def test_screen(snap_compare, make_test_app, state, size, lang):
    app = make_test_app(lang=lang)
    app.clock = lambda: 1000.0
    app.cursor_blink = False
    assert snap_compare(app, terminal_size=size, run_before=STATES[state])
