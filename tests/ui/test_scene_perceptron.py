"""The perceptron widget in the scene harness: rows step, keys edit w/b, snapshots."""

from __future__ import annotations

import io

from rich.console import Console
from textual.widgets import Static

from tui9.ui.scene_harness import SceneHarness
from tui9.ui.scenes.perceptron import PerceptronView

SIZE = (100, 30)


def shown(app: SceneHarness) -> str:
    """The scene text as plain characters (rendered through a wide Rich console)."""
    console = Console(width=200, file=io.StringIO(), color_system=None)
    console.print(app.view_widget.query_one("#pc-text", Static).content)
    return console.file.getvalue()


async def test_rows_step_then_stop():
    app = SceneHarness("perceptron", {"w1": 1.0, "w2": 1.0, "b": -1.5})
    async with app.run_test(size=SIZE) as pilot:
        view = app.view_widget
        assert isinstance(view, PerceptronView)
        assert view.row is None
        assert "errors" in shown(app) and "AND" in shown(app)
        for expected in range(4):
            assert view.advance()
            assert view.row == expected
        assert not view.advance()
        await pilot.press("r")
        assert view.row is None


async def test_keys_edit_weights_and_rebuild_the_model():
    app = SceneHarness("perceptron", {"w1": 1.0, "w2": 1.0, "b": -0.5, "gate": "and"})
    async with app.run_test(size=SIZE) as pilot:
        view = app.view_widget
        assert view.model.quantity("errors") == 2.0
        await pilot.press("down", "down")  # select b
        for _ in range(10):
            await pilot.press("minus")
        await pilot.pause()
        assert view.params["b"] == -1.5
        assert view.model.quantity("errors") == 0.0
        assert view.model.quantity("gate") == "AND"
        assert "0/4" in shown(app)
        await pilot.press("v")
        assert view.params["activation"] == "sigmoid"
        await pilot.press("o")
        assert view.params["gate"] == "or"


async def test_learning_rule_reaches_or():
    app = SceneHarness("perceptron", {"w1": 0.0, "w2": 0.0, "b": 0.0, "gate": "or"})
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(10):
            await pilot.press("a")
        assert app.view_widget.model.quantity("errors") == 0.0


async def test_korean_labels():
    app = SceneHarness("perceptron", {}, lang="ko")
    async with app.run_test(size=SIZE):
        assert "틀린 행" in shown(app)


def test_snapshot_start(snap_compare):
    assert snap_compare(
        SceneHarness("perceptron", {"w1": 1.0, "w2": 1.0, "b": -0.5}), terminal_size=SIZE
    )


def test_snapshot_after_steps(snap_compare):
    app = SceneHarness("perceptron", {"w1": 0.6, "w2": 0.6, "b": -1.0, "gate": "xor"})
    assert snap_compare(app, terminal_size=SIZE, press=[".", ".", "v"])


async def test_concealed_quantities_show_a_question_mark_until_revealed():
    app = SceneHarness("perceptron", {"x1": 1.0, "x2": 0.0, "w1": 0.6, "w2": 0.4, "b": -0.5})
    async with app.run_test(size=SIZE) as pilot:
        view = app.view_widget
        assert "= 0.10" in shown(app) and "computes other" in shown(app)
        view.conceal({"z", "gate", "not_concealable"})
        await pilot.pause()
        assert view.concealed == {"z", "gate"}
        text = shown(app)
        below_formula = text.split("y = ", 1)[1]  # the table's z column: -0.50 for (0, 0)
        assert "0.10" not in text and "-0.50" not in below_formula
        assert "= ?" in text and "step(?)" in text and "computes ?" in text
        view.conceal({"output"})
        await pilot.pause()
        text = shown(app)
        assert "= 0.10" in text and "step(0.10) = ?" in text and "errors ?" in text
        assert "✓" not in text and "✗" not in text
        view.conceal(())
        await pilot.pause()
        assert shown(app).count("?") == 0 and "step(0.10) = 1" in shown(app)
