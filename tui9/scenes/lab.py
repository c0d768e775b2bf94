"""The lab scene: a training playground (data set, network, optimizer, hyperparameters).

Everything is trained by the engine (``MLP``, ``make_optimizer``, ``Trainer``) with a softmax
cross-entropy loss on a held-out split. A :class:`LabRun` trains in small slices so a widget
can animate it; the named quantities come from one headless run to the end (cached), which
is the same deterministic run a widget plays. A loss that turns nan/inf or grows past
``EXPLODE_FACTOR`` times its starting value stops the run as *diverged*.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from functools import cached_property
from itertools import pairwise
from typing import Any

import numpy as np

from tui9.engine import MLP, OPTIMIZERS, Trainer, compute_loss, datasets, make_optimizer
from tui9.scenes.base import Param, ParamProblem, Quantity, SceneSpec

DATASETS: tuple[str, ...] = ("xor", "moons", "circles", "spiral", "digits")
ACTIVATIONS: tuple[str, ...] = ("relu", "leaky_relu", "tanh", "sigmoid")
INITS: tuple[str, ...] = ("xavier", "he", "normal", "zeros")
#: A full training loss above this many times the starting loss counts as diverged.
EXPLODE_FACTOR = 10.0
#: One mini-batch's loss above this many times the starting loss stops the run at once.
BATCH_EXPLODE_FACTOR = 1e3
#: Losses are capped here for display and quantities (a diverged run's loss is "huge").
LOSS_CAP = 1e6
DIGIT_CLASSES = 10


def xor_cloud(n: int, noise: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Points uniform in [-1, 1]^2, class 1 where x*y < 0 (the XOR pattern), jittered."""
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1.0, 1.0, (n, 2))
    y = (X[:, 0] * X[:, 1] < 0).astype(np.int64)
    X = X + rng.normal(0.0, noise * 0.5, X.shape)
    return X, y


def make_dataset(name: str, n: int, noise: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """(X, y) for a named data set; 2-D sets use ``n``, ``noise`` and ``seed``."""
    if name == "xor":
        return xor_cloud(n, noise, seed)
    if name == "moons":
        return datasets.moons(n, noise=noise, seed=seed)
    if name == "circles":
        return datasets.circles(n, noise=noise, seed=seed)
    if name == "spiral":
        return datasets.spiral(n, classes=2, noise=noise, seed=seed)
    if name == "digits":
        return datasets.digits()
    raise ValueError(f"unknown data set {name!r}")


@dataclass(frozen=True)
class Split:
    """Standardized train and held-out inputs with integer labels."""

    X_train: np.ndarray
    y_train: np.ndarray
    X_val: np.ndarray
    y_val: np.ndarray
    classes: int
    #: (mean, std) used to standardize 2-D inputs (identity for digits).
    mean: np.ndarray
    std: np.ndarray


def make_split(values: dict[str, Any]) -> Split:
    """Load the data set and split it (seeded); 2-D inputs are standardized on train stats."""
    X, y = make_dataset(values["dataset"], values["n"], values["noise"], values["seed"])
    Xt, yt, Xv, yv = datasets.train_val_split(X, y, values["val_fraction"], seed=values["seed"])
    if values["dataset"] == "digits":
        mean, std = np.zeros(X.shape[1]), np.ones(X.shape[1])
    else:
        mean, std = Xt.mean(axis=0), Xt.std(axis=0) + 1e-12
    classes = DIGIT_CLASSES if values["dataset"] == "digits" else int(y.max()) + 1
    return Split((Xt - mean) / std, yt, (Xv - mean) / std, yv, classes, mean, std)


def _cap(x: float) -> float:
    return LOSS_CAP if not math.isfinite(x) else float(min(x, LOSS_CAP))


def evaluate(net: MLP, X: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """(cross-entropy loss, accuracy) of ``net`` on (X, y); the loss is capped, never nan."""
    if len(y) == 0:
        return 0.0, 0.0
    with np.errstate(all="ignore"):
        Y = net.forward(X)
        if not np.isfinite(Y).all():
            return LOSS_CAP, float(np.mean(np.zeros(len(y)) == 1))
        value, _ = compute_loss("cross_entropy", Y, y)
    acc = float(np.mean(np.argmax(Y, axis=1) == y))
    return _cap(value), acc


@dataclass
class EpochRecord:
    """Numbers after one epoch (epoch 0 = before training)."""

    epoch: int
    steps: int
    train_loss: float
    val_loss: float
    train_acc: float
    val_acc: float


@dataclass
class LabRun:
    """One training run, advanced in slices. ``history[0]`` is the untrained network."""

    model: LabModel
    net: MLP
    trainer: Trainer
    history: list[EpochRecord] = field(default_factory=list)
    diverged: bool = False
    #: Why the run stopped early ("" while fine).
    reason: str = ""

    @property
    def epoch(self) -> int:
        return self.history[-1].epoch

    @property
    def steps(self) -> int:
        return self.trainer.steps

    @property
    def done(self) -> bool:
        """Finished: epochs used up, the step budget spent, or diverged."""
        m = self.model
        budget_spent = m.max_steps > 0 and self.trainer.steps >= m.max_steps
        return self.diverged or self.epoch >= m.epochs or budget_spent

    @property
    def initial_loss(self) -> float:
        return self.history[0].train_loss

    def _record(self) -> EpochRecord:
        s = self.model.split
        tl, ta = evaluate(self.net, s.X_train, s.y_train)
        vl, va = evaluate(self.net, s.X_val, s.y_val)
        rec = EpochRecord(self.trainer.epoch, self.trainer.steps, tl, vl, ta, va)
        self.history.append(rec)
        return rec

    def _exploded(self, loss: float, factor: float = EXPLODE_FACTOR) -> bool:
        return not math.isfinite(loss) or loss > factor * max(self.initial_loss, 1e-3)

    def train(self, max_epochs: int = 1, budget_s: float | None = None) -> int:
        """Train up to ``max_epochs`` more epochs or until ``budget_s`` seconds pass.

        Returns the number of updates made. A partial epoch is resumed by the next call,
        so the result does not depend on how the work is sliced.
        """
        start = time.perf_counter()
        made = 0
        target = self.epoch + max_epochs
        m = self.model
        while not self.done and self.trainer.epoch < target:
            loss = self.trainer.step()
            made += 1
            if self._exploded(loss, BATCH_EXPLODE_FACTOR) or self.trainer.diverged:
                self.diverged = True
                self.reason = "diverged"
                self._record()
                break
            end_of_epoch = self.trainer.epoch > self.epoch
            out_of_budget = m.max_steps > 0 and self.trainer.steps >= m.max_steps
            if end_of_epoch or out_of_budget:
                rec = self._record()
                if self._exploded(rec.train_loss):
                    self.diverged = True
                    self.reason = "diverged"
                    break
                if out_of_budget:
                    self.reason = "budget"
                    break
            if budget_s is not None and time.perf_counter() - start >= budget_s:
                break
        return made

    def run_to_end(self) -> LabRun:
        """Train until done (no time budget)."""
        while not self.done:
            self.train(max_epochs=self.model.epochs)
        return self

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """Softmax class probabilities of the current network (rows sum to 1; never nan)."""
        with np.errstate(all="ignore"):
            Y = self.net.forward(X)
            Y = np.nan_to_num(Y, nan=0.0, posinf=LOSS_CAP, neginf=-LOSS_CAP)
            Y = Y - Y.max(axis=1, keepdims=True)
            P = np.exp(Y)
            P /= P.sum(axis=1, keepdims=True)
        return P

    def grid(self, nx: int, ny: int) -> tuple[np.ndarray, np.ndarray]:
        """(predicted class (ny, nx), confidence (ny, nx)) over the map's bounds; row 0 = top."""
        (x0, x1), (y0, y1) = self.model.bounds
        xs = np.linspace(x0, x1, nx)
        ys = np.linspace(y1, y0, ny)
        gx, gy = np.meshgrid(xs, ys)
        P = self.predict_proba(np.stack([gx.ravel(), gy.ravel()], axis=1))
        return P.argmax(axis=1).reshape(ny, nx), P.max(axis=1).reshape(ny, nx)

    def confusion(self) -> np.ndarray:
        """Confusion counts on the held-out split: rows = true class, columns = predicted."""
        s = self.model.split
        pred = self.predict_proba(s.X_val).argmax(axis=1)
        k = s.classes
        out = np.zeros((k, k), dtype=np.int64)
        np.add.at(out, (s.y_val, pred), 1)
        return out


class LabModel:
    """The playground's settings, its data and (lazily) its headless result."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.values = dict(values)
        self.dataset: str = values["dataset"]
        self.hidden: tuple[int, ...] = tuple(values["hidden"])
        self.activation: str = values["activation"]
        self.optimizer: str = values["optimizer"]
        self.lr: float = values["lr"]
        self.batch_size: int = values["batch_size"]
        self.epochs: int = values["epochs"]
        self.max_steps: int = values["max_steps"]
        self.init: str = values["init"]
        self.init_std: float = values["init_std"]
        self.l2: float = values["l2"]
        self.goal_accuracy: float = values["goal_accuracy"]
        self.seed: int = values["seed"]

    @cached_property
    def split(self) -> Split:
        return make_split(self.values)

    @property
    def is_2d(self) -> bool:
        return self.dataset != "digits"

    @cached_property
    def bounds(self) -> tuple[tuple[float, float], tuple[float, float]]:
        """((xmin, xmax), (ymin, ymax)) of the standardized data, with a margin."""
        X = np.concatenate([self.split.X_train, self.split.X_val])[:, :2]
        lo, hi = X.min(axis=0), X.max(axis=0)
        pad = 0.08 * (hi - lo)
        return (float(lo[0] - pad[0]), float(hi[0] + pad[0])), (
            float(lo[1] - pad[1]),
            float(hi[1] + pad[1]),
        )

    @property
    def sizes(self) -> list[int]:
        return [self.split.X_train.shape[1], *self.hidden, self.split.classes]

    @property
    def effective_batch(self) -> int:
        """The batch size actually used (capped at the training-set size)."""
        return min(self.batch_size, len(self.split.y_train))

    def new_run(self) -> LabRun:
        """A fresh, untrained run (same seed: the same run every time)."""
        net = MLP(
            self.sizes,
            activation=self.activation,
            output="identity",
            init=self.init,
            seed=self.seed,
            init_std=self.init_std,
        )
        opt = make_optimizer(self.optimizer, lr=self.lr)
        s = self.split
        trainer = Trainer(
            net, opt, s.X_train, s.y_train, self.batch_size, "cross_entropy", self.l2, self.seed
        )
        run = LabRun(self, net, trainer)
        run._record()
        return run

    @cached_property
    def result(self) -> LabRun:
        """The headless run to the end (cached)."""
        return self.new_run().run_to_end()

    def epochs_to_goal(self) -> int:
        """First epoch whose held-out accuracy reaches ``goal_accuracy`` (epochs + 1 if none)."""
        for rec in self.result.history:
            if rec.val_acc >= self.goal_accuracy:
                return rec.epoch
        return self.epochs + 1

    def quantity(self, name: str) -> float | str:
        """A named quantity (see SPEC.quantities)."""
        r = self.result
        last = r.history[-1]
        if name == "diverged":
            return "yes" if r.diverged else "no"
        table: dict[str, float] = {
            "final_loss": last.train_loss,
            "val_loss": last.val_loss,
            "train_accuracy": last.train_acc,
            "val_accuracy": last.val_acc,
            "test_accuracy": last.val_acc,
            "best_val_accuracy": max(h.val_acc for h in r.history),
            "accuracy_gap": last.train_acc - last.val_acc,
            "initial_loss": r.initial_loss,
            "epochs_run": float(last.epoch),
            "steps": float(r.steps),
        }
        if name == "epochs_to_goal":
            return float(self.epochs_to_goal())
        if name in table:
            return float(table[name])
        raise KeyError(name)


#: examples seen x weights: bounds one headless run to a few seconds (digits, 64 hidden,
#: 20 epochs is ~1.3e8).
MAX_WORK = 1e9


def training_work(values: dict[str, Any]) -> float:
    """Examples the run will process x weights of the network (a measure of its cost)."""
    digits = values["dataset"] == "digits"
    n_train = round((1797 if digits else values["n"]) * (1.0 - values["val_fraction"]))
    sizes = [64 if digits else 2, *values["hidden"], DIGIT_CLASSES if digits else 2]
    weights = sum((a + 1) * b for a, b in pairwise(sizes))
    examples = values["epochs"] * n_train
    if values["max_steps"]:
        examples = min(examples, values["max_steps"] * min(values["batch_size"], n_train))
    return float(examples * weights)


def _check(values: dict[str, Any]) -> list[ParamProblem]:
    problems: list[ParamProblem] = []
    work = training_work(values)
    if work > MAX_WORK:
        problems.append(
            (
                "epochs",
                f"this run would process {work:.2g} example-weights; the limit is {MAX_WORK:.0e}"
                " (use fewer epochs, a step budget or smaller hidden layers)",
            )
        )
    if values["init"] == "normal" and values["init_std"] <= 0:
        problems.append(("init_std", "must be > 0 for init = normal"))
    if values["dataset"] == "digits" and values["hidden"] and max(values["hidden"]) > 256:
        problems.append(("hidden", "digits layers are limited to 256 units"))
    return problems


SPEC = SceneSpec(
    name="lab",
    summary="A training playground: data, network, optimizer and hyperparameters, trained live.",
    params=(
        Param(
            "dataset",
            "choice",
            "moons",
            "xor, moons, circles, spiral (2-D, with a decision map) or digits (8x8 images)",
            choices=DATASETS,
        ),
        Param("n", "int", 200, "number of 2-D points (ignored for digits)", min=20, max=2000),
        Param("noise", "float", 0.2, "noise of the 2-D data sets", min=0.0, max=1.0),
        Param(
            "val_fraction",
            "float",
            0.25,
            "fraction of the data held out for validation / test",
            min=0.1,
            max=0.5,
        ),
        Param(
            "hidden",
            "int_list",
            [8],
            "hidden layer sizes, e.g. [16, 16] ([] = no hidden layer)",
            min=1,
            max=512,
            max_len=4,
            tunable=True,
        ),
        Param(
            "activation", "choice", "tanh", "hidden activation", choices=ACTIVATIONS, tunable=True
        ),
        Param(
            "optimizer",
            "choice",
            "adam",
            "sgd, momentum, adagrad, rmsprop or adam",
            choices=OPTIMIZERS,
            tunable=True,
        ),
        Param("lr", "float", 0.01, "learning rate", min=1e-6, max=10.0, tunable=True),
        Param(
            "batch_size",
            "int",
            32,
            "examples per update (capped at the training-set size = full batch)",
            min=1,
            max=4096,
            tunable=True,
        ),
        Param("epochs", "int", 100, "passes over the training data", min=1, max=1000, tunable=True),
        Param(
            "max_steps",
            "int",
            0,
            "update budget: stop after this many updates (0 = no limit)",
            min=0,
            max=100000,
        ),
        Param(
            "init",
            "choice",
            "xavier",
            "weight initialization: xavier, he, normal (std init_std) or zeros",
            choices=INITS,
            tunable=True,
        ),
        Param("init_std", "float", 0.01, "std of the normal init", min=0.0, max=10.0, tunable=True),
        Param("l2", "float", 0.0, "L2 regularization strength", min=0.0, max=1.0, tunable=True),
        Param(
            "goal_accuracy",
            "float",
            0.9,
            "held-out accuracy that epochs_to_goal waits for",
            min=0.0,
            max=1.0,
        ),
        Param("seed", "int", 0, "seed for data, split, init and shuffling", min=0, max=1_000_000),
    ),
    quantities=(
        Quantity(
            "final_loss",
            "training cross-entropy loss at the end (no L2 term; a diverged run's last value, "
            "at most 1e6)",
        ),
        Quantity("val_loss", "held-out cross-entropy loss at the end (at most 1e6)"),
        Quantity("train_accuracy", "fraction of training examples classified right at the end"),
        Quantity("val_accuracy", "fraction of held-out (validation) examples right at the end"),
        Quantity("test_accuracy", "the same held-out accuracy, named for the digits test split"),
        Quantity("best_val_accuracy", "the best held-out accuracy seen after any epoch"),
        Quantity("accuracy_gap", "train_accuracy - val_accuracy (large = overfitting)"),
        Quantity("initial_loss", "training loss of the untrained network"),
        Quantity(
            "epochs_to_goal",
            "first epoch whose held-out accuracy reaches goal_accuracy (epochs + 1 if never)",
        ),
        Quantity("epochs_run", "epochs completed (fewer if diverged or out of budget)"),
        Quantity("steps", "parameter updates made"),
        Quantity(
            "diverged",
            "yes if the loss became nan/inf or grew past 10 x its start (the run stops), else no",
            "option",
        ),
    ),
    factory=LabModel,
    check=_check,
    option_values={"diverged": ("yes", "no")},
)
