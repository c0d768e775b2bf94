"""Lessons are data: nothing in a lesson file is evaluated, imported or executed."""

from __future__ import annotations

import ast
import io
from pathlib import Path

from tests.course.conftest import TOY_LESSON
from tui9.course.check import run_check
from tui9.course.loader import load_lesson_file

PACKAGE = Path(__file__).resolve().parents[2] / "tui9"
FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__"}
FORBIDDEN_MODULES = {"pickle", "marshal", "shelve", "dill", "cloudpickle"}


def test_no_eval_exec_or_pickle_anywhere_in_the_package():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            where = f"{path.relative_to(PACKAGE.parent)}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Call):
                func = node.func
                if isinstance(func, ast.Name):
                    name = func.id
                else:  # builtins.eval(...), but not re.compile(...)
                    name = getattr(func, "attr", "")
                    name = "" if name == "compile" else name
                if name in FORBIDDEN_CALLS:
                    found.append(f"{where}: calls {name}()")
                for kw in node.keywords:
                    if kw.arg == "allow_pickle" and not (
                        isinstance(kw.value, ast.Constant) and kw.value.value is False
                    ):
                        found.append(f"{where}: allow_pickle")
            elif isinstance(node, ast.Import):
                found += [
                    f"{where}: imports {a.name}"
                    for a in node.names
                    if a.name.split(".")[0] in FORBIDDEN_MODULES
                ]
            elif (
                isinstance(node, ast.ImportFrom)
                and node.module
                and node.module.split(".")[0] in FORBIDDEN_MODULES
            ):
                found.append(f"{where}: imports from {node.module}")
    assert found == []


def test_code_in_a_lesson_is_only_text(toy, write, tmp_path):
    marker = tmp_path / "pwned"
    payload = f"__import__('os').system('touch {marker}')"
    text = TOY_LESSON.replace('text = { en = "y = w x + b"', f'text = {{ en = "{payload}"')
    text = text.replace('answer = "y"', f'answer = "{payload}"')
    text = text.replace("w = 2.0, b = -1.0", f'w = "{payload}", b = -1.0')
    path = write(text)
    lesson, problems = load_lesson_file(path)
    assert lesson is None
    assert {p.key for p in problems} == {"steps[0].params.w", "steps[0].challenge.answer"}
    assert run_check([path.parent], out=io.StringIO()) == 1
    assert not marker.exists()
