"""The descent scene: batch gradient descent vs SGD vs mini-batch on the same data.

Three copies of one network (same seed, same initial weights) are trained by the engine's
``Trainer`` with batch size n (batch GD: one update per epoch), 1 (SGD: n updates) and k
(mini-batch: ceil(n / k) updates). Every method evaluates n per-example gradients per epoch,
so after the same number of epochs they have done the same work; what differs is how many
updates that work buys. The full training loss is checked every ``n / CHECKS_PER_EPOCH``
gradient evaluations (and after every batch-GD update), which draws the curves and finds
who first gets below the threshold.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np

from tui9.engine import MLP, Trainer, make_optimizer
from tui9.scenes.base import Param, ParamProblem, Quantity, SceneSpec
from tui9.scenes.lab import LOSS_CAP, make_split

METHODS: tuple[str, ...] = ("batch", "sgd", "minibatch")
LABELS: dict[str, str] = {"batch": "batch GD", "sgd": "SGD", "minibatch": "mini-batch"}
DATASETS: tuple[str, ...] = ("moons", "circles", "xor", "spiral")
ACTIVATIONS: tuple[str, ...] = ("tanh", "relu", "leaky_relu", "sigmoid")
#: How many loss checks each epoch holds (at equal gradient-evaluation spacing).
CHECKS_PER_EPOCH = 20


def _finite(x: float) -> float:
    return LOSS_CAP if not math.isfinite(x) else float(min(x, LOSS_CAP))


@dataclass
class MethodRun:
    """One method's training: the loss at each check, with the work done by then."""

    name: str
    trainer: Trainer
    #: Full training loss at each check; index 0 = before training.
    losses: list[float] = field(default_factory=list)
    #: Per-example gradient evaluations done at each check.
    evals: list[int] = field(default_factory=list)
    #: Parameter updates done at each check.
    updates: list[int] = field(default_factory=list)
    #: Full training loss after each epoch; index 0 = before training.
    epoch_losses: list[float] = field(default_factory=list)

    def _check(self) -> None:
        self.losses.append(_finite(self.trainer.full_loss()))
        self.evals.append(self.trainer.grad_evals)
        self.updates.append(self.trainer.steps)

    def run_epoch(self, probe: int) -> None:
        """One epoch, checking the loss whenever ``probe`` more evaluations are done."""
        t = self.trainer
        epoch = t.epoch
        next_check = t.grad_evals + probe
        while t.epoch == epoch:
            t.step()
            if t.grad_evals >= next_check or t.epoch != epoch:
                self._check()
                next_check = t.grad_evals + probe
        self.epoch_losses.append(self.losses[-1])


class DescentModel:
    """Batch GD, SGD and mini-batch trained side by side, one epoch at a time."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.values = dict(values)
        self.n: int = values["n"]
        self.hidden: tuple[int, ...] = tuple(values["hidden"])
        self.activation: str = values["activation"]
        self.lr: float = values["lr"]
        self.batch_size: int = values["batch_size"]
        self.epochs: int = values["epochs"]
        self.threshold: float = values["threshold"]
        self.seed: int = values["seed"]
        split = make_split({**values, "val_fraction": 0.0})
        self.X, self.y, self.classes = split.X_train, split.y_train, split.classes
        self.probe = max(1, self.n // CHECKS_PER_EPOCH)
        self.runs: dict[str, MethodRun] = {}
        self.reset()

    def batch_of(self, method: str) -> int:
        """The batch size a method uses: n, 1 or k."""
        return {"batch": self.n, "sgd": 1, "minibatch": self.batch_size}[method]

    def updates_per_epoch(self, method: str) -> int:
        """Updates one epoch makes: 1, n or ceil(n / k)."""
        return -(-self.n // self.batch_of(method))

    def reset(self) -> None:
        """Back to the untrained networks (all three start from the same weights)."""
        base = MLP(
            [2, *self.hidden, self.classes],
            activation=self.activation,
            output="identity",
            init="xavier",
            seed=self.seed,
        )
        self.runs = {}
        for m in METHODS:
            trainer = Trainer(
                base.copy(),
                make_optimizer("sgd", lr=self.lr),
                self.X,
                self.y,
                self.batch_of(m),
                "cross_entropy",
                0.0,
                self.seed,
            )
            run = MethodRun(m, trainer)
            run._check()
            run.epoch_losses.append(run.losses[0])
            self.runs[m] = run

    @property
    def epoch(self) -> int:
        """Epochs completed by every method."""
        return self.runs["batch"].trainer.epoch

    def step_epoch(self) -> bool:
        """One more epoch of all three; False when all ``epochs`` are done."""
        if self.epoch >= self.epochs:
            return False
        for run in self.runs.values():
            run.run_epoch(self.probe)
        return True

    def run_all(self) -> DescentModel:
        """Train every method to ``epochs`` epochs."""
        while self.step_epoch():
            pass
        return self

    @cached_property
    def result(self) -> DescentModel:
        """A separate model trained to the end (the quantities' source; cached)."""
        return DescentModel(self.values).run_all()

    def evals_to_threshold(self, method: str) -> int | None:
        """Gradient evaluations at the first check where the loss is <= threshold, or None."""
        run = self.result.runs[method]
        for loss, ev in zip(run.losses, run.evals, strict=True):
            if loss <= self.threshold:
                return ev
        return None

    def fastest(self) -> str:
        """The method that gets below the threshold with the fewest evaluations ("none")."""
        best, best_evals = "none", math.inf
        for m in METHODS:
            ev = self.evals_to_threshold(m)
            if ev is not None and ev < best_evals:
                best, best_evals = m, ev
        return best

    def ups(self, method: str) -> int:
        """How often the checked loss went up from one check to the next (noise)."""
        losses = np.array(self.result.runs[method].losses)
        return int(np.sum(np.diff(losses) > 1e-12))

    def quantity(self, name: str) -> float | str:
        """A named quantity (see SPEC.quantities)."""
        r = self.result
        if name == "fastest_to_threshold":
            return self.fastest()
        if name == "lowest_final":
            return min(METHODS, key=lambda m: r.runs[m].epoch_losses[-1])
        if name == "total_grad_evals":
            return float(self.n * self.epochs)
        for m in METHODS:
            if name == f"final_loss_{m}":
                return r.runs[m].epoch_losses[-1]
            if name == f"grad_evals_{m}":
                return float(self.n)
            if name == f"updates_{m}":
                return float(self.updates_per_epoch(m))
            if name == f"total_updates_{m}":
                return float(self.updates_per_epoch(m) * self.epochs)
            if name == f"ups_{m}":
                return float(self.ups(m))
            if name == f"evals_to_threshold_{m}":
                ev = self.evals_to_threshold(m)
                return float(ev if ev is not None else self.n * self.epochs + 1)
        raise KeyError(name)


#: n x epochs is how many updates SGD makes: bounded so a run stays a few seconds.
MAX_SGD_UPDATES = 20000


def _check(values: dict[str, Any]) -> list[ParamProblem]:
    if values["n"] * values["epochs"] > MAX_SGD_UPDATES:
        return [
            (
                "epochs",
                f"n x epochs = {values['n'] * values['epochs']} SGD updates; the limit is "
                f"{MAX_SGD_UPDATES} (use fewer examples or epochs)",
            )
        ]
    if not 2 <= values["batch_size"] < values["n"]:
        return [
            (
                "batch_size",
                f"the mini-batch size must be at least 2 and below n = {values['n']} "
                f"(1 is SGD, n is batch GD), got {values['batch_size']}",
            )
        ]
    return []


def _per_method(prefix: str, doc: str) -> tuple[Quantity, ...]:
    return tuple(Quantity(f"{prefix}_{m}", doc.format(LABELS[m])) for m in METHODS)


SPEC = SceneSpec(
    name="descent",
    summary="Batch gradient descent vs SGD vs mini-batch: loss against epochs and against work.",
    params=(
        Param("dataset", "choice", "moons", "the 2-D data set", choices=DATASETS),
        Param("n", "int", 200, "number of training examples", min=8, max=500),
        Param("noise", "float", 0.2, "noise of the data set", min=0.0, max=1.0),
        Param(
            "hidden", "int_list", [8], "hidden layer sizes", min=1, max=32, max_len=2, tunable=True
        ),
        Param("activation", "choice", "tanh", "hidden activation", choices=ACTIVATIONS),
        Param(
            "lr",
            "float",
            0.1,
            "learning rate (the same for all three)",
            min=1e-4,
            max=10.0,
            tunable=True,
        ),
        Param(
            "batch_size",
            "int",
            16,
            "the mini-batch size k (2 <= k < n)",
            min=2,
            max=500,
            tunable=True,
        ),
        Param("epochs", "int", 30, "epochs to train", min=1, max=100, tunable=True),
        Param("threshold", "float", 0.3, "loss level for fastest_to_threshold", min=0.0, max=10.0),
        Param("seed", "int", 0, "seed for data, weights and shuffling", min=0, max=1_000_000),
    ),
    quantities=(
        *_per_method("final_loss", "full training loss of {} after all epochs"),
        *_per_method("grad_evals", "per-example gradient evaluations per epoch for {} (= n)"),
        *_per_method("updates", "weight updates per epoch for {} (1, n, ceil(n / k))"),
        *_per_method("total_updates", "weight updates over all epochs for {}"),
        *_per_method("ups", "how often {}'s loss rose between two checks (noise)"),
        *_per_method(
            "evals_to_threshold",
            "gradient evaluations {} needs to reach the threshold (total + 1 if never)",
        ),
        Quantity("total_grad_evals", "gradient evaluations each method does in all (n x epochs)"),
        Quantity(
            "fastest_to_threshold",
            "which method reaches the threshold loss with the fewest gradient evaluations",
            "option",
        ),
        Quantity(
            "lowest_final", "which method has the lowest loss after the same epochs", "option"
        ),
    ),
    factory=DescentModel,
    check=_check,
    option_values={
        "fastest_to_threshold": (*METHODS, "none"),
        "lowest_final": METHODS,
    },
)
