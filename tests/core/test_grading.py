"""Grading reads numbers literally and compares with what the scene model computes."""

from __future__ import annotations

from types import MappingProxyType

import pytest

from tui9.course.grading import grade, parse_number
from tui9.course.schema import Challenge, Goal, Option, Text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("-0.104", -0.104),
        (" 0.25 ", 0.25),
        (".5", 0.5),
        ("1e-3", 1e-3),
        ("1/4", 0.25),
        ("0,25", 0.25),
        ("\u22120.5", -0.5),
        ("+2", 2.0),
        ("3.", 3.0),
    ],
)
def test_parse_number_accepts_literal_forms(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize(
    "text", ["", "abc", "1/0", "__import__('os')", "2**10", "1e999", "nan", "inf", "1,2,3", "0x10"]
)
def test_parse_number_refuses_everything_else(text: str) -> None:
    assert parse_number(text) is None


class Model:
    def __init__(self, **values) -> None:
        self.values = values

    def quantity(self, name: str):
        return self.values[name]


def test_numeric_within_tolerance() -> None:
    ch = Challenge(kind="numeric", ask=Text("?"), answer="x", tolerance=0.01)
    model = Model(x=0.2497)
    assert grade(ch, model, "0.25").correct
    assert grade(ch, model, "1/4").correct
    wrong = grade(ch, model, "0.3")
    assert not wrong.correct and not wrong.invalid and wrong.expected == 0.2497
    unreadable = grade(ch, model, " a quarter ")
    assert unreadable.invalid and not unreadable.correct and unreadable.given == "a quarter"


def test_choice_compares_option_keys() -> None:
    opts = (Option("AND", Text("AND")), Option("OR", Text("OR")))
    ch = Challenge(kind="choice", ask=Text("?"), answer="gate", options=opts)
    model = Model(gate="AND")
    assert grade(ch, model, "AND").correct
    assert not grade(ch, model, "OR").correct
    assert grade(ch, model, "XOR").invalid


def test_tune_checks_the_goal_on_the_students_model() -> None:
    ch = Challenge(
        kind="tune",
        ask=Text("?"),
        answer="loss",
        goal=Goal("loss", below=0.1),
        controls=("lr",),
        suggested=MappingProxyType({"lr": 0.5}),
    )
    assert grade(ch, Model(loss=0.05), None).correct
    assert not grade(ch, Model(loss=0.5), None).correct
    assert not grade(ch, Model(loss=float("nan")), None).correct


def test_text_falls_back_to_english() -> None:
    assert Text("hi").get("ko") == "hi"
    assert Text("hi", "안녕").get("ko") == "안녕"
    assert Text("hi", "").get("ko") == "hi"
