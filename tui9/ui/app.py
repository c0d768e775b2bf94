"""The tui9 game app: the chapter map, lessons, results, help and settings.

``make_app()`` is the one factory the CLI and every test use.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable, Iterable
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text as RichText
from textual.app import App, SystemCommand
from textual.binding import BindingsMap
from textual.screen import Screen

from tui9 import paths
from tui9.ui.i18n import LANGS, other_lang, tr
from tui9.ui.screens.base import (
    MIN_HEIGHT,
    MIN_WIDTH,
    Key,
    Tui9Screen,
    _Tui9ScreenMixin,
    make_bindings,
    relabel,
)

if TYPE_CHECKING:
    from tui9.course.schema import Course, Lesson, LessonOutline, Outline
    from tui9.game.chapter import Chapter
    from tui9.game.progress import Progress

#: Themes offered in settings (the first is the default).
THEMES = ("textual-dark", "textual-light", "nord", "gruvbox", "dracula", "tokyo-night")


class Tui9App(App[None]):
    """The game. Build it with :func:`make_app`."""

    CSS_PATH = "tui9.tcss"
    TITLE = "tui9"
    COMMANDS: ClassVar[set[Any]] = App.COMMANDS | {lambda: _lesson_commands()}
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [
        (0, "-tiny-w"),
        (MIN_WIDTH, "-narrow"),
        (100, "-wide"),
    ]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [
        (0, "-tiny-h"),
        (MIN_HEIGHT, "-short"),
        (32, "-tall"),
    ]
    KEYS: ClassVar[list[Key]] = [
        Key("l", "toggle_lang", "k_lang"),
        Key("question_mark", "help", "k_help", key_display="?"),
        Key("q", "quit", "k_quit"),
        # Textual only says "press ctrl+q"; a terminal user expects ctrl+c to quit, even
        # with the cursor in an answer field (progress is saved on every move).
        Key("ctrl+c", "quit", "k_quit", show=False, priority=True),
    ]

    def __init__(
        self,
        course: Course | Outline,
        progress: Progress,
        lang: str,
        lesson: str | None = None,
        data_dir: Path | None = None,
        lessons_dirs: list[Path] | None = None,
    ) -> None:
        super().__init__()
        #: The lessons (good and broken): an Outline until the course is loaded and checked
        #: (see :func:`make_app`'s ``background``), then the Course.
        self.course: Course | Outline = course
        self._lessons_dirs = lessons_dirs or [paths.packaged_lessons_dir()]
        self._pending_open: tuple[str, bool, bool] | None = None
        #: The student's saved progress.
        self.progress = progress
        #: The UI and lesson language, "en" or "ko".
        self.lang = lang if lang in LANGS else "en"
        self._start_lesson = lesson
        self._data_dir = data_dir
        #: Errors caught and reported while running (tests check this stays empty).
        self.caught_errors: list[BaseException] = []
        #: The clock lessons are timed with (tests freeze it for stable screenshots).
        self.clock: Callable[[], float] = time.monotonic
        #: Whether answer fields blink their cursor (off in snapshot tests).
        self.cursor_blink = True
        self._shown_notice: str | None = None
        theme = progress.get_setting("theme", THEMES[0]) or THEMES[0]
        self.theme = theme if theme in THEMES else THEMES[0]
        self._base_bindings = [binding for _key, binding in self._bindings]
        self._bindings = BindingsMap([*self._base_bindings, *make_bindings(self.KEYS, self.lang)])

    # ----------------------------------------------------------------- start

    @property
    def course_ready(self) -> bool:
        """Whether every lesson is loaded and checked (not just outlined)."""
        from tui9.course.headers import Outline

        return not isinstance(self.course, Outline)

    def get_default_screen(self) -> Screen[Any]:
        """The chapter map is the bottom of the screen stack."""
        from tui9.ui.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        self.check_notice()
        if self.course_ready:
            self._start()

    def on_ready(self) -> None:
        # After the first frame (not before: the thread would compete with drawing it).
        if not self.course_ready:
            self.run_worker(self._load_course, thread=True, group="course", exit_on_error=False)

    def _load_course(self) -> None:
        """(Worker thread) load and check every lesson, then hand the course to the app."""
        from tui9.course.loader import load_course

        try:
            course = load_course(self._lessons_dirs)
        except Exception as error:  # load_course never raises; a bug must not hang the map
            self.call_from_thread(self.report_error, error)
            return
        self.call_from_thread(self._install_course, course)

    def _install_course(self, course: Course) -> None:
        self.course = course
        self._refresh_maps()
        self._start()

    def _refresh_maps(self) -> None:
        """Redraw the chapter map(s) on the screen stack from the course and progress."""
        for screen in self.screen_stack:
            refresh = getattr(screen, "refresh_entries", None)
            if refresh is not None:
                refresh()

    def _start(self) -> None:
        """With the course loaded: report problems, then open the lesson asked for or resumed."""
        if not self.course.lessons and self.course.problems:
            self.notify(str(self.course.problems[0]), severity="error", timeout=20)
        if self._pending_open is not None:  # chosen on the map while the course loaded
            lesson_id, force, welcome = self._pending_open
            self._pending_open = None
            self.open_lesson(lesson_id, force=force, welcome=welcome)
            return
        target = self._start_lesson
        resumed = False
        if target is None:
            target = self.chapter().resume_target()
            resumed = target is not None
        if target is not None and self.course.lesson(target) is not None:
            self.open_lesson(target, force=True, welcome=resumed)
        else:
            # The map is up: load the lesson player and scene widgets while the student reads.
            self.set_timer(0.3, self._preload)

    def _preload(self) -> None:
        self.run_worker(_import_lesson_modules, thread=True, group="preload", exit_on_error=False)

    def chapter(self) -> Chapter:
        """The course seen through the current progress (fresh on every call)."""
        from tui9.game.chapter import Chapter

        return Chapter(self.course, self.progress)

    def check_notice(self) -> None:
        """Show the progress store's notice (corrupt file backed up, memory fallback...) once."""
        english = self.progress.notice
        if not english or english == self._shown_notice:
            return
        self._shown_notice = english
        notice = (self.progress.notice_ko if self.lang == "ko" else None) or english
        self.notify(notice, title=tr("notice_title", self.lang), severity="warning", timeout=12)

    # ------------------------------------------------------------ navigation

    def open_lesson(self, lesson_id: str, force: bool = False, welcome: bool = False) -> bool:
        """Open ``lesson_id`` on top of the map; False (with a message) if locked or unknown."""
        from tui9.ui.screens.home import HomeScreen

        if not self.course_ready:
            self._pending_open = (lesson_id, force, welcome)  # opened once the course is in
            return True
        from tui9.ui.screens.lesson import LessonScreen

        lesson = self.course.lesson(lesson_id)
        if lesson is None:
            broken = next((b for b in self.course.broken if b.id == lesson_id), None)
            if broken is not None:
                problem = str(broken.problems[0]) if broken.problems else lesson_id
                self.notify(tr("broken_msg", self.lang, problem=problem), severity="error")
            return False
        if not force and not self.chapter().is_open(lesson_id):
            self.notify(self.locked_message(lesson), severity="warning")
            return False
        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()
        screen = LessonScreen(lesson)
        self.push_screen(screen)
        if welcome:
            session = screen.session
            self.notify(
                tr(
                    "welcome_back",
                    self.lang,
                    title=lesson.title.get(self.lang),
                    step=session.index + 1,
                    total=session.total,
                ),
                timeout=5,
            )
        return True

    def go_home(self) -> None:
        """Back to the chapter map."""
        from tui9.ui.screens.home import HomeScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()

    def lesson_label(self, lesson_id: str) -> str:
        """'3 Linear layers collapse' for a lesson id (the id itself if unknown)."""
        for number, les in enumerate(self.course.lessons, start=1):
            if les.id == lesson_id:
                return f"{number} {les.title.get(self.lang)}"
        return lesson_id

    def locked_message(self, lesson: Lesson | LessonOutline) -> str:
        """What to finish before ``lesson`` opens."""
        entry = next((e for e in self.chapter().entries if e.lesson_id == lesson.id), None)
        waiting = entry.waiting_for if entry is not None else lesson.requires
        req = ", ".join(self.lesson_label(r) for r in waiting or lesson.requires)
        return tr("locked_msg", self.lang, req=req)

    # --------------------------------------------------------------- actions

    def action_toggle_lang(self) -> None:
        """Switch en <-> ko, keeping the place on every screen."""
        self.set_lang(other_lang(self.lang))

    def set_lang(self, lang: str) -> None:
        """Switch language everywhere and save it."""
        if lang not in LANGS:
            return
        self.lang = lang
        self.progress.set_setting("lang", lang)
        self._bindings = BindingsMap([*self._base_bindings, *make_bindings(self.KEYS, lang)])
        for screen in self.screen_stack:
            if isinstance(screen, _Tui9ScreenMixin):
                screen.apply_lang(lang)
        self.screen.refresh_bindings()
        self.check_notice()

    def set_theme_name(self, theme: str) -> None:
        """Switch and save the theme."""
        if theme in THEMES:
            self.theme = theme
            self.progress.set_setting("theme", theme)

    def action_help(self) -> None:
        """Show the help screen."""
        from tui9.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_settings(self) -> None:
        """Show the settings screen."""
        from tui9.ui.screens.settings import SettingsScreen

        if not isinstance(self.screen, SettingsScreen):
            self.push_screen(SettingsScreen())

    def action_reset_progress(self) -> None:
        """Ask, then erase all progress."""
        from tui9.ui.screens.confirm import ConfirmScreen

        def done(yes: bool | None) -> None:
            if yes:
                self.reset_progress()

        self.push_screen(ConfirmScreen(tr("confirm_reset", self.lang)), done)

    def reset_progress(self) -> None:
        """Erase all progress and go back to the map."""
        for screen in self.screen_stack:
            if hasattr(screen, "keep_progress"):
                screen.keep_progress = False
        self.go_home()
        self.progress.reset_all()
        self._refresh_maps()
        self.notify(tr("reset_done", self.lang))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        lang = self.lang
        yield SystemCommand(tr("p_lang", lang), tr("p_lang_help", lang), self.action_toggle_lang)
        yield SystemCommand(
            tr("p_reset", lang), tr("p_reset_help", lang), self.action_reset_progress
        )
        yield SystemCommand(
            tr("p_settings", lang), tr("p_settings_help", lang), self.action_settings
        )
        yield SystemCommand(tr("p_help", lang), tr("p_help_help", lang), self.action_help)
        yield SystemCommand(tr("p_map", lang), tr("p_map_help", lang), self.go_home)
        yield from super().get_system_commands(screen)

    # ---------------------------------------------------------------- errors

    async def run_action(
        self, action: Any, default_namespace: Any = None, namespaces: Any = None
    ) -> bool:
        """Run an action; an unexpected error is reported and the game keeps going."""
        try:
            return await super().run_action(action, default_namespace, namespaces)
        except Exception as error:
            self.report_error(error)
            return True

    def report_error(self, error: BaseException) -> None:
        """Log ``error`` with its traceback and tell the student in one readable line."""
        self.caught_errors.append(error)
        log = self._write_error_log(error)
        message = f"{type(error).__name__}: {error}"
        self.notify(
            tr("error_body", self.lang, error=message, log=log),
            title=tr("error_title", self.lang),
            severity="error",
            timeout=12,
        )

    def _write_error_log(self, error: BaseException) -> str:
        import tempfile

        text = "".join(traceback.format_exception(error))
        stamp = datetime.now(timezone.utc).isoformat(timespec="seconds")  # noqa: UP017
        for folder in (self._data_dir or _safe_data_dir(), Path(tempfile.gettempdir())):
            try:
                folder.mkdir(parents=True, exist_ok=True)
                path = folder / "tui9-errors.log"
                with path.open("a", encoding="utf-8") as f:
                    f.write(f"--- {stamp}\n{text}\n")
                return str(path)
            except OSError:
                continue
        return "(no log could be written)"

    def _fatal_error(self) -> None:
        """An error Textual could not recover from: a readable message, never a traceback."""
        error = self._exception
        log = self._write_error_log(error) if error is not None else ""
        message = (
            f"tui9 stopped after an unexpected error: {type(error).__name__}: {error}\n"
            f"Your progress is saved. Details were written to {log}"
        )
        self.bell()
        self.panic(RichText(message))


def _lesson_commands() -> type[Any]:
    """The palette's "go to lesson" provider (textual.command is imported on first use)."""
    from tui9.ui.screens.commands import LessonCommands

    return LessonCommands


def _import_lesson_modules() -> None:
    """Import what opening a lesson needs (scene widgets, plotext, Markdown)."""
    import tui9.ui.screens.lesson  # noqa: F401
    from tui9.ui.scenes import _views

    _views()


def _safe_data_dir() -> Path:
    try:
        return paths.data_dir()
    except Exception:
        import tempfile

        return Path(tempfile.gettempdir())


def make_app(
    lessons_dirs: list[Path] | None = None,
    lang: str | None = None,
    lesson: str | None = None,
    data_dir: Path | None = None,
    course: Course | None = None,
    background: bool = False,
) -> Tui9App:
    """The tui9 app for ``lessons_dirs`` (default: the packaged lessons).

    lang None = the saved setting, else the environment's language; ``lesson`` opens
    that lesson directly (locked or not); ``data_dir`` overrides where progress lives;
    ``course`` is an already loaded course (the CLI loads it once to check ``--lesson``).
    ``background`` (what ``tui9`` does): draw the map from each lesson's header at once
    and load and check the lessons (which imports the scenes and NumPy) in a thread
    after the first frame; otherwise the course is loaded before the app starts.
    """
    from tui9.game.progress import Progress

    dirs = list(lessons_dirs) if lessons_dirs else [paths.packaged_lessons_dir()]
    start: Course | Outline
    if course is not None:
        start = course
    elif background and lesson is None:
        from tui9.course.outline import load_outline

        start = load_outline(dirs)
    else:
        from tui9.course.loader import load_course

        start = load_course(dirs)
    progress = Progress.open(data_dir)
    if lang is None:
        saved = progress.get_setting("lang")
        lang = saved if saved in LANGS else paths.default_language()
    return Tui9App(start, progress, lang, lesson=lesson, data_dir=data_dir, lessons_dirs=dirs)


__all__ = ["THEMES", "Tui9App", "Tui9Screen", "make_app", "relabel"]

if __name__ == "__main__":
    make_app().run()
