"""A table of records: one row per record, enter opens the highlighted one."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import DataTable


class RecordTable(DataTable[object]):
    """A row-cursor DataTable whose enter key is shown in the footer as "Open"."""

    BINDINGS = [Binding("enter", "select_cursor", "Open", show=True)]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)

    @property
    def highlighted_key(self) -> str | None:
        """The key of the row under the cursor, or None when the table is empty."""
        if not self.row_count:
            return None
        row = min(self.cursor_row, self.row_count - 1)
        key = self.coordinate_to_cell_key((row, 0)).row_key
        return str(key.value) if key.value is not None else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Nothing to open in an empty table: keep "Open" out of the footer.
        if action == "select_cursor":
            return self.row_count > 0
        return True
