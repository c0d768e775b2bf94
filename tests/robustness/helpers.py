"""Helpers for the robustness tests: screen text, traceback checks, and a seeded key monkey."""

from __future__ import annotations

import random
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual.widgets import Input, OptionList, Select

from tui9.course.grading import solution
from tui9.ui.app import Tui9App
from tui9.ui.widgets.challenge import _param_text

FIXTURE_LESSONS = Path(__file__).resolve().parent / "data" / "lessons"

#: Text that means a Python traceback leaked onto the screen.
TRACEBACK_MARKERS = ("Traceback (most recent call last)", 'File "', "tui9/ui/", '.py", line')

#: Terminal sizes the monkey switches between (tiny, the classic, big, huge).
SIZES: tuple[tuple[int, int], ...] = ((40, 12), (60, 20), (80, 24), (120, 40), (250, 80))

#: Keys a student presses all the time (never q / ctrl+q / ctrl+c: they quit).
COMMON_KEYS: tuple[str, ...] = (
    "right", "left", "n", "p", "h", "r", "space", "full_stop", "escape", "enter", "tab",
    "shift+tab", "up", "down", "home", "end", "pageup", "pagedown", "backspace", "f",
    "w", "a", "s", "d", "x", "e", "k", "j", "c", "i", "o", "m", "t", "b", "v", "g", "z",
    "0", "1", "2", "3", "4", "5", "7", "9", "minus", "plus", "comma", "slash", "delete",
    "left_square_bracket", "right_square_bracket", "ctrl+a", "ctrl+e",
)  # fmt: skip
#: Keys that change screen or language: rarer, so the monkey spends time inside screens.
RARE_KEYS: tuple[str, ...] = ("l", "question_mark", "ctrl+p", "s")


def describe(errors: list[BaseException]) -> str:
    """The caught errors with their tracebacks (for a failing assertion's message)."""
    return "\n".join("".join(traceback.format_exception(e)) for e in errors)


def screen_text(app: Tui9App) -> str:
    """The characters currently on the (headless) screen, line by line."""
    update = app.screen._compositor.render_full_update()
    return "\n".join("".join(seg.text for strip in line for seg in strip) for line in update.strips)


def leaked_traceback(app: Tui9App) -> str | None:
    """The first traceback-looking line on screen or in a notification, else None."""
    texts = [screen_text(app)]
    texts += [f"{n.title} {n.message}" for n in app._notifications]
    for text in texts:
        for line in text.splitlines():
            if any(marker in line for marker in TRACEBACK_MARKERS):
                return line
    return None


def no_quit(monkeypatch: Any) -> list[str]:
    """Make quitting and screenshots (palette commands) record instead of act.

    The monkey may type "quit" into the command palette and press enter; the run
    must go on, so the request is recorded (a dedicated test checks quitting).
    """
    calls: list[str] = []

    async def quit_recorded(self: Tui9App) -> None:
        calls.append("quit")

    monkeypatch.setattr(Tui9App, "action_quit", quit_recorded)
    monkeypatch.setattr(
        Tui9App, "deliver_screenshot", lambda self, *a, **k: calls.append("screenshot")
    )
    return calls


@dataclass
class Monkey:
    """Presses seeded random keys, resizes now and then, and sometimes answers right."""

    seed: int
    #: Chance per chunk of a terminal resize.
    resize_rate: float = 0.08
    #: Chance per chunk of answering the current challenge correctly (to reach later steps).
    solve_rate: float = 0.15
    #: Keys per pilot.press call.
    chunk: int = 5
    pressed: int = 0
    resizes: int = 0
    solved: int = 0
    screens: set[str] = field(default_factory=set)
    rng: random.Random = field(init=False)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)

    def keys(self, app: Tui9App) -> list[str]:
        """The next chunk: mostly common keys, with a per-screen bias to move on.

        In dialogs, help, settings and the palette escape is likelier (a student leaves
        them); on the map enter is likelier (a student opens lessons).
        """
        out: list[str] = []
        name = type(app.screen).__name__
        leave = {"HomeScreen": 0.0, "LessonScreen": 0.0}.get(name, 0.12)
        enter = {"HomeScreen": 0.12, "ResultsScreen": 0.1}.get(name, 0.0)
        for _ in range(self.chunk):
            roll = self.rng.random()
            if roll < leave:
                out.append("escape")
            elif roll < leave + enter:
                out.append("enter")
            elif roll < leave + enter + 0.05:
                out.append(self.rng.choice(RARE_KEYS))
            else:
                out.append(self.rng.choice(COMMON_KEYS))
        return out

    async def run(self, pilot: Any, presses: int) -> None:
        """Press about ``presses`` keys; check after each chunk that nothing leaked."""
        app: Tui9App = pilot.app
        while self.pressed < presses:
            self.screens.add(type(app.screen).__name__)
            chunks = self.pressed // self.chunk
            if chunks % 4 == 1 or self.rng.random() < self.resize_rate:
                await pilot.resize_terminal(*self.rng.choice(SIZES))
                self.resizes += 1
            if self.rng.random() < self.solve_rate and await solve_current(pilot):
                self.solved += 1
            keys = self.keys(app)
            await pilot.press(*keys)
            self.pressed += len(keys)
            assert app.is_running, f"seed {self.seed}: app stopped after {keys}"
            assert app.caught_errors == [], f"seed {self.seed}: {describe(app.caught_errors)}"
        leaked = leaked_traceback(app)
        assert leaked is None, f"seed {self.seed}: traceback on screen: {leaked}"


async def solve_current(pilot: Any) -> bool:
    """Answer the lesson screen's open challenge correctly through its widgets."""
    from tui9.ui.screens.lesson import LessonScreen

    app = pilot.app
    screen = app.screen
    if not isinstance(screen, LessonScreen):
        return False
    session, panel = screen.session, screen.panel
    challenge = session.challenge
    if challenge is None or panel is None or session.solved or not panel.is_mounted:
        return False
    _model, response = solution(challenge, session.step)
    if challenge.kind == "numeric":
        field_ = panel.query_one("#answer", Input)
        field_.value = response or ""
        field_.focus()
        await pilot.press("enter")
    elif challenge.kind == "choice":
        options = panel.query_one("#choices", OptionList)
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        options.highlighted = ids.index(response)
        options.focus()
        await pilot.press("enter")
    else:
        for name, value in challenge.suggested.items():
            control = panel.query_one(f"#ctl-{name}")
            if isinstance(control, Select | Input):
                control.value = _param_text(value)
        panel.query_one("#run").focus()
        await pilot.press("enter")
    await pilot.pause()
    return session.solved
