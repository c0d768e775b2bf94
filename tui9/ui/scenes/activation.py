"""Widget for the activation scene: f and f' plotted side by side with a movable cursor."""

from __future__ import annotations

import math
from typing import Any, ClassVar

import numpy as np
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.css.query import NoMatches
from textual.widgets import Static

from tui9.engine import ACTIVATION_NAMES
from tui9.scenes.activation import SPEC, ActivationModel
from tui9.ui.scenes._plot import ScenePlot, rgb
from tui9.ui.scenes.base import SceneView

F_COLOR = (80, 180, 255)
DF_COLOR = (255, 165, 0)
CURSOR_COLOR = (230, 60, 60)


def finite_limits(*arrays: np.ndarray, pad: float = 0.08) -> tuple[float, float]:
    """A y range holding every finite value, padded; never empty."""
    vals = np.concatenate([a[np.isfinite(a)] for a in arrays])
    lo, hi = (float(vals.min()), float(vals.max())) if vals.size else (0.0, 1.0)
    if hi - lo < 1e-9:
        lo, hi = lo - 0.5, hi + 0.5
    span = hi - lo
    return lo - pad * span, hi + pad * span


class ActivationView(SceneView):
    """f(z) and f'(z) of one activation; ``[``/``]`` move the cursor, ``c`` cycles f."""

    scene_name: ClassVar[str] = "activation"
    concealable: ClassVar[frozenset[str]] = frozenset({"f_at_z", "df_at_z", "max_df"})
    animated: ClassVar[bool] = True
    frame_interval: ClassVar[float] = 0.15
    can_focus = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left_square_bracket", "move(-1)", "z −", key_display="["),
        Binding("right_square_bracket", "move(1)", "z +", key_display="]"),
        Binding("a", "move(-1)", "z −", show=False),
        Binding("d", "move(1)", "z +", show=False),
        Binding("c", "cycle", "f"),
    ]

    DEFAULT_CSS = """
    ActivationView { layout: vertical; }
    ActivationView > #act-formula { height: auto; color: $text-muted; padding: 0 1; }
    ActivationView > #act-plots { height: 1fr; min-height: 4; }
    ActivationView > #act-plots > ScenePlot { width: 1fr; height: 1fr; }
    ActivationView > #act-readout { height: auto; padding: 0 1; }
    """

    def __init__(self, model: Any, params: Any, lang: str = "en", **kwargs: Any) -> None:
        super().__init__(model, params, lang, **kwargs)
        self.shown: ActivationModel = model
        self.cursor: float = model.z

    def compose(self) -> ComposeResult:
        yield Static(id="act-formula")
        with Horizontal(id="act-plots"):
            yield ScenePlot(self._draw_f, id="act-f")
            yield ScenePlot(self._draw_df, id="act-df")
        yield Static(id="act-readout")

    def on_mount(self) -> None:
        self.refresh_scene()

    def on_resize(self) -> None:
        # Too short for readable plots: keep the formula and the numbers.
        text_rows = 3 + (2 if self.size.width < 60 else 1)
        self.query_one("#act-plots").display = self.size.height - text_rows >= 5
        self.refresh_scene()

    # ------------------------------------------------------------------ drawing
    def _curve(self, width: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        n = max(21, min(2 * width, 401))
        return self.shown.curves(n if n % 2 else n + 1)

    def _draw(
        self,
        plt: Any,
        width: int,
        ys: np.ndarray,
        zs: np.ndarray,
        value: float,
        color: tuple[int, int, int],
        title: str,
        lim: tuple[float, float],
    ) -> None:
        plt.plot(zs.tolist(), ys.tolist(), color=color, marker="braille")
        plt.vline(self.cursor, CURSOR_COLOR)
        if math.isfinite(value):
            plt.scatter([self.cursor], [value], color=CURSOR_COLOR, marker="●")
        plt.title(title)
        plt.ylim(*lim)
        plt.xlim(-self.shown.range, self.shown.range)
        r = self.shown.range
        plt.xticks([-r, 0.0, r], [f"{-r:g}", "0", f"{r:g}"])

    def _draw_f(self, plt: Any, width: int, height: int) -> None:
        zs, f, _ = self._curve(width)
        fz, _ = self.shown.at(self.cursor)
        self._draw(plt, width, f, zs, fz, F_COLOR, "f(z)", finite_limits(f))

    def _draw_df(self, plt: Any, width: int, height: int) -> None:
        zs, _, df = self._curve(width)
        _, dfz = self.shown.at(self.cursor)
        lo, hi = finite_limits(df)
        self._draw(plt, width, df, zs, dfz, DF_COLOR, "f'(z)", (min(lo, 0.0), hi))

    def refresh_scene(self) -> None:
        try:
            formula = self.query_one("#act-formula", Static)
            readout = self.query_one("#act-readout", Static)
        except NoMatches:  # not composed yet
            return
        m = self.shown
        f_formula, df_formula = m.formulas()
        head = Text()
        head.append(m.activation, style="bold")
        one_line = len(m.activation) + len(f_formula) + len(df_formula) + 6
        sep = "   " if one_line <= max(self.size.width - 2, 0) or not self.size.width else "\n"
        head.append(f"   {f_formula}{sep}{df_formula}")
        formula.update(head)
        z = self.cursor
        fz, dfz = m.at(z)
        # The question is about the start z (and the step's activation): there, hide it.
        at_start = z == self.model.z and m is self.model
        f_text = self.masked("f_at_z", f"{fz:.4f}") if at_start else f"{fz:.4f}"
        out = Text()
        out.append(f"{self.t('cursor', '커서')} z = {z:.3f}   ", style="bold")
        out.append(f"f(z) = {f_text}\n", style=rgb(F_COLOR))
        if at_start and "df_at_z" in self.concealed:
            slope_line = "f'(z) = ?\n"
        elif m.activation in ("relu", "leaky_relu", "step", "identity"):
            slope_line = f"f'(z) = {dfz:.4f}   ({m.slope_numbers(z)})\n"
        else:
            slope_line = f"f'(z) = {m.slope_numbers(z)} = {dfz:.4f}\n"
        out.append(slope_line, style=rgb(DF_COLOR))
        if m.show_max:
            best, at = m.max_df()
            span = f"[-{m.range:g}, {m.range:g}]"
            peak = self.masked("max_df", f"{best:.4f}") if m is self.model else f"{best:.4f}"
            out.append(
                self.t(
                    f"max f' on {span} = {peak} at z = {at:.3f}",
                    f"{span} 에서 f' 최댓값 = {peak} (z = {at:.3f})",
                )
            )
        else:
            out.append(self.t("move the cursor: [ and ]", "커서 이동: [ 와 ]"), style="dim")
        readout.update(out)
        for plot in self.query(ScenePlot):
            plot.refresh()

    # ------------------------------------------------------------------ actions
    def action_move(self, direction: int) -> None:
        """Move the cursor one ``cursor_step`` left or right (clamped to the range)."""
        self.cursor = self.shown.clamp(self.cursor + direction * self.shown.cursor_step)
        self.refresh_scene()

    def action_cycle(self) -> None:
        """Show the next activation (the step's own comes back on reset)."""
        names = [n for n in ACTIVATION_NAMES if n != "step"]
        i = names.index(self.shown.activation) if self.shown.activation in names else -1
        params = {**self.params, "activation": names[(i + 1) % len(names)]}
        values, problems = SPEC.validate(params)
        if not problems:
            self.shown = SPEC.factory(values)  # type: ignore[assignment]
            self.refresh_scene()

    def advance(self) -> bool:
        """Sweep the cursor one step to the right; False at the right edge."""
        if self.cursor >= self.shown.range:
            return False
        self.action_move(1)
        return True

    def restart(self, model: Any, params: Any, lang: str) -> bool:
        """Show another step's model as a new view would, without remounting (same scene)."""
        self.model, self.params, self.lang = model, dict(params), lang
        self.shown = model
        self.cursor = model.z
        self.refresh_scene()
        return True

    def reset_scene(self) -> None:
        self.shown = self.model  # type: ignore[assignment]
        self.cursor = self.shown.z
        self.refresh_scene()

    def set_model(self, model: Any, params: Any) -> None:
        self.model = model
        self.params = dict(params)
        self.reset_scene()


VIEW = ActivationView
