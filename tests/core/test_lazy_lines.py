"""Clean files skip the full key-line scan; the cheap step-header scan agrees with it."""

from __future__ import annotations

from pathlib import Path

from tui9.course import loader
from tui9.course.lines import key_lines
from tui9.course.loader import load_lesson_file

LESSONS = Path(__file__).resolve().parents[2] / "lessons"


def test_step_lines_match_the_full_scan_for_every_shipped_lesson() -> None:
    for path in sorted(LESSONS.glob("*.toml")):
        lesson, problems = load_lesson_file(path)
        assert lesson is not None, problems
        full = key_lines(path.read_text(encoding="utf-8"))
        assert [s.line for s in lesson.steps] == [
            full[("steps", i)] for i in range(len(lesson.steps))
        ]


def test_a_clean_file_never_runs_the_full_scan(monkeypatch) -> None:
    calls = []
    monkeypatch.setattr(loader, "key_lines", lambda text: calls.append(text) or {})
    lesson, problems = load_lesson_file(sorted(LESSONS.glob("*.toml"))[0])
    assert lesson is not None and not [p for p in problems if p.severity == "error"]
    assert calls == []


def test_a_broken_file_still_gets_its_line(tmp_path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        'format_version = 1\nid = "x"\ntitle = "T"\n\n[[steps]]\nscene = "nope"\ntext = "t"\n',
        encoding="utf-8",
    )
    _, problems = load_lesson_file(bad)
    assert any(p.line == 6 and p.key == "steps[0].scene" for p in problems), problems
