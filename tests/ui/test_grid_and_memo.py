"""Grid draws exactly what Rich's table draws; Memo renders once per width; the setters
leave an unchanged widget alone."""

from __future__ import annotations

import io

import numpy as np
import pytest
from rich.console import Console, Group
from rich.text import Text

from tui9.ui.widgets.grid import Grid
from tui9.ui.widgets.memo import Memo

STYLES = ["", "bold", "red", "bold cyan", "dim", "reverse", "rgb(80,170,255)"]
WORDS = ["0.25", "-1.00", "x1", "h₁", "σ(z)", "가중치", "✓", "✗", "a b", "", "12345678"]


def segments(renderable, width: int) -> list[tuple[str, object]]:
    """What is drawn, character by character with its style (however it is segmented)."""
    console = Console(width=width, file=io.StringIO(), color_system="truecolor")
    return [(ch, s.style) for s in console.render(renderable, console.options) for ch in s.text]


def random_grid(rng: np.random.Generator) -> Grid:
    cols = int(rng.integers(1, 7))
    headers = [str(rng.choice(WORDS)) for _ in range(cols)]
    rows = []
    for _ in range(int(rng.integers(0, 6))):
        row = []
        for _ in range(cols):
            word = str(rng.choice(WORDS))
            style = str(rng.choice(STYLES))
            row.append(Text(word, style=style) if rng.random() < 0.6 else word)
        rows.append(row)
    return Grid(headers, rows)


@pytest.mark.parametrize("seed", range(4))
def test_grid_yields_the_segments_of_the_rich_table(seed):
    rng = np.random.default_rng(seed)
    for _ in range(250):
        grid = random_grid(rng)
        width = int(rng.integers(8, 90))
        assert segments(grid, width) == segments(grid.table(), width), (grid.headers, width)


def test_grid_hands_what_it_cannot_draw_to_rich():
    markup = Grid(["a", "b"], [["[bold]x[/bold]", "y"]])
    spans = Grid(["a"], [[Text.assemble(("x", "red"), "y")]])
    lines = Grid(["a"], [["two\nlines"]])
    wide = Grid(["a", "b"], [["x" * 50, "y" * 50]])
    for grid in (markup, spans, lines, wide):
        assert segments(grid, 60) == segments(grid.table(), 60)


def test_memo_renders_once_per_width_and_draws_the_same():
    calls = []

    class Counting:
        def __rich_console__(self, console, options):
            calls.append(options.max_width)
            yield Text("w" * 10 + " and more words to wrap")

    memo = Memo(Group(Counting(), Text("below")))
    first = segments(memo, 20)
    assert segments(memo, 20) == first and calls == [20]
    assert segments(memo, 30) != first and calls == [20, 30]
    assert segments(Memo(Group(Counting(), Text("below"))), 20) == first


async def test_setters_change_only_what_differs():
    from textual.app import App
    from textual.widgets import Static

    from tui9.ui.widgets.memo import set_display, set_title, update_static

    class One(App[None]):
        def compose(self):
            yield Static("start", id="s")

    app = One()
    async with app.run_test() as pilot:
        static = app.query_one(Static)
        refreshes = []
        static.refresh = lambda *a, **k: refreshes.append(1) or static  # type: ignore[method-assign]
        set_title(static, "title")
        assert static.border_title == "title"
        refreshes.clear()
        update_static(static, "start")
        set_title(static, "title")
        set_display(static, True)
        assert refreshes == []  # nothing changed: nothing refreshed
        update_static(static, "next")
        assert refreshes and str(static.content) == "next"
        set_display(static, False)
        await pilot.pause()
        assert static.display is False
