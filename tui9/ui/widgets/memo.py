"""A Rich renderable that is rendered once per width, however often Textual asks.

Textual renders a Static's Rich renderable (a Table, a Group) afresh for every height
measurement and every repaint; after a step change that is several times per frame.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment


class Memo:
    """Wraps a renderable whose output depends on the width only (not the height).

    Rich's Table renders its cells with no height, Text ignores it, and Group passes the
    options on: a Group of those qualifies. The segments are kept per set of options that
    matter, so a measurement and the following paint render the table once.
    """

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable
        self._segments: dict[tuple[Any, ...], list[Segment]] = {}

    @staticmethod
    def _key(options: ConsoleOptions) -> tuple[Any, ...]:
        return (
            options.max_width,
            options.min_width,
            options.justify,
            options.overflow,
            options.no_wrap,
            options.highlight,
            options.markup,
            options.is_terminal,
            options.ascii_only,
            options.legacy_windows,
            options.encoding,
        )

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        key = self._key(options)
        segments = self._segments.get(key)
        if segments is None:
            if len(self._segments) > 8:
                self._segments.clear()
            segments = list(console.render(self.renderable, options))
            self._segments[key] = segments
        return segments

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.renderable)
