"""The optimizers widget: stepping, focus, jumps, narrow layout, snapshots."""

from __future__ import annotations

from textual.widgets import Static

from tui9.ui.scene_harness import SceneHarness
from tui9.ui.scenes.optimizers import OptimizersView, contour_points


def text_of(app: SceneHarness, wid: str) -> str:
    return str(app.query_one(wid, Static).render())


async def test_steps_and_update_text():
    app = SceneHarness("optimizers", {"optimizers": ["sgd", "momentum"]})
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.query_one(OptimizersView)
        assert view.k == 0 and view.focus_name == "momentum"
        assert "(-0.70, 4.00)" in text_of(app, "#opt-update")  # g at the start
        await pilot.press(".")
        assert view.k == 1
        update = text_of(app, "#opt-update")
        # v1 = 0.9 * 0 - 0.1 * (-0.7, 4) = (0.07, -0.40); W1 = (-6.93, 1.60)
        assert "(0.07, -0.40)" in update and "(-6.93, 1.60)" in update
        panel = text_of(app, "#opt-state")
        assert "(-6.33, -1.80)" in panel  # SGD after one step: (-6.335, -1.8), stored as -6.33499…
        await pilot.press("o")
        assert view.focus_name == "sgd"
        assert "0.95·(-0.70, 4.00) = (-6.33, -1.80)" in text_of(app, "#opt-update")
        await pilot.press("right_square_bracket")
        assert view.k == 11
        await pilot.press("left_square_bracket")
        assert view.k == 10
        await pilot.press("r")
        assert view.k == 0 and view.focus_name == "momentum"


async def test_advance_ends_at_steps():
    app = SceneHarness("optimizers", {"steps": 3})
    async with app.run_test(size=(100, 30)):
        view = app.query_one(OptimizersView)
        assert [view.advance() for _ in range(4)] == [True, True, False, False]
        assert view.k == 3


async def test_narrow_layout_and_korean():
    app = SceneHarness("optimizers", {}, lang="ko")
    async with app.run_test(size=(46, 16)) as pilot:
        view = app.query_one(OptimizersView)
        assert view.has_class("narrow")
        await pilot.press(".")
        assert "갱신" in text_of(app, "#opt-head")
        assert "m̂" in text_of(app, "#opt-update")  # adam is focused (last listed)


async def test_diverged_is_explained():
    app = SceneHarness("optimizers", {"optimizers": ["sgd"], "lr_sgd": 1.5, "steps": 60})
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(6):
            await pilot.press("right_square_bracket")
        assert "diverged" in text_of(app, "#opt-state")


def test_contour_points_lie_on_levels():
    pts = contour_points(lambda x, y: x * x / 20 + y * y, ((-10, 10), (-5, 5)), 60, 20)
    assert 3 <= len(pts) <= 6
    for xs, ys in pts:
        assert len(xs) == len(ys) > 0
        assert (abs(xs) <= 10).all() and (abs(ys) <= 5).all()


def test_snapshot_start(snap_compare):
    assert snap_compare(SceneHarness("optimizers", {}), terminal_size=(100, 30))


def test_snapshot_after_steps(snap_compare):
    assert snap_compare(
        SceneHarness("optimizers", {"optimizers": ["sgd", "momentum", "adagrad", "adam"]}),
        terminal_size=(100, 30),
        press=[".", ".", ".", ".", ".", "o"],
    )


async def test_short_area_puts_the_update_beside_the_plot():
    app = SceneHarness("optimizers", {"optimizers": ["sgd", "adam"]})
    async with app.run_test(size=(78, 10)) as pilot:
        view = app.query_one(OptimizersView)
        assert view.has_class("short") and not view.has_class("narrow")
        await pilot.press(".")
        side = app.query_one("#opt-side-update", Static)
        assert side.display and not app.query_one("#opt-update", Static).display
        assert "W ← W − 0.3 m̂/√v̂ = (-6.70, 1.70)" in str(side.render())
        assert "(-6.33, -1.80)" in text_of(app, "#opt-state")


async def test_a_tune_run_replays_by_itself():
    from tui9.scenes.optimizers import SPEC

    app = SceneHarness("optimizers", {"optimizers": ["momentum"], "steps": 10})
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.query_one(OptimizersView)
        params = {**view.params, "momentum": 0.7, "lr_momentum": 0.3}
        view.set_model(SPEC.build(params), params)
        assert view.k == 0 and view.m.momentum == 0.7
        # About 2 s of frames; a loaded machine skips timer ticks, so wait for the end.
        for _ in range(200):
            if not view.autoplaying:
                break
            await pilot.pause(0.1)
        assert view.k == 10 and not view.autoplaying
        assert f"{view.m.quantity('x_momentum'):.2f}" in text_of(app, "#opt-state")
