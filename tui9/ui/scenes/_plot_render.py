"""Fast building and painting of plotext figures for ScenePlot.

plotext draws a figure into a matrix of cells (character, foreground, background, style),
turns that matrix into one ANSI string, and textual-plotext decodes the string again with
``Text.from_ansi``; Textual then turns the Text into Content and the Content into strips.
Here the matrix goes straight to strips (``PlotVisual``), and the data of simple line and
scatter series is rasterised with NumPy (``build_matrix``) instead of plotext's per-point
Python, cell for cell the same as plotext would draw it (tests/ui/test_plot_render.py
compares both on many figures). Anything the fast path does not cover is left to plotext.
"""

from __future__ import annotations

import math
import types
from itertools import groupby
from typing import Any

import numpy as np
import plotext._utility as ut
from plotext._matrix import matrix_class
from rich.cells import cell_len
from rich.segment import Segment
from rich.text import Text
from textual._context import active_app
from textual.content import Content
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

__all__ = [
    "FastMatrix",
    "FrameCache",
    "PlotVisual",
    "build_matrix",
    "build_matrix_plain",
    "fingerprint",
]

_HD_CHARS: dict[tuple[int, int, int], str] = {}  # (x factor, y factor, dot mask) -> character
_ONE_CELL: dict[str, bool] = {}  # character -> exactly one cell wide
_COMBINED: dict[Any, dict[Any, Any]] = {}  # (base, ansi theme) -> {colour triple: Style}
_OFFSETS: dict[Any, dict[Any, Any]] = {}  # (base, ansi theme) -> {(triple, x, y): rich Style}


class FastMatrix(matrix_class):
    """plotext's matrix with ``set_matrices`` built row by row instead of cell by cell."""

    def set_matrices(self) -> None:
        cols, axes, canvas = self.cols, self.axes_color, self.canvas_color
        inside = [col in self.Cols_canvas for col in self.Cols]
        canvas_row = [canvas if i else axes for i in inside]
        self.marker = [[ut.space] * cols for _ in self.Rows]
        self.fullground = [[ut.no_color] * cols for _ in self.Rows]
        self.background = [
            list(canvas_row) if row in self.Rows_canvas else [axes] * cols for row in self.Rows
        ]
        self.style = [[ut.no_color] * cols for _ in self.Rows]


# ---------------------------------------------------------------------------- building
def build_matrix_plain(plt: Any) -> matrix_class:
    """Build ``plt`` with plotext alone (no canvas string) and return its matrix."""
    plt._set_sizes()
    plt._build_matrix()
    return plt.monitor.matrix


class FrameCache:
    """The last frame (a figure's matrix without its data) a ScenePlot built, keyed on the
    fingerprinted plotext monitor it was built from (everything but the data: size, limits,
    ticks, labels, colours, lines, the series' sides and markers)."""

    def __init__(self) -> None:
        self.key: tuple[Any, ...] | None = None
        self.frame: tuple[Any, ...] | None = None

    def store(self, key: tuple[Any, ...] | None, matrix: matrix_class, monitor: Any) -> None:
        self.key = key
        self.frame = (
            matrix.cols,
            matrix.rows,
            matrix.Cols_canvas,
            matrix.Rows_canvas,
            matrix.axes_color,
            matrix.canvas_color,
            [list(row) for row in matrix.marker],
            [list(row) for row in matrix.fullground],
            [list(row) for row in matrix.background],
            [list(row) for row in matrix.style],
            [list(lim) for lim in monitor.xlim],
            [list(lim) for lim in monitor.ylim],
        )

    def restore(self, monitor: Any) -> matrix_class:
        assert self.frame is not None
        cols, rows, ccols, crows, axes, canvas, marker, fg, bg, style, xlim, ylim = self.frame
        matrix = FastMatrix()
        matrix.set_size(cols, rows)
        matrix.set_axes_color(axes)
        matrix.set_canvas_area(ccols.start, ccols.stop, crows.start, crows.stop)
        matrix.set_canvas_color(canvas)
        matrix.marker = [list(row) for row in marker]
        matrix.fullground = [list(row) for row in fg]
        matrix.background = [list(row) for row in bg]
        matrix.style = [list(row) for row in style]
        monitor.xlim = [list(lim) for lim in xlim]
        monitor.ylim = [list(lim) for lim in ylim]
        monitor.matrix = matrix
        return matrix


def build_matrix(plt: Any, frames: FrameCache | None = None) -> matrix_class:
    """Build ``plt``'s matrix, rasterising simple series with NumPy when it can.

    The figure is consumed: its series are replaced by stand-ins (outside the canvas) while
    plotext draws the frame, or the frame comes from ``frames`` when it was built from the
    very same monitor state. If this raises, the caller must redraw the figure and use
    :func:`build_matrix_plain`.
    """
    plt._set_sizes()
    monitor = plt.monitor
    series = _fast_series(plt)
    if series is None:
        plt._build_matrix()
        return monitor.matrix
    _preset_limits(monitor, series)
    standins = []
    for s, (xs, *_rest) in enumerate(series):
        if len(xs):
            side_x = 0 if monitor.xside[s] == monitor.default.xside[0] else 1
            side_y = 0 if monitor.yside[s] == monitor.default.yside[0] else 1
            lo, hi = monitor.xlim[side_x]
            sx = lo - 4 * (hi - lo)
            lo, hi = monitor.ylim[side_y]
            sy = lo - 4 * (hi - lo)
            standins.append((s, sx, sy))
            monitor.x[s], monitor.y[s] = [sx], [sy]
            for name in ("marker", "color", "style"):
                getattr(monitor, name)[s] = getattr(monitor, name)[s][:1]
    monitor.matrix = FastMatrix()
    key = fingerprint(monitor) if frames is not None else None
    if frames is not None and key is not None and key == frames.key:
        matrix = frames.restore(monitor)
    else:
        monitor.build_plot()
        matrix = monitor.matrix
        if frames is not None:
            frames.store(key, matrix, monitor)
    col0, col1 = matrix.Cols_canvas.start, matrix.Cols_canvas.stop
    row0, row1 = matrix.Rows_canvas.start, matrix.Rows_canvas.stop
    width, height = col1 - col0, row1 - row0
    for s, sx, sy in standins:  # they must have fallen outside the canvas
        xf, yf = series[s][5], series[s][6]
        xlim, ylim = _series_lims(monitor, s)
        cx = ut.get_matrix_data([sx], xlim, width * xf)[0] // xf
        cy = ut.get_matrix_data([sy], ylim, height * yf)[0] // yf
        if 0 <= cx < width and 0 <= cy < height:
            raise RuntimeError("stand-in landed on the canvas")
    for s, (xs, ys, lines, marker, color, xf, yf, style) in enumerate(series):
        if not len(xs) or width <= 0 or height <= 0:
            continue
        xlim, ylim = _series_lims(monitor, s)
        px = _to_matrix(xs, xlim, width * xf)
        py = _to_matrix(ys, ylim, height * yf)
        if lines:
            px, py = _line_points(px, py)
        chars, fgs, styles = matrix.marker, matrix.fullground, matrix.style
        for cx, cy, mask in _cells(px, py, xf, yf, width, height):
            col, row = cx + col0, cy + row0
            if 0 <= col < matrix.cols and 0 <= row < matrix.rows:  # as insert_element
                chars[row][col] = marker if xf * yf == 1 else _hd_char(xf, yf, mask)
                if color is not None:
                    fgs[row][col] = color
                if style is not None:
                    styles[row][col] = style
    return matrix


_PLAIN = (type(None), bool, int, float, str)
_PLAIN_TYPES = frozenset(_PLAIN)
_FUNCTIONS = (type, types.FunctionType, types.BuiltinFunctionType, types.MethodType)


def fingerprint(obj: Any) -> tuple[Any, ...] | None:
    """A comparable snapshot of a plotext figure or monitor (a cache key): every attribute,
    list and array it holds, by value; None if it holds something else."""
    try:
        return _fingerprint(obj, {})
    except _Unkeyable:
        return None


class _Unkeyable(Exception):
    """The object holds a value fingerprint() does not know how to compare."""


def _fingerprint(obj: Any, seen: dict[int, int]) -> Any:
    if isinstance(obj, _PLAIN):
        return obj
    if isinstance(obj, (list, tuple)):
        kinds = {type(x) for x in obj}
        if kinds <= _PLAIN_TYPES or (
            # e.g. a colour (r, g, b) per point: tuples of plain values, copied as they are
            kinds <= _PLAIN_TYPES | {tuple}
            and all(type(y) in _PLAIN_TYPES for x in obj if type(x) is tuple for y in x)
        ):
            return (type(obj).__name__, *obj)
        return (type(obj).__name__, *(_fingerprint(x, seen) for x in obj))
    if isinstance(obj, np.ndarray):
        return ("ndarray", obj.dtype.str, obj.shape, obj.tobytes())
    if isinstance(obj, np.generic):
        return obj.item()
    if isinstance(obj, (range, slice)):
        return repr(obj)
    if isinstance(obj, _FUNCTIONS):  # e.g. a figure keeps a function: compare its name
        return ("callable", getattr(obj, "__module__", None), getattr(obj, "__qualname__", None))
    if id(obj) in seen:  # a figure points back at its parent: refer to the first visit
        return ("seen", seen[id(obj)])
    seen[id(obj)] = len(seen)
    if isinstance(obj, dict):
        return ("dict", *((_fingerprint(k, seen), _fingerprint(v, seen)) for k, v in obj.items()))
    attrs = getattr(obj, "__dict__", None)
    if attrs is None:
        raise _Unkeyable(type(obj).__name__)
    return (type(obj).__qualname__, _fingerprint(attrs, seen))


def _fast_series(plt: Any) -> list[tuple[Any, ...]] | None:
    """Per series (x, y, lines, marker, colour, x factor, y factor, style) as NumPy data, or
    None when the figure uses something the fast path leaves to plotext."""
    if not plt._no_plots:
        return None
    m = plt.monitor
    if m.fast_plot or m.text or any(label is not None for label in m.label):
        return None
    if any(f is not False for f in m.fillx + m.filly):
        return None
    linear = m.default.xscale[0]
    if any(sc != linear for sc in m.xscale + m.yscale) or any(m.x_date + m.y_date):
        return None
    out = []
    for s in range(len(m.x)):
        x, y = m.x[s], m.y[s]
        markers, colors, styles = m.marker[s], m.color[s], m.style[s]
        n = len(x)
        if len(y) != n or len(markers) != n or len(colors) != n or len(styles) != n:
            return None
        if n and not (
            markers.count(markers[0]) == n
            and colors.count(colors[0]) == n
            and styles.count(styles[0]) == n
        ):
            return None
        marker = markers[0] if n else None
        if n and (not isinstance(marker, str) or len(marker) != 1) and marker not in ut.hd_symbols:
            return None
        try:
            xs = np.asarray(x, dtype=np.float64)
            ys = np.asarray(y, dtype=np.float64)
        except (TypeError, ValueError):
            return None
        if xs.ndim != 1 or not (np.isfinite(xs).all() and np.isfinite(ys).all()):
            return None
        if n and (np.abs(xs).max() > 2**52 or np.abs(ys).max() > 2**52):
            return None
        xf = ut.marker_factor(marker, 2, 2, 2) if n else 1
        yf = ut.marker_factor(marker, 2, 3, 4) if n else 1
        out.append(
            (xs, ys, bool(m.lines[s]), marker, colors[0] if n else None, xf, yf,
             styles[0] if n else None)
        )  # fmt: skip
    return out


def _preset_limits(m: Any, series: list[tuple[Any, ...]]) -> None:
    """Set the axis limits plotext would compute from all the data (so stand-ins keep them):
    ut.get_lim over each side's extreme data points and its extra lines."""

    def extremes(axis: int, sides: list[str], side: str) -> list[Any]:
        out = []
        for s, (xs, ys, *_rest) in enumerate(series):
            data, values = (m.x[s], xs) if axis == 0 else (m.y[s], ys)
            if sides[s] is side and len(values):
                out += [data[int(np.argmin(values))], data[int(np.argmax(values))]]
        return out

    for i, side in enumerate(m.default.xside):
        data = extremes(0, m.xside, side) + m.vcoord[i]
        if data:
            m.xlim[i] = ut.replace_none(m.xlim[i], ut.get_lim(data))
    for i, side in enumerate(m.default.yside):
        data = extremes(1, m.yside, side) + m.hcoord[i]
        m.ylim[i] = ut.replace_none(m.ylim[i], ut.get_lim(data))


def _series_lims(m: Any, s: int) -> tuple[list[float], list[float]]:
    xlim = m.xlim[0] if m.xside[s] == m.default.xside[0] else m.xlim[1]
    ylim = m.ylim[0] if m.yside[s] == m.default.yside[0] else m.ylim[1]
    return xlim, ylim


def _to_matrix(values: np.ndarray, lim: list[float], bins: int) -> np.ndarray:
    """plotext's get_matrix_data: floor(round(0.5 + (bins - 1) (v - lo) / (hi - lo), 8))."""
    lo, hi = lim
    change = 0.5 + (bins - 1) * (values - lo) / (hi - lo)
    out = np.floor(change)
    near = np.flatnonzero(np.abs(change - np.rint(change)) < 1e-6)
    for i in near.tolist():  # Python's decimal rounding decides the close calls
        out[i] = math.floor(round(float(change[i]), 8))
    return out.astype(np.int64)


def _line_points(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """plotext's get_lines: each segment walked in max(|dx|, |dy|) steps, truncated."""
    if len(x) < 2:
        return x, y
    x0, x1, y0, y1 = x[:-1], x[1:], y[:-1], y[1:]
    steps = np.maximum(np.abs(x1 - x0), np.abs(y1 - y0))  # points per segment, last excluded
    seg = np.repeat(np.arange(len(steps)), steps)
    first = np.cumsum(steps) - steps
    i = np.arange(seg.size) - first[seg]
    div = np.maximum(steps, 1)
    px = np.trunc(x0[seg] + i * ((x1 - x0) / div)[seg]).astype(np.int64)
    py = np.trunc(y0[seg] + i * ((y1 - y0) / div)[seg]).astype(np.int64)
    return np.append(px, x[-1]), np.append(py, y[-1])


def _cells(
    px: np.ndarray, py: np.ndarray, xf: int, yf: int, width: int, height: int
) -> list[tuple[int, int, int]]:
    """Distinct canvas cells (col, row, dot mask) a series' points light."""
    cx, cy = px // xf, py // yf
    keep = (cx >= 0) & (cx < width) & (cy >= 0) & (cy < height)
    cx, cy = cx[keep], cy[keep]
    if xf * yf == 1:
        rows, cols = np.divmod(np.unique(cy * width + cx), width)
        return [(c, r, 0) for c, r in zip(cols.tolist(), rows.tolist(), strict=True)]
    bits = np.left_shift(1, (yf - 1 - py[keep] % yf) * xf + px[keep] % xf)
    idx = cy * width + cx
    order = np.argsort(idx, kind="stable")
    idx, bits = idx[order], bits[order]
    starts = np.flatnonzero(np.r_[True, idx[1:] != idx[:-1]])
    masks = np.bitwise_or.reduceat(bits, starts) if len(starts) else bits[:0]
    rows, cols = np.divmod(idx[starts], width)
    return list(zip(cols.tolist(), rows.tolist(), masks.tolist(), strict=True))


def _hd_char(xf: int, yf: int, mask: int) -> str:
    key = (xf, yf, mask)
    char = _HD_CHARS.get(key)
    if char is None:
        code = tuple((mask >> k) & 1 for k in range(xf * yf))
        char = _HD_CHARS[key] = ut.get_hd_marker(code)
    return char


# ---------------------------------------------------------------------------- painting
class PlotVisual(Visual):
    """A built plotext matrix as a Textual Visual: strips straight from the cells.

    The strips are the ones the ANSI route (``Text.from_ansi`` of plotext's canvas, then
    Content) produces: the same cells, styles and segment breaks. Each distinct cell colour
    is resolved once through that same route; a selection or a character that is not one
    cell wide sends the whole figure down the ANSI route.
    """

    def __init__(self, matrix: matrix_class) -> None:
        self.matrix = matrix
        self._strips: dict[Any, list[Strip]] = {}

    def get_optimal_width(self, rules: Any, container_width: int) -> int:
        return self.matrix.cols

    def get_height(self, rules: Any, width: int) -> int:
        return self.matrix.rows

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        m = self.matrix
        if (
            options.selection is not None
            or width != m.cols
            or (height is not None and height != m.rows)
            or not self._one_cell_chars()
        ):
            return self.ansi_strips(width, height, style, options)
        key = (width, height, style)
        strips = self._strips.get(key)
        if strips is None:
            strips = self._strips[key] = self._paint(height, style, options)
        return strips

    def ansi_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        """The strips by the old route: plotext's ANSI canvas, Text.from_ansi, Content."""
        text = Text.from_ansi(self.matrix.set_canvas())
        content = Content.from_rich_text(text, console=active_app.get().console)
        return content.render_strips(width, height, style, options)

    def _one_cell_chars(self) -> bool:
        for char in set().union(*self.matrix.marker):
            ok = _ONE_CELL.get(char)
            if ok is None:
                ok = _ONE_CELL[char] = isinstance(char, str) and cell_len(char) == len(char) == 1
            if not ok:
                return False
        return True

    def _paint(self, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        m = self.matrix
        cols = m.cols
        rows = range(m.rows - 1, -1, -1)
        if height is not None:
            rows = rows[:height]
        resolve = _StyleResolver(style, options)
        strips = []
        for y, r in enumerate(rows):
            chars = m.marker[r]
            segments = []
            x = 0
            # a run is cells of equal (fg, style, bg), as plotext's set_canvas splits them
            triples = zip(m.fullground[r], m.style[r], m.background[r], strict=True)
            for triple, run in groupby(triples):
                end = x + len(list(run))
                segments.append(Segment("".join(chars[x:end]), resolve(triple, x, y)))
                x = end
            strips.append(Strip(segments, cols))
        return strips


class _StyleResolver:
    """The rich style Content gives a run of plotext cells of one colour triple starting at
    (x, y) over a base style: the triple goes once through the ANSI route (Text.from_ansi,
    Content) to find its combined style, then the offset is added as Content adds it."""

    def __init__(self, base: Style, options: RenderOptions) -> None:
        self.base, self.options = base, options
        self.ansi_theme = active_app.get().ansi_theme
        try:
            shared = (base, self.ansi_theme)
            self.combined = _COMBINED.setdefault(shared, {})
            self.offsets = _OFFSETS.setdefault(shared, {})
        except TypeError:  # an unhashable base style: memoise for this paint only
            self.combined, self.offsets = {}, {}
        if len(self.offsets) > 50_000:
            self.offsets.clear()

    def __call__(self, triple: tuple[Any, Any, Any], x: int, y: int) -> Any:
        key = (*triple, x, y)
        try:
            found = self.offsets.get(key)
        except TypeError:  # a colour given as a list
            key = (*(tuple(v) if isinstance(v, list) else v for v in triple), x, y)
            found = self.offsets.get(key)
        if found is None:
            ckey = key[:3]
            combined = self.combined.get(ckey)
            if combined is None:
                combined = self.combined[ckey] = self._probe(triple)
            found = self.offsets[key] = combined.rich_style_with_offset(x, y)
        return found

    def _probe(self, triple: tuple[Any, Any, Any]) -> Style:
        fg, st, bg = triple
        text = Text.from_ansi(ut.colors_to_ansi(fg, st, bg) + "x" + ut.ansi_end)
        content = Content.from_rich_text(text, console=active_app.get().console)
        ((_, text_style),) = content.render(self.base, end="", parse_style=self.options.get_style)
        return self.base + text_style
