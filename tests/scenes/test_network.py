"""The network scene model: neuron-by-neuron numbers against hand values and the engine."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tui9.engine import MLP
from tui9.scenes import get_scene
from tui9.scenes.network import SPEC


def build(**params):
    return SPEC.build(params)


def test_registered():
    assert get_scene("network") is SPEC


@pytest.mark.parametrize(
    ("x", "h", "y"),
    [((0, 0), (0, 1), 0), ((0, 1), (1, 1), 1), ((1, 0), (1, 1), 1), ((1, 1), (1, 0), 0)],
)
def test_default_is_the_xor_network(x, h, y):
    # Hidden: OR = step(x1 + x2 - 0.5), NAND = step(-x1 - x2 + 1.5); output: AND.
    m = build(x=list(map(float, x)))
    assert (m.quantity("h_0"), m.quantity("h_1")) == h
    assert m.quantity("y_0") == y
    assert m.quantity("z1_0") == pytest.approx(x[0] + x[1] - 0.5)
    assert m.quantity("z2_0") == pytest.approx(h[0] + h[1] - 1.5)


def test_xor_quantities():
    m = build()
    assert m.quantity("xor_errors") == 0.0
    assert m.quantity("gate") == "XOR"
    # Drop the NAND unit's say: the output becomes AND of OR and 1 -> OR.
    assert build(W2=[[1.0, 0.0]], b2=[-0.5]).quantity("gate") == "OR"
    assert build(W2=[[1.0, 0.0]], b2=[-0.5]).quantity("xor_errors") == 1.0


def test_sigmoid_xor_preset():
    m = build(
        W1=[[20.0, 20.0], [-20.0, -20.0]],
        b1=[-10.0, 30.0],
        W2=[[20.0, 20.0]],
        b2=[-30.0],
        activation="sigmoid",
        output="sigmoid",
    )
    assert m.quantity("xor_errors") == 0.0


def test_neuron_calc_by_hand():
    m = build(
        x=[2.0, -1.0, 0.5],
        W1=[[1.0, 2.0, 3.0], [0.5, 0.0, -2.0]],
        b1=[0.1, -0.2],
        W2=[[1.0, -1.0], [2.0, 0.5]],
        b2=[0.0, 1.0],
        activation="sigmoid",
        output="identity",
    )
    calcs = m.neurons()
    assert [(c.layer, c.index) for c in calcs] == [(1, 0), (1, 1), (2, 0), (2, 1)]
    c = calcs[0]
    assert c.products == (2.0, -2.0, 1.5)
    assert c.total == pytest.approx(1.5)
    assert c.z == pytest.approx(1.6)
    assert c.a == pytest.approx(1 / (1 + math.exp(-1.6)))
    h0, h1 = 1 / (1 + math.exp(-1.6)), 1 / (1 + math.exp(-(1.0 - 1.0 - 0.2)))
    assert calcs[1].a == pytest.approx(h1)
    assert calcs[2].inputs == pytest.approx((h0, h1))
    assert m.quantity("y_0") == pytest.approx(h0 - h1)
    assert m.quantity("y_1") == pytest.approx(2 * h0 + 0.5 * h1 + 1.0)


def test_against_an_independent_numpy_forward():
    rng = np.random.default_rng(3)
    W1, b1 = rng.normal(size=(4, 3)), rng.normal(size=4)
    W2, b2 = rng.normal(size=(2, 4)), rng.normal(size=2)
    x = rng.normal(size=3)
    m = build(
        x=x.tolist(),
        W1=W1.tolist(),
        b1=b1.tolist(),
        W2=W2.tolist(),
        b2=b2.tolist(),
        activation="tanh",
        output="sigmoid",
    )
    h = np.tanh(W1 @ x + b1)
    y = 1 / (1 + np.exp(-(W2 @ h + b2)))
    assert [m.quantity(f"h_{i}") for i in range(4)] == pytest.approx(h.tolist())
    assert [m.quantity(f"y_{i}") for i in range(2)] == pytest.approx(y.tolist())


def test_random_init_comes_from_the_engine():
    m = build(init="he", sizes=[3, 4, 2], x=[1.0, -1.0, 0.5], seed=7, activation="relu")
    net = MLP([3, 4, 2], activation="relu", init="he", seed=7)
    assert np.allclose(m.W1, net.weights[0]) and np.allclose(m.W2, net.weights[1])
    y = net.forward(np.array([[1.0, -1.0, 0.5]]))[0]
    assert [m.quantity("y_0"), m.quantity("y_1")] == pytest.approx(y.tolist())
    again = build(init="he", sizes=[3, 4, 2], x=[1.0, -1.0, 0.5], seed=7, activation="relu")
    assert np.array_equal(again.W1, m.W1)


def test_shape_checks_name_the_key():
    _, probs = SPEC.validate({"W1": [[1.0, 2.0, 3.0]]})
    keys = dict(probs)
    assert "W1" in keys and "3 columns" in keys["W1"]
    assert "b1" in keys and "W2" in keys
    _, probs = SPEC.validate({"init": "xavier", "sizes": [3, 2, 1]})
    assert dict(probs)["sizes[0]"].startswith("must equal len(x) = 2")
    _, probs = SPEC.validate({"init": "xavier", "sizes": [2, 2]})
    assert "sizes" in dict(probs)


def test_missing_index_and_gate_shape_errors():
    m = build()
    with pytest.raises(ValueError):
        m.quantity("h_3")
    with pytest.raises(KeyError):
        m.quantity("nope")
    wide = build(W2=[[1.0, 1.0], [0.0, 1.0]], b2=[0.0, 0.0])
    with pytest.raises(ValueError, match="2 inputs and 1 output"):
        wide.quantity("xor_errors")
