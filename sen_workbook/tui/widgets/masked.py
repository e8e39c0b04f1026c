"""A masked box (a date, a time of day) that never fails on a key it does not take.

Textual's ``MaskedInput`` refuses a key it does not take by ringing the bell, except
when text is selected: then ``Input.replace`` sets the value directly and the mask
raises ``ValueError``, which closed the app when a parent tabbed into a filled-in date
(tabbing selects it) and typed a letter.  Here that key is refused like any other.
"""

from __future__ import annotations

from textual.validation import ValidationResult
from textual.widgets import MaskedInput as TextualMaskedInput

from sen_workbook.tui.widgets.keys import KeysInOrder


class MaskedInput(KeysInOrder, TextualMaskedInput):
    """Textual's masked box, refusing what its mask does not take instead of failing, and
    left empty not marked as wrong where empty is allowed."""

    def validate(self, value: str) -> ValidationResult | None:
        # The mask counts an empty box (or one of dashes only) as incomplete, so an
        # optional date left empty was tinted as an error even with ``valid_empty``.
        if self.valid_empty and not any(ch.isalnum() for ch in value):
            self._valid = True
            self.set_class(False, "-invalid")
            self.set_class(True, "-valid")
            return ValidationResult.success()
        return super().validate(value)

    def replace(self, text: str, start: int, end: int) -> None:
        if text and not text.strip():
            # A space over a selected date would blank it: the mask takes digits only.
            self.restricted()
            return
        try:
            super().replace(text, start, end)
        except ValueError:  # the mask refused the new value: nothing is changed
            self.restricted()
