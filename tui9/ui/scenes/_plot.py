"""The plot widget scenes share: a PlotextPlot drawn by a callback once its size is known."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual_plotext import PlotextPlot

from tui9.ui.scenes._plot_render import (
    FrameCache,
    PlotVisual,
    build_matrix,
    build_matrix_plain,
)


def rgb(color: tuple[int, int, int]) -> str:
    """A rich style string for an (r, g, b) colour."""
    return "rgb({},{},{})".format(*color)


class ScenePlot(PlotextPlot):
    """A PlotextPlot redrawn by ``draw(plt, width, height)`` at render time.

    Below ``min_width`` x ``min_height`` cells nothing is drawn (an empty frame), and a
    drawing that raises leaves an empty frame too: a plot must never take the app down.
    ``theme`` is a PlotextPlot theme; the default is fixed so plots look the same in every
    app theme.

    Rendering skips plotext's ANSI string: the built cell matrix becomes strips directly
    (tui9/ui/scenes/_plot_render.py), simple series are rasterised with NumPy, and the axes
    frame is reused while only the data changes. (Textual keeps a widget's last render
    until it is refreshed, so an unchanged figure is not drawn again.)
    """

    def __init__(
        self,
        draw: Callable[[Any, int, int], None],
        min_width: int = 8,
        min_height: int = 4,
        theme: str = "textual-dark",
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self._draw = draw
        self._min_size = (min_width, min_height)
        self.theme = theme  # type: ignore[assignment]
        self.auto_links = False  # no links in a plot; spares a pass over every segment
        self._frames = FrameCache()

    def _prepare(self, draw: bool) -> bool:
        """A fresh figure, drawn if ``draw`` and big enough, sized and themed as
        PlotextPlot.render does; True if the draw callback ran without raising."""
        plt = self.plt
        plt.clear_figure()
        width, height = self.size.width, self.size.height
        drawn = False
        if draw and width >= self._min_size[0] and height >= self._min_size[1]:
            try:
                self._draw(plt, width, height)
                drawn = True
            except Exception:
                plt.clear_figure()
        plt.plotsize(width, height)
        plt._set_size(width, height)  # as PlotextPlot.render (textual-plotext issue 5)
        plt.theme(self._get_plotext_theme_name(self.app.theme))
        return drawn

    def render(self) -> PlotVisual:  # type: ignore[override]
        drawn = self._prepare(draw=True)
        try:
            matrix = build_matrix(self.plt, self._frames) if drawn else build_matrix_plain(self.plt)
        except Exception:
            try:  # the fast path or the figure failed: plotext alone, then an empty frame
                self._prepare(draw=drawn)
                matrix = build_matrix_plain(self.plt)
            except Exception:
                self._prepare(draw=False)
                matrix = build_matrix_plain(self.plt)
        return PlotVisual(matrix)
