"""Help: keys and how to play, rendered from help.md (help.ko.md in Korean)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Footer

from tui9.ui.screens.base import Key, Tui9Screen
from tui9.ui.widgets.markdown import LessonMarkdown

_UI_DIR = Path(__file__).resolve().parent.parent


def help_text(lang: str) -> str:
    """The help Markdown in ``lang`` (English if the translation is missing)."""
    path = _UI_DIR / ("help.ko.md" if lang == "ko" else "help.md")
    if not path.is_file():
        path = _UI_DIR / "help.md"
    return path.read_text(encoding="utf-8")


class HelpScreen(Tui9Screen):
    """Keys and rules; escape (or ?) goes back."""

    DEFAULT_CSS = """
    HelpScreen #help-scroll { padding: 0 2; }
    """

    KEYS: ClassVar[list[Key]] = [
        Key("escape,question_mark", "app.pop_screen", "k_back", key_display="esc"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-scroll"):
            yield LessonMarkdown(help_text(self.lang), id="help-text")
        yield Footer(compact=True)
        yield self.too_small()

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()

    def apply_lang(self, lang: str) -> None:
        super().apply_lang(lang)
        self.query_one("#help-text", LessonMarkdown).update(help_text(lang))
