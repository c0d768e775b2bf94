"""The shipped chapter played through the game rules, as a perfect student would."""

from __future__ import annotations

import pytest

from tui9.course.grading import solution
from tui9.course.loader import load_course
from tui9.game.chapter import Chapter
from tui9.game.progress import Progress
from tui9.game.session import LessonSession
from tui9.paths import packaged_lessons_dir

pytestmark = pytest.mark.real_scenes


def test_perfect_student_finishes_the_chapter_with_every_star():
    course = load_course([packaged_lessons_dir()])
    if not course.lessons:
        pytest.skip("no lessons shipped yet")
    with Progress.memory() as prog:
        chapter = Chapter(course, prog)
        played: list[str] = []
        while (lesson_id := chapter.next_lesson()) is not None:
            assert lesson_id not in played
            lesson = course.lesson(lesson_id)
            assert lesson is not None
            s = LessonSession(lesson, prog, clock=lambda: 0.0, course=course)
            while True:
                c = s.challenge
                if c is not None:
                    assert not s.next()  # the challenge must be answered first
                    model, response = solution(c, s.step)
                    if c.kind == "tune":
                        model = s.tune_model(c.suggested)
                    verdict = s.answer(response, model)
                    assert verdict.correct, (lesson_id, s.index, verdict)
                if s.is_last:
                    break
                assert s.next()
            result = s.finish()
            assert (result.stars, result.mistakes, result.hints) == (3, 0, 0)
            played.append(lesson_id)
        # Every good lesson is reachable from a fresh start, by requirements alone.
        assert sorted(played) == sorted(les.id for les in course.lessons)
        assert chapter.stars == chapter.stars_max
