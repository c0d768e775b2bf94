"""The end of a lesson: stars, mistakes, hints, time, and the way on."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text as RichText
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Footer, Static

from tui9.course.schema import Lesson
from tui9.game.session import LessonResult
from tui9.ui.i18n import tr
from tui9.ui.screens.base import Key, Tui9Screen, guarded
from tui9.ui.screens.home import stars_text


def fmt_time(seconds: float) -> str:
    """'4:07' (or '1:02:03')."""
    total = max(0, round(seconds))
    h, rest = divmod(total, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


class ResultsScreen(Tui9Screen):
    """Shown when a lesson is finished; enter goes to the next lesson, escape to the map."""

    DEFAULT_CSS = """
    ResultsScreen { align: center middle; }
    #results-box {
        width: 60;
        max-width: 100%;
        height: auto;
        border: round $success;
        border-title-color: $success;
        border-title-style: bold;
        padding: 1 2;
    }
    #results-stars {
        width: 1fr;
        content-align: center middle;
        text-align: center;
        margin: 0 0 1 0;
    }
    #results-table { width: auto; margin: 0 0 1 0; }
    #results-next { width: 1fr; }
    """

    KEYS: ClassVar[list[Key]] = [
        Key("enter", "next_lesson", "k_next_lesson"),
        Key("escape", "go_home", "k_map", key_display="esc"),
    ]

    def __init__(self, lesson: Lesson, result: LessonResult) -> None:
        super().__init__()
        self.lesson = lesson
        self.result = result
        #: The lesson enter opens (None at the end of the chapter).
        self.next_id = self.tapp.chapter().next_lesson(after=lesson.id)

    def compose(self) -> ComposeResult:
        with Vertical(id="results-box"):
            yield Static(id="results-stars")
            yield Static(id="results-table")
            yield Static(id="results-next")
        yield Footer(compact=True)
        yield self.too_small()

    def on_mount(self) -> None:
        self._draw()

    def apply_lang(self, lang: str) -> None:
        super().apply_lang(lang)
        self._draw()

    def _draw(self) -> None:
        lang, r = self.lang, self.result
        box = self.query_one("#results-box")
        box.border_title = tr("results_title", lang)
        head = RichText(justify="center")
        head.append(self.tapp.lesson_label(self.lesson.id) + "\n", style="bold")
        head.append(stars_text(r.stars), style="bold yellow")
        if r.new_best:
            head.append("  " + tr("r_new_best", lang), style="bold green")
        self.query_one("#results-stars", Static).update(head)
        table = RichText()
        rows = [
            (tr("r_mistakes", lang), str(r.mistakes)),
            (tr("r_hints", lang), str(r.hints)),
            (tr("r_time", lang), fmt_time(r.seconds)),
        ]
        from rich.cells import cell_len

        width = max(cell_len(k) for k, _ in rows)
        for i, (k, v) in enumerate(rows):
            if i:
                table.append("\n")
            table.append(k + " " * (width - cell_len(k)) + "  ", style="dim")
            table.append(v, style="bold")
        self.query_one("#results-table", Static).update(table)
        foot = RichText()
        if r.unlocked:
            titles = ", ".join(self.tapp.lesson_label(i) for i in r.unlocked)
            foot.append(tr("r_unlocked", lang, titles=titles) + "\n", style="green")
        if self.next_id is not None:
            foot.append(tr("r_next", lang, title=self.tapp.lesson_label(self.next_id)))
        else:
            foot.append(tr("r_last", lang))
        self.query_one("#results-next", Static).update(foot)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_lesson":
            return self.next_id is not None
        return True

    def action_go_home(self) -> None:
        self.tapp.go_home()

    @guarded
    def action_next_lesson(self) -> None:
        if self.next_id is None:
            self.tapp.go_home()
            return
        self.tapp.open_lesson(self.next_id)
