"""Widget for the lab scene: live loss curves and a decision map (or a digits summary).

Training runs in slices: each ``advance()`` (``.`` once, or every frame while space plays)
trains until an epoch ends or ``slice_budget`` seconds pass, so keys keep answering. ``f``
fast-forwards to the end the same way, on a timer. A diverged run stops with a plain
explanation; nothing that is not finite is ever drawn.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, ClassVar

import numpy as np
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.css.query import NoMatches
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from tui9.scenes.lab import EXPLODE_FACTOR, LabModel, LabRun
from tui9.ui.scenes._plot import ScenePlot, rgb
from tui9.ui.scenes.base import SceneView

Color = tuple[int, int, int]
TRAIN_COLOR: Color = (80, 170, 255)
VAL_COLOR: Color = (255, 165, 0)
#: Region and point colours per class.
CLASS_COLORS: tuple[Color, ...] = ((60, 120, 230), (235, 130, 40), (60, 190, 100))
POINT_COLORS: tuple[Color, ...] = ((150, 205, 255), (255, 205, 120), (150, 240, 170))
BACKGROUND: Color = (18, 18, 24)
BAD_COLOR = "rgb(255,90,90)"


def blend(color: Color, alpha: float, base: Color = BACKGROUND) -> Color:
    """``color`` laid over ``base`` with opacity ``alpha`` in [0, 1]."""
    a = min(max(alpha, 0.0), 1.0)
    return (
        round(base[0] + a * (color[0] - base[0])),
        round(base[1] + a * (color[1] - base[1])),
        round(base[2] + a * (color[2] - base[2])),
    )


def downsample(xs: Sequence[float], ys: Sequence[float], max_points: int) -> tuple[list, list]:
    """At most ``max_points`` evenly picked points (always keeping the last), all finite."""
    x = np.asarray(xs, dtype=float)
    y = np.asarray(ys, dtype=float)
    ok = np.isfinite(x) & np.isfinite(y)
    x, y = x[ok], y[ok]
    if len(x) > max_points > 1:
        idx = np.unique(np.linspace(0, len(x) - 1, max_points).round().astype(int))
        x, y = x[idx], y[idx]
    return x.tolist(), y.tolist()


#: Confidence shades of the regions (fewer shades = longer runs of one style = faster).
SHADES = 8


@lru_cache(maxsize=256)
def _cell_style(region: int, shade: int, point: int) -> Style:
    """The style of one map cell: region colour at a shade, maybe a point's colour on top."""
    bg = rgb(blend(CLASS_COLORS[region % len(CLASS_COLORS)], 0.12 + 0.4 * shade / (SHADES - 1)))
    if point < 0:
        return Style(bgcolor=bg)
    return Style(color=rgb(POINT_COLORS[point % len(POINT_COLORS)]), bgcolor=bg, bold=True)


class BoundaryMap(Widget):
    """The decision regions of a 2-D run in coloured cells, with the data points on top.

    Drawn line by line (``render_line``) from one cached grid of cell styles, with runs of
    equal cells merged into one segment, so a frame costs little more than the forward pass.
    """

    DEFAULT_CSS = "BoundaryMap { width: 1fr; height: 1fr; min-width: 12; }"

    def __init__(self, view: LabView, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.view = view
        self._key: tuple[Any, ...] | None = None
        self._strips: list[Strip] = []

    def _points(self, w: int, h: int) -> np.ndarray:
        """(h, w) array: the majority class of the data points in each cell, -1 if none."""
        model = self.view.run.model
        (x0, x1), (y0, y1) = model.bounds
        s = model.split
        X = np.concatenate([s.X_train, s.X_val])
        y = np.concatenate([s.y_train, s.y_val])
        cols = np.clip(((X[:, 0] - x0) / (x1 - x0) * (w - 1)).round().astype(int), 0, w - 1)
        rows = np.clip(((y1 - X[:, 1]) / (y1 - y0) * (h - 1)).round().astype(int), 0, h - 1)
        k = s.classes
        counts = np.zeros((h, w, k), dtype=np.int64)
        np.add.at(counts, (rows, cols, y), 1)
        out = counts.argmax(axis=2)
        out[counts.sum(axis=2) == 0] = -1
        return out

    def _build(self, w: int, h: int) -> list[Strip]:
        run = self.view.run
        k = run.model.split.classes
        cls, conf = run.grid(w, h)
        floor = 1.0 / k
        shade = np.clip(((conf - floor) / (1.0 - floor) * (SHADES - 1)).round(), 0, SHADES - 1)
        shade = shade.astype(int)
        points = self._points(w, h)
        strips: list[Strip] = []
        for r in range(h):
            segments: list[Segment] = []
            row_c, row_s, row_p = cls[r].tolist(), shade[r].tolist(), points[r].tolist()
            c = 0
            while c < w:
                key = (row_c[c], row_s[c], row_p[c])
                end = c + 1
                while end < w and (row_c[end], row_s[end], row_p[end]) == key:
                    end += 1
                glyph = "●" if key[2] >= 0 else " "
                segments.append(Segment(glyph * (end - c), _cell_style(*key)))
                c = end
            strips.append(Strip(segments, w))
        return strips

    def render_line(self, y: int) -> Strip:
        w, h = self.size.width, self.size.height
        if w < 4 or h < 2:
            return Strip.blank(w)
        run = self.view.run
        key = (id(run), run.steps, run.epoch, w, h)
        if key != self._key:
            self._key, self._strips = key, self._build(w, h)
        return self._strips[y] if y < len(self._strips) else Strip.blank(w)


class LabView(SceneView):
    """Train live: ``.`` one slice, space plays (lesson screen), ``f`` to the end, ``r`` reset."""

    scene_name: ClassVar[str] = "lab"
    animated: ClassVar[bool] = True
    frame_interval: ClassVar[float] = 0.04
    can_focus = True
    #: Seconds one advance() may train (None: a whole slice regardless of time): 70% of a
    #: frame; drawing it takes about a sixth on an idle machine, so a frame still fits.
    slice_budget: float | None = 0.028
    #: While animating, seconds between loss-plot redraws (plotext is the costly part of a
    #: frame); the status and the map follow every frame, the plot catches up when it stops.
    PLOT_EVERY: ClassVar[float] = 0.5
    #: While animating, seconds between decision-map redraws.
    MAP_EVERY: ClassVar[float] = 0.12
    #: Start training by itself when a tune run hands it new settings.
    autoplay_on_set_model: bool = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f", "finish", "train to end"),
    ]

    DEFAULT_CSS = """
    LabView { layout: vertical; }
    LabView > #lab-status { height: auto; padding: 0 1; }
    LabView > #lab-body { height: 1fr; min-height: 5; }
    LabView > #lab-body > BoundaryMap { width: 1fr; height: 1fr; }
    LabView > #lab-body > #lab-digits { width: 1fr; height: 1fr; padding: 0 1; }
    LabView > #lab-body > ScenePlot { width: 1fr; height: 1fr; }
    """

    def __init__(self, model: Any, params: Any, lang: str = "en", **kwargs: Any) -> None:
        super().__init__(model, params, lang, **kwargs)
        self.run: LabRun = self.lab.new_run()
        self._conf_key: tuple[int, int] | None = None
        self._plot_key: tuple[int, int] | None = None
        self._plot_at = 0.0
        self._map_at = 0.0
        self._conf: np.ndarray = np.zeros((0, 0), dtype=np.int64)

    @property
    def lab(self) -> LabModel:
        return self.model  # type: ignore[return-value]

    @property
    def epochs_per_step(self) -> int:
        """Epochs one advance() may cover: a whole run takes at least ~60 frames."""
        return max(1, self.lab.epochs // 60)

    @property
    def planned_epochs(self) -> int:
        """Epochs the run will reach: ``epochs``, or fewer when ``max_steps`` ends it first."""
        m = self.lab
        if not m.max_steps:
            return m.epochs
        return min(m.epochs, -(-m.max_steps // self.run.trainer.steps_per_epoch))

    def compose(self) -> ComposeResult:
        yield Static(id="lab-status")
        with Horizontal(id="lab-body"):
            if self.lab.is_2d:
                yield BoundaryMap(self, id="lab-map")
            else:
                yield Static(id="lab-digits")
            yield ScenePlot(self._draw_loss, min_width=10, min_height=5, id="lab-loss")

    def on_mount(self) -> None:
        self.refresh_scene()

    # ------------------------------------------------------------------ stepping
    def advance(self) -> bool:
        """Train one slice (up to an epoch, bounded in time); False once the run is over."""
        if self.run.done:
            return False
        self.run.train(max_epochs=self.epochs_per_step, budget_s=self.slice_budget)
        self.refresh_scene()
        return not self.run.done

    def restart(self, model: Any, params: Any, lang: str) -> bool:
        """Show another step's model as a new view would, without remounting (same scene)."""
        if model.is_2d != self.lab.is_2d:
            return False  # the left panel changes kind: a new view is simpler
        self.model, self.params, self.lang = model, dict(params), lang
        self.stop_autoplay()
        self.run = self.lab.new_run()
        self._conf_key = self._plot_key = None
        self._conf = np.zeros((0, 0), dtype=np.int64)
        self.refresh_scene()
        return True

    def reset_scene(self) -> None:
        self.stop_autoplay()
        self.run = self.lab.new_run()
        self.refresh_scene()

    def set_model(self, model: Any, params: Any) -> None:
        self.stop_autoplay()
        self.model = model
        self.params = dict(params)
        self.run = self.lab.new_run()
        self._rebuild_body()
        self.refresh_scene()
        if self.autoplay_on_set_model and self.is_mounted:
            # A tune's "run": show the new settings training right away, at play pace.
            self.autoplay(self.frame_interval)

    def _rebuild_body(self) -> None:
        """Swap the left panel when the data set kind (2-D map vs digits) changed."""
        try:
            body = self.query_one("#lab-body", Horizontal)
            plot = self.query_one("#lab-loss", ScenePlot)
        except NoMatches:
            return
        want = "lab-map" if self.lab.is_2d else "lab-digits"
        if body.query(f"#{want}"):
            return
        for old in body.query("#lab-map, #lab-digits"):
            old.remove()
        left: Widget = BoundaryMap(self, id=want) if self.lab.is_2d else Static(id=want)
        body.mount(left, before=plot)

    def action_finish(self) -> None:
        """Train to the end in timer slices (keys keep answering); again to stop."""
        if self.autoplaying:
            self.stop_autoplay()
            self.refresh_scene()  # the plot catches up
            return
        self.autoplay(self.frame_interval, self._finish_tick)

    def _finish_tick(self) -> bool:
        if self.run.done:
            return False
        self.run.train(max_epochs=self.lab.epochs, budget_s=self.slice_budget or 0.03)
        self.refresh_scene()
        return True

    # ------------------------------------------------------------------ drawing
    def _draw_loss(self, plt: Any, width: int, height: int) -> None:
        hist = self.run.history
        epochs = [h.epoch for h in hist]
        cols = max(width - 8, 4)
        for _name, values, color in (
            ("train", [h.train_loss for h in hist], TRAIN_COLOR),
            ("val", [h.val_loss for h in hist], VAL_COLOR),
        ):
            xs, ys = downsample(epochs, values, 2 * cols)
            if len(xs) == 1:
                plt.scatter(xs, ys, color=color, marker="●")
            elif xs:
                plt.plot(xs, ys, color=color, marker="braille")
        finite = [v for h in hist for v in (h.train_loss, h.val_loss) if math.isfinite(v)]
        top = max(finite) if finite else 1.0
        plt.ylim(0.0, top * 1.05 if top > 0 else 1.0)
        plt.xlim(0, max(self.planned_epochs, 1))
        plt.title("loss: train (blue), val (orange)")
        plt.xlabel("epoch")

    #: Below this many rows the status drops its settings line and its idle hints.
    COMPACT_BELOW = 16

    def _status(self) -> Text:
        m, run = self.lab, self.run
        last = run.history[-1]
        t = self.t
        compact = 0 < self.size.height < self.COMPACT_BELOW
        head = Text()
        arch = "-".join(str(s) for s in m.sizes)
        batch = m.effective_batch
        batch_txt = t(f"batch {batch}", f"배치 {batch}")
        if batch >= len(m.split.y_train):
            batch_txt += t(" (full)", " (전체)")
        if not compact:
            head.append(f"{m.dataset} ", style="bold")
            head.append(
                f"{arch} {m.activation} · {m.optimizer} lr {m.lr:g} · {batch_txt}"
                f" · L2 {m.l2:g} · init {m.init}\n",
                style="dim",
            )
        head.append(t("epoch", "에포크") + f" {last.epoch}/{m.epochs}", style="bold")
        steps = f"{run.steps}/{m.max_steps}" if m.max_steps else f"{run.steps}"
        head.append(t(f" · step {steps} · loss ", f" · 스텝 {steps} · 손실 "))
        head.append(f"{last.train_loss:.3f}", style=rgb(TRAIN_COLOR))
        held = "val" if m.is_2d else t("test", "테스트")
        head.append(f" / {held} ")
        head.append(f"{last.val_loss:.3f}", style=rgb(VAL_COLOR))
        head.append(t(" · acc ", " · 정확도 ") + f"{last.train_acc:.0%} / {held} ")
        head.append(f"{last.val_acc:.1%}", style="bold")
        if run.diverged or run.done or not compact:
            head.append("\n")
        if run.diverged and compact:
            head.append(
                t(
                    "diverged — the learning rate is probably too large. r resets.",
                    "발산 — 학습률이 너무 큰 것 같습니다. r: 초기화",
                ),
                style=BAD_COLOR,
            )
        elif run.diverged:
            head.append(
                t(
                    "diverged — the learning rate is probably too large"
                    f" (loss > {EXPLODE_FACTOR:g} × start {run.initial_loss:.3f}). r resets.",
                    "발산했습니다 — 학습률이 너무 큰 것 같습니다"
                    f" (손실이 처음 값 {run.initial_loss:.3f} 의 {EXPLODE_FACTOR:g} 배를 넘음)."
                    " r: 초기화",
                ),
                style=BAD_COLOR,
            )
        elif run.reason == "budget":
            head.append(t("step budget used up.", "스텝 예산을 다 썼습니다."), style="bold")
        elif run.done:
            head.append(t("done.", "학습 끝."), style="bold")
        elif compact:
            pass
        elif last.epoch == 0 and run.steps == 0:
            head.append(
                t(". one epoch · space play · f to the end", ". 한 에포크 · space 재생 · f 끝까지"),
                style="dim",
            )
        else:
            head.append(t("training…", "학습 중…"), style="dim")
        return head

    def _confusion(self) -> np.ndarray:
        """Held-out confusion counts as of the last finished epoch (matches the header)."""
        key = (id(self.run), len(self.run.history))
        if self._conf_key != key:
            self._conf_key, self._conf = key, self.run.confusion()
        return self._conf

    def _digits_summary(self) -> Text:
        conf = self._confusion()
        t = self.t
        out = Text()
        total = int(conf.sum())
        right = int(np.trace(conf))
        out.append(t("test set: ", "테스트 세트: "), style="bold")
        out.append(f"{right}/{total} = {right / max(total, 1):.1%}\n", style="bold")
        head = t("digit right  most mistaken for\n", "숫자  정답   가장 많이 헷갈린 숫자\n")
        out.append(head, style="dim")
        for d in range(conf.shape[0]):
            row = conf[d]
            n = int(row.sum())
            ok = int(row[d])
            wrong = row.copy()
            wrong[d] = 0
            style = "" if n == 0 or ok / n >= 0.9 else BAD_COLOR
            out.append(f"  {d}   {ok:>3}/{n:<3}", style=style)
            if wrong.max() > 0:
                out.append(f"  → {int(wrong.argmax())} ×{int(wrong.max())}", style="dim")
            out.append("\n")
        return out

    def refresh_scene(self) -> None:
        try:
            status = self.query_one("#lab-status", Static)
        except NoMatches:
            return
        self._set_status(status, self._status())
        now = time.monotonic()
        # Every call, unless a timer is training: then at most every MAP_EVERY / PLOT_EVERY s.
        steady = self.run.done or not self.animating
        if self.lab.is_2d:
            if steady or now - self._map_at >= self.MAP_EVERY:
                self._map_at = now
                for w in self.query(BoundaryMap):
                    w.refresh()
        else:
            for s in self.query("#lab-digits").results(Static):
                s.update(self._digits_summary())
        plot_key = (id(self.run), len(self.run.history))
        # The curves only change when an epoch ends.
        if plot_key != self._plot_key and (steady or now - self._plot_at >= self.PLOT_EVERY):
            self._plot_key, self._plot_at = plot_key, now
            for p in self.query(ScenePlot):
                p.refresh()

    def _set_status(self, status: Static, text: Text) -> None:
        """Update the status; a layout pass (costly every frame) only when its height changes."""
        status.update(text, layout=False)
        region = status.content_region
        if region.width <= 0:
            status.refresh(layout=True)
            return
        height = status.get_content_height(status.size, self.app.size, region.width)
        if height != region.height:
            status.refresh(layout=True)

    @property
    def animating(self) -> bool:
        """Training on a timer: this view's own (f, a tune's run) or the screen's (space)."""
        return self.autoplaying or bool(getattr(self.screen, "playing", False))

    #: Below this many rows the loss plot is hidden (it would be unreadable); the map widens.
    PLOT_MIN_ROWS = 12

    def on_resize(self) -> None:
        for p in self.query(ScenePlot):
            p.display = self.size.height >= self.PLOT_MIN_ROWS
        self.refresh_scene()


VIEW = LabView
