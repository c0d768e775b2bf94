"""The graph scene model: hand-computed chain rule, the engine's backprop, numeric gradients."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tui9.engine import MLP
from tui9.scenes import get_scene
from tui9.scenes.graph import SPEC, num


def build(**params):
    return SPEC.build(params)


def sig(z: float) -> float:
    return 1 / (1 + math.exp(-z))


def test_registered():
    assert get_scene("graph") is SPEC


def test_single_neuron_by_hand():
    m = build(x=1.0, w=0.5, b=-0.2, target=1.0)
    z = 0.3
    a = sig(z)
    assert m.quantity("z") == pytest.approx(z)
    assert m.quantity("a") == pytest.approx(a)
    assert m.quantity("L") == pytest.approx(0.5 * (a - 1) ** 2)
    assert m.quantity("dL_da") == pytest.approx(a - 1)
    assert m.quantity("da_dz") == pytest.approx(a * (1 - a))
    assert m.quantity("dz_dw") == 1.0
    assert m.quantity("dL_dw") == pytest.approx((a - 1) * a * (1 - a) * 1.0)
    assert m.quantity("dL_dw") == pytest.approx(-0.10403, abs=1e-5)
    assert m.quantity("dL_db") == pytest.approx(m.quantity("dL_dz"))
    assert m.quantity("dL_dx") == pytest.approx(m.quantity("dL_dz") * 0.5)
    assert m.quantity("w_update") == "increase"


@pytest.mark.parametrize("act", ["sigmoid", "tanh", "relu", "leaky_relu", "identity"])
def test_single_neuron_matches_engine_backprop(act):
    m = build(activation=act, x=-1.3, w=0.7, b=0.4, target=0.2, slope=0.1)
    net = MLP([1, 1], output=act, leaky_slope=0.1, seed=0)
    net.weights[0][...] = 0.7
    net.biases[0][...] = 0.4
    tr = net.backward_trace(np.array([[-1.3]]), np.array([[0.2]]), loss="mse")
    # The engine's mse is (a - t)^2 for one output; the scene's L is half of it.
    assert m.quantity("L") == pytest.approx(0.5 * tr.loss)
    assert m.quantity("dL_dw") == pytest.approx(0.5 * tr.layers[0].dL_dW[0, 0])
    assert m.quantity("dL_db") == pytest.approx(0.5 * tr.layers[0].dL_db[0])
    assert m.quantity("da_dz") == pytest.approx(tr.layers[0].da_dz[0, 0])
    assert m.quantity("numeric_dL_dw") == pytest.approx(m.quantity("dL_dw"), abs=1e-7)


@pytest.mark.parametrize("act", ["sigmoid", "tanh", "leaky_relu"])
def test_two_layers_match_engine_backprop(act):
    m = build(layers=2, activation=act, x=0.8, w=-1.1, b=0.3, w2=1.7, b2=-0.5, target=0.9)
    net = MLP([1, 1, 1], activation=act, output=act, seed=0)
    net.weights[0][...], net.biases[0][...] = -1.1, 0.3
    net.weights[1][...], net.biases[1][...] = 1.7, -0.5
    tr = net.backward_trace(np.array([[0.8]]), np.array([[0.9]]), loss="mse")
    assert m.quantity("L") == pytest.approx(0.5 * tr.loss)
    assert m.quantity("dL_dw") == pytest.approx(0.5 * tr.layers[0].dL_dW[0, 0])
    assert m.quantity("dL_db") == pytest.approx(0.5 * tr.layers[0].dL_db[0])
    assert m.quantity("dL_dw2") == pytest.approx(0.5 * tr.layers[1].dL_dW[0, 0])
    assert m.quantity("dL_db2") == pytest.approx(0.5 * tr.layers[1].dL_db[0])
    assert m.quantity("dL_da") == pytest.approx(0.5 * tr.layers[0].dL_da[0, 0])
    assert m.quantity("numeric_dL_dw") == pytest.approx(m.quantity("dL_dw"), abs=1e-7)
    assert m.quantity("numeric_dL_dw2") == pytest.approx(m.quantity("dL_dw2"), abs=1e-7)


def test_two_layer_chain_is_the_product_of_local_derivatives():
    m = build(layers=2, x=1.0, w=0.5, b=-0.2, w2=-0.8, b2=0.1, target=1.0)
    a = sig(0.3)
    a2 = sig(-0.8 * a + 0.1)
    expected = (a2 - 1) * a2 * (1 - a2) * (-0.8) * a * (1 - a) * 1.0
    assert m.quantity("dL_dw") == pytest.approx(expected)
    assert m.quantity("dz2_dw2") == pytest.approx(a)


def test_chain_form_by_hand():
    m = build(form="chain", x=1.5, inner="square", outer="sin")
    assert m.quantity("y") == 2.25
    assert m.quantity("z") == pytest.approx(math.sin(2.25))
    assert m.quantity("dz_dy") == pytest.approx(math.cos(2.25))
    assert m.quantity("dy_dx") == 3.0
    assert m.quantity("dz_dx") == pytest.approx(math.cos(2.25) * 3.0)
    assert m.quantity("numeric_dz_dx") == pytest.approx(m.quantity("dz_dx"), abs=1e-7)


def test_steps_forward_then_backward_and_consistent():
    for params in ({}, {"layers": 2}, {"form": "chain"}):
        m = build(**params)
        phases = [s.phase for s in m.steps()]
        assert phases == sorted(phases, key=lambda p: p != "forward")
        for s in m.steps():
            assert s.value == m.quantity(s.node)
            assert math.isfinite(s.value)
    assert len(build(layers=2).steps()) > len(build().steps())


def test_quantities_of_another_form_say_what_they_need():
    with pytest.raises(KeyError, match="layers = 2"):
        build().quantity("dL_dw2")
    with pytest.raises(KeyError, match="chain"):
        build().quantity("dz_dx")
    with pytest.raises(KeyError):
        build().quantity("nope")


def test_num_formats_compactly():
    assert num(-0.0001234) == "-1.23e-04"
    assert num(0.0284) == "0.0284"
    assert num(0.574442) == "0.574"
    assert num(float("nan")) == "n/a"
    assert num(-0.0) == "0.000"


@pytest.mark.parametrize(
    ("params", "key"),
    [
        ({"form": "tree"}, "form"),
        ({"layers": 3}, "layers"),
        ({"form": "chain", "layers": 2}, "layers"),
        ({"form": "chain", "inner": "exp", "outer": "exp", "x": 5.0}, "x"),
        ({"activation": "step"}, "activation"),
        ({"w": "big"}, "w"),
    ],
)
def test_bad_params_are_reported(params, key):
    _, problems = SPEC.validate(params)
    assert key in [k for k, _ in problems]


def test_deterministic():
    a, b = build(layers=2), build(layers=2)
    assert a.values == b.values
    assert a.steps() == b.steps()
