"""Surfaces: gradients vs finite differences; descend equals manual optimizer steps."""

from __future__ import annotations

import numpy as np
import pytest

from tui9.engine import make_optimizer
from tui9.engine.surfaces import SURFACES, descend


@pytest.mark.parametrize("name", ["bowl", "rosenbrock", "saddle"])
def test_gradients_match_finite_differences(name: str) -> None:
    s = SURFACES[name]
    h = 1e-6
    for x, y in np.random.default_rng(0).uniform(-2, 2, size=(10, 2)):
        gx, gy = s.grad(x, y)
        assert gx == pytest.approx((s.f(x + h, y) - s.f(x - h, y)) / (2 * h), rel=1e-6, abs=1e-6)
        assert gy == pytest.approx((s.f(x, y + h) - s.f(x, y - h)) / (2 * h), rel=1e-6, abs=1e-6)
    (x0, x1), (y0, y1) = s.bounds
    assert x0 <= s.start[0] <= x1 and y0 <= s.start[1] <= y1


def test_bowl_and_minima() -> None:
    bowl = SURFACES["bowl"]
    assert bowl.start == (-7.0, 2.0)
    assert bowl.f(-7.0, 2.0) == pytest.approx(49 / 20 + 4)
    grid = bowl.f(np.array([[1.0, 2.0]]), np.array([[3.0, 0.0]]))
    np.testing.assert_allclose(grid, [[1 / 20 + 9, 4 / 20]])
    for s in SURFACES.values():
        if s.minimum is not None:
            assert s.grad(*s.minimum) == (0.0, 0.0)
    assert SURFACES["saddle"].minimum is None


def test_descend_momentum_matches_the_formula() -> None:
    traj = descend(SURFACES["bowl"], make_optimizer("momentum", lr=0.1, momentum=0.9), steps=5)
    x, y = -7.0, 2.0
    vx = vy = 0.0
    expected = [(x, y)]
    for _ in range(5):
        vx = 0.9 * vx - 0.1 * (x / 10)
        vy = 0.9 * vy - 0.1 * (2 * y)
        x, y = x + vx, y + vy
        expected.append((x, y))
    np.testing.assert_allclose(traj.points, expected, rtol=1e-12)
    np.testing.assert_allclose(traj.values, [p[0] ** 2 / 20 + p[1] ** 2 for p in expected])
    np.testing.assert_allclose(traj.states[-1]["v"], [vx, vy], rtol=1e-12)
    assert len(traj.states) == 5


@pytest.mark.parametrize("name", ["sgd", "adagrad", "rmsprop", "adam"])
def test_descend_equals_stepping_the_optimizer_by_hand(name: str) -> None:
    surface = SURFACES["rosenbrock"]
    opt = make_optimizer(name, lr=0.001)
    opt.step([np.zeros(3)], [np.ones(3)])  # stale state: descend must reset it
    traj = descend(surface, opt, start=(0.5, -0.5), steps=8)
    manual = make_optimizer(name, lr=0.001)
    p = np.array([0.5, -0.5])
    for i in range(8):
        manual.step([p], [np.array(surface.grad(*p))])
        np.testing.assert_allclose(traj.points[i + 1], p, rtol=1e-13)
        for key, arrays in manual.state.items():
            np.testing.assert_allclose(traj.states[i][key], arrays[0], rtol=1e-13)
    assert traj.points.shape == (9, 2) and traj.values.shape == (9,)


def test_optimizers_reach_the_bowl_minimum() -> None:
    for name, lr in (("sgd", 0.95), ("momentum", 0.1), ("adagrad", 1.5), ("adam", 0.3)):
        traj = descend(SURFACES["bowl"], make_optimizer(name, lr=lr), steps=150)
        assert traj.values[-1] < 0.05 * traj.values[0], name
