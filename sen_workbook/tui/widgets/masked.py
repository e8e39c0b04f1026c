"""A masked box (a date, a time of day) that never fails on a key it does not take.

Textual's ``MaskedInput`` refuses a key it does not take by ringing the bell, except
when text is selected: then ``Input.replace`` sets the value directly and the mask
raises ``ValueError``, which closed the app when a parent tabbed into a filled-in date
(tabbing selects it) and typed a letter.  Here that key is refused like any other.
"""

from __future__ import annotations

from textual.widgets import MaskedInput as TextualMaskedInput


class MaskedInput(TextualMaskedInput):
    """Textual's masked box, refusing what its mask does not take instead of failing."""

    def replace(self, text: str, start: int, end: int) -> None:
        if text and not text.strip():
            # A space over a selected date would blank it: the mask takes digits only.
            self.restricted()
            return
        try:
            super().replace(text, start, end)
        except ValueError:  # the mask refused the new value: nothing is changed
            self.restricted()
