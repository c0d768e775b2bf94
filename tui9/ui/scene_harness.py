"""A bare app showing one scene widget: for scene tests and for trying a scene by hand.

python -m tui9.ui.scene_harness perceptron '{"w1": 1.0}'
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from typing import Any

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer

from tui9.scenes import get_scene
from tui9.ui.scenes import SceneView, view_for


class SceneHarness(App[None]):
    """Mounts the scene's widget full-screen; ``.`` advances, ``r`` resets, ``l`` language."""

    BINDINGS = [
        Binding(".", "advance", "step scene"),
        Binding("r", "reset", "reset"),
        Binding("l", "lang", "language"),
        Binding("q", "quit", "quit"),
    ]

    def __init__(self, scene: str, params: Mapping[str, Any] | None = None, lang: str = "en"):
        super().__init__()
        self.theme = "textual-dark"
        spec = get_scene(scene)
        view = view_for(scene)
        if spec is None or view is None:
            raise ValueError(f"no scene called {scene!r}")
        values, problems = spec.validate(params or {})
        if problems:
            raise ValueError("; ".join(f"{k}: {m}" for k, m in problems))
        self.view_widget: SceneView = view(spec.factory(values), values, lang)

    def compose(self) -> ComposeResult:
        yield self.view_widget
        yield Footer()

    def action_advance(self) -> None:
        self.view_widget.advance()

    def action_reset(self) -> None:
        self.view_widget.reset_scene()

    def action_lang(self) -> None:
        self.view_widget.set_lang("ko" if self.view_widget.lang == "en" else "en")


if __name__ == "__main__":
    SceneHarness(sys.argv[1], json.loads(sys.argv[2]) if len(sys.argv) > 2 else {}).run()
