"""tests/data/bad_lessons: one broken file (or folder) per kind of problem.

Each test asserts the printed problem names the file, the line and the key path, and
says what is wrong. These use the real scenes (activation, perceptron, network).
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from tui9.course.check import run_check
from tui9.course.files import MAX_FILE_BYTES
from tui9.course.loader import load_course, load_lesson_file

BAD = Path(__file__).resolve().parents[1] / "data" / "bad_lessons"

# file -> (line, key path, a part of the message); line None = the whole file.
SINGLE_FILE = {
    "syntax-error.toml": (11, "", "TOML syntax error: Invalid value (column 8)"),
    "truncated.toml": (12, "", "Unterminated string at the end of the file (is the file truncated"),
    "empty.toml": (None, "", "file is empty"),
    "not-utf8.toml": (3, "", "not valid UTF-8 (byte 0xe9 at column 20)"),
    "format-version-missing.toml": (
        1,
        "format_version",
        "missing; start the file with format_version = 1",
    ),
    "format-version-unsupported.toml": (1, "format_version", "unsupported format_version 2"),
    "unknown-key.toml": (8, "steps[0].txet", "unknown key 'txet'; did you mean 'text'?"),
    "missing-key.toml": (10, "steps[0].challenge.answer", "missing; a challenge needs 'answer'"),
    "wrong-type.toml": (14, "steps[0].challenge.tolerance", "must be a number, got a string"),
    "empty-steps.toml": (4, "steps", "a lesson needs at least one step"),
    "empty-text.toml": (8, "steps[0].text.en", "must not be empty"),
    "unknown-scene.toml": (
        6,
        "steps[0].scene",
        "unknown scene 'activations'; did you mean 'activation'? (known: activation, ",
    ),
    "param-out-of-range.toml": (7, "steps[0].params.z", "must be <= 50, got 99"),
    "param-bad-enum.toml": (
        7,
        "steps[0].params.activation",
        "must be one of identity, step, sigmoid, tanh, relu, leaky_relu; got 'softmax'",
    ),
    "param-wrong-shape.toml": (
        11,
        "steps[0].params.W1",
        "rows must all have the same, non-zero length",
    ),
    "unknown-quantity.toml": (
        13,
        "steps[0].challenge.answer",
        "unknown quantity 'derivative' for scene 'activation' (known: f_at_z, df_at_z, ",
    ),
    "wrong-kind-key.toml": (
        15,
        "steps[0].challenge.options",
        "only for choice challenges; this one has kind = 'numeric'",
    ),
    "not-tunable-control.toml": (
        15,
        "steps[0].challenge.controls[1]",
        "parameter 'range' of scene 'activation' is not tunable (tunable: ",
    ),
    "duplicate-option.toml": (
        17,
        "steps[0].challenge.options[2].key",
        "duplicate option key 'AND' (also options[0])",
    ),
    "array-too-large.toml": (7, "steps[0].params.z", "array is too large: more than 4096 elements"),
}

# Problems only `tui9 check` finds, by replaying the challenge.
REPLAY = {
    "replay-choice-not-an-option.toml": (
        14,
        "steps[0].challenge.options",
        "scene 'perceptron' "
        "gives 'gate' = 'AND' for these params, which is not "
        "one of the option keys (NAND, OR, XOR)",
    ),
    "replay-tune-unreachable.toml": (
        16,
        "steps[0].challenge.suggested",
        "the goal (df_at_z "
        "above 0.2) is not reached with the suggested settings: "
        "df_at_z = 0.0451767",
    ),
}

# Problems across files: folder -> (file, line, key, message part).
FOLDERS = {
    "duplicate-id": ("02-second.toml", 2, "id", "duplicate id 'same-id': "),
    "requires-unknown": ("only.toml", 4, "requires[0]", "no lesson has the id 'ghost-lesson'"),
    "requires-cycle": (
        "a.toml",
        4,
        "requires[0]",
        "requires form a cycle: cycle-a -> cycle-b -> cycle-a",
    ),
}


def test_every_bad_lesson_is_covered():
    files = {p.name for p in BAD.glob("*.toml")}
    folders = {p.name for p in BAD.iterdir() if p.is_dir()}
    assert files == set(SINGLE_FILE) | set(REPLAY) | {"missing-korean.toml"}
    assert folders == set(FOLDERS)
    assert len(files) + len(folders) >= 15


@pytest.mark.parametrize("name", sorted(SINGLE_FILE))
def test_bad_file(name):
    path = BAD / name
    line, key, message = SINGLE_FILE[name]
    lesson, problems = load_lesson_file(path)
    assert lesson is None
    errors = [p for p in problems if p.severity == "error"]
    assert len(errors) == 1, "\n".join(map(str, problems))
    problem = errors[0]
    assert (problem.path, problem.line, problem.key) == (path, line, key)
    assert message in problem.message
    where = f"{path}:{line}" if line else str(path)
    assert str(problem).startswith(f"{where}: {key or '(file)'}: ")
    # The same file in a folder: reported by `tui9 check`, which exits 1.
    out = io.StringIO()
    assert run_check([path], out=out) == 1
    assert str(problem) in out.getvalue().splitlines()


@pytest.mark.parametrize("name", sorted(REPLAY))
def test_bad_replay(name):
    path = BAD / name
    line, key, message = REPLAY[name]
    lesson, problems = load_lesson_file(path)
    assert lesson is not None and problems == []  # a well-formed file ...
    out = io.StringIO()
    assert run_check([path], strict=True, out=out) == 1  # ... whose challenge fails replay
    first = out.getvalue().splitlines()[0]
    assert first.startswith(f"{path}:{line}: {key}: ")
    assert message in first


@pytest.mark.parametrize("folder", sorted(FOLDERS))
def test_bad_folder(folder):
    name, line, key, message = FOLDERS[folder]
    course = load_course([BAD / folder])
    problems = [p for p in course.problems if p.path.name == name]
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.path, problem.line, problem.key) == (BAD / folder / name, line, key)
    assert message in problem.message
    assert name in {b.path.name for b in course.broken}
    assert run_check([BAD / folder], out=io.StringIO()) == 1


def test_missing_korean_is_a_warning_and_an_error_under_strict():
    path = BAD / "missing-korean.toml"
    lesson, problems = load_lesson_file(path)
    assert lesson is not None
    assert [str(p) for p in problems] == [
        f"{path}:12: steps[0].challenge.ask: warning: no Korean text; English will be shown "
        '(write { en = "...", ko = "..." })'
    ]
    assert lesson.steps[0].challenge is not None
    assert lesson.steps[0].challenge.ask.get("ko") == "What is f'(0)?"
    assert run_check([path], out=io.StringIO()) == 0
    assert run_check([path], strict=True, out=io.StringIO()) == 1


def test_file_over_the_size_limit_is_not_parsed(tmp_path):
    path = tmp_path / "huge.toml"
    good = (BAD / "missing-korean.toml").read_bytes()
    path.write_bytes(good + b"#" * (MAX_FILE_BYTES - len(good) + 1))
    lesson, problems = load_lesson_file(path)
    assert lesson is None
    assert [str(p) for p in problems] == [
        f"{path}: (file): file is larger than the limit of 1048576 bytes (1 MiB); a lesson file "
        "should be a few KiB"
    ]
    # Exactly at the limit is still read.
    path.write_bytes(good + b"#" * (MAX_FILE_BYTES - len(good)))
    assert load_lesson_file(path)[0] is not None


def test_whole_bad_folder_never_stops_the_good_ones(tmp_path):
    """One course holding every bad file plus one good lesson: the good one still loads."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    for name in [*SINGLE_FILE, *REPLAY, "missing-korean.toml"]:
        shutil.copy(BAD / name, folder / name)
    course = load_course([folder])
    assert [les.id for les in course.lessons] == [
        "missing-korean",
        "replay-choice-not-an-option",
        "replay-tune-unreachable",
    ]
    assert len(course.broken) == len(SINGLE_FILE)
