"""Grading a student's answer against what the step's scene model computes.

Shared by the game (a student answering) and ``tui9 check`` (replaying every
challenge's own solution), so a lesson can never ask a question it can't accept.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tui9.course.schema import Challenge, Step
from tui9.scenes import get_scene
from tui9.scenes.base import SceneModel

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


@dataclass(frozen=True)
class Verdict:
    """The result of one answer."""

    correct: bool
    expected: float | str
    given: float | str | None
    #: True when the response could not be read at all (not counted as a mistake).
    invalid: bool = False


def parse_number(text: str) -> float | None:
    """Read a typed number: ``-0.104``, ``1e-3``, ``.25``, ``1/4``, ``0,25``; else None.

    Nothing is evaluated: only these literal forms are accepted.
    """
    s = text.strip().replace(" ", "").replace("\u2212", "-")
    if s.count(",") == 1 and "." not in s:
        s = s.replace(",", ".")
    if "/" in s:
        num, _, den = s.partition("/")
        if _NUMBER.match(num) and _NUMBER.match(den) and float(den) != 0.0:
            return float(num) / float(den)
        return None
    if _NUMBER.match(s):
        value = float(s)
        return value if math.isfinite(value) else None
    return None


def build_model(step: Step, overrides: Mapping[str, Any] | None = None) -> SceneModel:
    """The step's scene model, with ``overrides`` (a tune's settings) applied to its params."""
    spec = get_scene(step.scene)
    if spec is None:
        raise ValueError(f"unknown scene {step.scene!r}")
    params = dict(step.params)
    if overrides:
        params.update(overrides)
    return spec.build(params)


def expected_answer(challenge: Challenge, model: SceneModel) -> float | str:
    """What the scene says the answer is (for tune: the goal quantity's current value)."""
    return model.quantity(challenge.answer)


def grade(challenge: Challenge, model: SceneModel, response: str | None) -> Verdict:
    """Grade ``response`` (typed text for numeric, an option key for choice).

    For tune challenges, ``model`` is the one built with the student's settings and
    ``response`` is ignored: correct when the goal holds for it.
    """
    expected = expected_answer(challenge, model)
    if challenge.kind == "numeric":
        given = parse_number(response or "")
        if given is None:  # keep what was typed, so the student sees what couldn't be read
            return Verdict(False, expected, (response or "").strip(), invalid=True)
        ok = abs(given - float(expected)) <= challenge.tolerance + 1e-12
        return Verdict(ok, expected, given)
    if challenge.kind == "choice":
        if response is None or response not in {o.key for o in challenge.options}:
            return Verdict(False, expected, response, invalid=True)
        return Verdict(response == expected, expected, response)
    if challenge.kind == "tune":
        assert challenge.goal is not None
        value = float(expected)
        return Verdict(challenge.goal.reached(value), expected, value)
    raise ValueError(f"unknown challenge kind {challenge.kind!r}")


def solution(challenge: Challenge, step: Step) -> tuple[SceneModel, str | None]:
    """The (model, response) a perfect student would submit: used to replay challenges."""
    if challenge.kind == "tune":
        return build_model(step, challenge.suggested), None
    model = build_model(step)
    expected = expected_answer(challenge, model)
    if challenge.kind == "numeric":
        return model, repr(float(expected))
    return model, str(expected)
