"""Playing a lesson: stepping, challenges, hints, stars, finishing, resuming."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.game.gamekit import FakeClock, make_lesson, numeric_step, text_step
from tui9.course.schema import Course, Lesson
from tui9.game.progress import Progress
from tui9.game.session import IDLE_LIMIT, LessonSession


def play_perfectly(s: LessonSession) -> None:
    """Answer every challenge with the scene's own solution and walk to the last step."""
    while True:
        c = s.challenge
        if c is not None and not s.solved:
            if c.kind == "tune":
                assert s.answer(None, s.tune_model(c.suggested)).correct
            else:
                expected = s.model.quantity(c.answer)
                response = repr(expected) if c.kind == "numeric" else str(expected)
                assert s.answer(response).correct
        if s.is_last:
            return
        assert s.next()


def test_steps_forward_and_back(prog: Progress, lesson_a: Lesson):
    s = LessonSession(lesson_a, prog)
    assert (s.index, s.total, s.is_first, s.is_last) == (0, 4, True, False)
    assert s.step is lesson_a.steps[0]
    assert s.challenge is None and s.can_advance and not s.solved
    assert s.next()
    assert s.index == 1 and s.challenge is not None
    assert s.prev() and s.index == 0
    assert not s.prev() and s.index == 0
    assert prog.lesson("a").step == 0


def test_refuses_to_pass_unsolved_challenge(prog: Progress, lesson_a: Lesson):
    s = LessonSession(lesson_a, prog)
    s.next()
    assert not s.can_advance
    assert not s.next()
    assert not s.go(2) and not s.go(3)
    assert s.index == 1
    assert s.go(0) and s.index == 0
    assert not s.go(2)  # go never jumps over the unsolved challenge at step 1
    assert s.go(1) and s.index == 1
    assert not s.go(4) and not s.go(-1)


def test_wrong_then_right_answer(prog: Progress, lesson_a: Lesson, clock: FakeClock):
    s = LessonSession(lesson_a, prog, clock=clock)
    s.next()
    clock.tick(4)
    wrong = s.answer("2")
    assert not wrong.correct and not wrong.invalid
    assert wrong.expected == pytest.approx(1.0) and wrong.given == 2.0
    assert s.mistakes == 1 and not s.solved and not s.next()
    clock.tick(6)
    right = s.answer("1.004")  # within the tolerance of 0.01
    assert right.correct and s.solved and s.can_advance
    assert s.mistakes == 1
    assert prog.attempts("a") == [(1, "2", False, False, 4.0), (1, "1.004", True, False, 6.0)]
    assert prog.solved_steps("a") == {1}
    assert s.next() and s.index == 2


def test_invalid_input_is_not_a_mistake(prog: Progress, lesson_a: Lesson):
    s = LessonSession(lesson_a, prog)
    s.next()
    for junk in ("", "abc", "1+1", "nan", "inf", None):
        verdict = s.answer(junk)
        assert verdict.invalid and not verdict.correct
    assert s.mistakes == 0 and prog.lesson("a").run_mistakes == 0
    assert prog.attempts("a") == []
    s.go(1)
    assert s.answer("1").correct and s.next() and s.next()
    assert s.answer("maybe").invalid  # not an option key
    assert s.mistakes == 0
    assert not s.answer("pos").correct
    assert s.mistakes == 1


def test_answer_without_challenge_is_an_error(prog: Progress, lesson_a: Lesson):
    s = LessonSession(lesson_a, prog)
    with pytest.raises(ValueError, match="no challenge"):
        s.answer("1")
    assert s.hint() is None and s.hints_shown == ()


def test_hints_revealed_in_order_and_lower_stars(prog: Progress, lesson_a: Lesson):
    s = LessonSession(lesson_a, prog)
    s.next()
    assert s.stars_now == 3 and s.hints_left == 2
    first = s.hint()
    assert first is not None and first.en == "hint 1"
    assert s.hints_shown == (first,) and s.hints_used == 1 and s.stars_now == 2
    second = s.hint()
    assert second is not None and second.get("ko") == "힌트 2"
    assert s.hint() is None  # no more
    assert s.hints_used == 2 and s.hints_left == 0
    assert s.answer("1").correct
    assert prog.attempts("a")[-1][3] is True  # answered after a hint
    s.next()
    s.next()
    assert s.hints_shown == ()  # hints are per step
    assert s.answer("neg").correct
    result = s.finish()
    assert (result.stars, result.mistakes, result.hints) == (1, 0, 2)


def test_perfect_run_gets_three_stars_and_unlocks_next(
    prog: Progress, lesson_a: Lesson, course: Course, clock: FakeClock
):
    s = LessonSession(lesson_a, prog, clock=clock, course=course)
    clock.tick(5)
    play_perfectly(s)
    clock.tick(7)
    assert s.can_finish
    result = s.finish()
    assert (result.stars, result.mistakes, result.hints) == (3, 0, 0)
    assert result.seconds == pytest.approx(12.0)
    assert result.new_best and result.unlocked == ("b",)
    assert s.finish() is result  # idempotent: recorded once
    rec = prog.lesson("a")
    assert (rec.status, rec.best_stars) == ("done", 3)


def test_finish_refused_before_the_end(prog: Progress, lesson_a: Lesson):
    s = LessonSession(lesson_a, prog)
    assert not s.can_finish
    with pytest.raises(ValueError):
        s.finish()
    assert prog.lesson("a").status == "in_progress"


def test_finishing_last_requirement_unlocks_dependent(prog: Progress, course: Course):
    a, b = course.lessons[0], course.lessons[1]
    play_perfectly(sa := LessonSession(a, prog, course=course))
    assert sa.finish().unlocked == ("b",)
    play_perfectly(sb := LessonSession(b, prog, course=course))
    assert sb.finish().unlocked == ("c",)


def test_best_stars_kept_over_a_worse_replay(prog: Progress, lesson_a: Lesson):
    s = LessonSession(lesson_a, prog)
    play_perfectly(s)
    assert s.finish().stars == 3
    replay = LessonSession(lesson_a, prog)  # finished run -> a new run from step 0
    assert replay.index == 0 and replay.mistakes == 0 and replay.hints_used == 0
    replay.next()
    assert not replay.solved and not replay.next()  # a replay answers challenges again
    assert prog.solved_steps("a") == {1, 3}  # (still solved "ever")
    assert prog.solved_steps("a", current_run=True) == set()
    replay.answer("7")
    replay.hint()
    play_perfectly(replay)
    result = replay.finish()
    assert (result.stars, result.new_best) == (1, False)
    assert prog.lesson("a").best_stars == 3


def test_worse_first_then_better_is_a_new_best(prog: Progress, lesson_a: Lesson):
    s = LessonSession(lesson_a, prog)
    s.next()
    s.answer("0")
    play_perfectly(s)
    assert s.finish().stars == 2
    again = LessonSession(lesson_a, prog)
    play_perfectly(again)
    result = again.finish()
    assert result.stars == 3 and result.new_best


def test_restart_mid_lesson(prog: Progress, lesson_a: Lesson):
    s = LessonSession(lesson_a, prog)
    s.next()
    s.answer("5")
    s.hint()
    s.answer("1")
    s.restart()
    assert (s.index, s.mistakes, s.hints_used) == (0, 0, 0)
    s.next()
    assert s.hints_shown == () and not s.solved and not s.next()
    rec = prog.lesson("a")
    assert (rec.step, rec.run_mistakes, rec.run_hints) == (1, 0, 0)


def test_resume_at_saved_step_across_new_progress(home: Path, lesson_a: Lesson):
    clock = FakeClock()
    with Progress.open(home) as p:
        s = LessonSession(lesson_a, p, clock=clock)
        s.next()
        s.answer("3")
        s.hint()
        s.answer("1")
        s.next()
        clock.tick(20)
        s.save()
    with Progress.open(home) as p:
        assert p.last_lesson() == "a"
        s = LessonSession(lesson_a, p, clock=clock)
        assert s.index == 2
        assert (s.mistakes, s.hints_used) == (1, 1)
        assert s.elapsed == pytest.approx(20.0)
        s.prev()
        assert s.solved and s.hints_shown == (lesson_a.steps[1].challenge.hints[0],)
        assert s.hint() is not None and s.hints_used == 2  # the second hint, not the first again


def test_resume_step_is_clamped(prog: Progress, lesson_a: Lesson):
    prog.set_step("a", 99)
    s = LessonSession(lesson_a, prog)
    assert s.index == 1  # clamped to the range, then held at the unsolved challenge
    prog.record_attempt("a", 1, "1", correct=True, hinted=False, seconds=1)
    prog.set_step("a", 99)
    assert LessonSession(lesson_a, prog).index == 3


def test_model_is_built_per_step_and_cached(prog: Progress):
    lesson = make_lesson("m", (text_step(x=2, w=3), text_step(x=5, w=-1)))
    s = LessonSession(lesson, prog)
    first = s.model
    assert first.quantity("y") == pytest.approx(6.0)
    assert s.model is first
    s.next()
    assert s.model.quantity("y") == pytest.approx(-5.0)
    s.prev()
    assert s.model is first


def test_numeric_answer_formats(prog: Progress):
    lesson = make_lesson("n", (numeric_step(x=1.0, w=0.25),))
    s = LessonSession(lesson, prog)
    assert s.answer("1/4").correct
    s2 = LessonSession(make_lesson("n2", (numeric_step(x=-2.0, w=0.05),)), prog)
    assert s2.answer("−0,1").correct  # unicode minus, decimal comma


def test_tune_challenge(prog: Progress, lesson_b: Lesson):
    s = LessonSession(lesson_b, prog)
    s.next()
    assert s.challenge is not None and s.challenge.kind == "tune"
    assert not s.answer(None).correct  # the step's own lr = 0.01 misses the goal
    assert s.mistakes == 1
    low = s.tune_model({"lr": 0.5})
    assert not s.answer(None, low).correct
    good = s.tune_model({"lr": "3", "epochs": "20"})  # typed text is read as numbers
    verdict = s.answer(None, good)
    assert verdict.correct and verdict.given == pytest.approx(0.25)
    assert prog.attempts("b")[-1][1] == '{"epochs": 20, "lr": 3.0}'
    assert s.next()


def test_tune_list_controls_from_tuples_or_text(prog: Progress, lesson_b: Lesson):
    s = LessonSession(lesson_b, prog)
    s.next()
    assert s.model.quantity("width") == 4.0
    assert s.tune_model({"sizes": (8, 8)}).quantity("width") == 16.0
    assert s.tune_model({"sizes": "3, 5 2"}).quantity("width") == 10.0
    assert s.tune_model({"lr": 2.0}).quantity("width") == 4.0  # untouched list param
    with pytest.raises(ValueError, match="sizes"):
        s.tune_model({"sizes": "3, x"})
    with pytest.raises(ValueError, match=r"sizes\[1\]: must be <= 64"):
        s.tune_model({"sizes": [3, 100]})


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"lr": 1e6}, "lr: must be <= 10, got 1e+06"),
        ({"lr": -1}, "lr: must be >= 0"),
        ({"lr": "fast"}, "lr: must be a number"),
        ({"epochs": 2.5}, "epochs: must be an integer"),
        ({"x": 3.0}, "x: not a control of this challenge"),
    ],
)
def test_tune_model_rejects_bad_values(prog: Progress, lesson_b: Lesson, settings, message):
    s = LessonSession(lesson_b, prog)
    s.next()
    with pytest.raises(ValueError, match=message.replace("+", r"\+")):
        s.tune_model(settings)
    assert s.mistakes == 0


def test_tune_model_needs_a_tune_challenge(prog: Progress, lesson_a: Lesson):
    s = LessonSession(lesson_a, prog)
    with pytest.raises(ValueError):
        s.tune_model({"lr": 1.0})


def test_elapsed_is_saved(prog: Progress, lesson_a: Lesson, clock: FakeClock):
    s = LessonSession(lesson_a, prog, clock=clock)
    clock.tick(3)
    s.next()
    assert prog.lesson("a").run_seconds == pytest.approx(3.0)
    clock.tick(2)
    s.hint()
    assert prog.lesson("a").run_seconds == pytest.approx(5.0)


def test_session_works_on_in_memory_progress(tmp_path: Path, lesson_a: Lesson):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with Progress.open(blocker / "sub") as p:
        assert p.in_memory
        s = LessonSession(lesson_a, p)
        play_perfectly(s)
        assert s.finish().stars == 3


def test_idle_time_is_capped(prog: Progress, lesson_a: Lesson, clock: FakeClock):
    s = LessonSession(lesson_a, prog, clock=clock)
    clock.tick(30)
    s.next()
    clock.tick(8 * 3600)  # left open overnight
    assert s.elapsed == pytest.approx(30 + IDLE_LIMIT)
    s.answer("1")
    clock.tick(10)
    s.next()
    assert s.elapsed == pytest.approx(40 + IDLE_LIMIT)
    assert prog.lesson("a").run_seconds == pytest.approx(40 + IDLE_LIMIT)
    assert prog.attempts("a")[-1][4] == pytest.approx(IDLE_LIMIT)
