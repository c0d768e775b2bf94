"""Lesson TOML files -> validated frozen dataclasses (``tui9.course.schema``).

Lessons are data: they are parsed with ``tomllib`` and checked against the format
(documented in lessons/README.md); nothing in them is evaluated, imported or run.
The loader never raises on a bad file: every problem becomes a ``Problem`` naming
the file, the line and the key path (``steps[2].challenge.options[1].key``).
"""

from __future__ import annotations

import difflib
import math
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from tui9.course.files import (
    SLUG,
    STEP_HEADER,
    best_text,
    lesson_files,
    read_lesson_text,
)
from tui9.course.lines import KeyPath, format_path, key_lines, line_of
from tui9.course.schema import (
    FORMAT_VERSION,
    BrokenLesson,
    Challenge,
    Course,
    Goal,
    Lesson,
    Option,
    Problem,
    Severity,
    Step,
    Text,
)
from tui9.scenes import get_scene, scene_names
from tui9.scenes.base import MAX_ARRAY_ELEMENTS, SceneSpec

#: At most this many problems are listed per file (then one line says how many more).
MAX_PROBLEMS_PER_FILE = 100

_SYNTAX_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_SYNTAX_END = re.compile(r"\s*\(at end of document\)\s*$")
_SUB_KEY = re.compile(r"^(.*?)((?:\[\d+\])*)$")

_LESSON_KEYS = {
    "format_version": True,
    "id": True,
    "title": True,
    "summary": False,
    "requires": False,
    "steps": True,
}
_STEP_KEYS = {"scene": True, "params": False, "text": True, "title": False, "challenge": False}
_CHALLENGE_COMMON = {"kind": True, "ask": True, "answer": True, "hints": False, "explain": False}
_CHALLENGE_KINDS: dict[str, dict[str, bool]] = {
    "numeric": {"tolerance": True},
    "choice": {"options": True},
    "tune": {"goal": True, "controls": True, "suggested": True},
}
_ANSWER_KIND = {"numeric": "number", "choice": "option", "tune": "number"}
_OPTION_KEYS = {"key": True, "text": True}
_GOAL_KEYS = {"below": False, "above": False}
_TEXT_KEYS = ("en", "ko")
_NO_KOREAN = 'no Korean text; English will be shown (write { en = "...", ko = "..." })'


# --------------------------------------------------------------------------------------
# Problem collection
# --------------------------------------------------------------------------------------
@dataclass
class _Ctx:
    """Problems found in one file, by key path (lines are looked up at the end)."""

    path: Path
    found: list[tuple[KeyPath, str, Severity]] = field(default_factory=list)

    def error(self, key: KeyPath, message: str) -> None:
        self.found.append((key, message, "error"))

    def warn(self, key: KeyPath, message: str) -> None:
        self.found.append((key, message, "warning"))

    @property
    def has_errors(self) -> bool:
        return any(sev == "error" for _, _, sev in self.found)


def _type_name(x: Any) -> str:
    if isinstance(x, bool):
        return "a boolean"
    if isinstance(x, int):
        return "an integer"
    if isinstance(x, float):
        return "a number"
    if isinstance(x, str):
        return "a string"
    if isinstance(x, list):
        return "an array"
    if isinstance(x, dict):
        return "a table"
    return f"a {type(x).__name__}"


def _closest(word: str, known: Iterable[str]) -> str | None:
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return close[0] if close else None


def _suggest(word: str, known: Iterable[str]) -> str:
    close = _closest(word, known)
    return f"; did you mean '{close}'?" if close else ""


def _known(names: Iterable[str]) -> str:
    names = list(names)
    return ", ".join(names) if names else "none"


def _check_table(
    ctx: _Ctx,
    value: Any,
    path: KeyPath,
    keys: Mapping[str, bool],
    what: str,
    vocabulary: Iterable[str] = (),
) -> bool:
    """``value`` must be a table with only ``keys`` (True = required). False if not a table.

    A missing key that an unknown key looks like a misspelling of is not reported twice.
    """
    if not isinstance(value, dict):
        ctx.error(path, f"must be a table ({what}), got {_type_name(value)}")
        return False
    meant: set[str] = set()
    for key in value:
        if key not in keys:
            close = _closest(key, [*keys, *vocabulary])
            if close:
                meant.add(close)
            hint = f"; did you mean '{close}'?" if close else ""
            ctx.error(
                (*path, key), f"unknown key '{key}'{hint} (allowed in {what}: {_known(keys)})"
            )
    for key, required in keys.items():
        if required and key not in value and key not in meant:
            ctx.error((*path, key), f"missing; {what} needs '{key}'")
    return True


def _check_array(ctx: _Ctx, value: Any, path: KeyPath) -> bool:
    if not isinstance(value, list):
        ctx.error(path, f"must be an array, got {_type_name(value)}")
        return False
    return True


def _number(ctx: _Ctx, value: Any, path: KeyPath, minimum: float | None = None) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        ctx.error(path, f"must be a number, got {_type_name(value)}")
        return None
    if not math.isfinite(value):
        ctx.error(path, f"must be a finite number, got {value}")
        return None
    if minimum is not None and value < minimum:
        ctx.error(path, f"must be >= {minimum:g}, got {value:g}")
        return None
    return float(value)


def _string(ctx: _Ctx, value: Any, path: KeyPath) -> str | None:
    if not isinstance(value, str):
        ctx.error(path, f"must be a string, got {_type_name(value)}")
        return None
    if not value.strip():
        ctx.error(path, "must not be empty")
        return None
    return value


def _text(ctx: _Ctx, value: Any, path: KeyPath) -> Text | None:
    """A Text: a plain string (English), or a table { en = "...", ko = "..." }."""
    if isinstance(value, str):
        if not value.strip():
            ctx.error(path, "must not be empty")
            return None
        ctx.warn(path, _NO_KOREAN)
        return Text(value)
    if not isinstance(value, dict):
        ctx.error(
            path,
            f'must be a string or a table {{ en = "...", ko = "..." }}, got {_type_name(value)}',
        )
        return None
    ok = True
    for key in value:
        if key not in _TEXT_KEYS:
            ctx.error(
                (*path, key), f"unknown language '{key}'{_suggest(key, _TEXT_KEYS)} (known: en, ko)"
            )
            ok = False
    if "en" not in value:
        ctx.error((*path, "en"), "missing; every text needs English ('en')")
        ok = False
    texts: dict[str, str] = {}
    for lang in _TEXT_KEYS:
        if lang in value:
            s = _string(ctx, value[lang], (*path, lang))
            if s is None:
                ok = False
            else:
                texts[lang] = s
    if "ko" not in value:
        ctx.warn(path, _NO_KOREAN)
    if not ok:
        return None
    return Text(texts["en"], texts.get("ko"))


def _optional_text(ctx: _Ctx, raw: Mapping[str, Any], key: str, path: KeyPath) -> Text | None:
    return _text(ctx, raw[key], (*path, key)) if key in raw else None


def _split_sub(sub: str) -> KeyPath:
    """``"w[1][0]"`` -> ``("w", 1, 0)`` (a scene's param problem key)."""
    m = _SUB_KEY.match(sub)
    if not m or not m.group(1):
        return (sub,) if sub else ()
    indexes = tuple(int(i) for i in re.findall(r"\[(\d+)\]", m.group(2)))
    return (m.group(1), *indexes)


def _plain(value: Any) -> Any:
    """Validated values as lesson files write them (tuples -> lists), for ``SceneSpec.build``."""
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def _leaves(value: list[Any]) -> int:
    """How many non-array elements ``value`` holds at any depth (stops past the limit)."""
    count = 0
    stack = [value]
    while stack and count <= MAX_ARRAY_ELEMENTS:
        for item in stack.pop():
            if isinstance(item, list):
                stack.append(item)
            else:
                count += 1
    return count


def _oversized(ctx: _Ctx, data: dict[str, Any]) -> None:
    """Report every array holding more than MAX_ARRAY_ELEMENTS elements (nested ones counted)."""
    stack: list[tuple[KeyPath, Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            stack.extend(((*path, k), v) for k, v in value.items())
        elif isinstance(value, list):
            if _leaves(value) > MAX_ARRAY_ELEMENTS:
                ctx.error(
                    path,
                    f"array is too large: more than {MAX_ARRAY_ELEMENTS} elements "
                    "(the limit keeps lessons small and fast)",
                )
            else:
                stack.extend(((*path, i), v) for i, v in enumerate(value))


# --------------------------------------------------------------------------------------
# Steps and challenges
# --------------------------------------------------------------------------------------
def _lookup_scene(ctx: _Ctx, name: str, path: KeyPath) -> SceneSpec | None:
    try:
        spec = get_scene(name)
        known = scene_names()
    except Exception as exc:  # a broken scene module must not crash loading
        ctx.error(path, f"the scene registry failed to load: {type(exc).__name__}: {exc}")
        return None
    if spec is None:
        ctx.error(path, f"unknown scene '{name}'{_suggest(name, known)} (known: {_known(known)})")
    return spec


def _validate_params(
    ctx: _Ctx, spec: SceneSpec, raw: Mapping[str, Any], path: KeyPath
) -> tuple[dict[str, Any], list[tuple[str, str]]] | None:
    """The scene's own validation; None (and an error) if the scene's check itself fails."""
    try:
        return spec.validate(raw)
    except Exception as exc:  # a scene's own check must not crash loading
        ctx.error(
            path, f"scene '{spec.name}' failed to check these params: {type(exc).__name__}: {exc}"
        )
        return None


def _step(ctx: _Ctx, raw: Any, i: int, lines: Mapping[KeyPath, int]) -> Step | None:
    path: KeyPath = ("steps", i)
    before = len(ctx.found)
    if not _check_table(ctx, raw, path, _STEP_KEYS, "a step"):
        return None
    spec: SceneSpec | None = None
    if "scene" in raw:
        name = _string(ctx, raw["scene"], (*path, "scene"))
        if name is not None:
            spec = _lookup_scene(ctx, name, (*path, "scene"))
    raw_params = raw.get("params", {})
    params: dict[str, Any] = {}
    param_problems: list[tuple[str, str]] = []
    if not isinstance(raw_params, dict):
        ctx.error((*path, "params"), f"must be a table, got {_type_name(raw_params)}")
        raw_params = {}
        param_problems = [("", "not a table")]
    elif spec is not None:
        checked = _validate_params(ctx, spec, raw_params, (*path, "params"))
        if checked is None:
            param_problems = [("", "the scene's check failed")]
        else:
            params, param_problems = checked
            for sub, message in param_problems:
                ctx.error((*path, "params", *_split_sub(sub)), message)
    text = _text(ctx, raw["text"], (*path, "text")) if "text" in raw else None
    title = _optional_text(ctx, raw, "title", path)
    challenge = None
    if "challenge" in raw:
        challenge = _challenge(
            ctx, raw["challenge"], (*path, "challenge"), spec, raw_params, param_problems
        )
    if any(sev == "error" for _, _, sev in ctx.found[before:]) or spec is None or text is None:
        return None
    return Step(
        scene=spec.name,
        params=MappingProxyType({k: _plain(v) for k, v in params.items()}),
        text=text,
        title=title,
        challenge=challenge,
        line=_step_line(lines, i),
    )


def _challenge(
    ctx: _Ctx,
    raw: Any,
    path: KeyPath,
    spec: SceneSpec | None,
    raw_params: Mapping[str, Any],
    param_problems: Sequence[tuple[str, str]],
) -> Challenge | None:
    before = len(ctx.found)
    kind = raw.get("kind") if isinstance(raw, dict) else None
    allowed = dict(_CHALLENGE_COMMON)
    if isinstance(kind, str) and kind in _CHALLENGE_KINDS:
        allowed.update(_CHALLENGE_KINDS[kind])
        others = {k: name for name, keys in _CHALLENGE_KINDS.items() if name != kind for k in keys}
    else:
        for keys in _CHALLENGE_KINDS.values():
            allowed.update(dict.fromkeys(keys, False))
        others = {}
    if isinstance(raw, dict):
        wrong_kind = {k for k in raw if k in others and k not in allowed}
        for key in sorted(wrong_kind):
            ctx.error(
                (*path, key), f"only for {others[key]} challenges; this one has kind = '{kind}'"
            )
        checked = {k: v for k, v in raw.items() if k not in wrong_kind}
    else:
        checked = raw
    every_key = [k for keys in _CHALLENGE_KINDS.values() for k in keys]
    if not _check_table(ctx, checked, path, allowed, "a challenge", every_key):
        return None
    if "kind" in raw and (not isinstance(kind, str) or kind not in _CHALLENGE_KINDS):
        ctx.error((*path, "kind"), f"must be one of {', '.join(_CHALLENGE_KINDS)}; got {kind!r}")
        kind = None
    ask = _text(ctx, raw["ask"], (*path, "ask")) if "ask" in raw else None
    answer = _answer(ctx, raw, path, spec, kind)
    tolerance = 0.0
    if kind == "numeric" and "tolerance" in raw:
        tolerance = _number(ctx, raw["tolerance"], (*path, "tolerance"), minimum=0.0) or 0.0
    options: tuple[Option, ...] = ()
    if kind == "choice" and "options" in raw:
        options = _options(ctx, raw["options"], (*path, "options"))
    goal = None
    if kind == "tune" and "goal" in raw:
        goal = _goal(ctx, raw["goal"], (*path, "goal"), answer or "")
    controls: tuple[str, ...] | None = None  # None: missing or wrong
    if kind == "tune" and "controls" in raw:
        errors_before = len(ctx.found)
        controls = _controls(ctx, raw["controls"], (*path, "controls"), spec)
        if len(ctx.found) > errors_before:
            controls = None
    suggested: dict[str, Any] = {}
    if kind == "tune" and "suggested" in raw:
        suggested = _suggested(
            ctx, raw["suggested"], (*path, "suggested"), spec, controls, raw_params, param_problems
        )
    hints: list[Text] = []
    if "hints" in raw and _check_array(ctx, raw["hints"], (*path, "hints")):
        for j, item in enumerate(raw["hints"]):
            hint = _text(ctx, item, (*path, "hints", j))
            if hint is not None:
                hints.append(hint)
    explain = _optional_text(ctx, raw, "explain", path)
    if any(sev == "error" for _, _, sev in ctx.found[before:]):
        return None
    if kind is None or ask is None or answer is None:
        return None
    return Challenge(
        kind=kind,  # type: ignore[arg-type]
        ask=ask,
        answer=answer,
        tolerance=tolerance,
        options=options,
        goal=goal,
        controls=controls or (),
        suggested=MappingProxyType(suggested),
        hints=tuple(hints),
        explain=explain,
    )


def _answer(
    ctx: _Ctx, raw: Mapping[str, Any], path: KeyPath, spec: SceneSpec | None, kind: str | None
) -> str | None:
    if "answer" not in raw:
        return None
    answer = _string(ctx, raw["answer"], (*path, "answer"))
    if answer is None or spec is None:
        return answer
    quantity = spec.quantity_spec(answer)
    names = [q.name for q in spec.quantities]
    if quantity is None:
        ctx.error(
            (*path, "answer"),
            f"unknown quantity '{answer}' for scene '{spec.name}'"
            f"{_suggest(answer, names)} (known: {_known(names)})",
        )
        return None
    want = _ANSWER_KIND.get(kind or "")
    if want is not None and quantity.kind != want:
        fitting = [q.name for q in spec.quantities if q.kind == want]
        ctx.error(
            (*path, "answer"),
            f"'{answer}' is an {quantity.kind} quantity; a {kind} "
            f"challenge needs a {want} quantity of scene "
            f"'{spec.name}' ({_known(fitting)})",
        )
        return None
    return answer


def _options(ctx: _Ctx, raw: Any, path: KeyPath) -> tuple[Option, ...]:
    if not _check_array(ctx, raw, path):
        return ()
    if len(raw) < 2:
        ctx.error(path, f"a choice challenge needs at least 2 options, got {len(raw)}")
    options: list[Option] = []
    seen: dict[str, int] = {}
    for j, item in enumerate(raw):
        where = (*path, j)
        if not _check_table(ctx, item, where, _OPTION_KEYS, "an option"):
            continue
        key = _string(ctx, item["key"], (*where, "key")) if "key" in item else None
        text = _text(ctx, item["text"], (*where, "text")) if "text" in item else None
        if key is not None and key in seen:
            ctx.error((*where, "key"), f"duplicate option key '{key}' (also options[{seen[key]}])")
        elif key is not None:
            seen[key] = j
        if key is not None and text is not None:
            options.append(Option(key, text))
    return tuple(options)


def _goal(ctx: _Ctx, raw: Any, path: KeyPath, quantity: str) -> Goal | None:
    before = len(ctx.found)
    if not _check_table(ctx, raw, path, _GOAL_KEYS, "a goal") or len(ctx.found) > before:
        return None
    if not raw.keys() & _GOAL_KEYS.keys():
        ctx.error(path, "needs 'below' and/or 'above' (e.g. goal = { below = 0.1 })")
        return None
    below = _number(ctx, raw["below"], (*path, "below")) if "below" in raw else None
    above = _number(ctx, raw["above"], (*path, "above")) if "above" in raw else None
    if ("below" in raw and below is None) or ("above" in raw and above is None):
        return None
    if below is not None and above is not None and not above < below:
        ctx.error(path, f"can never be reached: needs above ({above:g}) < below ({below:g})")
        return None
    return Goal(quantity=quantity, below=below, above=above)


def _controls(ctx: _Ctx, raw: Any, path: KeyPath, spec: SceneSpec | None) -> tuple[str, ...]:
    if not _check_array(ctx, raw, path):
        return ()
    if not raw:
        ctx.error(path, "must name at least one parameter the student may change")
    tunable = [p.name for p in spec.params if p.tunable] if spec is not None else []
    names: list[str] = []
    for j, item in enumerate(raw):
        name = _string(ctx, item, (*path, j))
        if name is None:
            continue
        if name in names:
            ctx.error((*path, j), f"'{name}' is listed twice")
            continue
        names.append(name)
        if spec is None:
            continue
        param = spec.param(name)
        if param is None:
            ctx.error(
                (*path, j),
                f"unknown parameter '{name}' for scene '{spec.name}'"
                f"{_suggest(name, tunable)} (tunable: {_known(tunable)})",
            )
        elif not param.tunable:
            ctx.error(
                (*path, j),
                f"parameter '{name}' of scene '{spec.name}' is not tunable "
                f"(tunable: {_known(tunable)})",
            )
    return tuple(names)


def _suggested(
    ctx: _Ctx,
    raw: Any,
    path: KeyPath,
    spec: SceneSpec | None,
    controls: Sequence[str] | None,
    raw_params: Mapping[str, Any],
    param_problems: Sequence[tuple[str, str]],
) -> dict[str, Any]:
    if not isinstance(raw, dict):
        ctx.error(path, f"must be a table of control values, got {_type_name(raw)}")
        return {}
    for key in raw:
        if controls is not None and key not in controls:
            ctx.error(
                (*path, key),
                f"'{key}' is not one of this challenge's controls ({_known(controls)})",
            )
    if spec is None or param_problems:
        return {}
    checked = _validate_params(ctx, spec, {**raw_params, **raw}, path)
    if checked is None:
        return {}
    values, problems = checked
    for sub, message in problems:
        sub_path = _split_sub(sub)
        if sub_path and sub_path[0] in raw:
            ctx.error((*path, *sub_path), message)
        else:
            ctx.error(path, f"with these settings, params.{sub or '(all)'}: {message}")
    return {k: _plain(values[k]) for k in raw if k in values}


# --------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------
@dataclass
class _Loaded:
    """One file's outcome, with what cross-file checks need."""

    path: Path
    lesson: Lesson | None
    ctx: _Ctx
    lines: dict[KeyPath, int]
    declared_id: str | None = None
    title: Text | None = None
    extra: list[Problem] = field(default_factory=list)

    def problems(self) -> list[Problem]:
        found = [
            Problem(self.path, line_of(self.lines, key), format_path(key), message, severity)
            for key, message, severity in self.ctx.found
        ]
        found.extend(self.extra)
        found.sort(key=lambda p: p.line or 0)
        if len(found) > MAX_PROBLEMS_PER_FILE:
            rest = found[MAX_PROBLEMS_PER_FILE:]
            errors = sum(p.severity == "error" for p in rest)
            found = found[:MAX_PROBLEMS_PER_FILE]
            found.append(
                Problem(
                    self.path,
                    None,
                    "",
                    f"... and {len(rest)} more problems ({errors} errors) not listed",
                    "error" if errors else "warning",
                )
            )
        return found


def _syntax_problem(ctx: _Ctx, exc: tomllib.TOMLDecodeError, text: str) -> int | None:
    message = str(exc)
    line: int | None = None
    at = _SYNTAX_AT.search(message)
    if at:
        line = int(at.group(1))
        message = f"{message[: at.start()]} (column {at.group(2)})"
    elif _SYNTAX_END.search(message):
        line = text.count("\n") + (0 if text.endswith("\n") else 1)
        message = (
            f"{_SYNTAX_END.sub('', message)} at the end of the file "
            "(is the file truncated, or a bracket or quote left open?)"
        )
    message = re.sub(
        r"Cannot declare \((.*)\) twice",
        lambda m: (
            "table [" + ".".join(re.findall(r"'([^']*)'", m.group(1))) + "] is declared twice"
        ),
        message,
    )
    ctx.found.append(((), f"TOML syntax error: {message}", "error"))
    return line


class _LazyLines(dict[KeyPath, int]):
    """``key_lines(text)``, scanned only when something asks for a line.

    A clean file never needs one (but for its steps' header lines, found by a cheap scan),
    and scanning every key costs more than parsing: this keeps start-up fast.
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text: str | None = text
        self.step_lines = [
            n for n, line in enumerate(text.splitlines(), start=1) if STEP_HEADER.match(line)
        ]

    def _fill(self) -> None:
        if self._text is not None:
            text, self._text = self._text, None
            self.update(key_lines(text))
            self[()] = 1  # a key never written (a missing one) is reported at the top

    def __contains__(self, key: object) -> bool:
        self._fill()
        return super().__contains__(key)

    def __getitem__(self, key: KeyPath) -> int:
        self._fill()
        return super().__getitem__(key)

    def get(self, key: KeyPath, default: Any = None) -> Any:  # type: ignore[override]
        self._fill()
        return super().get(key, default)


def _step_line(lines: Mapping[KeyPath, int], i: int) -> int:
    """Line of step ``i``'s header, without a full key scan when the file is clean."""
    if isinstance(lines, _LazyLines) and i < len(lines.step_lines):
        return lines.step_lines[i]
    return lines.get(("steps", i), 0)


def _load(path: Path) -> _Loaded:
    ctx = _Ctx(path)
    text, why, bad_line = read_lesson_text(path)
    if why is not None:
        ctx.error((), why)
    if text is None:
        return _Loaded(path, None, ctx, {(): bad_line} if bad_line else {})
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = _syntax_problem(ctx, exc, text)
        return _Loaded(path, None, ctx, {(): line} if line else {})
    except RecursionError:
        ctx.error((), "TOML is nested too deeply to read")
        return _Loaded(path, None, ctx, {})
    lines = _LazyLines(text)
    loaded = _Loaded(path, None, ctx, lines)
    if isinstance(data.get("id"), str) and SLUG.fullmatch(data["id"]):
        loaded.declared_id = data["id"]
    loaded.title = best_text(data.get("title"))
    _oversized(ctx, data)
    if ctx.has_errors:
        return loaded
    loaded.lesson = _lesson(ctx, data, path, lines)
    return loaded


def _lesson(
    ctx: _Ctx, data: dict[str, Any], path: Path, lines: Mapping[KeyPath, int]
) -> Lesson | None:
    version = data.get("format_version")
    if "format_version" not in data:
        ctx.error(
            ("format_version",), f"missing; start the file with format_version = {FORMAT_VERSION}"
        )
    elif isinstance(version, bool) or not isinstance(version, int):
        ctx.error(
            ("format_version",), f"must be the integer {FORMAT_VERSION}, got {_type_name(version)}"
        )
        return None
    elif version != FORMAT_VERSION:
        ctx.error(
            ("format_version",),
            f"unsupported format_version {version}; this version "
            f"of tui9 reads format_version = {FORMAT_VERSION}",
        )
        return None
    # format_version was checked above; don't report it missing twice.
    _check_table(ctx, data, (), {**_LESSON_KEYS, "format_version": False}, "a lesson")
    lesson_id = None
    if "id" in data:
        lesson_id = _string(ctx, data["id"], ("id",))
        if lesson_id is not None and not SLUG.fullmatch(lesson_id):
            ctx.error(
                ("id",),
                "must be a slug: lowercase letters a-z, digits and '-', starting "
                f"with a letter or digit (e.g. '01-perceptron'); got '{lesson_id}'",
            )
            lesson_id = None
    title = _text(ctx, data["title"], ("title",)) if "title" in data else None
    summary = _optional_text(ctx, data, "summary", ())
    requires: list[str] = []
    if "requires" in data and _check_array(ctx, data["requires"], ("requires",)):
        for j, item in enumerate(data["requires"]):
            req = _string(ctx, item, ("requires", j))
            if req is None:
                continue
            if not SLUG.fullmatch(req):
                ctx.error(
                    ("requires", j),
                    f"'{req}' is not a lesson id (ids are slugs like '01-perceptron')",
                )
            elif req in requires:
                ctx.error(("requires", j), f"'{req}' is listed twice")
            else:
                requires.append(req)
    steps: list[Step | None] = []
    if "steps" in data and _check_array(ctx, data["steps"], ("steps",)):
        if not data["steps"]:
            ctx.error(("steps",), "a lesson needs at least one step ([[steps]])")
        steps = [_step(ctx, raw, i, lines) for i, raw in enumerate(data["steps"])]
    if ctx.has_errors or lesson_id is None or title is None:
        return None
    return Lesson(
        id=lesson_id,
        title=title,
        steps=tuple(s for s in steps if s is not None),
        path=path,
        summary=summary,
        requires=tuple(requires),
        format_version=FORMAT_VERSION,
    )


def _load_safely(path: Path) -> _Loaded:
    try:
        return _load(path)
    except Exception as exc:  # pragma: no cover - a bug here must not stop the other lessons
        ctx = _Ctx(path)
        ctx.error((), f"internal error while loading: {type(exc).__name__}: {exc}")
        return _Loaded(path, None, ctx, {})


def load_lesson_file(path: Path) -> tuple[Lesson | None, list[Problem]]:
    """Load one lesson file: (the lesson, or None when it has errors; all its problems)."""
    loaded = _load_safely(Path(path))
    return loaded.lesson, loaded.problems()


# --------------------------------------------------------------------------------------
# A course: many files, and the checks that span them
# --------------------------------------------------------------------------------------
def _add(loaded: _Loaded, key: KeyPath, message: str) -> None:
    loaded.extra.append(Problem(loaded.path, line_of(loaded.lines, key), format_path(key), message))


def _cycle_from(start: str, graph: Mapping[str, Sequence[str]]) -> list[str] | None:
    """The shortest path start -> ... -> start through ``graph``, if there is one."""
    parents: dict[str, str] = {}
    queue = list(graph.get(start, ()))
    for nxt in queue:
        parents.setdefault(nxt, start)
    i = 0
    while i < len(queue):
        node = queue[i]
        i += 1
        if node == start:
            path = [start]
            cur = parents[start]
            while cur != start:
                path.append(cur)
                cur = parents[cur]
            path.append(start)
            return path[::-1]
        for nxt in graph.get(node, ()):
            if nxt not in parents:
                parents[nxt] = node
                queue.append(nxt)
    return None


def _cross_checks(loaded: list[_Loaded]) -> None:
    owner: dict[str, _Loaded] = {}
    for item in loaded:
        lid = item.declared_id
        if lid is None:
            continue
        if lid in owner:
            _add(item, ("id",), f"duplicate id '{lid}': {owner[lid].path} already uses it")
            item.lesson = None
        else:
            owner[lid] = item
    good = {item.lesson.id: item for item in loaded if item.lesson is not None}
    for item in list(good.values()):
        assert item.lesson is not None
        for j, req in enumerate(item.lesson.requires):
            if req not in owner:
                _add(item, ("requires", j), f"no lesson has the id '{req}'{_suggest(req, owner)}")
    graph = {
        lid: [r for r in item.lesson.requires if r in good]
        for lid, item in good.items()
        if item.lesson is not None
    }
    for lid, item in good.items():
        cycle = _cycle_from(lid, graph)
        if cycle is not None and item.lesson is not None:
            j = item.lesson.requires.index(cycle[1])
            _add(
                item,
                ("requires", j),
                "requires form a cycle: "
                + " -> ".join(cycle)
                + "; no lesson on it could ever be opened",
            )
    for item in loaded:
        if item.extra and any(p.severity == "error" for p in item.extra):
            item.lesson = None


def load_course(dirs: Sequence[Path]) -> Course:
    """Every ``*.toml`` lesson in ``dirs`` (file-name order); never raises.

    Broken lessons (any error, including duplicate ids, ``requires`` naming no lesson,
    or a cycle of ``requires``) are returned as ``BrokenLesson`` with their problems.
    """
    problems: list[Problem] = []
    files = lesson_files(dirs, problems)
    loaded = []
    for f in files:
        loaded.append(_load_safely(f))
    _cross_checks(loaded)
    lessons: list[Lesson] = []
    broken: list[BrokenLesson] = []
    for item in loaded:
        file_problems = item.problems()
        problems.extend(file_problems)
        if item.lesson is not None:
            lessons.append(item.lesson)
        else:
            errors = tuple(p for p in file_problems if p.severity == "error")
            broken.append(
                BrokenLesson(
                    path=item.path,
                    id=item.declared_id or item.path.stem,
                    title=item.title or Text(item.path.stem),
                    problems=errors or tuple(file_problems),
                )
            )
    return Course(lessons=tuple(lessons), broken=tuple(broken), problems=tuple(problems))
