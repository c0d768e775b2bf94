"""UI test helpers: a tiny fake scene ("ui_counter") and the app factory for test lessons."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import pytest
from rich.text import Text as RichText

import tui9.scenes as scene_registry
import tui9.ui.scenes as view_registry
from tui9.scenes.base import Param, Quantity, SceneSpec
from tui9.ui.scenes.base import SceneView

LESSONS = Path(__file__).resolve().parent.parent / "data" / "ui_lessons"


class CounterModel:
    """x, 2x, x^2 and x's sign: small enough to check by hand."""

    def __init__(self, params: dict[str, Any]) -> None:
        self.x = float(params["x"])
        self.mode = params["mode"]

    def quantity(self, name: str) -> float | str:
        if name == "double":
            return 2.0 * self.x
        if name == "square":
            return self.x * self.x
        if name == "sign":
            return "pos" if self.x >= 0 else "neg"
        raise KeyError(name)


COUNTER = SceneSpec(
    name="ui_counter",
    summary="a test scene: x, 2x, x^2",
    params=(
        Param("x", "float", 1.0, "the number", min=-100.0, max=100.0, tunable=True),
        Param(
            "mode", "choice", "plain", "how to show it", choices=("plain", "fancy"), tunable=True
        ),
    ),
    quantities=(
        Quantity("double", "2x"),
        Quantity("square", "x^2"),
        Quantity("sign", "pos or neg", kind="option"),
    ),
    factory=CounterModel,
    option_values={"sign": ("pos", "neg")},
)


class CounterView(SceneView):
    """Shows x and a frame counter that ``advance`` moves from 0 to 3."""

    scene_name: ClassVar[str] = "ui_counter"
    animated: ClassVar[bool] = True
    frame_interval: ClassVar[float] = 0.2
    LAST = 3

    def __init__(self, model: Any, params: Any, lang: str = "en", **kwargs: Any) -> None:
        super().__init__(model, params, lang, **kwargs)
        self.frame = 0

    def render(self) -> RichText:
        m = self.model
        label = self.t("frame", "프레임")
        return RichText(f"x = {m.x:g}   2x = {2 * m.x:g}\n{label} {self.frame} / {self.LAST}")

    def advance(self) -> bool:
        if self.frame >= self.LAST:
            return False
        self.frame += 1
        self.refresh()
        return self.frame < self.LAST

    def reset_scene(self) -> None:
        self.frame = 0
        self.refresh()


@pytest.fixture
def fake_scene(monkeypatch: pytest.MonkeyPatch) -> None:
    """Register ui_counter next to the real scenes (models and views)."""
    real_scenes = scene_registry.scenes()
    real_views = view_registry._views()
    monkeypatch.setattr(scene_registry, "scenes", lambda: {**real_scenes, "ui_counter": COUNTER})
    monkeypatch.setattr(view_registry, "_views", lambda: {**real_views, "ui_counter": CounterView})


@pytest.fixture
def make_test_app(fake_scene: None):
    """Build the app on the test lessons (TUI9_HOME is per test, from tests/conftest.py)."""
    from tui9.ui.app import make_app

    def build(**kwargs: Any):
        kwargs.setdefault("lessons_dirs", [LESSONS])
        kwargs.setdefault("lang", "en")
        return make_app(**kwargs)

    return build
