"""The perceptron scene model: truth tables by hand, gates, exact separability, validation."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from tui9.engine import get_activation
from tui9.scenes import get_scene
from tui9.scenes.perceptron import (
    GATES,
    SPEC,
    gate_name,
    linearly_separable,
    perceptron_rule,
    segments_meet,
)


def build(**params):
    return SPEC.build(params)


def test_registered():
    assert get_scene("perceptron") is SPEC


def test_and_truth_table_by_hand():
    m = build(w1=1.0, w2=1.0, b=-1.5, gate="and")
    rows = m.rows()
    assert [r.z for r in rows] == [-1.5, -0.5, -0.5, 0.5]
    assert [r.output for r in rows] == [0.0, 0.0, 0.0, 1.0]
    assert [r.target for r in rows] == [0, 0, 0, 1]
    assert all(r.ok for r in rows)
    assert m.quantity("errors") == 0.0
    assert m.quantity("gate") == "AND"


def test_or_weights_against_and_target_count_errors():
    m = build(w1=1.0, w2=1.0, b=-0.5, gate="and")
    assert m.quantity("gate") == "OR"
    # OR differs from AND on (0,1) and (1,0).
    assert m.quantity("errors") == 2.0


def test_z_and_output_for_the_input():
    m = build(x1=1.0, x2=0.0, w1=0.7, w2=-0.4, b=0.2, activation="sigmoid")
    assert m.quantity("z") == pytest.approx(0.9)
    assert m.quantity("output") == pytest.approx(1 / (1 + math.exp(-0.9)))
    eng = get_activation("sigmoid").f(np.array([0.9]))[0]
    assert m.quantity("output") == pytest.approx(eng)
    assert m.quantity("out_11") == pytest.approx(1 / (1 + math.exp(-0.5)))


def test_sigmoid_answer_is_output_above_half():
    m = build(w1=2.0, w2=2.0, b=-3.0, activation="sigmoid", gate="and")
    for r in m.rows():
        assert r.predicted == int(r.output > 0.5)
    assert m.quantity("errors") == 0.0


def test_step_at_zero_is_zero():
    # z = 0 exactly: the step (engine) gives 0, so (1,1) with w=1,1,b=-2 is a 0.
    m = build(w1=1.0, w2=1.0, b=-2.0)
    assert m.rows()[3].z == 0.0 and m.rows()[3].output == 0.0 and m.rows()[3].predicted == 0


@pytest.mark.parametrize(
    ("bits", "name"),
    [
        ((0, 0, 0, 1), "AND"),
        ((0, 1, 1, 1), "OR"),
        ((1, 1, 1, 0), "NAND"),
        ((1, 0, 0, 0), "NOR"),
        ((0, 1, 1, 0), "XOR"),
        ((1, 0, 0, 1), "XNOR"),
        ((0, 0, 1, 1), "other"),
    ],
)
def test_gate_names(bits, name):
    assert gate_name(bits) == name


def _grid_separable(table):
    """Brute force: does any (w1, w2, b) on a grid compute ``table``?"""
    vals = np.linspace(-2, 2, 17)
    X = np.array([(0, 0), (0, 1), (1, 0), (1, 1)], dtype=float)
    for w1, w2, b in itertools.product(vals, vals, vals):
        if tuple((X @ [w1, w2] + b > 0).astype(int)) == table:
            return True
    return False


def test_separable_matches_brute_force_for_all_16_functions():
    pts = [(0.0, 0.0), (0.0, 1.0), (1.0, 0.0), (1.0, 1.0)]
    for table in itertools.product((0, 1), repeat=4):
        ones = [p for p, t in zip(pts, table, strict=True) if t]
        zeros = [p for p, t in zip(pts, table, strict=True) if not t]
        assert linearly_separable(ones, zeros) == _grid_separable(table), table
    # Exactly 14 of the 16 boolean functions of two inputs are separable.
    count = sum(
        linearly_separable(
            [p for p, t in zip(pts, tb, strict=True) if t],
            [p for p, t in zip(pts, tb, strict=True) if not t],
        )
        for tb in itertools.product((0, 1), repeat=4)
    )
    assert count == 14


@pytest.mark.parametrize("gate", sorted(GATES))
def test_separable_agrees_with_perceptron_learning_rule(gate):
    w1 = w2 = b = 0.0
    converged = False
    for _ in range(100):
        w1, w2, b, wrong = perceptron_rule(w1, w2, b, gate)
        if wrong == 0:
            converged = True
            break
    assert build(gate=gate).quantity("separable") == ("yes" if converged else "no")
    if converged:
        assert build(w1=w1, w2=w2, b=b, gate=gate).quantity("errors") == 0.0


def test_xor_never_below_one_error_on_a_grid():
    vals = np.linspace(-3, 3, 13)
    best = min(
        build(w1=w1, w2=w2, b=b, gate="xor").errors
        for w1, w2, b in itertools.product(vals, vals, vals)
    )
    assert best == 1


def test_segments_meet():
    assert segments_meet((0, 0), (1, 1), (0, 1), (1, 0))
    assert not segments_meet((0, 0), (0, 1), (1, 0), (1, 1))
    assert segments_meet((0, 0), (2, 0), (1, 0), (3, 0))  # collinear overlap


def test_decision_segment_clipped_to_box():
    m = build(w1=1.0, w2=1.0, b=-1.5)
    (ax, ay), (bx, by) = m.decision_segment(-0.5, 1.5)
    for x, y in ((ax, ay), (bx, by)):
        assert x + y - 1.5 == pytest.approx(0.0)
        assert -0.5 <= x <= 1.5 and -0.5 <= y <= 1.5
    vertical = build(w1=2.0, w2=0.0, b=-1.0).decision_segment()
    assert vertical == ((0.5, -0.5), (0.5, 1.5))
    assert build(w1=0.0, w2=0.0, b=1.0).decision_segment() is None
    assert build(w1=1.0, w2=1.0, b=-10.0).decision_segment() is None


def test_validation_problems():
    _, probs = SPEC.validate({"w1": 11.0, "gate": "maybe", "activation": "relu", "nope": 1})
    keys = {k for k, _ in probs}
    assert keys == {"w1", "gate", "activation", "nope"}
    with pytest.raises(ValueError):
        SPEC.build({"b": "one"})


def test_deterministic_and_unknown_quantity():
    a, b = build(w1=0.3, b=-0.1), build(w1=0.3, b=-0.1)
    assert [a.quantity(q.name) for q in SPEC.quantities] == [
        b.quantity(q.name) for q in SPEC.quantities
    ]
    with pytest.raises(KeyError):
        a.quantity("nope")


def test_tunable_controls():
    assert {p.name for p in SPEC.params if p.tunable} == {"w1", "w2", "b", "activation"}
