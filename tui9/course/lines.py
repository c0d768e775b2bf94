"""Where each key of a TOML document is written: key path -> 1-based line number.

``tomllib`` reports lines only for syntax errors; schema errors (an unknown key, a
value out of range) need the line of the offending key. This module scans the text
once, following TOML's table rules, and records the line on which every key, table
header and array element starts. It is meant for text ``tomllib`` already accepted,
but never raises on any input: on text it cannot follow, it keeps what it found.

Key paths are tuples of keys (str) and array indexes (int):
``("steps", 2, "challenge", "options", 1, "key")``; ``format_path`` writes them as
``steps[2].challenge.options[1].key``.
"""

from __future__ import annotations

import contextlib
import re
from bisect import bisect_left
from collections.abc import Sequence

KeyPath = tuple[str | int, ...]

_WS = re.compile(r"[ \t]*")
_WS_NL = re.compile(r"(?:[ \t\r\n]|#[^\n]*)*")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_BASIC = re.compile(r'"(?:[^"\\\n]++|\\.)*+"')
_LITERAL = re.compile(r"'[^'\n]*'")
_ML_BASIC = re.compile(r'"""(?:[^"\\]++|\\.|"(?!""))*+"""("{0,2})', re.DOTALL)
_ML_LITERAL = re.compile(r"'''(?:[^']++|'(?!''))*+'''('{0,2})", re.DOTALL)
_SCALAR = re.compile(r"[^,\]}\s#]+(?:[ T][0-9:.+\-Z]+)?")
_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}


def format_path(path: Sequence[str | int]) -> str:
    """``("steps", 2, "params", "w", 1)`` -> ``steps[2].params.w[1]``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            text = part if _BARE_KEY.fullmatch(part) else _quote(part)
            out += f".{text}" if out else text
    return out


def _quote(key: str) -> str:
    return '"' + key.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _unescape(body: str) -> str:
    def sub(m: re.Match[str]) -> str:
        esc = m.group(1)
        if esc[0] in "uU":
            try:
                return chr(int(esc[1:], 16))
            except ValueError:
                return esc
        return _ESCAPES.get(esc, esc)

    return re.sub(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", sub, body)


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.newlines = [m.start() for m in re.finditer("\n", text)]
        self.lines: dict[KeyPath, int] = {}
        #: For every array of tables seen: its path and the index of its last element.
        self.aot_last: dict[KeyPath, int] = {}

    # -- positions -----------------------------------------------------------------
    def line(self) -> int:
        return bisect_left(self.newlines, self.pos) + 1

    def record(self, path: KeyPath, line: int) -> None:
        self.lines.setdefault(path, line)

    def skip(self, pattern: re.Pattern[str]) -> None:
        m = pattern.match(self.text, self.pos)
        if m:
            self.pos = m.end()

    def peek(self, n: int = 1) -> str:
        return self.text[self.pos : self.pos + n]

    def skip_line(self) -> None:
        end = self.text.find("\n", self.pos)
        self.pos = len(self.text) if end < 0 else end + 1

    # -- keys ----------------------------------------------------------------------
    def key_part(self) -> str | None:
        for pattern, quoted in ((_BASIC, True), (_LITERAL, False), (_BARE_KEY, False)):
            m = pattern.match(self.text, self.pos)
            if m:
                self.pos = m.end()
                raw = m.group(0)
                if pattern is _BARE_KEY:
                    return raw
                return _unescape(raw[1:-1]) if quoted else raw[1:-1]
        return None

    def dotted_key(self) -> list[str] | None:
        parts: list[str] = []
        while True:
            self.skip(_WS)
            part = self.key_part()
            if part is None:
                return None
            parts.append(part)
            self.skip(_WS)
            if self.peek() != ".":
                return parts
            self.pos += 1

    def resolve(self, parts: list[str]) -> KeyPath:
        """A header's key path, with the last element of each array of tables on the way."""
        path: KeyPath = ()
        for part in parts:
            path = (*path, part)
            if path in self.aot_last:
                path = (*path, self.aot_last[path])
        return path

    # -- document ------------------------------------------------------------------
    def scan(self) -> None:
        table: KeyPath = ()
        while self.pos < len(self.text):
            self.skip(_WS_NL)
            if self.pos >= len(self.text):
                return
            line = self.line()
            if self.peek(2) == "[[":
                self.pos += 2
                parts = self.dotted_key()
                if parts is None:
                    self.skip_line()
                    continue
                parent = self.resolve(parts[:-1])
                base = (*parent, parts[-1])
                index = self.aot_last.get(base, -1) + 1
                self.aot_last[base] = index
                self.record(base, line)
                table = (*base, index)
                self.record(table, line)
                self.skip_line()
            elif self.peek() == "[":
                self.pos += 1
                parts = self.dotted_key()
                if parts is None:
                    self.skip_line()
                    continue
                table = self.resolve(parts)
                for i in range(1, len(table) + 1):
                    self.record(table[:i], line)
                self.skip_line()
            else:
                start = self.pos
                self.key_value(table)
                if self.pos == start:
                    self.skip_line()

    def key_value(self, table: KeyPath) -> None:
        line = self.line()
        parts = self.dotted_key()
        if parts is None:
            return
        path = table
        for part in parts:
            path = (*path, part)
            self.record(path, line)
        self.skip(_WS)
        if self.peek() != "=":
            return
        self.pos += 1
        self.skip(_WS)
        self.value(path)

    def value(self, path: KeyPath) -> None:
        """Skip one value, recording keys of inline tables and elements of arrays.

        Nested arrays and inline tables are followed with an explicit stack, so deep
        nesting cannot exhaust Python's recursion limit.
        """
        stack: list[tuple[str, KeyPath, int]] = []  # (kind, path, next index)
        cur = path
        while True:
            c = self.peek()
            if c == "[":
                self.pos += 1
                stack.append(("array", cur, 0))
            elif c == "{":
                self.pos += 1
                stack.append(("table", cur, 0))
            else:
                self.scalar()
            # After a value (or an opening bracket): find the next value's path.
            while True:
                if not stack:
                    return
                kind, base, index = stack[-1]
                self.skip(_WS_NL)
                c = self.peek()
                if c == "":
                    return
                if c == ",":
                    self.pos += 1
                    self.skip(_WS_NL)
                    c = self.peek()
                if kind == "array":
                    if c == "]":
                        self.pos += 1
                        stack.pop()
                        continue
                    cur = (*base, index)
                    self.record(cur, self.line())
                    stack[-1] = (kind, base, index + 1)
                    break
                if c == "}":
                    self.pos += 1
                    stack.pop()
                    continue
                line = self.line()
                parts = self.dotted_key()
                if parts is None:
                    return
                cur = base
                for part in parts:
                    cur = (*cur, part)
                    self.record(cur, line)
                self.skip(_WS)
                if self.peek() != "=":
                    return
                self.pos += 1
                self.skip(_WS)
                break

    def scalar(self) -> None:
        for pattern in (_ML_BASIC, _ML_LITERAL, _BASIC, _LITERAL, _SCALAR):
            m = pattern.match(self.text, self.pos)
            if m:
                self.pos = m.end()
                return
        # Something unexpected: stop at the end of the line rather than loop.
        self.skip_line()


def key_lines(text: str) -> dict[KeyPath, int]:
    """Map every key path written in ``text`` to the line where it starts."""
    scanner = _Scanner(text)
    # Lines are a courtesy: whatever the text holds, keep what was found and never raise.
    with contextlib.suppress(Exception):
        scanner.scan()
    return scanner.lines


def line_of(lines: dict[KeyPath, int], path: Sequence[str | int]) -> int | None:
    """The line of ``path``, else of its closest written ancestor, else None."""
    key = tuple(path)
    while True:
        if key in lines:
            return lines[key]
        if not key:
            return None
        key = key[:-1]
