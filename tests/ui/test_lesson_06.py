"""The lesson file loads clean, every challenge replays; its first step in en and ko."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui9.course.check import replay_lesson
from tui9.course.loader import load_lesson_file

LESSON = "06-activations"
FILE = Path(__file__).resolve().parents[2] / "lessons" / f"{LESSON}.toml"
SIZE = (100, 30)


def test_loads_without_problems_and_replays():
    lesson, problems = load_lesson_file(FILE)
    assert lesson is not None and problems == []
    assert lesson.title.en == "Activations and vanishing gradients"
    challenges = [s.challenge for s in lesson.steps if s.challenge is not None]
    assert len(challenges) >= 2
    assert all(s.text.ko and s.text.ko != s.text.en for s in lesson.steps)
    replay_problems, replayed = replay_lesson(lesson)
    assert replay_problems == [] and replayed == len(challenges)


def test_corrects_the_slide_sigmoid_peaks_at_exactly_a_quarter():
    from tui9.course.grading import build_model

    lesson, _ = load_lesson_file(FILE)
    first = lesson.steps[0]
    assert first.challenge is not None and first.challenge.answer == "max_df"
    assert build_model(first).quantity("max_df") == 0.25
    explain = first.challenge.explain
    assert explain is not None and "0.25" in explain.en and "0.3" in explain.en
    assert "0.25" in (explain.ko or "") and "0.3" in (explain.ko or "")
    answers = [s.challenge.answer for s in lesson.steps if s.challenge is not None]
    assert {"bound_0_25_pow_n", "smallest_first_grad", "dead_units", "df_at_z"} <= set(answers)
    scenes = {s.scene for s in lesson.steps}
    assert scenes == {"activation", "vanishing"}


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_first_step_snapshot(snap_compare, lang):
    from tui9.ui.app import make_app

    app = make_app(lesson=LESSON, lang=lang)
    app.cursor_blink = False  # a blinking cursor would make the snapshot timing-dependent
    assert snap_compare(app, terminal_size=SIZE)
