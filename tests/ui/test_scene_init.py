"""The init widget in the scene harness: picking inits and activations, snapshots."""

from __future__ import annotations

from tui9.ui.scene_harness import SceneHarness
from tui9.ui.scenes.init import InitView


def _foot(app: SceneHarness) -> str:
    return str(app.query_one("#init-foot").render())


async def test_keys_switch_init_and_activation():
    app = SceneHarness("init", {"samples": 300})
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.view_widget
        assert isinstance(view, InitView)
        m = view.shown
        assert view.current == "std1"
        assert f"{m.saturated(init='std1'):.1%}" in _foot(app)
        await pilot.press("2")
        assert view.current == "std0.01"
        assert f"{m.layer_std(4, 'std0.01'):.3g}" in _foot(app)
        await pilot.press(".")
        assert view.current == "xavier"
        await pilot.press("a")
        assert view.shown.activation == "tanh"
        await pilot.press("l")
        assert "마지막 층" in _foot(app)
        await pilot.press("r")
        assert view.current == "std1" and view.shown.activation == "sigmoid"


async def test_advance_walks_the_inits_then_stops():
    app = SceneHarness("init", {"samples": 100, "init": "he"})
    async with app.run_test(size=(80, 24)):
        view = app.view_widget
        assert view.advance() is False  # he -> zeros, the last one
        assert view.current == "zeros"
        assert view.advance() is False


def test_snapshot_start(snap_compare):
    assert snap_compare(SceneHarness("init", {}), terminal_size=(100, 30))


def test_snapshot_small_init_korean(snap_compare):
    app = SceneHarness("init", {}, lang="ko")
    assert snap_compare(app, terminal_size=(100, 30), press=["2"])
