"""Unexpected errors and absurd lab settings: a readable message, progress kept, app alive."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from tests.robustness.helpers import FIXTURE_LESSONS, leaked_traceback, screen_text
from tui9.game.progress import Progress
from tui9.game.session import LessonSession
from tui9.ui.app import Tui9App, make_app
from tui9.ui.scenes.lab import LabView
from tui9.ui.scenes.perceptron import PerceptronView
from tui9.ui.screens.lesson import LessonScreen

SIZE = (110, 34)


def _notices(app) -> str:
    return "\n".join(f"{n.title}: {n.message}" for n in app._notifications)


async def _open(pilot) -> LessonScreen:
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, LessonScreen)
    return screen


async def _run_tune(pilot, **values: str) -> None:
    """Type ``values`` into the tune controls and press the run button."""
    panel = pilot.app.screen.panel
    for name, text in values.items():
        panel.query_one(f"#ctl-{name}", Input).value = text
    before = _feedback(pilot.app)
    run = panel.query_one("#run")
    run.focus()
    await pilot.pause()
    assert pilot.app.focused is run
    # Textual's button ignores a press while its last press's effect shows (0.2 s).
    for _ in range(20):
        if not run.has_class("-active"):
            break
        await pilot.pause(0.05)
    await pilot.press("enter")
    # A run trains the lab's network frame by frame and says how it went at the end: wait
    # for that (up to ~10 s on a busy machine), not one pause (the previous run's message).
    for _ in range(200):
        await pilot.pause()
        if _feedback(pilot.app) != before:
            break
        await pilot.pause(0.05)


def _feedback(app) -> str:
    return str(app.screen.panel.query_one("#feedback").render())


# ------------------------------------------------------------ absurd lab settings


@pytest.mark.parametrize(
    ("values", "says"),
    [
        ({"lr": "1e6"}, "lr: must be <= 10"),
        ({"batch_size": "0"}, "batch_size: must be >= 1"),
        ({"epochs": "-5"}, "epochs: must be >= 1"),
        ({"epochs": "1e9"}, "epochs: must be <= 1000"),
        ({"lr": "nan"}, "lr"),
        ({"lr": "-inf"}, "lr"),
        ({"lr": "fast please"}, "lr"),
        ({"batch_size": "2.5"}, "batch_size"),
        ({"lr": ""}, "lr"),
    ],
)
async def test_absurd_hyperparameters_are_rejected_with_a_message(values, says, tmp_path):
    app = make_app(lessons_dirs=[FIXTURE_LESSONS], lang="en", lesson="rb-lab", data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot)
        run_before = screen.view.run
        await _run_tune(pilot, **values)
        feedback = _feedback(app)
        assert feedback.startswith("! ") and says in feedback, feedback
        # Not a mistake, nothing recorded, the scene untouched, the app fine.
        assert screen.session.mistakes == 0 and not screen.session.solved
        assert screen.view.run is run_before
        assert app.caught_errors == [] and app.is_running
        assert leaked_traceback(app) is None
        # and a sane setting still runs afterwards
        await _run_tune(pilot, lr="0.5", batch_size="8", epochs="60")
        assert screen.session.solved, _feedback(app)


async def test_a_diverging_learning_rate_is_explained(tmp_path):
    app = make_app(lessons_dirs=[FIXTURE_LESSONS], lang="en", lesson="rb-lab", data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot)
        await _run_tune(pilot, lr="10", batch_size="1", epochs="50")
        assert "✗" in _feedback(app) and not screen.session.solved
        view = screen.view
        assert isinstance(view, LabView) and view.lab.lr == 10
        view.focus()
        for _ in range(40):
            if view.run.done:
                break
            await pilot.press("full_stop")
        assert view.run.diverged
        await pilot.pause()
        text = screen_text(app)
        assert "diverged — the learning rate is probably too large" in text
        for bad in ("nan", "inf"):
            assert bad not in text.lower().replace("info", "").replace("training", ""), text
        # r resets; space plays again; the app answers
        await pilot.press("r")
        assert not view.run.diverged and view.run.steps == 0
        await pilot.press("space")
        await pilot.pause(0.2)
        await pilot.press("space")
        assert app.caught_errors == [] and app.is_running
        assert leaked_traceback(app) is None


# -------------------------------------------------------- unexpected exceptions


async def test_an_exception_in_a_scene_action_is_a_readable_message(monkeypatch, tmp_path):
    def broken_advance(self) -> bool:
        raise RuntimeError("the scene fell over")

    monkeypatch.setattr(PerceptronView, "advance", broken_advance)
    app = make_app(lessons_dirs=[FIXTURE_LESSONS], lang="en", lesson="rb-gates", data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot)
        await pilot.press("n")  # step 2, saved
        await pilot.press("full_stop")  # the scene has focus; its advance raises
        await pilot.pause()
        assert [type(e) for e in app.caught_errors] == [RuntimeError]
        notices = _notices(app)
        assert "Something went wrong" in notices
        assert "RuntimeError: the scene fell over" in notices
        assert "Your progress is saved" in notices
        assert leaked_traceback(app) is None
        log = tmp_path / "tui9-errors.log"
        assert "Traceback" in log.read_text() and "the scene fell over" in log.read_text()
        # The game goes on: the step is where it was, keys still work.
        assert screen.session.index == 1 and isinstance(app.screen, LessonScreen)
        await pilot.press("p")
        assert screen.session.index == 0
    with Progress.open(tmp_path) as progress:
        assert progress.lesson("rb-gates").step == 0


async def test_an_exception_while_playing_stops_the_animation(monkeypatch, tmp_path):
    calls = []

    def flaky_advance(self) -> bool:
        calls.append(1)
        if len(calls) >= 3:
            raise ZeroDivisionError("frame three")
        return True

    monkeypatch.setattr(LabView, "advance", flaky_advance)
    app = make_app(lessons_dirs=[FIXTURE_LESSONS], lang="en", lesson="rb-lab", data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot)
        screen.view.focus()
        await pilot.press("space")
        for _ in range(40):
            if app.caught_errors:
                break
            await pilot.pause(0.05)
        assert [type(e) for e in app.caught_errors] == [ZeroDivisionError]
        assert not screen.playing
        assert "ZeroDivisionError: frame three" in _notices(app)
        assert leaked_traceback(app) is None and app.is_running


async def test_an_exception_while_answering_keeps_the_lesson(monkeypatch, tmp_path):
    def broken_answer(self, response, model=None):
        raise OSError("disk on fire")

    monkeypatch.setattr(LessonSession, "answer", broken_answer)
    app = make_app(lessons_dirs=[FIXTURE_LESSONS], lang="en", lesson="rb-gates", data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot)
        await pilot.press("n", "0", ".", "3", "enter")
        await pilot.pause()
        assert "OSError: disk on fire" in _notices(app)
        assert leaked_traceback(app) is None
        assert app.screen is screen and screen.session.index == 1
        await pilot.press("escape", "p", "n")
        assert screen.session.index == 1 and app.is_running


async def test_a_crash_while_drawing_ends_with_a_readable_message(monkeypatch, tmp_path):
    """Textual cannot recover from an error in render(): tui9 exits with a plain message."""

    def broken_render(self):
        raise ValueError("cannot draw this")

    printed: list[str] = []
    original = Tui9App._print_error_renderables

    def keep_printed(self) -> None:  # what the student reads on the terminal after exit
        printed.extend(
            "".join(seg.text for seg in getattr(r, "segments", ())) or str(r)
            for r in self._exit_renderables
        )
        original(self)

    monkeypatch.setattr(Tui9App, "_print_error_renderables", keep_printed)
    app = make_app(lessons_dirs=[FIXTURE_LESSONS], lang="en", lesson="rb-gates", data_dir=tmp_path)
    with pytest.raises(ValueError, match="cannot draw this"):
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n")
            await pilot.pause()
            monkeypatch.setattr(PerceptronView, "render", broken_render)
            app.screen.view.refresh()
            await pilot.pause()
            await pilot.pause()
    assert not app.is_running
    message = "\n".join(printed)
    assert "tui9 stopped after an unexpected error: ValueError: cannot draw this" in message
    assert "Your progress is saved" in message and "Traceback" not in message
    with Progress.open(tmp_path) as progress:
        assert progress.lesson("rb-gates").step == 1
