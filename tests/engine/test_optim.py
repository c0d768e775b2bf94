"""Optimizers against hand-computed steps of the lecture's formulas (scalar Python math)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tui9.engine import MLP, OPTIMIZERS, make_optimizer

# Two parameters of different shapes and three steps of made-up gradients.
P0 = [np.array([[1.0, -2.0], [0.5, 3.0]]), np.array([0.25, -0.75])]
GRADS = [
    [np.array([[0.1, -0.4], [2.0, 0.0]]), np.array([1.0, -0.5])],
    [np.array([[-0.3, 0.2], [1.5, 0.7]]), np.array([0.2, 0.0])],
    [np.array([[0.05, -1.0], [-2.5, 0.3]]), np.array([-0.6, 0.9])],
]


def _run(name: str, **hyper: float) -> tuple[list[list[np.ndarray]], object]:
    opt = make_optimizer(name, **hyper)
    params = [p.copy() for p in P0]
    history = []
    for grads in GRADS:
        opt.step(params, grads)
        history.append([p.copy() for p in params])
    return history, opt


def _scalars(i: int, idx) -> tuple[float, list[float]]:
    """The start value and the three gradients of one element, as plain floats."""
    return float(P0[i][idx]), [float(g[i][idx]) for g in GRADS]


def _elements():
    for i, p in enumerate(P0):
        for idx in np.ndindex(p.shape):
            yield i, idx


def test_sgd() -> None:
    history, _ = _run("sgd", lr=0.1)
    for i, idx in _elements():
        w, gs = _scalars(i, idx)
        for step, g in enumerate(gs):
            w = w - 0.1 * g
            assert history[step][i][idx] == pytest.approx(w, rel=1e-12, abs=1e-15)


def test_momentum() -> None:
    history, opt = _run("momentum", lr=0.1, momentum=0.9)
    for i, idx in _elements():
        w, gs = _scalars(i, idx)
        v = 0.0
        for step, g in enumerate(gs):
            v = 0.9 * v - 0.1 * g
            w = w + v
            assert history[step][i][idx] == pytest.approx(w, rel=1e-12, abs=1e-15)
        assert opt.state["v"][i][idx] == pytest.approx(v, rel=1e-12, abs=1e-15)


def test_adagrad() -> None:
    history, opt = _run("adagrad", lr=0.5)
    for i, idx in _elements():
        w, gs = _scalars(i, idx)
        h = 0.0
        for step, g in enumerate(gs):
            h = h + g * g
            w = w - 0.5 * g / (math.sqrt(h) + 1e-7)
            assert history[step][i][idx] == pytest.approx(w, rel=1e-12, abs=1e-15)
        assert opt.state["h"][i][idx] == pytest.approx(h, rel=1e-12, abs=1e-15)


def test_rmsprop() -> None:
    history, opt = _run("rmsprop", lr=0.01)
    for i, idx in _elements():
        w, gs = _scalars(i, idx)
        h = 0.0
        for step, g in enumerate(gs):
            h = 0.99 * h + (1 - 0.99) * g * g
            w = w - 0.01 * g / (math.sqrt(h) + 1e-7)
            assert history[step][i][idx] == pytest.approx(w, rel=1e-12, abs=1e-15)
        assert opt.state["h"][i][idx] == pytest.approx(h, rel=1e-12, abs=1e-15)


def test_adam() -> None:
    history, opt = _run("adam", lr=0.2)
    b1, b2, eps = 0.9, 0.999, 1e-8
    for i, idx in _elements():
        w, gs = _scalars(i, idx)
        m = v = 0.0
        for t, g in enumerate(gs, start=1):
            m = b1 * m + (1 - b1) * g
            v = b2 * v + (1 - b2) * g * g
            m_hat = m / (1 - b1**t)
            v_hat = v / (1 - b2**t)
            w = w - 0.2 * m_hat / (math.sqrt(v_hat) + eps)
            assert history[t - 1][i][idx] == pytest.approx(w, rel=1e-12, abs=1e-15)
        for key, expected in (("m", m), ("v", v), ("m_hat", m_hat), ("v_hat", v_hat)):
            assert opt.state[key][i][idx] == pytest.approx(expected, rel=1e-12, abs=1e-18)
    assert opt.t == 3


def test_adam_first_step_moves_every_weight_by_about_lr() -> None:
    history, _ = _run("adam", lr=0.2)
    for i, p in enumerate(P0):
        moved = np.abs(history[0][i] - p)
        moving = GRADS[0][i] != 0
        np.testing.assert_allclose(moved[moving], 0.2, rtol=1e-6)


def test_hyperparameters_are_used() -> None:
    a, _ = _run("rmsprop", lr=0.01, decay=0.5, eps=1e-3)
    b, _ = _run("rmsprop", lr=0.01)
    assert not np.allclose(a[-1][0], b[-1][0])
    with pytest.raises(TypeError):
        make_optimizer("sgd", lr=0.1, momentum=0.9)


@pytest.mark.parametrize("name", OPTIMIZERS)
def test_reset_forgets_state(name: str) -> None:
    first, opt = _run(name, lr=0.05)
    params = [p.copy() for p in P0]
    opt.reset()
    assert opt.t == 0
    assert all(arrays == [] for arrays in opt.state.values())
    for grads in GRADS:
        opt.step(params, grads)
    for a, b in zip(params, first[-1], strict=True):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("name", OPTIMIZERS)
def test_one_flat_vector_equals_per_array_updates(name: str) -> None:
    net_a = MLP([3, 4, 2], activation="tanh", seed=0)
    net_b = net_a.copy()
    X = np.random.default_rng(0).normal(size=(5, 3))
    T = np.random.default_rng(1).normal(size=(5, 2))
    opt_a, opt_b = make_optimizer(name, lr=0.05), make_optimizer(name, lr=0.05)
    for _ in range(3):
        _, ga = net_a.loss_and_grads(X, T)
        opt_a.step(net_a.params(), net_a.grads_list(ga))
        _, gb = net_b.loss_and_grads(X, T)
        flat_grad = np.concatenate([g.reshape(-1) for g in net_b.grads_list(gb)])
        opt_b.step([net_b.flat], [flat_grad])
    np.testing.assert_allclose(net_a.flat, net_b.flat, rtol=1e-13, atol=1e-15)
    if opt_b.state:
        key = next(iter(opt_b.state))
        for per_layer, view in zip(opt_a.state[key], net_b.split(opt_b.state[key][0]), strict=True):
            np.testing.assert_allclose(per_layer, view, rtol=1e-13, atol=1e-15)


def test_names_and_defaults() -> None:
    assert OPTIMIZERS == ("sgd", "momentum", "adagrad", "rmsprop", "adam")
    assert make_optimizer("adam").lr == 0.001
    assert make_optimizer("momentum").momentum == 0.9
    assert make_optimizer("rmsprop").decay == 0.99
    with pytest.raises(ValueError, match="unknown optimizer 'lion'"):
        make_optimizer("lion")
    with pytest.raises(ValueError, match="2 parameters but 1 gradients"):
        make_optimizer("sgd").step([np.zeros(1), np.zeros(1)], [np.zeros(1)])
