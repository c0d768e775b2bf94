"""lessons/README.md: its example passes `tui9 check --strict`; its scene reference is current."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from tests.course.toy_scene import TOY
from tui9.course import docs
from tui9.course.check import run_check

README = Path(__file__).resolve().parents[2] / "lessons" / "README.md"


def example_lesson() -> str:
    blocks = re.findall(r"```toml\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)
    lessons = [b for b in blocks if b.startswith("format_version")]
    assert len(lessons) == 1, "lessons/README.md should hold exactly one complete example lesson"
    return lessons[0]


def test_readme_example_passes_strict_check(tmp_path):
    folder = tmp_path / "my-lessons"
    folder.mkdir()
    (folder / "my-first-lesson.toml").write_text(example_lesson(), encoding="utf-8")
    out = io.StringIO()
    code = run_check([folder], strict=True, out=out)
    assert out.getvalue() == "1 lessons, 3 steps, 3 challenges replayed, 0 errors, 0 warnings\n"
    assert code == 0


def test_readme_example_shows_every_challenge_kind():
    text = example_lesson()
    for kind in ("numeric", "choice", "tune"):
        assert f'kind = "{kind}"' in text


def test_readme_sample_message_is_what_check_prints(tmp_path):
    """The error line quoted in the README's quick start is real."""
    readme = README.read_text(encoding="utf-8")
    quoted = re.search(r"^(my-lessons/my-first-lesson\.toml:\d+: .*)$", readme, re.MULTILINE)
    assert quoted is not None
    folder = tmp_path / "my-lessons"
    folder.mkdir()
    broken = example_lesson().replace("tolerance = 0.01", 'tolerance = "0.01"')
    (folder / "my-first-lesson.toml").write_text(broken, encoding="utf-8")
    out = io.StringIO()
    assert run_check([folder], out=out) == 1
    assert out.getvalue().splitlines()[0] == f"{tmp_path}/{quoted.group(1)}"


def test_scene_reference_is_up_to_date():
    text = README.read_text(encoding="utf-8")
    current = docs.replace_section(text, docs.render())
    assert current == text, (
        "The scene reference in lessons/README.md is out of date; run "
        f"`{docs.COMMAND}` (from the repository root) to regenerate it."
    )


def test_docs_render_a_scene(monkeypatch):
    monkeypatch.setattr("tui9.scenes.scenes", lambda: {"toy": TOY})
    section = docs.render()
    assert section.startswith(docs.BEGIN) and section.endswith(docs.END)
    assert "### `toy`" in section
    assert "| `x` | vector of 2 numbers | `[1.0, 2.0]` | any |  | input |" in section
    assert '| `act` | choice | `"sigmoid"` | `sigmoid`, `relu` |  | activation |' in section
    assert "| `w` | float | `1.0` | -10 to 10 | yes | weight |" in section
    assert "| `sign` | option: `pos`, `neg` | 'pos' or 'neg' |" in section
    assert "Tunable params (what a tune challenge's `controls` may list): `w`, `b`." in section


def test_docs_main_rewrites_and_checks(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("tui9.scenes.scenes", lambda: {"toy": TOY})
    readme = tmp_path / "README.md"
    readme.write_text(f"intro\n{docs.BEGIN}\nold\n{docs.END}\noutro\n", encoding="utf-8")
    assert docs.main([str(readme), "--check"]) == 1
    assert "run `python -m tui9.course.docs`" in capsys.readouterr().err
    assert docs.main([str(readme)]) == 0
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("intro\n") and text.endswith("\noutro\n") and "### `toy`" in text
    assert docs.main([str(readme), "--check"]) == 0
    readme.write_text("no markers", encoding="utf-8")
    assert docs.main([str(readme)]) == 2


@pytest.mark.parametrize("value", [True, 3, -0.5, 'a"b', [1.0, [2, 3]], ("x",)])
def test_toml_value_reads_back(value):
    import tomllib

    parsed = tomllib.loads(f"v = {docs.toml_value(value)}")["v"]
    plain = list(value) if isinstance(value, tuple) else value
    assert parsed == plain
