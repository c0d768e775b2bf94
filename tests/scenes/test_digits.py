"""The digits scene model: an engine-trained reader checked by an independent forward pass."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tui9.engine import MLP, Trainer, datasets, make_optimizer
from tui9.scenes import get_scene
from tui9.scenes.digits import SPEC, split


@pytest.fixture(scope="module")
def model():
    return SPEC.build({})


def manual_probs(net: MLP, x: np.ndarray) -> np.ndarray:
    """relu(W1 x + b1) -> W2 h + b2 -> softmax, written out by hand."""
    h = np.maximum(0.0, net.weights[0] @ x + net.biases[0])
    z = net.weights[1] @ h + net.biases[1]
    e = np.exp(z - z.max())
    return e / e.sum()


def test_registered(model):
    assert get_scene("digits") is SPEC
    for q in SPEC.quantities:
        assert math.isfinite(float(model.quantity(q.name)))


def test_split_is_the_fixed_20_percent():
    _, ytr, Xte, yte = split()
    assert len(yte) == round(1797 * 0.2) == 359
    assert len(ytr) == 1797 - 359
    X, y = datasets.digits()
    perm = np.random.default_rng(0).permutation(1797)
    np.testing.assert_array_equal(Xte, X[perm[:359]])
    np.testing.assert_array_equal(yte, y[perm[:359]])


def test_trained_like_the_engine_trains(model):
    Xtr, ytr, Xte, yte = split()
    net = MLP([64, 32, 10], activation="relu", output="identity", init="he", seed=0)
    trainer = Trainer(net, make_optimizer("adam", lr=0.01), Xtr, ytr, 32, "cross_entropy", seed=0)
    for _ in range(10):
        trainer.run_epoch()
    np.testing.assert_array_equal(net.flat, model.trained.net.flat)
    correct = sum(
        int(np.argmax(net.forward(x[None])[0]) == t) for x, t in zip(Xte, yte, strict=True)
    )
    assert model.quantity("test_accuracy") == pytest.approx(correct / len(yte))
    assert model.quantity("test_errors") == len(yte) - correct
    assert model.quantity("test_accuracy") >= 0.95


def test_prediction_by_hand(model):
    _, _, Xte, yte = split()
    probs = manual_probs(model.trained.net, Xte[0])
    assert model.quantity("label") == yte[0]
    assert model.quantity("prediction") == int(np.argmax(probs))
    assert model.quantity("probability") == pytest.approx(probs.max())
    np.testing.assert_allclose(model.probabilities(Xte[0]), probs, atol=1e-12)
    assert model.probabilities(Xte[0]).sum() == pytest.approx(1.0)


def test_other_sample():
    m = SPEC.build({"sample": 7})
    _, _, Xte, yte = split()
    assert m.quantity("label") == yte[7]
    assert m.quantity("prediction") == int(np.argmax(manual_probs(m.trained.net, Xte[7])))


def test_examples_and_drawn_pixels_clip(model):
    i = model.example_of(3)
    assert model.test_image(i)[1] == 3
    assert model.test_image(model.example_of(3, 1))[1] == 3
    wild = np.full(64, 5.0)
    np.testing.assert_allclose(model.probabilities(wild), model.probabilities(np.ones(64)))


def test_diverged_training_stays_finite():
    m = SPEC.build({"optimizer": "sgd", "lr": 10.0, "epochs": 2})
    for q in SPEC.quantities:
        assert math.isfinite(float(m.quantity(q.name)))
    assert np.isfinite(m.probabilities(np.zeros(64))).all()


def test_deterministic():
    a = SPEC.build({"seed": 3, "epochs": 2})
    b = SPEC.build({"seed": 3, "epochs": 2})
    assert a.trained is b.trained  # cached
    from tui9.scenes import digits as mod

    mod.train.cache_clear()
    c = SPEC.build({"seed": 3, "epochs": 2})
    np.testing.assert_array_equal(a.trained.net.flat, c.trained.net.flat)


@pytest.mark.parametrize(
    ("params", "key"),
    [
        ({"sample": 359}, "sample"),
        ({"hidden": 0}, "hidden"),
        ({"optimizer": "lbfgs"}, "optimizer"),
        ({"batch_size": 1, "epochs": 10}, "epochs"),
        ({"lr": 0.0}, "lr"),
    ],
)
def test_problems(params, key):
    _, problems = SPEC.validate(params)
    assert key in [k for k, _ in problems]


def test_unknown_quantity(model):
    with pytest.raises(KeyError):
        model.quantity("accuracy")
