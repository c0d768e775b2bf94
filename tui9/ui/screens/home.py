"""The chapter map: every lesson with its state and stars, plus the overall score."""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text as RichText
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Footer, Static

from tui9.game.chapter import MapEntry
from tui9.ui.i18n import tr
from tui9.ui.screens.base import Key, Tui9Screen, guarded, relabel
from tui9.ui.widgets.lesson_list import LessonList

MAX_STARS = 3
_TITLE_MAX = 38
_STATE_STYLE = {
    "done": "green",
    "in_progress": "yellow",
    "open": "",
    "locked": "dim",
    "broken": "red",
}


def stars_text(stars: int, played: bool = True) -> str:
    """'★★☆' for 2 stars; blanks for a lesson never finished."""
    if not played:
        return " " * MAX_STARS
    return "★" * stars + "☆" * (MAX_STARS - stars)


def _fit(text: str, width: int) -> str:
    """Cut or pad ``text`` to ``width`` display cells (Korean is two cells per syllable)."""
    if cell_len(text) <= width:
        return text + " " * (width - cell_len(text))
    out, used = [], 0
    for ch in text:
        if used + cell_len(ch) > width - 1:
            break
        out.append(ch)
        used += cell_len(ch)
    cut = "".join(out) + "…"
    return cut + " " * (width - cell_len(cut))


class HomeScreen(Tui9Screen):
    """The chapter map."""

    KEYS: ClassVar[list[Key]] = [
        Key("s", "app.settings", "k_settings"),
    ]

    def compose(self) -> ComposeResult:
        with Horizontal(id="home-bar"):
            yield Static(id="home-title")
            yield Static(id="home-score")
        yield LessonList(id="lessons")
        yield Static(id="detail")
        yield Footer(compact=True)
        yield self.too_small()

    def on_mount(self) -> None:
        relabel(self.query_one(LessonList), [Key("enter", "select", "k_open")], self.lang)
        self.refresh_entries()
        self.query_one(LessonList).focus()

    def focus_default(self) -> None:
        self.query_one(LessonList).focus()

    def on_screen_resume(self) -> None:
        self.refresh_entries()

    def apply_lang(self, lang: str) -> None:
        super().apply_lang(lang)
        relabel(self.query_one(LessonList), [Key("enter", "select", "k_open")], lang)
        self.refresh_entries()

    # ------------------------------------------------------------------ data

    def refresh_entries(self) -> None:
        """Rebuild the map from the current progress, keeping the highlight."""
        lang = self.lang
        chapter = self.tapp.chapter()
        entries = chapter.entries
        self._entries = entries
        self.query_one("#home-title", Static).update(tr("app_title", lang))
        self.query_one("#home-score", Static).update(
            tr("score", lang, score=chapter.score, stars=chapter.stars, stars_max=chapter.stars_max)
        )
        lessons = self.query_one(LessonList)
        keep = lessons.highlighted
        shown = (lang, tuple(entries))
        if shown == getattr(self, "_shown", None):
            self._show_detail()
            return  # the same rows: rebuilding them would only cost a re-render
        self._shown = shown
        width = min(_TITLE_MAX, max((cell_len(e.title.get(lang)) for e in entries), default=10))
        lessons.set_rows(
            [(e.lesson_id, self._row(e, width)) for e in entries]
            or [(None, RichText(tr("no_lessons", lang)))]
        )
        if entries:
            if keep is None:
                resume = chapter.resume_target() or chapter.next_lesson()
                keep = next((i for i, e in enumerate(entries) if e.lesson_id == resume), 0)
            lessons.highlighted = min(keep, len(entries) - 1)
        self._show_detail()

    def _row(self, e: MapEntry, width: int) -> RichText:
        lang = self.lang
        row = RichText()
        row.append(f"{e.number:>3}  ", style="bold" if e.state != "locked" else "dim")
        row.append(_fit(e.title.get(lang), width), style="dim" if e.state == "locked" else "")
        row.append("  ")
        row.append(stars_text(e.stars, e.state == "done" or e.stars > 0), style="yellow")
        row.append("  ")
        row.append(self.state_text(e), style=_STATE_STYLE.get(e.state, ""))
        return row

    def state_text(self, e: MapEntry) -> str:
        """'in progress · step 4/9', 'locked · finish 2 first', ..."""
        lang = self.lang
        if e.state == "in_progress":
            return tr("st_in_progress", lang, step=e.step + 1, total=e.total)
        if e.state == "locked":
            waiting = e.waiting_for or e.requires
            req = ", ".join(self._number_of(r) for r in waiting)
            return tr("st_locked", lang, req=req)
        return tr(f"st_{e.state}", lang)

    def _number_of(self, lesson_id: str) -> str:
        for e in self._entries:
            if e.lesson_id == lesson_id:
                return str(e.number)
        return lesson_id

    def _highlighted_entry(self) -> MapEntry | None:
        index = self.query_one(LessonList).highlighted
        entries = getattr(self, "_entries", [])
        if index is None or not 0 <= index < len(entries):
            return None
        return entries[index]

    def _show_detail(self) -> None:
        entry = self._highlighted_entry()
        detail = self.query_one("#detail", Static)
        if entry is None:
            detail.update("")
            return
        lang = self.lang
        lesson = self.tapp.course.lesson(entry.lesson_id)
        text = RichText()
        text.append(f"{entry.number}  {entry.title.get(lang)}", style="bold")
        if lesson is not None and lesson.summary is not None:
            text.append("\n" + lesson.summary.get(lang))
        if entry.state == "locked" and lesson is not None:
            text.append("\n" + self.tapp.locked_message(lesson), style="yellow")
        elif entry.state == "broken" and entry.problem:
            text.append("\n" + tr("broken_msg", lang, problem=entry.problem), style="red")
        else:
            text.append("\n" + tr("home_hint", lang), style="dim")
        detail.update(text)

    # ---------------------------------------------------------------- events

    @guarded
    def on_lesson_list_highlighted(self, event: LessonList.Highlighted) -> None:
        self._show_detail()

    @guarded
    def on_lesson_list_selected(self, event: LessonList.Selected) -> None:
        entry = self._highlighted_entry()
        if entry is None:
            return
        if entry.state == "broken":
            self.notify(tr("broken_msg", self.lang, problem=entry.problem or ""), severity="error")
            return
        self.tapp.open_lesson(entry.lesson_id)
