"""The network widget: a layer diagram with live values and one neuron's computation."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import Any, ClassVar

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui9.scenes.network import SPEC, NetworkModel, NeuronCalc
from tui9.ui.scenes.base import SceneView
from tui9.ui.scenes.perceptron import num, paren, rebuild
from tui9.ui.widgets.grid import Grid
from tui9.ui.widgets.memo import Memo, update_static


def _val(v: float, act: str) -> str:
    """A unit's value: 0/1 for step units, two decimals otherwise."""
    return f"{v:.0f}" if act == "step" else num(v)


class NetworkView(SceneView):
    """h = f(W1 x + b1), y = g(W2 h + b2): each ``.`` computes one more neuron.

    ``x`` moves the input to the next corner of the unit square (0,0), (0,1), ...
    """

    scene_name: ClassVar[str] = "network"
    animated: ClassVar[bool] = True
    frame_interval: ClassVar[float] = 0.7
    can_focus = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("x", "next_input", "next input"),
    ]

    DEFAULT_CSS = """
    NetworkView { layout: horizontal; }
    NetworkView #nw-scroll { height: 1fr; width: 1fr; }
    NetworkView #nw-text { width: 1fr; height: auto; }
    NetworkView #nw-weights { width: 34; height: auto; padding: 0 1; border-left: vkey $panel; }
    NetworkView.narrow #nw-weights { display: none; }
    """

    def __init__(
        self, model: Any, params: Mapping[str, Any], lang: str = "en", **kwargs: Any
    ) -> None:
        super().__init__(model, params, lang, **kwargs)
        self.pos = 0
        self._ready = False

    @property
    def nm(self) -> NetworkModel:
        """The model, typed."""
        return self.model  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="nw-scroll", can_focus=False):
            yield Static(id="nw-text")
        yield Static(id="nw-weights")

    def on_resize(self) -> None:
        self.set_class(self.size.width < 80, "narrow")

    def on_mount(self) -> None:
        self._ready = True
        self.refresh_scene()

    # -- scene protocol -----------------------------------------------------------------
    def advance(self) -> bool:
        if self.pos >= len(self.nm.neurons()):
            return False
        self.pos += 1
        self.refresh_scene()
        self.query_one("#nw-scroll", VerticalScroll).scroll_end(animate=False)
        return True

    def restart(self, model: Any, params: Any, lang: str) -> bool:
        """Show another step's model as a new view would, without remounting (same scene)."""
        self.model, self.params, self.lang = model, dict(params), lang
        self.pos = 0
        self.query_one("#nw-scroll", VerticalScroll).scroll_home(animate=False, immediate=True)
        self.refresh_scene()
        return True

    def reset_scene(self) -> None:
        self.pos = 0
        self.refresh_scene()

    def refresh_scene(self) -> None:
        if self._ready:
            # Memo: the diagram table is measured and painted several times a frame.
            self.query_one("#nw-text", Static).update(Memo(self._render_all()))
            # the same on every sub-step: set only when it changed (no layout pass then)
            update_static(self.query_one("#nw-weights", Static), self._weights())

    def _weights(self) -> Text:
        m = self.nm
        t = Text()
        for name, arr in (("W1", m.W1), ("b1", m.b1), ("W2", m.W2), ("b2", m.b2)):
            t.append(f"{name}\n", style="bold")
            rows = arr if arr.ndim == 2 else arr[None, :]
            for row in rows:
                t.append("  [" + "  ".join(f"{num(float(v)):>6}" for v in row) + "]\n")
        t.append(f"f = {m.activation}   g = {m.output}", style="dim")
        return t

    def action_next_input(self) -> None:
        n = len(self.params["x"])
        corners = [tuple(float(b) for b in c) for c in itertools.product((0, 1), repeat=n)]
        cur = tuple(self.params["x"])
        nxt = corners[(corners.index(cur) + 1) % len(corners)] if cur in corners else corners[0]
        self.model, self.params = rebuild(SPEC, self.params, x=list(nxt))
        self.pos = 0
        self.refresh_scene()

    # -- drawing ------------------------------------------------------------------------
    def _render_all(self) -> RenderableType:
        calcs = self.nm.neurons()
        done = calcs[: self.pos]
        current = done[-1] if done else None
        parts: list[RenderableType] = [self._diagram(calcs, current), Text("")]
        parts.append(self._calc(current) if current else self._intro())
        if self.pos == len(calcs):
            parts.extend(self._gate_line())
        return Group(*parts)

    def _intro(self) -> Text:
        t = Text()
        t.append("h = f(W1 x + b1)", style="bold")
        t.append(f"   f = {self.nm.activation}\n")
        t.append("y = g(W2 h + b2)", style="bold")
        t.append(f"   g = {self.nm.output}\n")
        t.append(
            self.t(
                "Press . to compute one neuron at a time.",
                ". 을 누르면 뉴런을 하나씩 계산합니다.",
            ),
            style="dim",
        )
        return t

    def _diagram(self, calcs: list[NeuronCalc], current: NeuronCalc | None) -> Grid:
        m = self.nm
        n, h, k = m.sizes
        known = {(c.layer, c.index): c for c in calcs[: self.pos]}
        # a Rich Table's layout, drawn without Rich's per-cell measuring (see Grid)
        headers = [
            self.t("input x", "입력 x"),
            "",
            self.t("hidden h", "은닉층 h"),
            "",
            self.t("output y", "출력 y"),
        ]
        rows: list[list[Text | str]] = []
        feeding = current.layer - 1 if current else -1
        for i in range(max(n, h, k)):
            cells: list[Text | str] = []
            if i < n:
                style = "cyan" if feeding == 0 else ""
                cells.append(Text(f"x{i} {num(float(m.x[i]))}", style=style))
            else:
                cells.append("")
            cells.append("→" if i < n and i < h else "")
            cells.append(self._unit("h", 1, i, h, known, current, feeding == 1))
            cells.append("→" if i < h and i < k else "")
            cells.append(self._unit("y", 2, i, k, known, current, False))
            rows.append(cells)
        return Grid(headers, rows)

    def _unit(
        self,
        name: str,
        layer: int,
        i: int,
        count: int,
        known: dict[tuple[int, int], NeuronCalc],
        current: NeuronCalc | None,
        feeding: bool,
    ) -> Text | str:
        if i >= count:
            return ""
        c = known.get((layer, i))
        if c is None:
            return Text(f"{name}{i}  ?", style="dim")
        style = "bold reverse" if c is current else ("cyan" if feeding else "bold")
        return Text(f"{name}{i} {_val(c.a, c.act)}", style=style)

    def _calc(self, c: NeuronCalc) -> Text:
        W, b, unit, inp = ("W1", "b1", "h", "x") if c.layer == 1 else ("W2", "b2", "y", "h")
        fn = c.act
        t = Text()
        t.append(f"{unit}{c.index} = {fn}({W}[{c.index}] · {inp} + {b}[{c.index}])\n", style="bold")
        t.append(f"{W}[{c.index}] = [{', '.join(num(w) for w in c.weights)}]\n")
        t.append(f"{inp:<{len(W) + 3}} = [{', '.join(num(v) for v in c.inputs)}]\n")
        prods = " + ".join(
            f"{paren(w)}·{paren(v)}" for w, v in zip(c.weights, c.inputs, strict=True)
        )
        t.append(f"sum = {prods}\n    = {num(c.total)}\n")
        t.append(f"z   = {num(c.total)} + {paren(c.bias)} = ")
        t.append(num(c.z), style="bold")
        t.append(f"\n{unit}{c.index}  = {fn}({num(c.z)}) = ")
        t.append(_val(c.a, fn), style="bold cyan")
        return t

    def _gate_line(self) -> list[Text]:
        try:
            outs = self.nm.gate_outputs()
            gate = self.nm.quantity("gate")
            errors = int(self.nm.quantity("xor_errors"))
        except ValueError:
            return []
        t = Text("\n")
        t.append(self.t("all four inputs: ", "네 입력 모두: "))
        t.append(
            "  ".join(
                f"{a}{b}→{o}"
                for (a, b), o in zip(((0, 0), (0, 1), (1, 0), (1, 1)), outs, strict=True)
            )
        )
        shown = self.t("other", "기타") if gate == "other" else str(gate)
        t.append(f"  = {shown}", style="bold")
        t.append(
            self.t(f"\nXOR errors: {errors}", f"\nXOR 오류: {errors}"),
            style="green" if errors == 0 else "red",
        )
        return [t]


VIEW = NetworkView
