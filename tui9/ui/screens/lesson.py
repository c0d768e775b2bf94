"""A lesson: the step's text beside its scene, a step indicator, the challenge area."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any, ClassVar

from rich.text import Text as RichText
from textual import events
from textual.app import ComposeResult
from textual.binding import ActiveBinding
from textual.containers import Container, Horizontal, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Button, Footer, Input, OptionList, Select, Static

from tui9.course.grading import grade, parse_number
from tui9.course.schema import Lesson, Step
from tui9.game.session import LessonSession
from tui9.scenes import get_scene
from tui9.ui.i18n import tr
from tui9.ui.scenes import SceneView, view_for
from tui9.ui.screens.base import Key, Tui9Screen, guarded
from tui9.ui.screens.home import stars_text
from tui9.ui.widgets.challenge import ChallengePanel, panel_form
from tui9.ui.widgets.markdown import LessonMarkdown
from tui9.ui.widgets.memo import set_display, set_title, update_static


class LessonFooter(Footer):
    """Textual's footer, rebuilt at most once per refresh and only when its keys changed.

    Textual's footer recomposes (a new widget per key) on every bindings update; a step
    change causes several (focus moves, mounts, enabled actions change), and most leave the
    keys as they were.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._shown: tuple[Any, ...] | None = None
        self._pending = False
        self._held = 0
        self._missed = False

    def _keys(self) -> tuple[Any, ...]:
        """Everything :meth:`Footer.compose` reads from the bindings."""
        app = self.app
        shown = tuple(
            (b.key, app.get_key_display(b), b.description, b.action, b.group, enabled, tooltip)
            for (_node, b, enabled, tooltip) in self.screen.active_bindings.values()
            if b.show or b.key == app.COMMAND_PALETTE_BINDING
        )
        return (shown, self.show_command_palette, app.ENABLE_COMMAND_PALETTE)

    def compose(self) -> ComposeResult:
        self._shown = self._keys() if self._bindings_ready else None
        yield from super().compose()

    @contextmanager
    def held(self) -> Iterator[None]:
        """Keep the keys as they are while a step is being rebuilt; update once at the end."""
        self._held += 1
        try:
            yield
        finally:
            self._held -= 1
            if not self._held and self._missed:
                self._missed = False
                self.bindings_changed(self.screen)

    def bindings_changed(self, screen: Screen[Any]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self._held:
            self._missed = True
            return
        if self.is_attached and screen is self.screen and not self._pending:
            self._pending = True
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        self._pending = False
        if self._held:
            self._missed = True
            return
        if self.is_attached and self._keys() != self._shown:
            with self._context():  # compose binds its keys to this footer
                await self.recompose()


class LessonScreen(Tui9Screen):
    """Plays one lesson through a :class:`LessonSession` (which saves every move)."""

    DEFAULT_CSS = """
    #body { layout: horizontal; height: 1fr; }
    #text-pane {
        width: 2fr;
        height: 1fr;
        border: round $primary-darken-2;
        border-title-color: $accent;
        padding: 0 1;
    }
    #text-pane:focus { border: round $primary; }
    #step-text { margin: 0; padding: 0; }
    #scene-pane {
        width: 3fr;
        height: 1fr;
        border: round $primary-darken-2;
        border-title-color: $text-muted;
    }
    #scene-pane:focus-within { border: round $primary; }
    #scene-pane > .note { color: $text-muted; padding: 1; }
    LessonScreen.-narrow #body { layout: vertical; }
    LessonScreen.-narrow #text-pane { width: 1fr; height: auto; min-height: 5; max-height: 50%; }
    LessonScreen.-narrow #scene-pane { width: 1fr; height: 1fr; min-height: 6; }
    /* short terminals (< 32 rows): the scene gets the room, the key help is in the footer */
    LessonScreen.-narrow.-short #text-pane { max-height: 35%; min-height: 4; }
    LessonScreen.-short ChallengePanel #challenge-help { display: none; }

    #challenge-area { height: auto; max-height: 60%; display: none; }
    """

    AUTO_FOCUS = None
    KEYS: ClassVar[list[Key]] = [
        Key("right,n", "next", "k_next", key_display="→"),
        Key("left,p", "prev", "k_prev", key_display="←"),
        Key("h", "hint", "k_hint"),
        Key("r", "reset_scene", "k_reset"),
        Key("space", "play", "k_play"),
        Key("full_stop", "step_scene", "k_step", show=False),
        Key("escape", "leave_field", "k_leave_answer", key_display="esc"),
        Key("escape", "back", "k_map", key_display="esc"),
        Key("enter", "answer_field", "k_answer", key_display="⏎"),
        Key("pageup", "scroll_text(-1)", "k_prev", show=False),
        Key("pagedown", "scroll_text(1)", "k_next", show=False),
    ]

    def __init__(self, lesson: Lesson) -> None:
        super().__init__()
        self.lesson = lesson
        #: The game rules for this run (resumes the saved step).
        self.session = LessonSession(
            lesson, self.tapp.progress, clock=self.tapp.clock, course=self.tapp.course
        )
        self._view: SceneView | None = None
        self._timer: Timer | None = None
        self._shown_index: int | None = None
        self._panel: ChallengePanel | None = None
        #: Mounted challenge panels by the way they ask (panel_form), the shown one included.
        self._panels: dict[tuple[Any, ...], ChallengePanel] = {}
        #: False once progress was reset under this screen: leaving must not save it again.
        self.keep_progress = True

    # ---------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        with Horizontal(id="lesson-bar"):
            yield Static(id="lesson-title")
            yield Static(id="lesson-status")
        with Container(id="body"):
            with VerticalScroll(id="text-pane"):
                yield LessonMarkdown(id="step-text")
            yield Container(id="scene-pane")
        yield Container(id="challenge-area")
        # ctrl+p still opens the palette; its footer label is left out to fit 80 columns.
        yield LessonFooter(compact=True, show_command_palette=False)
        yield self.too_small()

    async def on_mount(self) -> None:
        await self.show_step()

    def on_screen_suspend(self) -> None:
        self._stop_play_and_catch_up()

    def on_unmount(self) -> None:
        # Leaving (esc, q, a closed terminal's shutdown): keep the time spent on this step.
        self._stop_play()
        if not self.keep_progress:
            return
        try:
            self.session.save()
        except Exception as error:  # never let saving stop the app from closing
            self.tapp.caught_errors.append(error)

    # ------------------------------------------------------------- showing

    @property
    def view(self) -> SceneView | None:
        """The scene widget of the current step (None if it could not be shown)."""
        return self._view

    @property
    def panel(self) -> ChallengePanel | None:
        """The challenge panel of the current step, if it has a challenge."""
        panel = self._panel
        return panel if panel is not None and panel.is_attached else None

    async def show_step(self) -> None:
        """Show the session's current step: text, scene, challenge; focus what comes next."""
        with self.app.batch_update(), self.query_one(LessonFooter).held():
            await self._show_step()
        self._prepare_next()

    def _prepare_next(self) -> None:
        """While the student reads this step, get the next one ready: its text parsed, and a
        hidden panel for its kind of question if none is mounted yet (-> is then quicker)."""
        shown, steps = self.session.index, self.lesson.steps
        if shown + 1 >= len(steps):
            return
        step = steps[shown + 1]
        text = step.text.get(self.lang)
        markdown = self.query_one("#step-text", LessonMarkdown)

        async def prepare() -> None:
            # only a head start: update() parses it (and says what is wrong) if need be
            with suppress(Exception):
                markdown.prepare(text)
            with suppress(Exception):  # a panel is then mounted (or the error shown) on ->
                await self._prepare_panel(shown, step)

        self.set_timer(0.05, prepare)

    async def _prepare_panel(self, shown: int, step: Step) -> None:
        """Mount a hidden panel that can ask ``step``'s challenge, while step ``shown`` shows
        a challenge (a step without one has no panels), unless one is there already."""
        challenge = step.challenge
        if challenge is None or self._panel is None or not self.is_attached:
            return
        form = panel_form(challenge, step.scene)
        if form in self._panels or self.session.index != shown:
            return
        panel = ChallengePanel(challenge, step.scene, step.params, self.lang)
        panel.display = False
        area = self.query_one("#challenge-area", Container)
        await area.mount(panel)
        # the student may have moved on meanwhile: keep it only if nothing changed
        if (
            self.session.index != shown
            or form in self._panels
            or self._panel is None
            or not panel.is_attached
        ):
            if panel.is_attached:
                await panel.remove()
            return
        self._panels[form] = panel

    async def _show_step(self) -> None:
        self._stop_play()
        session, lang = self.session, self.lang
        step = session.step
        self._shown_index = session.index
        self._render_bar()
        text_pane = self.query_one("#text-pane", VerticalScroll)
        set_title(text_pane, step.title.get(lang) if step.title else None)
        await self.query_one("#step-text", LessonMarkdown).update(step.text.get(lang))
        text_pane.scroll_home(animate=False, immediate=True)  # in this frame, not the next

        pane = self.query_one("#scene-pane", Container)
        set_title(pane, step.scene)
        view_cls = view_for(step.scene)
        if not self._restart_view(view_cls):
            await self._mount_view(pane, view_cls)

        await self._show_panel()
        self._focus_default()
        self.refresh_bindings()

    async def _show_panel(self) -> None:
        """Show the step's challenge (if any) in a panel that asks it the same way.

        A panel is kept per way of asking (a field, a list, a tune's controls) while the
        steps have challenges, the others hidden behind the shown one (which comes first in
        the area): a step change then rarely mounts one. A step without a challenge
        removes them all.
        """
        session = self.session
        step, challenge = session.step, session.challenge
        area = self.query_one("#challenge-area", Container)
        if challenge is None:
            if area.children:
                await area.remove_children()
            self._panels.clear()
            self._panel = None
            set_display(area, False)
            return
        form = panel_form(challenge, step.scene)
        # what the panel asks and how far the student got: the same for a reused panel
        question = (challenge, step.scene, step.params, self.lang)
        progress = {"solved": session.solved, "hints": session.hints_shown}
        panel = self._panels.pop(form, None)
        if panel is not None and panel.is_attached:
            try:
                reused = panel.reuse(*question, **progress)
            except Exception:  # a new panel then
                reused = False
            if not reused:
                await panel.remove()
                panel = None
        if panel is None or not panel.is_attached:
            panel = ChallengePanel(
                *question,
                **progress,
                # Set from the start: the panel sets it on mount, and adding it then would
                # restyle the whole panel once more.
                classes="-solved" if session.solved else None,
            )
            if area.children:
                await area.mount(panel, before=0)
            else:
                await area.mount(panel)
        self._panels[form] = panel
        for other in self._panels.values():
            set_display(other, other is panel)
        if area.children[0] is not panel:
            area.move_child(panel, before=0)
        self._panel = panel
        set_display(area, True)

    def _restart_view(self, view_cls: type[SceneView] | None) -> bool:
        """Show the step in the mounted scene widget if it draws the same scene (no remount)."""
        view, session = self._view, self.session
        restart = getattr(view, "restart", None)
        if view is None or restart is None or type(view) is not view_cls or not view.is_mounted:
            return False
        lang_before = view.lang
        try:
            view.conceal(self._asked(), redraw=False)  # the restart redraws
            if not restart(session.model, session.step.params, self.lang):
                return False
        except Exception:  # a new widget then, which shows (and reports) any error itself
            return False
        if lang_before != self.lang:
            view.set_lang(self.lang)  # relabels the scene's keys too
        return True

    async def _mount_view(self, pane: Container, view_cls: type[SceneView] | None) -> None:
        """Replace the scene widget with a new one for the current step."""
        session, lang = self.session, self.lang
        step = session.step
        await pane.remove_children()
        self._view = None
        if view_cls is None:
            await pane.mount(Static(tr("scene_missing", lang, name=step.scene), classes="note"))
        else:
            try:
                view = view_cls(session.model, step.params, lang, id="scene")
                view.conceal(self._asked())
            except Exception as error:
                self.tapp.report_error(error)
                await pane.mount(Static(tr("scene_error", lang, error=error), classes="note"))
            else:
                await pane.mount(view)
                self._view = view

    def _asked(self) -> tuple[str, ...]:
        """What the step's unanswered question asks (the scene shows it as "?" until then)."""
        s = self.session
        if s.challenge is None or s.challenge.kind == "tune" or s.solved:
            return ()
        return (s.challenge.answer,)

    def focus_default(self) -> None:
        self._focus_default()

    def _focus_default(self) -> None:
        """The scene first, so the keys the step's text names just work; enter answers."""
        self._focus_default_outside()

    def _render_bar(self) -> None:
        lang, s = self.lang, self.session
        number = next(
            (i for i, les in enumerate(self.tapp.course.lessons, start=1) if les is self.lesson),
            0,
        )
        title = f"{number} {self.lesson.title.get(lang)}" if number else self.lesson.title.get(lang)
        update_static(self.query_one("#lesson-title", Static), RichText(title, "bold"))
        status = RichText()
        status.append(tr("step_of", lang, i=s.index + 1, n=s.total))
        status.append(" · ")
        status.append(stars_text(s.stars_now), style="yellow")
        status.append(f" · {lang}")
        if self._timer is not None:
            status.append(" · ▶ " + tr("playing", lang), style="green")
        update_static(self.query_one("#lesson-status", Static), status)

    def apply_lang(self, lang: str) -> None:
        """Re-label in ``lang`` without leaving the step (scene keeps its position)."""
        super().apply_lang(lang)
        step = self.session.step
        self._render_bar()
        set_title(self.query_one("#text-pane"), step.title.get(lang) if step.title else None)
        self.query_one("#step-text", LessonMarkdown).update(step.text.get(lang))
        if self._view is not None:
            self._view.set_lang(lang)
        for note in self.query("#scene-pane > .note").results(Static):
            note.update(tr("scene_missing", lang, name=step.scene))
        panel = self.panel
        if panel is not None:
            panel.set_lang(lang)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The game's keys first in the footer, then the focused scene's own keys."""
        bindings = super().active_bindings
        game = {k: b for k, b in bindings.items() if b.node is self or b.node is self.app}
        return {**game, **{k: b for k, b in bindings.items() if k not in game}}

    # --------------------------------------------------------------- actions

    def _in_answer_field(self) -> bool:
        focused = self.focused
        # Fields, the choice list and the run button hold escape: it leaves them first.
        return (
            isinstance(focused, Input | Select | Button | OptionList)
            and self.panel is not None
            and (focused in self.panel.answer_widgets)
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        s = self.session
        if action == "hint":
            return s.challenge is not None and not s.solved
        if action == "play":
            return self._view is not None and self._view.animated
        if action == "next":
            # Hidden (not greyed) until the challenge is answered: "enter answer" is the way on,
            # and the footer must fit 80 columns in Korean too.
            return s.can_advance
        if action == "leave_field":
            return self._in_answer_field()
        if action == "back":
            return not self._in_answer_field()
        if action == "answer_field":
            return s.challenge is not None and not s.solved and not self._in_answer_field()
        if action == "prev":
            return not s.is_first
        return True

    @guarded
    async def action_next(self) -> None:
        s = self.session
        if not s.can_advance:
            self.notify(tr("answer_first", self.lang), severity="warning", timeout=3)
            panel = self.panel
            if panel is not None:
                panel.focus_answer()
            return
        if s.is_last:
            await self._finish()
            return
        s.next()
        await self.show_step()
        self.tapp.check_notice()

    @guarded
    async def action_prev(self) -> None:
        if not self.session.prev():
            self.notify(tr("first_step", self.lang), timeout=2)
            return
        await self.show_step()
        self.tapp.check_notice()

    async def _finish(self) -> None:
        from tui9.ui.screens.results import ResultsScreen

        self._stop_play()
        result = self.session.finish()
        self.tapp.check_notice()
        self.app.push_screen(ResultsScreen(self.lesson, result))

    @guarded
    def action_hint(self) -> None:
        s = self.session
        panel = self.panel
        if s.challenge is None or panel is None:
            self.notify(tr("no_challenge_hint", self.lang), timeout=3)
            return
        if s.solved:
            return
        if s.hint() is None:
            self.notify(tr("no_more_hints", self.lang), timeout=3)
            return
        panel.show_hints(s.hints_shown)
        self._render_bar()
        self.tapp.check_notice()

    @guarded
    def action_reset_scene(self) -> None:
        self._stop_play()
        if self._view is not None:
            self._view.reset_scene()

    @guarded
    def action_step_scene(self) -> None:
        if self._view is not None:
            self._view.advance()

    @guarded
    def action_play(self) -> None:
        if self._timer is not None:
            self._stop_play_and_catch_up()
            return
        view = self._view
        if view is None or not view.animated:
            self.notify(tr("nothing_to_play", self.lang), timeout=3)
            return
        self._timer = self.set_interval(max(0.02, view.frame_interval), self._tick)
        self._render_bar()

    def _tick(self) -> None:
        view = self._view
        try:
            more = view is not None and view.advance()
        except Exception as error:
            self._stop_play()
            self.tapp.report_error(error)
            return
        if not more:
            self._stop_play()

    def _stop_play(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
            if self.is_mounted:
                self._render_bar()

    def _stop_play_and_catch_up(self) -> None:
        """Stop playing and draw what the scene skipped while it played (the lab's plot)."""
        was_playing = self._timer is not None
        self._stop_play()
        if was_playing and self._view is not None and self._view.is_mounted:
            self._view.refresh_scene()

    @property
    def playing(self) -> bool:
        """Whether space started an animation that is still running."""
        return self._timer is not None

    def action_scroll_text(self, direction: int) -> None:
        """Page the step's text (works while typing an answer too)."""
        pane = self.query_one("#text-pane", VerticalScroll)
        if direction < 0:
            pane.scroll_page_up()
        else:
            pane.scroll_page_down()

    def action_answer_field(self) -> None:
        """Back into the answer field (after esc left it)."""
        panel = self.panel
        if panel is not None:
            panel.focus_answer()

    def action_leave_field(self) -> None:
        """Leave the answer field so the game keys (h, n, p, l, q...) work again."""
        self._focus_default_outside()

    def action_back(self) -> None:
        self._stop_play()
        self.session.save()
        self.app.pop_screen()

    def _focus_default_outside(self) -> None:
        # At once (not after the queue as widget.focus() does): the footer updates once.
        if self._view is not None and self._view.can_focus:
            self.set_focus(self._view)
        else:
            self.set_focus(self.query_one("#text-pane"))

    # ---------------------------------------------------------------- events

    def on_key(self, event: events.Key) -> None:
        """Typing a number outside the answer field starts the answer (unless the scene uses it)."""
        s, panel = self.session, self.panel
        char = event.character
        focused = self.focused
        if (
            isinstance(focused, Input)
            and panel is not None
            and focused in panel.answer_widgets
            and char
            and char.isprintable()
        ):
            # Typed just after jumping into the field, but queued to the scene before the jump:
            # the field would have taken it itself, so it belongs there.
            event.stop()
            event.prevent_default()
            focused.insert_text_at_cursor(char)
            return
        if (
            panel is None
            or s.challenge is None
            or s.challenge.kind != "numeric"
            or s.solved
            or not char
            or char not in "0123456789-+"
            or self._in_answer_field()
        ):
            return
        view = self._view
        if view is not None and view.has_focus and event.key in view._bindings.key_to_bindings:
            return
        field = next(iter(panel.query("#answer").results(Input)), None)
        if field is None:
            return
        event.stop()
        event.prevent_default()
        self.set_focus(field)  # at once: the next key, however fast, must reach the field
        field.insert_text_at_cursor(char)

    @guarded
    async def on_challenge_panel_submitted(self, event: ChallengePanel.Submitted) -> None:
        s, panel = self.session, self.panel
        if panel is None or s.challenge is None:
            return
        if s.challenge.kind == "tune":
            model = self._tune_model(event.settings or {}, panel)
            if model is None:
                return
        else:
            model = s.model
        if s.solved:
            # Already solved (this or an earlier run): feedback only, nothing recorded.
            panel.show_verdict(grade(s.challenge, model, event.response))
            return
        verdict = s.answer(event.response, model=model)
        panel.show_verdict(verdict)
        self._render_bar()
        self.refresh_bindings()
        self.tapp.check_notice()
        if verdict.correct:
            if self._view is not None:
                self._view.conceal(())  # the scene now agrees with the answer
            self._focus_default_outside()

    def _tune_model(self, settings: dict[str, Any], panel: ChallengePanel) -> Any:
        """Build the tuned model and show it in the scene; None (and a message) if invalid."""
        s = self.session
        try:
            model = s.tune_model(settings)
        except ValueError as error:
            panel.show_error(str(error))
            return None
        if self._view is not None:
            self._view.set_model(model, typed_params(s.step.scene, s.step.params, settings))
        return model


def typed_params(scene: str, params: Any, settings: dict[str, Any]) -> dict[str, Any]:
    """The step's params with a tune's settings applied, numbers read as numbers."""
    spec = get_scene(scene)
    merged = dict(params)
    for key, value in settings.items():
        param = spec.param(key) if spec is not None else None
        if param is not None and isinstance(value, str) and param.kind in ("float", "int"):
            number = parse_number(value)
            if number is not None:
                value = int(number) if param.kind == "int" and number.is_integer() else number
        merged[key] = value
    if spec is not None:
        checked, problems = spec.validate(merged)
        if not problems:
            return checked
    return merged
