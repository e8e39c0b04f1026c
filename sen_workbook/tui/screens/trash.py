"""The trash: deleted children and entries, with when, and a key to put one back."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from sen_workbook import model
from sen_workbook.child_facts import child_label
from sen_workbook.tui.screens.base import WorkbookScreen
from sen_workbook.tui.styles import stylesheet
from sen_workbook.tui.widgets.banner import read_only_banner
from sen_workbook.tui.widgets.cells import plain
from sen_workbook.tui.widgets.footer import KeyFooter
from sen_workbook.tui.widgets.header import TitleHeader
from sen_workbook.tui.widgets.table import RecordTable
from sen_workbook.vocabulary import KIND_SHORT


class TrashTable(RecordTable):
    """The trash's rows: enter puts the highlighted one back."""

    BINDINGS = [Binding("enter", "select_cursor", "Restore", show=True)]


class TrashScreen(WorkbookScreen):
    """Everything deleted, most recent first; r restores the highlighted item."""

    CSS_PATH = [stylesheet("trash.tcss")]
    TITLE = "SEN Workbook"
    SUB_TITLE = "Trash"
    BINDINGS = [
        Binding("r", "restore", "Restore", show=False),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.items: list[model.TrashItem] = []

    def compose(self) -> ComposeResult:
        yield TitleHeader()
        yield from read_only_banner(self.book_app.workbook)
        yield Static(
            "Deleted children and entries stay here until you restore them. A child comes "
            "back with all their entries.",
            id="trash-hint",
            markup=False,
        )
        yield TrashTable(id="trash-table")
        yield Static("The trash is empty.", id="trash-empty", markup=False)
        yield KeyFooter(compact=True)

    @property
    def table(self) -> RecordTable:
        return self.query_one("#trash-table", RecordTable)

    def reload(self) -> None:
        super().reload()
        book = self.book_app.workbook
        self.items = book.trash()
        children = {c["id"]: c for c in book.children()}
        trashed_children = {
            item["record"]["id"]: item["record"] for item in self.items if item["type"] == "child"
        }
        table = self.table
        width = self.size.width or 80
        # Title and child share what the date and kind leave; the title gets the most.
        room = max(30, width - 16 - 12 - 4 * 2 - 6)
        owner_width = min(30, max(12, room // 3))
        title_width = room - owner_width
        table.clear(columns=True)
        table.add_column("Deleted")
        table.add_column("What")
        table.add_column("Title or name")
        table.add_column("Child")
        for item in self.items:
            deleted = str(item["deleted_at"]).replace("T", " ")[:16]
            if item["type"] == "child":
                count = len(item.get("entries", []))
                # The child and the entries that went with them: "Ben Carter, with 1 entry".
                what = "Child"
                title, owner = child_label(item["record"]), ""
                if count:
                    title += f", with {count} {'entry' if count == 1 else 'entries'}"
            else:
                record = item["record"]
                what = KIND_SHORT.get(record.get("kind", ""), "Entry")
                title = f"{str(record.get('date', ''))[:10]} {record.get('title', '')}"
                owner_record = children.get(record.get("child_id", ""))
                if owner_record is not None:
                    owner = child_label(owner_record)
                elif record.get("child_id") in trashed_children:
                    owner = child_label(trashed_children[record["child_id"]]) + " (in the trash)"
                else:
                    owner = ""
            table.add_row(
                Text(deleted),
                plain(what, 12),
                plain(title, title_width),
                plain(owner, owner_width),
                key=item["id"],
            )
        table.display = bool(self.items)
        self.query_one("#trash-empty", Static).display = not self.items
        if self.items:
            table.focus()
        self.refresh_bindings()

    @on(TrashTable.RowSelected, "#trash-table")
    def _chosen(self) -> None:
        self.action_restore()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.changes_hidden(action):
            return False
        if action == "restore":
            return bool(self.items)
        return True

    def action_restore(self) -> None:
        key = self.table.highlighted_key
        if key is not None:
            self.book_app.restore(key)

    def action_back(self) -> None:
        self.app.pop_screen()
