"""tui9.engine: the NumPy engine every lesson computes with (no Textual here)."""

from __future__ import annotations

from . import datasets, surfaces
from .activations import ACTIVATION_NAMES, Activation, get_activation
from .gradcheck import GradCheck, check_gradients, numerical_gradient, relative_error
from .losses import LOSS_NAMES, compute_loss, softmax
from .network import INIT_NAMES, MLP
from .optim import OPTIMIZERS, Optimizer, make_optimizer
from .trace import BackwardTrace, ForwardTrace, LayerGrad
from .training import Trainer

__all__ = [
    "ACTIVATION_NAMES",
    "INIT_NAMES",
    "LOSS_NAMES",
    "MLP",
    "OPTIMIZERS",
    "Activation",
    "BackwardTrace",
    "ForwardTrace",
    "GradCheck",
    "LayerGrad",
    "Optimizer",
    "Trainer",
    "check_gradients",
    "compute_loss",
    "datasets",
    "get_activation",
    "make_optimizer",
    "numerical_gradient",
    "relative_error",
    "softmax",
    "surfaces",
]
