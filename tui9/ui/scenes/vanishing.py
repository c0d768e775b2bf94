"""Widget for the vanishing scene: log10 of ||dL/dW|| per layer, revealed from the output back."""

from __future__ import annotations

import math
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.css.query import NoMatches
from textual.widgets import Static

from tui9.scenes.vanishing import SPEC, GradientProfile, VanishingModel
from tui9.ui.scenes._plot import ScenePlot, rgb
from tui9.ui.scenes.base import SceneView

COLORS: dict[str, tuple[int, int, int]] = {
    "sigmoid": (80, 180, 255),
    "relu": (255, 165, 0),
    "leaky_relu": (90, 200, 90),
    "tanh": (200, 120, 255),
}

SHORT = {"sigmoid": "sigmoid", "relu": "relu", "leaky_relu": "leaky", "tanh": "tanh"}


def sci(v: float) -> str:
    """A short scientific display (0 stays 0)."""
    return "0" if v == 0 else f"{v:.2g}" if 0.01 <= abs(v) < 100 else f"{v:.1e}"


class VanishingView(SceneView):
    """Each ``.`` backpropagates one more layer; ``+``/``-`` change depth, ``c`` compares."""

    scene_name: ClassVar[str] = "vanishing"
    animated: ClassVar[bool] = True
    frame_interval: ClassVar[float] = 0.3
    can_focus = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("plus,equals_sign", "depth(1)", "deeper", key_display="+"),
        Binding("minus", "depth(-1)", "shallower", key_display="-"),
        Binding("c", "compare", "compare"),
    ]

    DEFAULT_CSS = """
    VanishingView { layout: vertical; }
    VanishingView > #van-head { height: auto; padding: 0 1; }
    VanishingView > ScenePlot { height: 1fr; min-height: 3; }
    VanishingView > #van-readout { height: auto; padding: 0 1; }
    """

    def __init__(self, model: Any, params: Any, lang: str = "en", **kwargs: Any) -> None:
        super().__init__(model, params, lang, **kwargs)
        self.shown_model: VanishingModel = model
        self.shown_params = dict(params)
        self.revealed = 1

    @property
    def n_layers(self) -> int:
        return self.shown_model.depth + 1

    def compose(self) -> ComposeResult:
        yield Static(id="van-head")
        yield ScenePlot(self._draw, id="van-plot")
        yield Static(id="van-readout")

    def on_mount(self) -> None:
        self.refresh_scene()

    # ------------------------------------------------------------------ drawing
    def _visible(self, p: GradientProfile) -> list[tuple[int, float]]:
        """(layer number from 1, log10 norm) for revealed layers with a non-zero gradient."""
        start = self.n_layers - self.revealed
        return [
            (i + 1, math.log10(n))
            for i, n in enumerate(p.norms)
            if i >= start and n > 0 and math.isfinite(n)
        ]

    def _draw(self, plt: Any, width: int, height: int) -> None:
        m = self.shown_model
        lo, hi = math.inf, -math.inf
        for name, p in reversed(m.profiles.items()):  # the chosen one last, on top
            all_logs = [math.log10(n) for n in p.norms if n > 0 and math.isfinite(n)]
            if all_logs:
                lo, hi = min(lo, *all_logs), max(hi, *all_logs)
            pts = self._visible(p)
            if pts:
                xs, ys = [x for x, _ in pts], [y for _, y in pts]
                plt.plot(xs, ys, color=COLORS[name], marker="braille")
                plt.scatter(xs, ys, color=COLORS[name], marker="●")
        any_nonzero = math.isfinite(lo)
        if not any_nonzero:  # every gradient is exactly 0: say so, not an empty frame
            lo, hi = -1.0, 1.0
            if self.revealed:
                plt.text(
                    "every gradient is exactly 0",
                    (self.n_layers + 1) / 2,
                    0.0,
                    color=COLORS[self.shown_model.activation],
                    alignment="center",
                )
        lo, hi = math.floor(lo), math.ceil(hi)
        if hi - lo < 1:
            hi = lo + 1
        plt.ylim(lo - 0.2, hi + 0.2)
        plt.xlim(0.5, self.n_layers + 0.5)
        step = max(1, math.ceil((hi - lo) / max(2, (height - 4) // 2)))
        ticks = list(range(lo, hi + 1, step)) if any_nonzero else []
        plt.yticks(ticks, [f"1e{t}" for t in ticks])
        xstep = max(1, math.ceil(self.n_layers / max(2, (width - 8) // 4)))
        xt = list(range(1, self.n_layers + 1, xstep))
        plt.xticks(xt, [str(x) for x in xt])
        if height >= 10:
            plt.title("log10 ||dL/dW|| per layer")
        if height >= 14:
            plt.xlabel("layer (1 = first, input side)")

    def on_resize(self) -> None:
        self.refresh_scene()

    def refresh_scene(self) -> None:
        try:
            head = self.query_one("#van-head", Static)
            readout = self.query_one("#van-readout", Static)
        except NoMatches:
            return
        m = self.shown_model
        wide = self.size.width >= 56 or self.size.width == 0
        tall = self.size.height >= 20 or self.size.height == 0
        title = Text()
        for i, name in enumerate(m.profiles):
            if i:
                title.append(" vs ")
            title.append(SHORT[name] if not wide else name, style=f"bold {rgb(COLORS[name])}")
        details = self.t(
            f"  depth {m.depth} · width {m.width}", f"  은닉층 {m.depth} · 너비 {m.width}"
        )
        if wide:
            details += self.t(f" · init {m.init}", f" · 초기화 {m.init}")
        title.append(details + (f" · bias {m.bias:g}" if m.bias else ""))
        head.update(title)
        out = Text()
        layer = self.n_layers - self.revealed + 1
        done = self.revealed >= self.n_layers
        for name, p in m.profiles.items():
            out.append(
                f"{name if wide else SHORT[name]:<{11 if wide else 8}}", style=rgb(COLORS[name])
            )
            if done and wide:
                out.append(
                    self.t(
                        f"first {sci(p.first)}  last {sci(p.last)}  ratio {sci(p.ratio)}",
                        f"첫 층 {sci(p.first)}  마지막 {sci(p.last)}  비율 {sci(p.ratio)}",
                    )
                )
            elif done:
                out.append(
                    self.t(
                        f"1st {sci(p.first)}  ratio {sci(p.ratio)}",
                        f"첫 층 {sci(p.first)}  비율 {sci(p.ratio)}",
                    )
                )
            else:
                out.append(self.t(f"layer {layer}: ", f"{layer}층: ") + sci(p.norms[layer - 1]))
            dead = sum(p.dead)
            units = m.depth * m.width
            out.append(
                self.t(f"  dead {dead}/{units}", f"  죽은 유닛 {dead}/{units}")
                if wide
                else self.t(f"  dead {dead}", f"  죽음 {dead}")
            )
            out.append("\n")
        if "sigmoid" in m.profiles and (tall or done):
            bound = 0.25**m.depth
            out.append(
                self.t(
                    f"0.25^{m.depth} = {sci(bound)}: largest product of {m.depth} sigmoid slopes",
                    f"0.25^{m.depth} = {sci(bound)}: 시그모이드 기울기 {m.depth}개 곱의 최댓값",
                )
                if wide
                else f"0.25^{m.depth} = {sci(bound)}",
                style="dim",
            )
            out.append("\n")
        if not done and tall:
            out.append(
                self.t(". backpropagates one more layer", ". 키: 한 층 더 역전파"), style="dim"
            )
        out.rstrip()
        readout.update(out)
        # A plot needs 5 rows to say anything; when short, the numbers matter more.
        text_rows = out.plain.count("\n") + 1 + title.plain.count("\n") + 1
        for plot in self.query(ScenePlot):
            plot.display = not self.size.height or self.size.height - text_rows >= 5
            plot.refresh()

    # ------------------------------------------------------------------ actions
    def _rebuild(self, **changes: Any) -> None:
        params = {**self.shown_params, **changes}
        values, problems = SPEC.validate(params)
        if problems:
            self.app.bell()
            return
        self.shown_params = params
        self.shown_model = SPEC.factory(values)  # type: ignore[assignment]
        self.revealed = self.n_layers
        self.refresh_scene()

    def action_depth(self, delta: int) -> None:
        """Rebuild with one hidden layer more or fewer (shown fully backpropagated)."""
        self._rebuild(depth=self.shown_model.depth + delta)

    def action_compare(self) -> None:
        """Toggle drawing sigmoid, ReLU and LeakyReLU together."""
        self._rebuild(compare=not self.shown_model.compare)

    def advance(self) -> bool:
        if self.revealed >= self.n_layers:
            return False
        self.revealed += 1
        self.refresh_scene()
        return True

    def restart(self, model: Any, params: Any, lang: str) -> bool:
        """Show another step's model as a new view would, without remounting (same scene)."""
        self.model, self.params, self.lang = model, dict(params), lang
        self.shown_model = model
        self.shown_params = dict(params)
        self.revealed = 1
        self.refresh_scene()
        return True

    def reset_scene(self) -> None:
        self.shown_model = self.model  # type: ignore[assignment]
        self.shown_params = dict(self.params)
        self.revealed = 1
        self.refresh_scene()

    def set_model(self, model: Any, params: Any) -> None:
        """A tune run's model: shown fully backpropagated, so its result is visible at once."""
        self.model = model
        self.params = dict(params)
        self.reset_scene()
        self.revealed = self.n_layers
        self.refresh_scene()


VIEW = VanishingView
