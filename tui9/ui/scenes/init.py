"""Widget for the init scene: one activation histogram per layer, side by side.

Keys 1-5 switch the init (std 1, std 0.01, Xavier, He, zeros); ``a`` cycles the
activation; ``.`` (or space) walks through the inits in that order.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.css.query import NoMatches
from textual.widgets import Static

from tui9.scenes.init import ACTIVATIONS, INITS, LABELS, SATURATION, SPEC, InitModel
from tui9.ui.scenes._plot import ScenePlot, rgb
from tui9.ui.scenes.base import SceneView

ORDER: tuple[str, ...] = tuple(INITS)
BAR_COLOR = (90, 170, 255)
SAT_COLOR = (255, 110, 90)
FORMULAS: dict[str, str] = {
    "std1": "W ~ N(0, 1²)",
    "std0.01": "W ~ N(0, 0.01²)",
    "xavier": "W ~ N(0, 1/n)",
    "he": "W ~ N(0, 2/n)",
    "zeros": "W = 0",
}


class InitView(SceneView):
    """Per-layer activation histograms; 1-5 pick the init, ``a`` the activation."""

    scene_name: ClassVar[str] = "init"
    animated: ClassVar[bool] = True
    frame_interval: ClassVar[float] = 1.0
    can_focus = True

    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(str(i + 1), f"pick('{name}')", LABELS[name], show=i == 0)
            for i, name in enumerate(ORDER)
        ),
        Binding("a", "cycle_activation", "activation"),
    ]

    DEFAULT_CSS = """
    InitView { layout: vertical; }
    InitView > #init-head { height: auto; padding: 0 1; }
    InitView > ScenePlot { height: 1fr; min-height: 6; }
    InitView > #init-foot { height: auto; padding: 0 1; }
    """

    def __init__(self, model: Any, params: Any, lang: str = "en", **kwargs: Any) -> None:
        super().__init__(model, params, lang, **kwargs)
        self.shown: InitModel = model
        self.current: str = model.init

    def compose(self) -> ComposeResult:
        yield Static(id="init-head")
        yield ScenePlot(self._draw, min_width=10, min_height=5, id="init-plot")
        yield Static(id="init-foot")

    def on_mount(self) -> None:
        self.refresh_scene()

    # ------------------------------------------------------------------ actions
    def action_pick(self, name: str) -> None:
        """Show the histograms for init ``name``."""
        if name in INITS:
            self.current = name
            self.refresh_scene()

    def action_cycle_activation(self) -> None:
        """Show the next activation (the step's own comes back on reset)."""
        i = ACTIVATIONS.index(self.shown.activation)
        params = {**self.params, "activation": ACTIVATIONS[(i + 1) % len(ACTIVATIONS)]}
        values, problems = SPEC.validate(params)
        if not problems:
            self.shown = SPEC.factory(values)  # type: ignore[assignment]
            self.refresh_scene()

    def advance(self) -> bool:
        """Show the next init in the order std 1, std 0.01, Xavier, He, zeros."""
        i = ORDER.index(self.current)
        if i + 1 >= len(ORDER):
            return False
        self.current = ORDER[i + 1]
        self.refresh_scene()
        return i + 2 < len(ORDER)

    def restart(self, model: Any, params: Any, lang: str) -> bool:
        """Show another step's model as a new view would, without remounting (same scene)."""
        self.model, self.params, self.lang = model, dict(params), lang
        self.shown = model
        self.current = model.init
        self.refresh_scene()
        return True

    def reset_scene(self) -> None:
        self.shown = self.model  # type: ignore[assignment]
        self.current = self.shown.init
        self.refresh_scene()

    # ------------------------------------------------------------------ drawing
    def _draw(self, plt: Any, width: int, height: int) -> None:
        m, init = self.shown, self.current
        layers = m.layers
        per_row = layers if width >= 14 * layers else max(1, (layers + 1) // 2)
        rows = -(-layers // per_row)
        hists = [m.histogram(i, init) for i in range(layers)]
        top = max(float(f.max()) for _, f in hists) or 1.0
        lo, hi = m.hist_range(init)
        plt.subplots(rows, per_row)
        for i, (centres, frac) in enumerate(hists):
            sp = plt.subplot(i // per_row + 1, i % per_row + 1)  # calls on plt hit every panel
            keep = frac > 0  # plotext draws a zero-height bar as a sliver
            sp.bar(centres[keep].tolist(), frac[keep].tolist(), color=BAR_COLOR, width=0.8)
            sp.title(f"layer {i + 1}")
            sp.ylim(0.0, top * 1.05)
            sp.xlim(lo, hi)
            sp.xticks([lo, hi], [f"{lo:g}", f"{hi:.3g}"])
            if i % per_row:
                sp.yticks([])
            else:
                sp.yticks([0.0, top], ["0", f"{top:.0%}"])

    def refresh_scene(self) -> None:
        try:
            head = self.query_one("#init-head", Static)
            foot = self.query_one("#init-foot", Static)
        except NoMatches:
            return
        m, init, t = self.shown, self.current, self.t
        out = Text()
        out.append(f"{m.activation} · init {LABELS[init]}", style="bold")
        out.append(
            t(
                f" · {m.layers} layers × {m.units} units · {m.samples} random inputs\n",
                f" · {m.layers} 층 × {m.units} 유닛 · 무작위 입력 {m.samples} 개\n",
            )
        )
        out.append(f"{FORMULAS[init]}   a = {m.activation}(W a_prev)   n = {m.units}", style="dim")
        head.update(out)
        last = m.layers - 1
        sat = m.saturated(init=init)
        info = Text()
        info.append(
            t(
                f"saturated (f' < {SATURATION:.0%} of max): ",
                f"포화 (f' < 최대의 {SATURATION:.0%}): ",
            )
        )
        warn = sat > 0.2 and m.activation != "relu"  # half of ReLU is flat by design
        info.append(f"{sat:.1%}", style=rgb(SAT_COLOR) if warn else "bold")
        info.append(t(" · last-layer std ", " · 마지막 층 표준편차 "))
        info.append(f"{m.layer_std(last, init):.3g}", style="bold")
        info.append(t(" · unit spread ", " · 유닛 간 차이 "))
        info.append(f"{m.unit_spread(init):.3g}\n", style="bold")
        info.append(
            t(
                "1-5: std 1 · std 0.01 · Xavier · He · zeros   a: activation",
                "1-5: std 1 · std 0.01 · Xavier · He · zeros   a: 활성화 함수",
            ),
            style="dim",
        )
        foot.update(info)
        for p in self.query(ScenePlot):
            p.refresh()


VIEW = InitView
