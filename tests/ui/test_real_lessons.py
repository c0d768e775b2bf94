"""Playing the packaged chapter with the real scenes, answering with each challenge's own
solution (computed by the engine, never typed in here)."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input, OptionList, Select

from tui9.course.grading import solution
from tui9.ui.screens.home import HomeScreen, LessonList
from tui9.ui.screens.lesson import LessonScreen
from tui9.ui.screens.results import ResultsScreen
from tui9.ui.widgets.challenge import ChallengePanel, _param_text

SIZE = (100, 30)


async def solve_step(pilot: Any, screen: LessonScreen) -> None:
    """Answer the current step's challenge the way a student would, with the right answer."""
    step = screen.session.step
    challenge = step.challenge
    assert challenge is not None
    panel = screen.query_one(ChallengePanel)
    _model, response = solution(challenge, step)
    if challenge.kind == "numeric":
        field = panel.query_one("#answer", Input)
        field.focus()
        field.value = ""
        await pilot.press(*str(response), "enter")
    elif challenge.kind == "choice":
        options = panel.query_one("#choices", OptionList)
        options.focus()
        keys = [options.get_option_at_index(i).id for i in range(options.option_count)]
        options.highlighted = keys.index(response)
        await pilot.press("enter")
    else:
        for name, value in challenge.suggested.items():
            widget = panel.query_one(f"#ctl-{name}")
            if isinstance(widget, Select):
                widget.value = _param_text(value)
            else:
                assert isinstance(widget, Input)
                widget.value = _param_text(value)
        await pilot.click("#run")
    await pilot.pause()


async def play_lesson(pilot: Any, screen: LessonScreen) -> None:
    """Step through to the results screen, solving every challenge on the way."""
    for _ in range(screen.session.total + 1):
        if screen.session.challenge is not None and not screen.session.solved:
            await solve_step(pilot, screen)
            assert screen.session.solved, screen.query_one("#feedback").render()
        await pilot.press("escape") if screen.focused is not None and isinstance(
            screen.focused, Input | Select
        ) else None
        await pilot.press("n")
        await pilot.pause()
        if isinstance(pilot.app.screen, ResultsScreen):
            return
    raise AssertionError("the lesson did not finish")


async def test_first_lesson_played_to_the_end_unlocks_the_second():
    from tui9.ui.app import make_app

    app = make_app(lang="en")
    app.clock = lambda: 0.0
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        first = app.course.lessons[0]
        assert first.id == app.screen.query_one(LessonList).ids[0]
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LessonScreen) and screen.lesson.id == first.id
        assert screen.view is not None and screen.view.scene_name == first.steps[0].scene
        await play_lesson(pilot, screen)
        results = app.screen
        assert isinstance(results, ResultsScreen)
        assert results.result.stars == 3 and results.result.mistakes == 0
        second = app.course.lessons[1]
        assert second.id in results.result.unlocked
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        rows = list(app.screen.query_one(LessonList).texts)
        assert "★★★" in rows[0] and "done" in rows[0]
        assert "locked" not in rows[1]
        assert app.caught_errors == []


async def test_every_packaged_lesson_opens_and_steps_in_both_languages():
    """Each lesson's every step shows its scene and challenge without an error, at 80x24."""
    from tui9.ui.app import make_app

    app = make_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        app.progress.set_setting("unlock_all", "1")
        for lesson in app.course.lessons:
            app.open_lesson(lesson.id)
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, LessonScreen)
            for index, step in enumerate(lesson.steps):
                if index:
                    assert screen.session.go(index), (lesson.id, index)
                    await screen.show_step()
                    await pilot.pause()
                assert screen.view is not None, (lesson.id, index)
                if step.challenge is not None:
                    await solve_step(pilot, screen)
                    assert screen.session.solved, (lesson.id, index)
            app.set_lang("ko")
            await pilot.pause()
            assert screen.view.lang == "ko" and screen.session.index == len(lesson.steps) - 1
            app.set_lang("en")
            app.go_home()
            await pilot.pause()
        assert app.caught_errors == []
