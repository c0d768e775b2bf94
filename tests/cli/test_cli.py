"""The tui9 command line: one-line errors with exit 2, listing, checking, version."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tui9 import __version__
from tui9.__main__ import main
from tui9.paths import default_language, packaged_lessons_dir

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui9", *args], cwd=ROOT, capture_output=True, text=True
    )


def test_version(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.strip() == f"tui9 {__version__}"


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--lang", "fr"], "--lang"),
        (["--bogus"], "--bogus"),
        (["--lessons", "/nonexistent/dir", "--list"], "not a folder"),
        (["--lesson", "no-such-lesson"], "no lesson 'no-such-lesson'"),
        (["check", "--nope"], "--nope"),
    ],
)
def test_bad_usage_is_one_line_exit_2(args: list[str], needle: str) -> None:
    result = run_cli(*args)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("tui9: error:") and needle in lines[0]
    assert "Traceback" not in result.stderr


def test_list_starts_each_line_with_the_lesson_id(capsys) -> None:
    assert main(["--list"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    ids = sorted(p.stem for p in packaged_lessons_dir().glob("*.toml"))
    assert [line.split("\t")[0] for line in lines] == ids
    assert all(len(line.split("\t")) == 2 and line.split("\t")[1] for line in lines)


def test_list_in_korean(capsys) -> None:
    assert main(["--list", "--lang", "ko"]) == 0
    out = capsys.readouterr().out
    assert "퍼셉트론" in out


def test_list_of_a_teachers_folder_skips_broken_files(tmp_path, capsys) -> None:
    good = packaged_lessons_dir() / "01-perceptron.toml"
    (tmp_path / "01-perceptron.toml").write_bytes(good.read_bytes())
    (tmp_path / "02-broken.toml").write_text("format_version = 1\nid = [", encoding="utf-8")
    assert main(["--lessons", str(tmp_path), "--list"]) == 0
    captured = capsys.readouterr()
    assert captured.out.split("\t")[0] == "01-perceptron"
    assert "02-broken.toml" in captured.err


def test_check_packaged_lessons_is_clean() -> None:
    result = run_cli("check", "--strict")
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_reports_broken_folder(tmp_path) -> None:
    (tmp_path / "bad.toml").write_text("format_version = 1\nid = [", encoding="utf-8")
    result = run_cli("check", str(tmp_path))
    assert result.returncode == 1
    assert "bad.toml:" in result.stdout


@pytest.mark.parametrize(
    ("env", "lang"),
    [
        ({"LANG": "ko_KR.UTF-8"}, "ko"),
        ({"LC_ALL": "en_US.UTF-8", "LANG": "ko_KR"}, "en"),
        ({}, "en"),
        ({"LANG": "C"}, "en"),
    ],
)
def test_default_language_from_locale(env: dict[str, str], lang: str) -> None:
    assert default_language(env) == lang
