"""The vanishing widget in the scene harness: layer-by-layer reveal, compare, depth, snapshots."""

from __future__ import annotations

from textual.widgets import Static

from tui9.ui.scene_harness import SceneHarness
from tui9.ui.scenes.vanishing import VanishingView, sci

SIZE = (100, 30)


def readout(app: SceneHarness) -> str:
    return str(app.view_widget.query_one("#van-readout", Static).content)


async def test_backprop_reveals_layers_from_the_output():
    app = SceneHarness("vanishing", {"depth": 4, "width": 6})
    async with app.run_test(size=SIZE) as pilot:
        view = app.view_widget
        assert isinstance(view, VanishingView)
        norms = view.model.main.norms
        assert f"layer 5: {sci(norms[4])}" in readout(app)
        await pilot.press(".")
        assert f"layer 4: {sci(norms[3])}" in readout(app)
        for _ in range(3):
            await pilot.press(".")
        assert not view.advance()
        p = view.model.main
        assert f"ratio {sci(p.ratio)}" in readout(app)
        assert "0.25^4 = 3.9e-03" in readout(app)


async def test_compare_and_depth_keys_rebuild_from_the_model():
    app = SceneHarness("vanishing", {"depth": 3, "activation": "relu", "bias": -1.0})
    async with app.run_test(size=SIZE) as pilot:
        view = app.view_widget
        await pilot.press("c")
        assert list(view.shown_model.profiles) == ["relu", "sigmoid", "leaky_relu"]
        dead = sum(view.shown_model.profiles["relu"].dead)
        assert f"dead {dead}/{3 * 16}" in readout(app)
        await pilot.press("plus")
        assert view.shown_model.depth == 4
        await pilot.press("l")
        assert "죽은 유닛" in readout(app)
        await pilot.press("r")
        assert view.shown_model is view.model and view.revealed == 1


async def test_a_tune_run_shows_its_result_at_once():
    from tui9.scenes.vanishing import SPEC

    app = SceneHarness("vanishing", {"depth": 4, "width": 8, "activation": "relu", "bias": -0.5})
    async with app.run_test(size=SIZE) as pilot:
        view = app.view_widget
        params = {**view.params, "activation": "leaky_relu"}
        view.set_model(SPEC.build(params), params)
        await pilot.pause()
        assert view.revealed == view.n_layers
        assert "leaky_relu" in readout(app) and "dead 0/32" in readout(app)


def test_sci():
    assert sci(0.0) == "0"
    assert sci(0.25) == "0.25"
    assert sci(1.5e-5) == "1.5e-05"


def test_snapshot_start(snap_compare):
    assert snap_compare(SceneHarness("vanishing", {}), terminal_size=SIZE)


def test_snapshot_after_steps(snap_compare):
    app = SceneHarness("vanishing", {"depth": 6, "compare": True})
    assert snap_compare(app, terminal_size=SIZE, press=["."] * 7)
