"""Record text the app draws never reaches the terminal as a control sequence.

A child's name or an entry's title can hold anything typed or imported, including the
escape character that starts a terminal's control sequences (clear the screen, set the
window's title, hide what follows).  Textual and Rich remove a few control characters
(bell, backspace, carriage return...) from every piece of text they draw, through one
translation table each; this adds every other control character to those tables, shown
as U+FFFD, so no record's text can control the terminal, whichever widget draws it.
The records themselves are kept as written.
"""

from __future__ import annotations

from typing import cast

import rich.control
import textual.content

# C0 controls but tab and newline (which the widgets lay out), DEL and the C1 controls
# (0x9b is a one-character escape sequence on some terminals).
_SHOWN_INSTEAD = {
    code: "\ufffd"
    for code in (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0))
    if code not in (0x09, 0x0A)
}


def make_control_characters_harmless() -> None:
    """Extend Textual's and Rich's tables of control characters (idempotent).

    The tables are the dictionaries their strip functions take as a default argument,
    so they are changed in place; the characters they already remove stay removed.
    """
    for stripped in (
        textual.content._CONTROL_STRIP_TRANSLATE,
        rich.control._CONTROL_STRIP_TRANSLATE,
    ):
        # Declared as mapping each code to None (removed), but read by ``str.translate``,
        # which takes a replacement character as well.
        table = cast("dict[int, str | None]", stripped)
        for code, shown in _SHOWN_INSTEAD.items():
            table.setdefault(code, shown)
