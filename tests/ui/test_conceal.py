"""A question's answer is not on the scene before the student answers it (predict first)."""

from __future__ import annotations

import io

from rich.console import Console
from textual.widgets import Input, Static

from tui9.course.grading import solution
from tui9.ui.app import make_app
from tui9.ui.screens.lesson import LessonScreen

SIZE = (100, 30)


def scene_text(screen: LessonScreen) -> str:
    console = Console(width=200, file=io.StringIO(), color_system=None)
    console.print(screen.view.query_one("#pc-text", Static).content)
    return console.file.getvalue()


async def test_the_asked_z_is_hidden_until_answered_then_shown():
    app = make_app(lesson="01-perceptron", lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LessonScreen) and screen.session.challenge.answer == "z"
        _model, response = solution(screen.session.challenge, screen.session.step)
        z = screen.session.model.quantity("z")
        assert screen.view.concealed == {"z"}
        assert f"= {z:.2f}" not in scene_text(screen) and "= ?" in scene_text(screen)
        await pilot.press("enter")
        await pilot.pause()
        field = screen.query_one("#answer", Input)
        field.value = response
        await pilot.press("enter")
        await pilot.pause()
        assert screen.session.solved
        assert screen.view.concealed == frozenset()
        assert f"= {z:.2f}" in scene_text(screen) and "?" not in scene_text(screen)
        # a solved step stays revealed when the student comes back to it
        await pilot.press("right", "left")
        await pilot.pause()
        assert screen.session.index == 0 and screen.view.concealed == frozenset()


async def test_the_next_question_hides_its_own_answer_in_the_same_scene():
    app = make_app(lesson="01-perceptron", lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        session = screen.session
        while session.challenge is None or session.challenge.answer != "output":
            if session.challenge is not None:
                model, response = solution(session.challenge, session.step)
                assert session.answer(response, model=model).correct
            session.next()
        await screen.show_step()
        await pilot.pause()
        assert screen.view.concealed == {"output"}  # restarted in place, not remounted
        assert "errors ?" in scene_text(screen) and "✓" not in scene_text(screen)
