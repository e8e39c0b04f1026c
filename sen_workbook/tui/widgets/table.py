"""A table of records: one row per record, enter opens the highlighted one."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.text import Text, TextType
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.geometry import Size
from textual.widgets import DataTable
from textual.widgets.data_table import CellType, ColumnKey, RowKey


def share_width(
    room: int, wanted: Sequence[int], least: Sequence[int], *, first: Sequence[int]
) -> list[int]:
    """Widths for a table's columns, sharing ``room`` cells by what each column holds.

    Every column gets at least its ``least``; then the columns named in ``first`` (by
    index, the names and titles a parent reads the list by) grow towards what their
    longest cell ``wanted``, then every other column in turn, and whatever room is left
    goes to the first of ``first``.  So short columns (dates, kinds, abbreviations,
    counts) are never wider than their content, and text is only cut when the whole
    row cannot fit.
    """
    widths = [min(low, want) if want else low for low, want in zip(least, wanted, strict=True)]
    spare = room - sum(widths)
    order = list(first) + [index for index in range(len(widths)) if index not in first]
    for index in order:
        if spare <= 0:
            break
        grow = min(spare, max(0, wanted[index] - widths[index]))
        widths[index] += grow
        spare -= grow
    if spare > 0 and first:
        widths[first[0]] += spare
    return widths


class RecordTable(DataTable[object]):
    """A row-cursor DataTable whose enter key is shown in the footer as "Open", and whose
    home and end keys go to the first and the last row."""

    BINDINGS = [
        Binding("enter", "select_cursor", "Open", show=True),
        # DataTable's home and end go to the first and the last column, which a table
        # of rows, as wide as its room, does not move: the keys did nothing, and enter
        # opened the row still highlighted.  Here they take the row cursor to the first
        # and the last row, as up and down and the page keys move it.
        Binding("home", "scroll_top", "First row", show=False),
        Binding("end", "scroll_bottom", "Last row", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)

    def add_column(
        self,
        label: TextType,
        *,
        width: int | None = None,
        key: str | None = None,
        default: CellType | None = None,
    ) -> ColumnKey:
        """Add a column whose heading, given as text, is shown as written.

        DataTable reads a heading given as text as Rich markup, which looks for emoji
        codes in it: the first heading read so loaded Rich's table of emoji names, some
        13 ms of processor time before the children list's first frame, for headings
        ("Name", "Date") that hold neither markup nor emoji.
        """
        heading = Text(label) if isinstance(label, str) else label
        return super().add_column(heading, width=width, key=key, default=default)

    @property
    def highlighted_key(self) -> str | None:
        """The key of the row under the cursor, or None when the table is empty."""
        if not self.row_count:
            return None
        row = min(self.cursor_row, self.row_count - 1)
        key = self.coordinate_to_cell_key(Coordinate(row, 0)).row_key
        return str(key.value) if key.value is not None else None

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        """The scrollable size after rows were added.

        DataTable measures every cell of every new row, for columns that size themselves
        to their content, which costs a tenth of a second for a journal page of 200 rows.
        When every column has a set width and every row one line, there is nothing to
        measure: only the size, worked out as DataTable does.
        """
        keys = list(new_rows)
        columns = list(self.columns.values())
        rows = [self.rows.get(key) for key in keys]
        if (
            not columns
            or any(column.auto_width for column in columns)
            or any(row is not None and (row.auto_height or row.label is not None) for row in rows)
        ):
            measured = [column.content_width for column in columns]
            super()._update_dimensions(keys)
            if [column.content_width for column in columns] != measured:
                # DataTable keeps the lines it has drawn under its count of changes, which
                # measuring the new rows does not move: a frame drawn after the rows were
                # added and before they were measured (a loaded machine, or a list filled
                # again with the same sizes) stayed, with every column as wide as its
                # heading ("Ama…" for a name) until something else changed.
                self._update_count += 1
                self.refresh()
            return
        width = sum(column.get_render_width(self) for column in columns)
        header = self.header_height if self.show_header else 0
        self.virtual_size = Size(
            width + self._row_label_column_width, self._total_row_height + header
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Nothing to open in an empty table: keep "Open" out of the footer.
        if action == "select_cursor":
            return self.row_count > 0
        return True
