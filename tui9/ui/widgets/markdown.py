"""Markdown for lesson text and help: code blocks without a language are shown plain.

Textual guesses the language of an unlabelled code block with Pygments, which takes a
noticeable fraction of a second per block; lesson formulas (``z = w1·x1 + b``) are not
code, so they are shown as plain text. Blocks with a language keep their highlighting.
"""

from __future__ import annotations

from typing import ClassVar

from textual.content import Content
from textual.widgets import Markdown
from textual.widgets._markdown import MarkdownBlock, MarkdownFence


class PlainFence(MarkdownFence):
    """A code block; highlighted only when the author named its language."""

    @classmethod
    def highlight(cls, code: str, language: str, ansi: bool = False, dark: bool = False) -> Content:
        return super().highlight(code, language or "text", ansi=ansi, dark=dark)


class LessonMarkdown(Markdown):
    """Markdown with :class:`PlainFence` code blocks."""

    BLOCKS: ClassVar[dict[str, type[MarkdownBlock]]] = {
        **Markdown.BLOCKS,
        "fence": PlainFence,
        "code_block": PlainFence,
    }
