"""Course test fixtures: a registry holding only the toy scene, and a lesson writer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import tui9.scenes
from tests.course.toy_scene import TOY

#: A valid lesson using the toy scene: one challenge of each kind, all texts bilingual.
TOY_LESSON = """\
format_version = 1
id = "toy-basics"
title = { en = "Toy basics", ko = "장난감 기초" }
summary = { en = "A lesson for tests.", ko = "테스트용 레슨." }

[[steps]]
scene = "toy"
params = { w = 2.0, b = -1.0, x = [1.5, 0.0] }
text = { en = "y = w x + b", ko = "y = w x + b 입니다" }

[steps.challenge]
kind = "numeric"
ask = { en = "What is y?", ko = "y 는?" }
answer = "y"
tolerance = 0.01
hints = [{ en = "Multiply first.", ko = "먼저 곱하세요." }]
explain = { en = "2 * 1.5 - 1 = 2", ko = "2 * 1.5 - 1 = 2" }

[[steps]]
scene = "toy"
title = { en = "Sign", ko = "부호" }
text = { en = "Is y positive?", ko = "y 는 양수?" }

[steps.params]
w = -1.0
b = 0.5

[steps.challenge]
kind = "choice"
ask = { en = "Sign of y?", ko = "y 의 부호?" }
answer = "sign"

[[steps.challenge.options]]
key = "pos"
text = { en = "positive", ko = "양수" }

[[steps.challenge.options]]
key = "neg"
text = { en = "negative", ko = "음수" }

[[steps]]
scene = "toy"
params = { w = 3.0, b = 4.0, target = 1.0 }
text = { en = "Tune w and b.", ko = "w 와 b 를 조정하세요." }

[steps.challenge]
kind = "tune"
ask = { en = "Bring the loss below 0.01.", ko = "손실을 0.01 아래로." }
answer = "loss"
goal = { below = 0.01 }
controls = ["w", "b"]
suggested = { w = 1.0, b = 0.0 }
"""


def use_scenes(monkeypatch: pytest.MonkeyPatch, *specs) -> None:
    """Make the scene registry hold exactly ``specs`` for this test."""
    registry = {s.name: s for s in specs}
    monkeypatch.setattr(tui9.scenes, "scenes", lambda: dict(registry))


@pytest.fixture
def toy(monkeypatch: pytest.MonkeyPatch):
    """The registry holds only the toy scene."""
    use_scenes(monkeypatch, TOY)
    return TOY


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """write(text, name="lesson.toml", folder="lessons") -> the written path."""

    def _write(text: str | bytes, name: str = "lesson.toml", folder: str = "lessons") -> Path:
        path = tmp_path / folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return _write
