"""The collapse scene model: W2 (W1 x + b1) + b2 == (W2 W1) x + (W2 b1 + b2), checked."""

from __future__ import annotations

import numpy as np
import pytest

from tui9.engine import MLP
from tui9.scenes import get_scene
from tui9.scenes.collapse import SPEC

SQUARE = {
    "W1": [[1.0, 2.0], [3.0, 4.0]],
    "b1": [1.0, -1.0],
    "W2": [[0.0, 1.0], [2.0, 1.0]],
    "b2": [0.0, 1.0],
    "x": [1.0, 1.0],
}


def build(**params):
    return SPEC.build(params)


def test_registered():
    assert get_scene("collapse") is SPEC


def test_defaults_by_hand():
    m = build()
    # h = W1 x + b1 = [1+4+0.5, 0-2-1, 3+2+2] = [5.5, -3, 7]
    assert [m.quantity(f"h_{i}") for i in range(3)] == [5.5, -3.0, 7.0]
    # y = W2 h + b2 = [5.5+3+3.5+1, 11+0-7+0] = [13, 4]
    assert [m.quantity("y_0"), m.quantity("y_1")] == [13.0, 4.0]
    # W' = W2 W1 = [[1-0+1.5, 2+1+0.5], [2-3, 4-1]] ; b' = W2 b1 + b2 = [0.5+1+1+1, 1-2]
    assert [m.quantity(k) for k in ("wp_00", "wp_01", "wp_10", "wp_11")] == [2.5, 3.5, -1.0, 3.0]
    assert [m.quantity("bp_0"), m.quantity("bp_1")] == [3.5, -1.0]
    assert [m.quantity("yc_0"), m.quantity("yc_1")] == [13.0, 4.0]
    assert m.quantity("max_diff") < 1e-12
    assert m.quantity("formula") == "W2W1"
    assert m.quantity("wrong_order") == "shape_mismatch"


def test_against_the_engine_with_identity_layers():
    m = build()
    net = MLP([2, 3, 2], activation="identity", output="identity", init="zeros")
    net.weights[0][...] = m.W1
    net.biases[0][...] = m.b1
    net.weights[1][...] = m.W2
    net.biases[1][...] = m.b2
    for p in m.probes():
        assert np.allclose(net.forward(p[None, :])[0], m.collapsed(p))


def test_slide_order_gives_different_numbers_when_square():
    m = build(**SQUARE)
    assert m.quantity("wrong_order") == "different"
    # Slide: W1 W2 x + b1^T W2 + b2 at x = [1, 1]:
    # W1 W2 = [[4, 3], [8, 7]] -> [7, 15]; b1^T W2 = [-2, 0]; + b2 -> [5, 16]
    true_y = m.two_layer(np.array([1.0, 1.0]))
    slide = np.array([5.0, 16.0])
    assert m.candidate("W1W2")(np.array([1.0, 1.0])) == pytest.approx(slide)
    assert m.quantity("w1w2_diff") >= float(np.max(np.abs(true_y - slide)))
    assert m.quantity("formula") == "W2W1"


def test_formula_is_decided_numerically():
    # If W1 and W2 commute and b1^T W2 = W2 b1 (symmetric W2), the slide's formula agrees too:
    # ties go to the first listed, but all three candidates then have ~0 difference.
    sym = {
        "W1": [[2.0, 0.0], [0.0, 2.0]],
        "b1": [1.0, 2.0],
        "W2": [[1.0, 3.0], [3.0, 1.0]],
        "b2": [0.0, 0.0],
        "x": [1.0, -1.0],
    }
    m = build(**sym)
    diffs = m.candidate_diffs()
    assert all(d is not None and d < 1e-9 for d in diffs.values())
    assert m.quantity("wrong_order") == "same"
    # A generic square case: only W2W1 matches.
    diffs = build(**SQUARE).candidate_diffs()
    assert diffs["W2W1"] < 1e-12 and diffs["W1W2"] > 1 and diffs["b1W2"] > 0.5


@pytest.mark.parametrize("act", ["relu", "sigmoid", "tanh"])
def test_an_activation_breaks_the_collapse(act):
    m = build(activation=act)
    assert m.quantity("act_diff") > 0.1
    assert m.quantity("max_diff") < 1e-12
    h = m.W1 @ m.x + m.b1
    f = {
        "relu": lambda z: np.maximum(z, 0),
        "sigmoid": lambda z: 1 / (1 + np.exp(-z)),
        "tanh": np.tanh,
    }[act]
    assert [m.quantity("ya_0"), m.quantity("ya_1")] == pytest.approx((m.W2 @ f(h) + m.b2).tolist())


def test_no_activation_means_no_difference():
    assert build(activation="none").quantity("act_diff") < 1e-12


def test_probes_are_seeded():
    a, b, c = build(seed=1), build(seed=1), build(seed=2)
    assert np.array_equal(a.probes(), b.probes())
    assert not np.array_equal(a.probes(), c.probes())
    assert np.array_equal(a.probes()[0], a.x)


def test_shape_check_messages():
    _, probs = SPEC.validate({"W2": [[1.0, 2.0]], "b2": [0.0]})
    d = dict(probs)
    assert "W2" in d and "W2 must be m x 3" in d["W2"]
    _, probs = SPEC.validate({"x": [1.0, 2.0, 3.0]})
    assert "W1" in dict(probs) and "x has 3 entries" in dict(probs)["W1"]
    _, probs = SPEC.validate({"b1": [1.0]})
    assert "b1" in dict(probs)


def test_undefined_quantities():
    m = build()
    with pytest.raises(ValueError):
        m.quantity("w1w2_diff")
    with pytest.raises(ValueError):
        m.quantity("y_2")
    with pytest.raises(KeyError):
        m.quantity("nope")
