"""Only tui9.ui may import Textual; the README's test command is what CI runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import importlib, pkgutil, sys
import tui9
for top in pkgutil.iter_modules(tui9.__path__, "tui9."):
    if top.name in ("tui9.ui", "tui9.__main__"):
        continue
    module = importlib.import_module(top.name)
    if top.ispkg:
        for info in pkgutil.walk_packages(module.__path__, top.name + "."):
            importlib.import_module(info.name)
import tui9.scenes
tui9.scenes.scenes()
bad = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "textual_plotext", "plotext"))
print(",".join(bad))
"""


def test_only_ui_imports_textual() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "", f"imported outside tui9.ui: {result.stdout}"


def test_cli_module_does_not_import_textual_for_list() -> None:
    code = (
        "import sys; from tui9.__main__ import main; main(['--list']); "
        "print('TEXTUAL' if 'textual' in sys.modules else 'CLEAN', file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "CLEAN" in result.stderr


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    after = readme.split("<!-- test-command -->", 1)[1]
    command = after.split("```", 2)[1].split("\n", 1)[1].strip()
    extracted = subprocess.run(
        [
            "awk",
            "/<!-- test-command -->/{f=1; next} f && /^```/{n++; if (n == 2) exit; next} "
            "f && n == 1 {print}",
            "README.md",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert extracted == command
    assert "pytest" in command
    assert "awk" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "<!-- run-command -->" in readme
