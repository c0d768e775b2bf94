"""Training steps per second of tui9's NumPy engine, with Adam, against PyTorch CPU.

Run from the repository root:  python benchmarks/engine.py  [--seconds S]

Four configurations (issue 2, section 6):
  moons  2-16-16-1, tanh hidden, sigmoid out, bce, 512 points: batch 32 and full batch
  digits 64-64-10, relu hidden, cross_entropy, 1,797 images:   batch 64 and full batch
Where torch imports, an equivalent torch loop (1 thread, float64, same shuffling per epoch)
runs in the same process and the ratio engine/torch is printed; torch is never a dependency.
Both sides use one BLAS / intra-op thread, so by default the clock is the process's CPU
time, which other load on a shared machine barely disturbs (--clock wall for elapsed time).
Runs are short and interleaved; each figure is the best round (torch: the faster of its
default and fused Adam).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui9.engine import MLP, Trainer, datasets, make_optimizer

CONFIGS = [
    # name, data, sizes, hidden, output, loss, batch
    ("moons 2-16-16-1 batch 32", "moons", [2, 16, 16, 1], "tanh", "sigmoid", "bce", 32),
    ("moons 2-16-16-1 full 512", "moons", [2, 16, 16, 1], "tanh", "sigmoid", "bce", 512),
    ("digits 64-64-10 batch 64", "digits", [64, 64, 10], "relu", "identity", "cross_entropy", 64),
    (
        "digits 64-64-10 full 1797",
        "digits",
        [64, 64, 10],
        "relu",
        "identity",
        "cross_entropy",
        1797,
    ),
]
TARGETS = [3.0, 2.0, 2.0, 1.0]


def load(name: str) -> tuple[np.ndarray, np.ndarray]:
    if name == "moons":
        return datasets.moons(512, noise=0.2, seed=0)
    return datasets.digits()


CLOCK = time.process_time


def make_runner(step, seconds: float):
    """A function that times about ``seconds`` of steps and returns steps/s."""
    for _ in range(20):  # warm-up
        step()
    t0 = CLOCK()
    for _ in range(20):
        step()
    n = max(20, int(seconds / max((CLOCK() - t0) / 20, 1e-7)))

    def measure() -> float:
        t0 = CLOCK()
        for _ in range(n):
            step()
        return n / max(CLOCK() - t0, 1e-9)

    return measure


def engine_runner(cfg, seconds: float):
    _, data, sizes, hidden, output, loss, batch = cfg
    X, y = load(data)
    net = MLP(sizes, activation=hidden, output=output, init="xavier", seed=0)
    tr = Trainer(net, make_optimizer("adam", lr=0.01), X, y, batch_size=batch, loss=loss, seed=0)

    return make_runner(tr.step, seconds)


def torch_runner(cfg, seconds: float, torch, fused: bool):
    _, data, sizes, hidden, _, loss, batch = cfg
    X, y = load(data)
    torch.manual_seed(0)
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(torch.nn.Linear(sizes[i], sizes[i + 1], dtype=torch.float64))
        if i < len(sizes) - 2:
            layers.append(torch.nn.Tanh() if hidden == "tanh" else torch.nn.ReLU())
    model = torch.nn.Sequential(*layers)
    Xt = torch.tensor(X, dtype=torch.float64)
    if loss == "bce":  # sigmoid output + bce, fused the way torch recommends
        Tt = torch.tensor(y, dtype=torch.float64).reshape(-1, 1)
        loss_fn = torch.nn.BCEWithLogitsLoss()
    else:
        Tt = torch.tensor(y, dtype=torch.long)
        loss_fn = torch.nn.CrossEntropyLoss()
    opt = torch.optim.Adam(model.parameters(), lr=0.01, fused=fused or None)
    n = len(Xt)
    gen = torch.Generator().manual_seed(0)
    state = {"pos": 0, "xs": Xt, "ts": Tt}

    def step() -> None:
        pos = state["pos"]
        if pos == 0 and batch < n:
            perm = torch.randperm(n, generator=gen)
            state["xs"], state["ts"] = Xt[perm], Tt[perm]
        hi = min(pos + batch, n)
        opt.zero_grad(set_to_none=True)
        out = loss_fn(model(state["xs"][pos:hi]), state["ts"][pos:hi])
        out.backward()
        opt.step()
        state["pos"] = 0 if hi >= n else hi

    return make_runner(step, seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="time per side and config")
    parser.add_argument("--rounds", type=int, default=6, help="interleaved timing rounds")
    parser.add_argument(
        "--clock",
        choices=("cpu", "wall"),
        default="cpu",
        help="cpu: the process's CPU time (robust on a shared machine); wall: elapsed time",
    )
    args = parser.parse_args()
    global CLOCK
    CLOCK = time.process_time if args.clock == "cpu" else time.perf_counter
    try:
        from threadpoolctl import threadpool_info, threadpool_limits

        threadpool_limits(1)
        blas = ", ".join(
            f"{i['internal_api']} {i.get('version')} {i.get('architecture')}"
            for i in threadpool_info()
        )
    except ImportError:
        blas = "unknown (threadpoolctl missing; set OPENBLAS_NUM_THREADS=1 for a fair run)"
    try:
        import torch

        torch.set_num_threads(1)
        torch_version = torch.__version__
    except ImportError:
        torch = None
        torch_version = "not installed"
    print(f"numpy {np.__version__} [{blas}]; torch {torch_version}; {args.clock} clock")
    print(f"{'configuration':28} {'engine steps/s':>15} {'torch steps/s':>14} {'ratio':>7} target")
    for cfg, target in zip(CONFIGS, TARGETS, strict=True):
        # Short runs, interleaved, best of each: other load on the machine hits both sides
        # alike, and the best run is the least disturbed one.
        eng = engine_runner(cfg, args.seconds / args.rounds)
        if torch is None:
            rate = max(eng() for _ in range(args.rounds))
            print(f"{cfg[0]:28} {rate:15,.0f} {'-':>14} {'-':>7}")
            continue
        plain = torch_runner(cfg, args.seconds / args.rounds, torch, fused=False)
        fused = torch_runner(cfg, args.seconds / args.rounds, torch, fused=True)
        rate = trate = 0.0
        for _ in range(args.rounds):
            rate = max(rate, eng())
            trate = max(trate, plain(), fused())  # the faster torch Adam, to be fair
        ratio = rate / trate
        ok = "ok" if ratio >= target else "MISSED"
        print(f"{cfg[0]:28} {rate:15,.0f} {trate:14,.0f} {ratio:6.2f}x >={target:g}x {ok}")


if __name__ == "__main__":
    main()
