"""Scene widgets: each module defines ``VIEW``, a SceneView subclass for one scene model."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from tui9.ui.scenes.base import SceneView

__all__ = ["SceneView", "view_for"]


@cache
def _views() -> dict[str, type[SceneView]]:
    found: dict[str, type[SceneView]] = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_") or info.name == "base":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        view = getattr(module, "VIEW", None)
        if isinstance(view, type) and issubclass(view, SceneView):
            found[view.scene_name] = view
    return found


def view_for(scene_name: str) -> type[SceneView] | None:
    """The widget class drawing ``scene_name``, or None."""
    return _views().get(scene_name)
