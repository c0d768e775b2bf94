"""The vanishing scene model: per-layer gradient norms from the engine, dead units, bounds."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from tui9.engine import MLP
from tui9.scenes import get_scene
from tui9.scenes.vanishing import SPEC


def build(**params):
    return SPEC.build(params)


def test_registered():
    assert get_scene("vanishing") is SPEC


def test_norms_match_engine_gradients():
    m = build(depth=4, width=5, activation="tanh", batch=7, seed=3)
    rng = np.random.default_rng(3)
    X = rng.standard_normal((7, 5))
    T = rng.standard_normal((7, 1))
    net = MLP([5, 5, 5, 5, 5, 1], activation="tanh", output="identity", init="xavier", seed=3)
    _, grads = net.loss_and_grads(X, T, loss="mse")
    expected = [float(np.linalg.norm(g)) for g in grads["W"]]
    assert m.main.norms == pytest.approx(expected, rel=1e-10)
    assert m.quantity("first_layer_grad") == pytest.approx(expected[0], rel=1e-10)
    assert m.quantity("grad_ratio") == pytest.approx(expected[0] / expected[-1], rel=1e-10)


def test_one_hidden_layer_by_hand():
    # One sigmoid hidden unit, one input, one sample: every factor written out.
    m = build(depth=1, width=1, activation="sigmoid", batch=1, seed=5)
    net = m.network("sigmoid")
    X, T = m.data()
    x, t = X[0, 0], T[0, 0]
    w1, b1 = net.weights[0][0, 0], net.biases[0][0]
    w2, b2 = net.weights[1][0, 0], net.biases[1][0]
    a = 1 / (1 + np.exp(-(w1 * x + b1)))
    y = w2 * a + b2
    dy = 2 * (y - t)  # the engine's mse: mean of (y - t)^2
    assert m.quantity("last_layer_grad") == pytest.approx(abs(dy * a))
    assert m.quantity("first_layer_grad") == pytest.approx(abs(dy * w2 * a * (1 - a) * x))


def test_sigmoid_vanishes_and_respects_the_quarter_bound():
    m = build(depth=8, activation="sigmoid")
    norms = m.main.norms
    assert norms[0] < norms[-1] * 1e-3
    assert all(a < b for a, b in itertools.pairwise(norms))
    assert m.quantity("max_slope") <= 0.25
    assert m.quantity("bound_0_25_pow_n") == 0.25**8
    assert m.quantity("dead_units") == 0.0
    assert m.quantity("smallest_first_grad") == "sigmoid"


def test_relu_keeps_gradient_and_can_die():
    relu = build(depth=8, activation="relu", init="he")
    assert relu.quantity("grad_ratio") > 0.1
    assert relu.quantity("max_slope") == 1.0
    dead = build(depth=4, width=8, activation="relu", bias=-2.0)
    X, _ = dead.data()
    tr = dead.network("relu").forward_trace(X)
    by_hand = sum(int(np.all(z <= 0, axis=0).sum()) for z in tr.z[:-1])
    assert dead.quantity("dead_units") == by_hand > 0
    leaky = build(depth=4, width=8, activation="leaky_relu", bias=-2.0)
    assert leaky.quantity("dead_units") == 0.0
    assert leaky.quantity("negative_units") > 0
    assert leaky.quantity("first_layer_grad") > 0.0


def test_compare_draws_three_profiles_with_the_chosen_first():
    m = build(compare=True, activation="relu")
    assert list(m.profiles) == ["relu", "sigmoid", "leaky_relu"]
    assert build().profiles.keys() == {"sigmoid"}
    assert m.quantity("largest_first_grad") in ("relu", "leaky_relu")


@pytest.mark.parametrize(
    ("params", "key"),
    [
        ({"depth": 0}, "depth"),
        ({"depth": 31}, "depth"),
        ({"activation": "step"}, "activation"),
        ({"init": "zeros"}, "init"),
        ({"width": 2.5}, "width"),
    ],
)
def test_bad_params_are_reported(params, key):
    _, problems = SPEC.validate(params)
    assert key in [k for k, _ in problems]


def test_largest_params_stay_finite():
    # depth, init_std and bias at their maxima: the steepest growth the schema allows.
    params = {
        "depth": 30,
        "width": 64,
        "batch": 16,
        "init": "normal",
        "init_std": 10.0,
        "activation": "relu",
        "bias": 10.0,
    }
    assert SPEC.validate(params)[1] == []
    m = SPEC.build(params)
    assert np.isfinite(m.main.norms).all() and np.isfinite(m.main.loss)
    assert np.isfinite(m.quantity("grad_ratio"))


def test_deterministic_and_seed_matters():
    a, b = build(seed=7), build(seed=7)
    assert a.main == b.main
    assert build(seed=8).main.norms != a.main.norms
