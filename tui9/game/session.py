"""Playing one lesson: stepping, answering challenges, hints, stars — saved as it goes.

A :class:`LessonSession` is the game rules for one lesson, with no Textual in sight:
the UI asks it what to show (``step``, ``model``, ``challenge``, ``hints_shown``...)
and tells it what the student did (``next()``, ``answer()``, ``hint()``...).
Every change is saved to :class:`~tui9.game.progress.Progress` at once.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from tui9.course.grading import Verdict, build_model, grade, parse_number
from tui9.course.schema import Challenge, Course, Lesson, Step, Text
from tui9.game.chapter import Chapter
from tui9.game.progress import Progress
from tui9.game.stars import stars_for
from tui9.scenes import get_scene
from tui9.scenes.base import SceneModel

#: Seconds of inactivity after which the clock stops counting (see ``elapsed``).
IDLE_LIMIT = 300.0


@dataclass(frozen=True)
class LessonResult:
    """The outcome of a finished run."""

    stars: int
    mistakes: int
    hints: int
    seconds: float
    #: Whether ``stars`` beat the lesson's previous best.
    new_best: bool
    #: Lessons that became open by finishing this one (needs the course).
    unlocked: tuple[str, ...]


class LessonSession:
    """One run through one lesson.

    Opening resumes the saved run at its saved step (clamped to the lesson, and never
    beyond a challenge that isn't solved). Opening a lesson whose last run was finished
    starts a new run at step 0 (best stars are kept), whose challenges are answered anew.
    """

    def __init__(
        self,
        lesson: Lesson,
        progress: Progress,
        clock: Callable[[], float] = time.monotonic,
        course: Course | None = None,
    ) -> None:
        if not lesson.steps:
            raise ValueError(f"lesson {lesson.id!r} has no steps")
        self.lesson = lesson
        self.progress = progress
        self.course = course
        self._clock = clock
        self._models: dict[int, SceneModel] = {}
        self._last_tune: tuple[SceneModel, dict[str, Any]] | None = None
        self._result: LessonResult | None = None
        record = progress.lesson(lesson.id)
        if record.run_finished:
            progress.restart(lesson.id)
            record = progress.lesson(lesson.id)
        self._solved = progress.solved_steps(lesson.id, current_run=True)
        self.mistakes: int = record.run_mistakes
        self.hints_used: int = record.run_hints
        self._base_seconds = record.run_seconds
        self._started = clock()
        self._last_active = self._started
        self._index = self._reachable(min(max(record.step, 0), self.total - 1))
        self._step_started = self._started
        self._hint_counts: dict[int, int] = {}
        self._save_step()

    # ------------------------------------------------------------------ where

    @property
    def index(self) -> int:
        """The current step (0-based)."""
        return self._index

    @property
    def total(self) -> int:
        """Number of steps."""
        return len(self.lesson.steps)

    @property
    def step(self) -> Step:
        """The current step."""
        return self.lesson.steps[self._index]

    @property
    def is_first(self) -> bool:
        return self._index == 0

    @property
    def is_last(self) -> bool:
        return self._index == self.total - 1

    @property
    def model(self) -> SceneModel:
        """The current step's scene model (built once per step)."""
        if self._index not in self._models:
            self._models[self._index] = build_model(self.step)
        return self._models[self._index]

    @property
    def challenge(self) -> Challenge | None:
        """The current step's challenge, if any."""
        return self.step.challenge

    @property
    def solved(self) -> bool:
        """Whether the current step's challenge was answered correctly in this run.

        A run spans sessions (quit and relaunch keeps it). A replay after finishing is a
        new run whose challenges are answered again: otherwise a replay could skip every
        challenge and earn 3 stars.
        """
        return self.challenge is not None and self._index in self._solved

    @property
    def can_advance(self) -> bool:
        """No challenge here, or it is solved."""
        return self._passable(self._index)

    @property
    def can_finish(self) -> bool:
        """On the last step, and it can be passed."""
        return self.is_last and self.can_advance and self._result is None

    @property
    def finished(self) -> bool:
        """Whether :meth:`finish` was called in this session."""
        return self._result is not None

    @property
    def elapsed(self) -> float:
        """Seconds spent in this run (saved across sessions).

        A pause longer than :data:`IDLE_LIMIT` between two actions counts as IDLE_LIMIT,
        so a lesson left open overnight doesn't report hours.
        """
        return self._base_seconds + min(IDLE_LIMIT, max(0.0, self._clock() - self._last_active))

    def _activity(self) -> None:
        """Fold the time since the last action (capped) into the run's time."""
        now = self._clock()
        self._base_seconds += min(IDLE_LIMIT, max(0.0, now - self._last_active))
        self._last_active = now

    @property
    def stars_now(self) -> int:
        """The stars finishing now would give."""
        return stars_for(self.mistakes, self.hints_used)

    # ----------------------------------------------------------------- moving

    def next(self) -> bool:
        """Go to the next step; False (and stay) past an unsolved challenge or the last step."""
        if self.is_last or not self.can_advance:
            return False
        self._move(self._index + 1)
        return True

    def prev(self) -> bool:
        """Go to the previous step; False on the first."""
        if self.is_first:
            return False
        self._move(self._index - 1)
        return True

    def go(self, index: int) -> bool:
        """Jump to ``index``; False if out of range or past an unsolved challenge ahead."""
        if not 0 <= index < self.total:
            return False
        if index > self._index and self._reachable(index, start=self._index) != index:
            return False
        if index != self._index:
            self._move(index)
        return True

    def restart(self) -> None:
        """Start a new run of this lesson at step 0 (best stars kept)."""
        self.progress.restart(self.lesson.id)
        self.mistakes = self.hints_used = 0
        self._base_seconds, self._started = 0.0, self._clock()
        self._last_active = self._started
        self._hint_counts.clear()
        self._solved = set()
        self._result = None
        self._move(0)

    def save(self) -> None:
        """Save the current step and time (everything else is saved as it happens)."""
        self._save_step()

    # --------------------------------------------------------------- answering

    def answer(self, response: str | None, model: SceneModel | None = None) -> Verdict:
        """Grade an answer to the current challenge and record it.

        numeric / choice: ``response`` is the typed text / option key.
        tune: pass ``model`` from :meth:`tune_model` (``response`` is ignored).
        An unreadable response gives ``Verdict.invalid`` and is not a mistake; a wrong one is.
        """
        challenge = self.challenge
        if challenge is None:
            raise ValueError("this step has no challenge")
        graded_model = model if model is not None else self.model
        verdict = grade(challenge, graded_model, response)
        if verdict.invalid:
            return verdict
        now = self._clock()
        self.progress.record_attempt(
            self.lesson.id,
            self._index,
            self._describe(challenge, response, graded_model),
            verdict.correct,
            hinted=self._hints_count(self._index) > 0,
            seconds=min(IDLE_LIMIT, max(0.0, now - self._step_started)),
        )
        self._step_started = now
        if verdict.correct:
            self._solved.add(self._index)
        else:
            self.mistakes += 1
        self._activity()
        self.progress.save_time(self.lesson.id, self.elapsed)
        return verdict

    def _describe(self, challenge: Challenge, response: str | None, model: SceneModel) -> str:
        if challenge.kind != "tune":
            return response or ""
        if self._last_tune is not None and self._last_tune[0] is model:
            return json.dumps(self._last_tune[1], sort_keys=True, default=str)
        return "{}"

    def tune_model(self, settings: Mapping[str, Any]) -> SceneModel:
        """The current step's model with the tune challenge's controls set to ``settings``.

        Only the challenge's controls may be set; values are checked by the scene's
        schema (numbers typed as text are read too). ValueError says what is wrong,
        e.g. ``"lr: must be <= 10, got 1e+06"``.
        """
        challenge = self.challenge
        if challenge is None or challenge.kind != "tune":
            raise ValueError("this step has no tune challenge")
        spec = get_scene(self.step.scene)
        if spec is None:
            raise ValueError(f"unknown scene {self.step.scene!r}")
        allowed = ", ".join(challenge.controls) or "none"
        values: dict[str, Any] = {}
        for key, value in settings.items():
            if key not in challenge.controls:
                raise ValueError(f"{key}: not a control of this challenge (controls: {allowed})")
            param = spec.param(key)
            values[key] = _read_setting(key, param.kind, value) if param else _plain(value)
        merged = {k: _plain(v) for k, v in self.step.params.items()}
        merged.update(values)
        checked, problems = spec.validate(merged)
        if problems:
            raise ValueError("; ".join(f"{k}: {m}" for k, m in problems))
        model = spec.factory(checked)
        self._activity()
        self._last_tune = (model, values)
        return model

    def hint(self) -> Text | None:
        """Reveal (and record) the next hint of the current challenge; None when none is left."""
        challenge = self.challenge
        if challenge is None:
            return None
        shown = self._hints_count(self._index)
        if shown >= len(challenge.hints):
            return None
        self.progress.record_hint(self.lesson.id, self._index)
        self._hint_counts[self._index] = shown + 1
        self.hints_used += 1
        self._activity()
        self.progress.save_time(self.lesson.id, self.elapsed)
        return challenge.hints[shown]

    @property
    def hints_shown(self) -> tuple[Text, ...]:
        """Hints revealed on the current step in this run."""
        challenge = self.challenge
        if challenge is None:
            return ()
        return challenge.hints[: self._hints_count(self._index)]

    @property
    def hints_left(self) -> int:
        """Hints of the current challenge not yet revealed."""
        challenge = self.challenge
        return 0 if challenge is None else len(challenge.hints) - self._hints_count(self._index)

    # --------------------------------------------------------------- finishing

    def finish(self) -> LessonResult:
        """Finish the run: stars, best kept, lessons unlocked.

        Only on the last step once it can be passed (ValueError otherwise). Calling it
        again returns the same result without recording twice.
        """
        if self._result is not None:
            return self._result
        if not (self.is_last and self.can_advance):
            raise ValueError("the lesson can be finished only on its last step, once passable")
        unsolved = [i for i in range(self.total) if not self._passable(i)]
        if unsolved:
            raise ValueError(f"step {unsolved[0] + 1} has an unsolved challenge")
        chapter = Chapter(self.course, self.progress) if self.course is not None else None
        before = chapter.open_ids() if chapter is not None else set()
        self._activity()
        seconds = self.elapsed
        stars = stars_for(self.mistakes, self.hints_used)
        new_best = self.progress.finish(
            self.lesson.id, stars, self.mistakes, self.hints_used, seconds
        )
        unlocked: tuple[str, ...] = ()
        if chapter is not None:
            after = chapter.open_ids()
            unlocked = tuple(
                les.id
                for les in chapter.course.lessons
                if les.id in after and les.id not in before and les.id != self.lesson.id
            )
        self._result = LessonResult(
            stars, self.mistakes, self.hints_used, seconds, new_best, unlocked
        )
        return self._result

    # ----------------------------------------------------------------- helpers

    def _passable(self, index: int) -> bool:
        return self.lesson.steps[index].challenge is None or index in self._solved

    def _reachable(self, index: int, start: int = 0) -> int:
        """``index``, or the first unpassable step between ``start`` and it."""
        for i in range(start, index):
            if not self._passable(i):
                return i
        return index

    def _hints_count(self, index: int) -> int:
        if index not in self._hint_counts:
            self._hint_counts[index] = self.progress.hints_revealed(self.lesson.id, index)
        return self._hint_counts[index]

    def _move(self, index: int) -> None:
        self._index = index
        self._step_started = self._clock()
        self._save_step()

    def _save_step(self) -> None:
        self._activity()
        self.progress.set_step(self.lesson.id, self._index, seconds=self.elapsed)


def _plain(value: Any) -> Any:
    """Tuples (as validated params hold them) -> lists (as the scene schema reads them)."""
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def _read_number(key: str, kind: str, text: str) -> float | int:
    number = parse_number(text)
    if number is None:
        want = "an integer" if kind.startswith("int") else "a number"
        raise ValueError(f"{key}: must be {want}, got {text!r}")
    return int(number) if kind.startswith("int") and number.is_integer() else number


def _read_setting(key: str, kind: str, value: Any) -> Any:
    """A control's value as typed (text) or given (tuples), in the form the schema checks."""
    if not isinstance(value, str):
        return _plain(value)
    if kind in ("float", "int"):
        return _read_number(key, kind, value)
    if kind in ("int_list", "vector", "choice_list"):
        parts = [p for p in value.replace(",", " ").split() if p]
        if kind == "choice_list":
            return parts
        return [_read_number(key, kind, p) for p in parts]
    if kind == "bool" and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    return value
