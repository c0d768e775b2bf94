"""Pilot tests for the lesson screen's focus model.

The scene has focus on every step, so its keys work at once; enter (or a typed number on a
numeric challenge) starts the answer; esc leaves any answer widget back to the scene, and
esc outside them goes back to the map; a right answer hands focus back to the scene.
"""

from __future__ import annotations

from typing import ClassVar

import pytest
from textual import events
from textual.binding import Binding, BindingType
from textual.widgets import Input, OptionList

import tui9.ui.scenes as view_registry
from tests.ui.conftest import CounterView
from tui9.ui.screens.home import HomeScreen
from tui9.ui.screens.lesson import LessonScreen

SIZE = (100, 30)


class KeyedCounterView(CounterView):
    """The counter scene, focusable, with its own digit key (as the init scene binds 1-5)."""

    can_focus = True
    BINDINGS: ClassVar[list[BindingType]] = [Binding("1", "bump", "bump x")]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.bumps = 0

    def action_bump(self) -> None:
        self.bumps += 1
        self.refresh()


@pytest.fixture
def keyed_app(make_test_app, monkeypatch):
    """The test lessons with the focusable, digit-binding counter scene."""
    views = view_registry._views()
    monkeypatch.setattr(view_registry, "_views", lambda: {**views, "ui_counter": KeyedCounterView})
    return make_test_app


def screen_text(app) -> str:
    """The characters on the (headless) screen."""
    update = app.screen._compositor.render_full_update()
    return "\n".join("".join(seg.text for strip in line for seg in strip) for line in update.strips)


async def numeric_step(pilot) -> LessonScreen:
    """Open lesson 1 and go to its numeric step (step 2)."""
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("n")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, LessonScreen) and screen.session.index == 1
    assert screen.session.challenge.kind == "numeric" and not screen.session.solved
    return screen


async def test_the_scene_has_focus_and_full_stop_steps_it(make_test_app):
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await numeric_step(pilot)
        field = screen.query_one("#answer", Input)
        assert app.focused is not field
        await pilot.press("full_stop", "full_stop")
        await pilot.pause()
        assert screen.view.frame == 2
        assert field.value == ""
        assert app.caught_errors == []


async def test_a_focusable_scene_takes_focus_on_every_step(keyed_app):
    app = keyed_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        for index in range(3):
            assert screen.session.index == index
            assert app.focused is screen.view
            if screen.session.challenge is not None:
                screen.session.answer("5" if index == 1 else "neg")
            if index < 2:
                await pilot.press("n")
                await pilot.pause()


async def test_typing_a_number_from_the_scene_goes_into_the_field(make_test_app):
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await numeric_step(pilot)
        field = screen.query_one("#answer", Input)
        await pilot.press("0", "full_stop", "5")  # quickly, in one go
        await pilot.pause()
        assert app.focused is field
        assert field.value == "0.5"
        assert screen.view.frame == 0  # the '.' went into the field, not to the scene
        await pilot.press("enter")
        await pilot.pause()
        assert screen.session.mistakes == 1 and not screen.session.solved


async def test_keys_queued_behind_the_jump_land_in_the_field(make_test_app):
    """A fast typist's keys already queued to the scene side before focus moved still count."""
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await numeric_step(pilot)
        field = screen.query_one("#answer", Input)
        before = app.focused
        assert before is not field
        for key, char in (("0", "0"), ("full_stop", "."), ("5", "5")):
            before.post_message(events.Key(key, char))  # all three before any is handled
        await pilot.pause()
        assert app.focused is field and field.value == "0.5"
        assert screen.view.frame == 0


@pytest.mark.parametrize(("keys", "typed"), [(["minus", "3"], "-3"), (["plus", "5"], "+5")])
async def test_a_sign_starts_the_answer_too(make_test_app, keys, typed):
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await numeric_step(pilot)
        await pilot.press(*keys)
        await pilot.pause()
        field = screen.query_one("#answer", Input)
        assert app.focused is field and field.value == typed


async def test_enter_starts_the_numeric_answer_and_right_gives_focus_back(keyed_app):
    app = keyed_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await numeric_step(pilot)
        field = screen.query_one("#answer", Input)
        assert app.focused is screen.view
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is field and field.value == ""
        await pilot.press("5", "enter")
        await pilot.pause()
        assert screen.session.solved
        assert app.focused is screen.view
        # solved: digits are no longer taken as an answer, and enter does not re-open it
        await pilot.press("7", "enter")
        await pilot.pause()
        assert app.focused is screen.view and field.value == "5"


async def test_a_digit_the_scene_binds_stays_the_scenes(keyed_app):
    app = keyed_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await numeric_step(pilot)
        field = screen.query_one("#answer", Input)
        await pilot.press("1")
        await pilot.pause()
        assert screen.view.bumps == 1
        assert app.focused is screen.view and field.value == ""
        await pilot.press("2")  # not the scene's: the answer starts
        await pilot.pause()
        assert app.focused is field and field.value == "2"
        await pilot.press("1")  # in the field, 1 is just typed
        await pilot.pause()
        assert field.value == "21" and screen.view.bumps == 1


async def test_a_scene_digit_still_works_after_leaving_the_field(keyed_app):
    app = keyed_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await numeric_step(pilot)
        await pilot.press("enter", "4", "escape")
        await pilot.pause()
        assert app.focused is screen.view and app.screen is screen
        await pilot.press("1")
        await pilot.pause()
        assert screen.view.bumps == 1
        assert screen.query_one("#answer", Input).value == "4"


async def test_choice_list_enter_then_esc_back_to_the_scene_then_the_map(keyed_app):
    app = keyed_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await numeric_step(pilot)
        screen.session.answer("5")
        await pilot.press("n")
        await pilot.pause()
        assert screen.session.challenge.kind == "choice"
        options = screen.query_one("#choices", OptionList)
        assert app.focused is screen.view
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is options
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and app.focused is screen.view
        assert screen.session.mistakes == 0
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_a_right_choice_gives_focus_back_to_the_scene(keyed_app):
    app = keyed_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await numeric_step(pilot)
        screen.session.answer("5")
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("enter", "down", "enter")  # "negative": right
        await pilot.pause()
        assert screen.session.solved and app.focused is screen.view


async def test_digits_on_a_choice_step_do_not_open_anything(make_test_app):
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await numeric_step(pilot)
        screen.session.answer("5")
        await pilot.press("n")
        await pilot.pause()
        before = app.focused
        await pilot.press("2", "minus")
        await pilot.pause()
        assert app.focused is before and not isinstance(before, OptionList)
        assert screen.session.mistakes == 0 and app.caught_errors == []


async def test_enter_focuses_the_first_tune_control_and_esc_leaves(keyed_app):
    app = keyed_app()
    async with app.run_test(size=SIZE) as pilot:
        app.progress.set_setting("unlock_all", "1")
        app.open_lesson("second")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LessonScreen) and screen.session.challenge.kind == "tune"
        assert app.focused is screen.view
        await pilot.press("3")  # a number outside a numeric challenge: nothing starts
        await pilot.pause()
        assert app.focused is screen.view
        await pilot.press("enter")
        await pilot.pause()
        control = screen.query_one("#ctl-x", Input)
        assert app.focused is control
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and app.focused is screen.view


async def test_footer_offers_enter_to_answer_until_solved(make_test_app):
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert "⏎ answer" not in screen_text(app)  # step 1 has no challenge
        screen = await numeric_step_from_lesson(pilot)
        assert "⏎ answer" in screen_text(app)
        await pilot.press("5", "enter")
        await pilot.pause()
        assert screen.session.solved
        assert "⏎ answer" not in screen_text(app)


async def numeric_step_from_lesson(pilot) -> LessonScreen:
    """From lesson 1's first step, on to its numeric step."""
    await pilot.press("n")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, LessonScreen) and screen.session.index == 1
    return screen
