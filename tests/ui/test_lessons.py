"""Every packaged lesson: in the lecture's order, loads clean, every challenge replays,
tune goals start unmet, and its first step on screen in English and Korean.

What each lesson teaches (the numbers its text quotes) is checked in test_lesson_NN.py.
"""

from __future__ import annotations

import pytest

from tests.ui.packaged import LESSON_IDS, load
from tui9.course.check import replay_lesson
from tui9.course.grading import build_model, grade

SIZE = (100, 30)

#: The chapter in the lecture's order (issue 6), with each lesson's English title.
CHAPTER = {
    "01-perceptron": "The perceptron",
    "02-mlp": "The multi-layer perceptron",
    "03-linear-collapse": "Linear layers collapse",
    "04-chain-rule": "The chain rule",
    "05-backprop": "Backpropagation",
    "06-activations": "Activations and vanishing gradients",
    "07-gradient-descent": "Gradient descent, SGD and mini-batches",
    "08-hyperparameters": "Hyperparameters",
    "09-momentum": "Momentum",
    "10-adagrad": "AdaGrad (and RMSprop)",
    "11-adam": "Adam, and the race",
    "12-final-digits": "Final challenge: reading digits",
}
TUNED = [
    i for i in LESSON_IDS if any(s.challenge and s.challenge.kind == "tune" for s in load(i).steps)
]


def test_the_chapter_is_in_the_lectures_order():
    assert {i: load(i).title.en for i in LESSON_IDS} == CHAPTER
    assert list(CHAPTER) == LESSON_IDS


@pytest.mark.parametrize("lesson_id", LESSON_IDS)
def test_loads_without_problems_and_replays(lesson_id):
    lesson = load(lesson_id)
    challenges = [s.challenge for s in lesson.steps if s.challenge is not None]
    assert len(challenges) >= 2
    assert lesson.summary is not None and lesson.summary.ko
    assert all(s.text.ko and s.text.ko != s.text.en for s in lesson.steps)
    replay_problems, replayed = replay_lesson(lesson)
    assert replay_problems == [] and replayed == len(challenges)


@pytest.mark.parametrize("lesson_id", TUNED)
def test_tune_goals_fail_before_tuning(lesson_id):
    """Every tune step starts where the goal does not hold: there is something to do."""
    for step in load(lesson_id).steps:
        c = step.challenge
        if c is not None and c.kind == "tune":
            assert not grade(c, build_model(step), None).correct, step.title


async def _settle(pilot) -> None:
    """Let the lesson screen finish focusing the answer field (slow machines lag)."""
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("lesson_id", LESSON_IDS)
def test_first_step_snapshot(snap_compare, lesson_id, lang):
    from tui9.ui.app import make_app

    app = make_app(lesson=lesson_id, lang=lang)
    app.cursor_blink = False  # a blinking cursor would make the snapshot timing-dependent
    assert snap_compare(app, terminal_size=SIZE, run_before=_settle)
