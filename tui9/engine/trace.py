"""Read-only snapshots of a forward or backward pass, for screens that show each factor.

Every array in a trace is a private copy: later training never changes what a trace shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class ForwardTrace:
    """inputs: X (batch, in); z[l] = a[l-1] W[l]^T + b[l]; a[l] = f(z[l]); a[-1] is the output."""

    inputs: np.ndarray
    z: list[np.ndarray]
    a: list[np.ndarray]

    @property
    def output(self) -> np.ndarray:
        return self.a[-1]


@dataclass(frozen=True)
class LayerGrad:
    """The chain-rule factors of one layer (batch-shaped except dL_dW and dL_db).

    dL_dz = dL_da * da_dz;  dL_dW = dL_dz^T a_prev (+ l2 W);  dL_db = sum over batch of dL_dz.
    """

    dL_da: np.ndarray
    da_dz: np.ndarray
    dL_dz: np.ndarray
    dL_dW: np.ndarray
    dL_db: np.ndarray


@dataclass(frozen=True)
class BackwardTrace:
    """loss: the scalar loss (with the l2 term); layers[0] is the first layer."""

    loss: float
    layers: list[LayerGrad]
    forward: ForwardTrace | None = field(default=None)

    def grad_norms(self) -> list[float]:
        """Euclidean norm of dL/dW per layer (first layer first), e.g. for vanishing gradients."""
        return [float(np.linalg.norm(g.dL_dW)) for g in self.layers]
