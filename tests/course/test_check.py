"""`tui9 check`: every challenge is replayed; problems and a summary are printed; exit codes."""

from __future__ import annotations

import io

from tests.course.conftest import TOY_LESSON
from tui9.course.check import run_check


def check(dirs, strict=False, lang="en") -> tuple[int, list[str]]:
    out = io.StringIO()
    code = run_check(dirs, strict=strict, out=out, lang=lang)
    return code, out.getvalue().splitlines()


def test_clean_folder_passes_even_strict(toy, write):
    folder = write(TOY_LESSON).parent
    code, lines = check([folder], strict=True)
    assert code == 0
    assert lines == ["1 lessons, 3 steps, 3 challenges replayed, 0 errors, 0 warnings"]


def test_summary_in_korean(toy, write):
    code, lines = check([write(TOY_LESSON).parent], lang="ko")
    assert code == 0
    assert lines == ["레슨 1개, 단계 3개, 도전 3개 재생, 오류 0개, 경고 0개"]


def test_warnings_fail_only_under_strict(toy, write):
    folder = write(TOY_LESSON.replace('{ en = "Toy basics", ko = "장난감 기초" }', '"Toy"')).parent
    code, lines = check([folder])
    assert code == 0
    assert lines[0].endswith(
        "lesson.toml:3: title: warning: no Korean text; English will be "
        'shown (write { en = "...", ko = "..." })'
    )
    assert lines[-1] == "1 lessons, 3 steps, 3 challenges replayed, 0 errors, 1 warnings"
    code, lines = check([folder], strict=True)
    assert code == 1
    assert lines[-1].endswith("1 warnings (--strict: warnings count as errors)")


def test_errors_exit_1_and_every_file_is_reported(toy, write):
    write(TOY_LESSON, "a.toml")
    write(TOY_LESSON.replace("toy-basics", "other").replace("w = 2.0", "w = 99.0"), "b.toml")
    folder = write('format_version = 1\nid = "x"\ntitle = 3\n', "c.toml").parent
    code, lines = check([folder])
    assert code == 1
    assert [line.split(": ", 2)[:2] for line in lines[:-1]] == [
        [f"{folder / 'b.toml'}:8", "steps[0].params.w"],
        [f"{folder / 'c.toml'}:1", "steps"],
        [f"{folder / 'c.toml'}:3", "title"],
    ]
    assert lines[-1] == "3 lessons (2 broken), 3 steps, 3 challenges replayed, 3 errors, 0 warnings"


def test_missing_or_empty_folder_is_an_error(toy, tmp_path):
    (tmp_path / "empty").mkdir()
    code, lines = check([tmp_path / "missing", tmp_path / "empty"])
    assert code == 1
    assert lines == [
        f"{tmp_path / 'missing'}: (file): no such folder",
        f"{tmp_path / 'empty'}: (file): no lesson files (*.toml) in this folder",
        "0 lessons, 0 steps, 0 challenges replayed, 2 errors, 0 warnings",
    ]


def test_choice_whose_answer_is_not_an_option(toy, write):
    # w = -1, b = 0.5, x[0] = 1 -> y = -0.5 -> "neg"; offer only "pos" and "zero".
    folder = write(TOY_LESSON.replace('key = "neg"', 'key = "zero"')).parent
    code, lines = check([folder])
    assert code == 1
    assert lines[0].endswith(
        "lesson.toml:33: steps[1].challenge.options: scene 'toy' gives 'sign' = 'neg' for these "
        "params, which is not one of the option keys (pos, zero); add an option with key = 'neg'"
    )


def test_tune_goal_not_reached_with_suggested(toy, write):
    folder = write(
        TOY_LESSON.replace("suggested = { w = 1.0, b = 0.0 }", "suggested = { w = 1.0, b = 0.5 }")
    ).parent
    code, lines = check([folder])
    assert code == 1
    assert lines[0].endswith(
        "lesson.toml:52: steps[2].challenge.suggested: the goal (loss below 0.01) is not reached "
        "with the suggested settings: loss = 0.25"
    )


def test_tune_goal_already_reached_is_a_warning(toy, write):
    folder = write(
        TOY_LESSON.replace(
            "params = { w = 3.0, b = 4.0, target = 1.0 }",
            "params = { w = 1.0, b = 0.0, target = 1.0 }",
        )
    ).parent
    code, lines = check([folder])
    assert code == 0
    assert lines[0].endswith(
        "lesson.toml:50: steps[2].challenge.goal: warning: the goal (loss below 0.01) already "
        "holds with the step's own params (loss = 0); there is nothing to tune"
    )
    assert check([folder], strict=True)[0] == 1


def test_scene_that_raises_while_building_is_reported(toy, write):
    text = TOY_LESSON.replace(
        "params = { w = 2.0, b = -1.0, x = [1.5, 0.0] }", "params = { w = 2.0, explode = true }"
    )
    code, lines = check([write(text).parent])
    assert code == 1
    assert lines[0].endswith(
        "lesson.toml:11: steps[0].challenge: scene 'toy' raised RuntimeError: the toy scene "
        "exploded on purpose while building its model from the step's params or computing 'y'"
    )


def test_quantity_that_raises_is_reported(toy, write):
    code, lines = check([write(TOY_LESSON.replace('answer = "y"', 'answer = "broken"')).parent])
    assert code == 1
    assert "raised ZeroDivisionError: division by zero" in lines[0]


def test_numeric_answer_that_is_not_finite(toy, write, monkeypatch):
    from tests.course import toy_scene

    monkeypatch.setattr(toy_scene.ToyModel, "quantity", lambda self, name: float("nan"))
    code, lines = check([write(TOY_LESSON).parent])
    assert code == 1
    assert lines[0].endswith(
        "lesson.toml:14: steps[0].challenge.answer: scene 'toy' computed nan for 'y'; "
        "a finite number is needed"
    )


def test_replay_uses_grading(toy, write, monkeypatch):
    """A grader that rejects the scene's own answer fails the check."""
    from tui9.course import check as check_module
    from tui9.course.grading import Verdict

    monkeypatch.setattr(check_module, "grade", lambda ch, model, response: Verdict(False, 1.0, 2.0))
    code, lines = check([write(TOY_LESSON).parent])
    assert code == 1
    assert "was not accepted when replayed" in lines[0]
