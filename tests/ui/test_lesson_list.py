"""LessonList, the map's list: keys, clicks, hidden rows, messages and what it draws."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import App, ComposeResult

from tui9.ui.widgets.lesson_list import LessonList


def rows(n: int, notice: int | None = None) -> list[tuple[str | None, Text]]:
    """``n`` lesson rows; row ``notice`` (if given) can't be chosen."""
    return [(None if i == notice else f"l{i}", Text(f"lesson {i}")) for i in range(n)]


class ListApp(App[None]):
    def __init__(self, shown: list[tuple[str | None, Text]], height: int = 5) -> None:
        super().__init__()
        self.shown, self.height = shown, height
        self.events: list[tuple[str, int]] = []

    def compose(self) -> ComposeResult:
        yield LessonList(id="lessons")

    def on_mount(self) -> None:
        lessons = self.query_one(LessonList)
        lessons.styles.height = self.height
        lessons.set_rows(self.shown)
        lessons.focus()

    def on_lesson_list_highlighted(self, event: LessonList.Highlighted) -> None:
        self.events.append(("highlighted", event.index))

    def on_lesson_list_selected(self, event: LessonList.Selected) -> None:
        self.events.append(("selected", event.index))


async def test_keys_move_wrap_jump_and_page() -> None:
    app = ListApp(rows(12))
    async with app.run_test(size=(40, 10)) as pilot:
        lessons = app.query_one(LessonList)
        lessons.highlighted = 0
        steps: list[tuple[str, Any]] = [
            ("down", 1),
            ("up", 0),
            ("up", 11),  # wraps to the last row
            ("down", 0),  # and back to the first
            ("end", 11),
            ("home", 0),
            ("pagedown", 4),  # a page is the visible height (5) less one row
            ("pagedown", 8),
            ("pagedown", 11),  # stops at the end
            ("pageup", 7),
        ]
        for key, expected in steps:
            await pilot.press(key)
            assert lessons.highlighted == expected, key
        # the highlighted row is scrolled into view
        assert lessons.scroll_offset.y <= 7 < lessons.scroll_offset.y + 5


async def test_enter_and_click_select_and_messages_carry_the_index() -> None:
    app = ListApp(rows(4))
    async with app.run_test(size=(40, 10)) as pilot:
        lessons = app.query_one(LessonList)
        lessons.highlighted = 1
        await pilot.press("enter")
        await pilot.click(LessonList, offset=(3, 2))
        await pilot.pause()
        assert lessons.highlighted == 2
        assert app.events == [
            ("highlighted", 1),
            ("selected", 1),
            ("highlighted", 2),
            ("selected", 2),
        ]


async def test_rows_without_an_id_are_skipped_and_never_selected() -> None:
    app = ListApp(rows(3, notice=1))
    async with app.run_test(size=(40, 10)) as pilot:
        lessons = app.query_one(LessonList)
        lessons.highlighted = 1  # can't be highlighted
        assert lessons.highlighted is None
        lessons.highlighted = 0
        await pilot.press("down")
        assert lessons.highlighted == 2
        await pilot.click(LessonList, offset=(3, 1))
        await pilot.pause()
        assert lessons.highlighted == 2 and ("selected", 1) not in app.events

    only_notice = ListApp([(None, Text("no lessons"))])
    async with only_notice.run_test(size=(40, 10)) as pilot:
        lessons = only_notice.query_one(LessonList)
        await pilot.press("down", "pagedown", "end", "enter")
        assert lessons.highlighted is None and only_notice.events == []
        assert lessons.texts == ("no lessons",) and lessons.ids == (None,)
        dimmed = lessons.get_component_rich_style("lesson-list--disabled").color
        assert {s.style.color for s in lessons.render_line(0) if s.text.strip()} == {dimmed}


async def test_new_rows_keep_the_highlight_where_they_can() -> None:
    app = ListApp(rows(6))
    async with app.run_test(size=(40, 10)):
        lessons = app.query_one(LessonList)
        lessons.highlighted = 4
        lessons.set_rows(rows(6))
        assert lessons.highlighted == 4
        lessons.set_rows(rows(3))  # fewer rows: the last one
        assert lessons.highlighted == 2
        assert lessons.texts == ("lesson 0", "lesson 1", "lesson 2")


async def test_hidden_list_ignores_paging() -> None:
    app = ListApp(rows(6))
    async with app.run_test(size=(40, 10)) as pilot:
        lessons = app.query_one(LessonList)
        lessons.highlighted = 2
        lessons.display = False
        await pilot.pause()
        lessons.action_page_down()
        lessons.action_page_up()
        assert lessons.highlighted == 2
        assert app.return_code is None


async def test_draws_each_row_with_its_styles_and_the_highlight_across() -> None:
    shown = [("a", Text.assemble(("1 ", "bold"), ("first", "green"))), ("b", Text("2 second"))]
    app = ListApp(shown)
    async with app.run_test(size=(30, 10)) as pilot:
        lessons = app.query_one(LessonList)
        lessons.highlighted = 0
        await pilot.pause()
        width = lessons.scrollable_content_region.width
        first, second, blank = (lessons.render_line(y) for y in range(3))
        assert first.text == "1 first".ljust(width) and second.text == "2 second".ljust(width)
        assert blank.text == " " * width
        green = next(s for s in first if s.text == "first")
        assert green.style is not None and green.style.color is not None
        assert green.style.color.name == "green"
        bar = lessons.get_component_rich_style("lesson-list--highlighted").bgcolor
        assert {s.style.bgcolor for s in first} == {bar}  # the highlight spans the row
        assert bar not in {s.style.bgcolor for s in second}

        app.theme = "textual-light"  # a new theme redraws it in the new colours
        await pilot.pause()
        light = lessons.get_component_rich_style("lesson-list--highlighted").bgcolor
        assert light != bar
        assert {s.style.bgcolor for s in lessons.render_line(0)} == {light}
