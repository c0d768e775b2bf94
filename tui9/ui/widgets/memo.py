"""Doing less per frame: a Rich renderable rendered once per width, however often Textual
asks, and setters that leave a widget alone when it already shows what is set.

Textual renders a Static's Rich renderable (a Table, a Group) afresh for every height
measurement and every repaint; after a step change that is several times per frame. And it
refreshes (layout and repaint) on every ``update``, ``border_title`` and ``display`` set.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text
from textual.widget import Widget
from textual.widgets import Static


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


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, Text) and isinstance(b, Text):
        return (
            a.plain == b.plain
            and a.spans == b.spans
            and a.style == b.style
            and a.justify == b.justify
            and a.no_wrap == b.no_wrap
            and a.overflow == b.overflow
        )
    return isinstance(a, str) and isinstance(b, str) and a == b


def update_static(widget: Static, content: Text | str) -> None:
    """``widget.update(content)`` unless it already shows exactly that (no refresh then)."""
    if not _same(widget.content, content):
        widget.update(content)


def set_title(widget: Widget, title: str | None) -> None:
    """Set a border title unless it is already that (Textual repaints on every set)."""
    if getattr(widget, "_shown_title", object()) != title:
        widget.border_title = title
        widget._shown_title = title  # type: ignore[attr-defined]


def set_display(widget: Widget, display: bool) -> None:
    """Show or hide a widget; Textual restyles on every set, even an unchanged one."""
    if widget.display != display:
        widget.display = display
