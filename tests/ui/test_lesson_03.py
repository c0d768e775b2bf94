"""The lesson file loads clean, every challenge replays; its first step in en and ko."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui9.course.check import replay_lesson
from tui9.course.loader import load_lesson_file

LESSON = "03-linear-collapse"
FILE = Path(__file__).resolve().parents[2] / "lessons" / f"{LESSON}.toml"
SIZE = (100, 30)


def load():
    lesson, problems = load_lesson_file(FILE)
    assert lesson is not None and problems == []
    return lesson


def test_loads_without_problems_and_replays():
    lesson = load()
    assert lesson.title.en == "Linear layers collapse"
    challenges = [s.challenge for s in lesson.steps if s.challenge is not None]
    assert len(challenges) >= 2
    assert all(s.text.ko and s.text.ko != s.text.en for s in lesson.steps)
    replay_problems, replayed = replay_lesson(lesson)
    assert replay_problems == [] and replayed == len(challenges)


def test_corrects_the_slide_slip():
    lesson = load()
    text = " ".join(s.text.en for s in lesson.steps)
    assert "W2 W1 x + W2 b1 + b2" in text and "slip" in text
    ko = " ".join(s.text.ko or "" for s in lesson.steps)
    assert "W2 W1 x + W2 b1 + b2" in ko and "실수" in ko


async def _settle(pilot) -> None:
    """Let the lesson screen finish focusing the answer field (slow machines lag)."""
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_first_step_snapshot(snap_compare, lang):
    from tui9.ui.app import make_app

    app = make_app(lesson=LESSON, lang=lang)
    app.cursor_blink = False  # a blinking cursor would make the snapshot timing-dependent
    assert snap_compare(app, terminal_size=SIZE, run_before=_settle)


def test_numbers_quoted_in_the_order_step_are_the_scenes():
    import numpy as np

    from tui9.course.grading import build_model

    lesson = load()
    step = next(s for s in lesson.steps if s.challenge and s.challenge.answer == "formula")
    model = build_model(step)
    x = np.array(step.params["x"], dtype=float)
    slide = model.candidate("W1W2")(x)
    assert "[5, 16]" in step.challenge.explain.en and "[6, 15]" in step.challenge.explain.en
    assert slide.tolist() == [5.0, 16.0] and model.two_layer(x).tolist() == [6.0, 15.0]
