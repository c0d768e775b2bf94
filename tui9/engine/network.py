"""The multi-layer perceptron: z = W a + b per layer, as the lecture writes it.

Parameters live in ONE flat float64 vector (``net.flat``) laid out [W1, b1, W2, b2, ...];
``net.weights[i]`` (out, in) and ``net.biases[i]`` (out,) are contiguous views into it, so
they are the live parameters. The gradient uses the same layout, so an optimizer can update
every parameter with a handful of vectorized calls on the flat vector (see
:class:`tui9.engine.training.Trainer`). The lean path works in preallocated, contiguous
buffers per batch size: per layer one matrix product and one bias add forward; one matrix
product for dW, one reduction for db and one matrix product for dL/da backward.

``backward_trace`` is a plain, textbook implementation of backpropagation kept separate from
the lean ``loss_and_grads`` path; the tests check that both agree with finite differences.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np

from .activations import ACTIVATION_NAMES, Activation, get_activation
from .losses import LOSS_NAMES, compute_loss
from .trace import BackwardTrace, ForwardTrace, LayerGrad

INIT_NAMES: tuple[str, ...] = ("zeros", "normal", "xavier", "he")
_MAX_CACHED_BATCH_SIZES = 4


class _ParamList(list):
    """A list of live parameter views: assigning an item copies into the view in place,
    so ``net.weights[0] = W`` changes the network instead of silently detaching it."""

    def __setitem__(self, index, value) -> None:  # type: ignore[override]
        if isinstance(index, slice):
            raise TypeError("assign parameters one at a time, e.g. net.weights[0] = W")
        target = list.__getitem__(self, index)
        value = np.asarray(value, dtype=np.float64)
        if value.shape != target.shape:
            raise ValueError(f"shape {value.shape} does not match parameter shape {target.shape}")
        target[...] = value


class _Buffers:
    """Preallocated work arrays for one batch size."""

    def __init__(self, sizes: Sequence[int], n: int, out_identity: bool) -> None:
        L = len(sizes) - 1
        self.z = [np.empty((n, sizes[i + 1])) for i in range(L)]
        last = self.z[-1] if out_identity else np.empty((n, sizes[-1]))
        self.aout = [np.empty((n, sizes[i + 1])) for i in range(L - 1)] + [last]
        self.da = [np.empty((n, sizes[i + 1])) for i in range(L)]
        self.dz = [np.empty((n, sizes[i + 1])) for i in range(L)]
        self.t1 = np.empty((n, sizes[-1]))
        self.rows = np.empty((n, 1))
        self.ones_out = np.ones((sizes[-1], 1))
        self.ones_batch = np.ones(n)


class MLP:
    """A fully connected network. ``sizes`` = [inputs, hidden..., outputs].

    activation: hidden-layer activation name (or one name per hidden layer);
    output: output activation name; init: zeros | normal (std ``init_std``) |
    xavier (std sqrt(1/n_in)) | he (std sqrt(2/n_in)); biases start at zero.
    Not thread-safe for concurrent calls on the same network from several threads.
    """

    def __init__(
        self,
        sizes: Sequence[int],
        activation: str | Sequence[str] = "sigmoid",
        output: str = "identity",
        init: str = "xavier",
        seed: int = 0,
        init_std: float = 0.01,
        leaky_slope: float = 0.01,
    ) -> None:
        sizes = [int(s) for s in sizes]
        if len(sizes) < 2 or min(sizes) < 1:
            raise ValueError(f"sizes must list at least two positive layer widths, got {sizes}")
        n_hidden = len(sizes) - 2
        names = [activation] * n_hidden if isinstance(activation, str) else list(activation)
        if len(names) != n_hidden:
            raise ValueError(f"{len(names)} hidden activations for {n_hidden} hidden layers")
        for name in [*names, output, *([activation] if isinstance(activation, str) else [])]:
            if name not in ACTIVATION_NAMES:
                raise ValueError(
                    f"unknown activation {name!r}; expected one of {', '.join(ACTIVATION_NAMES)}"
                )
        if init not in INIT_NAMES:
            raise ValueError(f"unknown init {init!r}; expected one of {', '.join(INIT_NAMES)}")
        self.sizes: list[int] = sizes
        self.hidden_activations: list[str] = names
        self.activation: str | list[str] = activation if isinstance(activation, str) else names
        self.output: str = output
        self.init: str = init
        self.seed: int = seed
        self.init_std: float = float(init_std)
        self.leaky_slope: float = float(leaky_slope)
        self.activations: list[Activation] = [
            get_activation(n, slope=leaky_slope) for n in [*names, output]
        ]
        self._out_identity = output == "identity"
        self._last = len(sizes) - 2

        total = sum(sizes[i + 1] * (sizes[i] + 1) for i in range(self.n_layers))
        self.flat: np.ndarray = np.zeros(total)
        self._gflat: np.ndarray = np.zeros(total)
        self._wmask = np.zeros(total)
        for mask in self.split(self._wmask)[0::2]:
            mask[...] = 1.0  # weights, not biases, take the l2 penalty
        views = self.split(self.flat)
        weights, biases = views[0::2], views[1::2]
        self.weights: list[np.ndarray] = _ParamList(weights)
        self.biases: list[np.ndarray] = _ParamList(biases)
        self._WT = [W.T for W in weights]
        grads = self.split(self._gflat)
        self._GW, self._Gb = grads[0::2], grads[1::2]
        self._local = threading.local()
        self._initialize()

    # ----------------------------------------------------------------- structure
    @property
    def n_layers(self) -> int:
        """Number of weight layers (len(sizes) - 1)."""
        return len(self.sizes) - 1

    @property
    def n_params(self) -> int:
        return int(self.flat.size)

    def _initialize(self) -> None:
        rng = np.random.default_rng(self.seed)
        for W in self.weights:
            n_in = W.shape[1]
            std = {
                "zeros": 0.0,
                "normal": self.init_std,
                "xavier": np.sqrt(1.0 / n_in),
                "he": np.sqrt(2.0 / n_in),
            }[self.init]
            W[...] = rng.standard_normal(W.shape) * std if std else 0.0
        for b in self.biases:
            b[...] = 0.0

    def params(self) -> list[np.ndarray]:
        """[W1, b1, W2, b2, ...]: the live parameter arrays, in the order optimizers use."""
        out: list[np.ndarray] = []
        for W, b in zip(self.weights, self.biases, strict=True):
            out += [W, b]
        return out

    def split(self, vec: np.ndarray) -> list[np.ndarray]:
        """Views of a flat vector laid out like ``flat``, as [W1, b1, W2, b2, ...]."""
        out: list[np.ndarray] = []
        off = 0
        for n_in, n_out in zip(self.sizes[:-1], self.sizes[1:], strict=True):
            out.append(vec[off : off + n_out * n_in].reshape(n_out, n_in))
            off += n_out * n_in
            out.append(vec[off : off + n_out])
            off += n_out
        return out

    @staticmethod
    def grads_list(grads: dict[str, list[np.ndarray]]) -> list[np.ndarray]:
        """[gW1, gb1, gW2, gb2, ...] from a grads dict, aligned with params()."""
        out: list[np.ndarray] = []
        for gW, gb in zip(grads["W"], grads["b"], strict=True):
            out += [gW, gb]
        return out

    def copy(self) -> MLP:
        """An independent deep copy (same configuration, copied parameters)."""
        other = MLP(
            self.sizes,
            activation=self.activation,
            output=self.output,
            init="zeros",
            seed=self.seed,
            init_std=self.init_std,
            leaky_slope=self.leaky_slope,
        )
        other.init = self.init
        other.flat[...] = self.flat
        return other

    def __repr__(self) -> str:
        return (
            f"MLP({self.sizes}, activation={self.activation!r}, output={self.output!r}, "
            f"init={self.init!r}, seed={self.seed})"
        )

    # ----------------------------------------------------------------- lean path
    def _buffers(self, n: int) -> _Buffers:
        cache = getattr(self._local, "cache", None)
        if cache is None:
            cache = self._local.cache = {}
        buf = cache.get(n)
        if buf is None:
            if len(cache) >= _MAX_CACHED_BATCH_SIZES:
                cache.pop(next(iter(cache)))
            buf = cache[n] = _Buffers(self.sizes, n, self._out_identity)
        return buf

    def _check_inputs(self, X: np.ndarray) -> np.ndarray:
        X = np.asarray(X, dtype=np.float64)
        if X.ndim == 1:
            X = X.reshape(1, -1)
        if X.ndim != 2 or X.shape[1] != self.sizes[0]:
            raise ValueError(f"inputs of shape {X.shape}; expected (batch, {self.sizes[0]})")
        return X

    def _load(self, X: np.ndarray) -> tuple[np.ndarray, _Buffers]:
        X = self._check_inputs(X)
        return X, self._buffers(X.shape[0])

    def _forward(self, x: np.ndarray, b: _Buffers, final: bool = True) -> np.ndarray:
        """Forward pass into the buffers; returns the output buffer.

        With ``final=False`` the output activation is left to the caller (fused losses).
        """
        a = x
        z, aout, acts, WT, bias, last = (
            b.z, b.aout, self.activations, self._WT, self.biases, self._last
        )  # fmt: skip
        for i in range(last):
            np.matmul(a, WT[i], out=z[i])
            z[i] += bias[i]
            acts[i]._fwd(z[i], aout[i])
            a = aout[i]
        np.matmul(a, WT[last], out=z[last])
        z[last] += bias[last]
        if final and not self._out_identity:
            acts[last]._fwd(z[last], aout[last])
        return aout[last]

    def _head(
        self, x: np.ndarray, T: np.ndarray, loss: str, b: _Buffers, onehot: bool = False
    ) -> float:
        """Forward pass, then the loss value; dL/dz of the output layer lands in b.dz[-1].

        ``onehot=True`` promises every target row sums to 1 (cross_entropy skips a check).
        """
        last = self._last
        dz, z = b.dz[last], b.z[last]
        out_name = self.output
        if loss == "bce" and out_name == "sigmoid":
            # Fused, from the logits: L = mean(softplus(z) - T z), sigmoid = exp(z - softplus(z)),
            # dL/dz = (Y - T) / size. Exact where probabilities would round to 0 or 1.
            self._forward(x, b, final=False)
            Y, sp = b.aout[last], b.t1
            np.logaddexp(0.0, z, out=sp)
            np.subtract(z, sp, out=Y)
            np.exp(Y, out=Y)
            value = (float(np.add.reduce(sp, axis=None)) - float(np.vdot(T, z))) / Y.size
            np.subtract(Y, T, out=dz)
            dz *= 1.0 / Y.size
            return value
        Y = self._forward(x, b)
        if loss == "mse":
            diff = b.t1
            np.subtract(Y, T, out=diff)
            value = float(np.vdot(diff, diff)) / Y.size
            if out_name == "identity":
                np.multiply(diff, 2.0 / Y.size, out=dz)
            else:
                np.multiply(diff, 2.0 / Y.size, out=b.da[last])
                self.activations[last]._bwd(z, Y, b.da[last], dz)
        elif loss == "cross_entropy" and out_name == "identity":
            n = Y.shape[0]
            s, rows = b.t1, b.rows
            # Softmax shifted by the batch max (one cheap reduction); if that leaves a row
            # whose exponentials underflow, shift each row by its own max instead.
            np.subtract(Y, np.maximum.reduce(Y, axis=None), out=s)
            np.exp(s, out=dz)
            np.matmul(dz, b.ones_out, out=rows)  # row sums as a matrix product
            if rows.min() < 1e-250:
                np.subtract(Y, np.maximum.reduce(Y, axis=1, keepdims=True), out=s)
                np.exp(s, out=dz)
                np.matmul(dz, b.ones_out, out=rows)
            dz /= rows
            if onehot:
                value = float(np.add.reduce(np.log(rows), axis=None))
            else:
                tsum = np.add.reduce(T, axis=1, keepdims=True)
                value = float(np.vdot(tsum, np.log(rows)))
                if not (tsum == 1.0).all():
                    dz *= tsum
            value = (value - float(np.vdot(T, s))) / n
            dz -= T
            dz *= 1.0 / n
        else:
            value, dY = compute_loss(loss, Y, T)
            self.activations[last]._bwd(z, Y, dY, dz)
        return value

    def _l2_value(self, l2: float, grads: bool) -> float:
        w = self.flat * self._wmask
        value = 0.5 * l2 * float(np.vdot(w, w))
        if grads:
            w *= l2
            self._gflat += w
        return value

    def _loss_grads(
        self,
        x: np.ndarray,
        T: np.ndarray,
        loss: str,
        l2: float,
        b: _Buffers,
        onehot: bool = False,
    ) -> float:
        """Forward + backward; gradients land in ``self._gflat``. T is (n, out) float64."""
        value = self._head(x, T, loss, b, onehot)
        dz, da, GW, Gb, W, acts = b.dz, b.da, self._GW, self._Gb, self.weights, self.activations
        ones = b.ones_batch
        for i in range(self._last, 0, -1):
            np.matmul(dz[i].T, b.aout[i - 1], out=GW[i])  # dL/dW = dz^T a_prev
            np.matmul(ones, dz[i], out=Gb[i])  # dL/db = 1^T dz, the batch sum
            np.matmul(dz[i], W[i], out=da[i - 1])  # dL/da_prev = dz W
            acts[i - 1]._bwd(b.z[i - 1], b.aout[i - 1], da[i - 1], dz[i - 1])
        np.matmul(dz[0].T, x, out=GW[0])
        np.matmul(ones, dz[0], out=Gb[0])
        if l2:
            value += self._l2_value(l2, grads=True)
        return value

    # ----------------------------------------------------------------- public API
    def forward(self, X: np.ndarray) -> np.ndarray:
        """Outputs (batch, out) for inputs X (batch, in)."""
        x, b = self._load(X)
        return self._forward(x, b).copy()

    __call__ = forward

    def prepare_targets(self, T: np.ndarray, loss: str) -> np.ndarray:
        """Targets as a float64 (batch, out) array (integer labels become one-hot)."""
        if loss not in LOSS_NAMES:
            raise ValueError(f"unknown loss {loss!r}; expected one of {', '.join(LOSS_NAMES)}")
        T = np.asarray(T)
        k = self.sizes[-1]
        if loss == "cross_entropy" and (T.ndim == 1 or (T.ndim == 2 and T.shape[1] == 1 != k)):
            labels = T.reshape(-1).astype(np.intp)
            if labels.size and (labels.min() < 0 or labels.max() >= k):
                raise ValueError(f"labels must lie in 0..{k - 1}")
            return np.eye(k)[labels]
        T = np.asarray(T, dtype=np.float64)
        if T.ndim == 1 and k == 1:
            T = T.reshape(-1, 1)
        if T.ndim != 2 or T.shape[1] != k:
            raise ValueError(f"targets of shape {T.shape}; expected (batch, {k})")
        return np.ascontiguousarray(T)

    def loss(self, X: np.ndarray, T: np.ndarray, loss: str = "mse", l2: float = 0.0) -> float:
        """The loss (with the l2 term) on X, T."""
        x, b = self._load(X)
        T = self.prepare_targets(T, loss)
        if T.shape[0] != x.shape[0]:
            raise ValueError(f"{T.shape[0]} targets for {x.shape[0]} inputs")
        value = self._head(x, T, loss, b)
        if l2:
            value += self._l2_value(l2, grads=False)
        return value

    def loss_and_grads(
        self, X: np.ndarray, T: np.ndarray, loss: str = "mse", l2: float = 0.0
    ) -> tuple[float, dict[str, list[np.ndarray]]]:
        """(loss, {"W": [dL/dW per layer], "b": [dL/db per layer]}); arrays are fresh copies."""
        x, b = self._load(X)
        T = self.prepare_targets(T, loss)
        if T.shape[0] != x.shape[0]:
            raise ValueError(f"{T.shape[0]} targets for {x.shape[0]} inputs")
        value = self._loss_grads(x, T, loss, l2, b)
        grads = {"W": [g.copy() for g in self._GW], "b": [g.copy() for g in self._Gb]}
        return value, grads

    def forward_trace(self, X: np.ndarray) -> ForwardTrace:
        """Every layer's z and a for inputs X (private copies)."""
        a = self._check_inputs(X).copy()
        inputs = a.copy()
        zs, acts = [], []
        for W, bias, act in zip(self.weights, self.biases, self.activations, strict=True):
            z = a @ W.T + bias
            a = act.f(z)
            zs.append(z)
            acts.append(a)
        return ForwardTrace(inputs=inputs, z=zs, a=acts)

    def backward_trace(
        self, X: np.ndarray, T: np.ndarray, loss: str = "mse", l2: float = 0.0
    ) -> BackwardTrace:
        """Backpropagation written out factor by factor (first layer at index 0)."""
        fwd = self.forward_trace(X)
        T = self.prepare_targets(T, loss)
        _, dL_da = compute_loss(loss, fwd.output, T)
        value = self.loss(X, T, loss=loss, l2=l2)  # the same number loss_and_grads reports
        layers: list[LayerGrad] = []
        for i in range(self.n_layers - 1, -1, -1):
            act = self.activations[i]
            da_dz = act.df(fwd.z[i])
            dL_dz = dL_da * da_dz
            a_prev = fwd.a[i - 1] if i else fwd.inputs
            dL_dW = dL_dz.T @ a_prev + l2 * self.weights[i]
            dL_db = dL_dz.sum(axis=0)
            layers.append(LayerGrad(dL_da, da_dz, dL_dz, dL_dW, dL_db))
            dL_da = dL_dz @ self.weights[i]
        layers.reverse()
        return BackwardTrace(loss=float(value), layers=layers, forward=fwd)
