"""Loss functions: value and gradient with respect to the network output.

- ``mse``: mean over all elements of (Y - T)^2.
- ``bce``: mean over all elements of -[T log Y + (1 - T) log(1 - Y)], Y clipped to
  [1e-12, 1 - 1e-12] so log 0 never happens.
- ``cross_entropy``: softmax of Y (logits), then the mean over the batch of the negative
  log-likelihood of the labels; T is integer labels (batch,) or one-hot (batch, k).
"""

from __future__ import annotations

import numpy as np

LOSS_NAMES: tuple[str, ...] = ("mse", "bce", "cross_entropy")
BCE_EPS = 1e-12


def softmax(Y: np.ndarray) -> np.ndarray:
    """Row-wise softmax, shifted by the row max for stability."""
    Y = np.asarray(Y, dtype=np.float64)
    e = np.exp(Y - Y.max(axis=1, keepdims=True))
    e /= e.sum(axis=1, keepdims=True)
    return e


def _targets_like(Y: np.ndarray, T: np.ndarray) -> np.ndarray:
    T = np.asarray(T, dtype=np.float64)
    if T.shape != Y.shape:
        if T.ndim == 1 and Y.ndim == 2 and Y.shape[1] == 1 and T.shape[0] == Y.shape[0]:
            return T.reshape(-1, 1)
        raise ValueError(f"targets of shape {T.shape} do not match outputs of shape {Y.shape}")
    return T


def _label_rows(Y: np.ndarray, T: np.ndarray) -> tuple[np.ndarray | None, np.ndarray | None]:
    """Return (integer labels, one-hot) for cross-entropy; exactly one is not None."""
    T = np.asarray(T)
    if T.ndim == 1 or (T.ndim == 2 and T.shape[1] == 1 and Y.shape[1] != 1):
        labels = T.reshape(-1).astype(np.intp)
        if labels.shape[0] != Y.shape[0]:
            raise ValueError(f"{labels.shape[0]} labels for {Y.shape[0]} outputs")
        if labels.size and (labels.min() < 0 or labels.max() >= Y.shape[1]):
            raise ValueError(f"labels must lie in 0..{Y.shape[1] - 1}")
        return labels, None
    if T.shape != Y.shape:
        raise ValueError(f"targets of shape {T.shape} do not match outputs of shape {Y.shape}")
    return None, T.astype(np.float64, copy=False)


def compute_loss(name: str, Y: np.ndarray, T: np.ndarray) -> tuple[float, np.ndarray]:
    """Return (loss value, dLoss/dY). For cross_entropy, Y are logits and dY is w.r.t. them."""
    Y = np.asarray(Y, dtype=np.float64)
    if Y.ndim == 1:
        Y = Y.reshape(-1, 1)
    if name == "mse":
        T = _targets_like(Y, T)
        diff = Y - T
        return float(np.mean(diff * diff)), diff * (2.0 / diff.size)
    if name == "bce":
        T = _targets_like(Y, T)
        P = np.clip(Y, BCE_EPS, 1.0 - BCE_EPS)
        value = -np.mean(T * np.log(P) + (1.0 - T) * np.log(1.0 - P))
        dY = (P - T) / (P * (1.0 - P) * Y.size)
        # Beyond the clip the clipped loss is flat.
        dY[(Y < BCE_EPS) | (Y > 1.0 - BCE_EPS)] = 0.0
        return float(value), dY
    if name == "cross_entropy":
        labels, onehot = _label_rows(Y, T)
        n = Y.shape[0]
        shifted = Y - Y.max(axis=1, keepdims=True)
        logsum = np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        logp = shifted - logsum
        P = np.exp(logp)
        if labels is not None:
            value = -logp[np.arange(n), labels].sum() / n
            P[np.arange(n), labels] -= 1.0
        else:
            value = -(onehot * logp).sum() / n
            # d/dlogit_j of -sum_k T_k log p_k = p_j * sum_k T_k - T_j (= p_j - T_j if one-hot).
            P = P * onehot.sum(axis=1, keepdims=True) - onehot
        return float(value), P / n
    raise ValueError(f"unknown loss {name!r}; expected one of {', '.join(LOSS_NAMES)}")
