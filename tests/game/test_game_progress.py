"""Progress: saving, resuming, schema versions, corrupt files, unwritable dirs, two copies."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tui9.game import progress as progress_mod
from tui9.game.progress import FILENAME, MIGRATIONS, SCHEMA_VERSION, LessonRecord, Progress


def test_new_lesson_reads_as_new(prog: Progress):
    assert prog.lesson("x") == LessonRecord("x", "new", 0, 0, 0, 0, 0.0)
    assert prog.last_lesson() is None
    assert prog.solved_steps("x") == set()


def test_opens_in_tui9_home_by_default(home: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("TUI9_HOME", str(home / "from-env"))
    with Progress.open() as p:
        p.set_step("a", 2)
        assert p.path == home / "from-env" / FILENAME
        assert p.path.is_file()


def test_set_step_saves_and_marks_in_progress(home: Path, prog: Progress):
    prog.set_step("a", 3)
    prog.close()
    with Progress.open(home) as again:
        rec = again.lesson("a")
        assert (rec.status, rec.step) == ("in_progress", 3)
        assert again.last_lesson() == "a"


def test_attempts_count_mistakes_and_solved_steps(prog: Progress):
    prog.record_attempt("a", 1, "2", correct=False, hinted=False, seconds=3.5)
    prog.record_attempt("a", 1, "1.0", correct=True, hinted=True, seconds=1.0)
    prog.record_attempt("a", 4, "x", correct=False, hinted=False, seconds=1.0)
    assert prog.solved_steps("a") == {1}
    assert prog.lesson("a").run_mistakes == 2
    assert prog.attempts("a") == [
        (1, "2", False, False, 3.5),
        (1, "1.0", True, True, 1.0),
        (4, "x", False, False, 1.0),
    ]


def test_hints_counted_per_run_and_step(prog: Progress):
    prog.record_hint("a", 1)
    prog.record_hint("a", 1)
    prog.record_hint("a", 2)
    assert prog.lesson("a").run_hints == 3
    assert prog.hints_revealed("a", 1) == 2
    prog.restart("a")
    assert prog.hints_revealed("a", 1) == 0
    assert prog.lesson("a").run_hints == 0


def test_finish_keeps_best_stars(prog: Progress):
    assert prog.finish("a", 2, 1, 0, 30.0) is True
    assert prog.finish("a", 1, 2, 0, 20.0) is False
    assert prog.lesson("a").best_stars == 2
    assert prog.finish("a", 3, 0, 0, 10.0) is True
    assert prog.finish("a", 3, 0, 0, 10.0) is False
    rec = prog.lesson("a")
    assert (rec.status, rec.best_stars, rec.run_finished) == ("done", 3, True)


def test_done_stays_done_and_restart_keeps_best(prog: Progress):
    prog.set_step("a", 3)
    prog.record_attempt("a", 1, "1", correct=False, hinted=False, seconds=1)
    prog.finish("a", 2, 1, 0, 12.0)
    prog.set_step("a", 1)
    assert prog.lesson("a").status == "done"
    prog.restart("a")
    rec = prog.lesson("a")
    assert (rec.status, rec.step, rec.best_stars) == ("done", 0, 2)
    assert (rec.run_mistakes, rec.run_hints, rec.run_seconds, rec.run) == (0, 0, 0.0, 2)
    assert not rec.run_finished


def test_last_lesson_is_most_recently_touched(prog: Progress):
    prog.set_step("a", 1)
    prog.set_step("b", 1)
    assert prog.last_lesson() == "b"
    prog.record_hint("a", 1)
    assert prog.last_lesson() == "a"
    prog.record_attempt("b", 0, "1", correct=True, hinted=False, seconds=1)
    assert prog.last_lesson() == "b"


def test_settings(home: Path, prog: Progress):
    assert prog.get_setting("language") is None
    assert prog.get_setting("language", "en") == "en"
    prog.set_setting("language", "ko")
    prog.set_setting("language", "en")
    prog.set_setting("theme", "nord")
    prog.close()
    with Progress.open(home) as again:
        assert again.get_setting("language") == "en"
        assert again.get_setting("theme") == "nord"


def test_reset_all_wipes_progress_keeps_settings_except_unlock_all(prog: Progress):
    prog.set_setting("language", "ko")
    prog.set_setting("unlock_all", "1")
    prog.set_step("a", 2)
    prog.record_attempt("a", 1, "1", correct=True, hinted=False, seconds=1)
    prog.record_hint("a", 1)
    prog.finish("a", 3, 0, 0, 5)
    prog.reset_all()
    assert prog.lesson("a") == LessonRecord("a", "new", 0, 0, 0, 0, 0.0)
    assert prog.solved_steps("a") == set()
    assert prog.hints_revealed("a", 1) == 0
    assert prog.last_lesson() is None
    assert prog.get_setting("language") == "ko"
    assert prog.get_setting("unlock_all") is None


def test_corrupt_file_is_moved_aside_and_fresh_one_started(home: Path):
    home.mkdir(parents=True)
    garbage = b"this is not sqlite at all \x00\xff" * 100
    (home / FILENAME).write_bytes(garbage)
    p = Progress.open(home)
    try:
        assert not p.in_memory
        assert p.notice is not None and "corrupt-1" in p.notice
        assert p.notice_ko is not None and "corrupt-1" in p.notice_ko
        assert p.backup_path == home / f"{FILENAME}.corrupt-1"
        assert p.backup_path.read_bytes() == garbage
        p.set_step("a", 2)
    finally:
        p.close()
    with Progress.open(home) as again:
        assert again.notice is None
        assert again.lesson("a").step == 2


def test_second_corrupt_file_gets_next_backup_number(home: Path):
    home.mkdir(parents=True)
    (home / f"{FILENAME}.corrupt-1").write_bytes(b"old backup")
    (home / FILENAME).write_bytes(b"\x01" * 4096)
    with Progress.open(home) as p:
        assert p.backup_path == home / f"{FILENAME}.corrupt-2"
    assert (home / f"{FILENAME}.corrupt-1").read_bytes() == b"old backup"


def test_damaged_database_pages_are_detected(home: Path):
    with Progress.open(home) as p:
        for i in range(300):
            p.record_attempt("a", i, "x" * 200, correct=False, hinted=False, seconds=1)
    path = home / FILENAME
    assert not (home / (FILENAME + "-wal")).exists()  # checkpointed on close
    data = bytearray(path.read_bytes())
    assert len(data) > 8 * 4096
    data[3 * 4096 : 6 * 4096] = b"\xa5" * (3 * 4096)  # smash pages in the middle
    path.write_bytes(bytes(data))
    with Progress.open(home) as p:
        assert p.backup_path is not None and p.backup_path.exists()
        assert p.notice is not None
        assert p.lesson("a").status == "new"


def test_foreign_database_with_other_tables_is_moved_aside(home: Path):
    home.mkdir(parents=True)
    conn = sqlite3.connect(home / FILENAME)
    conn.execute("CREATE TABLE lessons (name TEXT)")
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    with Progress.open(home) as p:
        assert p.backup_path is not None
        assert "lessons lacks" in (p.notice or "")
        p.set_step("a", 1)
        assert p.lesson("a").step == 1


def test_unwritable_dir_falls_back_to_memory(tmp_path: Path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    p = Progress.open(blocker / "sub")
    try:
        assert p.in_memory and p.path is None
        assert p.notice is not None and "memory" in p.notice
        assert p.notice_ko is not None and "메모리" in p.notice_ko
        p.set_step("a", 2)
        p.set_setting("language", "ko")
        assert p.lesson("a").step == 2
        assert p.get_setting("language") == "ko"
    finally:
        p.close()


def test_newer_schema_is_left_alone(home: Path):
    home.mkdir(parents=True)
    conn = sqlite3.connect(home / FILENAME)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.commit()
    conn.close()
    with Progress.open(home) as p:
        assert p.in_memory
        assert "newer" in (p.notice or "")
    conn = sqlite3.connect(home / FILENAME)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 5
    conn.close()
    assert not list(home.glob("*.corrupt-*"))


def test_migrates_from_version_1(home: Path):
    home.mkdir(parents=True)
    conn = sqlite3.connect(home / FILENAME)
    conn.executescript(MIGRATIONS[0])
    conn.execute("PRAGMA user_version = 1")
    conn.execute(
        "INSERT INTO lessons (lesson_id, status, step, best_stars) VALUES ('a', 'done', 3, 2)"
    )
    conn.execute("INSERT INTO lessons (lesson_id, status, step) VALUES ('b', 'in_progress', 1)")
    conn.execute(
        "INSERT INTO attempts (lesson_id, step, answer, correct, hinted, seconds, at)"
        " VALUES ('b', 0, '42', 1, 0, 2.0, 0)"
    )
    conn.execute("INSERT INTO settings VALUES ('language', 'ko')")
    conn.commit()
    conn.close()
    with Progress.open(home) as p:
        assert p.notice is None
        a, b = p.lesson("a"), p.lesson("b")
        assert (a.status, a.step, a.best_stars) == ("done", 3, 2)
        assert (b.status, b.step, b.run, b.run_mistakes) == ("in_progress", 1, 1, 0)
        assert p.solved_steps("b") == {0}
        assert p.get_setting("language") == "ko"
        p.record_hint("b", 1)  # a table that version 1 did not have
        assert p.hints_revealed("b", 1) == 1
    conn = sqlite3.connect(home / FILENAME)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()


def test_uses_wal_and_busy_timeout(prog: Progress):
    conn = prog._conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == progress_mod.BUSY_TIMEOUT_MS


def test_two_copies_writing_alternately(home: Path):
    one, two = Progress.open(home), Progress.open(home)
    try:
        assert one.notice is None and two.notice is None
        for i in range(20):
            writer, reader = (one, two) if i % 2 == 0 else (two, one)
            writer.set_step("a", i)
            writer.record_attempt("a", i, str(i), correct=i % 3 == 0, hinted=False, seconds=1)
            writer.set_setting("count", str(i))
            assert reader.lesson("a").step == i
            assert reader.get_setting("count") == str(i)
        assert one.lesson("a").run_mistakes == two.lesson("a").run_mistakes == 13
        assert one.solved_steps("a") == {0, 3, 6, 9, 12, 15, 18}
    finally:
        one.close()
        two.close()
    conn = sqlite3.connect(home / FILENAME)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT COUNT(*) FROM attempts").fetchone()[0] == 20
    conn.close()


def test_write_failure_is_reported_not_raised(prog: Progress):
    prog.set_step("a", 1)
    prog._conn.close()  # e.g. the disk went away
    prog.set_step("a", 2)
    assert prog.save_error is not None
    assert "could not be saved" in (prog.notice or "")
    assert prog.lesson("a").status == "new"  # reads fail soft too
    assert prog.finish("a", 3, 0, 0, 1.0) is False


def test_open_never_raises_on_unexpected_errors(home: Path, monkeypatch: pytest.MonkeyPatch):
    def boom(path: Path) -> sqlite3.Connection:
        raise RuntimeError("something odd")

    monkeypatch.setattr(progress_mod, "_connect", boom)
    with Progress.open(home) as p:
        assert p.in_memory
        assert "something odd" in (p.notice or "")


def test_locked_database_is_not_moved_aside(home: Path, monkeypatch: pytest.MonkeyPatch):
    with Progress.open(home) as p:
        p.set_step("a", 4)
    monkeypatch.setattr(progress_mod, "BUSY_TIMEOUT_MS", 50)
    holder = sqlite3.connect(home / FILENAME, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with Progress.open(home) as p:
            assert p.in_memory
            assert p.notice is not None
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert not list(home.glob("*.corrupt-*"))
    with Progress.open(home) as p:
        assert p.lesson("a").step == 4


def test_read_only_file_is_loaded_into_memory(home: Path, monkeypatch: pytest.MonkeyPatch):
    with Progress.open(home) as p:
        p.set_step("a", 3)
        p.finish("a", 2, 1, 0, 9.0)
        p.set_setting("language", "ko")
    path = home / FILENAME

    def read_only(target: Path) -> sqlite3.Connection:
        raise sqlite3.OperationalError("attempt to write a readonly database")

    real_access = progress_mod.os.access
    monkeypatch.setattr(progress_mod, "_connect", read_only)
    monkeypatch.setattr(
        progress_mod.os,
        "access",
        lambda p, mode: False if Path(p) == path else real_access(p, mode),
    )
    before = path.read_bytes()
    with Progress.open(home) as p:
        assert p.in_memory
        assert "loaded" in (p.notice or "")
        assert p.lesson("a").best_stars == 2
        assert p.get_setting("language") == "ko"
        p.set_step("b", 1)  # works, in memory only
        assert p.last_lesson() == "b"
    assert path.read_bytes() == before
    assert not list(home.glob("*.corrupt-*"))


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_chmod_read_only_dir_keeps_saved_progress_in_memory(home: Path):
    with Progress.open(home) as p:
        p.set_step("a", 2)
    home.chmod(0o500)
    try:
        with Progress.open(home) as p:
            assert p.in_memory and p.notice is not None
            assert p.lesson("a").step == 2
    finally:
        home.chmod(0o700)


def test_database_path_taken_by_a_directory(home: Path):
    (home / FILENAME).mkdir(parents=True)
    (home / FILENAME / "junk").write_text("x")
    with Progress.open(home) as p:
        assert not p.in_memory
        assert p.backup_path == home / f"{FILENAME}.corrupt-1"
        assert (p.backup_path / "junk").is_file()
        p.set_step("a", 1)
        assert p.lesson("a").step == 1


def test_empty_file_is_a_fresh_database(home: Path):
    home.mkdir(parents=True)
    (home / FILENAME).write_bytes(b"")
    with Progress.open(home) as p:
        assert p.notice is None and not p.in_memory
        p.set_step("a", 1)
        assert p.lesson("a").step == 1


@contextlib.contextmanager
def immutable(path: Path) -> Iterator[None]:
    """Make ``path`` immutable (chattr +i), which even root can't write; skip if unsupported."""
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(path)], capture_output=True).returncode:
        pytest.skip("chattr +i is not available here")
    try:
        yield
    finally:
        subprocess.run([chattr, "-i", str(path)], check=True)


def test_immutable_dir_keeps_saved_progress_in_memory(home: Path):
    with Progress.open(home) as p:
        p.set_step("a", 2)
        p.finish("a", 3, 0, 0, 4.0)
    with immutable(home), Progress.open(home) as p:
        assert p.in_memory
        assert p.notice is not None and "loaded" in p.notice
        assert p.lesson("a").best_stars == 3
        p.set_step("b", 1)
    assert sorted(x.name for x in home.iterdir()) == [FILENAME]


def test_immutable_file_is_not_treated_as_corrupt(home: Path):
    with Progress.open(home) as p:
        p.set_step("a", 5)
    with immutable(home / FILENAME), Progress.open(home) as p:
        assert p.in_memory
        assert p.notice is not None and "Can't save" in p.notice
        assert p.lesson("a").step == 5
    assert not list(home.glob("*.corrupt-*"))


WRITER = """
import sys
from pathlib import Path
from tui9.game.progress import Progress
home, name, n = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
p = Progress.open(home)
assert p.notice is None and not p.in_memory, p.notice
for i in range(n):
    p.set_step(name, i)
    p.record_attempt(name, i, str(i), correct=i % 2 == 0, hinted=False, seconds=0.1)
    p.record_attempt("shared", i, name, correct=False, hinted=False, seconds=0.1)
    p.set_setting("last_writer", name)
assert p.save_error is None, p.save_error
p.close()
"""


def test_two_processes_at_once_on_a_fresh_file(home: Path):
    n = 100
    root = Path(__file__).resolve().parents[2]
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(home), name, str(n)],
            cwd=root,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("one", "two")
    ]
    for proc in procs:
        _out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    with Progress.open(home) as p:
        assert p.notice is None
        for name in ("one", "two"):
            rec = p.lesson(name)
            assert (rec.step, rec.run_mistakes) == (n - 1, n // 2)
            assert len(p.attempts(name)) == n
        assert p.lesson("shared").run_mistakes == 2 * n
        assert p.get_setting("last_writer") in ("one", "two")
    conn = sqlite3.connect(home / FILENAME)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()


def test_switch_to_wal_waits_for_a_reader_that_blocks_it(tmp_path: Path):
    """SQLite can refuse the switch at once (no busy wait); it is retried until it works."""
    import threading

    path = tmp_path / "fresh.sqlite3"
    reader = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    reader.execute("CREATE TABLE t (x)")
    reader.execute("BEGIN")
    reader.execute("SELECT * FROM t").fetchall()  # holds a shared lock
    switcher = sqlite3.connect(path, isolation_level=None, timeout=0)
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        switcher.execute("PRAGMA journal_mode = WAL").fetchone()
    threading.Timer(0.3, lambda: reader.execute("COMMIT")).start()
    progress_mod._switch_to_wal(switcher)
    assert switcher.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    switcher.close()
    reader.close()


def test_a_failed_write_leaves_no_open_transaction(prog: Progress):
    with pytest.raises(RuntimeError), prog._write() as db:
        db.execute("INSERT INTO settings (key, value) VALUES ('half', 'done')")
        raise RuntimeError("bug in the middle of a write")
    assert not prog._conn.in_transaction
    assert prog.get_setting("half") is None
    prog.set_setting("after", "ok")
    assert prog.get_setting("after") == "ok"


def test_io_error_does_not_throw_the_file_away(home: Path, monkeypatch: pytest.MonkeyPatch):
    with Progress.open(home) as p:
        p.set_step("a", 3)

    def flaky(target: Path) -> sqlite3.Connection:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(progress_mod, "_connect", flaky)
    with Progress.open(home) as p:
        assert p.in_memory and "disk I/O error" in (p.notice or "")
        assert p.lesson("a").step == 3
    assert not list(home.glob("*.corrupt-*"))


def test_records_read_every_lesson_in_one_query(prog: Progress):
    prog.set_step("a", 2)
    prog.finish("b", 3, 0, 0, 4.0)
    recs = prog.records(["a", "b", "never"])
    assert recs == {i: prog.lesson(i) for i in ("a", "b", "never")}
    assert recs["never"].status == "new" and recs["a"].step == 2 and recs["b"].best_stars == 3
    assert set(prog.lessons()) == {"a", "b"}
