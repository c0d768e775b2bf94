"""Saved progress: lesson state, current step, stars, every attempt and hint, settings.

One SQLite file (``progress.sqlite3`` in the data dir), written on every change so a
closed terminal loses nothing. Opening never raises:

* a corrupt or unreadable file is moved aside (``progress.sqlite3.corrupt-<n>``) and a
  fresh one started;
* a data dir that can't be written falls back to an in-memory database;
* a file written by a newer tui9 is left untouched and an in-memory database is used;

and :attr:`Progress.notice` / :attr:`Progress.notice_ko` say what happened.

The schema is versioned with ``PRAGMA user_version`` and upgraded by :data:`MIGRATIONS`.
WAL journaling, a busy timeout and short ``BEGIN IMMEDIATE`` transactions let two copies
of tui9 share one file without corrupting it; nothing is cached, so each copy sees the
other's writes.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from tui9 import paths

FILENAME = "progress.sqlite3"
#: Settings that ``reset_all`` removes along with the progress.
RESET_SETTINGS = ("unlock_all",)
BUSY_TIMEOUT_MS = 5000

LessonStatus = Literal["new", "in_progress", "done"]

#: ``MIGRATIONS[i]`` upgrades a database from ``user_version`` i to i + 1.
MIGRATIONS: tuple[str, ...] = (
    # 0 -> 1: lesson state, attempts, settings.
    """
    CREATE TABLE IF NOT EXISTS lessons (
        lesson_id  TEXT PRIMARY KEY,
        status     TEXT NOT NULL DEFAULT 'new',
        step       INTEGER NOT NULL DEFAULT 0,
        best_stars INTEGER NOT NULL DEFAULT 0,
        updated_at REAL NOT NULL DEFAULT 0
    );
    CREATE TABLE IF NOT EXISTS attempts (
        id        INTEGER PRIMARY KEY,
        lesson_id TEXT NOT NULL,
        step      INTEGER NOT NULL,
        answer    TEXT NOT NULL,
        correct   INTEGER NOT NULL,
        hinted    INTEGER NOT NULL,
        seconds   REAL NOT NULL,
        at        REAL NOT NULL
    );
    CREATE TABLE IF NOT EXISTS settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    """,
    # 1 -> 2: runs (a replay starts a new run), per-run counters, hints, completions,
    # and a touch counter to find the lesson to resume.
    """
    ALTER TABLE lessons ADD COLUMN run INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE lessons ADD COLUMN run_mistakes INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE lessons ADD COLUMN run_hints INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE lessons ADD COLUMN run_seconds REAL NOT NULL DEFAULT 0;
    ALTER TABLE lessons ADD COLUMN run_finished INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE lessons ADD COLUMN touched INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE attempts ADD COLUMN run INTEGER NOT NULL DEFAULT 1;
    CREATE INDEX IF NOT EXISTS attempts_by_lesson ON attempts (lesson_id, correct, step);
    CREATE TABLE IF NOT EXISTS hints (
        id        INTEGER PRIMARY KEY,
        lesson_id TEXT NOT NULL,
        step      INTEGER NOT NULL,
        run       INTEGER NOT NULL,
        at        REAL NOT NULL
    );
    CREATE INDEX IF NOT EXISTS hints_by_step ON hints (lesson_id, run, step);
    CREATE TABLE IF NOT EXISTS completions (
        id        INTEGER PRIMARY KEY,
        lesson_id TEXT NOT NULL,
        run       INTEGER NOT NULL,
        stars     INTEGER NOT NULL,
        mistakes  INTEGER NOT NULL,
        hints     INTEGER NOT NULL,
        seconds   REAL NOT NULL,
        at        REAL NOT NULL
    );
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


@dataclass(frozen=True)
class LessonRecord:
    """What is saved about one lesson (a never-touched lesson reads as status "new")."""

    lesson_id: str
    status: LessonStatus
    #: The step the student is on (0-based).
    step: int
    #: The best stars of any finished run (0 = never finished).
    best_stars: int
    #: Counters of the current run (a replay after finishing starts a new run).
    run_mistakes: int
    run_hints: int
    run_seconds: float
    #: The current run number (1 for the first play).
    run: int = 1
    #: Whether the current run was finished (the next open starts a new run).
    run_finished: bool = False


_RECORD_COLUMNS = (
    "status, step, best_stars, run_mistakes, run_hints, run_seconds, run, run_finished"
)


def _record(lesson_id: str, row: Sequence[Any] | None) -> LessonRecord:
    """A LessonRecord from a row of _RECORD_COLUMNS (None: never touched, "new")."""
    if row is None:
        return LessonRecord(lesson_id, "new", 0, 0, 0, 0, 0.0)
    status = row[0] if row[0] in ("new", "in_progress", "done") else "new"
    return LessonRecord(
        lesson_id,
        status,
        max(0, int(row[1])),
        max(0, min(3, int(row[2]))),
        int(row[3]),
        int(row[4]),
        float(row[5]),
        int(row[6]),
        bool(row[7]),
    )


class _Unusable(Exception):
    """The database file can't be used as it is (corrupt, not a database, wrong schema)."""


class _TooNew(Exception):
    """The database was written by a newer tui9 (a higher schema version)."""


class Progress:
    """The student's saved progress. Build it with :meth:`open` (or :meth:`memory`)."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: Path | None,
        notice: str | None = None,
        notice_ko: str | None = None,
    ) -> None:
        self._conn = conn
        self._lock = threading.RLock()
        #: The database file, or None when in memory.
        self.path = path
        #: What went wrong on opening (English), or None.
        self.notice = notice
        #: The same in Korean.
        self.notice_ko = notice_ko
        #: Where a corrupt file was moved, if it was.
        self.backup_path: Path | None = None
        #: The last error while saving (the game keeps going without it), or None.
        self.save_error: str | None = None

    # ----------------------------------------------------------------- opening

    @classmethod
    def open(cls, data_dir: Path | None = None) -> Progress:
        """Open (creating if needed) the progress file in ``data_dir``. Never raises."""
        try:
            return cls._open(data_dir)
        except Exception as exc:  # last resort: the game must start
            prog = cls.memory()
            prog.notice = f"Progress could not be opened ({exc}); it will not be saved this time."
            prog.notice_ko = f"진행 상황을 열 수 없습니다 ({exc}). 이번에는 저장되지 않습니다."
            return prog

    @classmethod
    def memory(cls) -> Progress:
        """A fresh in-memory progress (nothing is saved to disk)."""
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        _migrate(conn)
        return cls(conn, None)

    @classmethod
    def _open(cls, data_dir: Path | None) -> Progress:
        folder = Path(data_dir) if data_dir is not None else paths.data_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            if not os.access(folder, os.W_OK | os.X_OK):
                raise PermissionError(f"{folder} is not writable")
        except OSError as exc:
            return cls._fallback(
                f"Can't write to {folder} ({_reason(exc)}): progress is kept in memory "
                "and will be lost when you quit.",
                f"{folder} 에 쓸 수 없습니다 ({_reason(exc)}). 진행 상황은 메모리에만 "
                "보관되며 종료하면 사라집니다.",
                copy_from=folder / FILENAME if (folder / FILENAME).is_file() else None,
            )
        path = folder / FILENAME
        try:
            return cls(_connect(path), path)
        except _TooNew:
            return cls._fallback(
                f"{path} was saved by a newer tui9: it is left untouched and progress is "
                "kept in memory this time.",
                f"{path} 는 더 새로운 tui9 가 저장한 파일입니다. 파일은 그대로 두고 "
                "이번에는 진행 상황을 메모리에만 보관합니다.",
            )
        except (_Unusable, sqlite3.Error) as exc:
            if not (_is_corruption(exc) or _is_unopenable(exc, path)):
                # Probably healthy but busy (another copy holds a long lock), read-only,
                # or a passing I/O error: keep the file, and show what it holds.
                return cls._fallback(
                    f"Can't save to {path} ({_reason(exc)}): progress is kept in memory this time.",
                    f"{path} 에 저장할 수 없습니다 ({_reason(exc)}). 이번에는 진행 상황을 "
                    "메모리에만 보관합니다.",
                    copy_from=path,
                )
            broken_reason = _reason(exc)
        try:
            backup = _move_aside(path)
            prog = cls(_connect(path), path)
        except (OSError, _Unusable, _TooNew, sqlite3.Error) as exc:
            return cls._fallback(
                f"The progress file {path} is unreadable ({broken_reason}) and could not be "
                f"replaced ({_reason(exc)}): progress is kept in memory this time.",
                f"진행 파일 {path} 을(를) 읽을 수 없고 ({broken_reason}) 새로 만들 수도 "
                f"없습니다 ({_reason(exc)}). 이번에는 메모리에만 보관합니다.",
            )
        prog.backup_path = backup
        prog.notice = (
            f"The progress file was unreadable ({broken_reason}); it was saved as "
            f"{backup} and a fresh one started."
        )
        prog.notice_ko = (
            f"진행 파일을 읽을 수 없어 ({broken_reason}) {backup} 으로 보관하고 새로 시작합니다."
        )
        return prog

    @classmethod
    def _fallback(cls, notice: str, notice_ko: str, copy_from: Path | None = None) -> Progress:
        """An in-memory progress, loaded from ``copy_from`` (read-only) when that works."""
        prog = None
        if copy_from is not None:
            with contextlib.suppress(Exception):
                prog = cls(_read_only_copy(copy_from), None)
                notice += " Your saved progress was loaded; new progress won't be saved."
                notice_ko += " 저장된 진행 상황은 불러왔지만 새 진행은 저장되지 않습니다."
        if prog is None:
            prog = cls.memory()
        prog.notice, prog.notice_ko = notice, notice_ko
        return prog

    @property
    def in_memory(self) -> bool:
        """True when progress is not being saved to a file."""
        return self.path is None

    def close(self) -> None:
        """Close the database (safe to call twice)."""
        with self._lock, contextlib.suppress(sqlite3.Error):
            self._conn.close()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----------------------------------------------------------------- lessons

    def lesson(self, lesson_id: str) -> LessonRecord:
        """The saved state of ``lesson_id`` ("new" with zeros when never touched)."""
        row = self._read_one(
            f"SELECT {_RECORD_COLUMNS} FROM lessons WHERE lesson_id = ?", (lesson_id,)
        )
        return _record(lesson_id, row)

    def lessons(self) -> dict[str, LessonRecord]:
        """Every lesson with saved state, by id (one query)."""
        rows = self._read_all(f"SELECT lesson_id, {_RECORD_COLUMNS} FROM lessons", ())
        return {str(row[0]): _record(str(row[0]), row[1:]) for row in rows}

    def records(self, lesson_ids: Iterable[str]) -> dict[str, LessonRecord]:
        """The saved state of each of ``lesson_ids`` (as :meth:`lesson`), in one query."""
        saved = self.lessons()
        return {i: saved[i] if i in saved else _record(i, None) for i in lesson_ids}

    def set_step(self, lesson_id: str, step: int, seconds: float | None = None) -> None:
        """Save the current step; marks the lesson in progress unless it is done.

        ``seconds`` (optional) also saves the run's time so far.
        """
        with self._write() as db:
            _ensure(db, lesson_id)
            db.execute(
                "UPDATE lessons SET step = ?, status = CASE status WHEN 'done' THEN 'done'"
                " ELSE 'in_progress' END WHERE lesson_id = ?",
                (max(0, int(step)), lesson_id),
            )
            if seconds is not None:
                _set_seconds(db, lesson_id, seconds)
            _touch(db, lesson_id)

    def save_time(self, lesson_id: str, seconds: float) -> None:
        """Save the current run's time so far."""
        with self._write() as db:
            _ensure(db, lesson_id)
            _set_seconds(db, lesson_id, seconds)

    def record_attempt(
        self,
        lesson_id: str,
        step: int,
        answer: str,
        correct: bool,
        hinted: bool,
        seconds: float,
    ) -> None:
        """Save one answer; a wrong one counts as a mistake of the current run."""
        with self._write() as db:
            run = _ensure(db, lesson_id)
            db.execute(
                "INSERT INTO attempts (lesson_id, step, answer, correct, hinted, seconds, at,"
                " run) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    lesson_id,
                    step,
                    answer,
                    int(correct),
                    int(hinted),
                    _finite(seconds),
                    time.time(),
                    run,
                ),
            )
            if not correct:
                db.execute(
                    "UPDATE lessons SET run_mistakes = run_mistakes + 1 WHERE lesson_id = ?",
                    (lesson_id,),
                )
            _touch(db, lesson_id)

    def record_hint(self, lesson_id: str, step: int) -> None:
        """Save that a hint of ``step`` was revealed (counts against the current run)."""
        with self._write() as db:
            run = _ensure(db, lesson_id)
            db.execute(
                "INSERT INTO hints (lesson_id, step, run, at) VALUES (?, ?, ?, ?)",
                (lesson_id, step, run, time.time()),
            )
            db.execute(
                "UPDATE lessons SET run_hints = run_hints + 1 WHERE lesson_id = ?", (lesson_id,)
            )
            _touch(db, lesson_id)

    def hints_revealed(self, lesson_id: str, step: int) -> int:
        """How many hints of ``step`` were revealed in the current run."""
        row = self._read_one(
            "SELECT COUNT(*) FROM hints h JOIN lessons l ON l.lesson_id = h.lesson_id"
            " WHERE h.lesson_id = ? AND h.step = ? AND h.run = l.run",
            (lesson_id, step),
        )
        return int(row[0]) if row else 0

    def solved_steps(self, lesson_id: str, current_run: bool = False) -> set[int]:
        """Steps whose challenge was ever answered correctly (or in the current run only)."""
        sql = "SELECT DISTINCT step FROM attempts a WHERE a.lesson_id = ? AND a.correct = 1"
        if current_run:
            sql += " AND a.run = (SELECT run FROM lessons l WHERE l.lesson_id = a.lesson_id)"
        return {int(r[0]) for r in self._read_all(sql, (lesson_id,))}

    def attempts(self, lesson_id: str) -> list[tuple[int, str, bool, bool, float]]:
        """Every saved attempt of ``lesson_id``: (step, answer, correct, hinted, seconds)."""
        rows = self._read_all(
            "SELECT step, answer, correct, hinted, seconds FROM attempts WHERE lesson_id = ?"
            " ORDER BY id",
            (lesson_id,),
        )
        return [(int(s), str(a), bool(c), bool(h), float(t)) for s, a, c, h, t in rows]

    def finish(self, lesson_id: str, stars: int, mistakes: int, hints: int, seconds: float) -> bool:
        """Record a finished run; keeps the best stars. True if ``stars`` is a new best."""
        stars = max(0, min(3, int(stars)))
        with self._write() as db:
            run = _ensure(db, lesson_id)
            (best,) = db.execute(
                "SELECT best_stars FROM lessons WHERE lesson_id = ?", (lesson_id,)
            ).fetchone()
            db.execute(
                "INSERT INTO completions (lesson_id, run, stars, mistakes, hints, seconds, at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (lesson_id, run, stars, mistakes, hints, _finite(seconds), time.time()),
            )
            db.execute(
                "UPDATE lessons SET status = 'done', best_stars = MAX(best_stars, ?),"
                " run_finished = 1, run_mistakes = ?, run_hints = ?, run_seconds = ?"
                " WHERE lesson_id = ?",
                (stars, mistakes, hints, _finite(seconds), lesson_id),
            )
            _touch(db, lesson_id)
        return self.save_error is None and stars > int(best)

    def restart(self, lesson_id: str) -> None:
        """Start a new run at step 0 with zeroed counters; keeps best stars and done status."""
        with self._write() as db:
            _ensure(db, lesson_id)
            db.execute(
                "UPDATE lessons SET run = run + 1, step = 0, run_mistakes = 0, run_hints = 0,"
                " run_seconds = 0, run_finished = 0 WHERE lesson_id = ?",
                (lesson_id,),
            )
            _touch(db, lesson_id)

    def last_lesson(self) -> str | None:
        """The most recently touched lesson id, or None."""
        row = self._read_one(
            "SELECT lesson_id FROM lessons WHERE touched > 0 ORDER BY touched DESC LIMIT 1", ()
        )
        return str(row[0]) if row else None

    def reset_all(self) -> None:
        """Forget all progress; settings are kept (except those in RESET_SETTINGS)."""
        with self._write() as db:
            for table in ("lessons", "attempts", "hints", "completions"):
                db.execute(f"DELETE FROM {table}")
            db.executemany("DELETE FROM settings WHERE key = ?", [(k,) for k in RESET_SETTINGS])

    # ---------------------------------------------------------------- settings

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        """A saved setting, or ``default``."""
        row = self._read_one("SELECT value FROM settings WHERE key = ?", (key,))
        return str(row[0]) if row else default

    def set_setting(self, key: str, value: str) -> None:
        """Save a setting."""
        with self._write() as db:
            db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, str(value)),
            )

    # ----------------------------------------------------------------- plumbing

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One short write transaction; a failure is kept in ``save_error``, not raised."""
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                self._save_failed(exc)
                yield _Discard()  # type: ignore[misc]
                return
            try:
                yield self._conn
                self._conn.execute("COMMIT")
                self.save_error = None
            except sqlite3.Error as exc:
                with contextlib.suppress(sqlite3.Error):
                    self._conn.execute("ROLLBACK")
                self._save_failed(exc)
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    self._conn.execute("ROLLBACK")
                raise

    def _save_failed(self, exc: sqlite3.Error) -> None:
        self.save_error = _reason(exc)
        self.notice = f"Progress could not be saved: {self.save_error}"
        self.notice_ko = f"진행 상황을 저장할 수 없습니다: {self.save_error}"

    def _read_one(self, sql: str, args: tuple[object, ...]) -> tuple[object, ...] | None:
        rows = self._read_all(sql, args)
        return rows[0] if rows else None

    def _read_all(self, sql: str, args: tuple[object, ...]) -> list[tuple[object, ...]]:
        with self._lock:
            try:
                return list(self._conn.execute(sql, args).fetchall())
            except sqlite3.Error as exc:
                self.notice = f"Progress could not be read: {_reason(exc)}"
                self.notice_ko = f"진행 상황을 읽을 수 없습니다: {_reason(exc)}"
                return []


class _Discard:
    """Stands in for the connection when a write can't even begin: every call is a no-op."""

    def execute(self, *args: object) -> _Discard:
        return self

    def executemany(self, *args: object) -> _Discard:
        return self

    def fetchone(self) -> tuple[int, ...]:
        return (0,)


# --------------------------------------------------------------------- helpers


def _connect(path: Path) -> sqlite3.Connection:
    """Open ``path``, check it is a healthy tui9 database and bring its schema up to date."""
    conn = sqlite3.connect(
        str(path), isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
    )
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        rows = conn.execute("PRAGMA quick_check").fetchall()
        if [tuple(r) for r in rows] != [("ok",)]:
            raise _Unusable("integrity check failed: " + "; ".join(str(r[0]) for r in rows[:3]))
        (version,) = conn.execute("PRAGMA user_version").fetchone()
        if version > SCHEMA_VERSION:  # before WAL, which would rewrite the file's header
            raise _TooNew(f"schema version {version} > {SCHEMA_VERSION}")
        _switch_to_wal(conn)
        conn.execute("PRAGMA synchronous = NORMAL")
        _migrate(conn)
        _check_schema(conn)
        _probe_write(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def _switch_to_wal(conn: sqlite3.Connection) -> None:
    """Turn on WAL, retrying while another copy holds the lock the switch needs.

    Two copies opening a fresh file at once can both hold a shared lock and both want the
    exclusive one; SQLite then answers "database is locked" at once, without waiting on
    the busy timeout, so the wait is done here.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _probe_write(conn: sqlite3.Connection) -> None:
    """Raise sqlite3.OperationalError when the file can be read but not written."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('_probe', '')")
    finally:
        conn.execute("ROLLBACK")


def _read_only_copy(path: Path) -> sqlite3.Connection:
    """An in-memory copy of the database at ``path`` (opened read-only), brought up to date."""
    uri = path.resolve().as_uri()
    try:
        src = sqlite3.connect(uri + "?mode=ro", uri=True, timeout=1.0)
        src.execute("PRAGMA user_version").fetchone()
    except sqlite3.Error:
        # A WAL database in a folder we can't write: its -shm can't be made. Read the
        # file as it is (the last copy closed cleanly, so its WAL was checkpointed).
        src = sqlite3.connect(uri + "?mode=ro&immutable=1", uri=True, timeout=1.0)
    mem = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    try:
        rows = src.execute("PRAGMA quick_check").fetchall()
        if [tuple(r) for r in rows] != [("ok",)]:
            raise _Unusable("integrity check failed")
        src.backup(mem)
        _migrate(mem)
        _check_schema(mem)
    except BaseException:
        mem.close()
        raise
    finally:
        src.close()
    return mem


def _migrate(conn: sqlite3.Connection) -> None:
    """Apply the missing migrations, each in its own transaction (safe with two copies)."""
    while True:
        conn.execute("BEGIN IMMEDIATE")
        try:
            (version,) = conn.execute("PRAGMA user_version").fetchone()
            if version > SCHEMA_VERSION:
                raise _TooNew(f"schema version {version} > {SCHEMA_VERSION}")
            if version == SCHEMA_VERSION:
                conn.execute("COMMIT")
                return
            for statement in _statements(MIGRATIONS[version]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


_COLUMNS = {
    "lessons": {
        "lesson_id",
        "status",
        "step",
        "best_stars",
        "run",
        "run_mistakes",
        "run_hints",
        "run_seconds",
        "run_finished",
        "touched",
    },
    "attempts": {"lesson_id", "step", "answer", "correct", "hinted", "seconds", "at", "run"},
    "hints": {"lesson_id", "step", "run", "at"},
    "completions": {"lesson_id", "run", "stars", "mistakes", "hints", "seconds", "at"},
    "settings": {"key", "value"},
}


def _check_schema(conn: sqlite3.Connection) -> None:
    """Raise _Unusable unless every table has the columns this version uses."""
    for table, wanted in _COLUMNS.items():
        have = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
        if not wanted <= have:
            missing = ", ".join(sorted(wanted - have))
            raise _Unusable(f"table {table} lacks {missing}")


def _ensure(db: sqlite3.Connection, lesson_id: str) -> int:
    """Create the lesson's row if needed; return its current run number."""
    db.execute("INSERT OR IGNORE INTO lessons (lesson_id) VALUES (?)", (lesson_id,))
    row = db.execute("SELECT run FROM lessons WHERE lesson_id = ?", (lesson_id,)).fetchone()
    return int(row[0]) if row else 1


def _touch(db: sqlite3.Connection, lesson_id: str) -> None:
    db.execute(
        "UPDATE lessons SET touched = (SELECT COALESCE(MAX(touched), 0) + 1 FROM lessons),"
        " updated_at = ? WHERE lesson_id = ?",
        (time.time(), lesson_id),
    )


def _set_seconds(db: sqlite3.Connection, lesson_id: str, seconds: float) -> None:
    db.execute(
        "UPDATE lessons SET run_seconds = ? WHERE lesson_id = ?", (_finite(seconds), lesson_id)
    )


def _finite(x: float) -> float:
    x = float(x)
    return x if x == x and abs(x) != float("inf") and x >= 0 else 0.0


def _is_corruption(exc: BaseException) -> bool:
    if isinstance(exc, _Unusable):
        return True
    text = str(exc).lower()
    return any(w in text for w in ("not a database", "malformed", "corrupt", "integrity"))


def _is_unopenable(exc: BaseException, path: Path) -> bool:
    """SQLite can't open an existing ``path`` at all (a folder, a file we may not read...)."""
    if not (path.exists() or path.is_symlink()) or "unable to open" not in str(exc).lower():
        return False
    return not path.is_file() or not os.access(path, os.R_OK | os.W_OK)


def _reason(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__


def _move_aside(path: Path) -> Path:
    """Rename ``path`` (and its -wal / -shm files) to the first free ``.corrupt-<n>``."""
    n = 1
    while True:
        backup = path.with_name(f"{path.name}.corrupt-{n}")
        if not backup.exists():
            break
        n += 1
    if path.exists():
        path.rename(backup)
    for suffix in ("-wal", "-shm", "-journal"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(backup.with_name(backup.name + suffix))
    return backup
