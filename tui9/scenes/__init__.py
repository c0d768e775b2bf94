"""Scene models: the pure (NumPy, no Textual) half of every scene a lesson step can show.

Each module in this package defines ``SPEC: SceneSpec``; the registry finds them all.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from tui9.scenes.base import Param, Quantity, SceneModel, SceneSpec

__all__ = ["Param", "Quantity", "SceneModel", "SceneSpec", "get_scene", "scene_names", "scenes"]


@cache
def scenes() -> dict[str, SceneSpec]:
    """Every registered scene, by name."""
    found: dict[str, SceneSpec] = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_") or info.name == "base":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        spec = getattr(module, "SPEC", None)
        if isinstance(spec, SceneSpec):
            found[spec.name] = spec
    return dict(sorted(found.items()))


def get_scene(name: str) -> SceneSpec | None:
    """The scene called ``name``, or None."""
    return scenes().get(name)


def scene_names() -> list[str]:
    """Registered scene names, sorted."""
    return list(scenes())
