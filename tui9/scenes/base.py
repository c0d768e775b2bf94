"""What every scene model declares: its parameters, its named quantities, how to build it.

A scene is the interactive picture a lesson step shows. Its *model* lives here, in
engine terms (NumPy, no Textual): built from the step's validated params, it computes
the numbers the widget draws and the named quantities that challenges ask about.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

ParamKind = Literal["float", "int", "bool", "choice", "vector", "matrix", "int_list", "choice_list"]

#: The largest number of elements any array parameter may hold.
MAX_ARRAY_ELEMENTS = 4096


@dataclass(frozen=True)
class Param:
    """One parameter of a scene, as a lesson file writes it under ``params``.

    kind:
      float, int, bool   a single value (int accepted for float), ``min``/``max`` inclusive
      choice             a string from ``choices``
      vector             a list of numbers; ``shape=(n,)`` fixes its length
      matrix             a list of equal-length rows of numbers; ``shape=(r, c)``, None = any
      int_list           a list of ints, each within ``min``/``max`` (e.g. hidden sizes)
      choice_list        a list of strings from ``choices``
    """

    name: str
    kind: ParamKind
    default: Any
    doc: str = ""
    min: float | None = None
    max: float | None = None
    choices: tuple[str, ...] = ()
    shape: tuple[int | None, ...] | None = None
    max_len: int = 64
    #: May a tune challenge let the student change it?
    tunable: bool = False


@dataclass(frozen=True)
class Quantity:
    """A named number (kind "number") or option key (kind "option") a scene computes."""

    name: str
    doc: str
    kind: Literal["number", "option"] = "number"


class SceneModel(Protocol):
    """What the course and the game need from a built scene model."""

    def quantity(self, name: str) -> float | str:
        """The value of one of the scene's declared quantities."""
        ...


ParamProblem = tuple[str, str]
"""(key path relative to ``params``, message)."""


@dataclass(frozen=True)
class SceneSpec:
    """A registered scene: its name, parameter schema, quantities and model factory."""

    name: str
    summary: str
    params: tuple[Param, ...]
    quantities: tuple[Quantity, ...]
    factory: Callable[[dict[str, Any]], SceneModel]
    #: Cross-parameter checks (shapes that must agree...), run after per-param checks pass.
    check: Callable[[dict[str, Any]], list[ParamProblem]] | None = None
    #: Quantity names whose option values a choice challenge may offer.
    option_values: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def param(self, name: str) -> Param | None:
        """The parameter called ``name``, or None."""
        return next((p for p in self.params if p.name == name), None)

    def quantity_spec(self, name: str) -> Quantity | None:
        """The quantity called ``name``, or None."""
        return next((q for q in self.quantities if q.name == name), None)

    def validate(self, raw: Mapping[str, Any]) -> tuple[dict[str, Any], list[ParamProblem]]:
        """Check ``raw`` against the schema; return (params with defaults filled, problems)."""
        problems: list[ParamProblem] = []
        known = {p.name for p in self.params}
        for key in raw:
            if key not in known:
                hint = ", ".join(sorted(known)) or "none"
                problems.append((key, f"unknown parameter for scene '{self.name}' (known: {hint})"))
        values: dict[str, Any] = {}
        for p in self.params:
            if p.name in raw:
                value, errs = coerce(p, raw[p.name])
                problems.extend((p.name if not sub else f"{p.name}{sub}", msg) for sub, msg in errs)
                values[p.name] = value if not errs else coerce(p, p.default)[0]
            else:
                values[p.name] = coerce(p, p.default)[0]
        if not problems and self.check is not None:
            problems.extend(self.check(values))
        return values, problems

    def build(self, raw: Mapping[str, Any]) -> SceneModel:
        """Validate ``raw`` and build the model; ValueError lists the problems."""
        values, problems = self.validate(raw)
        if problems:
            raise ValueError("; ".join(f"{k}: {m}" for k, m in problems))
        return self.factory(values)


def _is_number(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


def _range_problem(p: Param, x: float) -> str | None:
    if isinstance(x, float) and not math.isfinite(x):
        return f"must be a finite number, got {x}"
    if p.min is not None and x < p.min:
        return f"must be >= {p.min:g}, got {x:g}"
    if p.max is not None and x > p.max:
        return f"must be <= {p.max:g}, got {x:g}"
    return None


def _type_name(x: Any) -> str:
    return {
        bool: "boolean",
        int: "integer",
        float: "number",
        str: "string",
        list: "array",
        dict: "table",
    }.get(type(x), type(x).__name__)


def coerce(p: Param, x: Any) -> tuple[Any, list[ParamProblem]]:
    """Check one value against ``p``; return (normalized value, [(sub-key, message)])."""
    errs: list[ParamProblem] = []
    if p.kind == "bool":
        if not isinstance(x, bool):
            errs.append(("", f"must be true or false, got {_type_name(x)}"))
        return x, errs
    if p.kind in ("float", "int"):
        ok = _is_number(x) if p.kind == "float" else isinstance(x, int) and not isinstance(x, bool)
        if not ok:
            want = "a number" if p.kind == "float" else "an integer"
            return x, [("", f"must be {want}, got {_type_name(x)}")]
        msg = _range_problem(p, x)
        if msg:
            errs.append(("", msg))
        return (float(x) if p.kind == "float" else x), errs
    if p.kind == "choice":
        if not isinstance(x, str) or x not in p.choices:
            errs.append(("", f"must be one of {', '.join(p.choices)}; got {x!r}"))
        return x, errs
    if isinstance(x, tuple):  # our own normalized output, fed back in (tune settings)
        x = [list(r) if isinstance(r, tuple) else r for r in x]
    if not isinstance(x, list):
        return x, [("", f"must be an array, got {_type_name(x)}")]
    if p.kind == "choice_list":
        if not 1 <= len(x) <= p.max_len:
            errs.append(("", f"must list 1 to {p.max_len} items, got {len(x)}"))
        for i, item in enumerate(x):
            if not isinstance(item, str) or item not in p.choices:
                errs.append((f"[{i}]", f"must be one of {', '.join(p.choices)}; got {item!r}"))
        return tuple(x), errs
    if p.kind == "int_list":
        if not 0 <= len(x) <= p.max_len:
            errs.append(("", f"must list at most {p.max_len} items, got {len(x)}"))
        for i, item in enumerate(x):
            if not isinstance(item, int) or isinstance(item, bool):
                errs.append((f"[{i}]", f"must be an integer, got {_type_name(item)}"))
            elif msg := _range_problem(p, item):
                errs.append((f"[{i}]", msg))
        return tuple(x), errs
    if p.kind == "vector":
        return _coerce_vector(p, x)
    if p.kind == "matrix":
        return _coerce_matrix(p, x)
    raise AssertionError(f"unknown param kind {p.kind}")


def _coerce_vector(p: Param, x: list[Any]) -> tuple[Any, list[ParamProblem]]:
    errs: list[ParamProblem] = []
    if len(x) > MAX_ARRAY_ELEMENTS:
        return x, [("", f"has {len(x)} elements; the limit is {MAX_ARRAY_ELEMENTS}")]
    if p.shape and p.shape[0] is not None and len(x) != p.shape[0]:
        errs.append(("", f"must have {p.shape[0]} elements, got {len(x)}"))
    if not x:
        errs.append(("", "must not be empty"))
    for i, item in enumerate(x):
        if not _is_number(item):
            errs.append((f"[{i}]", f"must be a number, got {_type_name(item)}"))
        elif msg := _range_problem(p, item):
            errs.append((f"[{i}]", msg))
    return tuple(float(v) for v in x if _is_number(v)), errs


def _coerce_matrix(p: Param, x: list[Any]) -> tuple[Any, list[ParamProblem]]:
    rows: Sequence[Any] = x
    if not rows:
        return x, [("", "must not be empty")]
    if not all(isinstance(r, list) for r in rows):
        return x, [("", "must be an array of rows (arrays of numbers)")]
    total = sum(len(r) for r in rows)
    if total > MAX_ARRAY_ELEMENTS:
        return x, [("", f"has {total} elements; the limit is {MAX_ARRAY_ELEMENTS}")]
    widths = {len(r) for r in rows}
    if len(widths) != 1 or 0 in widths:
        return x, [("", "rows must all have the same, non-zero length")]
    errs: list[ParamProblem] = []
    shape = (len(rows), len(rows[0]))
    if p.shape:
        want = tuple(s if s is not None else shape[i] for i, s in enumerate(p.shape))
        if want != shape:
            errs.append(("", f"must have shape {_shape_str(p.shape)}, got {shape[0]}x{shape[1]}"))
    for i, row in enumerate(rows):
        for j, item in enumerate(row):
            if not _is_number(item):
                errs.append((f"[{i}][{j}]", f"must be a number, got {_type_name(item)}"))
            elif msg := _range_problem(p, item):
                errs.append((f"[{i}][{j}]", msg))
    if errs:
        return x, errs
    return tuple(tuple(float(v) for v in r) for r in rows), errs


def _shape_str(shape: tuple[int | None, ...]) -> str:
    return "x".join("n" if s is None else str(s) for s in shape)
