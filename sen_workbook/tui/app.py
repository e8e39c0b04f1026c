"""The SEN Workbook app: the children on the left, the chosen child's journal on the right."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from sen_workbook import model
from sen_workbook.storage import StorageError
from sen_workbook.workbook import Workbook, WorkbookError


def styles_folder() -> Path:
    """The ``.tcss`` files: inside the installed package, or ``styles/`` in a checkout."""
    here = Path(__file__).resolve().parent.parent
    installed = here / "styles"
    if installed.is_dir():
        return installed
    return here.parent / "styles"


def plain(text: str) -> Text:
    """User text for display: never read as markup."""
    return Text(text.replace("\n", " "))


class SenWorkbookApp(App[int]):
    """The journal of each child in one workbook."""

    TITLE = "SEN Workbook"
    CSS_PATH = [str(styles_folder() / "app.tcss")]
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("c", "focus_children", "Children"),
        Binding("j", "focus_journal", "Journal"),
    ]

    def __init__(self, workbook: Workbook):
        super().__init__()
        self.workbook = workbook
        self.child_id: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        if self.workbook.read_only:
            yield Static(
                Text(self.workbook.read_only_reason), id="read-only-banner", markup=False
            )
        with Horizontal(id="main"):
            with Vertical(id="children-pane"):
                yield Static("Children", classes="pane-title")
                yield OptionList(id="children")
            with Vertical(id="journal-pane"):
                yield Static("Journal", classes="pane-title", id="journal-title")
                yield DataTable(id="journal", cursor_type="row", zebra_stripes=True)
                yield Static("", id="journal-empty")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = str(self.workbook.path)
        table = self.query_one("#journal", DataTable)
        table.add_columns("Date", "Kind", "Title", "Areas", "Files")
        self.refresh_children()

    def refresh_children(self) -> None:
        options = self.query_one("#children", OptionList)
        options.clear_options()
        children = self.workbook.children()
        for child in children:
            label = Text(child["name"])
            status = model.CHILD_STATUSES.get(child["status"], "")
            label.append(f"\n{status}", style="dim")
            options.add_option(Option(label, id=child["id"]))
        if children:
            options.highlighted = 0
            self.show_child(children[0]["id"])
        else:
            self.show_child(None)

    @on(OptionList.OptionHighlighted, "#children")
    def _child_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id and event.option.id != self.child_id:
            self.show_child(event.option.id)

    def show_child(self, child_id: str | None) -> None:
        self.child_id = child_id
        table = self.query_one("#journal", DataTable)
        table.clear()
        empty = self.query_one("#journal-empty", Static)
        title = self.query_one("#journal-title", Static)
        if child_id is None:
            title.update("Journal")
            empty.update(
                "This workbook has no children yet. Import an archive with "
                "'sen-workbook import FILE', or open the sample with 'sen-workbook --demo'."
            )
            empty.display = True
            return
        child = self.workbook.child(child_id)
        title.update(Text(f"Journal of {child['name']}"))
        entries = self.workbook.entries(child_id)
        for entry in reversed(entries):
            table.add_row(
                entry["date"],
                model.KINDS[entry["kind"]],
                plain(entry["title"]),
                ", ".join(entry["areas"]),
                str(len(entry["attachments"])) if entry["attachments"] else "",
                key=entry["id"],
            )
        empty.display = not entries
        if not entries:
            empty.update("No entries for this child yet.")

    def action_focus_children(self) -> None:
        self.query_one("#children", OptionList).focus()

    def action_focus_journal(self) -> None:
        self.query_one("#journal", DataTable).focus()


def run_app(path: Path) -> int:
    """Open the workbook at ``path`` in the app; errors are raised for the command line."""
    try:
        workbook = Workbook(path)
    except (WorkbookError, StorageError):
        raise
    try:
        result = SenWorkbookApp(workbook).run()
    finally:
        workbook.close()
    return result or 0
