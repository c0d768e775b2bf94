"""Random play: whatever the student does, the game rules and the saved state agree."""

from __future__ import annotations

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.game.gamekit import FakeClock, choice_step, make_lesson, numeric_step, text_step
from tui9.game.progress import Progress
from tui9.game.session import LessonSession

LESSON = make_lesson(
    "r",
    (text_step(), numeric_step(), numeric_step(3.0, -1.0, hints=1), text_step(), choice_step()),
)

SIMPLE = ("next", "prev", "right", "wrong", "invalid", "hint", "reopen", "restart", "finish")
ACTIONS = st.lists(
    st.one_of(
        st.sampled_from((*SIMPLE, "dash")),
        st.tuples(st.just("go"), st.integers(-1, 6)),
    ),
    max_size=40,
)


def right_answer(s: LessonSession) -> str:
    c = s.challenge
    assert c is not None
    value = s.model.quantity(c.answer)
    return repr(value) if c.kind == "numeric" else str(value)


def wrong_answer(s: LessonSession) -> str:
    c = s.challenge
    assert c is not None
    if c.kind == "numeric":
        return repr(float(s.model.quantity(c.answer)) + 5.0)
    return next(o.key for o in c.options if o.key != s.model.quantity(c.answer))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(actions=ACTIONS)
def test_random_play_keeps_rules_and_saved_state_in_step(actions):
    clock = FakeClock()
    prog = Progress.memory()
    s = LessonSession(LESSON, prog, clock=clock)
    for action in actions:
        clock.tick(1.0)
        before, could = s.index, s.can_advance and not s.is_last
        if action == "next":
            assert s.next() == could
            assert s.index == before + could
        elif action == "prev":
            s.prev()
        elif isinstance(action, tuple):
            s.go(action[1])
        elif action in ("right", "wrong", "invalid") and s.challenge is not None:
            mistakes = s.mistakes
            response = {"right": right_answer, "wrong": wrong_answer}.get(action, lambda _s: "??")(
                s
            )
            verdict = s.answer(response)
            assert verdict.correct == (action == "right")
            assert verdict.invalid == (action == "invalid")
            assert s.mistakes == mistakes + (action == "wrong")
        elif action == "dash":  # answer right and go on, to the last step
            while True:
                if s.challenge is not None and not s.solved:
                    assert s.answer(right_answer(s)).correct
                if not s.next():
                    break
            assert s.is_last and s.can_finish != s.finished
        elif action == "hint":
            s.hint()
        elif action == "reopen":
            was = (s.index, s.mistakes, s.hints_used, len(s.hints_shown), s.finished)
            s = LessonSession(LESSON, prog, clock=clock)
            if not was[4]:
                assert (s.index, s.mistakes, s.hints_used, len(s.hints_shown)) == was[:4]
        elif action == "restart":
            s.restart()
        elif action == "finish" and s.can_finish:
            result = s.finish()
            event("finished")
            assert 1 <= result.stars <= 3
            assert prog.lesson("r").status == "done"

        # Never beyond a challenge that isn't solved.
        for i in range(s.index):
            c = LESSON.steps[i].challenge
            assert c is None or i in prog.solved_steps("r", current_run=True)
        rec = prog.lesson("r")
        assert rec.step == s.index
        assert (rec.run_mistakes, rec.run_hints) == (s.mistakes, s.hints_used)
        assert 1 <= s.stars_now <= 3
        assert len(s.hints_shown) + s.hints_left == len(s.challenge.hints if s.challenge else ())
    prog.close()
