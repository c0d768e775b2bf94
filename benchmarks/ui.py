"""UI speed of tui9, measured headless with Textual's Pilot (issue 5, Performance).

Run from the repository root:  python benchmarks/ui.py  [--presses N] [--only keys] ...

(a) key press to screen update, for advancing a lesson step (-> through lesson 02 at
    100x30, its challenges answered first) and a scene sub-step (. in the network scene's
    forward pass); median and p90 of:
    - first frame showing the new step (or sub-step): from the key press to the first
      frame painted once the screen shows it (the lesson screen holds frames while it
      swaps a step in, so that frame has the new text, scene and question). This is the
      issue's "from key to screen update" and the figure judged: target median <= 16 ms.
      When the footer's keys change with the step (a hint key appears...), the footer is
      rebuilt right after and shows in a later frame.
    - last repaint: from the key to the last frame it caused (later frames redo layout
      for widgets whose size changed, or repaint the footer); what a busy screen costs.
    - CPU time of the process per press (less disturbed by other load on a shared machine).
    Beside them, Textual's floor: a bare Textual app laid out like the lesson screen (a
    title bar, a text pane and a scene pane side by side, a question panel, a footer) whose
    -> only swaps the text of every pane (nothing mounted, no lesson code): what any step
    change of this size costs before tui9 does anything; and tui9's figure as a ratio to it.
    A frame is a call of App._display with a compositor update that Textual would write
    (not held by batch_update), timed after encoding it as the terminal bytes a real
    terminal would get (headless Textual skips that part; it is done here).
(b) the lab playing (space) on moons 2-16-16-1: frames/s over a few seconds (target >= 20)
    and training updates/s while animating against the same run trained headless for the
    same time (LabRun.train without a UI; target >= 50%).
(c) one plot widget at 100x25 drawing two 184-point braille lines (the lab's loss plot
    after downsampling), median time per render (target <= 5 ms). Timed: tui9's ScenePlot
    (the widget every scene plots with) from render() to the strips Textual paints
    (Widget._render_content: draw, build, Visual.to_strips), with new data every render;
    once with fixed axes (the axes frame is reused, as in the lab while training) and once
    with the y limit changed every
    render too (frame rebuilt each time). Beside it, for comparison, the bare
    textual-plotext PlotextPlot: render() alone (what this figure used to time) and render()
    to strips.

Figures are wall-clock times on the machine as it is: on a loaded, shared machine they
come out slower than on an idle one.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, ClassVar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

LAB_PARAMS = (
    'dataset = "moons", n = 2000, hidden = [16, 16], activation = "tanh", '
    'optimizer = "adam", lr = 0.01, batch_size = 32, epochs = 1000'
)
LAB_LESSON = f"""format_version = 1
id = "bench-lab"
title = "Lab benchmark"

[[steps]]
scene = "lab"
params = {{ {LAB_PARAMS} }}
text = "Training while the picture moves."
"""


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


class Frames:
    """Records the time of every frame the app renders (App._display with an update).

    With ``encode`` set, each frame is also encoded to terminal bytes (what a terminal app
    writes; headless Textual skips it) before its time is taken. With ``tag`` set, each
    frame also records ``tag()`` (what the screen shows) in ``tags``.
    """

    def __init__(self) -> None:
        self.times: list[float] = []
        self.tags: list[Any] = []
        self.encode = False
        self.tag: Any = None

    def install(self) -> None:
        from textual.app import App

        original = App._display
        times, tags = self.times, self.tags

        def display(app: Any, screen: Any, renderable: Any) -> None:
            if renderable is not None and not app._batch_count:
                if self.encode:
                    renderable.render_segments(app.console)
                times.append(time.perf_counter())
                tags.append(self.tag() if self.tag is not None else None)
            original(app, screen, renderable)

        App._display = display  # type: ignore[method-assign]

    async def settle(self, quiet: float = 0.06, limit: float = 2.0) -> None:
        """Wait until no frame came for ``quiet`` seconds (or ``limit`` passed)."""
        start = time.perf_counter()
        while time.perf_counter() - start < limit:
            last = self.times[-1] if self.times else start
            if time.perf_counter() - max(last, start) >= quiet:
                return
            await asyncio.sleep(0.005)


async def _timed_press(
    pilot: Any, frames: Frames, key: str, target: Any
) -> tuple[float, ...] | None:
    """Milliseconds from pressing ``key`` to the first frame tagged ``target`` (showing the
    new step) and to the last frame the key caused, and the process CPU time spent
    meanwhile (less disturbed by other load on a shared machine)."""
    await frames.settle()
    start = len(frames.times)
    t0, c0 = time.perf_counter(), time.process_time()
    await pilot.press(key)
    await frames.settle()
    cpu = (time.process_time() - c0) * 1000
    after = list(zip(frames.times[start:], frames.tags[start:], strict=True))
    shown = [t for t, tag in after if t >= t0 and tag == target]
    if not shown:
        return None
    return (shown[0] - t0) * 1000, (after[-1][0] - t0) * 1000, cpu


def _solve_all(session: Any) -> None:
    """Answer every challenge of the session's lesson correctly, then go back to step 0."""
    from tui9.course.grading import solution

    while True:
        challenge = session.challenge
        if challenge is not None and not session.solved:
            model, response = solution(challenge, session.step)  # a tune: its suggested model
            assert session.answer(response, model=model).correct
        if session.is_last:
            break
        session.next()
    session.go(0)


async def bench_keys(presses: int, frames: Frames) -> list[tuple[Any, ...]]:
    from tui9.ui.app import make_app

    app = make_app(lang="en", lesson="02-mlp")
    app.cursor_blink = False
    step_ms: list[tuple[float, ...]] = []
    sub_ms: list[tuple[float, ...]] = []
    frames.encode = True
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        _solve_all(screen.session)
        await screen.show_step()
        # the step a frame shows (frames are held while show_step swaps a step in)
        frames.tag = lambda: getattr(app.screen, "_shown_index", None)
        # advancing a step: -> until the last step, then back to step 0 (untimed)
        while len(step_ms) < presses:
            if screen.session.is_last:
                screen.session.go(0)
                await screen.show_step()
                continue
            target = screen.session.index + 1
            ms = await _timed_press(pilot, frames, "right", target)
            assert screen.session.index == target, "-> did not advance"
            if ms is not None:
                step_ms.append(ms)
        # advancing a scene sub-step: . in the network scene, r when it is at the end
        screen.session.go(0)
        await screen.show_step()
        view = screen.view
        view.focus()
        frames.tag = lambda: view.pos  # the neurons computed so far
        while len(sub_ms) < presses:
            target = view.pos + 1
            ms = await _timed_press(pilot, frames, "full_stop", target)
            if view.pos != target:
                await pilot.press("r")  # at the end of the forward pass: start again
                continue
            if ms is not None:
                sub_ms.append(ms)
        frames.tag = None
        assert app.caught_errors == []
    frames.encode = False
    rows = []
    kinds = (("advance a step (->)", step_ms), ("advance a scene sub-step (.)", sub_ms))
    for name, samples in kinds:
        first = [f for f, _, _ in samples]
        last = [la for _, la, _ in samples]
        cpu = statistics.median(c for _, _, c in samples)
        med = statistics.median(first)
        last_med, last_p90 = statistics.median(last), _pct(last, 0.9)
        rows.append((name, med, _pct(first, 0.9), last_med, last_p90, cpu, len(samples), med <= 16))
    return rows


FLOOR_TEXT = (
    "A perceptron is one artificial neuron. It multiplies each input by a weight, adds "
    "them up and adds a bias; then an activation decides what comes out. "
)


async def bench_floor(presses: int, frames: Frames) -> tuple[float, float, float]:
    """Textual's own cost for a step-sized change: a bare app laid out like the lesson
    screen (title bar, text pane, scene pane, question panel, footer) whose -> swaps the
    text of every pane, mounting nothing; median and p90 ms to the first frame showing
    it, and CPU ms per press."""
    from textual.app import App, ComposeResult
    from textual.binding import Binding
    from textual.containers import Horizontal, Vertical, VerticalScroll
    from textual.widgets import Footer, Static

    class Floor(App[None]):
        CSS = """
        #bar { height: 1; }
        #body { height: 1fr; }
        #text { width: 2fr; border: round $primary; }
        #scene { width: 3fr; border: round $primary; }
        #panel { height: auto; border: round $accent; }
        """
        BINDINGS: ClassVar[list[Binding]] = [Binding("right", "swap", "next")]
        shown = 0

        def compose(self) -> ComposeResult:
            yield Static(id="bar")
            with Horizontal(id="body"):
                with VerticalScroll(id="text"):
                    yield Static(id="text-body")
                with VerticalScroll(id="scene"):
                    yield Static(id="scene-body")
            with Vertical(id="panel"):
                yield Static(id="ask")
                yield Static(id="field")
            yield Footer()

        def action_swap(self) -> None:
            self.shown += 1
            k = self.shown
            self.query_one("#bar", Static).update(f"2 The multi-layer perceptron  step {k}")
            self.query_one("#text-body", Static).update(f"Step {k}. " + FLOOR_TEXT * 3)
            rows = [f"h{i} = sigmoid({k * 0.1 + i:.2f}) = {i / (k + 3):.4f}" for i in range(14)]
            self.query_one("#scene-body", Static).update("\n".join(rows))
            self.query_one("#ask", Static).update(f"Question {k}: what is y? (2 decimals)")
            self.query_one("#field", Static).update("type a number, then enter")

    app = Floor()
    samples: list[tuple[float, ...]] = []
    frames.encode = True
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right")
        frames.tag = lambda: app.shown
        while len(samples) < presses:
            ms = await _timed_press(pilot, frames, "right", app.shown + 1)
            if ms is not None:
                samples.append(ms)
        frames.tag = None
    frames.encode = False
    first = [f for f, _, _ in samples]
    return statistics.median(first), _pct(first, 0.9), statistics.median(c for *_, c in samples)


async def bench_lab(seconds: float, frames: Frames) -> tuple[float, ...]:
    from tui9.ui.app import make_app

    folder = Path(tempfile.mkdtemp(prefix="tui9-bench-"))
    (folder / "bench-lab.toml").write_text(LAB_LESSON, encoding="utf-8")
    app = make_app(lessons_dirs=[folder], lang="en", lesson="bench-lab")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        view = screen.view
        await frames.settle()
        await pilot.press("space")
        await pilot.pause(0.3)  # warm up
        assert screen.playing, "space did not start the lab"
        n0, s0, t0 = len(frames.times), view.run.steps, time.perf_counter()
        c0 = time.process_time()
        await asyncio.sleep(seconds)
        n1, s1, t1 = len(frames.times), view.run.steps, time.perf_counter()
        cpu_ms = (time.process_time() - c0) * 1000 / max(n1 - n0, 1)
        await pilot.press("space")
        assert not view.run.diverged and app.caught_errors == []
        model = view.lab
    fps = (n1 - n0) / (t1 - t0)
    ui_rate = (s1 - s0) / (t1 - t0)
    run = model.new_run()
    run.train(max_epochs=2)  # warm up
    start_steps, start = run.steps, time.perf_counter()
    while time.perf_counter() - start < seconds and not run.done:
        run.train(max_epochs=1)
    headless = (run.steps - start_steps) / (time.perf_counter() - start)
    return fps, ui_rate, headless, ui_rate / headless, cpu_ms


def _loss_curves(k: int) -> tuple[list[float], list[float], list[float]]:
    """The figure's data, changed slightly with ``k``."""
    xs = [i * 1000 / 183 for i in range(184)]
    d = 1 + 1e-4 * k
    train = [d * (0.7 * 0.995**x + 0.05) for x in xs]
    val = [d * (0.72 * 0.994**x + 0.08) for x in xs]
    return xs, train, val


def _draw_loss(plt: Any, k: int, top: float = 0.85) -> None:
    xs, train, val = _loss_curves(k)
    plt.plot(xs, train, color=(80, 170, 255), marker="braille")
    plt.plot(xs, val, color=(255, 165, 0), marker="braille")
    plt.ylim(0.0, top)
    plt.title("loss: train (blue), val (orange)")
    plt.xlabel("epoch")


def _median_ms(samples: list[tuple[float, float]]) -> tuple[float, float]:
    return (
        statistics.median(w for w, _ in samples) * 1000,
        statistics.median(c for _, c in samples) * 1000,
    )


async def bench_plot(renders: int) -> dict[str, tuple[float, float]]:
    """Median wall and CPU milliseconds per render for each way of drawing the figure."""
    from textual.app import App, ComposeResult
    from textual.containers import Vertical
    from textual_plotext import PlotextPlot

    from tui9.ui.scenes._plot import ScenePlot

    state = {"k": 0, "top": 0.85}

    class PlotApp(App[None]):
        def compose(self) -> ComposeResult:
            with Vertical():
                yield ScenePlot(lambda plt, w, h: _draw_loss(plt, state["k"], state["top"]))
                yield PlotextPlot(id="bare")

        def on_mount(self) -> None:
            for plot in self.query("ScenePlot, #bare"):
                plot.styles.height = 25

    def timed(fn: Any) -> tuple[float, float]:
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        return time.perf_counter() - t0, time.process_time() - c0

    def to_strips(plot: Any) -> None:
        plot._layout_cache.clear()  # as refresh() does
        plot._dirty_regions.add(plot.region)
        plot._render_content()  # render(), visualize, Visual.to_strips

    app = PlotApp()
    out: dict[str, list[tuple[float, float]]] = {}
    async with app.run_test(size=(100, 50)) as pilot:
        await pilot.pause()
        scene = app.query_one(ScenePlot)
        bare = app.query_one("#bare", PlotextPlot)
        assert type(bare) is PlotextPlot
        for plot in (scene, bare):
            assert (plot.size.width, plot.size.height) == (100, 25), plot.size

        def bare_figure(k: int) -> None:
            bare.plt.clear_figure()
            _draw_loss(bare.plt, k)

        def scene_fixed(k: int) -> tuple[float, float]:
            state["k"], state["top"] = k, 0.85
            return timed(lambda: to_strips(scene))

        def scene_moving(k: int) -> tuple[float, float]:
            state["k"], state["top"] = k, 0.85 + 0.001 * (k + 1)
            return timed(lambda: to_strips(scene))

        def bare_render(k: int) -> tuple[float, float]:
            bare_figure(k)
            return timed(bare.render)

        def bare_strips(k: int) -> tuple[float, float]:
            bare_figure(k)
            return timed(lambda: to_strips(bare))

        cases = {
            "ScenePlot, fixed axes": scene_fixed,
            "ScenePlot, y limit changing": scene_moving,
            "PlotextPlot render() only": bare_render,
            "PlotextPlot render() to strips": bare_strips,
        }
        for name, case in cases.items():
            samples = [case(k) for k in range(renders + 5)]
            out[name] = samples[5:]  # warm-up renders are not counted
    return {name: _median_ms(samples) for name, samples in out.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=60, help="timed presses per key kind")
    parser.add_argument("--seconds", type=float, default=4.0, help="lab measuring time")
    parser.add_argument("--renders", type=int, default=100, help="timed plot renders")
    parser.add_argument("--only", choices=["keys"], help="run part (a) only")
    args = parser.parse_args()
    os.environ.setdefault("TUI9_HOME", tempfile.mkdtemp(prefix="tui9-bench-home-"))
    frames = Frames()
    frames.install()
    try:
        load = "load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    except OSError:
        load = "load average unknown"
    print(f"tui9 UI benchmark ({os.cpu_count()} CPUs, {load})")

    print("\n(a) key press -> screen update (lesson 02-mlp, 100x30)")
    rows = asyncio.run(bench_keys(args.presses, frames))
    for name, med, p90, last, last90, cpu, n, ok in rows:
        print(f"  {name} (n={n})")
        print(
            f"    first frame showing it  median {med:6.1f} ms  p90 {p90:6.1f} ms"
            f"  target median <= 16 ms  {_verdict(ok)}"
        )
        print(f"    last repaint it caused  median {last:6.1f} ms  p90 {last90:6.1f} ms")
        print(f"    CPU time per press      median {cpu:6.1f} ms")
    med, p90, cpu = asyncio.run(bench_floor(args.presses, frames))
    print("  Textual's floor: a bare app laid out like the lesson screen, -> swaps every text")
    print(f"    first frame showing it  median {med:6.1f} ms  p90 {p90:6.1f} ms  (no target)")
    print(f"    CPU time per press      median {cpu:6.1f} ms")
    step_med = rows[0][1]
    print(
        f"    tui9's step change takes {step_med / med:.2f}x the floor; the 16 ms target leaves "
        f"{16 - med:.1f} ms over the floor"
    )
    if args.only == "keys":
        return

    print(f"\n(b) lab playing (moons 2-16-16-1, adam, batch 32), {args.seconds:g} s")
    fps, ui_rate, headless, ratio, cpu_ms = asyncio.run(bench_lab(args.seconds, frames))
    verdict = _verdict(fps >= 20)
    print(f"  frames/s while training       {fps:6.1f}            target >= 20   {verdict}")
    print(f"  CPU time per frame            {cpu_ms:6.1f} ms         (training and drawing)")
    print(f"  updates/s while animating     {ui_rate:8.0f}")
    print(f"  updates/s headless (same run) {headless:8.0f}")
    print(
        f"  animating / headless          {ratio:6.0%}            target >= 50%  "
        f"{_verdict(ratio >= 0.5)}"
    )

    print("\n(c) one plot widget at 100x25, two 184-point braille lines, new data every render")
    for name, (ms, cpu) in asyncio.run(bench_plot(args.renders)).items():
        scene = name.startswith("ScenePlot")
        verdict = f"target <= 5 ms {_verdict(ms <= 5)}" if scene else "(old route, comparison)"
        print(f"  {name:<31} median {ms:6.2f} ms  CPU {cpu:6.2f} ms  {verdict}")


if __name__ == "__main__":
    main()
