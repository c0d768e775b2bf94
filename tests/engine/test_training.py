"""Trainer: batch / SGD / mini-batch bookkeeping and updates equal to manual steps."""

from __future__ import annotations

import numpy as np
import pytest

from tui9.engine import MLP, Trainer, datasets, make_optimizer


def _setup(n: int = 10, batch_size: int = 4, opt: str = "sgd", seed: int = 0):
    X, y = datasets.moons(n, noise=0.1, seed=3)
    net = MLP([2, 4, 1], activation="tanh", output="sigmoid", seed=1)
    tr = Trainer(net, make_optimizer(opt, lr=0.5), X, y, batch_size=batch_size, loss="bce",
                 seed=seed)  # fmt: skip
    return tr, net, X, y


@pytest.mark.parametrize(
    ("batch_size", "steps_per_epoch", "sizes"),
    [(10, 1, [10]), (50, 1, [10]), (1, 10, [1] * 10), (4, 3, [4, 4, 2])],
)
def test_grad_evals_and_epochs(batch_size: int, steps_per_epoch: int, sizes: list[int]) -> None:
    tr, *_ = _setup(batch_size=batch_size)
    assert tr.steps_per_epoch == steps_per_epoch
    evals = 0
    for size in sizes:
        assert tr.epoch == 0
        tr.step()
        evals += size
        assert tr.grad_evals == evals
    assert tr.epoch == 1
    tr.run_epoch()
    assert (tr.epoch, tr.grad_evals, tr.steps) == (2, 20, 2 * steps_per_epoch)


def test_full_batch_step_is_plain_gradient_descent() -> None:
    tr, net, X, y = _setup(batch_size=10)
    manual = net.copy()
    loss, grads = manual.loss_and_grads(X, y, loss="bce")
    assert tr.step() == pytest.approx(loss, rel=1e-12)
    for p, g in zip(manual.params(), manual.grads_list(grads), strict=True):
        p -= 0.5 * g
    np.testing.assert_allclose(net.flat, manual.flat, rtol=1e-12, atol=1e-15)


def test_mini_batch_epoch_visits_a_seeded_permutation() -> None:
    tr, net, X, y = _setup(batch_size=4, seed=7)
    manual = net.copy()
    opt = make_optimizer("sgd", lr=0.5)
    perm = np.random.default_rng(7).permutation(10)
    losses = []
    for lo in range(0, 10, 4):
        idx = perm[lo : lo + 4]
        value, grads = manual.loss_and_grads(X[idx], y[idx], loss="bce")
        opt.step(manual.params(), manual.grads_list(grads))
        losses.append(value)
    got = [tr.step() for _ in range(3)]
    np.testing.assert_allclose(got, losses, rtol=1e-12)
    np.testing.assert_allclose(net.flat, manual.flat, rtol=1e-12, atol=1e-15)


def test_each_epoch_reshuffles() -> None:
    tr, net, X, _ = _setup(batch_size=1, seed=2)
    seen = []
    real = net._loss_grads

    def spy(x_aug, t, *args):
        seen.append(tuple(np.round(x_aug[0, :2], 12)))
        return real(x_aug, t, *args)

    net._loss_grads = spy
    tr.run_epoch()
    tr.run_epoch()
    first, second = seen[:10], seen[10:]
    assert sorted(first) == sorted(second) == sorted(tuple(np.round(r, 12)) for r in X)
    assert first != second


def test_same_seed_same_losses_and_training_learns() -> None:
    def run(seed: int) -> list[float]:
        X, y = datasets.moons(120, noise=0.1, seed=0)
        net = MLP([2, 8, 1], activation="tanh", output="sigmoid", seed=0)
        tr = Trainer(net, make_optimizer("adam", lr=0.05), X, y, batch_size=16, seed=seed)
        return [tr.run_epoch() for _ in range(15)]

    a, b, c = run(0), run(0), run(1)
    assert a == b
    assert a != c
    assert a[-1] < 0.5 * a[0]


def test_full_loss_and_history() -> None:
    tr, net, X, y = _setup(batch_size=3)
    value = tr.run_epoch()
    assert value == pytest.approx(net.loss(X, y, loss="bce"))
    assert tr.history == [value]


def test_cross_entropy_with_integer_labels_and_l2() -> None:
    X, y = datasets.blobs(60, centers=3, seed=0)
    net = MLP([2, 6, 3], activation="relu", output="identity", seed=0)
    tr = Trainer(net, make_optimizer("momentum", lr=0.1), X, y, batch_size=60,
                 loss="cross_entropy", l2=0.01)  # fmt: skip
    manual = net.copy()
    value, _ = manual.loss_and_grads(X, y, loss="cross_entropy", l2=0.01)
    assert tr.step() == pytest.approx(value, rel=1e-12)
    for _ in range(40):
        tr.step()
    assert (net.forward(X).argmax(axis=1) == y).mean() > 0.9


def test_divergence_is_reported_as_nan_without_warnings() -> None:
    X, y = datasets.moons(20, seed=0)
    net = MLP([2, 4, 1], activation="relu", output="identity", seed=0)
    tr = Trainer(net, make_optimizer("sgd", lr=1e6), X, y, batch_size=20, loss="mse")
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        values = [tr.step() for _ in range(30)]
        last = tr.full_loss()
    assert np.isnan(values[-1]) and np.isnan(last)
    assert tr.diverged


def test_bad_data_is_a_clear_error() -> None:
    net = MLP([2, 3, 1])
    with pytest.raises(ValueError, match="targets"):
        Trainer(net, make_optimizer("sgd"), np.zeros((4, 2)), np.zeros(3), loss="mse")
