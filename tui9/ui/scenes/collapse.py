"""The collapse widget: two linear layers beside the one layer W' = W2 W1, b' = W2 b1 + b2."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import numpy as np
from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui9.scenes.collapse import ACTS, FORMULA_TEXT, SPEC, CollapseModel
from tui9.ui.scenes.base import SceneView
from tui9.ui.scenes.perceptron import num, rebuild

#: Sub-steps ``.`` reveals, after the starting view.
STAGES = 7


def short(v: float) -> str:
    """A compact number: 2 decimals at most, trailing zeros dropped (13, 2.5, -0.33)."""
    s = num(v).rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def vec(v: np.ndarray) -> str:
    """[a, b, c], compact."""
    return "[" + ", ".join(short(float(x)) for x in v) + "]"


def mat(m: np.ndarray) -> str:
    """[[a, b], [c, d]], compact."""
    return "[" + ", ".join(vec(row) for row in m) + "]"


def sci(v: float) -> str:
    """A small difference in scientific notation (exact zero as 0)."""
    return "0" if v == 0 else f"{v:.1e}"


class CollapseView(SceneView):
    """``.`` reveals: h, y, W', b', y' (equal), the order W1 W2, then an activation between.

    ``a`` cycles the activation between the layers; ``x`` tries another input.
    """

    scene_name: ClassVar[str] = "collapse"
    can_focus = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "next_activation", "activation"),
        Binding("x", "next_input", "another x"),
    ]

    DEFAULT_CSS = """
    CollapseView #cl-scroll { height: 1fr; }
    CollapseView #cl-text { width: 1fr; height: auto; }
    """

    def __init__(
        self, model: Any, params: Mapping[str, Any], lang: str = "en", **kwargs: Any
    ) -> None:
        super().__init__(model, params, lang, **kwargs)
        self.stage = 0
        self.probe = 0
        self._ready = False

    @property
    def cm(self) -> CollapseModel:
        """The model, typed."""
        return self.model  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="cl-scroll", can_focus=False):
            yield Static(id="cl-text")

    def on_mount(self) -> None:
        self._ready = True
        self.refresh_scene()

    # -- scene protocol -----------------------------------------------------------------
    def advance(self) -> bool:
        if self.stage >= STAGES:
            return False
        self.stage += 1
        self.refresh_scene()
        self.query_one("#cl-scroll", VerticalScroll).scroll_end(animate=False)
        return True

    def restart(self, model: Any, params: Any, lang: str) -> bool:
        """Show another step's model as a new view would, without remounting (same scene)."""
        self.model, self.params, self.lang = model, dict(params), lang
        self.stage = 0
        self.probe = 0
        self.query_one("#cl-scroll", VerticalScroll).scroll_home(animate=False)
        self.refresh_scene()
        return True

    def reset_scene(self) -> None:
        self.stage = 0
        self.refresh_scene()

    def refresh_scene(self) -> None:
        if self._ready:
            self.query_one("#cl-text", Static).update(self._render_all())

    def action_next_activation(self) -> None:
        act = ACTS[(ACTS.index(self.params["activation"]) + 1) % len(ACTS)]
        self.model, self.params = rebuild(SPEC, self.params, activation=act)
        self.refresh_scene()

    def action_next_input(self) -> None:
        probes = self.cm.probes()
        self.probe = self.probe % (len(probes) - 1) + 1
        x = [round(float(v), 2) for v in probes[self.probe]]
        self.model, self.params = rebuild(SPEC, self.params, x=x)
        self.refresh_scene()

    # -- drawing ------------------------------------------------------------------------
    def _render_all(self) -> RenderableType:
        m = self.cm
        n, h, k = m.sizes
        head = Text()
        head.append("y = W2 (W1 x + b1) + b2", style="bold")
        head.append(self.t("   two linear layers\n", "   선형 계층 두 개\n"), style="dim")
        head.append(f"W1 ({h}x{n}) = {mat(m.W1)}\nb1 = {vec(m.b1)}\n")
        head.append(f"W2 ({k}x{h}) = {mat(m.W2)}\nb2 = {vec(m.b2)}\n")
        head.append(f"x = {vec(m.x)}")
        parts: list[RenderableType] = [head]
        stages = [
            self._hidden,
            self._output,
            self._w_prime,
            self._b_prime,
            self._collapsed,
            self._wrong_order,
            self._activation,
        ]
        for fn in stages[: self.stage]:
            parts.append(fn())
        if self.stage < STAGES and m.activation != "none":
            # An activation is the point of the step: show its effect right away.
            parts.append(self._activation())
        if self.stage == 0:
            parts.append(
                Text(
                    self.t(
                        "Press . to multiply it out step by step.",
                        ". 을 누르면 한 단계씩 계산합니다.",
                    ),
                    style="dim",
                )
            )
        return Group(*parts)

    def _hidden(self) -> Text:
        return Text.assemble(("h = W1 x + b1 = ", ""), (vec(self.cm.hidden(self.cm.x)), "bold"))

    def _output(self) -> Text:
        y = self.cm.two_layer(self.cm.x)
        return Text.assemble(("y = W2 h + b2  = ", ""), (vec(y), "bold cyan"))

    def _w_prime(self) -> Text:
        m = self.cm
        k, n = m.w_prime.shape
        return Text.assemble(
            ("\nW' = W2 W1", "bold"),
            (f" ({k}x{m.sizes[1]} · {m.sizes[1]}x{n} = {k}x{n}) = ", ""),
            (mat(m.w_prime), "bold"),
        )

    def _b_prime(self) -> Text:
        return Text.assemble(
            ("b' = W2 b1 + b2", "bold"), (" = ", ""), (vec(self.cm.b_prime), "bold")
        )

    def _collapsed(self) -> Text:
        m = self.cm
        diff = m.max_diff(m.collapsed)
        t = Text.assemble(("y' = W' x + b' = ", ""), (vec(m.collapsed(m.x)), "bold cyan"))
        t.append(self.t("   same as y ✓\n", "   y 와 같음 ✓\n"), style="green")
        t.append(
            self.t(
                f"max |y - y'| over x and {len(m.probes()) - 1} random inputs: {sci(diff)}",
                f"x 와 무작위 입력 {len(m.probes()) - 1}개에서 max |y - y'| = {sci(diff)}",
            ),
            style="dim",
        )
        return t

    def _wrong_order(self) -> Text:
        m = self.cm
        n, h, k = m.sizes
        t = Text(
            self.t("\nThe order W1 W2 (the slide's slip): ", "\n순서 W1 W2 (슬라이드의 실수): ")
        )
        t.append(FORMULA_TEXT["W1W2"].replace("^T", "ᵀ") + "\n", style="bold")
        verdict = m.wrong_order()
        if verdict == "shape_mismatch":
            if n != k:
                why = self.t(
                    f"W1 is {h}x{n}, W2 is {k}x{h}: W1 W2 needs {n} = {k}",
                    f"W1 은 {h}x{n}, W2 는 {k}x{h}: W1 W2 는 {n} = {k} 여야 함",
                )
            else:
                why = self.t(
                    f"W1 W2 is {h}x{h}, but x has {n} entries",
                    f"W1 W2 는 {h}x{h} 인데 x 는 {n}개",
                )
            t.append(self.t("shapes don't match — ", "모양이 맞지 않음 — "), style="bold red")
            t.append(why)
        else:
            f = m.candidate("W1W2")
            assert f is not None
            t.append(f"= {vec(f(m.x))}  ")
            if verdict == "different":
                t.append(self.t("different numbers ✗", "다른 값 ✗"), style="bold red")
            else:
                t.append(self.t("same here (special W) ", "여기선 같음 (특수한 W)"), style="yellow")
        t.append(self.t("\nRight: ", "\n맞는 식: "))
        t.append(FORMULA_TEXT[m.right_formula()].replace("^T", "ᵀ"), style="bold green")
        return t

    def _activation(self) -> Text:
        m = self.cm
        act = m.activation
        t = Text()
        if act == "none":
            t.append(
                self.t(
                    "\nNo activation between the layers: still one linear layer. Press a.",
                    "\n계층 사이에 활성화 함수 없음: 여전히 선형 계층 하나. a 를 눌러 보세요.",
                ),
                style="dim",
            )
            return t
        t.append(f"\nW2 {act}(W1 x + b1) + b2 = ", style="bold")
        t.append(vec(m.with_activation(m.x)), style="bold magenta")
        t.append(f"\n            W' x + b' = {vec(m.collapsed(m.x))}\n")
        diff = m.act_diff()
        probes = len(m.probes()) - 1
        t.append(
            self.t(
                f"max difference over x and {probes} random inputs: {num(diff, 3)}\n",
                f"x 와 무작위 입력 {probes}개에서 최대 차이: {num(diff, 3)}\n",
            )
        )
        if diff > 1e-9:
            t.append(
                self.t("— no single linear layer does this", "— 선형 계층 하나로는 안 됨"),
                style="bold",
            )
        return t


VIEW = CollapseView
