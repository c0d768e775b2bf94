"""Shared test setup: a private TUI9_HOME per test and a colour-neutral environment."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path, monkeypatch):
    """Each test gets its own data dir; colour env vars never leak into snapshots."""
    monkeypatch.setenv("TUI9_HOME", str(tmp_path / "tui9-home"))
    for var in ("NO_COLOR", "FORCE_COLOR", "TEXTUAL_THEME", "COLUMNS", "LINES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
