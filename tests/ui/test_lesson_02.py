"""The lesson file loads clean, every challenge replays; its first step in en and ko."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui9.course.check import replay_lesson
from tui9.course.loader import load_lesson_file

LESSON = "02-mlp"
FILE = Path(__file__).resolve().parents[2] / "lessons" / f"{LESSON}.toml"
SIZE = (100, 30)


def load():
    lesson, problems = load_lesson_file(FILE)
    assert lesson is not None and problems == []
    return lesson


def test_loads_without_problems_and_replays():
    lesson = load()
    assert lesson.title.en == "The multi-layer perceptron"
    challenges = [s.challenge for s in lesson.steps if s.challenge is not None]
    assert len(challenges) >= 2
    assert all(s.text.ko and s.text.ko != s.text.en for s in lesson.steps)
    replay_problems, replayed = replay_lesson(lesson)
    assert replay_problems == [] and replayed == len(challenges)


def test_xor_is_solved_by_the_hidden_layer():
    from tui9.course.grading import build_model

    lesson = load()
    gate_steps = [s for s in lesson.steps if s.challenge and s.challenge.answer == "gate"]
    assert gate_steps and build_model(gate_steps[0]).quantity("gate") == "XOR"


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
