"""The lesson loader: valid files become dataclasses; every problem names file, line, key."""

from __future__ import annotations

import pytest

from tests.course.conftest import TOY_LESSON, use_scenes
from tests.course.toy_scene import TOY
from tui9.course.loader import load_course, load_lesson_file
from tui9.course.schema import Goal, Problem, Text


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def only_error(problems: list[Problem]) -> Problem:
    found = errors(problems)
    assert len(found) == 1, "\n".join(map(str, problems))
    return found[0]


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) >= 1, old
    return text.replace(old, new, 1)


def test_valid_lesson_becomes_dataclasses(toy, write):
    lesson, problems = load_lesson_file(write(TOY_LESSON))
    assert problems == []
    assert lesson is not None
    assert lesson.id == "toy-basics"
    assert lesson.title == Text("Toy basics", "장난감 기초")
    assert lesson.summary == Text("A lesson for tests.", "테스트용 레슨.")
    assert [s.scene for s in lesson.steps] == ["toy", "toy", "toy"]
    assert [s.line for s in lesson.steps] == [6, 19, 41]
    first, second, third = lesson.steps
    # Params are validated with defaults filled in, and read-only.
    assert first.params["w"] == 2.0 and first.params["x"] == [1.5, 0.0]
    assert first.params["act"] == "sigmoid" and first.params["sizes"] == [2]
    with pytest.raises(TypeError):
        first.params["w"] = 3.0  # type: ignore[index]
    assert first.challenge is not None and first.challenge.tolerance == 0.01
    assert first.challenge.hints == (Text("Multiply first.", "먼저 곱하세요."),)
    assert second.params["b"] == 0.5 and second.title == Text("Sign", "부호")
    assert second.challenge is not None
    assert [o.key for o in second.challenge.options] == ["pos", "neg"]
    tune = third.challenge
    assert tune is not None and tune.kind == "tune"
    assert tune.goal == Goal(quantity="loss", below=0.01, above=None)
    assert tune.controls == ("w", "b") and dict(tune.suggested) == {"w": 1.0, "b": 0.0}


def test_plain_strings_are_english_with_a_warning(toy, write):
    text = replace_once(
        TOY_LESSON, 'title = { en = "Toy basics", ko = "장난감 기초" }', 'title = "Toy basics"'
    )
    lesson, problems = load_lesson_file(write(text))
    assert lesson is not None and lesson.title == Text("Toy basics")
    assert lesson.title.get("ko") == "Toy basics"  # falls back to English
    assert [str(p) for p in problems] == [
        f"{lesson.path}:3: title: warning: no Korean text; English will be shown "
        '(write { en = "...", ko = "..." })'
    ]


def test_table_without_korean_is_a_warning_and_empty_text_an_error(toy, write):
    text = replace_once(TOY_LESSON, ', ko = "y 는?" }', " }")
    text = replace_once(text, '{ en = "positive", ko = "양수" }', '{ en = " ", ko = "양수" }')
    lesson, problems = load_lesson_file(write(text))
    assert lesson is None
    warning = [p for p in problems if p.severity == "warning"]
    assert [(p.line, p.key) for p in warning] == [(13, "steps[0].challenge.ask")]
    error = only_error(problems)
    assert (error.line, error.key, error.message) == (
        35,
        "steps[1].challenge.options[0].text.en",
        "must not be empty",
    )


def test_text_needs_english_and_known_languages(toy, write):
    text = replace_once(
        TOY_LESSON,
        '{ en = "Toy basics", ko = "장난감 기초" }',
        '{ ko = "장난감 기초", fr = "Jouet" }',
    )
    _, problems = load_lesson_file(write(text))
    found = {(p.line, p.key): p.message for p in errors(problems)}
    assert found[(3, "title.en")] == "missing; every text needs English ('en')"
    assert found[(3, "title.fr")].startswith("unknown language 'fr'")


@pytest.mark.parametrize(
    ("old", "new", "line", "key", "message"),
    [
        ('id = "toy-basics"', 'id = "Toy Basics"', 2, "id", "must be a slug"),
        ('id = "toy-basics"', "id = 7", 2, "id", "must be a string, got an integer"),
        (
            "format_version = 1",
            "format_version = 2",
            1,
            "format_version",
            "unsupported format_version 2; this version of tui9 reads format_version = 1",
        ),
        (
            "format_version = 1",
            'format_version = "1"',
            1,
            "format_version",
            "must be the integer 1, got a string",
        ),
        ("summary = {", "sumary = {", 4, "sumary", "did you mean 'summary'?"),
        (
            'scene = "toy"\nparams = { w = 2.0',
            'scene = "toi"\nparams = { w = 2.0',
            7,
            "steps[0].scene",
            "unknown scene 'toi'; did you mean 'toy'? (known: toy)",
        ),
        (
            "w = 2.0, b = -1.0, x = [1.5, 0.0]",
            "w = 2.0, b = -1.0, x = [1.5, true]",
            8,
            "steps[0].params.x[1]",
            "must be a number, got boolean",
        ),
        (
            "w = 2.0, b = -1.0, x = [1.5, 0.0]",
            "w = 20.0, b = -1.0",
            8,
            "steps[0].params.w",
            "must be <= 10, got 20",
        ),
        (
            "w = 2.0, b = -1.0, x = [1.5, 0.0]",
            "w = 2.0, b = -1.0, x = [1.5]",
            8,
            "steps[0].params.x",
            "must have 2 elements, got 1",
        ),
        (
            "w = 2.0, b = -1.0, x = [1.5, 0.0]",
            'w = 2.0, act = "tanh"',
            8,
            "steps[0].params.act",
            "must be one of sigmoid, relu; got 'tanh'",
        ),
        (
            "w = 2.0, b = -1.0, x = [1.5, 0.0]",
            "w = 2.0, M = [[1, 2], [3]]",
            8,
            "steps[0].params.M",
            "rows must all have the same, non-zero length",
        ),
        (
            "w = 2.0, b = -1.0, x = [1.5, 0.0]",
            "w = 2.0, sizes = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]",
            8,
            "steps[0].params.sizes",
            "must not list more than len(x) + 8 sizes",
        ),
        (
            "w = 2.0, b = -1.0, x = [1.5, 0.0]",
            "w = 2.0, lr = 0.1",
            8,
            "steps[0].params.lr",
            "unknown parameter for scene 'toy'",
        ),
        (
            'answer = "y"',
            'answer = "why"',
            14,
            "steps[0].challenge.answer",
            "unknown quantity 'why' for scene 'toy' (known: y, sign, loss, broken)",
        ),
        (
            'answer = "y"',
            'answer = "sign"',
            14,
            "steps[0].challenge.answer",
            "'sign' is an option quantity; a numeric challenge needs a number quantity",
        ),
        (
            "tolerance = 0.01",
            "tolerance = -1",
            15,
            "steps[0].challenge.tolerance",
            "must be >= 0, got -1",
        ),
        (
            "tolerance = 0.01",
            'tolerance = "small"',
            15,
            "steps[0].challenge.tolerance",
            "must be a number, got a string",
        ),
        (
            "tolerance = 0.01\n",
            "",
            11,
            "steps[0].challenge.tolerance",
            "missing; a challenge needs 'tolerance'",
        ),
        (
            'kind = "numeric"',
            'kind = "essay"',
            12,
            "steps[0].challenge.kind",
            "must be one of numeric, choice, tune; got 'essay'",
        ),
        (
            'answer = "sign"',
            'answer = "sign"\ntolerance = 0.5',
            32,
            "steps[1].challenge.tolerance",
            "only for numeric challenges; this one has kind = 'choice'",
        ),
        (
            'key = "neg"',
            'key = "pos"',
            38,
            "steps[1].challenge.options[1].key",
            "duplicate option key 'pos' (also options[0])",
        ),
        (
            'key = "neg"',
            'kee = "neg"',
            38,
            "steps[1].challenge.options[1].kee",
            "unknown key 'kee'; did you mean 'key'?",
        ),
        (
            "goal = { below = 0.01 }",
            "goal = { under = 0.01 }",
            50,
            "steps[2].challenge.goal.under",
            "unknown key 'under'",
        ),
        (
            "goal = { below = 0.01 }",
            "goal = { below = 0.01, above = 1 }",
            50,
            "steps[2].challenge.goal",
            "can never be reached: needs above (1) < below (0.01)",
        ),
        (
            "goal = { below = 0.01 }",
            "goal = {}",
            50,
            "steps[2].challenge.goal",
            "needs 'below' and/or 'above'",
        ),
        (
            'controls = ["w", "b"]',
            'controls = ["w", "target"]',
            51,
            "steps[2].challenge.controls[1]",
            "parameter 'target' of scene 'toy' is not tunable (tunable: w, b)",
        ),
        (
            'controls = ["w", "b"]',
            'controls = ["w", "bb"]',
            51,
            "steps[2].challenge.controls[1]",
            "unknown parameter 'bb' for scene 'toy'; did you mean 'b'?",
        ),
        (
            'controls = ["w", "b"]',
            "controls = []",
            51,
            "steps[2].challenge.controls",
            "must name at least one parameter",
        ),
        (
            "suggested = { w = 1.0, b = 0.0 }",
            "suggested = { w = 1.0, b = 99 }",
            52,
            "steps[2].challenge.suggested.b",
            "must be <= 10, got 99",
        ),
        (
            "suggested = { w = 1.0, b = 0.0 }",
            "suggested = { w = 1.0, target = 1.0 }",
            52,
            "steps[2].challenge.suggested.target",
            "'target' is not one of this challenge's controls (w, b)",
        ),
    ],
)
def test_one_problem_names_line_and_key(toy, write, old, new, line, key, message):
    path = write(replace_once(TOY_LESSON, old, new))
    lesson, problems = load_lesson_file(path)
    assert lesson is None
    problem = only_error(problems)
    assert (problem.path, problem.line, problem.key) == (path, line, key), str(problem)
    assert message in problem.message
    assert str(problem).startswith(f"{path}:{line}: {key}: ")


def test_missing_keys_are_reported_at_their_table(toy, write):
    text = "format_version = 1\n\n[[steps]]\nparams = {}\n"
    _, problems = load_lesson_file(write(text))
    found = {(p.line, p.key, p.message) for p in errors(problems)}
    assert found == {
        (1, "id", "missing; a lesson needs 'id'"),
        (1, "title", "missing; a lesson needs 'title'"),
        (3, "steps[0].scene", "missing; a step needs 'scene'"),
        (3, "steps[0].text", "missing; a step needs 'text'"),
    }


def test_every_problem_is_collected_not_just_the_first(toy, write):
    text = replace_once(TOY_LESSON, 'id = "toy-basics"', 'id = "Bad Id"\ncolour = 3')
    text = replace_once(text, "tolerance = 0.01", "tolerance = -0.01")
    text = replace_once(text, "w = 3.0, b = 4.0", "w = 30.0, b = 4.0")
    _, problems = load_lesson_file(write(text))
    assert [p.key for p in errors(problems)] == [
        "id",
        "colour",
        "steps[0].challenge.tolerance",
        "steps[2].params.w",
    ]


def test_empty_steps_and_wrong_types(toy, write):
    text = 'format_version = 1\nid = "a"\ntitle = "A"\nrequires = "b"\nsteps = []\n'
    _, problems = load_lesson_file(write(text))
    found = {(p.line, p.key, p.message) for p in errors(problems)}
    assert found == {
        (4, "requires", "must be an array, got a string"),
        (5, "steps", "a lesson needs at least one step ([[steps]])"),
    }


def test_steps_must_be_tables(toy, write):
    text = 'format_version = 1\nid = "a"\ntitle = "A"\nsteps = [1, "two"]\n'
    _, problems = load_lesson_file(write(text))
    assert [(p.line, p.key) for p in errors(problems)] == [(4, "steps[0]"), (4, "steps[1]")]
    assert errors(problems)[0].message == "must be a table (a step), got an integer"


def test_scene_whose_check_raises_is_a_problem_not_a_crash(monkeypatch, write):
    from dataclasses import replace

    def bad_check(values):
        raise ArithmeticError("bad check")

    use_scenes(monkeypatch, replace(TOY, check=bad_check))
    lesson, problems = load_lesson_file(write(TOY_LESSON))
    assert lesson is None
    assert {p.key for p in errors(problems)} == {
        "steps[0].params",
        "steps[1].params",
        "steps[2].params",
    }
    assert "failed to check these params: ArithmeticError: bad check" in errors(problems)[0].message


def test_scene_registry_that_raises_is_a_problem(monkeypatch, write):
    def broken():
        raise ImportError("scene module is broken")

    monkeypatch.setattr("tui9.scenes.scenes", broken)
    lesson, problems = load_lesson_file(write(TOY_LESSON))
    assert lesson is None
    assert "the scene registry failed to load: ImportError" in errors(problems)[0].message


def test_lines_inside_inline_tables_and_arrays(toy, write):
    text = replace_once(TOY_LESSON, "x = [1.5, 0.0]", "x = [\n  1.5,\n  false,\n]")
    path = write(text)
    _, problems = load_lesson_file(path)
    assert [(p.line, p.key) for p in errors(problems)] == [(10, "steps[0].params.x[1]")]


# --------------------------------------------------------------------------------------
# A course: folders, order, cross-file problems
# --------------------------------------------------------------------------------------
def lesson_text(lesson_id: str, requires: list[str] | None = None, title: str = "T") -> str:
    req = f"requires = {requires!r}\n".replace("'", '"') if requires is not None else ""
    return (
        f'format_version = 1\nid = "{lesson_id}"\ntitle = {{ en = "{title}", ko = "제목" }}\n'
        f'{req}\n[[steps]]\nscene = "toy"\ntext = {{ en = "t", ko = "본문" }}\n'
    )


def test_course_orders_by_file_name_and_keeps_broken_ones(toy, write):
    write(lesson_text("second"), "02-b.toml")
    write(lesson_text("first"), "01-a.toml")
    write('format_version = 1\nid = "third"\ntitle = { en = "Third" }\n', "03-c.toml")
    write("not toml at all = = =", "04-d.toml")
    folder = write("not a lesson", "notes.txt").parent
    course = load_course([folder])
    assert [les.id for les in course.lessons] == ["first", "second"]
    assert [(b.id, b.title.en) for b in course.broken] == [("third", "Third"), ("04-d", "04-d")]
    assert course.broken[0].problems[0].key == "steps"
    assert course.broken[1].problems[0].message.startswith("TOML syntax error")
    assert {p.path.name for p in course.problems} == {"03-c.toml", "04-d.toml"}


def test_duplicate_ids_across_files(toy, write):
    first = write(lesson_text("same"), "01.toml")
    second = write(lesson_text("same"), "02.toml")
    course = load_course([first.parent])
    assert [les.path for les in course.lessons] == [first]
    problem = only_error(list(course.problems))
    assert (problem.path, problem.line, problem.key) == (second, 2, "id")
    assert problem.message == f"duplicate id 'same': {first} already uses it"


def test_requires_pointing_nowhere(toy, write):
    path = write(lesson_text("b", ["a", "zz"]), "b.toml")
    write(lesson_text("a"), "a.toml")
    course = load_course([path.parent])
    assert [les.id for les in course.lessons] == ["a"]
    problem = only_error(list(course.problems))
    assert (problem.path, problem.line, problem.key) == (path, 4, "requires[1]")
    assert problem.message == "no lesson has the id 'zz'"
    assert course.broken[0].id == "b"


def test_requires_cycles_break_every_lesson_on_the_cycle(toy, write):
    folder = write(lesson_text("a", ["c"]), "a.toml").parent
    write(lesson_text("b", ["a"]), "b.toml")
    write(lesson_text("c", ["b"]), "c.toml")
    write(lesson_text("d", ["a"]), "d.toml")  # depends on the cycle but is not on it
    write(lesson_text("e", ["e"]), "e.toml")  # requires itself
    course = load_course([folder])
    assert [les.id for les in course.lessons] == ["d"]
    messages = {p.path.name: (p.line, p.key, p.message) for p in course.errors}
    assert messages["a.toml"] == (
        4,
        "requires[0]",
        "requires form a cycle: a -> c -> b -> a; no lesson on it could ever be opened",
    )
    assert messages["b.toml"][2].startswith("requires form a cycle: b -> a -> c -> b")
    assert messages["e.toml"][2].startswith("requires form a cycle: e -> e")
    assert "d.toml" not in messages


def test_requires_may_point_across_folders(toy, write):
    a = write(lesson_text("a"), "a.toml", folder="one")
    b = write(lesson_text("b", ["a"]), "b.toml", folder="two")
    course = load_course([b.parent, a.parent])
    assert [les.id for les in course.lessons] == ["b", "a"]
    assert course.problems == ()


def test_missing_and_empty_folders_are_errors(toy, tmp_path):
    (tmp_path / "empty").mkdir()
    course = load_course([tmp_path / "nope", tmp_path / "empty"])
    assert [(p.path.name, p.message) for p in course.errors] == [
        ("nope", "no such folder"),
        ("empty", "no lesson files (*.toml) in this folder"),
    ]
    assert course.lessons == () and course.broken == ()


def test_a_single_file_may_be_given(toy, write):
    path = write(lesson_text("solo"), "solo.toml")
    course = load_course([path, path.parent])  # the same file twice is loaded once
    assert [les.id for les in course.lessons] == ["solo"]
    assert course.problems == ()
