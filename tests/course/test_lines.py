"""Finding the line of a key path in TOML text."""

from __future__ import annotations

from tui9.course.lines import format_path, key_lines, line_of

DOC = '''\
# a comment with "quotes" and [brackets]
format_version = 1
"quoted key" = 'literal [not a table]'
title.en = """
[[steps]]  <- inside a string, not a table
"""
title.ko = \'\'\'also
[not a table]\'\'\'

[[steps]]   # first step
scene = "a"
params = { w = [1, 2], "odd key" = { x = 3 }, m = [[1, 2],
  [3, 4]] }

[steps.challenge]
options = [
  { key = "a" },   # comment, with a comma
  { key = "b" },
]

[[steps]]
scene = "b"

[steps . params]
v = [
  0.5,
  [6, 7],
]

[[steps.challenge.options]]
key = "c"

[[steps.challenge.options]]
key = "d"
'''


def test_key_lines_follow_tables_arrays_and_strings():
    lines = key_lines(DOC)
    expect = {
        ("format_version",): 2,
        ("quoted key",): 3,
        ("title",): 4,
        ("title", "en"): 4,
        ("title", "ko"): 7,
        ("steps",): 10,
        ("steps", 0): 10,
        ("steps", 0, "scene"): 11,
        ("steps", 0, "params", "w", 1): 12,
        ("steps", 0, "params", "odd key", "x"): 12,
        ("steps", 0, "params", "m", 1, 0): 13,
        ("steps", 0, "challenge"): 15,
        ("steps", 0, "challenge", "options", 1, "key"): 18,
        ("steps", 1): 21,
        ("steps", 1, "params"): 24,
        ("steps", 1, "params", "v", 0): 26,
        ("steps", 1, "params", "v", 1, 1): 27,
        ("steps", 1, "challenge", "options", 0): 30,
        ("steps", 1, "challenge", "options", 1, "key"): 34,
    }
    assert {k: lines.get(k) for k in expect} == expect
    assert ("steps", 2) not in lines  # the [[steps]] inside a string is not a table


def test_line_of_falls_back_to_the_closest_written_ancestor():
    lines = key_lines(DOC)
    assert line_of(lines, ("steps", 0, "challenge", "kind")) == 15
    assert line_of(lines, ("steps", 1, "params", "v", 0, 9)) == 26
    assert line_of(lines, ("nothing",)) is None


def test_format_path():
    assert format_path(("steps", 2, "challenge", "options", 1, "key")) == (
        "steps[2].challenge.options[1].key"
    )
    assert format_path(("steps", 3, "params", "W1", 1, 0)) == "steps[3].params.W1[1][0]"
    assert format_path(("title",)) == "title"
    assert format_path(("params", "odd key")) == 'params."odd key"'
    assert format_path(()) == ""


def test_garbage_never_raises():
    for text in ["[[", "a = [1, {", 'x = """', "= = =", "[a.\n", "a = {b = [}", "\x00\xff", "]]]"]:
        assert isinstance(key_lines(text), dict)
