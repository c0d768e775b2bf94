"""LessonList: the chapter map's lessons, one line each, with a highlight to open from.

The map is the first thing tui9 draws, so this list is drawn line by line from each row's
segments. Textual's OptionList (which it replaces) lays out and styles every option as a
separate piece of content, which was the largest part of what tui9's first frame cost on
top of a bare Textual app.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip


class LessonList(ScrollView, can_focus=True):
    """Rows of text, one of them highlighted; enter (or a click) selects it.

    Up and down wrap around, home and end jump, page up and page down move a page. Rows
    without an id (a "no lessons" notice) are shown dimmed and can't be highlighted.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "open"),
        Binding("up", "cursor_up", "Up", show=False),
        Binding("down", "cursor_down", "Down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("pageup", "page_up", "Page Up", show=False),
        Binding("pagedown", "page_down", "Page Down", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "lesson-list--highlighted",
        "lesson-list--hover",
        "lesson-list--disabled",
    }
    DEFAULT_CSS = """
    LessonList {
        height: auto;
        max-height: 100%;
        color: $foreground;
        overflow-x: hidden;
        background: $surface;
        & > .lesson-list--highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
        }
        &:focus {
            background-tint: $foreground 5%;
            & > .lesson-list--highlighted {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
        & > .lesson-list--disabled { color: $text-disabled; }
        & > .lesson-list--hover { background: $block-hover-background; }
    }
    """

    class Highlighted(Message):
        """The highlight moved to row ``index``."""

        def __init__(self, lesson_list: LessonList, index: int) -> None:
            super().__init__()
            self.lesson_list = lesson_list
            self.index = index

        @property
        def control(self) -> LessonList:
            return self.lesson_list

    class Selected(Highlighted):
        """Row ``index`` was chosen (enter, or a click)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._rows: list[tuple[str | None, Text]] = []
        self._highlighted: int | None = None
        self._hover: int | None = None
        self._segments: dict[int, list[Segment]] = {}
        self._metas: dict[int, Style] = {}

    # ------------------------------------------------------------------ rows

    @property
    def ids(self) -> tuple[str | None, ...]:
        """Each row's id (None for a row that can't be chosen)."""
        return tuple(row_id for row_id, _ in self._rows)

    @property
    def texts(self) -> tuple[str, ...]:
        """Each row's plain text."""
        return tuple(text.plain for _, text in self._rows)

    def set_rows(self, rows: Sequence[tuple[str | None, Text]]) -> None:
        """Show ``rows`` (id, text); the highlight stays on the same index if it still can."""
        self._rows = list(rows)
        self._segments.clear()
        self._hover = None
        width = max((cell_len(text.plain) for _, text in self._rows), default=0)
        self.virtual_size = Size(width, len(self._rows))
        # Set the highlight again (clamped to the new rows) and announce it: the row at that
        # index may be another lesson now.
        keep = self._highlighted
        self._highlighted = None
        self.highlighted = keep
        self.refresh(layout=True)

    # ------------------------------------------------------------- highlight

    @property
    def highlighted(self) -> int | None:
        """The highlighted row's index (None when no row can be chosen)."""
        return self._highlighted

    @highlighted.setter
    def highlighted(self, index: int | None) -> None:
        if index is not None:
            index = min(max(index, 0), len(self._rows) - 1)
            if index < 0 or self._rows[index][0] is None:
                index = None
        if index == self._highlighted:
            return
        self._highlighted = index
        self.refresh()
        if index is not None:
            self._show_row(index)
            self.post_message(self.Highlighted(self, index))

    def _show_row(self, index: int) -> None:
        if self.is_mounted:
            width = self.scrollable_content_region.width
            self.scroll_to_region(Region(0, index, width, 1), force=True, animate=False)

    def on_resize(self) -> None:
        if self._highlighted is not None:
            self._show_row(self._highlighted)

    def _choosable(self) -> list[int]:
        return [i for i, (row_id, _) in enumerate(self._rows) if row_id is not None]

    def _move(self, step: int, wrap: bool) -> None:
        rows = self._choosable()
        if not rows:
            return
        if self._highlighted is None:
            self.highlighted = rows[0] if step > 0 else rows[-1]
            return
        at = rows.index(self._highlighted) + step
        self.highlighted = rows[at % len(rows)] if wrap else rows[min(max(at, 0), len(rows) - 1)]

    def action_cursor_up(self) -> None:
        self._move(-1, wrap=True)

    def action_cursor_down(self) -> None:
        self._move(1, wrap=True)

    def action_first(self) -> None:
        self._move(-len(self._rows), wrap=False)

    def action_last(self) -> None:
        self._move(len(self._rows), wrap=False)

    def action_page_up(self) -> None:
        self._move(-max(1, self.scrollable_content_region.height - 1), wrap=False)

    def action_page_down(self) -> None:
        self._move(max(1, self.scrollable_content_region.height - 1), wrap=False)

    def action_select(self) -> None:
        if self._highlighted is not None:
            self.post_message(self.Selected(self, self._highlighted))

    # ----------------------------------------------------------------- mouse

    def on_click(self, event: events.Click) -> None:
        row = event.style.meta.get("row")
        if row is not None and self._rows[row][0] is not None:
            self.highlighted = row
            self.action_select()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._set_hover(event.style.meta.get("row"))

    def on_leave(self) -> None:
        self._set_hover(None)

    def _set_hover(self, row: int | None) -> None:
        if row != self._hover:
            self._hover = row
            self.refresh()

    # ---------------------------------------------------------------- render

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = self.scroll_offset.y + y
        if not 0 <= index < len(self._rows):
            return Strip.blank(width, self.get_visual_style().rich_style)
        if self._rows[index][0] is None:
            state: tuple[str, ...] = ("lesson-list--disabled",)
        elif index == self._highlighted:
            state = ("lesson-list--highlighted",)
        elif index == self._hover:
            state = ("lesson-list--hover",)
        else:
            state = ()
        base = self.get_visual_style(*state).rich_style + self._row_meta(index)
        segments = Segment.apply_style(self._row_segments(index), base)
        return Strip(segments).crop_extend(0, width, base)

    def _row_segments(self, index: int) -> list[Segment]:
        """Row ``index`` as segments in its own styles (kept until the rows change)."""
        segments = self._segments.get(index)
        if segments is None:
            segments = list(self._rows[index][1].render(self.app.console))
            self._segments[index] = segments
        return segments

    def _row_meta(self, index: int) -> Style:
        """Marks row ``index``'s cells, so a click or the mouse says which row it is on."""
        meta = self._metas.get(index)
        if meta is None:
            meta = self._metas[index] = Style(meta={"row": index})
        return meta
