"""The scene reference for lesson authors, generated from the registered scenes.

``python -m tui9.course.docs`` rewrites the part of lessons/README.md between
``<!-- scenes:begin -->`` and ``<!-- scenes:end -->``; ``--check`` only reports
whether it is up to date (exit 1 if not).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import tui9.scenes as registry
from tui9.paths import packaged_lessons_dir
from tui9.scenes.base import Param, SceneSpec

BEGIN = "<!-- scenes:begin -->"
END = "<!-- scenes:end -->"
COMMAND = "python -m tui9.course.docs"


def default_readme() -> Path:
    """lessons/README.md of this checkout (or of the installed package)."""
    return packaged_lessons_dir() / "README.md"


def toml_value(value: Any) -> str:
    """``value`` written as a lesson file would write it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return str(value)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _num(x: float | None) -> str:
    return "" if x is None else f"{x:g}"


def _range(p: Param) -> str:
    if p.min is not None and p.max is not None:
        return f"{_num(p.min)} to {_num(p.max)}"
    if p.min is not None:
        return f">= {_num(p.min)}"
    if p.max is not None:
        return f"<= {_num(p.max)}"
    return "any"


def _shape(p: Param) -> str:
    if not p.shape:
        return ""
    return "x".join("n" if s is None else str(s) for s in p.shape)


def _kind(p: Param) -> str:
    shape = _shape(p)
    if p.kind == "vector":
        return f"vector of {shape} numbers" if shape else "vector of numbers"
    if p.kind == "matrix":
        return f"matrix {shape} (rows of numbers)" if shape else "matrix (rows of numbers)"
    if p.kind == "int_list":
        return f"list of integers (at most {p.max_len})"
    if p.kind == "choice_list":
        return f"list of choices (1 to {p.max_len})"
    return p.kind


def _allowed(p: Param) -> str:
    if p.kind in ("choice", "choice_list"):
        return ", ".join(f"`{c}`" for c in p.choices)
    if p.kind == "bool":
        return "`true`, `false`"
    return _range(p) if p.kind != "int_list" else f"each {_range(p)}"


def _param_rows(spec: SceneSpec) -> list[str]:
    rows = [
        "| param | kind | default | allowed | tunable | meaning |",
        "|---|---|---|---|---|---|",
    ]
    for p in spec.params:
        rows.append(
            f"| `{p.name}` | {_cell(_kind(p))} | `{_cell(toml_value(p.default))}` | "
            f"{_cell(_allowed(p))} | {'yes' if p.tunable else ''} | {_cell(p.doc)} |"
        )
    return rows


def _quantity_rows(spec: SceneSpec, option_values: Mapping[str, Sequence[str]]) -> list[str]:
    rows = ["| quantity | kind | meaning |", "|---|---|---|"]
    for q in spec.quantities:
        kind = q.kind
        if q.kind == "option" and q.name in option_values:
            kind += ": " + ", ".join(f"`{v}`" for v in option_values[q.name])
        rows.append(f"| `{q.name}` | {_cell(kind)} | {_cell(q.doc)} |")
    return rows


def render_scene(spec: SceneSpec) -> str:
    """One scene's reference section in Markdown."""
    tunable = [f"`{p.name}`" for p in spec.params if p.tunable]
    lines = [
        f"### `{spec.name}`",
        "",
        _cell(spec.summary),
        "",
        *_param_rows(spec),
        "",
        "Quantities (what `answer` may name):",
        "",
        *_quantity_rows(spec, spec.option_values),
        "",
        "Tunable params (what a tune challenge's `controls` may list): "
        + (", ".join(tunable) if tunable else "none")
        + ".",
    ]
    return "\n".join(lines)


def render(specs: Mapping[str, SceneSpec] | None = None) -> str:
    """The whole generated section, markers included."""
    specs = registry.scenes() if specs is None else specs
    names = ", ".join(f"[`{n}`](#{n})" for n in specs)
    parts = [
        BEGIN,
        f"<!-- generated from the scene code by `{COMMAND}`; do not edit by hand -->",
        "",
        f"Scenes: {names or 'none'}.",
        "",
        *(render_scene(spec) + "\n" for spec in specs.values()),
        END,
    ]
    return "\n".join(parts)


def replace_section(text: str, section: str) -> str:
    """``text`` with the part between the markers (inclusive) replaced by ``section``."""
    start = text.find(BEGIN)
    end = text.find(END, start)
    if start < 0 or end < 0:
        raise ValueError(f"the markers {BEGIN} and {END} are missing")
    return text[:start] + section + text[end + len(END) :]


def main(argv: Sequence[str] | None = None) -> int:
    """Rewrite (or, with --check, verify) the scene reference in lessons/README.md."""
    parser = argparse.ArgumentParser(prog=COMMAND, description=__doc__.splitlines()[0])
    parser.add_argument("readme", nargs="?", type=Path, default=None, help="the README to update")
    parser.add_argument("--check", action="store_true", help="exit 1 if the README is stale")
    args = parser.parse_args(argv)
    path: Path = args.readme or default_readme()
    try:
        text = path.read_text(encoding="utf-8")
        updated = replace_section(text, render())
    except (OSError, ValueError) as exc:
        print(f"{COMMAND}: {path}: {exc}", file=sys.stderr)
        return 2
    if args.check:
        if updated != text:
            print(f"{path}: the scene reference is out of date; run `{COMMAND}`", file=sys.stderr)
            return 1
        return 0
    if updated != text:
        path.write_text(updated, encoding="utf-8")
        print(f"{path}: scene reference updated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
