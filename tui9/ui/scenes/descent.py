"""Widget for the descent scene: batch GD, SGD and mini-batch loss curves side by side.

``.`` (or space) trains one more epoch of all three; ``x`` switches the x-axis between
epochs, gradient evaluations (the work done) and updates (log scale).
"""

from __future__ import annotations

import math
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.css.query import NoMatches
from textual.widgets import Static

from tui9.scenes.descent import METHODS, DescentModel
from tui9.ui.scenes._plot import ScenePlot, rgb
from tui9.ui.scenes.base import SceneView
from tui9.ui.scenes.lab import downsample

COLORS: dict[str, tuple[int, int, int]] = {
    "batch": (80, 170, 255),
    "sgd": (255, 95, 95),
    "minibatch": (110, 215, 110),
}
THRESHOLD_COLOR = (150, 150, 150)
AXES: tuple[str, ...] = ("epochs", "evals", "updates")
AXIS_KO: dict[str, str] = {"epochs": "에포크", "evals": "기울기 계산", "updates": "업데이트"}
AXIS_TITLES: dict[str, str] = {
    "epochs": "epoch",
    "evals": "gradient evaluations (work)",
    "updates": "weight updates (log scale)",
}


def pad(text: str, width: int) -> str:
    """``text`` padded with spaces to ``width`` terminal cells (Korean counts double)."""
    return text + " " * max(width - cell_len(text), 1)


class DescentView(SceneView):
    """Three loss curves; ``x`` toggles what the x-axis counts."""

    scene_name: ClassVar[str] = "descent"
    concealable: ClassVar[frozenset[str]] = frozenset(f"updates_{m}" for m in METHODS)
    animated: ClassVar[bool] = True
    frame_interval: ClassVar[float] = 0.1
    can_focus = True

    BINDINGS: ClassVar[list[BindingType]] = [Binding("x", "axis", "x-axis")]

    DEFAULT_CSS = """
    DescentView { layout: vertical; }
    DescentView > #descent-table { height: auto; padding: 0 1; }
    DescentView > ScenePlot { height: 1fr; min-height: 6; }
    """

    #: Start playing by itself when a tune run hands it new settings.
    autoplay_on_set_model: bool = True

    def __init__(self, model: Any, params: Any, lang: str = "en", **kwargs: Any) -> None:
        super().__init__(model, params, lang, **kwargs)
        self.axis = "epochs"

    @property
    def descent(self) -> DescentModel:
        return self.model  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Static(id="descent-table")
        yield ScenePlot(self._draw, min_width=10, min_height=5, id="descent-plot")

    def on_mount(self) -> None:
        self.refresh_scene()

    # ------------------------------------------------------------------ stepping
    def advance(self) -> bool:
        """One more epoch of all three methods; False once ``epochs`` are done."""
        stepped = self.descent.step_epoch()
        self.refresh_scene()
        return stepped and self.descent.epoch < self.descent.epochs

    def restart(self, model: Any, params: Any, lang: str) -> bool:
        """Show another step's model as a new view would, without remounting (same scene)."""
        self.model, self.params, self.lang = model, dict(params), lang
        self.stop_autoplay()
        self.axis = "epochs"
        self.refresh_scene()
        return True

    def reset_scene(self) -> None:
        self.stop_autoplay()
        self.descent.reset()
        self.refresh_scene()

    def set_model(self, model: Any, params: Any) -> None:
        """A tune's run: reset to the new settings and play them right away."""
        super().set_model(model, params)
        if self.autoplay_on_set_model and self.is_mounted:
            self.autoplay(self.frame_interval)

    def action_axis(self) -> None:
        """Cycle the x-axis: epochs -> gradient evaluations -> updates."""
        self.axis = AXES[(AXES.index(self.axis) + 1) % len(AXES)]
        self.refresh_scene()

    # ------------------------------------------------------------------ drawing
    def _draw(self, plt: Any, width: int, height: int) -> None:
        m = self.descent
        cols = max(width - 10, 4)
        # y-axis up to 1.5 x the starting loss: a blown-up SGD run is clipped at the top
        # edge instead of squashing the other curves flat.
        cap = 1.5 * max(m.runs["batch"].losses[0], m.threshold, 1e-3)
        top = 0.0
        plt.hline(m.threshold, THRESHOLD_COLOR)
        for name in ("sgd", "minibatch", "batch"):  # batch GD last: drawn on top
            run = m.runs[name]
            if self.axis == "epochs":
                xs: list[float] = list(range(len(run.epoch_losses)))
                ys = run.epoch_losses
            elif self.axis == "evals":
                xs, ys = [float(e) for e in run.evals], run.losses
            else:
                pairs = [(u, v) for u, v in zip(run.updates, run.losses, strict=True) if u > 0]
                xs, ys = [math.log10(u) for u, _ in pairs], [v for _, v in pairs]
            px, py = downsample(xs, [min(v, cap) for v in ys], 2 * cols)
            top = max([top, *py])
            if len(px) == 1:
                plt.scatter(px, py, color=COLORS[name], marker="●")
            elif px:
                plt.plot(px, py, color=COLORS[name], marker="braille")
        plt.ylim(0.0, max(top, m.threshold) * 1.05 or 1.0)
        if self.axis == "epochs":
            plt.xlim(0, m.epochs)
        elif self.axis == "evals":
            plt.xlim(0, m.n * m.epochs)
        else:  # log10 of the update count, labelled with the counts themselves
            top_exp = math.log10(max(m.updates_per_epoch("sgd") * m.epochs, 10))
            plt.xlim(0, top_exp)
            ticks = list(range(int(top_exp) + 1))
            plt.xticks(ticks, [f"{10**k:g}" for k in ticks])
        if height >= 10:  # on a short plot every row goes to the curves
            plt.title(f"full training loss (grey line: threshold {m.threshold:g})")
            plt.xlabel(AXIS_TITLES[self.axis])

    def _table(self) -> Text:
        m = self.descent
        t = self.t
        out = Text()
        out.append(t("epoch", "에포크") + f" {m.epoch}/{m.epochs}", style="bold")
        out.append(f"   n = {m.n}   lr = {m.lr:g}   ")
        out.append(t("x-axis: ", "가로축: "), style="dim")
        axis = {
            "epochs": t("epochs", "에포크"),
            "evals": t("gradient evaluations", "기울기 계산 횟수"),
            "updates": t("updates (log)", "업데이트 횟수 (로그)"),
        }[self.axis]
        out.append(axis + "\n", style="dim")
        cols = (12, 7, 16, 12)
        heads = (
            t("method", "방법"),
            t("batch", "배치"),
            t("updates/epoch", "업데이트/에포크"),
            t("grad evals", "기울기 계산"),
        )
        out.append("".join(pad(h, w) for h, w in zip(heads, cols, strict=True)), style="dim")
        out.append(t("loss\n", "손실\n"), style="dim")
        names = {
            "batch": t("batch GD", "경사 하강법"),
            "sgd": t("SGD", "확률적 GD"),
            "minibatch": t("mini-batch", "미니 배치"),
        }
        for name in METHODS:
            run = m.runs[name]
            out.append(pad(names[name], cols[0]), style=rgb(COLORS[name]))
            out.append(pad(str(m.batch_of(name)), cols[1]))
            out.append(pad(self.masked(f"updates_{name}", str(m.updates_per_epoch(name))), cols[2]))
            out.append(pad(str(run.trainer.grad_evals), cols[3]))
            out.append(f"{run.losses[-1]:.4f}\n", style=rgb(COLORS[name]))
        out.append(
            t(
                "one update: W ← W − lr · (1/B) Σ ∇L_i over a batch of B examples",
                "한 번의 업데이트: W ← W − lr · (1/B) Σ ∇L_i  (예제 B 개의 배치)",
            ),
            style="dim",
        )
        return out

    #: Below this many rows the table shrinks to two lines so the plot keeps some room.
    COMPACT_BELOW = 18

    def _compact(self) -> Text:
        """Two lines: epoch, axis and work; then each method's loss in its colour."""
        m, t = self.descent, self.t
        out = Text()
        out.append(t("epoch", "에포크") + f" {m.epoch}/{m.epochs}", style="bold")
        evals = m.runs["batch"].trainer.grad_evals
        out.append(t(f" · grad evals {evals} each", f" · 기울기 계산 각 {evals} 번"))
        out.append(t(" · x: ", " · 가로축: ") + t(self.axis, AXIS_KO[self.axis]) + "\n", "dim")
        names = {"batch": t("batch", "배치 GD"), "sgd": "SGD", "minibatch": t("mini", "미니")}
        for name in METHODS:
            ups = self.masked(f"updates_{name}", str(m.updates_per_epoch(name)))
            out.append(
                f"{names[name]} ({ups}/ep) {m.runs[name].losses[-1]:.4f}  ", rgb(COLORS[name])
            )
        return out

    def on_resize(self) -> None:
        self.refresh_scene()

    def refresh_scene(self) -> None:
        try:
            table = self.query_one("#descent-table", Static)
        except NoMatches:
            return
        small = 0 < self.size.height < self.COMPACT_BELOW
        table.update(self._compact() if small else self._table())
        for p in self.query(ScenePlot):
            p.refresh()


VIEW = DescentView
