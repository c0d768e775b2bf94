"""The base every scene widget extends: the Textual half of a scene."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from typing import Any, ClassVar

from textual.binding import BindingsMap
from textual.timer import Timer
from textual.widget import Widget

from tui9.scenes.base import SceneModel

#: Korean footer labels for the scene widgets' own keys (English label -> Korean).
KEY_LABELS_KO: dict[str, str] = {
    "load digit": "숫자 불러오기",
    "activation": "활성화 함수",
    "learn rule": "학습 규칙",
    "clear": "지우기",
    "compare": "비교",
    "train to end": "끝까지 학습",
    "step back": "한 단계 뒤로",
    "shallower": "얕게",
    "deeper": "깊게",
    "dimmer": "어둡게",
    "brighter": "밝게",
    "whose update": "누구의 업데이트",
    "gate": "게이트",
    "+10 steps": "+10 단계",
    "pick w/b": "w/b 고르기",
    "step/sigmoid": "계단/시그모이드",
    "another x": "다른 x",
    "next input": "다음 입력",
    "pixel": "픽셀",
    "x-axis": "x 축",
    "left": "왼쪽",
    "right": "오른쪽",
    "up": "위",
    "down": "아래",
}


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
    #: Quantities the scene can hide ("?") while a challenge asks for them: predict first.
    concealable: ClassVar[frozenset[str]] = frozenset()

    def __init__(
        self, model: SceneModel, params: Mapping[str, Any], lang: str = "en", **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.model = model
        self.params = dict(params)
        self.lang = lang
        self._autoplay: Timer | None = None
        #: The quantities shown as "?" now (see :meth:`conceal`).
        self.concealed: frozenset[str] = frozenset()

    def on_mount(self) -> None:
        self._label_keys()

    def on_unmount(self) -> None:
        self.stop_autoplay()

    def autoplay(self, interval: float, tick: Callable[[], bool] | None = None) -> None:
        """Call ``tick`` (default :meth:`advance`) every ``interval`` s until it returns False.

        The scene plays by itself, e.g. a tune challenge's run replaying the student's
        settings; it stops at the end, on :meth:`stop_autoplay`, and when unmounted.
        """
        self.stop_autoplay()
        step = tick or self.advance

        def tick_once() -> None:
            if not step():
                self.stop_autoplay()

        self._autoplay = self.set_interval(interval, tick_once)

    def stop_autoplay(self) -> None:
        """Stop playing by itself (safe when not playing)."""
        if self._autoplay is not None:
            self._autoplay.stop()
            self._autoplay = None

    @property
    def autoplaying(self) -> bool:
        """Whether :meth:`autoplay` is running."""
        return self._autoplay is not None

    def _label_keys(self) -> None:
        """Show the scene's own keys in the footer in the current language."""
        base = getattr(self, "_english_bindings", None)
        if base is None:
            base = [binding for _key, binding in self._bindings]
            self._english_bindings = base
        if self.lang == "ko":
            labelled = [
                replace(b, description=KEY_LABELS_KO.get(b.description, b.description))
                for b in base
            ]
        else:
            labelled = base
        self._bindings = BindingsMap(labelled)
        if self.is_attached:
            self.refresh_bindings()

    def advance(self) -> bool:
        """Move one sub-step (a neuron, a node, an update). False when there is nothing more."""
        return False

    def restart(self, model: SceneModel, params: Mapping[str, Any], lang: str) -> bool:
        """Show the next step's model exactly as a newly mounted widget would, in place.

        Saves remounting when consecutive steps show the same scene. Return False (the
        default) and the lesson screen mounts a new widget instead.
        """
        return False

    def reset_scene(self) -> None:
        """Back to the scene's first sub-step."""

    def set_lang(self, lang: str) -> None:
        """Switch language, keeping the scene's position."""
        self.lang = lang
        self._label_keys()
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

    def conceal(self, names: Iterable[str], redraw: bool = True) -> None:
        """Show these quantities as "?" (those in :attr:`concealable`); no names shows all.

        The lesson screen hides what the step's question asks for until it is answered,
        so the student works it out instead of reading it off the scene. ``redraw=False``
        when a redraw follows anyway (a restart for the next step).
        """
        hidden = frozenset(names) & self.concealable
        if hidden != self.concealed:
            self.concealed = hidden
            if redraw and self.is_mounted:
                self.refresh_scene()

    def masked(self, name: str, text: str) -> str:
        """``text``, or "?" while the quantity ``name`` is concealed."""
        return "?" if name in self.concealed else text

    def t(self, en: str, ko: str) -> str:
        """Pick the label for the current language."""
        return ko if self.lang == "ko" else en
