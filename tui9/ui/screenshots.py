"""``tui9 screenshots DIR``: deterministic SVGs of representative screens, for the README.

Each shot plays the packaged lessons as a perfect student would (answers computed by the
engine through the same grading the game uses) up to the step that shows the wanted
scene, then opens the app there headless at a fixed size and presses a few keys.
"""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tui9.course.grading import solution
from tui9.course.loader import load_course
from tui9.course.schema import Course, Lesson
from tui9.game.progress import Progress
from tui9.game.session import LessonSession
from tui9.paths import packaged_lessons_dir

SIZE = (100, 30)


@dataclass(frozen=True)
class Shot:
    """One screenshot: where to go, what to press, what to call the file."""

    name: str
    #: Lesson to open (None = the chapter map).
    lesson: str | None = None
    #: Open the first step showing this scene (None = the lesson's first step).
    scene: str | None = None
    #: Open the first step whose challenge is of this kind.
    challenge: str | None = None
    lang: str = "en"
    #: Keys pressed once the screen is up.
    press: tuple[str, ...] = ()
    #: Lessons finished (perfectly) before the shot, so the map shows progress.
    finished: tuple[str, ...] = ()


SHOTS: tuple[Shot, ...] = (
    Shot("01-home", finished=("01-perceptron", "02-mlp", "03-linear-collapse")),
    Shot("02-forward-pass", "02-mlp", scene="network", press=(".",) * 4),
    Shot("03-backprop-graph", "05-backprop", scene="graph", press=(".",) * 7),
    Shot("04-activation-plot", "06-activations", scene="activation", press=("]",) * 6),
    Shot("05-optimizer-race", "11-adam", scene="optimizers", press=(".",) * 12),
    Shot("06-lab-training", "08-hyperparameters", scene="lab", press=(".",) * 6),
    Shot("07-challenge-wrong", "01-perceptron", challenge="numeric", press=("9", "enter")),
    Shot("08-korean", "04-chain-rule", scene="graph", lang="ko", press=(".",) * 3),
    Shot("09-home-korean", lang="ko", finished=("01-perceptron",)),
)


def _target_step(lesson: Lesson, shot: Shot) -> int:
    for index, step in enumerate(lesson.steps):
        if shot.scene is not None and step.scene != shot.scene:
            continue
        if shot.challenge is not None and (
            step.challenge is None or step.challenge.kind != shot.challenge
        ):
            continue
        return index
    wanted = shot.scene or shot.challenge
    raise LookupError(f"lesson {lesson.id} has no step with {wanted!r} for shot {shot.name}")


def play_perfectly(course: Course, progress: Progress, lesson_id: str, upto: int | None) -> None:
    """Answer every challenge correctly up to step ``upto`` (None: finish the lesson)."""
    lesson = course.lesson(lesson_id)
    if lesson is None:
        raise LookupError(f"no lesson {lesson_id!r}")
    session = LessonSession(lesson, progress, clock=lambda: 0.0, course=course)
    last = len(lesson.steps) - 1 if upto is None else upto
    while session.index < last or (upto is None and not session.can_advance):
        challenge = session.challenge
        if challenge is not None and not session.solved:
            model, response = solution(challenge, session.step)
            session.answer(response, model if challenge.kind == "tune" else None)
        if session.index >= last:
            break
        if not session.next():
            raise RuntimeError(f"{lesson_id}: could not pass step {session.index + 1}")
    if upto is None:
        session.finish()
    else:
        session.go(upto)


async def _take(shot: Shot, course: Course, lessons_dir: Path, out: Path, home: Path) -> Path:
    from tui9.ui.app import make_app
    from tui9.ui.scenes import SceneView

    progress = Progress.open(home)
    for done in shot.finished:
        play_perfectly(course, progress, done, None)
    if shot.lesson is not None:
        lesson = course.lesson(shot.lesson)
        if lesson is None:
            raise LookupError(f"no lesson {shot.lesson!r} for shot {shot.name}")
        play_perfectly(course, progress, shot.lesson, _target_step(lesson, shot))
    progress.close()
    app = make_app([lessons_dir], lang=shot.lang, lesson=shot.lesson, data_dir=home)
    app.clock = lambda: 0.0
    app.cursor_blink = False
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for view in app.screen.query(SceneView):
            if hasattr(view, "slice_budget"):
                view.slice_budget = None  # whole epochs per key, however slow the machine
        for key in shot.press:
            await pilot.press(key)
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        app.save_screenshot(filename=f"{shot.name}.svg", path=str(out))
    return out / f"{shot.name}.svg"


def write_screenshots(
    out: Path, lessons_dir: Path | None = None, shots: Sequence[Shot] = SHOTS
) -> list[Path]:
    """Write every shot as ``out/<name>.svg`` (the folder is created); return the paths."""
    out.mkdir(parents=True, exist_ok=True)
    lessons_dir = lessons_dir or packaged_lessons_dir()
    course = load_course([lessons_dir])
    written = []
    for shot in shots:
        with tempfile.TemporaryDirectory() as home:
            written.append(asyncio.run(_take(shot, course, lessons_dir, out, Path(home))))
    return written
