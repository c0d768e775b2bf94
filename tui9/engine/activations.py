"""Activation functions and their derivatives.

Each :class:`Activation` has ``f(z)`` and ``df(z)`` (the derivative evaluated from the
pre-activation ``z``), both returning new arrays. The network's hot path uses the private
in-place variants, which may reuse the already computed output ``a`` to save work.
"""

from __future__ import annotations

import numpy as np

ACTIVATION_NAMES: tuple[str, ...] = ("identity", "step", "sigmoid", "tanh", "relu", "leaky_relu")
_FAST_TANH_MIN_SIZE = 2048


class Activation:
    """An element-wise activation function ``a = f(z)`` with derivative ``df(z)``."""

    name: str = ""

    def f(self, z: np.ndarray) -> np.ndarray:
        """Return f(z) as a new float64 array."""
        z = np.asarray(z, dtype=np.float64)
        out = np.empty_like(z)
        self._fwd(z, out)
        return out

    def df(self, z: np.ndarray) -> np.ndarray:
        """Return f'(z) as a new float64 array."""
        raise NotImplementedError

    # In-place helpers used by the network (no allocation in the hot path).
    def _fwd(self, z: np.ndarray, out: np.ndarray) -> None:
        raise NotImplementedError

    def _bwd(self, z: np.ndarray, a: np.ndarray, da: np.ndarray, out: np.ndarray) -> None:
        """out = da * f'(z); ``a`` is f(z), already computed."""
        np.multiply(da, self.df(z), out=out)

    def __repr__(self) -> str:
        return f"Activation({self.name!r})"


class Identity(Activation):
    name = "identity"

    def df(self, z: np.ndarray) -> np.ndarray:
        return np.ones_like(np.asarray(z, dtype=np.float64))

    def _fwd(self, z: np.ndarray, out: np.ndarray) -> None:
        np.copyto(out, z)

    def _bwd(self, z, a, da, out) -> None:
        np.copyto(out, da)


class Step(Activation):
    """Heaviside step: 1 where z > 0, else 0 (the perceptron's). Derivative 0 everywhere."""

    name = "step"

    def df(self, z: np.ndarray) -> np.ndarray:
        return np.zeros_like(np.asarray(z, dtype=np.float64))

    def _fwd(self, z: np.ndarray, out: np.ndarray) -> None:
        np.greater(z, 0.0, out=out)

    def _bwd(self, z, a, da, out) -> None:
        out.fill(0.0)


def _sigmoid_into(z: np.ndarray, out: np.ndarray) -> None:
    """Numerically stable logistic function: exp(z - softplus(z)), softplus = logaddexp(0, z).

    Never overflows (no warning at z = +-1000) and keeps full relative precision in both tails.
    """
    np.logaddexp(0.0, z, out=out)
    np.subtract(z, out, out=out)
    np.exp(out, out=out)


class Sigmoid(Activation):
    name = "sigmoid"

    def df(self, z: np.ndarray) -> np.ndarray:
        s = self.f(z)
        return s * (1.0 - s)

    def _fwd(self, z: np.ndarray, out: np.ndarray) -> None:
        _sigmoid_into(z, out)

    def _bwd(self, z, a, da, out) -> None:
        np.subtract(1.0, a, out=out)
        out *= a
        out *= da


class Tanh(Activation):
    name = "tanh"

    def df(self, z: np.ndarray) -> np.ndarray:
        t = np.tanh(np.asarray(z, dtype=np.float64))
        return 1.0 - t * t

    def f(self, z: np.ndarray) -> np.ndarray:
        return np.tanh(np.asarray(z, dtype=np.float64))

    def _fwd(self, z: np.ndarray, out: np.ndarray) -> None:
        if z.size < _FAST_TANH_MIN_SIZE:
            np.tanh(z, out=out)
            return
        # Large arrays: tanh|z| = 2 / (1 + exp(-2|z|)) - 1 with the sign restored: within
        # 2e-15 (absolute) of np.tanh, never overflows, and ~1.5x faster on 512 x 16 where
        # NumPy's float64 tanh is scalar code. ``f`` (traces, plots) stays exact np.tanh.
        np.abs(z, out=out)
        out *= -2.0
        np.exp(out, out=out)
        out += 1.0
        np.divide(2.0, out, out=out)
        out -= 1.0
        np.copysign(out, z, out=out)

    def _bwd(self, z, a, da, out) -> None:
        np.multiply(a, a, out=out)
        np.subtract(1.0, out, out=out)
        out *= da


class ReLU(Activation):
    """max(0, z); derivative 1 where z > 0, else 0."""

    name = "relu"

    def df(self, z: np.ndarray) -> np.ndarray:
        return (np.asarray(z) > 0).astype(np.float64)

    def _fwd(self, z: np.ndarray, out: np.ndarray) -> None:
        np.maximum(z, 0.0, out=out)

    def _bwd(self, z, a, da, out) -> None:
        np.multiply(da, z > 0, out=out)


class LeakyReLU(Activation):
    """z where z > 0, else slope * z; derivative 1 or slope."""

    name = "leaky_relu"

    def __init__(self, slope: float = 0.01) -> None:
        self.slope = float(slope)

    def df(self, z: np.ndarray) -> np.ndarray:
        return np.where(np.asarray(z) > 0, 1.0, self.slope)

    def _fwd(self, z: np.ndarray, out: np.ndarray) -> None:
        if 0.0 <= self.slope <= 1.0:  # then f(z) = max(z, slope z): two fast calls
            np.multiply(z, self.slope, out=out)
            np.maximum(z, out, out=out)
        else:
            np.multiply(z, np.where(z > 0, 1.0, self.slope), out=out)

    def _bwd(self, z, a, da, out) -> None:
        np.greater(z, 0.0, out=out)  # 1.0 / 0.0
        out *= 1.0 - self.slope
        out += self.slope
        out *= da

    def __repr__(self) -> str:
        return f"Activation('leaky_relu', slope={self.slope})"


_CLASSES: dict[str, type[Activation]] = {
    "identity": Identity,
    "step": Step,
    "sigmoid": Sigmoid,
    "tanh": Tanh,
    "relu": ReLU,
}


def get_activation(name: str, slope: float = 0.01) -> Activation:
    """Return the activation called ``name`` (one of ACTIVATION_NAMES).

    ``slope`` is the negative-side slope of ``leaky_relu`` (ignored by the others).
    """
    if name == "leaky_relu":
        return LeakyReLU(slope)
    try:
        return _CLASSES[name]()
    except KeyError:
        raise ValueError(
            f"unknown activation {name!r}; expected one of {', '.join(ACTIVATION_NAMES)}"
        ) from None
