"""Widget for the graph scene: the computational graph, forward then backward, one node a key."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text

from tui9.scenes.graph import GraphModel, GraphStep, num
from tui9.ui.scenes.base import SceneView

FWD_STYLE = "rgb(80,180,255)"
BWD_STYLE = "rgb(255,165,0)"
NOW_STYLE = "bold reverse"
OK_STYLE = "rgb(90,200,90)"
BAD_STYLE = "rgb(230,60,60)"
DIM_STYLE = "dim"

#: backward step node -> the graph node whose "dL/d·" cell it fills
_BWD_CELL = {
    "dL_dx": "x",
    "dL_dz": "z",
    "dL_da": "a",
    "dL_dz2": "z2",
    "dL_da2": "a2",
    "dz_dx": "x",
    "dz_dy": "y",
}


class GraphView(SceneView):
    """Each ``.`` reveals one node: forward values left to right, then gradients right to left."""

    scene_name: ClassVar[str] = "graph"
    animated: ClassVar[bool] = True
    frame_interval: ClassVar[float] = 0.6

    DEFAULT_CSS = """
    GraphView { padding: 0 1; }
    """

    def __init__(self, model: Any, params: Any, lang: str = "en", **kwargs: Any) -> None:
        super().__init__(model, params, lang, **kwargs)
        self.shown = 0

    @property
    def graph(self) -> GraphModel:
        return self.model  # type: ignore[return-value]

    # ------------------------------------------------------------------ stepping
    def advance(self) -> bool:
        if self.shown >= len(self.graph.steps()):
            return False
        self.shown += 1
        self.refresh_scene()
        return True

    def restart(self, model: Any, params: Any, lang: str) -> bool:
        """Show another step's model as a new view would, without remounting (same scene)."""
        self.model, self.params, self.lang = model, dict(params), lang
        self.shown = 0
        self.refresh_scene()
        return True

    def reset_scene(self) -> None:
        self.shown = 0
        self.refresh_scene()

    def set_model(self, model: Any, params: Any) -> None:
        """A tune run's model: every node computed at once, so its result is visible."""
        self.model = model
        self.params = dict(params)
        self.shown = len(self.graph.steps())
        self.refresh_scene()

    def on_resize(self) -> None:
        self.refresh()

    # ------------------------------------------------------------------ drawing
    def _columns(self) -> list[tuple[str, float | None, str | None]]:
        """(node label, forward value or None, backward step node or None) per graph node."""
        g, v = self.graph, self.graph.values
        if g.form == "chain":
            return [("x", g.x, "dz_dx"), ("y", v["y"], "dz_dy"), ("z", v["z"], None)]
        cols: list[tuple[str, float | None, str | None]] = [
            ("x", g.x, "dL_dx"),
            ("z", v["z"], "dL_dz"),
            ("a", v["a"], "dL_da"),
        ]
        if g.layers == 2:
            cols += [("z2", v["z2"], "dL_dz2"), ("a2", v["a2"], "dL_da2")]
        return [*cols, ("L", v["L"], None)]

    def _diagram(self, width: int) -> Text:
        g = self.graph
        steps = g.steps()
        done = {s.node for s in steps[: self.shown]}
        current = steps[self.shown - 1].node if self.shown else None
        chain = g.form == "chain"
        out_node = "z" if chain else "L"
        cols = self._columns()
        cells: list[tuple[str, str, str, str | None, str | None]] = []
        for label, fwd_value, bwd_node in cols:
            is_input = label == "x"
            fwd = num(fwd_value) if fwd_value is not None and (is_input or label in done) else "·"
            fnow = None if is_input else label
            if bwd_node is None:  # the output: d(out)/d(out) = 1, known once backward starts
                started = any(s.phase == "backward" for s in steps[: self.shown])
                bwd, bnow = ("1" if started else "·"), None
            else:
                bwd = num(g.values[bwd_node]) if bwd_node in done else "·"
                bnow = bwd_node
            cells.append((label, fwd, bwd, fnow, bnow))
        head = "dz/d·" if chain else "dL/d·"
        value_label = self.t("value", "값")
        layout = self._fit(cells, width, max(len(head), len(value_label)) + 1)
        lab_w, sep_w, drop_x = layout
        if drop_x:
            cells = cells[1:]
        col_w = max(max(len(c[0]), len(c[1]), len(c[2])) for c in cells) + 1
        text = Text()
        if chain:
            (_, _, f_s, _), (_, _, g_s, _) = g.chain_functions()
            parts = [f"y = {f_s.format(u='x')}", f"z = {g_s.format(u='y')}"]
        else:
            parts = [f"f = {g.activation}", f"x {num(g.x)}", f"w {num(g.w)}", f"b {num(g.b)}"]
            if g.layers == 2:
                parts += [f"w2 {num(g.w2)}", f"b2 {num(g.b2)}"]
            parts.append(f"t {num(g.target)}")
        line = 0
        for i, part in enumerate(parts):
            if i and line + 2 + len(part) > width:
                text.append("\n")
                line = 0
            elif i:
                text.append("  ")
                line += 2
            text.append(part, style="bold" if i == 0 else "")
            line += len(part)
        text.append("\n")
        seps = ("  ", "─▶", "◀─") if sep_w == 2 else (" ", "▶", "◀")
        rows = [("", 0, None), (value_label, 1, FWD_STYLE), (head, 2, BWD_STYLE)]
        for name, idx, style in rows:
            if lab_w:
                text.append(name.ljust(lab_w), style=style or "")
            for i, cell in enumerate(cells):
                s = cell[idx].rjust(col_w)
                now = (idx == 1 and cell[3] == current) or (idx == 2 and cell[4] == current)
                if idx == 0:
                    text.append(s, style="bold" + (" underline" if cell[0] == out_node else ""))
                else:
                    text.append(s, style=NOW_STYLE if now and current else (style or ""))
                if i < len(cells) - 1:
                    text.append(seps[idx], style=DIM_STYLE)
            text.append("\n")
        return text

    @staticmethod
    def _fit(
        cells: list[tuple[str, str, str, str | None, str | None]], width: int, lab_w: int
    ) -> tuple[int, int, bool]:
        """(label width, separator width, drop the x column) for the widest layout that fits."""
        for lab, sep, drop in ((lab_w, 2, False), (0, 2, False), (0, 1, False), (0, 1, True)):
            cs = cells[1:] if drop else cells
            col_w = max(max(len(c[0]), len(c[1]), len(c[2])) for c in cs) + 1
            if lab + len(cs) * col_w + (len(cs) - 1) * sep <= width:
                return lab, sep, drop
        return 0, 1, True

    def _step_lines(self, step: GraphStep, now: bool, width: int) -> list[Text]:
        value = num(step.value)
        numbers = "" if step.numbers in (value, "") else f" = {step.numbers}"
        one = f"{step.label} = {step.formula}{numbers} = {value}"
        style = NOW_STYLE if now else (FWD_STYLE if step.phase == "forward" else BWD_STYLE)
        lines: list[Text] = []
        if len(one) + 2 <= width:
            lines.append(Text(one, style=style))
        else:
            lines.append(Text(f"{step.label} = {step.formula}", style=style))
            pad = " " * min(len(step.label), 6)
            lines.append(
                Text(f"{pad} {numbers.strip() or '='} = {value}".replace("= =", "="), style=style)
            )
        if step.numeric is not None:
            diff = abs(step.numeric - step.value)
            ok = diff <= 1e-6 * max(1.0, abs(step.value))
            mark = "✓" if ok else "✗"
            check = Text("   ")
            check.append(self.t("numeric", "수치 미분") + f" {step.numeric:.6f} ", style=DIM_STYLE)
            check.append(f"{mark} ", style=OK_STYLE if ok else BAD_STYLE)
            check.append(
                self.t(f"(analytic {step.value:.6f})", f"(해석 {step.value:.6f})"), style=DIM_STYLE
            )
            lines.append(check)
        return lines

    def render(self) -> Text:
        width = max(self.size.width - 2, 20)
        height = max(self.size.height, 4)
        out = self._diagram(width)
        steps = self.graph.steps()
        if not self.shown:
            out.append("\n")
            out.append(
                self.t(
                    "Press . to compute the graph one node at a time.",
                    ". 키를 누르면 노드를 하나씩 계산합니다.",
                ),
                style=DIM_STYLE,
            )
            return out
        current = steps[self.shown - 1]
        phase = (
            self.t("forward pass", "순전파")
            if current.phase == "forward"
            else self.t(
                "backward: chain rule, right to left", "역전파: 연쇄 법칙, 오른쪽에서 왼쪽으로"
            )
        )
        if height >= 10:  # short scenes skip the phase line: the colours tell it
            out.append(phase, style="bold")
            out.append(f"  {self.shown}/{len(steps)}\n", style=DIM_STYLE)
        room = max(height - out.plain.count("\n"), 1)
        blocks = [
            self._step_lines(step, i == self.shown - 1, width)
            for i, step in enumerate(steps[: self.shown])
        ]
        kept: list[list[Text]] = []
        used = 0
        for block in reversed(blocks):  # the newest steps that fit, whole
            if kept and used + len(block) > room:
                break
            kept.insert(0, block)
            used += len(block)
        for block in kept:
            for line in block:
                out.append_text(line)
                out.append("\n")
        out.rstrip()
        return out

    def refresh_scene(self) -> None:
        self.refresh(layout=True)


VIEW = GraphView
