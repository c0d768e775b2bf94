"""Markdown for lesson text and help: code blocks without a language are shown plain.

Textual guesses the language of an unlabelled code block with Pygments, which takes a
noticeable fraction of a second per block; lesson formulas (``z = w1·x1 + b``) are not
code, so they are shown as plain text. Blocks with a language keep their highlighting.

Updating the text reuses the blocks already shown: Textual's own update removes every
block and mounts new ones (and parses in a worker thread), which made a lesson's step
change wait for a round of mounting before the next frame.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import ClassVar

from markdown_it import MarkdownIt
from markdown_it.token import Token
from textual.await_complete import AwaitComplete
from textual.content import Content
from textual.widgets import Markdown
from textual.widgets._markdown import MarkdownBlock, MarkdownFence, MarkdownParagraph

from tui9.ui.widgets.memo import set_display


class PlainFence(MarkdownFence):
    """A code block; highlighted only when the author named its language."""

    @classmethod
    def highlight(cls, code: str, language: str, ansi: bool = False, dark: bool = False) -> Content:
        return super().highlight(code, language or "text", ansi=ansi, dark=dark)


def _same_content(a: Content, b: Content) -> bool:
    return a.plain == b.plain and a.spans == b.spans


def _source(text: str, block: MarkdownBlock) -> str:
    start, end = block.source_range
    return "".join(text.splitlines(keepends=True)[start:end])


class LessonMarkdown(Markdown):
    """Markdown with :class:`PlainFence` code blocks, updated in place."""

    BLOCKS: ClassVar[dict[str, type[MarkdownBlock]]] = {
        **Markdown.BLOCKS,
        "fence": PlainFence,
        "code_block": PlainFence,
    }

    def prepare(self, markdown: str) -> None:
        """Parse ``markdown`` ahead (a later :meth:`update` to it then skips parsing)."""
        self._tokens(markdown)

    def _tokens(self, markdown: str) -> list[Token]:
        cache: OrderedDict[str, list[Token]] = self.__dict__.setdefault(
            "_tui9_tokens", OrderedDict()
        )
        tokens = cache.get(markdown)
        if tokens is None:
            tokens = self._parser().parse(markdown)
            cache[markdown] = tokens
            while len(cache) > 16:
                cache.popitem(last=False)
        else:
            cache.move_to_end(markdown)
        return tokens

    def _parser(self) -> MarkdownIt:
        """One parser for all updates (building one takes about as long as parsing)."""
        parser = getattr(self, "_tui9_parser", None)
        if parser is None:
            factory = self._parser_factory
            parser = MarkdownIt("gfm-like") if factory is None else factory()
            self._tui9_parser = parser
        return parser

    def update(self, markdown: str) -> AwaitComplete:
        """Show ``markdown``, reusing the blocks already mounted where it can.

        A paragraph or code block takes a new one's content in place; any other block is
        kept only for the same source. Paragraphs and code blocks left over are hidden and
        kept for later texts; other blocks left over are removed. Only blocks with no
        counterpart are mounted (awaitable, as in Textual); usually none are.
        """
        if self.lock.is_locked or not self.is_mounted:
            return super().update(markdown)
        self._theme = self.app.theme
        old_source = self._markdown
        new_blocks = list(self._parse_markdown(self._tokens(markdown)))
        pool = [child for child in self.children if isinstance(child, MarkdownBlock)]
        self._markdown = markdown
        self._table_of_contents = None
        order: list[MarkdownBlock] = []
        fresh: list[MarkdownBlock] = []
        for new in new_blocks:
            old = next((b for b in pool if self._reuse(b, new, old_source, markdown)), None)
            if old is None:
                fresh.append(new)
                order.append(new)
            else:
                pool.remove(old)
                set_display(old, True)
                order.append(old)
        stale = [b for b in pool if not isinstance(b, MarkdownParagraph | MarkdownFence)]
        for spare in pool:
            set_display(spare, False)
        lines = markdown.splitlines()
        self._last_parsed_line = len(lines) - (1 if lines and lines[-1] else 0)
        self.post_message(
            Markdown.TableOfContentsUpdated(self, self.table_of_contents).set_sender(self)
        )
        if not stale and not fresh:
            self._arrange(order)
            return AwaitComplete.nothing()

        async def mount_rest() -> None:
            async with self.lock:
                with self.app.batch_update():
                    if stale:
                        await self.remove_children(stale)
                    if fresh:
                        await self.mount_all(fresh)
                    self._arrange(order)

        return AwaitComplete(mount_rest())

    def _arrange(self, order: list[MarkdownBlock]) -> None:
        """Put the shown blocks first, in ``order`` (the hidden spares after them)."""
        for index, block in enumerate(order):
            if self._nodes[index] is not block:
                self.move_child(block, before=index)

    @staticmethod
    def _reuse(old: MarkdownBlock, new: MarkdownBlock, old_text: str, new_text: str) -> bool:
        """Give ``old`` (mounted) the content of ``new`` (not mounted); False if it cannot."""
        if type(old) is not type(new) or old.classes != new.classes or old.name != new.name:
            return False
        if isinstance(old, MarkdownParagraph):
            assert isinstance(new, MarkdownParagraph)
            if not _same_content(old._content, new._content):
                old.set_content(new._content)
            old._copy_context(new)
            old._inline_token = new._inline_token
        elif isinstance(old, MarkdownFence):
            assert isinstance(new, MarkdownFence)
            if not _same_content(old._content, new._highlighted_code):
                old.set_content(new._highlighted_code)
            old._copy_context(new)
        elif not old.display or _source(old_text, old) != _source(new_text, new):
            return False
        old.source_range = new.source_range
        return True
