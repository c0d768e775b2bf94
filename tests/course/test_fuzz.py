"""Random byte-level and key-level mutations of valid lessons never raise out of the loader.

Whatever a file holds, the loader (and `tui9 check`) answer with Problems, never a traceback.
"""

from __future__ import annotations

import io
import json
import math
import os
import re
import tempfile
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.course.conftest import TOY_LESSON, use_scenes
from tests.course.test_readme import example_lesson
from tests.course.toy_scene import TOY
from tui9.course.check import run_check
from tui9.course.lines import key_lines
from tui9.course.loader import load_course, load_lesson_file
from tui9.course.schema import Lesson, Problem

#: A longer local run: TUI9_FUZZ_EXAMPLES=5000 pytest tests/course/test_fuzz.py
SETTINGS = settings(
    max_examples=int(os.environ.get("TUI9_FUZZ_EXAMPLES", "100")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

TOKENS = [
    b"[",
    b"]",
    b"{",
    b"}",
    b'"',
    b"'",
    b"'''",
    b'"""',
    b"=",
    b"\n",
    b"[[steps]]\n",
    b"[steps.challenge]\n",
    b"\xff",
    b"\xe9",
    b"\x00",
    b"nan",
    b"-inf",
    b"1e999",
    b".",
    b",",
    b"#",
    b"\\",
    b"\xef\xbb\xbf",
    b"steps = []\n",
    b"[[steps.challenge.options]]\n",
]

byte_mutation = st.one_of(
    st.tuples(st.just("insert"), st.integers(0, 10**6), st.binary(min_size=1, max_size=8)),
    st.tuples(st.just("token"), st.integers(0, 10**6), st.sampled_from(TOKENS)),
    st.tuples(st.just("delete"), st.integers(0, 10**6), st.integers(1, 40)),
    st.tuples(st.just("replace"), st.integers(0, 10**6), st.binary(min_size=1, max_size=4)),
    st.tuples(st.just("truncate"), st.integers(0, 10**6), st.just(0)),
    st.tuples(st.just("duplicate"), st.integers(0, 10**6), st.integers(1, 120)),
)


def mutate_bytes(data: bytes, mutations: list[tuple[str, int, Any]]) -> bytes:
    for op, pos, arg in mutations:
        pos %= len(data) + 1
        if op in ("insert", "token"):
            data = data[:pos] + arg + data[pos:]
        elif op == "delete":
            data = data[:pos] + data[pos + arg :]
        elif op == "replace":
            data = data[:pos] + arg + data[pos + len(arg) :]
        elif op == "truncate":
            data = data[:pos]
        else:
            data = data[:pos] + data[pos : pos + arg] + data[pos:]
    return data


# ------------------------------------------------------------------------------------
# Key-level: mutate the parsed document, then write it back as TOML.
# ------------------------------------------------------------------------------------
BARE = re.compile(r"[A-Za-z0-9_-]+")
scalars = st.one_of(
    st.booleans(),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(
        [
            "toy",
            "perceptron",
            "numeric",
            "choice",
            "tune",
            "y",
            "sign",
            "loss",
            "gate",
            "z",
            "errors",
            "w",
            "b",
            "en",
            "ko",
            "",
        ]
    ),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.sampled_from(["en", "ko", "key", "text", "below", "above", "w", "b", "kind", "x"])
            | st.text(max_size=6),
            inner,
            max_size=4,
        ),
    ),
    max_leaves=10,
)
key_mutation = st.tuples(
    st.sampled_from(["delete", "rename", "set", "wrap", "insert"]),
    st.integers(0, 10**6),
    st.text(max_size=10)
    | st.sampled_from(
        [
            "kind",
            "answer",
            "options",
            "goal",
            "params",
            "text",
            "requires",
            "id",
            "steps",
            "challenge",
        ]
    ),
    values,
)


def toml_key(key: str) -> str:
    return key if BARE.fullmatch(key) else json.dumps(key)


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return "{ " + ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items()) + " }"


def to_toml(doc: dict[str, Any]) -> str:
    return "".join(f"{toml_key(k)} = {toml_value(v)}\n" for k, v in doc.items())


def containers(node: Any) -> list[Any]:
    """Every table and array in ``node`` (itself included)."""
    found = [node]
    children = node.values() if isinstance(node, dict) else node
    for child in children:
        if isinstance(child, dict | list):
            found.extend(containers(child))
    return found


def mutate_keys(doc: dict[str, Any], mutations: list[tuple[str, int, str, Any]]) -> None:
    for op, pick, name, value in mutations:
        nodes = containers(doc)
        node = nodes[pick % len(nodes)]
        if isinstance(node, list):
            if not node or op == "insert":
                node.insert(pick % (len(node) + 1), value)
            elif op == "delete":
                node.pop(pick % len(node))
            else:
                node[pick % len(node)] = value if op != "wrap" else [node[pick % len(node)]]
            continue
        keys = list(node)
        if not keys or op == "insert":
            node[name] = value
            continue
        key = keys[pick % len(keys)]
        if op == "delete":
            del node[key]
        elif op == "rename":
            node[name] = node.pop(key)
        elif op == "set":
            node[key] = value
        else:
            node[key] = [node[key]]


# ------------------------------------------------------------------------------------
def assert_only_problems(path: Path) -> None:
    lesson, problems = load_lesson_file(path)
    assert lesson is None or isinstance(lesson, Lesson)
    assert all(isinstance(p, Problem) for p in problems)
    if lesson is None:
        assert any(p.severity == "error" for p in problems)
    else:
        assert all(p.severity == "warning" for p in problems)
    for p in problems:
        assert str(p).startswith(str(path))
        assert p.line is None or p.line >= 1
    course = load_course([path.parent])
    assert len(course.lessons) + len(course.broken) == 1
    assert run_check([path.parent], out=io.StringIO()) in (0, 1)


SOURCES = {"toy": TOY_LESSON, "readme": None}


def source(name: str) -> str:
    return TOY_LESSON if name == "toy" else example_lesson()


@pytest.mark.parametrize("name", sorted(SOURCES))
@SETTINGS
@given(mutations=st.lists(byte_mutation, min_size=1, max_size=6))
def test_byte_mutations_never_raise(name, mutations):
    data = mutate_bytes(source(name).encode("utf-8"), mutations)
    with pytest.MonkeyPatch.context() as mp, tempfile.TemporaryDirectory() as tmp:
        if name == "toy":
            use_scenes(mp, TOY)
        path = Path(tmp) / "lesson.toml"
        path.write_bytes(data)
        assert_only_problems(path)
        key_lines(data.decode("utf-8", "replace"))  # the line finder alone never raises


@pytest.mark.parametrize("name", sorted(SOURCES))
@SETTINGS
@given(mutations=st.lists(key_mutation, min_size=1, max_size=4))
def test_key_mutations_never_raise(name, mutations):
    doc = tomllib.loads(source(name))
    mutate_keys(doc, mutations)
    with pytest.MonkeyPatch.context() as mp, tempfile.TemporaryDirectory() as tmp:
        if name == "toy":
            use_scenes(mp, TOY)
        path = Path(tmp) / "lesson.toml"
        path.write_text(to_toml(doc), encoding="utf-8")
        assert_only_problems(path)


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_round_trip_of_the_writer_keeps_lessons_valid(name):
    """The key-level writer itself produces valid lessons (so mutants differ only by mutation)."""
    with pytest.MonkeyPatch.context() as mp, tempfile.TemporaryDirectory() as tmp:
        use_scenes(mp, TOY) if name == "toy" else None
        path = Path(tmp) / "lesson.toml"
        path.write_text(to_toml(tomllib.loads(source(name))), encoding="utf-8")
        lesson, problems = load_lesson_file(path)
        assert lesson is not None and problems == []
        assert run_check([path.parent], strict=True, out=io.StringIO()) == 0
