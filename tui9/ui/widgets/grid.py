"""A plain table drawn as Rich draws it, in a fraction of Rich's time.

``Table(box=None, padding=(0, 1), show_edge=False, header_style="bold")`` with one-line
cells: Rich measures and renders every cell through its full layout machinery (a few
milliseconds for a small table, paid on each step change of the network scene). When every
cell is plain text (a str without markup, or a Text with a base style and no spans) and the
table fits its width, :class:`Grid` yields the very segments Rich would; otherwise it hands
over to the Rich table.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

Cell = Text | str


def _plain(cell: Cell) -> str | None:
    """The cell's text if it is one plain line (else None: Rich must draw it)."""
    if isinstance(cell, Text):
        text = cell.plain
        if cell.spans or cell.end != "\n" or cell.justify or cell.overflow or cell.no_wrap:
            return None
    else:
        text = cell
        if "[" in text or ":" in text:  # markup or emoji codes
            return None
    return None if "\n" in text or "\t" in text else text


class Grid:
    """Columns of one-line cells under a bold header row, spaced one column apart."""

    def __init__(self, headers: list[str], rows: list[list[Cell]]) -> None:
        self.headers = headers
        self.rows = rows
        self._table: Table | None = None

    def table(self) -> Table:
        """The same table as a Rich Table."""
        if self._table is None:
            table = Table(box=None, padding=(0, 1), show_edge=False, header_style="bold")
            for header in self.headers:
                table.add_column(header)
            for row in self.rows:
                table.add_row(*row)
            self._table = table
        return self._table

    def _widths(self) -> list[int] | None:
        columns = [self.headers, *self.rows]
        plain: list[list[str]] = []
        for row in columns:
            texts = [_plain(cell) for cell in row]
            if any(text is None for text in texts) or len(texts) != len(self.headers):
                return None
            plain.append([t for t in texts if t is not None])
        widths = [max(cell_len(row[i]) for row in plain) for i in range(len(self.headers))]
        return None if 0 in widths else widths  # an empty column: Rich styles it its own way

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        widths = self._widths()
        if (
            widths is None
            or not self.headers
            or sum(w + 2 for w in widths) > options.max_width
            or options.ascii_only
        ):
            yield self.table()
            return
        bold = console.get_style("bold")
        null = Style.null()
        for text, width in zip(self.headers, widths, strict=True):
            yield Segment(" ", bold)
            yield Segment(text + " " * (width - cell_len(text)), bold)
            yield Segment(" ", bold)
        yield Segment.line()
        for row in self.rows:
            for cell, width in zip(row, widths, strict=True):
                if isinstance(cell, Text):
                    text = cell.plain
                    style = console.get_style(cell.style) if cell.style else None
                else:
                    text, style = cell, None
                yield Segment(" ", null)
                yield Segment(text + " " * (width - cell_len(text)), style)
                yield Segment(" ", null)
            yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.table())
