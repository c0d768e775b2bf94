"""Command palette provider: "go to lesson ..." for every open lesson."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui9.ui.i18n import tr


class LessonCommands(Provider):
    """Jump to any open lesson (locked ones say what to finish first)."""

    def _commands(self) -> list[tuple[str, Callable[[], Any]]]:
        app: Any = self.app
        lang = app.lang
        out: list[tuple[str, Callable[[], Any]]] = []
        for entry in app.chapter().entries:
            if entry.state == "broken":
                continue
            title = tr("p_goto", lang, n=entry.number, title=entry.title.get(lang))
            out.append((title, partial(app.open_lesson, entry.lesson_id)))
        return out

    async def discover(self) -> Hits:
        help_text = tr("p_goto_help", self.app.lang)  # type: ignore[attr-defined]
        for title, command in self._commands():
            yield DiscoveryHit(title, command, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        help_text = tr("p_goto_help", self.app.lang)  # type: ignore[attr-defined]
        for title, command in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), command, text=title, help=help_text)
