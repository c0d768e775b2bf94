"""The challenge area under a lesson step: the question, an answer field, feedback, hints."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from rich.text import Text as RichText
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option as ListOption

from tui9.course.grading import Verdict, parse_number
from tui9.course.schema import Challenge, Text
from tui9.scenes import get_scene
from tui9.scenes.base import Param
from tui9.ui.i18n import tr
from tui9.ui.widgets.choice_list import ChoiceList
from tui9.ui.widgets.memo import set_display, set_title, update_static


def fmt_value(value: float | str | None) -> str:
    """A number as a student reads it (4 significant digits); nan/inf never shown raw."""
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    if not math.isfinite(value):
        return "—"
    if value == 0:
        return "0"
    return f"{value:.4g}"


def _param_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, tuple | list):
        if value and isinstance(value[0], tuple | list):
            return "; ".join(_param_text(row) for row in value)
        return ", ".join(_param_text(v) for v in value)
    return str(value)


def read_setting(param: Param | None, text: str) -> Any:
    """Turn a typed control value into what the scene schema expects.

    Numbers stay text (the session reads them and says what is wrong); lists are split
    on commas (rows of a matrix on ';'). ValueError for an unreadable list item.
    """
    if param is None or param.kind in ("float", "int", "choice"):
        return text.strip()
    if param.kind == "bool":
        return text.strip().lower() in ("true", "1", "yes", "on")
    if param.kind == "choice_list":
        return [s.strip() for s in text.split(",") if s.strip()]

    def numbers(chunk: str) -> list[float | int]:
        out: list[float | int] = []
        for item in chunk.split(","):
            if not item.strip():
                continue
            number = parse_number(item)
            if number is None:
                raise ValueError(f"{param.name}: {item.strip()!r} is not a number")
            out.append(int(number) if param.kind == "int_list" and number.is_integer() else number)
        return out

    if param.kind == "matrix":
        return [numbers(row) for row in text.split(";") if row.strip()]
    return numbers(text)


class ChallengePanel(Vertical):
    """Asks the step's question and shows how the answers went.

    Posts :class:`ChallengePanel.Submitted` when the student answers; the lesson screen
    grades it and calls :meth:`show_verdict` / :meth:`show_error` / :meth:`show_hints`.
    """

    DEFAULT_CSS = """
    ChallengePanel {
        height: auto;
        border: round $accent;
        border-title-color: $accent;
        border-title-style: bold;
        padding: 0 1;
    }
    ChallengePanel:focus-within { border: round $accent-lighten-1; }
    ChallengePanel #ask { height: auto; }
    ChallengePanel #answer { width: 1fr; max-width: 40; margin: 0 0 0 0; }
    ChallengePanel #choices { height: auto; max-height: 6; }
    /* label, field, label, field...: three controls a row, the run button after them */
    ChallengePanel #controls {
        layout: grid;
        grid-size: 6;
        grid-columns: auto 1fr auto 1fr auto 1fr;
        grid-gutter: 0 1;
        height: auto;
        max-width: 96;
    }
    ChallengePanel .control-label { width: auto; }
    ChallengePanel .control { width: 1fr; }
    ChallengePanel #run { width: auto; min-width: 8; }
    ChallengePanel #feedback { height: auto; }
    ChallengePanel #hints { height: auto; color: $text; }
    ChallengePanel #challenge-help { height: auto; }
    ChallengePanel.-solved #challenge-help { display: none; }
    """

    class Submitted(Message):
        """The student answered: ``response`` (numeric / choice) or ``settings`` (tune)."""

        def __init__(self, response: str | None, settings: dict[str, Any] | None) -> None:
            super().__init__()
            self.response = response
            self.settings = settings

    def __init__(
        self,
        challenge: Challenge,
        scene: str,
        params: Mapping[str, Any],
        lang: str,
        solved: bool = False,
        hints: tuple[Text, ...] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self._set_question(challenge, scene, params, lang, solved, hints)

    def _set_question(
        self,
        challenge: Challenge,
        scene: str,
        params: Mapping[str, Any],
        lang: str,
        solved: bool,
        hints: tuple[Text, ...],
    ) -> None:
        """The state of a freshly asked question (widgets are updated by the caller)."""
        self.challenge = challenge
        self.scene = scene
        self.params = dict(params)
        self.lang = lang
        self.solved = solved
        self.hints = hints
        #: Wrong (readable) answers given on this step so far.
        self.wrong_answers = 0
        #: What the feedback line shows: ("verdict", Verdict) / ("error", str) / None.
        self._feedback: tuple[str, Any] | None = ("solved", None) if solved else None

    # ---------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        ch = self.challenge
        yield Static(id="ask")
        if ch.kind == "numeric":
            yield Input(
                placeholder=tr("numeric_placeholder", self.lang),
                id="answer",
                compact=True,
                select_on_focus=False,
            )
        elif ch.kind == "choice":
            yield ChoiceList(*self._options(), id="choices", compact=True)
        else:
            spec = get_scene(self.scene)
            with Horizontal(id="controls"):
                for name in ch.controls:
                    param = spec.param(name) if spec is not None else None
                    yield Label(f"{name} =", classes="control-label")
                    yield self._control(name, param)
                yield Button(tr("run", self.lang), id="run", compact=True)
        yield Static(id="feedback")
        yield Static(id="hints")
        yield Static(id="challenge-help")

    def _options(self) -> list[ListOption]:
        return [
            ListOption(f"{i}. {o.text.get(self.lang)}", id=o.key)
            for i, o in enumerate(self.challenge.options, start=1)
        ]

    def _control(self, name: str, param: Param | None) -> Widget:
        value = self.params.get(name, param.default if param is not None else "")
        if param is not None and param.kind in ("choice", "bool"):
            choices = param.choices if param.kind == "choice" else ("true", "false")
            return Select(
                [(c, c) for c in choices],
                value=_param_text(value),
                allow_blank=False,
                id=f"ctl-{name}",
                classes="control",
                compact=True,
            )
        return Input(
            _param_text(value),
            id=f"ctl-{name}",
            classes="control",
            compact=True,
            select_on_focus=False,
        )

    def on_mount(self) -> None:
        blink = getattr(self.app, "cursor_blink", True)
        for field in self.query(Input):
            field.cursor_blink = blink
        set_title(self, tr("challenge", self.lang))
        self._render_texts()

    # ------------------------------------------------------------------ API

    def focus_answer(self) -> None:
        """Put the cursor in the answer field (the first control of a tune)."""
        for widget in self.query("#answer, #choices, .control"):
            widget.focus()
            return

    @property
    def answer_widgets(self) -> list[Widget]:
        """The widgets that take the answer."""
        return list(self.query("#answer, #choices, .control, #run"))

    def show_verdict(self, verdict: Verdict) -> None:
        """Show right / wrong with the lesson's explanation."""
        if verdict.correct:
            self.solved = True
        elif not verdict.invalid:
            self.wrong_answers += 1
        self._feedback = ("verdict", verdict)
        self._render_feedback()

    def show_error(self, message: str) -> None:
        """Show a problem with the answer itself (a bad setting...), not a mistake."""
        self._feedback = ("error", message)
        self._render_feedback()

    def show_hints(self, hints: tuple[Text, ...]) -> None:
        """Show the hints revealed so far."""
        self.hints = hints
        self._render_hints()

    def reuse(
        self,
        challenge: Challenge,
        scene: str,
        params: Mapping[str, Any],
        lang: str,
        solved: bool = False,
        hints: tuple[Text, ...] = (),
    ) -> bool:
        """Ask another step's challenge in this panel, as a new panel would; False if unable.

        Only when the answer is taken the same way (a field, a list, or the same tune
        controls of the same scene): then no widget needs mounting for the next step.
        """
        ch = self.challenge
        if not self.is_mounted or panel_form(challenge, scene) != panel_form(ch, self.scene):
            return False
        self._set_question(challenge, scene, params, lang, solved, hints)
        set_title(self, tr("challenge", lang))
        if ch.kind == "numeric":
            field = self.query_one("#answer", Input)
            field.value = ""
            field.cursor_position = 0
            field.placeholder = tr("numeric_placeholder", lang)
        elif ch.kind == "choice":
            options = self.query_one("#choices", OptionList)
            options.set_options(self._options())
            if options.option_count:
                options.action_first()  # as OptionList.__init__ does
        else:
            spec = get_scene(scene)
            for name in challenge.controls:
                param = spec.param(name) if spec is not None else None
                value = _param_text(self.params.get(name, param.default if param else ""))
                widget = self.query_one(f"#ctl-{name}")
                if isinstance(widget, Select):
                    widget.value = value
                elif isinstance(widget, Input):
                    widget.value = value
                    widget.cursor_position = len(value)
            self.query_one("#run", Button).label = tr("run", lang)
        self._render_texts()
        return True

    def set_lang(self, lang: str) -> None:
        """Re-label in ``lang``, keeping what was typed, chosen and said."""
        self.lang = lang
        set_title(self, tr("challenge", lang))
        if self.challenge.kind == "numeric":
            self.query_one("#answer", Input).placeholder = tr("numeric_placeholder", lang)
        elif self.challenge.kind == "choice":
            options = self.query_one("#choices", OptionList)
            keep = options.highlighted
            options.clear_options()
            options.add_options(self._options())
            options.highlighted = keep
        else:
            self.query_one("#run", Button).label = tr("run", lang)
        self._render_texts()

    # --------------------------------------------------------------- events

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "answer":
            self.post_message(self.Submitted(event.value, None))
        else:
            self._submit_tune()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Submitted(event.option.id, None))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "run":
            self._submit_tune()

    def _submit_tune(self) -> None:
        spec = get_scene(self.scene)
        settings: dict[str, Any] = {}
        try:
            for name in self.challenge.controls:
                widget = self.query_one(f"#ctl-{name}")
                param = spec.param(name) if spec is not None else None
                raw = str(widget.value) if isinstance(widget, Input | Select) else ""
                settings[name] = read_setting(param, raw)
        except ValueError as error:
            self.show_error(str(error))
            return
        self.post_message(self.Submitted(None, settings))

    # ------------------------------------------------------------ rendering

    def _render_texts(self) -> None:
        ask = RichText(self.challenge.ask.get(self.lang), "bold")
        update_static(self.query_one("#ask", Static), ask)
        help_key = {"numeric": "numeric_help", "choice": "choice_help"}.get(
            self.challenge.kind, "tune_help"
        )
        help_text = RichText(tr(help_key, self.lang), "dim")
        update_static(self.query_one("#challenge-help", Static), help_text)
        self._render_feedback()
        self._render_hints()

    def _render_hints(self) -> None:
        text = RichText()
        for i, hint in enumerate(self.hints, start=1):
            if i > 1:
                text.append("\n")
            text.append(tr("hint_n", self.lang, i=i) + ": ", style="bold cyan")
            text.append(hint.get(self.lang))
        widget = self.query_one("#hints", Static)
        update_static(widget, text)
        set_display(widget, bool(self.hints))

    def _render_feedback(self) -> None:
        lang = self.lang
        widget = self.query_one("#feedback", Static)
        text = RichText()
        mark = ""
        kind, data = self._feedback or ("", None)
        explain = self.challenge.explain.get(lang) if self.challenge.explain else ""
        if kind == "solved":
            mark = "-right"
            text.append("✓ " + tr("solved_next", lang), style="bold green")
        elif kind == "error":
            mark = "-error"
            text.append("! " + str(data), style="bold red")
        elif kind == "verdict":
            verdict: Verdict = data
            text = self._verdict_text(verdict, explain)
            mark = "-right" if verdict.correct else "-wrong"
        for name in ("-right", "-wrong", "-error"):
            widget.set_class(name == mark, name)
        update_static(widget, text)
        set_display(widget, bool(kind))
        self.set_class(self.solved, "-solved")

    def _verdict_text(self, verdict: Verdict, explain: str) -> RichText:
        lang, ch = self.lang, self.challenge
        text = RichText()
        if verdict.invalid:
            if ch.kind == "numeric":
                given = str(verdict.given or "")
                text.append("? " + tr("invalid_number", lang, given=given), style="bold yellow")
            else:
                text.append("? " + tr("pick_option", lang), style="bold yellow")
            return text
        if ch.kind == "tune" and ch.goal is not None:
            q = ch.goal.quantity
            value = fmt_value(verdict.given if isinstance(verdict.given, float) else None)
            key = "goal_reached" if verdict.correct else "goal_missed"
            style = "bold green" if verdict.correct else "bold red"
            text.append(
                ("✓ " if verdict.correct else "✗ ") + tr(key, lang, q=q, value=value), style
            )
        elif verdict.correct:
            text.append("✓ " + tr("right", lang), style="bold green")
        else:
            text.append("✗ " + tr("wrong", lang), style="bold red")
        # The worked explanation often names the answer: a first miss gets a nudge, a second
        # miss (or a right answer) gets the explanation.
        if explain and (verdict.correct or self.wrong_answers >= 2):
            text.append(" " + explain)
        elif explain:
            text.append("\n" + tr("explain_next_time", lang), style="dim")
        if verdict.correct:
            text.append("\n" + tr("solved_next", lang), style="green")
        else:
            again = "try_again" if ch.kind == "choice" else "try_again_field"
            text.append("\n" + tr(again, lang), style="dim")
        return text


def panel_form(challenge: Challenge, scene: str) -> tuple[Any, ...]:
    """What a challenge panel's widgets depend on: the kind; a tune's scene and controls."""
    if challenge.kind in ("numeric", "choice"):
        return (challenge.kind,)
    return (challenge.kind, scene, tuple(challenge.controls))
