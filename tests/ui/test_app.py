"""Pilot tests: playing the game with the keyboard on the test lessons (fake ui_counter scene)."""

from __future__ import annotations

import os
from pathlib import Path

from textual.widgets import Input, OptionList

from tui9.ui.screens.help import HelpScreen
from tui9.ui.screens.home import HomeScreen, LessonList
from tui9.ui.screens.lesson import LessonScreen
from tui9.ui.screens.results import ResultsScreen
from tui9.ui.screens.settings import SettingsScreen
from tui9.ui.widgets.challenge import ChallengePanel

SIZE = (100, 30)


def text_of(app, selector: str) -> str:
    """The plain text a Static shows."""
    return str(app.screen.query_one(selector).render())


async def open_first(pilot) -> LessonScreen:
    await pilot.press("enter")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, LessonScreen)
    return screen


async def answer(pilot, text: str) -> None:
    """Type ``text`` as the answer the way a student does: enter starts it (if not typing yet)."""
    field = pilot.app.screen.query_one("#answer", Input)
    if pilot.app.focused is not field:
        await pilot.press("enter")
        await pilot.pause()
    assert pilot.app.focused is field
    field.value = ""
    await pilot.press(*text, "enter")
    await pilot.pause()


async def test_home_lists_lessons_with_states(make_test_app):
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        rows = list(app.screen.query_one(LessonList).texts)
        assert "First steps" in rows[0] and "open" in rows[0]
        assert "Tuning" in rows[1] and "locked · finish 1 first" in rows[1]
        assert "broken" in rows[3]
        assert "score 0 · stars 0/9" in text_of(app, "#home-score")
        # a locked lesson does not open, and says why
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("Finish 1 First steps first" in n.message for n in app._notifications)
        assert app.caught_errors == []


async def test_step_forward_and_back(make_test_app):
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first(pilot)
        assert screen.session.index == 0
        assert "step 1 / 3" in text_of(app, "#lesson-status")
        await pilot.press("right")
        await pilot.pause()
        assert screen.session.index == 1
        assert "step 2 / 3" in text_of(app, "#lesson-status")
        # the scene side has focus, not the numeric field: p goes back at once
        assert not isinstance(app.focused, Input)
        await pilot.press("p")
        await pilot.pause()
        assert screen.session.index == 0
        await pilot.press("n")
        await pilot.pause()
        # an unsolved challenge blocks the way on
        await pilot.press("n")
        await pilot.pause()
        assert screen.session.index == 1
        # from the field too: escape leaves it (not the lesson), n is still blocked
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is screen.query_one("#answer", Input)
        await pilot.press("escape", "n")
        await pilot.pause()
        assert screen.session.index == 1 and app.screen is screen
        assert app.caught_errors == []


async def test_wrong_then_right_answer(make_test_app):
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first(pilot)
        await pilot.press("n")
        await pilot.pause()
        await answer(pilot, "4")
        feedback = text_of(app, "#feedback")
        # a first miss gets a nudge; the worked explanation would give the answer away
        assert "Not quite" in feedback and "2 x 2.5 = 5." not in feedback
        assert screen.session.mistakes == 1 and not screen.session.solved
        await answer(pilot, "abc")  # not a number: said so, not a mistake
        assert "not a number" in text_of(app, "#feedback")
        assert screen.session.mistakes == 1
        await answer(pilot, "5")
        feedback = text_of(app, "#feedback")
        assert "Right!" in feedback and "2 x 2.5 = 5." in feedback
        assert screen.session.solved
        assert "★★☆" in text_of(app, "#lesson-status")
        # focus left the field, so n moves on
        await pilot.press("n")
        await pilot.pause()
        assert screen.session.index == 2
        assert app.caught_errors == []


async def test_hint_lowers_the_stars(make_test_app):
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert "★★★" in text_of(app, "#lesson-status")
        await pilot.press("h")
        await pilot.pause()
        assert "Double it" in text_of(app, "#hints")
        assert app.focused is not screen.query_one("#answer")
        assert "★★☆" in text_of(app, "#lesson-status")
        assert screen.session.hints_used == 1
        await pilot.press("h", "h")  # the second hint, then none left
        await pilot.pause()
        assert screen.session.hints_used == 2
        assert "between 4 and 6" in text_of(app, "#hints")
        # enter goes into the answer field
        await pilot.press("enter", "5", "enter")
        await pilot.pause()
        assert screen.session.solved
        assert "★☆☆" in text_of(app, "#lesson-status")


async def test_typing_letters_in_the_answer_field_types_them(make_test_app):
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first(pilot)
        await pilot.press("n")
        await pilot.pause()
        field = app.screen.query_one("#answer", Input)
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is field
        await pilot.press("q", "n", "p", "h", "l", "question_mark", "r", "space", "full_stop")
        await pilot.pause()
        assert field.value == "qnphl?r ."
        assert app.is_running and app.screen is screen
        assert screen.session.index == 1 and screen.session.hints_used == 0
        assert app.lang == "en"


async def test_choice_and_finishing_unlocks_the_next(make_test_app):
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first(pilot)
        await pilot.press("n")
        await pilot.pause()
        await answer(pilot, "5")
        await pilot.press("n")
        await pilot.pause()
        assert not isinstance(app.focused, OptionList)
        await pilot.press("enter")  # into the choice list
        await pilot.pause()
        assert isinstance(app.focused, OptionList)
        await pilot.press("enter")  # "positive": wrong
        await pilot.pause()
        assert "Not quite" in text_of(app, "#feedback")
        await pilot.press("down", "enter")
        await pilot.pause()
        assert screen.session.solved
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert app.screen.result.stars == 2
        assert "Unlocked: 2 Tuning" in text_of(app, "#results-next")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        rows = list(app.screen.query_one(LessonList).texts)
        assert "★★☆" in rows[0] and "done" in rows[0]
        assert "open" in rows[1]
        assert "score 60 · stars 2/9" in text_of(app, "#home-score")


async def test_results_enter_opens_next_lesson_and_tune(make_test_app):
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        app.progress.set_setting("unlock_all", "1")
        app.open_lesson("first")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LessonScreen)
        await pilot.press("n")
        await pilot.pause()
        await answer(pilot, "5")
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("enter", "down", "enter", "n")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("enter")
        await pilot.pause()
        second = app.screen
        assert isinstance(second, LessonScreen) and second.lesson.id == "second"
        control = second.query_one("#ctl-x", Input)
        assert control.value == "1"
        await pilot.press("enter")  # into the first control
        await pilot.pause()
        assert app.focused is control
        control.value = "2"
        await pilot.click("#run")
        await pilot.pause()
        assert "Not yet: square = 4" in text_of(app, "#feedback")
        assert second.view.model.x == 2.0  # the scene shows the student's run
        control.value = "1e9"
        control.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert "x: must be <= 100" in text_of(app, "#feedback")
        assert second.session.mistakes == 1
        control.value = "4"
        await pilot.press("enter")
        await pilot.pause()
        assert "Goal reached: square = 16" in text_of(app, "#feedback")
        assert second.session.solved
        assert app.caught_errors == []


async def test_quit_and_relaunch_resumes_at_the_same_step(make_test_app):
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot)
        await pilot.press("n")
        await pilot.pause()
        await answer(pilot, "5")
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.session.index == 2
        await pilot.press("q")
        await pilot.pause()
    assert not app.is_running
    again = make_test_app()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = again.screen
        assert isinstance(screen, LessonScreen)
        assert screen.session.index == 2
        assert any("Welcome back" in n.message for n in again._notifications)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(again.screen, HomeScreen)
        rows = list(again.screen.query_one(LessonList).texts)
        assert "in progress · step 3/3" in rows[0]


async def test_corrupt_database_is_backed_up_with_a_notice(make_test_app):
    home = Path(os.environ["TUI9_HOME"])
    home.mkdir(parents=True, exist_ok=True)
    (home / "progress.sqlite3").write_bytes(b"this is not a database" * 100)
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("unreadable" in m and "fresh one started" in m for m in messages)
        assert list(home.glob("progress.sqlite3.corrupt-*"))
        # and the game goes on, saving into the fresh file
        await open_first(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert app.progress.lesson("first").step == 1


async def test_language_switch_keeps_the_place(make_test_app):
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first(pilot)
        await pilot.press("n")
        await pilot.pause()
        await answer(pilot, "4")
        await pilot.press("escape", "l")
        await pilot.pause()
        assert app.lang == "ko"
        assert app.progress.get_setting("lang") == "ko"
        assert app.screen is screen and screen.session.index == 1
        assert "2 / 3 단계" in text_of(app, "#lesson-status")
        assert "첫 걸음" in text_of(app, "#lesson-title")
        assert "2x 의 값은?" in text_of(app, "#ask")
        assert "아쉽네요" in text_of(app, "#feedback")
        assert screen.view.lang == "ko"
        field = screen.query_one("#answer", Input)
        assert field.value == "4"
        await pilot.press("l")
        await pilot.pause()
        assert app.lang == "en" and "What is 2x?" in text_of(app, "#ask")


async def wait_for_palette_hit(pilot, words: str) -> None:
    """The palette searches in the background: wait (bounded) until a hit mentions ``words``."""
    from textual.command import CommandList

    for _ in range(50):
        await pilot.pause(0.1)
        lists = pilot.app.screen.query(CommandList)
        if lists and any(words in str(o.prompt) for o in lists.first().options):
            return


async def test_palette_jumps_to_a_lesson(make_test_app):
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        app.progress.set_setting("unlock_all", "1")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Tuning")
        await wait_for_palette_hit(pilot, "Tuning")
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert isinstance(app.screen, LessonScreen)
        assert app.screen.lesson.id == "second"


async def test_help_settings_and_reset(make_test_app):
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        await pilot.click("#set-unlock")
        await pilot.pause()
        assert app.progress.get_setting("unlock_all") == "1"
        await pilot.click("#reset")
        await pilot.pause()
        await pilot.press("n")  # "no": nothing is erased
        await pilot.pause()
        assert app.progress.lesson("first").step == 1
        await pilot.click("#reset")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.progress.lesson("first").step == 0
        assert app.caught_errors == []


async def test_play_animates_until_the_scene_ends(make_test_app):
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first(pilot)
        await pilot.press("space")
        await pilot.pause()
        assert screen.playing and "playing" in text_of(app, "#lesson-status")
        for _ in range(100):  # a loaded machine skips timer ticks: wait for the end
            if not screen.playing:
                break
            await pilot.pause(0.1)
        assert screen.view.frame == 3 and not screen.playing
        await pilot.press("r")
        await pilot.pause()
        assert screen.view.frame == 0
        await pilot.press("full_stop")
        await pilot.pause()
        assert screen.view.frame == 1


async def test_tiny_terminal_shows_a_message(make_test_app):
    app = make_test_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        assert app.screen.query_one(".too-small").region.width > 0
        app.open_lesson("first")
        await pilot.pause()
        notice = app.screen.query_one(".too-small")
        assert notice.region.width > 0
        assert "too small" in str(notice.render())
        assert app.screen.query_one("#body").region.width == 0
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert app.screen.query_one(".too-small").region.width == 0
        assert app.screen.query_one("#body").region.width > 0
        # keys work again once the terminal is big enough
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
        assert app.caught_errors == []


async def test_screens_start_with_the_size_classes_of_the_terminal(make_test_app):
    """A new screen has its breakpoint classes before its first resize (setting them then
    would restyle the whole screen again), and they still follow the terminal."""
    size_classes = {"-tiny-w", "-narrow", "-wide", "-tiny-h", "-short", "-tall"}
    app = make_test_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        assert size_classes & app.screen.classes == {"-tiny-w", "-tiny-h"}
        await pilot.resize_terminal(100, 40)
        await pilot.pause()
        assert size_classes & app.screen.classes == {"-wide", "-tall"}
        help_screen = HelpScreen()  # not mounted yet
        assert size_classes & help_screen.classes == {"-wide", "-tall"}
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert size_classes & HelpScreen().classes == {"-narrow", "-short"}
        assert size_classes & app.screen.classes == {"-narrow", "-short"}


async def test_unexpected_error_is_reported_not_fatal(make_test_app, monkeypatch):
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first(pilot)

        def boom() -> bool:
            raise RuntimeError("scene exploded")

        monkeypatch.setattr(screen.view, "advance", boom)
        await pilot.press("full_stop")
        await pilot.pause()
        assert app.is_running
        assert [str(e) for e in app.caught_errors] == ["scene exploded"]
        assert any("scene exploded" in n.message for n in app._notifications)
        await pilot.press("n")
        await pilot.pause()
        assert screen.session.index == 1


async def test_open_locked_lesson_directly(make_test_app):
    app = make_test_app(lesson="third")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson.id == "third"
        assert app.screen.query_one("#challenge-area").display is False
        assert not app.screen.query(ChallengePanel)


async def test_palette_reset_progress_asks_first(make_test_app):
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert app.progress.lesson("first").step == 1
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Reset progress")
        await wait_for_palette_hit(pilot, "Reset progress")
        await pilot.press("enter")
        await pilot.pause(0.2)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.progress.lesson("first").step == 0
        assert "score 0" in text_of(app, "#home-score")


async def test_reset_question_in_a_tiny_terminal_only_takes_no(make_test_app):
    """The question is hidden behind the too-small notice: y (or tab to "yes", enter) must
    not erase progress unseen; n still answers, and y works once it shows again."""
    from tui9.ui.screens.confirm import ConfirmScreen

    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot)
        await pilot.press("n")
        await pilot.pause()
        app.action_reset_progress()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        assert app.screen.query_one(".too-small").region.width > 0
        await pilot.press("y", "tab", "enter", "tab", "tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert app.progress.lesson("first").step == 1
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "no"
        await pilot.press("y")
        await pilot.pause()
        assert app.progress.lesson("first").step == 0
        app.action_reset_progress()
        await pilot.pause()
        await pilot.resize_terminal(40, 12)
        await pilot.press("n")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)


async def test_settings_language_select_switches_everything(make_test_app):
    from textual.widgets import Select

    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await pilot.pause()
        app.screen.query_one("#set-lang", Select).value = "ko"
        await pilot.pause()
        assert app.lang == "ko" and app.progress.get_setting("lang") == "ko"
        assert "언어" in str(app.screen.query_one("#l-lang").render())
        await pilot.press("escape")
        await pilot.pause()
        assert "점수" in text_of(app, "#home-score")


async def test_an_empty_lesson_folder_says_so(tmp_path, make_test_app):
    app = make_test_app(lessons_dirs=[tmp_path / "nothing-here"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("no such folder" in n.message for n in app._notifications)
        await pilot.press("enter")
        await pilot.pause()
        assert app.caught_errors == []
