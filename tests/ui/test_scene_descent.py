"""The descent widget in the scene harness: stepping, the x-axis toggle, snapshots."""

from __future__ import annotations

from tui9.ui.scene_harness import SceneHarness
from tui9.ui.scenes.descent import DescentView

PARAMS = {"n": 120, "epochs": 12, "batch_size": 12, "lr": 0.2}


def _table(app: SceneHarness) -> str:
    return str(app.query_one("#descent-table").render())


async def test_steps_epochs_and_toggles_axis():
    app = SceneHarness("descent", PARAMS)
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.view_widget
        assert isinstance(view, DescentView)
        await pilot.press(".", ".", ".")
        m = view.descent
        assert m.epoch == 3
        text = _table(app)
        assert "epoch 3/12" in text
        for name in ("batch", "sgd", "minibatch"):
            assert f"{m.runs[name].losses[-1]:.4f}" in text
            assert str(m.runs[name].trainer.grad_evals) in text
        assert "360" in text  # 3 epochs x 120 gradient evaluations, for every method
        assert view.axis == "epochs"
        await pilot.press("x")
        assert view.axis == "evals"
        await pilot.press("x", "x")
        assert view.axis == "epochs"
        await pilot.press("l")
        assert "에포크 3/12" in _table(app)
        await pilot.press("r")
        assert m.epoch == 0


async def test_advance_stops_at_the_last_epoch():
    app = SceneHarness("descent", {**PARAMS, "epochs": 2})
    async with app.run_test(size=(80, 24)):
        view = app.view_widget
        assert view.advance() is True  # epoch 1 of 2: more to come
        assert view.advance() is False  # epoch 2: the last one
        assert view.advance() is False  # nothing left
        assert view.descent.epoch == 2


def test_snapshot_start(snap_compare):
    assert snap_compare(SceneHarness("descent", PARAMS), terminal_size=(100, 30))


def test_snapshot_after_steps_by_work(snap_compare):
    app = SceneHarness("descent", PARAMS)
    assert snap_compare(app, terminal_size=(100, 30), press=[".", ".", ".", ".", "x"])


async def test_compact_table_when_short():
    app = SceneHarness("descent", PARAMS)
    async with app.run_test(size=(80, 14)) as pilot:
        await pilot.press(".")
        text = _table(app)
        m = app.view_widget.descent
        assert "(120/ep)" in text and f"{m.runs['sgd'].losses[-1]:.4f}" in text
        assert "updates/epoch" not in text


async def test_set_model_plays_the_new_settings():
    from tui9.scenes.descent import SPEC

    app = SceneHarness("descent", PARAMS)
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.view_widget
        params = {**PARAMS, "lr": 0.5, "epochs": 3}
        view.set_model(SPEC.build(params), params)
        for _ in range(100):
            if view.descent.epoch == 3:
                break
            await pilot.pause(0.05)
        assert view.descent.epoch == 3
        assert view.descent.runs["sgd"].epoch_losses[-1] == view.descent.quantity("final_loss_sgd")
        await pilot.press("r")
        assert view.descent.epoch == 0


async def test_concealed_updates_per_epoch_show_a_question_mark():
    app = SceneHarness("descent", PARAMS)
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.view_widget
        rows = _table(app).splitlines()
        assert any("mini-batch" in r and " 10 " in r for r in rows)  # ceil(120 / 12)
        view.conceal({"updates_minibatch", "updates_sgd"})
        await pilot.pause()
        rows = {r.split()[0]: r for r in _table(app).splitlines()[2:5]}
        assert rows["mini-batch"].split()[1:3] == ["12", "?"]
        assert rows["SGD"].split()[1:3] == ["1", "?"]
        assert rows["batch"].split()[2:4] == ["120", "1"]  # "batch GD": not concealed
        view.conceal(())
        await pilot.pause()
        assert "?" not in _table(app)
