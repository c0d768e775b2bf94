"""The perceptron widget: formula with numbers, the truth table, and the decision line."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container
from textual.message import Message
from textual.widgets import Static

from tui9.scenes.base import SceneSpec
from tui9.scenes.perceptron import GATES, SPEC, PerceptronModel, Row, perceptron_rule
from tui9.ui.scenes._plot import ScenePlot
from tui9.ui.scenes.base import SceneView

#: Weight/bias change per + / - press.
NUDGE = 0.1
EDITABLE = ("w1", "w2", "b")
BOX = (-0.5, 1.5)


def num(v: float, digits: int = 2) -> str:
    """A finite number for display (nan/inf never reach the screen)."""
    if not math.isfinite(v):
        return "—"
    s = f"{v:.{digits}f}"
    return "0." + "0" * digits if s == "-0." + "0" * digits else s


def paren(v: float, digits: int = 2) -> str:
    """``num`` with negative values in parentheses, for substituted formulas."""
    s = num(v, digits)
    return f"({s})" if s.startswith("-") else s


def plain(value: Any) -> Any:
    """Validated params (tuples) back to the lists a lesson file writes, for ``build``."""
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    return value


def rebuild(spec: SceneSpec, params: Mapping[str, Any], **changes: Any) -> tuple[Any, dict]:
    """(model, params) for ``params`` with ``changes``: validated by the scene's spec."""
    new = {k: plain(v) for k, v in {**params, **changes}.items()}
    return spec.build(new), new


class ParamsEdited(Message):
    """A scene key changed the scene's params (a screen may mirror them in tune controls)."""

    def __init__(self, params: dict[str, Any]) -> None:
        super().__init__()
        self.params = params


class PerceptronView(SceneView):
    """y = f(w1 x1 + w2 x2 + b): the formula, the truth table and the decision line.

    ``.`` walks the truth table row by row; up/down pick w1, w2 or b and +/- change it;
    ``a`` runs one epoch of the perceptron learning rule; ``v`` switches step/sigmoid;
    ``o`` changes the target gate.
    """

    scene_name: ClassVar[str] = "perceptron"
    concealable: ClassVar[frozenset[str]] = frozenset({"z", "output", "gate", "separable"})
    can_focus = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "select(-1)", "pick w/b", show=True),
        Binding("down", "select(1)", "pick w/b", show=False),
        Binding("plus,equals_sign", "nudge(1)", "+0.1"),
        Binding("minus", "nudge(-1)", "-0.1"),
        Binding("a", "learn", "learn rule"),
        Binding("v", "toggle_activation", "step/sigmoid"),
        Binding("o", "next_gate", "gate"),
    ]

    DEFAULT_CSS = """
    PerceptronView { layout: vertical; }
    PerceptronView #pc-body { layout: horizontal; height: 1fr; }
    PerceptronView #pc-text { width: 38; height: auto; max-height: 100%; }
    PerceptronView #pc-plot { width: 1fr; height: 1fr; min-width: 16; }
    PerceptronView.narrow #pc-body { layout: vertical; }
    PerceptronView.narrow #pc-text { width: 1fr; }
    PerceptronView.noplot #pc-plot { display: none; }
    """

    def __init__(
        self, model: Any, params: Mapping[str, Any], lang: str = "en", **kwargs: Any
    ) -> None:
        super().__init__(model, params, lang, **kwargs)
        self.row: int | None = None
        self.selected = 0
        self._ready = False

    @property
    def pm(self) -> PerceptronModel:
        """The model, typed."""
        return self.model  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Container(id="pc-body"):
            yield Static(id="pc-text")
            # theme "auto" (the app theme's colours) and no minimum size, as it always was
            yield ScenePlot(self._draw, min_width=1, min_height=1, theme="auto", id="pc-plot")

    def on_mount(self) -> None:
        self._ready = True
        self.refresh_scene()

    def on_resize(self) -> None:
        w, h = self.size
        self.set_class(w < 56, "narrow")
        self.set_class((w < 56 and h < 24) or h < 8, "noplot")
        self.refresh_scene()

    # -- scene protocol -----------------------------------------------------------------
    def advance(self) -> bool:
        nxt = 0 if self.row is None else self.row + 1
        if nxt > 3:
            return False
        self.row = nxt
        self.refresh_scene()
        return True

    def restart(self, model: Any, params: Any, lang: str) -> bool:
        """Show another step's model as a new view would, without remounting (same scene)."""
        self.model, self.params, self.lang = model, dict(params), lang
        self.row = None
        self.selected = 0
        self.refresh_scene()
        return True

    def reset_scene(self) -> None:
        self.row = None
        self.refresh_scene()

    def refresh_scene(self) -> None:
        if not self._ready:
            return
        self.query_one("#pc-text", Static).update(self._text())
        self.query_one("#pc-plot", ScenePlot).refresh()

    # -- actions ------------------------------------------------------------------------
    def _rebuild(self, **changes: Any) -> None:
        self.model, self.params = rebuild(SPEC, self.params, **changes)
        self.refresh_scene()
        self.post_message(ParamsEdited(dict(self.params)))

    def action_select(self, delta: int) -> None:
        self.selected = (self.selected + delta) % len(EDITABLE)
        self.refresh_scene()

    def action_nudge(self, sign: int) -> None:
        name = EDITABLE[self.selected]
        spec = SPEC.param(name)
        assert spec is not None and spec.min is not None and spec.max is not None
        value = round(float(self.params[name]) + sign * NUDGE, 6)
        self._rebuild(**{name: min(max(value, spec.min), spec.max)})

    def action_learn(self) -> None:
        p = self.params
        w1, w2, b, _ = perceptron_rule(p["w1"], p["w2"], p["b"], p["gate"])
        clamp = lambda v: min(max(round(v, 6), -10.0), 10.0)  # noqa: E731
        self._rebuild(w1=clamp(w1), w2=clamp(w2), b=clamp(b))

    def action_toggle_activation(self) -> None:
        self._rebuild(activation="sigmoid" if self.params["activation"] == "step" else "step")

    def action_next_gate(self) -> None:
        gates = list(GATES)
        self._rebuild(gate=gates[(gates.index(self.params["gate"]) + 1) % len(gates)])

    # -- drawing ------------------------------------------------------------------------
    def _text(self) -> Group:
        m = self.pm
        act = m.activation
        if self.row is None:
            x1, x2 = m.x1, m.x2
            z, y = m.z, m.output
        else:
            r = m.rows()[self.row]
            x1, x2, z, y = float(r.x1), float(r.x2), r.z, r.output
        head = Text()
        for i, name in enumerate(EDITABLE):
            style = "bold reverse" if i == self.selected else "bold"
            head.append(f" {name} = {num(getattr(m, name))} ", style=style)
        xs = [num(v, 0 if v.is_integer() else 2) for v in (x1, x2)]
        line1 = Text("z = w1·x1 + w2·x2 + b", style="bold")
        line1.append(f"   f = {act}", style="dim")
        zfmt = self.masked("z", num(z))
        line2 = Text(f"  = {paren(m.w1)}·{xs[0]} + {paren(m.w2)}·{xs[1]} + {paren(m.b)} = {zfmt}")
        yfmt = self.masked("output", f"{y:.0f}" if act == "step" else num(y, 3))
        line3 = Text(f"y = {act}({zfmt}) = ")
        line3.append(yfmt, style="bold cyan")
        table = Table(box=None, padding=(0, 1), show_edge=False, header_style="bold")
        gate = m.gate.upper()
        for col, justify in (
            ("x1", "right"),
            ("x2", "right"),
            ("z", "right"),
            ("y", "right"),
            (self.t("target", "목표"), "right"),
            ("ok", "center"),
        ):
            table.add_column(col, justify=justify)  # type: ignore[arg-type]
        for i, r in enumerate(m.rows()):
            table.add_row(*self._row_cells(r, act), style="reverse" if i == self.row else None)
        errors = m.errors
        foot = Text()
        foot.append(self.t("errors ", "틀린 행 "))
        foot.append(
            self.masked("output", f"{errors}/4"), style="bold green" if errors == 0 else "bold red"
        )
        foot.append(self.t("  · computes ", "  · 계산: "))
        gname = self.t("other", "기타") if m.computed_gate == "other" else m.computed_gate
        foot.append(self.masked("gate", gname), style="bold")
        sep = self.t("yes", "예") if m.separable else self.t("no", "아니오")
        foot.append(self.t(f"\n{gate} separable by one line: ", f"\n{gate} 직선 하나로 분리: "))
        foot.append(
            self.masked("separable", sep), style="bold green" if m.separable else "bold red"
        )
        if self.size.height and self.size.height < 12:
            # Short scene area: the substituted sum and y on one line, the rest as usual.
            line2 = Text(f"z = {zfmt} → y = {act}({zfmt}) = ")
            line2.append(yfmt, style="bold cyan")
            return Group(head, line2, table, foot)
        return Group(head, line1, line2, line3, table, foot)

    def _row_cells(self, r: Row, act: str) -> list[Text | str]:
        y = self.masked("output", f"{r.output:.0f}" if act == "step" else num(r.output, 3))
        ok = Text("✓", style="bold green") if r.ok else Text("✗", style="bold red")
        if "output" in self.concealed:
            ok = Text("?")
        return [str(r.x1), str(r.x2), self.masked("z", num(r.z)), y, str(r.target), ok]

    def _draw(self, plt: Any, width: int, height: int) -> None:
        m = self.pm
        lo, hi = BOX
        # Faint dots where z > 0 (the side answering 1).
        n = 9
        gx, gy = [], []
        for i in range(n):
            for j in range(n):
                x = lo + (hi - lo) * i / (n - 1)
                y = lo + (hi - lo) * j / (n - 1)
                if m.z_of(x, y) > 0:
                    gx.append(x)
                    gy.append(y)
        if gx:
            plt.scatter(gx, gy, color=(70, 110, 150), marker="·")
        seg = m.decision_segment(lo, hi)
        if seg is not None:
            (ax, ay), (bx, by) = seg
            plt.plot([ax, bx], [ay, by], color="orange", marker="braille")
        rows = m.rows()
        ones = [r for r in rows if r.target == 1]
        zeros = [r for r in rows if r.target == 0]
        if ones:
            plt.scatter([r.x1 for r in ones], [r.x2 for r in ones], color="green", marker="●")
        if zeros:
            plt.scatter([r.x1 for r in zeros], [r.x2 for r in zeros], color="red", marker="○")
        if self.row is not None:
            r = rows[self.row]
            plt.scatter([r.x1], [r.x2], color="white", marker="◎")
        plt.xlim(lo, hi)
        plt.ylim(lo, hi)
        plt.xticks([0, 1])
        plt.yticks([0, 1])
        plt.xlabel("x1")
        plt.ylabel("x2")
        plt.title(f"{m.gate.upper()}, line z = 0")


VIEW = PerceptronView
