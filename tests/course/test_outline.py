"""load_outline: the map's first view of the course agrees with the full load."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tui9.course.loader import load_course
from tui9.course.outline import load_outline
from tui9.course.schema import Text
from tui9.paths import packaged_lessons_dir

DATA = Path(__file__).resolve().parents[1] / "data"
ROOT = Path(__file__).resolve().parents[2]


def header(lesson) -> tuple:
    return (lesson.id, lesson.title, lesson.summary, lesson.requires, lesson.total, lesson.path)


def test_packaged_outline_matches_the_full_load():
    dirs = [packaged_lessons_dir()]
    outline, course = load_outline(dirs), load_course(dirs)
    assert [header(x) for x in outline.lessons] == [header(x) for x in course.lessons]
    assert outline.broken == () and len(outline.lessons) >= 12


def test_every_bad_file_is_listed_once_and_never_raises():
    dirs = [DATA / "bad_lessons"]
    outline, course = load_outline(dirs), load_course(dirs)
    listed = [les.path for les in outline.lessons] + [b.path for b in outline.broken]
    assert sorted(listed) == sorted(
        [les.path for les in course.lessons] + [b.path for b in course.broken]
    )
    # what the full load accepts, the outline shows as a lesson with the same header
    outlined = {les.id: header(les) for les in outline.lessons}
    for les in course.lessons:
        assert outlined[les.id] == header(les)
    for b in outline.broken:
        assert b.problems and b.problems[0].severity == "error"


def test_a_summary_line_starting_with_a_bracket_falls_back_to_the_whole_file(tmp_path: Path):
    (tmp_path / "a.toml").write_text(
        "format_version = 1\n"
        'id = "a"\n'
        'title = { en = "Links", ko = "링크" }\n'
        'summary = """Read\n[the slides](https://example.org) first."""\n'
        'requires = []\n\n[[steps]]\nscene = "perceptron"\ntext = "one"\n\n'
        '[[steps]]\nscene = "perceptron"\ntext = "two"\n',
        encoding="utf-8",
    )
    (les,) = load_outline([tmp_path]).lessons
    assert les.title == Text("Links", "링크")
    assert les.summary == Text("Read\n[the slides](https://example.org) first.")
    assert les.total == 2
    assert header(les) == header(load_course([tmp_path]).lessons[0])


def test_unreadable_headers_and_duplicate_ids_are_broken(tmp_path: Path):
    good = 'format_version = 1\nid = "same"\ntitle = "T"\n\n[[steps]]\nscene = "x"\ntext = "t"\n'
    (tmp_path / "1.toml").write_text(good, encoding="utf-8")
    (tmp_path / "2.toml").write_text(good, encoding="utf-8")
    (tmp_path / "3.toml").write_text('format_version = 1\nid = "Bad Id"\ntitle = "T"\n')
    (tmp_path / "4.toml").write_bytes(b"\xff\xfe")
    (tmp_path / "5.toml").write_text("format_version = 1\nid = [\n")
    outline = load_outline([tmp_path])
    assert [les.id for les in outline.lessons] == ["same"]
    assert [b.path.name for b in outline.broken] == ["2.toml", "3.toml", "4.toml", "5.toml"]
    assert "used by another lesson file" in outline.broken[0].problems[0].message
    assert load_outline([tmp_path / "missing"]).problems[0].message == "no such folder"


def test_the_outline_imports_no_scene_and_no_numpy():
    code = (
        "import sys; from tui9.course.outline import load_outline; "
        "from tui9.paths import packaged_lessons_dir; load_outline([packaged_lessons_dir()]); "
        "print(sorted(m for m in sys.modules if m.startswith(('numpy', 'tui9.scenes'))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert out.stdout.strip() == "[]"
