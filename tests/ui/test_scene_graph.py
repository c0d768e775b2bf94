"""The graph widget in the scene harness: forward then backward node by node, snapshots."""

from __future__ import annotations

from tui9.scenes.graph import num
from tui9.ui.scene_harness import SceneHarness
from tui9.ui.scenes.graph import GraphView

SIZE = (100, 30)


def shown(app: SceneHarness) -> str:
    return app.view_widget.render().plain


async def test_forward_then_backward_with_numeric_check():
    app = SceneHarness("graph", {"x": 1.0, "w": 0.5, "b": -0.2, "target": 1.0})
    async with app.run_test(size=SIZE) as pilot:
        view = app.view_widget
        assert isinstance(view, GraphView)
        assert "Press ." in shown(app)
        await pilot.press(".")
        assert "z = w·x + b = 0.500 × 1.000 + (-0.200) = 0.300" in shown(app)
        assert "forward pass" in shown(app)
        steps = view.graph.steps()
        for _ in range(len(steps) - 1):
            await pilot.press(".")
        text = shown(app)
        assert "backward: chain rule" in text
        dw = view.graph.quantity("dL_dw")
        assert f"dL/dw = dL/da · da/dz · dz/dw = (-0.426) × 0.244 × 1.000 = {num(dw)}" in text
        assert "numeric -0.104031 ✓" in text
        assert not view.advance()
        await pilot.press("l")
        assert "수치 미분" in shown(app)
        await pilot.press("r")
        assert view.shown == 0


async def test_two_layers_fit_a_narrow_scene():
    app = SceneHarness("graph", {"layers": 2, "w2": -0.8})
    async with app.run_test(size=(46, 16)) as pilot:
        for _ in range(10):
            await pilot.press(".")
        lines = shown(app).splitlines()
        assert all(len(line) <= 46 for line in lines)
        assert any("dL/dw2" in line for line in lines)


async def test_chain_form():
    app = SceneHarness("graph", {"form": "chain", "x": 1.5, "inner": "square", "outer": "sin"})
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(5):
            await pilot.press(".")
        text = shown(app)
        assert "dz/dx = dz/dy · dy/dx = (-0.628) × 3.000 = -1.885" in text
        assert "dz/d·" in text


async def test_a_tune_run_shows_every_node():
    from tui9.scenes.graph import SPEC

    app = SceneHarness("graph", {})
    async with app.run_test(size=SIZE) as pilot:
        view = app.view_widget
        view.set_model(SPEC.build({"w": 3.0, "b": 0.0}), {"w": 3.0, "b": 0.0})
        await pilot.pause()
        assert view.shown == len(view.graph.steps())
        assert "L = ½(a − t)² = ½(0.953 − 1.000)² = 0.00112" in shown(app)


def test_snapshot_start(snap_compare):
    assert snap_compare(SceneHarness("graph", {}), terminal_size=SIZE)


def test_snapshot_after_steps(snap_compare):
    app = SceneHarness("graph", {"layers": 2, "w2": -0.8, "b2": 0.1})
    assert snap_compare(app, terminal_size=SIZE, press=["."] * 9)
