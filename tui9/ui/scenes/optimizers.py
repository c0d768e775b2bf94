"""Widget for the optimizers scene: trajectories over the surface's contour, one update a key.

The plot shows dim level sets of f and each optimizer's path so far in its own bright
colour; beside it, each optimizer's position and state (v, h, m-hat, v-hat). Below, the
focused optimizer's last update written out with its numbers.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, ClassVar

import numpy as np
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical
from textual.css.query import NoMatches
from textual.events import Resize
from textual.widgets import Static

from tui9.scenes.optimizers import LABELS, OptimizersModel
from tui9.ui.scenes._plot import ScenePlot, rgb
from tui9.ui.scenes.base import SceneView

COLORS: dict[str, tuple[int, int, int]] = {
    "sgd": (255, 95, 95),
    "momentum": (80, 200, 255),
    "adagrad": (110, 230, 110),
    "rmsprop": (255, 200, 60),
    "adam": (225, 120, 255),
}
CONTOUR_COLOR = (88, 92, 118)
MIN_COLOR = (200, 200, 200)
#: Below this many columns the state panel goes under the plot, one line per optimizer.
WIDE = 72
#: A tune run's replay of all updates takes about this long.
AUTOPLAY_SECONDS = 2.0
#: Below this many rows the header goes and the texts get short.
TALL = 16
#: Where the contour levels sit, as quantiles of f over the plotted box.
LEVEL_QUANTILES = (0.06, 0.25, 0.5, 0.8)
SHORT = {"sgd": "SGD", "momentum": "Mom", "adagrad": "AdaG", "rmsprop": "RMS", "adam": "Adam"}


def num(v: float) -> str:
    """A short, readable number (never nan/inf text)."""
    if not math.isfinite(v):
        return "—"
    a = abs(v)
    if a < 1e-9:
        return "0.00"
    if a >= 1e4:
        return f"{v:.2e}"
    if a >= 100:
        return f"{v:.1f}"
    if a >= 0.01 or a == 0:
        return f"{v:.2f}"
    return f"{v:.1e}"


def vec(p: tuple[float, float]) -> str:
    """(x, y) as text."""
    return f"({num(p[0])}, {num(p[1])})"


def contour_points(
    f: Callable[[np.ndarray, np.ndarray], np.ndarray],
    bounds: tuple[tuple[float, float], tuple[float, float]],
    cols: int,
    rows: int,
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Level sets of ``f`` as point clouds on a cols x rows grid (one point per cell at most).

    Levels sit at quantiles of f over the box, so the lines spread evenly over the picture
    for any surface. A cell lies on a level when f crosses it between the cell and its right
    or lower neighbour.
    """
    (x0, x1), (y0, y1) = bounds
    xs = np.linspace(x0, x1, max(cols, 2))
    ys = np.linspace(y0, y1, max(rows, 2))
    gx, gy = np.meshgrid(xs, ys)
    with np.errstate(all="ignore"):
        fz = np.asarray(f(gx, gy), dtype=float)
    finite = np.isfinite(fz)
    if not finite.any():
        return []
    fz = np.where(finite, fz, fz[finite].max())
    if float(fz.max() - fz.min()) < 1e-12:
        return []
    levels = np.unique(np.quantile(fz, LEVEL_QUANTILES))
    out: list[tuple[np.ndarray, np.ndarray]] = []
    for c in levels:
        s = fz > c
        hit = np.zeros_like(s)
        hit[:, :-1] |= s[:, :-1] != s[:, 1:]
        hit[:-1, :] |= s[:-1, :] != s[1:, :]
        r, k = np.nonzero(hit)
        if r.size:
            out.append((xs[k], ys[r]))
    return out


def thin(points: np.ndarray, limit: int) -> np.ndarray:
    """At most ``limit`` rows of ``points``, evenly picked, always keeping the last."""
    if len(points) <= limit:
        return points
    idx = np.unique(np.linspace(0, len(points) - 1, max(limit, 2)).round().astype(int))
    return points[idx]


class OptimizersView(SceneView):
    """The race: ``.`` takes one update for every optimizer, ``o`` picks whose update to show."""

    scene_name: ClassVar[str] = "optimizers"
    animated: ClassVar[bool] = True
    frame_interval: ClassVar[float] = 0.2
    can_focus = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "focus_next", "whose update"),
        Binding("right_square_bracket", "jump(10)", "+10 steps", key_display="]"),
        Binding("left_square_bracket", "jump(-1)", "step back", key_display="["),
    ]

    DEFAULT_CSS = """
    OptimizersView { layout: vertical; }
    OptimizersView > #opt-head { height: auto; padding: 0 1; }
    OptimizersView > #opt-body { height: 1fr; layout: horizontal; }
    OptimizersView > #opt-body > ScenePlot { width: 1fr; height: 1fr; min-height: 5; }
    OptimizersView > #opt-body > #opt-side { width: 36; height: auto; padding: 0 1; }
    OptimizersView #opt-state { height: auto; }
    OptimizersView #opt-side-update { height: auto; display: none; }
    OptimizersView.narrow > #opt-body { layout: vertical; }
    OptimizersView.narrow > #opt-body > #opt-side { width: 1fr; }
    OptimizersView.short > #opt-head { display: none; }
    OptimizersView.short > #opt-update { display: none; }
    OptimizersView.short #opt-side-update { display: block; }
    OptimizersView > #opt-update { height: auto; padding: 0 1; color: $text; }
    """

    def __init__(self, model: Any, params: Any, lang: str = "en", **kwargs: Any) -> None:
        super().__init__(model, params, lang, **kwargs)
        self.k = 0
        self.focus_name: str = self._default_focus()
        self._contour: tuple[tuple[str, int, int], list[tuple[np.ndarray, np.ndarray]]] | None = (
            None
        )

    @property
    def m(self) -> OptimizersModel:
        """The scene model (typed)."""
        return self.model  # type: ignore[return-value]

    def _default_focus(self) -> str:
        focus = self.params.get("focus", "auto")
        shown = self.m.shown
        return focus if focus in shown else shown[-1]

    def compose(self) -> ComposeResult:
        yield Static(id="opt-head")
        with Container(id="opt-body"):
            yield ScenePlot(self._draw, min_width=10, min_height=4, id="opt-plot")
            with Vertical(id="opt-side"):
                yield Static(id="opt-state")
                yield Static(id="opt-side-update")
        yield Static(id="opt-update")

    def on_mount(self) -> None:
        self._fit(self.size.width, self.size.height)
        self.refresh_scene()

    def on_resize(self, event: Resize) -> None:
        self._fit(event.size.width, event.size.height)
        self.refresh_scene()

    def _fit(self, width: int, height: int) -> None:
        """Pick the layout for the space the scene has."""
        self.set_class(width < WIDE, "narrow")
        self.set_class(height < TALL, "short")

    @property
    def compact(self) -> bool:
        """Short texts: the scene is narrow or short."""
        return self.has_class("narrow") or self.has_class("short")

    # ------------------------------------------------------------------ drawing
    def _draw(self, plt: Any, width: int, height: int) -> None:
        m = self.m
        (x0, x1), (y0, y1) = m.surface.bounds
        cols, rows = max(width - 8, 4), max(height - (3 if height >= TALL else 1), 3)
        key = (m.surface_name, cols, rows)
        if self._contour is None or self._contour[0] != key:
            self._contour = (key, contour_points(m.surface.f, m.surface.bounds, cols, rows))
        levels = self._contour[1]
        if levels:  # one call for all levels: plotext's cost is mostly per call
            xs = np.concatenate([lv[0] for lv in levels]).tolist()
            ys = np.concatenate([lv[1] for lv in levels]).tolist()
            plt.scatter(xs, ys, color=CONTOUR_COLOR, marker="·")
        tx, ty = m.target
        plt.scatter([tx], [ty], color=MIN_COLOR, marker="+")
        heads: list[tuple[float, float, tuple[int, int, int]]] = []
        for name in m.shown:
            pts = m.runs[name].points[: self.k + 1]
            pts = np.column_stack((np.clip(pts[:, 0], x0, x1), np.clip(pts[:, 1], y0, y1)))
            pts = thin(pts, 2 * width)
            color = COLORS[name]
            if len(pts) > 1:
                plt.plot(pts[:, 0].tolist(), pts[:, 1].tolist(), color=color, marker="braille")
            heads.append((float(pts[-1, 0]), float(pts[-1, 1]), color))
        # current positions: the others in one call (per-point colours), the focused one last
        # so it stays on top where they overlap
        others = [h for n, h in zip(m.shown, heads, strict=True) if n != self.focus_name]
        mine = [h for n, h in zip(m.shown, heads, strict=True) if n == self.focus_name]
        for group in (others, mine):
            if group:
                plt.scatter(
                    [h[0] for h in group],
                    [h[1] for h in group],
                    color=[h[2] for h in group],
                    marker="●",
                )
        plt.xlim(x0, x1)
        plt.ylim(y0, y1)
        if height >= TALL:
            plt.title(f"f(x, y) = {m.surface.formula}")
        else:  # every row counts: the formula is in the step's text, x's range is symmetric
            plt.xticks([])

    def _state_text(self, name: str, k: int) -> str:
        st = self.m.state(name, k)
        if name == "momentum":
            return f"v {vec(st['v'])}" if "v" in st else ""
        if name in ("adagrad", "rmsprop"):
            return f"h {vec(st['h'])}" if "h" in st else ""
        if name == "adam" and "m_hat" in st:
            return f"m̂ {vec(st['m_hat'])} v̂ {vec(st['v_hat'])}"
        return ""

    def _panel(self) -> Text:
        m, k = self.m, self.k
        narrow = self.has_class("narrow")
        short = self.has_class("short")
        out = Text()
        for name in m.shown:
            color = rgb(COLORS[name])
            x, y = m.position(name, k)
            mark = "▶" if name == self.focus_name else "●"
            state = self._state_text(name, k)
            diverged = m.runs[name].diverged_at
            if narrow:
                out.append(f"{mark} {SHORT[name]:<4} ", style=f"bold {color}")
                out.append(f"{vec((x, y))} {state}\n")
            elif short:
                out.append(f"{mark} {SHORT[name]:<4} ", style=f"bold {color}")
                out.append(f"{vec((x, y))}\n")
            else:
                out.append(f"{mark} {LABELS[name]:<9}", style=f"bold {color}")
                out.append(f"lr {m.lrs[name]:g}\n", style="dim")
                out.append(f"  {vec((x, y))}  f {num(m.f(x, y))}\n")
                if state:
                    out.append(f"  {state}\n")
            if diverged is not None and k >= diverged:
                out.append(
                    self.t("  diverged — lr too large\n", "  발산 — 학습률이 너무 큼\n"),
                    style="bold red",
                )
        out.rstrip()
        return out

    def _update_text(self) -> Text:
        """The focused optimizer's last update, formula then numbers."""
        m, k, name = self.m, self.k, self.focus_name
        out = Text()
        color = rgb(COLORS[name])
        lr = m.lrs[name]
        if k == 0:
            gx, gy = m.grad(*m.start)
            if self.compact:
                out.append(f"{SHORT[name]}: ", style=f"bold {color}")
            else:
                out.append(f"{LABELS[name]}: ", style=f"bold {color}")
            out.append(f"g = ∇f{vec(m.start)} = {vec((gx, gy))}   ")
            out.append(self.t("press . for one update", ". 을 누르면 한 번 갱신"), style="dim")
            return out
        prev = m.position(name, k - 1)
        g = m.grad(*prev)
        new = m.position(name, k)
        before, after = m.state(name, k - 1), m.state(name, k)
        if self.compact:
            return self._update_short(name, g, new, after)
        out.append(f"{LABELS[name]} #{k}: ", style=f"bold {color}")
        out.append(f"g = ∇f{vec(prev)} = {vec(g)}\n")
        if name == "sgd":
            out.append(f"W ← W − η g = {vec(prev)} − {lr:g}·{vec(g)} = {vec(new)}")
        elif name == "momentum":
            a = m.momentum
            out.append(f"v ← αv − η g = {a:g}·{vec(before['v'])} − {lr:g}·{vec(g)}")
            out.append(f" = {vec(after['v'])}\n")
            out.append(f"W ← W + v = {vec(new)}")
        elif name == "adagrad":
            out.append(f"h ← h + g² = {vec(before['h'])} + {vec((g[0] ** 2, g[1] ** 2))}")
            out.append(f" = {vec(after['h'])}\n")
            out.append(f"W ← W − η g / √h = {vec(new)}")
            out.append(f"   η/√h = {vec(self._eff(lr, after['h']))}", style="dim")
        elif name == "rmsprop":
            d = m.decay
            out.append(f"h ← {d:g} h + {1 - d:g} g² = {vec(after['h'])}\n")
            out.append(f"W ← W − η g / √h = {vec(new)}")
            out.append(f"   η/√h = {vec(self._eff(lr, after['h']))}", style="dim")
        elif name == "adam":
            out.append(f"m̂ = m/(1−β1^t) = {vec(after['m_hat'])}  ")
            out.append(f"v̂ = v/(1−β2^t) = {vec(after['v_hat'])}\n")
            out.append(f"W ← W − η m̂ / √v̂ = {vec(new)}")
        return out

    def _update_short(
        self,
        name: str,
        g: tuple[float, float],
        new: tuple[float, float],
        after: dict[str, tuple[float, float]],
    ) -> Text:
        """The update's gradient, rule and result (narrow layout)."""
        m = self.m
        out = Text()
        out.append(f"{SHORT[name]} #{self.k}: ", style=f"bold {rgb(COLORS[name])}")
        out.append(f"g = {vec(g)}\n")
        lr = m.lrs[name]
        if name == "sgd":
            out.append(f"W ← W − {lr:g} g = {vec(new)}")
        elif name == "momentum":
            out.append(f"v ← {m.momentum:g} v − {lr:g} g = {vec(after['v'])}\n")
            out.append(f"W ← W + v = {vec(new)}")
        elif name in ("adagrad", "rmsprop"):
            rule = "h + g²" if name == "adagrad" else f"{m.decay:g} h + {1 - m.decay:g} g²"
            out.append(f"h ← {rule} = {vec(after['h'])}\n")
            out.append(f"W ← W − {lr:g} g/√h = {vec(new)}")
        elif name == "adam":
            out.append(f"m̂ {vec(after['m_hat'])} v̂ {vec(after['v_hat'])}\n")
            out.append(f"W ← W − {lr:g} m̂/√v̂ = {vec(new)}")
        return out

    @staticmethod
    def _eff(lr: float, h: tuple[float, float]) -> tuple[float, float]:
        return tuple(lr / (math.sqrt(max(v, 0.0)) + 1e-7) for v in h)  # type: ignore[return-value]

    def refresh_scene(self) -> None:
        try:
            head = self.query_one("#opt-head", Static)
            state = self.query_one("#opt-state", Static)
            update = self.query_one("#opt-update", Static)
            side_update = self.query_one("#opt-side-update", Static)
            plot = self.query_one(ScenePlot)
        except NoMatches:
            return
        m = self.m
        h = Text()
        h.append(self.t("update", "갱신"), style="bold")
        h.append(f" {self.k}/{m.steps}   ")
        if self.has_class("narrow"):
            head.update(h)
        else:
            self._head_wide(h)
            head.update(h)
        state.update(self._panel())
        text = self._update_text()
        update.update(text)
        side_update.update(text)
        plot.refresh()

    def _head_wide(self, h: Text) -> None:
        m = self.m
        h.append(self.t("start", "시작"), style="dim")
        h.append(f" {vec(m.start)}   ")
        h.append(
            self.t("minimum", "최솟값") if m.surface.minimum else self.t("saddle", "안장점"),
            style="dim",
        )
        h.append(f" {vec(m.target)}")

    # ------------------------------------------------------------------ actions
    def advance(self) -> bool:
        """One update for every optimizer; False once all ``steps`` are taken."""
        if self.k >= self.m.steps:
            return False
        self.k += 1
        self.refresh_scene()
        return self.k < self.m.steps

    def restart(self, model: Any, params: Any, lang: str) -> bool:
        """Show another step's model as a new view would, without remounting (same scene)."""
        self.model, self.params, self.lang = model, dict(params), lang
        self.stop_autoplay()
        self.k = 0
        self.focus_name = self._default_focus()
        self._fit(self.size.width, self.size.height)
        self.refresh_scene()
        return True

    def reset_scene(self) -> None:
        self.stop_autoplay()
        self.k = 0
        self.focus_name = self._default_focus()
        self.refresh_scene()

    def set_model(self, model: Any, params: Any) -> None:
        """A tune's run: the new settings replay at once (all updates in about 2 s)."""
        super().set_model(model, params)
        if self.is_mounted:
            pace = max(0.02, min(self.frame_interval, AUTOPLAY_SECONDS / self.m.steps))
            self.autoplay(pace)

    def action_jump(self, n: int) -> None:
        """Move ``n`` updates forward (or back), within 0..steps."""
        self.k = max(0, min(self.m.steps, self.k + n))
        self.refresh_scene()

    def action_focus_next(self) -> None:
        """Show the next optimizer's update written out."""
        shown = self.m.shown
        self.focus_name = shown[(shown.index(self.focus_name) + 1) % len(shown)]
        self.refresh_scene()


VIEW = OptimizersView
