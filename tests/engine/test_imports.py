"""The engine is NumPy only: importing it never pulls in Textual or plotting libraries."""

from __future__ import annotations

import subprocess
import sys


def test_engine_does_not_import_textual() -> None:
    code = (
        "import sys, tui9.engine, tui9.engine.datasets, tui9.engine.surfaces;"
        "tui9.engine.datasets.digits();"
        "bad = [m for m in ('textual', 'textual_plotext', 'plotext', 'sklearn', 'torch')"
        " if m in sys.modules];"
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_public_api() -> None:
    import tui9.engine as engine

    for name in (
        "MLP", "make_optimizer", "OPTIMIZERS", "get_activation", "ACTIVATION_NAMES",
        "LOSS_NAMES", "compute_loss", "numerical_gradient", "check_gradients", "Trainer",
        "datasets", "surfaces",
    ):  # fmt: skip
        assert hasattr(engine, name), name
