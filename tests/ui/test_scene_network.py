"""The network widget in the scene harness: one neuron per step, inputs cycle, snapshots."""

from __future__ import annotations

import io

from rich.console import Console
from textual.widgets import Static

from tui9.ui.scene_harness import SceneHarness
from tui9.ui.scenes.network import NetworkView

SIZE = (100, 30)


def shown(app: SceneHarness) -> str:
    """The scene text as plain characters (rendered through a wide Rich console)."""
    console = Console(width=200, file=io.StringIO(), color_system=None)
    console.print(app.view_widget.query_one("#nw-text", Static).content)
    return console.file.getvalue()


async def test_one_neuron_per_step():
    app = SceneHarness("network", {"x": [1.0, 1.0]})
    async with app.run_test(size=SIZE) as pilot:
        view = app.view_widget
        assert isinstance(view, NetworkView)
        assert "h0  ?" in shown(app)
        await pilot.press(".")
        text = shown(app)
        assert "h0 = step(W1[0] · x + b1[0])" in text
        assert "z   = 2.00 + (-0.50) = 1.50" in text
        await pilot.press(".", ".")
        text = shown(app)
        assert "y0 = step(W2[0] · h + b2[0])" in text
        assert "XOR errors: 0" in text
        assert not view.advance()
        await pilot.press("r")
        assert view.pos == 0


async def test_next_input_cycles_corners():
    app = SceneHarness("network", {"x": [0.0, 0.0]})
    async with app.run_test(size=SIZE) as pilot:
        view = app.view_widget
        ys = []
        for _ in range(4):
            ys.append(view.model.quantity("y_0"))
            await pilot.press("x")
        assert ys == [0.0, 1.0, 1.0, 0.0]
        assert tuple(view.params["x"]) == (0.0, 0.0)


def test_snapshot_start(snap_compare):
    assert snap_compare(SceneHarness("network", {}), terminal_size=SIZE)


def test_snapshot_after_steps(snap_compare):
    params = {
        "x": [1.0, 0.0],
        "W1": [[20.0, 20.0], [-20.0, -20.0]],
        "b1": [-10.0, 30.0],
        "W2": [[20.0, 20.0]],
        "b2": [-30.0],
        "activation": "sigmoid",
        "output": "sigmoid",
    }
    assert snap_compare(SceneHarness("network", params), terminal_size=SIZE, press=[".", "."])
