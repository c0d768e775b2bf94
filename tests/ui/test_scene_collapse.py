"""The collapse widget in the scene harness: stages, activation toggle, snapshots."""

from __future__ import annotations

import io

from rich.console import Console
from textual.widgets import Static

from tui9.ui.scene_harness import SceneHarness
from tui9.ui.scenes.collapse import STAGES, CollapseView

SIZE = (100, 30)
SQUARE = {
    "W1": [[1.0, 2.0], [3.0, 4.0]],
    "b1": [1.0, -1.0],
    "W2": [[0.0, 1.0], [2.0, 1.0]],
    "b2": [0.0, 1.0],
    "x": [1.0, 1.0],
}


def shown(app: SceneHarness) -> str:
    """The scene text as plain characters (rendered through a wide Rich console)."""
    console = Console(width=200, file=io.StringIO(), color_system=None)
    console.print(app.view_widget.query_one("#cl-text", Static).content)
    return console.file.getvalue()


async def test_stages_reveal_the_collapse():
    app = SceneHarness("collapse", {})
    async with app.run_test(size=SIZE) as pilot:
        view = app.view_widget
        assert isinstance(view, CollapseView)
        assert "W' = W2 W1" not in shown(app)
        for _ in range(STAGES):
            await pilot.press(".")
        text = shown(app)
        assert "y = W2 h + b2  = [13, 4]" in text
        assert "W' = W2 W1" in text and "[[2.5, 3.5], [-1, 3]]" in text
        assert "y' = W' x + b' = [13, 4]" in text
        assert "shapes don't match" in text
        assert "W2 W1 x + W2 b1 + b2" in text
        assert not view.advance()


async def test_activation_toggle_breaks_collapse():
    app = SceneHarness("collapse", SQUARE)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(STAGES):
            await pilot.press(".")
        assert "different numbers" in shown(app)
        await pilot.press("a")
        assert app.view_widget.params["activation"] == "relu"
        assert app.view_widget.model.quantity("act_diff") > 0.1
        assert "no single linear layer" in shown(app)
        await pilot.press("x")
        assert tuple(app.view_widget.params["x"]) != (1.0, 1.0)


def test_snapshot_start(snap_compare):
    assert snap_compare(SceneHarness("collapse", {}), terminal_size=SIZE)


def test_snapshot_after_steps(snap_compare):
    app = SceneHarness("collapse", SQUARE)
    assert snap_compare(app, terminal_size=SIZE, press=[".", ".", ".", ".", ".", "."])
