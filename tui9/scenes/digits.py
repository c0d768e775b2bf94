"""The digits scene: a network trained on the shipped 8x8 digits reads what the student draws.

The network (64 inputs, one ReLU hidden layer, 10 softmax outputs via cross-entropy) is
trained by the engine's Trainer, seeded, and cached per settings, so building the scene
twice costs one training (well under two seconds at the defaults). The test set is a fixed
20% split of the digits (split seed 0) that the network never trains on.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

import numpy as np

from tui9.engine import MLP, OPTIMIZERS, Trainer, datasets, make_optimizer, softmax
from tui9.scenes.base import Param, ParamProblem, Quantity, SceneSpec

#: Fraction of the digits held out as the test set, and the seed of that split.
TEST_FRACTION = 0.2
SPLIT_SEED = 0
SIDE = 8
#: Most updates (epochs x batches per epoch) one training may take, to keep it to seconds.
MAX_UPDATES = 5000


@lru_cache(maxsize=1)
def split() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(X_train, y_train, X_test, y_test): the fixed split every digits model uses."""
    X, y = datasets.digits()
    return datasets.train_val_split(X, y, TEST_FRACTION, SPLIT_SEED)


@dataclass(frozen=True)
class Trained:
    """A trained network and its scores (read-only: shared through the cache)."""

    net: MLP
    train_accuracy: float
    test_accuracy: float
    final_loss: float
    diverged: bool


@lru_cache(maxsize=8)
def train(
    hidden: int, epochs: int, seed: int, optimizer: str, lr: float, batch_size: int
) -> Trained:
    """Train 64-hidden-10 (ReLU, He init) with cross-entropy; cached per settings."""
    Xtr, ytr, Xte, yte = split()
    net = MLP([SIDE * SIDE, hidden, 10], activation="relu", output="identity", init="he", seed=seed)
    trainer = Trainer(
        net, make_optimizer(optimizer, lr=lr), Xtr, ytr, batch_size, "cross_entropy", seed=seed
    )
    loss = float("nan")
    for _ in range(epochs):
        loss = trainer.run_epoch()
        if trainer.diverged:
            break
    diverged = trainer.diverged or not np.isfinite(loss)
    return Trained(
        net=net,
        train_accuracy=_accuracy(net, Xtr, ytr) if not diverged else 0.0,
        test_accuracy=_accuracy(net, Xte, yte) if not diverged else 0.0,
        final_loss=float(loss) if np.isfinite(loss) else float("nan"),
        diverged=diverged,
    )


def _accuracy(net: MLP, X: np.ndarray, y: np.ndarray) -> float:
    with np.errstate(all="ignore"):
        return float(np.mean(np.argmax(net.forward(X), axis=1) == y))


class DigitsModel:
    """A trained digit reader and one test sample to start the canvas from."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.hidden: int = int(values["hidden"])
        self.epochs: int = int(values["epochs"])
        self.seed: int = int(values["seed"])
        self.optimizer: str = values["optimizer"]
        self.lr: float = float(values["lr"])
        self.batch_size: int = int(values["batch_size"])
        self.sample: int = int(values["sample"])

    @cached_property
    def trained(self) -> Trained:
        """The network for these settings (trained once, then cached)."""
        return train(self.hidden, self.epochs, self.seed, self.optimizer, self.lr, self.batch_size)

    @property
    def n_test(self) -> int:
        """How many test digits there are."""
        return len(split()[3])

    def test_image(self, index: int) -> tuple[np.ndarray, int]:
        """(pixels (64,) in [0, 1], true label) of test digit ``index`` (wraps around)."""
        _, _, Xte, yte = split()
        i = index % len(yte)
        return Xte[i].copy(), int(yte[i])

    def example_of(self, digit: int, nth: int = 0) -> int:
        """The test index of the ``nth`` (wrapping) test example labelled ``digit``."""
        idx = np.flatnonzero(split()[3] == digit)
        return int(idx[nth % len(idx)])

    def probabilities(self, pixels: np.ndarray) -> np.ndarray:
        """Class probabilities (10,) for a 64-pixel image (values clipped to [0, 1])."""
        x = np.clip(np.asarray(pixels, dtype=float).reshape(1, SIDE * SIDE), 0.0, 1.0)
        if self.trained.diverged:
            return np.full(10, 0.1)
        with np.errstate(all="ignore"):
            p = softmax(self.trained.net.forward(x))[0]
        return p if np.all(np.isfinite(p)) else np.full(10, 0.1)

    def predict(self, pixels: np.ndarray) -> tuple[int, float]:
        """(predicted digit, its probability)."""
        p = self.probabilities(pixels)
        k = int(np.argmax(p))
        return k, float(p[k])

    def quantity(self, name: str) -> float | str:
        """One of the declared quantities (see SPEC)."""
        pixels, label = self.test_image(self.sample)
        if name == "prediction":
            return float(self.predict(pixels)[0])
        if name == "probability":
            return self.predict(pixels)[1]
        if name == "label":
            return float(label)
        if name == "test_accuracy":
            return self.trained.test_accuracy
        if name == "train_accuracy":
            return self.trained.train_accuracy
        if name == "test_errors":
            return float(round((1.0 - self.trained.test_accuracy) * self.n_test))
        raise KeyError(f"unknown quantity {name!r} for scene 'digits'")


def _check(values: dict[str, Any]) -> list[ParamProblem]:
    problems: list[ParamProblem] = []
    n_train, n_test = len(split()[1]), len(split()[3])
    if values["sample"] >= n_test:
        problems.append(
            ("sample", f"must be < {n_test} (the number of test digits), got {values['sample']}")
        )
    updates = values["epochs"] * -(-n_train // values["batch_size"])
    if updates > MAX_UPDATES:
        problems.append(
            (
                "epochs",
                f"{values['epochs']} epochs of batch size {values['batch_size']} make {updates} "
                f"updates; the limit is {MAX_UPDATES} (use fewer epochs or bigger batches)",
            )
        )
    return problems


SPEC = SceneSpec(
    name="digits",
    summary=(
        "Draw on an 8x8 canvas (or load a test digit); a network trained on the digits "
        "shows its prediction and the ten class probabilities live."
    ),
    params=(
        Param(
            "hidden", "int", 32, "hidden ReLU units (64-hidden-10)", min=4, max=128, tunable=True
        ),
        Param("epochs", "int", 10, "training epochs", min=1, max=40, tunable=True),
        Param(
            "optimizer",
            "choice",
            "adam",
            "optimizer used to train",
            choices=OPTIMIZERS,
            tunable=True,
        ),
        Param("lr", "float", 0.01, "learning rate", min=1e-5, max=10.0, tunable=True),
        Param("batch_size", "int", 32, "mini-batch size", min=1, max=1437, tunable=True),
        Param(
            "seed", "int", 0, "seed for the initial weights and the shuffling", min=0, max=2**31 - 1
        ),
        Param(
            "sample",
            "int",
            0,
            "which test digit the canvas starts from (0-based)",
            min=0,
            max=100000,
        ),
    ),
    quantities=(
        Quantity("prediction", "the digit the network reads in test sample `sample`"),
        Quantity("probability", "the probability the network gives its predicted digit"),
        Quantity("label", "the true digit of test sample `sample`"),
        Quantity("test_accuracy", "fraction of the held-out test digits read correctly (0..1)"),
        Quantity("train_accuracy", "fraction of the training digits read correctly (0..1)"),
        Quantity("test_errors", "how many test digits the network gets wrong"),
    ),
    factory=DigitsModel,
    check=_check,
)
