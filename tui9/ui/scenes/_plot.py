"""The plot widget scenes share: a PlotextPlot drawn by a callback once its size is known."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual_plotext import PlotextPlot


def rgb(color: tuple[int, int, int]) -> str:
    """A rich style string for an (r, g, b) colour."""
    return "rgb({},{},{})".format(*color)


class ScenePlot(PlotextPlot):
    """A PlotextPlot redrawn by ``draw(plt, width, height)`` at render time.

    Below ``min_width`` x ``min_height`` cells nothing is drawn (an empty frame), and a
    drawing that raises leaves an empty frame too: a plot must never take the app down.
    """

    def __init__(
        self,
        draw: Callable[[Any, int, int], None],
        min_width: int = 8,
        min_height: int = 4,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self._draw = draw
        self._min_size = (min_width, min_height)
        self.theme = "textual-dark"  # fixed, so plots look the same in every app theme

    def render(self):  # type: ignore[override]
        plt = self.plt
        plt.clear_figure()
        width, height = self.size.width, self.size.height
        if width >= self._min_size[0] and height >= self._min_size[1]:
            try:
                self._draw(plt, width, height)
                return super().render()
            except Exception:
                plt.clear_figure()
        return super().render()
