"""The step text and the question panel are updated in place (blocks and panels reused,
spares hidden): walking every lesson forwards, jumping back and forth, and switching
language, they must show exactly what freshly mounted widgets show for the same step."""

from __future__ import annotations

import pytest
from textual.widgets import Input, OptionList, Select, Static

from tests.ui.packaged import LESSON_IDS
from tui9.course.grading import solution
from tui9.ui.app import make_app
from tui9.ui.widgets.challenge import ChallengePanel
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


def panel_state(panel: ChallengePanel) -> tuple:
    """What the student sees of a question: title, texts, the answer widgets' contents."""
    texts = tuple(str(panel.query_one(f"#{i}", Static).render()) for i in ("ask", "feedback"))
    fields = tuple((w.id, w.value, w.placeholder) for w in panel.query(Input))
    selects = tuple((w.id, w.value) for w in panel.query(Select))
    lists = tuple(
        (w.id, tuple(str(o.prompt) for o in w.options), w.highlighted)
        for w in panel.query(OptionList)
    )
    return panel.border_title, texts, fields, selects, lists


def solve_all(session) -> None:
    for i in range(session.total):
        session.go(i)
        challenge = session.challenge
        if challenge is not None and not session.solved:
            model, response = solution(challenge, session.step)  # a tune: its suggested model
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
        # every step forwards, then jumps back and forth (other pairs of steps meet)
        walk = [*range(total), max(total - 3, 0), 0, total - 1]
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
            panels = [p for p in screen.query(ChallengePanel) if p.display]
            if session.challenge is None:
                assert panels == [] and not screen.query_one("#challenge-area").display
                continue
            assert panels == [screen.panel]
            step = session.step
            new = ChallengePanel(session.challenge, step.scene, step.params, lang, solved=True)
            await screen.mount(new)
            await pilot.pause()
            assert panel_state(screen.panel) == panel_state(new), (lesson_id, index, lang)
            await new.remove()
        assert app.caught_errors == []
