"""The ``tui9`` command: launch the game, list lessons, check lesson files, write screenshots."""

from __future__ import annotations

import os

# tui9's matrices are tiny: one BLAS thread answers faster than a pool (11 ms -> 0.5 ms for
# a 512x64 product on a busy 2-core machine). Set before NumPy loads; the user may override.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import sys  # noqa: E402
from collections.abc import Sequence  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import NoReturn  # noqa: E402

from tui9 import __version__  # noqa: E402
from tui9.paths import default_language, packaged_lessons_dir  # noqa: E402

PROG = "tui9"


class _Parser(argparse.ArgumentParser):
    """argparse that reports bad usage as one clear line (exit 2), never a usage dump."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def _fail(message: str) -> NoReturn:
    sys.stderr.write(f"{PROG}: error: {message}\n")
    raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    """The command-line parser (also used by the docs)."""
    parser = _Parser(
        prog=PROG,
        description="A terminal tutorial game for Deep Neural Networks 1.",
        epilog="Subcommands: 'tui9 check [--strict] [DIR ...]' validates lesson files; "
        "'tui9 screenshots DIR' writes SVG screenshots.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument("--lesson", metavar="ID", help="open this lesson directly (locked or not)")
    parser.add_argument("--lang", choices=("en", "ko"), help="language (default: from the locale)")
    parser.add_argument(
        "--lessons", metavar="DIR", type=Path, help="play the lessons in DIR instead of the chapter"
    )
    parser.add_argument("--list", action="store_true", help="list the lessons (id, title) and exit")
    sub = parser.add_subparsers(dest="command", metavar="{check,screenshots}", parser_class=_Parser)
    check = sub.add_parser("check", help="validate lesson files and replay every challenge")
    check.add_argument("dirs", nargs="*", type=Path, metavar="DIR", help="lesson folders")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.add_argument("--lang", choices=("en", "ko"), default=None, help=argparse.SUPPRESS)
    shots = sub.add_parser("screenshots", help="write SVG screenshots of representative screens")
    shots.add_argument("dir", type=Path, metavar="DIR", help="output folder (created if missing)")
    return parser


def _lessons_dir(arg: Path | None) -> Path:
    if arg is None:
        return packaged_lessons_dir()
    if not arg.is_dir():
        _fail(f"--lessons: '{arg}' is not a folder")
    return arg


def _list_lessons(lessons_dir: Path, lang: str) -> int:
    from tui9.course.loader import load_course

    course = load_course([lessons_dir])
    for lesson in course.lessons:
        print(f"{lesson.id}\t{lesson.title.get(lang)}")
    if course.broken:
        names = ", ".join(b.path.name for b in course.broken)
        sys.stderr.write(
            f"{PROG}: {len(course.broken)} broken lesson file(s) not listed: {names} "
            f"(run '{PROG} check {lessons_dir}')\n"
        )
    return 0


def _launch(args: argparse.Namespace, lessons_dir: Path) -> int:
    course = None
    if args.lesson is not None:
        from tui9.course.loader import load_course

        course = load_course([lessons_dir])
        if course.lesson(args.lesson) is None:
            known = ", ".join(les.id for les in course.lessons) or "none"
            _fail(f"no lesson '{args.lesson}' in {lessons_dir} (lessons: {known})")
    from tui9.ui.app import make_app

    app = make_app(
        lessons_dirs=[lessons_dir] if args.lessons is not None else None,
        lang=args.lang,
        lesson=args.lesson,
        course=course,
        background=True,
    )
    app.run()
    return int(app.return_code or 0)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``tui9`` command; returns the exit status."""
    args = build_parser().parse_args(argv)
    lang = args.lang or default_language()
    try:
        if args.command == "check":
            from tui9.course.check import run_check

            dirs = args.dirs or [packaged_lessons_dir()]
            return run_check(dirs, strict=args.strict, out=sys.stdout, lang=lang)
        if args.command == "screenshots":
            from tui9.ui.screenshots import write_screenshots

            for path in write_screenshots(args.dir):
                print(path)
            return 0
        lessons_dir = _lessons_dir(args.lessons)
        if args.list:
            return _list_lessons(lessons_dir, lang)
        return _launch(args, lessons_dir)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:
        sys.stderr.write(f"{PROG}: error: {exc}\n")
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
