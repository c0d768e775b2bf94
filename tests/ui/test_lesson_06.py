"""Lesson 06: what it teaches, checked against its scenes (the rest: test_lessons.py)."""

from __future__ import annotations

from tests.ui.packaged import load

LESSON = "06-activations"


def test_corrects_the_slide_sigmoid_peaks_at_exactly_a_quarter():
    from tui9.course.grading import build_model

    lesson = load(LESSON)
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
