"""What every tui9 screen shares: bilingual key bindings, the too-small notice, error guards."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar, cast

from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Static

from tui9.ui.i18n import tr

if TYPE_CHECKING:
    from tui9.ui.app import Tui9App

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")

#: Below this many columns or rows a screen shows only the "too small" notice.
MIN_WIDTH, MIN_HEIGHT = 60, 20


@dataclass(frozen=True)
class Key:
    """A key binding whose footer label is a UI string key (see ``tui9.ui.i18n``)."""

    keys: str
    action: str
    label: str
    show: bool = True
    key_display: str | None = None
    priority: bool = False


def make_bindings(keys: list[Key], lang: str) -> list[Binding]:
    """Textual bindings for ``keys`` with labels in ``lang``."""
    return [
        Binding(
            k.keys,
            k.action,
            tr(k.label, lang),
            show=k.show,
            key_display=k.key_display,
            priority=k.priority,
        )
        for k in keys
    ]


def relabel(node: DOMNode, keys: list[Key], lang: str) -> None:
    """Replace ``node``'s bindings with ``keys`` labelled in ``lang`` and refresh the footer.

    Textual has no public way to change a binding's description, so the node's bindings
    map is rebuilt (the same thing ``DOMNode.__init__`` does from ``BINDINGS``).
    """
    base = getattr(node, "_tui9_base_bindings", None)
    if base is None:
        base = [binding for _key, binding in node._merge_bindings()]
        node._tui9_base_bindings = base  # type: ignore[attr-defined]
    mine = make_bindings(keys, lang)
    taken = {key.strip() for b in mine for key in b.key.split(",")}
    kept = [b for b in base if b.key not in taken]
    node._bindings = BindingsMap([*kept, *mine])
    if node.is_attached:
        node.refresh_bindings()


def guarded(method: F) -> F:
    """Catch any exception from a handler, report it readably, and keep the app running."""
    if inspect.iscoroutinefunction(method):

        @functools.wraps(method)
        async def async_wrapper(self: DOMNode, *args: Any, **kwargs: Any) -> Any:
            try:
                return await method(self, *args, **kwargs)
            except Exception as error:
                _report(self, error)
                return None

        return cast(F, async_wrapper)

    @functools.wraps(method)
    def wrapper(self: DOMNode, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except Exception as error:
            _report(self, error)
            return None

    return cast(F, wrapper)


def _report(node: DOMNode, error: Exception) -> None:
    report = getattr(node.app, "report_error", None)
    if report is None:
        raise error
    report(error)


class TooSmall(Static):
    """Shown instead of a screen's content when the terminal is below 60 x 20."""


class _Tui9ScreenMixin:
    """Language, size classes and focus handling shared by full screens and modal dialogs."""

    #: The screen's keys; labels follow the app's language.
    KEYS: ClassVar[list[Key]] = []

    def _init_keys(self) -> None:
        relabel(cast(DOMNode, self), self.KEYS, self.lang)

    def _preset_size_classes(self) -> None:
        """Start with the size classes (breakpoints) the terminal's size gives.

        Textual sets them on the screen's first resize; a change then restyles every
        widget on the screen once more before its first frame.
        """
        screen = cast(Screen[Any], self)
        try:
            app = screen.app
            width, height = app.size
        except Exception:  # no app running: the first resize sets them
            return
        for size, own, default in (
            (width, screen.HORIZONTAL_BREAKPOINTS, app.HORIZONTAL_BREAKPOINTS),
            (height, screen.VERTICAL_BREAKPOINTS, app.VERTICAL_BREAKPOINTS),
        ):
            points = (default if own is None else own) or []
            name = next((n for at, n in sorted(points, reverse=True) if size >= at), None)
            if name is not None:
                screen.add_class(name, update=False)  # styled when mounted

    @property
    def tapp(self) -> Tui9App:
        """The app, typed."""
        return cast("Tui9App", cast(DOMNode, self).app)

    @property
    def lang(self) -> str:
        """The current UI language."""
        try:
            return self.tapp.lang
        except Exception:
            return "en"

    def too_small(self) -> TooSmall:
        """The notice CSS shows when the terminal is too small."""
        return TooSmall(tr("too_small", self.lang), classes="too-small")

    def apply_lang(self, lang: str) -> None:
        """Re-label everything in ``lang``; subclasses extend this and keep their place."""
        relabel(cast(DOMNode, self), self.KEYS, lang)
        for notice in cast(DOMNode, self).query(TooSmall):
            notice.update(tr("too_small", lang))

    def on_resize(self) -> None:
        # Terminal too small: everything but the notice is hidden, and nothing hidden may
        # keep the focus (its keys would act unseen: the hidden list of a Select raised on
        # page keys). The focus comes back once the terminal is big enough.
        screen = cast(Screen[Any], self)
        if screen.focused is not None and self._too_small():
            screen.set_focus(None)
        if screen.focused is None:
            screen.call_after_refresh(self._refocus)

    def set_focus(self, widget: Widget | None, *args: Any, **kwargs: Any) -> None:
        # Nothing takes the focus while the screen shows only the "too small" notice.
        focus = cast(Any, super()).set_focus
        focus(None if self._too_small() else widget, *args, **kwargs)

    def _too_small(self) -> bool:
        """Whether the terminal is below the size the screen needs (only the notice shows).

        Read from the size, not the size classes: a resize reaches this screen's handlers
        before Textual updates those.
        """
        try:
            width, height = cast(Screen[Any], self).app.size
        except Exception:  # no app running
            return False
        return width < MIN_WIDTH or height < MIN_HEIGHT

    def _refocus(self) -> None:
        if cast(Screen[Any], self).focused is None and not self._too_small():
            self.focus_default()

    def focus_default(self) -> None:
        """Focus the widget keys should go to when nothing else is chosen."""
        cast(Screen[Any], self).focus_next()


class Tui9Screen(_Tui9ScreenMixin, Screen[Any]):
    """A full tui9 screen."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._init_keys()
        self._preset_size_classes()


class Tui9Modal(_Tui9ScreenMixin, ModalScreen[T], Generic[T]):
    """A tui9 dialog returning ``T`` through ``dismiss``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._init_keys()
        self._preset_size_classes()
