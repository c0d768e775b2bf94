"""The wheel carries the lessons and data; an installed tui9 works from any directory."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("tui9-*.whl")
    return built


def test_wheel_carries_lessons_and_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = sorted(p.name for p in (ROOT / "lessons").glob("*.toml"))
    assert shipped, "no lessons in the source tree"
    for name in shipped:
        assert f"tui9/_lessons/{name}" in names
    assert "tui9/engine/data/digits.npz" in names
    assert "tui9/ui/tui9.tcss" in names
    assert any(n.startswith("tui9/ui/help") and n.endswith(".md") for n in names)


def test_installed_tui9_runs_from_any_directory(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target), "TUI9_HOME": str(tmp_path / "home")}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "tui9", *args],
            cwd=elsewhere,
            env=env,
            capture_output=True,
            text=True,
        )

    version = run("--version")
    assert version.returncode == 0 and version.stdout.startswith("tui9 ")
    listing = run("--list")
    assert listing.returncode == 0, listing.stderr
    assert "01-perceptron" in listing.stdout
    where = run("-c", "x")  # bad usage still answers from the installed copy
    assert where.returncode == 2
    probe = subprocess.run(
        [sys.executable, "-c", "import tui9.paths as p; print(p.packaged_lessons_dir())"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert probe.stdout.strip().startswith(str(target))
    check = run("check")
    assert check.returncode == 0, check.stdout + check.stderr
