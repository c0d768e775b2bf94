"""Scene keys are labelled in the student's language, and relabelled when it switches."""

from __future__ import annotations

from tui9.ui.scene_harness import SceneHarness
from tui9.ui.scenes.base import KEY_LABELS_KO


def labels(app) -> set[str]:
    return {b.binding.description for b in app.screen.active_bindings.values()}


async def test_network_keys_in_korean_and_back() -> None:
    app = SceneHarness("network", lang="ko")
    async with app.run_test(size=(100, 30)) as pilot:
        app.view_widget.focus()
        await pilot.pause()
        assert "다음 입력" in labels(app)
        await pilot.press("l")
        await pilot.pause()
        assert "next input" in labels(app) and "다음 입력" not in labels(app)


def test_every_scene_key_label_has_korean() -> None:
    from tui9.ui.scenes import _views

    missing = set()
    for view in _views().values():
        for binding in view.BINDINGS:
            desc = getattr(binding, "description", "")
            if desc and getattr(binding, "show", True) and desc not in KEY_LABELS_KO:
                missing.add(desc)
    # Symbols and names that read the same in both languages.
    from tui9.scenes.init import LABELS as INIT_NAMES

    neutral = {"f", "z +", "z −", "+0.1", "-0.1", *INIT_NAMES.values()}
    assert not missing - neutral, missing - neutral
