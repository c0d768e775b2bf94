"""`tui9 screenshots` regenerates exactly the committed SVGs, and README shows them."""

from __future__ import annotations

from pathlib import Path

from tui9.ui.screenshots import SHOTS, write_screenshots

ROOT = Path(__file__).resolve().parents[2]


def test_screenshots_regenerate_identically(tmp_path: Path) -> None:
    written = write_screenshots(tmp_path / "shots", ROOT / "lessons")
    assert [p.name for p in written] == [f"{s.name}.svg" for s in SHOTS]
    stale = []
    for path in written:
        committed = ROOT / "screenshots" / path.name
        if not committed.exists() or committed.read_bytes() != path.read_bytes():
            stale.append(path.name)
    assert not stale, f"screenshots differ: {stale}; run `tui9 screenshots screenshots` and look"


def test_readme_shows_every_screenshot() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for shot in SHOTS:
        assert f"screenshots/{shot.name}.svg" in readme
