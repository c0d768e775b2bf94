"""The chapter map: lesson states, unlocking, stars and score, resume target."""

from __future__ import annotations

from tui9.course.schema import Course
from tui9.game.chapter import Chapter
from tui9.game.progress import Progress
from tui9.game.session import LessonSession
from tui9.game.stars import score_for


def states(ch: Chapter) -> dict[str, str]:
    return {e.lesson_id: e.state for e in ch.entries}


def test_fresh_map(prog: Progress, course: Course):
    ch = Chapter(course, prog)
    entries = ch.entries
    assert [e.number for e in entries] == [1, 2, 3, 4]
    assert [e.lesson_id for e in entries] == ["a", "b", "c", "99-bad"]
    assert states(ch) == {"a": "open", "b": "locked", "c": "locked", "99-bad": "broken"}
    a, b, c, bad = entries
    assert (a.total, a.step, a.stars, a.problem) == (4, 0, 0, None)
    assert a.title.get("ko") == "수업 a"
    assert b.requires == ("a",) and b.waiting_for == ("a",)
    assert c.waiting_for == ("a", "b")
    assert bad.total == 0 and bad.problem is not None and "unknown scene" in bad.problem
    assert (ch.stars, ch.stars_max, ch.score) == (0, 9, 0)
    assert ch.is_open("a") and not ch.is_open("b") and not ch.is_open("99-bad")
    assert not ch.is_open("no-such-lesson")
    assert ch.resume_target() is None


def test_progress_moves_through_the_states(prog: Progress, course: Course):
    ch = Chapter(course, prog)
    prog.set_step("a", 2)
    entry = ch.entries[0]
    assert (entry.state, entry.step) == ("in_progress", 2)
    assert ch.resume_target() == "a"
    prog.finish("a", 2, 1, 0, 10.0)
    assert states(ch)["a"] == "done"
    assert states(ch)["b"] == "open"
    assert states(ch)["c"] == "locked" and ch.entries[2].waiting_for == ("b",)
    assert ch.resume_target() is None  # the last touched lesson is done
    assert ch.stars == 2
    assert ch.score == score_for(2, 4)
    prog.finish("b", 3, 0, 0, 10.0)
    assert states(ch)["c"] == "open"
    assert ch.stars == 5 and ch.score == score_for(2, 4) + score_for(3, 3)


def test_unlock_all_opens_everything_but_broken(prog: Progress, course: Course):
    ch = Chapter(course, prog)
    prog.set_setting("unlock_all", "1")
    assert states(ch) == {"a": "open", "b": "open", "c": "open", "99-bad": "broken"}
    assert all(ch.is_open(i) for i in ("a", "b", "c"))
    prog.set_setting("unlock_all", "0")
    assert states(ch)["c"] == "locked"


def test_started_lesson_stays_open(prog: Progress, course: Course):
    # e.g. opened with `tui9 --lesson c` before its requirements were done
    prog.set_step("c", 1)
    ch = Chapter(course, prog)
    assert states(ch)["c"] == "in_progress"
    assert ch.resume_target() == "c"


def test_reset_all_locks_again(prog: Progress, course: Course):
    prog.set_setting("unlock_all", "1")
    prog.finish("a", 3, 0, 0, 1.0)
    prog.reset_all()
    ch = Chapter(course, prog)
    assert states(ch) == {"a": "open", "b": "locked", "c": "locked", "99-bad": "broken"}
    assert ch.stars == 0


def test_missing_requirement_does_not_lock(prog: Progress, course: Course):
    c = course.lessons[2]
    only_c = Course((c,))  # its requirements aren't in this course
    assert Chapter(only_c, prog).is_open("c")


def test_next_lesson(prog: Progress, course: Course):
    ch = Chapter(course, prog)
    assert ch.next_lesson() == "a"
    session = LessonSession(course.lessons[0], prog, course=course)
    session.next()
    session.answer("1")
    session.next()
    session.next()
    session.answer("neg")
    session.finish()
    assert ch.next_lesson(after="a") == "b"
    assert ch.next_lesson() == "b"
