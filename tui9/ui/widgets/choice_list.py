"""ChoiceList: an OptionList that is safe to page while hidden (the map and choice answers)."""

from __future__ import annotations

from textual.widgets import OptionList


class ChoiceList(OptionList):
    """An OptionList whose page keys are safe while it is hidden (terminal too small).

    Textual's page moves read the option-to-line map, which stays empty while the list
    has no size, so pageup / pagedown on a hidden list raised KeyError.
    """

    def action_page_up(self) -> None:
        if self.scrollable_content_region:
            super().action_page_up()

    def action_page_down(self) -> None:
        if self.scrollable_content_region:
            super().action_page_down()
