"""Batch, stochastic and mini-batch gradient descent over a data set.

``batch_size >= len(X)`` is batch gradient descent (the whole set each step), ``1`` is SGD,
anything between is mini-batch. The order is reshuffled at the start of every epoch from a
seeded generator (full batch needs no shuffle). ``grad_evals`` counts per-example gradient
evaluations, so the three methods can be compared by work done.
"""

from __future__ import annotations

import math

import numpy as np

from .network import MLP
from .optim import Optimizer


class Trainer:
    """Trains ``net`` in place with ``optimizer`` on (X, T).

    The optimizer is stepped on the network's flat parameter vector (``[net.flat]``), so
    its ``state`` holds one flat array per name; ``net.split(arr)`` views one per W / b.
    """

    def __init__(
        self,
        net: MLP,
        optimizer: Optimizer,
        X: np.ndarray,
        T: np.ndarray,
        batch_size: int = 32,
        loss: str = "bce",
        l2: float = 0.0,
        seed: int = 0,
    ) -> None:
        X = net._check_inputs(X)
        self.net = net
        self.optimizer = optimizer
        self.loss = loss
        self.l2 = float(l2)
        self.n = X.shape[0]
        if self.n == 0:
            raise ValueError("no training examples")
        self.batch_size = max(1, min(int(batch_size), self.n))
        self.T = net.prepare_targets(T, loss)
        if self.T.shape[0] != self.n:
            raise ValueError(f"{self.T.shape[0]} targets for {self.n} inputs")
        self._onehot = loss == "cross_entropy" and bool((self.T.sum(axis=1) == 1.0).all())
        self.X = np.ascontiguousarray(X).copy()
        self._rng = np.random.default_rng(seed)
        self._xs = self.X
        self._ts = self.T
        self._pos = 0
        self.epoch = 0
        self.steps = 0
        self.grad_evals = 0
        self.history: list[float] = []

    @property
    def full_batch(self) -> bool:
        return self.batch_size >= self.n

    @property
    def steps_per_epoch(self) -> int:
        return -(-self.n // self.batch_size)

    def _shuffle(self) -> None:
        perm = self._rng.permutation(self.n)
        self._xs = self.X[perm]
        self._ts = self.T[perm]

    def step(self) -> float:
        """One update on the next (mini)batch; returns that batch's loss (nan if diverged)."""
        if self._pos == 0 and not self.full_batch:
            self._shuffle()
        lo = self._pos
        hi = min(lo + self.batch_size, self.n)
        net = self.net
        with np.errstate(all="ignore"):
            value = net._loss_grads(
                self._xs[lo:hi],
                self._ts[lo:hi],
                self.loss,
                self.l2,
                net._buffers(hi - lo),
                self._onehot,
            )
            self.optimizer.step([net.flat], [net._gflat])
        self.grad_evals += hi - lo
        self.steps += 1
        if hi >= self.n:
            self._pos = 0
            self.epoch += 1
        else:
            self._pos = hi
        return value if math.isfinite(value) else math.nan

    def run_epoch(self) -> float:
        """Steps until the current epoch is complete; returns the full-data loss after it."""
        epoch = self.epoch
        while self.epoch == epoch:
            self.step()
        value = self.full_loss()
        self.history.append(value)
        return value

    def full_loss(self) -> float:
        """Loss (with the l2 term) on all of X; nan if the network has diverged."""
        with np.errstate(all="ignore"):
            value = self.net.loss(self.X, self.T, loss=self.loss, l2=self.l2)
        return value if math.isfinite(value) else math.nan

    @property
    def diverged(self) -> bool:
        """True once any parameter is nan or infinite."""
        return not bool(np.isfinite(self.net.flat).all())
