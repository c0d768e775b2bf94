"""The optimizers scene model: hand-computed first steps, an independent reference, problems."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tui9.engine import make_optimizer, surfaces
from tui9.scenes import get_scene
from tui9.scenes.optimizers import OPTIMIZERS, SPEC

# The textbook race: f = x^2/20 + y^2 from (-7, 2); grad = (x/10, 2y) = (-0.7, 4) there.


def build(**params):
    return SPEC.build(params)


def reference(name: str, lr: float, steps: int, start=(-7.0, 2.0), momentum=0.9, decay=0.99):
    """The lecture's update rules, written out independently of the engine (bowl surface)."""
    x = np.array(start, dtype=float)
    v = np.zeros(2)
    h = np.zeros(2)
    m = np.zeros(2)
    out = [x.copy()]
    for t in range(1, steps + 1):
        g = np.array([x[0] / 10.0, 2.0 * x[1]])
        if name == "sgd":
            x = x - lr * g
        elif name == "momentum":
            v = momentum * v - lr * g
            x = x + v
        elif name == "adagrad":
            h = h + g * g
            x = x - lr * g / (np.sqrt(h) + 1e-7)
        elif name == "rmsprop":
            h = decay * h + (1 - decay) * g * g
            x = x - lr * g / (np.sqrt(h) + 1e-7)
        elif name == "adam":
            m = 0.9 * m + 0.1 * g
            h = 0.999 * h + 0.001 * g * g
            x = x - lr * (m / (1 - 0.9**t)) / (np.sqrt(h / (1 - 0.999**t)) + 1e-8)
        out.append(x.copy())
    return np.array(out)


def test_registered():
    assert get_scene("optimizers") is SPEC
    names = {q.name for q in SPEC.quantities}
    model = build()
    for name in names:
        value = model.quantity(name)
        if isinstance(value, float):
            assert math.isfinite(value), name


def test_gradient_at_start_by_hand():
    m = build()
    assert m.quantity("grad_x") == pytest.approx(-0.7)
    assert m.quantity("grad_y") == pytest.approx(4.0)


def test_first_steps_by_hand():
    m = build()
    # SGD: (-7, 2) - 0.95 (-0.7, 4)
    assert m.quantity("x1_sgd") == pytest.approx(-6.335)
    assert m.quantity("y1_sgd") == pytest.approx(-1.8)
    # Momentum: v1 = -0.1 (-0.7, 4) = (0.07, -0.4); W1 = W0 + v1
    assert m.quantity("v1_x") == pytest.approx(0.07)
    assert m.quantity("v1_y") == pytest.approx(-0.4)
    assert m.quantity("x1_momentum") == pytest.approx(-6.93)
    assert m.quantity("y1_momentum") == pytest.approx(1.6)
    # AdaGrad: h1 = g^2 = (0.49, 16); the step is lr g / sqrt(g^2) = 1.5 sign(g)
    assert m.quantity("h1_x") == pytest.approx(0.49)
    assert m.quantity("h1_y") == pytest.approx(16.0)
    assert m.quantity("x1_adagrad") == pytest.approx(-5.5, abs=1e-6)
    assert m.quantity("y1_adagrad") == pytest.approx(0.5, abs=1e-6)
    # RMSprop: h1 = 0.01 g^2, so the step is lr g / (0.1 |g|) = 10 lr sign(g) = 1.0
    assert m.quantity("x1_rmsprop") == pytest.approx(-6.0, abs=1e-5)
    assert m.quantity("y1_rmsprop") == pytest.approx(1.0, abs=1e-5)
    # Adam: m_hat1 = g, v_hat1 = g^2, so the first step is lr sign(g) = 0.3
    assert m.quantity("x1_adam") == pytest.approx(-6.7, abs=1e-6)
    assert m.quantity("y1_adam") == pytest.approx(1.7, abs=1e-6)


def test_second_momentum_step_by_hand():
    m = build(steps=2)
    # g1 at (-6.93, 1.6) = (-0.693, 3.2); v2 = 0.9 v1 - 0.1 g1 = (0.1323, -0.68)
    v2 = m.state("momentum", 2)["v"]
    assert v2 == pytest.approx((0.1323, -0.68))
    assert m.quantity("x_momentum") == pytest.approx(-6.93 + 0.1323)
    assert m.quantity("y_momentum") == pytest.approx(1.6 - 0.68)


def test_sgd_closed_form_and_zigzag():
    m = build(steps=30)
    # x shrinks by (1 - 0.095) and y by (1 - 1.9) = -0.9 each step
    assert m.quantity("x_sgd") == pytest.approx(-7 * 0.905**30)
    assert m.quantity("y_sgd") == pytest.approx(2 * 0.9**30)
    assert m.quantity("zigzag_sgd") == 30
    assert m.quantity("zigzag_momentum") < m.quantity("zigzag_sgd")


@pytest.mark.parametrize("name", OPTIMIZERS)
def test_trajectories_match_independent_reference(name):
    m = build(steps=40)
    ref = reference(name, m.lrs[name], 40)
    np.testing.assert_allclose(m.runs[name].points, ref, rtol=1e-9, atol=1e-9)
    assert m.quantity(f"dist_{name}") == pytest.approx(float(np.hypot(*ref[-1])))
    assert m.quantity(f"f_{name}") == pytest.approx(ref[-1, 0] ** 2 / 20 + ref[-1, 1] ** 2)


@pytest.mark.parametrize("name", OPTIMIZERS)
def test_same_update_code_as_the_engine(name):
    m = build(steps=25, surface="rosenbrock", start=[-1.5, 2.0], lr_sgd=0.001, lr_momentum=0.001)
    opt = m.optimizer(name)
    traj = surfaces.descend(surfaces.SURFACES["rosenbrock"], opt, (-1.5, 2.0), 25)
    if m.runs[name].diverged_at is None:
        np.testing.assert_array_equal(m.runs[name].points, traj.points)
    assert type(opt) is type(make_optimizer(name))


def test_textbook_race_winner_is_adagrad():
    m = build(optimizers=["sgd", "momentum", "adagrad", "adam"])
    dists = {n: m.quantity(f"dist_{n}") for n in m.shown}
    assert m.quantity("closest") == min(dists, key=dists.get) == "adagrad"


def test_closest_only_among_shown():
    m = build(optimizers=["sgd", "momentum"])
    assert m.quantity("closest") == "sgd"  # 0.36 vs 0.90 after 30 steps


def test_custom_start_and_momentum():
    m = build(start=[3.0, -1.0], momentum=0.5, steps=1)
    # grad = (0.3, -2); v1 = -0.1 g = (-0.03, 0.2)
    assert m.quantity("v1_x") == pytest.approx(-0.03)
    assert m.quantity("y_momentum") == pytest.approx(-0.8)
    m2 = build(start=[3.0, -1.0], momentum=0.5, steps=2)
    # g1 at (2.97, -0.8) = (0.297, -1.6); v2 = 0.5 v1 - 0.1 g1 = (-0.0447, 0.26)
    assert m2.state("momentum", 2)["v"] == pytest.approx((-0.0447, 0.26))


def test_saddle_distance_is_to_the_saddle_point():
    m = build(surface="saddle", start=[-2.0, 0.01], steps=5)
    x, y = m.position("sgd")
    assert m.quantity("dist_sgd") == pytest.approx(math.hypot(x, y))


def test_divergence_is_frozen_and_finite():
    m = build(lr_sgd=1.2, steps=500)
    run = m.runs["sgd"]
    assert run.diverged_at is not None
    assert np.isfinite(run.points).all() and np.isfinite(run.values).all()
    for q in ("x_sgd", "y_sgd", "dist_sgd", "f_sgd"):
        assert math.isfinite(m.quantity(q))


def test_deterministic():
    a, b = build(steps=50), build(steps=50)
    for n in OPTIMIZERS:
        np.testing.assert_array_equal(a.runs[n].points, b.runs[n].points)


@pytest.mark.parametrize(
    ("params", "key"),
    [
        ({"start": [20.0, 0.0]}, "start"),
        ({"surface": "rosenbrock"}, "start"),
        ({"optimizers": ["sgd", "sgd"]}, "optimizers"),
        ({"optimizers": ["nesterov"]}, "optimizers[0]"),
        ({"lr_adam": -0.1}, "lr_adam"),
        ({"steps": 0}, "steps"),
        ({"surface": "himmelblau"}, "surface"),
        ({"start": [1.0]}, "start"),
        ({"optimizers": ["sgd"], "focus": "adam"}, "focus"),
    ],
)
def test_problems(params, key):
    _, problems = SPEC.validate(params)
    assert key in [k for k, _ in problems]
    with pytest.raises(ValueError):
        SPEC.build(params)


def test_unknown_quantity():
    with pytest.raises(KeyError):
        build().quantity("x_nesterov")


def test_adam_bias_correction_by_hand():
    m = build(steps=1)
    # m1 = 0.9 * 0 + 0.1 * 4 = 0.4; m_hat1 = 0.4 / (1 - 0.9) = 4
    assert m.quantity("m1_y") == pytest.approx(0.4)
    assert m.quantity("m_hat1_y") == pytest.approx(4.0)


def test_adagrad_step_size_shrinks_rmsprop_keeps_it():
    m = build(steps=100, lr_adagrad=0.1, lr_rmsprop=0.1)
    ref = reference("adagrad", 0.1, 100)
    h_x = sum((p[0] / 10.0) ** 2 for p in ref[:-1])
    assert m.quantity("adagrad_lr_x") == pytest.approx(0.1 / (math.sqrt(h_x) + 1e-7))
    assert m.quantity("adagrad_lr_x") < 0.02
    # AdaGrad stalls far from the minimum; RMSprop with the same lr does not
    assert m.quantity("dist_adagrad") > 5.0 > 0.01 > m.quantity("dist_rmsprop")
    assert m.quantity("rmsprop_lr_x") > m.quantity("adagrad_lr_x")


def test_validated_params_validate_again():
    """A tune rebuilds from the step's validated params plus overrides: they must re-validate."""
    values, problems = SPEC.validate({"optimizers": ["sgd", "adam"]})
    assert problems == []
    values2, problems2 = SPEC.validate({**values, "lr_adam": 0.7})
    assert problems2 == [] and values2["start"] == (-7.0, 2.0)
