"""Widget for the digits scene: an 8x8 canvas to draw on and the network's live reading.

Keys: w/a/s/d (or up/down) move the cursor, x toggles a pixel, + / - brighten or dim it,
c clears, 0-9 load a test example of that digit (again: the next one), ``.`` the next test
digit. The mouse paints: click toggles a pixel, dragging paints it on.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
from rich.color import Color
from rich.style import Style
from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.widget import Widget
from textual.widgets import Static

from tui9.scenes.digits import SIDE, DigitsModel
from tui9.ui.scenes.base import SceneView

CURSOR = Style(color="rgb(255,210,0)", bold=True)
BAR = "rgb(80,200,255)"
BAR_TOP = "rgb(255,210,0)"
LEVEL = 0.25  # how much + / - change a pixel
#: Below this many rows: borderless canvas, the reading beside it, only the likeliest bars.
SHORT = 13


def grey(v: float) -> Color:
    """The background colour for a pixel value in [0, 1] (dark blue-grey to white)."""
    v = float(np.clip(v, 0.0, 1.0))
    return Color.from_rgb(24 + 231 * v, 26 + 229 * v, 36 + 219 * v)


class Canvas(Widget):
    """The 8x8 pixels, two cells wide each, with the cursor; clicks paint."""

    DEFAULT_CSS = """
    Canvas { width: 18; height: 10; border: round $primary-muted; }
    """

    def __init__(self, scene: DigitsView, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.scene = scene
        #: Terminal rows per pixel (each pixel is twice as many columns wide).
        self.scale = 1

    def set_scale(self, scale: int) -> None:
        """Draw each pixel ``scale`` rows tall and ``2 * scale`` columns wide."""
        self.scale = scale
        self.styles.width = 2 * SIDE * scale + 2
        self.styles.height = SIDE * scale + 2
        self.refresh()

    def render(self) -> Text:
        s, k = self.scene, self.scale
        out = Text()
        for r in range(SIDE):
            for sub in range(k):
                for c in range(SIDE):
                    bg = grey(s.pixels[r * SIDE + c])
                    if (r, c) == s.cursor and sub == (k - 1) // 2:
                        mark = "[" + " " * (2 * k - 2) + "]"
                        out.append(mark, style=CURSOR + Style(bgcolor=bg))
                    else:
                        out.append("  " * k, style=Style(bgcolor=bg))
                if r < SIDE - 1 or sub < k - 1:
                    out.append("\n")
        return out

    def _cell(self, event: events.MouseEvent) -> tuple[int, int] | None:
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        r, c = offset.y // self.scale, offset.x // (2 * self.scale)
        return (r, c) if 0 <= r < SIDE and 0 <= c < SIDE else None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        cell = self._cell(event)
        if cell is not None:
            self.scene.cursor = cell
            self.scene.toggle()
            self.capture_mouse()

    def on_mouse_up(self, event: events.MouseUp) -> None:
        self.release_mouse()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        cell = self._cell(event)
        if event.button and cell is not None and cell != self.scene.cursor:
            self.scene.cursor = cell
            self.scene.paint(1.0)


class Bars(Widget):
    """The ten class probabilities as horizontal bars; the predicted digit highlighted."""

    DEFAULT_CSS = """
    Bars { width: 1fr; height: 10; padding: 0 1; }
    """

    def __init__(self, scene: DigitsView, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.scene = scene

    def render(self) -> Text:
        s = self.scene
        out = Text()
        probs = s.probabilities()
        if probs is None:
            out.append(s.t("training the network…", "신경망 학습 중…"), style="dim italic")
            return out
        best = int(np.argmax(probs))
        width = max(self.size.width - 2 - 9, 4)
        rows = self.size.height or 10
        # all ten in digit order when they fit, else the most probable ones first
        order = list(range(10)) if rows >= 10 else list(np.argsort(-probs, kind="stable")[:rows])
        for i, d in enumerate(order):
            d = int(d)
            p = float(probs[d])
            n = round(p * width)
            style = BAR_TOP if d == best else BAR
            out.append(f"{d} ", style="bold" if d == best else "")
            out.append("█" * n, style=style)
            out.append("·" * (width - n), style="rgb(60,60,70)")
            out.append(f" {p * 100:5.1f}%", style="bold" if d == best else "dim")
            if i < len(order) - 1:
                out.append("\n")
        return out


class DigitsView(SceneView):
    """Draw a digit (or load one) and watch the trained network read it."""

    scene_name: ClassVar[str] = "digits"
    animated: ClassVar[bool] = True
    frame_interval: ClassVar[float] = 0.9
    can_focus = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("w,up", "move(-1,0)", "up", show=False),
        Binding("s,down", "move(1,0)", "down", show=False),
        Binding("a", "move(0,-1)", "left", show=False),
        Binding("d", "move(0,1)", "right", show=False),
        Binding("x", "toggle", "pixel"),
        Binding("plus,equals_sign", "level(1)", "brighter", key_display="+"),
        Binding("minus", "level(-1)", "dimmer", key_display="-"),
        Binding("c", "clear", "clear"),
        *[
            Binding(str(d), f"load({d})", "load digit", show=d == 0, key_display="0-9")
            for d in range(10)
        ],
    ]

    DEFAULT_CSS = """
    DigitsView { layout: vertical; }
    DigitsView > #dg-top { height: auto; }
    DigitsView > #dg-info { height: auto; padding: 0 1; }
    DigitsView #dg-right { width: 1fr; height: auto; }
    DigitsView #dg-info-side { height: auto; padding: 0 1; display: none; }
    DigitsView.short > #dg-info { display: none; }
    DigitsView.short #dg-info-side { display: block; }
    DigitsView.short #dg-right { height: 1fr; }
    DigitsView.short Bars { height: 1fr; }
    DigitsView.short > #dg-top { height: 1fr; }
    DigitsView.short Canvas { border: none; height: 8; width: 16; }
    """

    def __init__(self, model: Any, params: Any, lang: str = "en", **kwargs: Any) -> None:
        super().__init__(model, params, lang, **kwargs)
        self.cursor: tuple[int, int] = (SIDE // 2, SIDE // 2)
        self.pixels = np.zeros(SIDE * SIDE)
        self.index: int = 0
        #: The true label of the loaded test digit; None once the student has drawn on it.
        self.label: int | None = None
        self._nth: dict[int, int] = {}
        self._ready = False
        self._load_index(self.m.sample)

    @property
    def m(self) -> DigitsModel:
        """The scene model (typed)."""
        return self.model  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Horizontal(id="dg-top"):
            yield Canvas(self, id="dg-canvas")
            with Vertical(id="dg-right"):
                yield Static(id="dg-info-side")
                yield Bars(self, id="dg-bars")
        yield Static(id="dg-info")

    def on_mount(self) -> None:
        self._fit(self.size.width, self.size.height)
        self._train()
        self.refresh_scene()

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size.width, event.size.height)

    def _fit(self, width: int, height: int) -> None:
        """A bigger canvas when the scene has room for it (and the text below)."""
        try:
            canvas = self.query_one(Canvas)
        except NoMatches:
            return
        self.set_class(height < SHORT, "short")
        scale = 2 if width >= 56 and height >= SIDE * 2 + 2 + 3 else 1
        if scale != canvas.scale:
            canvas.set_scale(scale)

    @work(thread=True, exclusive=True, group="digits-train")
    def _train(self) -> None:
        """Train (or fetch from the cache) off the input path, then redraw."""
        model = self.m
        _ = model.trained
        self.app.call_from_thread(self._trained, model)

    def _trained(self, model: DigitsModel) -> None:
        if model is self.model:
            self._ready = True
            self.refresh_scene()

    def probabilities(self) -> np.ndarray | None:
        """The network's class probabilities for the canvas (None while training)."""
        if not self._ready:
            return None
        return self.m.probabilities(self.pixels)

    # ------------------------------------------------------------------ drawing
    def refresh_scene(self) -> None:
        try:
            info = self.query_one("#dg-info", Static)
        except NoMatches:
            return
        for w in self.query(Canvas):
            w.refresh()
        for w in self.query(Bars):
            w.refresh()
        info.update(self._info())
        for side in self.query("#dg-info-side").results(Static):
            side.update(self._info_short())

    def _info_short(self) -> Text:
        """Two lines for short scene areas: the reading and the test accuracy."""
        out = Text()
        if self.label is not None:
            out.append(f"#{self.index} ({self.t('label', '정답')} {self.label})")
        else:
            out.append(self.t("drawing", "그림"))
        probs = self.probabilities()
        if probs is None:
            return out
        k = int(np.argmax(probs))
        ok = self.label is None or k == self.label
        out.append(" → ", style="bold")
        out.append(f"{k}", style="bold green" if ok else "bold red")
        out.append(f" · {probs[k] * 100:.1f}%\n")
        tr = self.m.trained
        if tr.diverged:
            out.append(self.t("training diverged", "학습 발산"), style="bold red")
        else:
            acc, n = tr.test_accuracy, self.m.n_test
            out.append(self.t("test acc ", "테스트 정확도 "), style="dim")
            out.append(f"{acc * 100:.1f}% ({round(acc * n)}/{n})")
        return out

    def _info(self) -> Text:
        m = self.m
        out = Text()
        if self.label is not None:
            out.append(self.t(f"test digit #{self.index}", f"테스트 숫자 #{self.index}"))
            out.append(self.t(f" (label {self.label})", f" (정답 {self.label})"), style="dim")
        else:
            out.append(self.t("your drawing", "직접 그린 숫자"))
        probs = self.probabilities()
        if probs is None:
            out.append("\n\n")
        else:
            k = int(np.argmax(probs))
            out.append(" → ", style="bold")
            ok = self.label is None or k == self.label
            out.append(f"{k}", style="bold green" if ok else "bold red")
            out.append(f" · {probs[k] * 100:.1f}%\n")
            tr = m.trained
            if tr.diverged:
                out.append(
                    self.t("training diverged — lr too large", "학습 발산 — 학습률이 너무 큼"),
                    style="bold red",
                )
            else:
                acc = tr.test_accuracy
                out.append(self.t("test accuracy ", "테스트 정확도 "), style="dim")
                out.append(f"{acc * 100:.1f}% ({round(acc * m.n_test)}/{m.n_test})")
            out.append("\n")
        out.append(
            f"64-{m.hidden}-10 ReLU · {m.optimizer} lr {m.lr:g} · "
            f"{m.epochs} {self.t('epochs', '에포크')}",
            style="dim",
        )
        return out

    # ------------------------------------------------------------------ editing
    def _edited(self) -> None:
        self.label = None
        self.refresh_scene()

    def paint(self, value: float) -> None:
        """Set the pixel under the cursor to ``value`` (clipped to [0, 1])."""
        r, c = self.cursor
        self.pixels[r * SIDE + c] = float(np.clip(value, 0.0, 1.0))
        self._edited()

    def toggle(self) -> None:
        """Turn the pixel under the cursor on (if below half) or off."""
        r, c = self.cursor
        self.paint(0.0 if self.pixels[r * SIDE + c] >= 0.5 else 1.0)

    def _load_index(self, index: int) -> None:
        pixels, label = self.m.test_image(index)
        self.index = index % self.m.n_test
        self.pixels = pixels
        self.label = label

    def action_move(self, dr: int, dc: int) -> None:
        """Move the cursor (clamped to the canvas)."""
        r, c = self.cursor
        self.cursor = (min(max(r + dr, 0), SIDE - 1), min(max(c + dc, 0), SIDE - 1))
        self.refresh_scene()

    def action_toggle(self) -> None:
        self.toggle()

    def action_level(self, sign: int) -> None:
        """Brighten (+1) or dim (-1) the pixel under the cursor by a quarter."""
        r, c = self.cursor
        self.paint(self.pixels[r * SIDE + c] + sign * LEVEL)

    def action_clear(self) -> None:
        """Blank canvas."""
        self.pixels = np.zeros(SIDE * SIDE)
        self._edited()

    def action_load(self, digit: int) -> None:
        """Load a test example of ``digit``; pressing it again loads the next one."""
        nth = self._nth.get(digit, -1) + 1
        self._nth[digit] = nth
        self._load_index(self.m.example_of(digit, nth))
        self.refresh_scene()

    def advance(self) -> bool:
        """Show the next test digit (wraps around; always more)."""
        self._load_index(self.index + 1)
        self.refresh_scene()
        return True

    def reset_scene(self) -> None:
        self.cursor = (SIDE // 2, SIDE // 2)
        self._nth.clear()
        self._load_index(self.m.sample)
        self.refresh_scene()

    def set_model(self, model: Any, params: Any) -> None:
        self.model = model
        self.params = dict(params)
        self._ready = False
        self.reset_scene()
        self._train()


VIEW = DigitsView
