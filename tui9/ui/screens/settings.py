"""Settings: language, theme, unlock all lessons, reset progress (asks first)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Footer, Label, Select, Switch

from tui9.game.chapter import UNLOCK_ALL
from tui9.ui.i18n import tr
from tui9.ui.screens.base import Key, Tui9Screen, guarded

LANG_NAMES = (("English", "en"), ("한국어", "ko"))


class SettingsScreen(Tui9Screen):
    """Every change is applied and saved at once; escape goes back."""

    DEFAULT_CSS = """
    SettingsScreen { align: center middle; }
    #settings-box {
        width: 64;
        max-width: 100%;
        height: auto;
        border: round $primary;
        border-title-style: bold;
        padding: 1 2;
    }
    .setting { height: auto; margin: 0 0 1 0; }
    .setting-label { width: 24; padding: 1 1 0 0; }
    #set-lang, #set-theme { width: 1fr; }
    """

    KEYS: ClassVar[list[Key]] = [
        Key("escape", "app.pop_screen", "k_back", key_display="esc"),
    ]

    def compose(self) -> ComposeResult:
        from tui9.ui.app import THEMES

        app = self.tapp
        unlock = app.progress.get_setting(UNLOCK_ALL) == "1"
        with Vertical(id="settings-box"):
            with Horizontal(classes="setting"):
                yield Label(id="l-lang", classes="setting-label")
                yield Select(LANG_NAMES, value=app.lang, allow_blank=False, id="set-lang")
            with Horizontal(classes="setting"):
                yield Label(id="l-theme", classes="setting-label")
                yield Select(
                    [(t, t) for t in THEMES], value=app.theme, allow_blank=False, id="set-theme"
                )
            with Horizontal(classes="setting"):
                yield Label(id="l-unlock", classes="setting-label")
                yield Switch(value=unlock, id="set-unlock")
            with Horizontal(classes="setting"):
                yield Button(id="reset", variant="error")
        yield Footer(compact=True)
        yield self.too_small()

    def on_mount(self) -> None:
        self._draw()
        self.query_one("#set-lang", Select).focus()

    def apply_lang(self, lang: str) -> None:
        super().apply_lang(lang)
        self._draw()
        select = self.query_one("#set-lang", Select)
        if select.value != lang:
            select.value = lang

    def _draw(self) -> None:
        lang = self.lang
        self.query_one("#settings-box").border_title = tr("settings_title", lang)
        self.query_one("#l-lang", Label).update(tr("s_language", lang))
        self.query_one("#l-theme", Label).update(tr("s_theme", lang))
        self.query_one("#l-unlock", Label).update(tr("s_unlock_all", lang))
        self.query_one("#reset", Button).label = tr("s_reset", lang)

    @guarded
    def on_select_changed(self, event: Select.Changed) -> None:
        app = self.tapp
        if event.select.id == "set-lang" and event.value != app.lang:
            app.set_lang(str(event.value))
        elif event.select.id == "set-theme" and event.value != app.theme:
            app.set_theme_name(str(event.value))

    @guarded
    def on_switch_changed(self, event: Switch.Changed) -> None:
        progress = self.tapp.progress
        value = "1" if event.value else "0"
        if progress.get_setting(UNLOCK_ALL, "0") != value:
            progress.set_setting(UNLOCK_ALL, value)

    @guarded
    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "reset":
            self.tapp.action_reset_progress()
