"""Optimizers, in the lecture's exact forms. ``step(params, grads)`` updates in place.

- sgd:      W <- W - lr g
- momentum: v <- momentum v - lr g;  W <- W + v                         (v starts at 0)
- adagrad:  h <- h + g^2;            W <- W - lr g / (sqrt(h) + eps)
- rmsprop:  h <- decay h + (1 - decay) g^2;  W <- W - lr g / (sqrt(h) + eps)
- adam:     t += 1;  m <- b1 m + (1 - b1) g;  v <- b2 v + (1 - b2) g^2;
            m_hat = m / (1 - b1^t);  v_hat = v / (1 - b2^t);
            W <- W - lr m_hat / (sqrt(v_hat) + eps)

``state`` maps a name to one array per parameter (for display); ``t`` counts steps.
Passing one flat vector (e.g. ``[net.flat]``) updates a whole network in a few calls.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

OPTIMIZERS: tuple[str, ...] = ("sgd", "momentum", "adagrad", "rmsprop", "adam")


class Optimizer:
    """Base class: holds hyperparameters, per-parameter state arrays and scratch buffers."""

    name = ""
    state_names: tuple[str, ...] = ()
    _stored: tuple[str, ...] = ()

    def __init__(self, lr: float) -> None:
        self.lr = float(lr)
        self.t = 0
        self._state: dict[str, list[np.ndarray]] = {k: [] for k in self._stored}
        self._tmp: list[np.ndarray] = []
        self._shapes: list[tuple[int, ...]] = []

    @property
    def state(self) -> dict[str, list[np.ndarray]]:
        """Name -> one array per parameter (live arrays; copy them to keep a snapshot)."""
        return self._state

    def reset(self) -> None:
        """Forget all state (as if freshly made)."""
        self.t = 0
        self._state = {k: [] for k in self._stored}
        self._tmp = []
        self._shapes = []

    def _ensure_state(self, params: Sequence[np.ndarray]) -> None:
        shapes = [p.shape for p in params]
        if shapes != self._shapes:
            self.t = 0
            self._shapes = shapes
            self._state = {k: [np.zeros(s) for s in shapes] for k in self._stored}
            self._tmp = [np.empty(s) for s in shapes]

    def step(self, params: Sequence[np.ndarray], grads: Sequence[np.ndarray]) -> None:
        """Update every array in ``params`` in place from the matching gradient."""
        if len(params) != len(grads):
            raise ValueError(f"{len(params)} parameters but {len(grads)} gradients")
        self._ensure_state(params)
        self.t += 1
        for i, (p, g) in enumerate(zip(params, grads, strict=True)):
            self._update(i, p, g, self._tmp[i])

    def _update(self, i: int, p: np.ndarray, g: np.ndarray, tmp: np.ndarray) -> None:
        raise NotImplementedError

    def hyperparams(self) -> dict[str, float]:
        return {"lr": self.lr}

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v:g}" for k, v in self.hyperparams().items())
        return f"{type(self).__name__}({args})"


class SGD(Optimizer):
    name = "sgd"

    def _update(self, i, p, g, tmp) -> None:
        np.multiply(g, self.lr, out=tmp)
        p -= tmp


class Momentum(Optimizer):
    name = "momentum"
    state_names = _stored = ("v",)

    def __init__(self, lr: float = 0.01, momentum: float = 0.9) -> None:
        super().__init__(lr)
        self.momentum = float(momentum)

    def hyperparams(self) -> dict[str, float]:
        return {"lr": self.lr, "momentum": self.momentum}

    def _update(self, i, p, g, tmp) -> None:
        v = self._state["v"][i]
        v *= self.momentum
        np.multiply(g, self.lr, out=tmp)
        v -= tmp
        p += v


class AdaGrad(Optimizer):
    name = "adagrad"
    state_names = _stored = ("h",)

    def __init__(self, lr: float = 0.01, eps: float = 1e-7) -> None:
        super().__init__(lr)
        self.eps = float(eps)

    def hyperparams(self) -> dict[str, float]:
        return {"lr": self.lr, "eps": self.eps}

    def _update(self, i, p, g, tmp) -> None:
        h = self._state["h"][i]
        np.multiply(g, g, out=tmp)
        h += tmp
        _scaled_step(p, g, h, self.lr, self.eps, tmp)


class RMSprop(Optimizer):
    name = "rmsprop"
    state_names = _stored = ("h",)

    def __init__(self, lr: float = 0.01, decay: float = 0.99, eps: float = 1e-7) -> None:
        super().__init__(lr)
        self.decay = float(decay)
        self.eps = float(eps)

    def hyperparams(self) -> dict[str, float]:
        return {"lr": self.lr, "decay": self.decay, "eps": self.eps}

    def _update(self, i, p, g, tmp) -> None:
        h = self._state["h"][i]
        h *= self.decay
        np.multiply(g, g, out=tmp)
        tmp *= 1.0 - self.decay
        h += tmp
        _scaled_step(p, g, h, self.lr, self.eps, tmp)


def _scaled_step(p, g, h, lr: float, eps: float, tmp: np.ndarray) -> None:
    """p <- p - lr g / (sqrt(h) + eps), using tmp as scratch."""
    np.sqrt(h, out=tmp)
    tmp += eps
    np.divide(g, tmp, out=tmp)
    tmp *= lr
    p -= tmp


class Adam(Optimizer):
    name = "adam"

    def __init__(
        self, lr: float = 0.001, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8
    ) -> None:
        super().__init__(lr)
        self.beta1 = float(beta1)
        self.beta2 = float(beta2)
        self.eps = float(eps)

    def hyperparams(self) -> dict[str, float]:
        return {"lr": self.lr, "beta1": self.beta1, "beta2": self.beta2, "eps": self.eps}

    state_names = ("m", "v", "m_hat", "v_hat")
    _stored = ("m", "v")

    @property
    def state(self) -> dict[str, list[np.ndarray]]:
        """m and v (live), and the bias-corrected m_hat and v_hat (computed, fresh arrays)."""
        s = self._state
        if not s["m"]:
            return {k: [] for k in self.state_names}
        c1, c2 = 1.0 - self.beta1**self.t, 1.0 - self.beta2**self.t
        return {
            "m": s["m"],
            "v": s["v"],
            "m_hat": [m / c1 for m in s["m"]],
            "v_hat": [v / c2 for v in s["v"]],
        }

    def _update(self, i, p, g, tmp) -> None:
        m, v = self._state["m"][i], self._state["v"][i]
        b1, b2, t = self.beta1, self.beta2, self.t
        # m <- b1 m + (1 - b1) g, written as m += (1 - b1)(g - m): same value, fewer calls.
        np.subtract(g, m, out=tmp)
        tmp *= 1.0 - b1
        m += tmp
        np.multiply(g, g, out=tmp)
        tmp -= v
        tmp *= 1.0 - b2
        v += tmp
        # lr m_hat / (sqrt(v_hat) + eps) == lr_t m / (sqrt(v) + eps sqrt(1 - b2^t)),
        # with lr_t = lr sqrt(1 - b2^t) / (1 - b1^t): the bias correction folded into scalars.
        root = (1.0 - b2**t) ** 0.5
        np.sqrt(v, out=tmp)
        tmp += self.eps * root
        np.divide(m, tmp, out=tmp)
        tmp *= self.lr * root / (1.0 - b1**t)
        p -= tmp


_CLASSES: dict[str, type[Optimizer]] = {
    "sgd": SGD,
    "momentum": Momentum,
    "adagrad": AdaGrad,
    "rmsprop": RMSprop,
    "adam": Adam,
}
DEFAULT_LR: dict[str, float] = {
    "sgd": 0.01,
    "momentum": 0.01,
    "adagrad": 0.01,
    "rmsprop": 0.01,
    "adam": 0.001,
}


def make_optimizer(name: str, lr: float | None = None, **hyper: float) -> Optimizer:
    """Make an optimizer by name (one of OPTIMIZERS); ``lr`` defaults per optimizer."""
    try:
        cls = _CLASSES[name]
    except KeyError:
        raise ValueError(
            f"unknown optimizer {name!r}; expected one of {', '.join(OPTIMIZERS)}"
        ) from None
    return cls(lr=DEFAULT_LR[name] if lr is None else lr, **hyper)
