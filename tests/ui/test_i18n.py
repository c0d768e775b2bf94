"""UI strings: every one has English and Korean with the same placeholders."""

from __future__ import annotations

import string

from tui9.ui.i18n import _STRINGS, other_lang, tr


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_string_has_both_languages_with_the_same_placeholders():
    for key, (en, ko) in _STRINGS.items():
        assert en.strip() and ko.strip(), key
        assert _fields(en) == _fields(ko), key


def test_tr_formats_and_falls_back():
    assert tr("step_of", "en", i=3, n=12) == "step 3 / 12"
    assert tr("step_of", "ko", i=3, n=12) == "3 / 12 단계"
    assert tr("score", "en", score=1240, stars=14, stars_max=36) == "score 1,240 · stars 14/36"
    assert tr("k_quit", "fr") == "quit"
    assert other_lang("en") == "ko" and other_lang("ko") == "en"
