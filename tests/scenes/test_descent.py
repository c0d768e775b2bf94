"""The descent scene model: batch GD vs SGD vs mini-batch, checked against the engine."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tui9.engine import MLP, Trainer, make_optimizer
from tui9.scenes import get_scene
from tui9.scenes.descent import METHODS, SPEC

SMALL = {"n": 40, "epochs": 6, "batch_size": 8, "lr": 0.2, "hidden": [4]}


def build(**kw):
    return SPEC.build({**SMALL, **kw})


def test_registered():
    assert get_scene("descent") is SPEC


def test_work_per_epoch_by_hand():
    m = build(n=40, batch_size=8)
    assert [m.quantity(f"grad_evals_{x}") for x in METHODS] == [40.0, 40.0, 40.0]
    assert [m.quantity(f"updates_{x}") for x in METHODS] == [1.0, 40.0, 5.0]
    assert m.quantity("updates_minibatch") == 5.0
    m = build(n=41, batch_size=8)
    # ceil(41 / 8) = 6: the last mini-batch holds one example.
    assert m.quantity("updates_minibatch") == 6.0
    assert m.quantity("total_updates_sgd") == 41.0 * 6
    assert m.quantity("total_grad_evals") == 41.0 * 6


def test_trainers_did_the_counted_work():
    m = build().result
    for name in METHODS:
        t = m.runs[name].trainer
        assert t.grad_evals == 40 * 6
        assert t.steps == m.updates_per_epoch(name) * 6
        assert t.epoch == 6


def test_batch_gd_matches_plain_gradient_descent():
    """Full-batch GD = W <- W - lr dL/dW on all data, written out by hand with the engine."""
    m = build()
    net = MLP([2, 4, 2], activation="tanh", output="identity", init="xavier", seed=0)
    for _ in range(6):
        _, grads = net.loss_and_grads(m.X, m.y, loss="cross_entropy")
        for p, g in zip(net.params(), net.grads_list(grads), strict=True):
            p -= 0.2 * g
    expected = net.loss(m.X, m.y, loss="cross_entropy")
    assert m.quantity("final_loss_batch") == pytest.approx(expected, rel=1e-10)


def test_sgd_matches_an_independent_trainer():
    m = build()
    net = MLP([2, 4, 2], activation="tanh", output="identity", init="xavier", seed=0)
    t = Trainer(net, make_optimizer("sgd", lr=0.2), m.X, m.y, 1, "cross_entropy", 0.0, 0)
    for _ in range(6):
        t.run_epoch()
    assert m.quantity("final_loss_sgd") == pytest.approx(t.full_loss(), rel=1e-10)


def test_same_start_and_checks_spaced_by_work():
    m = build().result
    starts = {m.runs[x].losses[0] for x in METHODS}
    assert len(starts) == 1
    sgd = m.runs["sgd"]
    # n = 40, 20 checks per epoch: a check every 2 evaluations.
    assert np.all(np.diff(sgd.evals) == 2)
    assert m.runs["batch"].evals == [40 * i for i in range(7)]
    assert len(m.runs["batch"].epoch_losses) == 7


def test_threshold_and_options_agree_with_numbers():
    m = build(threshold=0.45)
    finals = {x: m.quantity(f"final_loss_{x}") for x in METHODS}
    assert m.quantity("lowest_final") == min(finals, key=finals.get)
    evals = {x: m.quantity(f"evals_to_threshold_{x}") for x in METHODS}
    fastest = m.quantity("fastest_to_threshold")
    never = 40 * 6 + 1
    if all(v == never for v in evals.values()):
        assert fastest == "none"
    else:
        assert evals[fastest] == min(evals.values())
    m0 = build(threshold=0.0)
    assert m0.quantity("fastest_to_threshold") == "none"
    assert m0.quantity("evals_to_threshold_sgd") == never


def test_batch_gd_is_smooth_sgd_is_noisy():
    m = SPEC.build({})
    assert m.quantity("ups_batch") == 0.0
    assert m.quantity("ups_sgd") > 10
    # At equal work (30 epochs), 6000 small steps beat 30 big ones at this learning rate.
    assert m.quantity("final_loss_sgd") < m.quantity("final_loss_batch")
    assert m.quantity("fastest_to_threshold") == "sgd"


def test_step_epoch_and_reset():
    m = build()
    assert m.epoch == 0
    assert m.step_epoch()
    assert m.epoch == 1
    for _ in range(5):
        m.step_epoch()
    assert not m.step_epoch()
    assert m.runs["sgd"].epoch_losses[-1] == m.quantity("final_loss_sgd")
    m.reset()
    assert m.epoch == 0 and len(m.runs["sgd"].losses) == 1


def test_deterministic():
    a, b = build(seed=3), build(seed=3)
    for q in SPEC.quantities:
        assert a.quantity(q.name) == b.quantity(q.name)


def test_all_quantities_finite():
    m = build(lr=10.0)
    for q in SPEC.quantities:
        v = m.quantity(q.name)
        assert isinstance(v, str) or math.isfinite(v)


@pytest.mark.parametrize(
    ("params", "key", "words"),
    [
        ({"batch_size": 40, "n": 40}, "batch_size", "below n = 40"),
        ({"batch_size": 0}, "batch_size", ">= 2"),
        ({"lr": 1e6}, "lr", "<= 10"),
        ({"epochs": -1}, "epochs", ">= 1"),
        ({"dataset": "digits"}, "dataset", "one of"),
    ],
)
def test_validation(params, key, words):
    _, problems = SPEC.validate({**SMALL, **params})
    assert any(k == key and words in msg for k, msg in problems), problems


def test_work_is_bounded():
    _, problems = SPEC.validate({"n": 500, "epochs": 100})
    assert [k for k, _ in problems] == ["epochs"]
    assert "20000" in problems[0][1]
