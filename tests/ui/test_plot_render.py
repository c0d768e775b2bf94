"""ScenePlot's fast render against the old route, cell by cell.

The old route is textual-plotext's: plotext's ANSI canvas (``plt.build()``), ``Text.from_ansi``,
then Textual's Content into strips. The new route paints plotext's cell matrix straight into
strips and rasterises simple series with NumPy; both must give the same strips (same cells,
same styles, same segment breaks) for every figure.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from plotext._matrix import matrix_class
from rich.text import Text
from textual.app import App, ComposeResult
from textual.strip import Strip
from textual.visual import Visual, visualize

from tui9.ui.scenes import _plot_render
from tui9.ui.scenes._plot import ScenePlot
from tui9.ui.scenes._plot_render import FastMatrix, build_matrix

Draw = Callable[[Any, int, int], None]

XS = [i * 1000 / 183 for i in range(184)]
TRAIN = [0.7 * 0.995**x + 0.05 for x in XS]
VAL = [0.72 * 0.994**x + 0.08 for x in XS]


def loss(plt: Any, w: int, h: int) -> None:
    """The benchmark's figure: the lab's loss plot."""
    plt.plot(XS, TRAIN, color=(80, 170, 255), marker="braille")
    plt.plot(XS, VAL, color=(255, 165, 0), marker="braille")
    plt.ylim(0.0, 0.85)
    plt.title("loss: train (blue), val (orange)")
    plt.xlabel("epoch")


def activation(plt: Any, w: int, h: int) -> None:
    zs = np.linspace(-6, 6, 2 * w)
    plt.plot(zs.tolist(), (1 / (1 + np.exp(-zs))).tolist(), color=(80, 170, 255), marker="braille")
    plt.vline(1.5, (150, 150, 150))
    plt.scatter([1.5], [1 / (1 + np.exp(-1.5))], color=(255, 200, 0), marker="●")
    plt.title("sigmoid")
    plt.ylim(-0.1, 1.1)
    plt.xlim(-6, 6)
    plt.xticks([-6, 0.0, 6], ["-6", "0", "6"])


def descent(plt: Any, w: int, h: int) -> None:
    rng = np.random.default_rng(3)
    plt.hline(0.1, (120, 120, 120))
    for k, color in enumerate([(80, 170, 255), (255, 165, 0), (120, 220, 120)]):
        ys = np.exp(-np.arange(60) / (8 + 5 * k)) + 0.05 * rng.random(60)
        plt.plot(np.arange(60).tolist(), ys.tolist(), color=color, marker="braille")
    plt.scatter([3, 9], [0.4, 0.2], color=(255, 80, 80), marker="●")
    plt.ylim(0.0, 1.1)
    plt.xlim(0, 60)
    plt.xticks([0, 1, 2], ["1", "10", "100"])
    plt.title("full training loss (grey line: threshold 0.1)")
    plt.xlabel("epochs")


def perceptron(plt: Any, w: int, h: int) -> None:
    grid = [(x / 4, y / 4) for x in range(-2, 7) for y in range(-2, 7) if x + y > 3]
    plt.scatter([g[0] for g in grid], [g[1] for g in grid], color=(70, 110, 150), marker="·")
    plt.plot([-0.5, 1.5], [1.5, -0.5], color="orange", marker="braille")
    plt.scatter([1], [1], color="green", marker="●")
    plt.scatter([0, 0, 1], [0, 1, 0], color="red", marker="○")
    plt.scatter([1], [1], color="white", marker="◎")
    plt.xlim(-0.5, 1.5)
    plt.ylim(-0.5, 1.5)
    plt.xticks([0, 1])
    plt.yticks([0, 1])
    plt.xlabel("x1")
    plt.ylabel("x2")
    plt.title("AND, line z = 0")


def optimizers(plt: Any, w: int, h: int) -> None:
    t = np.linspace(0, 2 * np.pi, 40)
    for r in (1, 2, 3):
        plt.scatter(
            (r * 3 * np.cos(t)).tolist(), (r * np.sin(t)).tolist(), color=(60, 60, 90), marker="·"
        )
    plt.scatter([0], [0], color=(255, 255, 255), marker="+")
    path = np.array([[-7, 2], [-5.5, -1.6], [-4.4, 1.3], [-3.3, -0.9], [-2.5, 0.7]])
    plt.plot(path[:, 0].tolist(), path[:, 1].tolist(), color=(255, 120, 0), marker="braille")
    plt.scatter([-2.5], [0.7], color=(255, 120, 0), marker="●")
    plt.xlim(-10, 10)
    plt.ylim(-4, 4)
    plt.title("f(x, y) = x^2/20 + y^2")
    plt.xticks([])


def vanishing(plt: Any, w: int, h: int) -> None:  # text on top: left to plotext
    xs = [1, 2, 3, 4, 5]
    plt.plot(xs, [-1, -2, -3, -4, -5], color=(255, 100, 100), marker="braille")
    plt.scatter(xs, [-1, -2, -3, -4, -5], color=(255, 100, 100), marker="●")
    plt.text("sigmoid", 3, -2.5, color=(255, 100, 100))
    plt.ylim(-5.2, -0.8)
    plt.xlim(0.5, 5.5)
    plt.yticks([-5, -3, -1], ["1e-5", "1e-3", "1e-1"])


def histograms(plt: Any, w: int, h: int) -> None:  # subplots and bars: left to plotext
    plt.subplots(1, 2)
    for i in range(2):
        sp = plt.subplot(1, i + 1)
        sp.bar([0.1, 0.3, 0.5, 0.7], [0.1, 0.4, 0.3, 0.2], color=(90, 160, 220), width=0.8)
        sp.title(f"layer {i + 1}")
        sp.ylim(0.0, 0.45)


def markers(plt: Any, w: int, h: int) -> None:
    xs = np.linspace(-3, 3, 50)
    plt.plot(xs.tolist(), np.sin(xs).tolist(), color=(200, 100, 255), marker="hd")
    plt.plot(xs.tolist(), np.cos(xs).tolist(), color=(100, 255, 200), marker="fhd")
    plt.scatter(xs.tolist(), (0.5 * xs).tolist(), color="cyan", marker="braille")
    plt.plot([-4, 4], [2, -2], color=(255, 255, 0), marker="dot")
    plt.ylim(-1.2, 1.2)  # the straight line leaves the canvas


def ints_and_reversed(plt: Any, w: int, h: int) -> None:
    plt.plot([0, 3, 3, 3, 10, 7], [5, -2, -2, 8, 1, 1], color=(255, 0, 0), marker="braille")
    plt.scatter([2, 4, 4], [1, 1, 9], color=12, marker="x")
    plt.yreverse()
    plt.grid(True, True)


def auto_limits(plt: Any, w: int, h: int) -> None:
    plt.plot([0.5], [2.0], color=(10, 200, 30), marker="braille")  # one point
    plt.plot([], [], color=(10, 20, 30), marker="braille")  # no points
    plt.plot([1, 1, 1], [3, 3, 3], color=(255, 255, 255), marker="braille")  # repeated
    plt.hline(2.5, "red")


def empty(plt: Any, w: int, h: int) -> None:
    plt.title("nothing yet")


def wide(plt: Any, w: int, h: int) -> None:  # a two-cell character: painted the old way
    plt.plot([0, 1], [0, 1], color=(255, 255, 255), marker="braille")
    plt.title("손실")


FIGURES: dict[str, Draw] = {
    "loss": loss,
    "activation": activation,
    "descent": descent,
    "perceptron": perceptron,
    "optimizers": optimizers,
    "vanishing": vanishing,
    "histograms": histograms,
    "markers": markers,
    "ints_and_reversed": ints_and_reversed,
    "auto_limits": auto_limits,
    "empty": empty,
    "wide": wide,
}
PLOTEXT_ONLY = {"vanishing", "histograms"}  # text on top, subplots: plotext builds all


class PlotApp(App[None]):
    def __init__(self, theme: str = "textual-dark") -> None:
        super().__init__()
        self.figure: Draw = loss
        self.plot_theme = theme

    def compose(self) -> ComposeResult:
        yield ScenePlot(lambda plt, w, h: self.figure(plt, w, h), theme=self.plot_theme)


def old_strips(plot: ScenePlot) -> list[Strip]:
    """textual-plotext's route: ANSI canvas, Text.from_ansi, Content, strips."""
    plot._prepare(draw=True)
    text = Text.from_ansi(plot.plt.build())
    width, height = plot.size
    plot.auto_links = True
    try:
        return Visual.to_strips(plot, visualize(plot, text), width, height, plot.visual_style)
    finally:
        plot.auto_links = False


def new_strips(plot: ScenePlot) -> list[Strip]:
    width, height = plot.size
    return Visual.to_strips(plot, plot.render(), width, height, plot.visual_style)


def cells(strips: list[Strip]) -> list[list[tuple[str, Any]]]:
    return [[(ch, seg.style) for seg in strip for ch in seg.text] for strip in strips]


def assert_same(plot: ScenePlot, label: str) -> None:
    old, new = old_strips(plot), new_strips(plot)
    assert len(old) == len(new) == plot.size.height, label
    for y, (a, b) in enumerate(zip(cells(old), cells(new), strict=True)):
        assert a == b, f"{label}: row {y} differs"
    for y, (a, b) in enumerate(zip(old, new, strict=True)):
        assert list(a) == list(b), f"{label}: row {y} segments differ"


@pytest.mark.parametrize("theme", ["textual-dark", "auto"])
async def test_scene_figures_match_the_ansi_route(theme: str) -> None:
    app = PlotApp(theme)
    async with app.run_test(size=(100, 25)) as pilot:
        plot = app.query_one(ScenePlot)
        for size in [(100, 25), (80, 20), (57, 13), (30, 9)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert (plot.size.width, plot.size.height) == size
            for name, figure in FIGURES.items():
                app.figure = figure
                assert_same(plot, f"{name} at {size}")


async def test_simple_figures_take_the_numpy_path() -> None:
    app = PlotApp()
    async with app.run_test(size=(100, 25)):
        plot = app.query_one(ScenePlot)
        for name, figure in FIGURES.items():
            app.figure = figure
            plot._prepare(draw=True)
            fast = isinstance(build_matrix(plot.plt), FastMatrix)
            assert fast == (name not in PLOTEXT_ONLY), name


async def test_random_figures_match_the_ansi_route() -> None:
    """Seeded random line and scatter series: markers, colours, limits that clip, sizes."""
    rng = np.random.default_rng(20261126)
    marks = ["braille", "hd", "fhd", "●", "·", "+", "dot"]
    colors: list[Any] = [(80, 170, 255), (255, 165, 0), "orange", "green", "red", 45, "white"]

    def random_figure(seed: int) -> Draw:
        r = np.random.default_rng(seed)
        calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []
        for _ in range(int(r.integers(1, 4))):
            n = int(r.integers(0, 80))
            xs = np.sort(r.normal(0, 3, n)) if r.random() < 0.7 else r.normal(0, 3, n)
            ys = np.cumsum(r.normal(0, 1, n))
            if r.random() < 0.3:
                xs = np.round(xs)  # whole numbers land on cell edges
            style = {
                "color": colors[int(r.integers(len(colors)))],
                "marker": marks[int(r.integers(len(marks)))],
            }
            kind = "plot" if r.random() < 0.6 else "scatter"
            calls.append((kind, (xs.tolist(), ys.tolist()), style))
        if r.random() < 0.5:
            calls.append(("ylim", (float(r.normal(-2, 1)), float(r.normal(2, 1))), {}))
        if r.random() < 0.3:
            calls.append(("xlim", (float(r.normal(-3, 1)), float(r.normal(3, 1))), {}))
        if r.random() < 0.3:
            calls.append(("hline", (float(r.normal()), (120, 120, 120)), {}))
        if r.random() < 0.5:
            calls.append(("title", ("random",), {}))

        def draw(plt: Any, w: int, h: int) -> None:
            for name, args, kwargs in calls:
                getattr(plt, name)(*args, **kwargs)

        return draw

    app = PlotApp()
    async with app.run_test(size=(100, 25)) as pilot:
        plot = app.query_one(ScenePlot)
        for size in [(100, 25), (41, 12)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            for _ in range(60):
                app.figure = random_figure(int(rng.integers(1 << 30)))
                assert_same(plot, f"random figure at {size}")


async def test_the_axes_frame_is_reused_only_while_the_axes_stay_the_same() -> None:
    app = PlotApp()
    state = {"scale": 1.0, "top": 0.85}

    def figure(plt: Any, w: int, h: int) -> None:
        plt.plot(XS, [state["scale"] * v for v in TRAIN], color=(80, 170, 255), marker="braille")
        plt.ylim(0.0, state["top"])

    app.figure = figure
    async with app.run_test(size=(100, 25)):
        plot = app.query_one(ScenePlot)
        plot.render()
        frame_key = plot._frames.key
        assert frame_key is not None
        state["scale"] = 1.01
        plot.render()
        assert plot._frames.key == frame_key  # same axes: the frame was reused
        assert_same(plot, "data changed, frame reused")
        state["top"] = 0.9
        plot.render()
        assert plot._frames.key != frame_key  # new limits: a new frame
        assert_same(plot, "limits changed")


async def test_failures_fall_back() -> None:
    app = PlotApp()
    async with app.run_test(size=(100, 25)):
        plot = app.query_one(ScenePlot)

        def broken(plt: Any, w: int, h: int) -> None:
            plt.plot([1, 2], [3, 4])
            raise ValueError("drawing failed")

        app.figure = broken
        blank = new_strips(plot)
        app.figure = empty
        plot.plt.clear_figure()
        plot._prepare(draw=False)  # what an empty frame looks like
        expected = Visual.to_strips(
            plot, visualize(plot, Text.from_ansi(plot.plt.build())), 100, 25, plot.visual_style
        )
        assert [list(s) for s in blank] == [list(s) for s in expected]

        app.figure = loss
        original = _plot_render.build_matrix

        def failing(plt: Any, frames: Any = None) -> Any:
            raise RuntimeError("fast path failed")

        _plot_render_build = "tui9.ui.scenes._plot.build_matrix"
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(_plot_render_build, failing)
            assert_same(plot, "fast path failed: plotext alone")
        assert _plot_render.build_matrix is original


def test_fast_matrix_background_matches_plotext() -> None:
    rng = np.random.default_rng(7)
    for _ in range(200):
        cols, rows = (int(v) for v in rng.integers(0, 30, 2))
        c1, c2, r1, r2 = (int(v) for v in rng.integers(-5, 35, 4))
        mats = []
        for cls in (matrix_class, FastMatrix):
            m = cls()
            m.set_size(cols, rows)
            m.set_axes_color((1, 2, 3))
            m.set_canvas_area(c1, c2, r1, r2)
            m.set_canvas_color((4, 5, 6))
            m.set_matrices()
            mats.append(m)
        a, b = mats
        assert (a.marker, a.fullground, a.background, a.style) == (
            b.marker,
            b.fullground,
            b.background,
            b.style,
        )
