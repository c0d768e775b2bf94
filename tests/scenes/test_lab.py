"""The lab scene model: training runs, divergence, budgets, digits accuracy."""

from __future__ import annotations

import math
import time

import numpy as np
import pytest

from tui9.engine import MLP, Trainer, compute_loss, make_optimizer
from tui9.scenes import get_scene
from tui9.scenes.lab import EXPLODE_FACTOR, LOSS_CAP, SPEC

SMALL = {"dataset": "moons", "n": 80, "epochs": 15, "hidden": [6]}


def build(**kw):
    return SPEC.build({**SMALL, **kw})


def test_registered():
    assert get_scene("lab") is SPEC


def test_zero_init_starts_at_log_k_by_hand():
    # All logits 0 -> softmax uniform -> loss ln(k) for every example.
    assert build(init="zeros").quantity("initial_loss") == pytest.approx(math.log(2))
    digits = SPEC.build({"dataset": "digits", "init": "zeros", "epochs": 1, "max_steps": 1})
    assert digits.quantity("initial_loss") == pytest.approx(math.log(10))


def test_split_sizes_and_standardization():
    m = build(n=80, val_fraction=0.25)
    s = m.split
    assert len(s.y_train) == 60 and len(s.y_val) == 20
    np.testing.assert_allclose(s.X_train.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(s.X_train.std(axis=0), 1.0, atol=1e-9)
    d = SPEC.build({"dataset": "digits"}).split
    assert d.X_train.shape[1] == 64 and d.classes == 10
    assert len(d.y_train) + len(d.y_val) == 1797


def test_matches_an_independent_engine_run():
    m = build(optimizer="momentum", lr=0.1, batch_size=10, l2=0.001)
    s = m.split
    net = MLP([2, 6, 2], activation="tanh", output="identity", init="xavier", seed=0)
    t = Trainer(
        net, make_optimizer("momentum", lr=0.1), s.X_train, s.y_train, 10, "cross_entropy", 0.001, 0
    )
    for _ in range(15):
        t.run_epoch()
    Y = net.forward(s.X_train)
    loss, _ = compute_loss("cross_entropy", Y, s.y_train)
    assert m.quantity("final_loss") == pytest.approx(loss, rel=1e-10)
    acc = np.mean(np.argmax(net.forward(s.X_val), axis=1) == s.y_val)
    assert m.quantity("val_accuracy") == pytest.approx(acc)
    assert m.quantity("test_accuracy") == m.quantity("val_accuracy")
    assert m.quantity("steps") == 15 * math.ceil(60 / 10)


def test_slicing_does_not_change_the_run():
    m = build()
    sliced = m.new_run()
    while not sliced.done:
        sliced.train(max_epochs=1, budget_s=0.0)  # at least one update per call
    whole = m.result
    assert [h.train_loss for h in sliced.history] == [h.train_loss for h in whole.history]
    assert [h.epoch for h in whole.history] == list(range(16))


def test_epochs_to_goal_reads_the_history():
    m = build(goal_accuracy=0.8)
    hist = m.result.history
    first = next((h.epoch for h in hist if h.val_acc >= 0.8), 16)
    assert m.quantity("epochs_to_goal") == first
    assert build(goal_accuracy=1.0, epochs=1).quantity("epochs_to_goal") in (0.0, 1.0, 2.0)


def test_step_budget():
    m = build(max_steps=7, batch_size=8)
    assert m.quantity("steps") == 7.0
    assert m.result.reason == "budget"
    assert m.quantity("epochs_run") == 0.0  # 60 / 8 = 8 updates per epoch


def test_large_learning_rate_diverges_and_stays_finite():
    m = build(optimizer="sgd", lr=10.0, epochs=20, n=200, hidden=[16, 16])
    assert m.quantity("diverged") == "yes"
    r = m.result
    assert r.reason == "diverged"
    assert max(h.train_loss for h in r.history) > EXPLODE_FACTOR * r.initial_loss
    for q in SPEC.quantities:
        v = m.quantity(q.name)
        assert isinstance(v, str) or (math.isfinite(v) and v <= LOSS_CAP)
    assert r.epoch < 20  # stopped early
    P = r.predict_proba(np.zeros((3, 2)))
    assert np.all(np.isfinite(P))


def test_sane_run_does_not_diverge():
    m = build(lr=0.05)
    assert m.quantity("diverged") == "no"
    assert m.quantity("final_loss") < m.quantity("initial_loss")


def test_digits_reaches_95_percent_quickly():
    t0 = time.perf_counter()
    m = SPEC.build({"dataset": "digits", "hidden": [64], "lr": 0.01, "epochs": 20})
    assert m.quantity("test_accuracy") >= 0.95
    assert time.perf_counter() - t0 < 20  # ~1.5 s on an idle machine
    conf = m.result.confusion()
    assert conf.sum() == len(m.split.y_val)
    assert np.trace(conf) / conf.sum() == pytest.approx(m.quantity("test_accuracy"))


def test_grid_covers_bounds():
    m = build()
    run = m.result
    cls, conf = run.grid(10, 5)
    assert cls.shape == (5, 10) and conf.shape == (5, 10)
    assert set(np.unique(cls)) <= {0, 1}
    assert np.all((conf >= 0.5) & (conf <= 1.0))


def test_deterministic():
    a, b = build(seed=5), build(seed=5)
    for q in SPEC.quantities:
        assert a.quantity(q.name) == b.quantity(q.name)


@pytest.mark.parametrize(
    ("params", "key", "words"),
    [
        ({"lr": 1e6}, "lr", "<= 10"),
        ({"batch_size": 0}, "batch_size", ">= 1"),
        ({"epochs": -3}, "epochs", ">= 1"),
        ({"hidden": [0]}, "hidden[0]", ">= 1"),
        ({"init": "normal", "init_std": 0.0}, "init_std", "> 0"),
        ({"dataset": "mnist"}, "dataset", "one of"),
        ({"optimizer": "lbfgs"}, "optimizer", "one of"),
    ],
)
def test_validation(params, key, words):
    _, problems = SPEC.validate(params)
    assert any(k == key and words in msg for k, msg in problems), problems


def test_work_is_bounded():
    from tui9.scenes.lab import MAX_WORK, training_work

    big = {"dataset": "digits", "hidden": [128, 128], "epochs": 1000}
    _, problems = SPEC.validate(big)
    assert [k for k, _ in problems] == ["epochs"] and "limit" in problems[0][1]
    # a step budget makes the same network affordable
    values, problems = SPEC.validate({**big, "max_steps": 500})
    assert problems == [] and training_work(values) <= MAX_WORK
    # by hand: moons n=200, 25% held out -> 150 examples; 2-8-2 has 3*8 + 9*2 = 42 weights
    values, _ = SPEC.validate({"epochs": 10})
    assert training_work(values) == 10 * 150 * 42
