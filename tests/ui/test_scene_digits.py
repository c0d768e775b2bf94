"""The digits widget: drawing with keys and the mouse, loading digits, live probabilities."""

from __future__ import annotations

import numpy as np
from textual.widgets import Static

from tui9.scenes.digits import split
from tui9.ui.scene_harness import SceneHarness
from tui9.ui.scenes.digits import Bars, Canvas, DigitsView


async def trained(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def info(app: SceneHarness) -> str:
    return str(app.query_one("#dg-info", Static).render())


async def test_starts_on_the_sample_and_reads_it():
    app = SceneHarness("digits", {"sample": 5})
    async with app.run_test(size=(100, 30)) as pilot:
        await trained(pilot)
        view = app.query_one(DigitsView)
        _, _, Xte, yte = split()
        np.testing.assert_array_equal(view.pixels, Xte[5])
        assert view.label == yte[5]
        probs = view.probabilities()
        np.testing.assert_allclose(probs, view.m.probabilities(Xte[5]))
        k = int(np.argmax(probs))
        assert k == view.m.quantity("prediction")
        assert f"(label {yte[5]}) → {k} · {probs[k] * 100:.1f}%" in info(app)
        assert "test accuracy 97.8% (351/359)" in info(app)
        bars = str(app.query_one(Bars).render())
        assert f"{probs[k] * 100:5.1f}%" in bars


async def test_drawing_with_keys():
    app = SceneHarness("digits", {})
    async with app.run_test(size=(100, 30)) as pilot:
        await trained(pilot)
        view = app.query_one(DigitsView)
        await pilot.press("c")
        assert not view.pixels.any() and view.label is None
        assert "your drawing" in info(app)
        await pilot.press("x")  # cursor starts at (4, 4)
        assert view.pixels[4 * 8 + 4] == 1.0
        await pilot.press("w", "a", "minus")
        assert view.cursor == (3, 3) and view.pixels[3 * 8 + 3] == 0.0
        await pilot.press("plus", "plus")
        assert view.pixels[3 * 8 + 3] == 0.5
        await pilot.press("x")  # >= 0.5 turns off
        assert view.pixels[3 * 8 + 3] == 0.0
        for _ in range(10):
            await pilot.press("s", "d")
        assert view.cursor == (7, 7)  # clamped
        np.testing.assert_allclose(view.probabilities(), view.m.probabilities(view.pixels))


async def test_loading_digits_and_advance():
    app = SceneHarness("digits", {})
    async with app.run_test(size=(100, 30)) as pilot:
        await trained(pilot)
        view = app.query_one(DigitsView)
        await pilot.press("3")
        first = view.index
        assert view.label == 3 and first == view.m.example_of(3, 0)
        await pilot.press("3")
        assert view.label == 3 and view.index == view.m.example_of(3, 1) != first
        assert view.advance() is True
        assert view.index == view.m.example_of(3, 1) + 1
        await pilot.press("r")
        assert view.index == 0 and view.cursor == (4, 4)


async def test_mouse_paints():
    app = SceneHarness("digits", {})
    async with app.run_test(size=(100, 30)) as pilot:
        await trained(pilot)
        view = app.query_one(DigitsView)
        await pilot.press("c")
        k = app.query_one(Canvas).scale
        assert k == 2  # room for the big canvas at 100x30
        # border 1 cell, then 2k columns and k rows per pixel: pixel (row 2, col 5)
        await pilot.click("#dg-canvas", offset=(1 + 2 * k * 5, 1 + k * 2))
        assert view.cursor == (2, 5) and view.pixels[2 * 8 + 5] == 1.0
        await pilot.click("#dg-canvas", offset=(1 + 2 * k * 5 + 3, 1 + k * 2 + 1))
        assert view.pixels[2 * 8 + 5] == 0.0


async def test_korean_and_narrow():
    app = SceneHarness("digits", {}, lang="ko")
    async with app.run_test(size=(46, 16)) as pilot:
        await trained(pilot)
        assert "테스트 정확도" in info(app) and "정답" in info(app)
        assert app.query_one(Canvas).scale == 1


def test_snapshot_start(snap_compare):
    assert snap_compare(SceneHarness("digits", {}), terminal_size=(100, 30), run_before=trained)


def test_snapshot_after_drawing(snap_compare):
    assert snap_compare(
        SceneHarness("digits", {}),
        terminal_size=(100, 30),
        run_before=trained,
        press=["7", "w", "x", "d", "x", "plus"],
    )


async def test_short_area_keeps_the_reading_visible():
    app = SceneHarness("digits", {"sample": 317})
    async with app.run_test(size=(78, 10)) as pilot:
        await trained(pilot)
        view = app.query_one(DigitsView)
        assert view.has_class("short")
        side = str(app.query_one("#dg-info-side", Static).render())
        assert "#317 (label 3) → 5" in side and "test acc 97.8% (351/359)" in side
        bars = str(app.query_one(Bars).render()).splitlines()
        assert bars[0].startswith("5 ")  # the likeliest digit first when not all ten fit
        assert 1 <= len(bars) < 10
