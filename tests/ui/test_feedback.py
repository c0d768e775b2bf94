"""A first wrong answer nudges; the worked explanation (which may name the answer) comes later."""

from __future__ import annotations

from textual.widgets import Static

from tui9.ui.app import make_app
from tui9.ui.widgets.challenge import ChallengePanel


def feedback(app) -> str:
    return str(app.screen.query_one(ChallengePanel).query_one("#feedback", Static).render())


async def test_explanation_after_the_second_miss_or_a_right_answer() -> None:
    app = make_app(lesson="02-mlp", lang="en")
    app.cursor_blink = False
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        challenge = screen.session.challenge
        assert challenge is not None and challenge.kind == "numeric" and challenge.explain
        explain = challenge.explain.get("en")
        await pilot.press("enter", *"12345", "enter")
        await pilot.pause()
        first = feedback(app)
        assert "Not quite" in first and explain not in first
        assert "Another miss" in first
        await pilot.press("enter")
        await pilot.pause()
        assert explain in feedback(app)
        assert screen.session.mistakes == 2
        answer = repr(float(screen.session.model.quantity(challenge.answer)))
        field = screen.query_one("#answer")
        field.value = ""
        await pilot.press(*answer, "enter")
        await pilot.pause()
        assert screen.session.solved
        assert explain in feedback(app)
