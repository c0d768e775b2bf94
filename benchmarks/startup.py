"""Start-up: launch to the first complete frame of tui9's home screen, against a bare Textual app.

Each run is a fresh interpreter (so imports count), headless at 100x30, timed from process
start to the App's Ready event (sent after the first frame is displayed). Also reports the
peak resident memory of each at that moment. Prints medians and the ratios; targets: time
<= 1.25x and peak RSS <= 1.5x the bare app.

tui9 starts as the `tui9` command does (make_app(background=True)): the map is drawn from
each lesson file's header, and the lessons are loaded and checked in a thread after the
first frame (that imports the scenes and NumPy). The time until that checked course is on
the map, and the peak RSS then, are printed too (no target: they are the cost of the first
lesson, paid while the student reads the map).

    python benchmarks/startup.py [--runs 21]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

CHILD = r"""
import json, os, resource, sys, time
t0 = time.perf_counter()
kind = sys.argv[1]
if kind == "bare":
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Static

    class Bare(App):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("hello")
            yield Footer()

    app = Bare()
else:
    from tui9.ui.app import make_app

    app = make_app(background=True)  # as `tui9` starts: the map first, lessons checked after

base = type(app)


def stamp() -> dict:
    rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"seconds": time.perf_counter() - t0, "rss_kib": rss_kib}


first: dict = {}


def on_ready(self) -> None:
    first.update(stamp())
    if getattr(self, "course_ready", True):
        print(json.dumps({**first, "loaded": first}), file=sys.__stderr__, flush=True)
        self.exit()


def install(self, course) -> None:
    base._install_course(self, course)
    print(json.dumps({**first, "loaded": stamp()}), file=sys.__stderr__, flush=True)
    self.exit()


members = {"on_ready": on_ready}
if kind != "bare":
    members["_install_course"] = install
app.__class__ = type("Timed" + base.__name__, (base,), members)
app.run(headless=True, size=(100, 30))
"""


def measure(kind: str, home: str) -> dict[str, Any]:
    """One fresh-process launch of ``kind`` ("bare" or "tui9")."""
    env = {**os.environ, "TUI9_HOME": home}
    proc = subprocess.run(
        [sys.executable, "-X", "frozen_modules=on", "-c", CHILD, kind],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parents[1],
        check=False,
    )
    for line in reversed(proc.stderr.splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    raise RuntimeError(f"{kind} launch failed:\n{proc.stderr[-2000:]}")


def main() -> None:
    """Alternate bare and tui9 launches; print medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    runs = parser.parse_args().runs
    results: dict[str, list[dict[str, Any]]] = {"bare": [], "tui9": []}
    with tempfile.TemporaryDirectory() as home:
        measure("bare", home)  # warm the OS file cache for both
        measure("tui9", home)
        for _ in range(runs):
            for kind in results:
                results[kind].append(measure(kind, home))
    med = {
        kind: {
            "seconds": statistics.median(r["seconds"] for r in rs),
            "rss_mib": statistics.median(r["rss_kib"] for r in rs) / 1024,
        }
        for kind, rs in results.items()
    }
    for kind, m in med.items():
        print(f"{kind:5s} first frame {m['seconds'] * 1000:7.1f} ms  RSS {m['rss_mib']:6.1f} MiB")
    loaded = results["tui9"]
    ms = statistics.median(r["loaded"]["seconds"] for r in loaded) * 1000
    mib = statistics.median(r["loaded"]["rss_kib"] for r in loaded) / 1024
    print(f"tui9  lessons loaded and checked on the map after {ms:7.1f} ms  RSS {mib:6.1f} MiB")
    t_ratio = med["tui9"]["seconds"] / med["bare"]["seconds"]
    m_ratio = med["tui9"]["rss_mib"] / med["bare"]["rss_mib"]
    # Each tui9 launch against the bare launch just before it: drift on a shared machine
    # moves both, so the spread of these pairs shows how far to trust the ratio.
    pairs = sorted(
        t["seconds"] / b["seconds"] for b, t in zip(results["bare"], results["tui9"], strict=True)
    )
    quartiles = statistics.quantiles(pairs, n=4) if len(pairs) > 1 else [pairs[0]] * 3
    print(f"start-up ratio tui9/bare: {t_ratio:.2f}x (target <= 1.25x)")
    print(
        f"  launch pairs: median {statistics.median(pairs):.2f}x, "
        f"middle half {quartiles[0]:.2f}x to {quartiles[2]:.2f}x"
    )
    print(f"peak RSS ratio tui9/bare: {m_ratio:.2f}x (target <= 1.50x)")


if __name__ == "__main__":
    main()
