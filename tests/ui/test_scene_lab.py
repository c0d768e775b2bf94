"""The lab widget in the scene harness: training slices, divergence, finishing, snapshots."""

from __future__ import annotations

import math

from tui9.ui.scene_harness import SceneHarness
from tui9.ui.scenes.lab import LabView

PARAMS = {"dataset": "moons", "n": 120, "epochs": 30, "hidden": [8]}


def harness(params: dict, lang: str = "en") -> SceneHarness:
    app = SceneHarness("lab", params, lang)
    app.view_widget.slice_budget = None  # whole epochs: deterministic screens
    return app


def _status(app: SceneHarness) -> str:
    return str(app.query_one("#lab-status").render())


async def test_step_trains_one_epoch_and_reset():
    app = harness(PARAMS)
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.view_widget
        assert isinstance(view, LabView)
        await pilot.press(".", ".")
        rec = view.run.history[-1]
        assert rec.epoch == 2
        text = _status(app)
        assert "epoch 2/30" in text
        assert f"{rec.train_loss:.3f}" in text and f"{rec.val_loss:.3f}" in text
        await pilot.press("r")
        assert view.run.epoch == 0 and view.run.steps == 0


async def test_divergence_is_explained_in_both_languages():
    app = harness({**PARAMS, "optimizer": "sgd", "lr": 10.0, "hidden": [16, 16]})
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.view_widget
        for _ in range(5):
            await pilot.press(".")
        assert view.run.diverged
        assert "diverged — the learning rate is probably too large" in _status(app)
        assert view.advance() is False
        await pilot.press("l")
        assert "발산했습니다" in _status(app)
        for rec in view.run.history:
            assert math.isfinite(rec.train_loss) and math.isfinite(rec.val_loss)


async def test_finish_runs_to_the_end_while_keys_answer():
    app = SceneHarness("lab", {**PARAMS, "epochs": 40})
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.view_widget
        await pilot.press("f")
        await pilot.press("l")  # answered while training runs on the timer
        assert view.lang == "ko"
        for _ in range(200):
            if view.run.done:
                break
            await pilot.pause(0.05)
        assert view.run.done and view.run.epoch == 40
        # the same run as the headless result the quantities use
        assert view.run.history[-1].val_acc == view.lab.quantity("val_accuracy")
        assert "학습 끝" in _status(app)


async def test_digits_summary():
    app = harness({"dataset": "digits", "hidden": [32], "epochs": 3})
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(".")
        text = str(app.query_one("#lab-digits").render())
        conf = app.view_widget.run.confusion()
        assert f"{int(conf.trace())}/{int(conf.sum())}" in text


def test_snapshot_start(snap_compare):
    assert snap_compare(harness(PARAMS), terminal_size=(100, 30))


def test_snapshot_after_epochs(snap_compare):
    assert snap_compare(harness(PARAMS), terminal_size=(100, 30), press=[".", ".", ".", "."])


def test_snapshot_diverged_korean(snap_compare):
    app = harness({**PARAMS, "optimizer": "sgd", "lr": 10.0, "hidden": [16, 16]}, "ko")
    assert snap_compare(app, terminal_size=(100, 30), press=[".", ".", "."])


async def test_set_model_keeps_or_swaps_the_panel():
    """A tune run rebuilds the model: same kind keeps the map, digits swaps in the summary."""
    from tui9.scenes.lab import SPEC

    app = harness(PARAMS)
    app.view_widget.autoplay_on_set_model = False
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.view_widget
        await pilot.press(".")
        params = {**PARAMS, "lr": 0.1}
        view.set_model(SPEC.build(params), params)
        await pilot.pause()
        assert view.run.epoch == 0 and view.lab.lr == 0.1
        assert len(app.query("#lab-map")) == 1
        await pilot.press(".")
        digits = {"dataset": "digits", "hidden": [16], "epochs": 2}
        view.set_model(SPEC.build(digits), digits)
        await pilot.pause()
        assert len(app.query("#lab-map")) == 0 and len(app.query("#lab-digits")) == 1
        await pilot.press(".")
        view.set_model(SPEC.build(PARAMS), PARAMS)
        await pilot.pause()
        assert len(app.query("#lab-map")) == 1 and len(app.query("#lab-digits")) == 0


async def test_short_scene_hides_plot_and_settings():
    app = harness(PARAMS)
    async with app.run_test(size=(80, 11)) as pilot:
        await pilot.pause()
        assert not app.query_one("#lab-loss").display
        assert "adam lr" not in _status(app)
        await pilot.press(".")
        assert "epoch 1/30" in _status(app)


async def test_set_model_plays_the_new_settings():
    from tui9.scenes.lab import SPEC

    app = harness(PARAMS)
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.view_widget
        params = {**PARAMS, "epochs": 5}
        view.set_model(SPEC.build(params), params)
        for _ in range(100):
            if view.run.done:
                break
            await pilot.pause(0.05)
        assert view.run.epoch == 5
        assert view.run.history[-1].val_acc == view.lab.quantity("val_accuracy")
