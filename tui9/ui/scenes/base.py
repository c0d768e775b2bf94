"""The base every scene widget extends: the Textual half of a scene."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from textual.widget import Widget

from tui9.scenes.base import SceneModel


class SceneView(Widget):
    """Draws one scene model and steps it on request.

    The lesson screen owns the keys shared by all scenes and calls:
    ``advance()`` on ``.`` (and repeatedly while space plays), ``reset_scene()`` on ``r``,
    ``set_lang()`` on ``l``, and ``set_model()`` after a tune run rebuilt the model with
    the student's settings. Scene-specific keys go in the subclass's BINDINGS (they show
    in the footer while the scene has focus).
    """

    DEFAULT_CSS = """
    SceneView { width: 1fr; height: 1fr; }
    """

    #: The scene model name (``tui9.scenes``) this widget draws.
    scene_name: ClassVar[str] = ""
    #: Whether space (play) has anything to animate.
    animated: ClassVar[bool] = False
    #: Seconds between frames while playing.
    frame_interval: ClassVar[float] = 0.25

    def __init__(
        self, model: SceneModel, params: Mapping[str, Any], lang: str = "en", **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.model = model
        self.params = dict(params)
        self.lang = lang

    def advance(self) -> bool:
        """Move one sub-step (a neuron, a node, an update). False when there is nothing more."""
        return False

    def reset_scene(self) -> None:
        """Back to the scene's first sub-step."""

    def set_lang(self, lang: str) -> None:
        """Switch language, keeping the scene's position."""
        self.lang = lang
        self.refresh_scene()

    def set_model(self, model: SceneModel, params: Mapping[str, Any]) -> None:
        """Show a model rebuilt with new params (a tune challenge's run)."""
        self.model = model
        self.params = dict(params)
        self.reset_scene()
        self.refresh_scene()

    def refresh_scene(self) -> None:
        """Redraw from the current model and position."""
        self.refresh(layout=True)

    def t(self, en: str, ko: str) -> str:
        """Pick the label for the current language."""
        return ko if self.lang == "ko" else en
