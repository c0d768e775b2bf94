"""The activation widget in the scene harness: cursor keys, sweeping, cycling, snapshots."""

from __future__ import annotations

from textual.widgets import Static

from tui9.ui.scene_harness import SceneHarness
from tui9.ui.scenes.activation import ActivationView, finite_limits

SIZE = (100, 30)


def readout(app: SceneHarness) -> str:
    return str(app.view_widget.query_one("#act-readout", Static).content)


async def test_cursor_keys_move_and_read_the_model():
    app = SceneHarness("activation", {"activation": "sigmoid", "z": 0.0, "cursor_step": 0.5})
    async with app.run_test(size=SIZE) as pilot:
        view = app.view_widget
        assert isinstance(view, ActivationView)
        assert "f(z) = 0.5000" in readout(app)
        assert "= 0.2500" in readout(app)
        assert "max f' on [-6, 6] = 0.2500 at z = 0.000" in readout(app)
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert view.cursor == 1.0
        f, df = view.model.at(1.0)
        assert f"f(z) = {f:.4f}" in readout(app)
        assert f"= {df:.4f}" in readout(app)
        await pilot.press("left_square_bracket")
        assert view.cursor == 0.5


async def test_advance_sweeps_to_the_edge_and_reset_returns():
    app = SceneHarness("activation", {"z": 4.0, "range": 5.0, "cursor_step": 0.5})
    async with app.run_test(size=SIZE) as pilot:
        view = app.view_widget
        moves = 0
        while view.advance():
            moves += 1
        assert moves == 2 and view.cursor == 5.0
        await pilot.press("r")
        assert view.cursor == 4.0


async def test_cycle_shows_another_activation_and_language_switches():
    app = SceneHarness("activation", {"activation": "relu", "z": -2.0})
    async with app.run_test(size=SIZE) as pilot:
        view = app.view_widget
        assert "z ≤ 0 → 0" in readout(app)
        await pilot.press("c")
        assert view.shown.activation == "leaky_relu"
        assert "z ≤ 0 → 0.01" in readout(app)
        await pilot.press("l")
        assert "커서" in readout(app) and "최댓값" in readout(app)
        await pilot.press("r")
        assert view.shown.activation == "relu"


async def test_hidden_max_is_found_with_the_cursor():
    app = SceneHarness("activation", {"z": -1.0, "show_max": False})
    async with app.run_test(size=SIZE) as pilot:
        assert "max f'" not in readout(app)
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert "f(z) = 0.5000" in readout(app) and "= 0.2500" in readout(app)


def test_finite_limits_never_empty():
    import numpy as np

    assert finite_limits(np.array([1.0, 1.0]))[0] < 1.0 < finite_limits(np.array([1.0]))[1]
    lo, hi = finite_limits(np.array([np.nan, 0.0, 2.0]))
    assert lo < 0.0 and hi > 2.0


def test_snapshot_start(snap_compare):
    assert snap_compare(SceneHarness("activation", {"z": 1.0}), terminal_size=SIZE)


def test_snapshot_after_steps(snap_compare):
    app = SceneHarness("activation", {"activation": "leaky_relu", "z": -3.0, "slope": 0.1})
    assert snap_compare(app, terminal_size=SIZE, press=[".", ".", "right_square_bracket"])


async def test_the_asked_reading_is_concealed_at_the_start_z_only():
    app = SceneHarness("activation", {"activation": "sigmoid", "z": 4.0, "cursor_step": 0.5})
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.view_widget
        assert "= 0.0177" in readout(app)
        view.conceal({"df_at_z", "max_df"})
        await pilot.pause()
        assert "f'(z) = ?" in readout(app) and "0.0177" not in readout(app)
        assert "max f' on [-6, 6] = ? at z = 0.000" in readout(app)
        assert "f(z) = 0.9820" in readout(app)  # f itself is not what is asked
        await pilot.press("left_square_bracket")  # elsewhere the cursor reads as usual
        assert "f'(z) = 0.971 × (1 − 0.971) = 0.0285" in readout(app)
        await pilot.press("right_square_bracket")
        assert "f'(z) = ?" in readout(app)
        view.conceal(())
        await pilot.pause()
        assert "= 0.0177" in readout(app) and "?" not in readout(app)
