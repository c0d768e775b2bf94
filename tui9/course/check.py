"""``tui9 check``: load lesson folders, replay every challenge, print the problems.

A challenge is replayed the way a perfect student would answer it: the step's scene
model is built from the step's params, the named answer is computed and submitted,
and it must be accepted (``grading.solution`` -> ``grading.grade``). A tune challenge
must reach its goal with the lesson's ``suggested`` settings. A scene that raises is
reported as a problem of that challenge, never as a crash.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from tui9.course.grading import build_model, grade, solution
from tui9.course.lines import KeyPath, format_path, key_lines, line_of
from tui9.course.loader import load_course
from tui9.course.schema import Challenge, Lesson, Problem, Severity, Step


def _is_number(value: Any) -> bool:
    try:
        return not isinstance(value, bool | str) and math.isfinite(float(value))
    except (TypeError, ValueError):
        return False


def _goal_text(challenge: Challenge) -> str:
    goal = challenge.goal
    assert goal is not None
    parts = []
    if goal.below is not None:
        parts.append(f"below {goal.below:g}")
    if goal.above is not None:
        parts.append(f"above {goal.above:g}")
    return f"{goal.quantity} {' and '.join(parts)}"


def replay_challenge(step: Step, challenge: Challenge) -> list[tuple[KeyPath, str, Severity]]:
    """Problems found replaying one challenge, as (key path under the step, message, severity)."""
    found: list[tuple[KeyPath, str, Severity]] = []
    try:
        model, response = solution(challenge, step)
        expected = model.quantity(challenge.answer)
    except Exception as exc:
        what = "the suggested settings" if challenge.kind == "tune" else "the step's params"
        return [
            (
                ("challenge",),
                f"scene '{step.scene}' raised {type(exc).__name__}: {exc} while building its "
                f"model from {what} or computing '{challenge.answer}'",
                "error",
            )
        ]
    if challenge.kind in ("numeric", "tune") and not _is_number(expected):
        return [
            (
                ("challenge", "answer"),
                f"scene '{step.scene}' computed {expected!r} for '{challenge.answer}'; "
                "a finite number is needed",
                "error",
            )
        ]
    if challenge.kind == "choice":
        keys = [o.key for o in challenge.options]
        if not isinstance(expected, str) or expected not in keys:
            return [
                (
                    ("challenge", "options"),
                    f"scene '{step.scene}' gives '{challenge.answer}' = {expected!r} for these "
                    f"params, which is not one of the option keys ({', '.join(keys)}); add an "
                    f"option with key = {str(expected)!r}",
                    "error",
                )
            ]
    try:
        verdict = grade(challenge, model, response)
    except Exception as exc:
        return [(("challenge",), f"grading raised {type(exc).__name__}: {exc}", "error")]
    if challenge.kind == "tune":
        if not verdict.correct:
            found.append(
                (
                    ("challenge", "suggested"),
                    f"the goal ({_goal_text(challenge)}) is not reached with the suggested "
                    f"settings: {challenge.answer} = {float(expected):.6g}",
                    "error",
                )
            )
        found.extend(_already_reached(step, challenge))
    elif not verdict.correct:
        found.append(
            (
                ("challenge", "answer"),
                f"the scene's own answer {expected!r} was not accepted when replayed "
                f"(submitted {response!r})",
                "error",
            )
        )
    return found


def _already_reached(step: Step, challenge: Challenge) -> list[tuple[KeyPath, str, Severity]]:
    """A tune goal that holds before the student changes anything teaches nothing."""
    assert challenge.goal is not None
    try:
        value = build_model(step).quantity(challenge.answer)
        reached = _is_number(value) and challenge.goal.reached(float(value))
    except Exception as exc:
        return [
            (
                ("params",),
                f"scene '{step.scene}' raised {type(exc).__name__}: {exc} with the step's own "
                "params (before any tuning)",
                "error",
            )
        ]
    if reached:
        return [
            (
                ("challenge", "goal"),
                f"the goal ({_goal_text(challenge)}) already holds with the step's own params "
                f"({challenge.answer} = {float(value):.6g}); there is nothing to tune",
                "warning",
            )
        ]
    return []


def replay_lesson(lesson: Lesson) -> tuple[list[Problem], int]:
    """Replay every challenge of ``lesson``: (problems, number of challenges replayed)."""
    problems: list[Problem] = []
    replayed = 0
    lines: dict[KeyPath, int] | None = None
    for i, step in enumerate(lesson.steps):
        if step.challenge is None:
            continue
        replayed += 1
        for key, message, severity in replay_challenge(step, step.challenge):
            if lines is None:
                try:
                    lines = key_lines(lesson.path.read_text("utf-8-sig"))
                except (OSError, UnicodeDecodeError):
                    lines = {}
            path = ("steps", i, *key)
            line = line_of(lines, path) or step.line or None
            problems.append(Problem(lesson.path, line, format_path(path), message, severity))
    return problems, replayed


_SUMMARY = {
    "en": "{lessons} lessons{broken}, {steps} steps, {replayed} challenges replayed, "
    "{errors} errors, {warnings} warnings{strict}",
    "ko": "레슨 {lessons}개{broken}, 단계 {steps}개, 도전 {replayed}개 재생, "
    "오류 {errors}개, 경고 {warnings}개{strict}",
}
_BROKEN = {"en": " ({n} broken)", "ko": " (고장 {n}개)"}
_STRICT = {"en": " (--strict: warnings count as errors)", "ko": " (--strict: 경고도 오류로 셉니다)"}


def run_check(
    dirs: Sequence[Path], strict: bool = False, out: TextIO | None = None, lang: str = "en"
) -> int:
    """Check lesson folders; print every problem and a summary; 1 on any error, else 0.

    With ``strict``, warnings (such as a missing Korean text) count as errors.
    """
    out = sys.stdout if out is None else out
    lang = lang if lang in _SUMMARY else "en"
    course = load_course([Path(d) for d in dirs])
    by_path: dict[Path, list[Problem]] = {}
    for problem in course.problems:
        by_path.setdefault(problem.path, []).append(problem)
    replayed = 0
    for lesson in course.lessons:
        found, count = replay_lesson(lesson)
        replayed += count
        if found:
            merged = by_path.setdefault(lesson.path, [])
            merged.extend(found)
            merged.sort(key=lambda p: p.line or 0)
    problems = [p for group in by_path.values() for p in group]
    for problem in problems:
        print(problem, file=out)
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    print(
        _SUMMARY[lang].format(
            lessons=len(course.lessons) + len(course.broken),
            broken=_BROKEN[lang].format(n=len(course.broken)) if course.broken else "",
            steps=sum(len(les.steps) for les in course.lessons),
            replayed=replayed,
            errors=errors,
            warnings=warnings,
            strict=_STRICT[lang] if strict and warnings else "",
        ),
        file=out,
    )
    return 1 if errors or (strict and warnings) else 0
