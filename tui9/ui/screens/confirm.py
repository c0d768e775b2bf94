"""A yes / no question as a modal dialog: ``ConfirmScreen(question)`` dismisses with a bool."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from tui9.ui.i18n import tr
from tui9.ui.screens.base import Key, Tui9Modal


class ConfirmScreen(Tui9Modal[bool]):
    """Asks ``question``; y / enter on "yes" confirm, n / escape cancel."""

    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    #confirm-box {
        width: 56;
        max-width: 100%;
        height: auto;
        border: thick $error;
        background: $surface;
        padding: 1 2;
    }
    #confirm-question { margin: 0 0 1 0; }
    #confirm-buttons { height: auto; align: center middle; }
    #confirm-buttons Button { margin: 0 1; }
    """

    KEYS: ClassVar[list[Key]] = [
        Key("y", "answer(True)", "k_yes"),
        Key("n,escape", "answer(False)", "k_no", key_display="n/esc"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(self.question, id="confirm-question", markup=False)
            with Horizontal(id="confirm-buttons"):
                yield Button(tr("k_yes", self.lang) + " (y)", id="yes", variant="error")
                yield Button(tr("k_no", self.lang) + " (n)", id="no", variant="primary")
        yield self.too_small()

    def on_mount(self) -> None:
        self.focus_default()

    def focus_default(self) -> None:
        self.query_one("#no", Button).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # While the terminal is too small the question is hidden: only "no" answers it.
        return not (action == "answer" and parameters == (True,) and self._too_small())

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
