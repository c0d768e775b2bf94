"""The step text is updated in place (blocks reused, spares hidden): walking every lesson
forwards and back, and switching language, it must show exactly what a freshly mounted
Markdown widget shows for the same text."""

from __future__ import annotations

import pytest

from tests.ui.packaged import LESSON_IDS
from tui9.course.grading import solution
from tui9.ui.app import make_app
from tui9.ui.widgets.markdown import LessonMarkdown


def blocks(markdown: LessonMarkdown) -> list[tuple[int, str, str | None]]:
    """The visible blocks, depth first: (depth, kind, text)."""
    out: list[tuple[int, str, str | None]] = []

    def walk(widget, depth: int) -> None:
        for child in widget.children:
            if not child.display:
                continue
            content = getattr(child, "_content", None)
            out.append((depth, type(child).__name__, getattr(content, "plain", None)))
            walk(child, depth + 1)

    walk(markdown, 0)
    return out


def solve_all(session) -> None:
    for i in range(session.total):
        session.go(i)
        challenge = session.challenge
        if challenge is not None and not session.solved:
            model, response = solution(challenge, session.step)
            if challenge.kind == "tune":
                model = session.tune_model(dict(challenge.suggested))
            assert session.answer(response, model=model).correct


@pytest.mark.parametrize("lesson_id", LESSON_IDS)
async def test_the_text_shown_in_place_is_the_fresh_text(lesson_id):
    app = make_app(lesson=lesson_id, lang="en")
    app.cursor_blink = False
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        session = screen.session
        solve_all(session)
        total = session.total
        walk = [*range(total), *reversed(range(total - 1)), total - 1]
        for lang_switch, index in [(False, i) for i in walk] + [(True, 2 % total)]:
            if lang_switch:
                await pilot.press("l")
            session.go(index)
            await screen.show_step()
            await pilot.pause()
            lang = app.lang
            shown = blocks(screen.query_one("#step-text", LessonMarkdown))
            fresh = LessonMarkdown(session.step.text.get(lang))
            await screen.mount(fresh)
            await pilot.pause()
            assert shown == blocks(fresh), (lesson_id, index, lang)
            await fresh.remove()
        assert app.caught_errors == []
