"""The timeline tab: choose what the evidence is for, preview it, export the bundle.

The preview is the same Markdown the bundle carries, rendered in the app.  The Markdown
widget builds a widget per block, so a long document is shown a page at a time (split only
between blocks, a long table repeating its header on the next page).  Rendering and
exporting run in worker threads, so the app keeps answering keys while they work.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.timer import Timer
from textual.widget import MountError, Widget
from textual.widgets import (
    Button,
    Input,
    Label,
    ProgressBar,
    Select,
    SelectionList,
    Static,
)
from textual.worker import get_current_worker

from sen_workbook import timeline, vocabulary
from sen_workbook.child_facts import ChildFacts
from sen_workbook.tui.widgets.choices import TypedSelect
from sen_workbook.tui.widgets.dates import DateValidator, typed_date
from sen_workbook.tui.widgets.keys import TextBox
from sen_workbook.tui.widgets.masked import MaskedInput
from sen_workbook.workbook import WorkbookError

if TYPE_CHECKING:
    from textual.widgets import Markdown

    from sen_workbook.tui.app import SenWorkbookApp

PAGE_LINES = 60
OPTIONS_SHOW = "o: show the options (purpose, dates, areas, pseudonym, where to save)"
OPTIONS_HIDE = "o: hide the options"
OPTIONS_PAUSE = 0.4  # seconds after the last change of an option before the preview follows

PURPOSE_CHOICES = [
    ("EHC needs assessment", "ehcna"),
    ("Complaint", "complaint"),
    ("Chronology only", "chronology"),
]

# How the bundle is saved: the ending of the name typed decides, this choice sets it.
FORM_CHOICES = [
    ("A folder", ""),
    ("A .zip file", ".zip"),
    ("One PDF", ".pdf"),
]


def _limit_choices() -> list[tuple[str, str]]:
    from sen_workbook.pdf.limits import APPEALS

    choices = [("As the purpose sets it", "")]
    choices += [
        (f"{limit.label[0].upper()}{limit.label[1:]} ({limit.pages} pages)", key)
        for key, limit in APPEALS.items()
    ]
    return choices


def with_form(typed: str, form: str) -> str:
    """The name typed, with the ending of the chosen form (none for a folder)."""
    text = typed.strip()
    stem = (
        text[: -len(Path(text).suffix)] if Path(text).suffix.lower() in (".zip", ".pdf") else text
    )
    return (stem or "~/evidence-bundle") + form


def _is_table_row(line: str) -> bool:
    return line.startswith("|")


def _is_list_item(line: str) -> bool:
    """A line that starts an item of a list at the left margin: "- ", "* " or "12. "."""
    if line.startswith(("- ", "* ", "+ ")):
        return True
    number, dot, _rest = line.partition(". ")
    return bool(dot) and number.isdigit()


def _is_delimiter_row(line: str) -> bool:
    cells = line.strip().strip("|").split("|")
    return bool(cells) and all(c.strip() and set(c.strip()) <= set("-: ") for c in cells)


def paginate_markdown(text: str, max_lines: int = PAGE_LINES) -> list[str]:
    """Split a Markdown document into pages of about ``max_lines`` lines.

    A page ends only where a block ends: before a heading, at a blank line, between two
    items of a list, or between two rows of a table, whose header and delimiter rows then
    start the next page so it is still a table.  Every line of ``text`` is on exactly one page (header rows aside).
    """
    lines = text.split("\n")
    pages: list[list[str]] = []
    current: list[str] = []
    table_head: list[str] = []
    for index, line in enumerate(lines):
        in_table = _is_table_row(line)
        if (
            in_table
            and not table_head
            and index + 1 < len(lines)
            and _is_delimiter_row(lines[index + 1])
        ):
            table_head = [line, lines[index + 1]]
        elif not in_table:
            table_head = []
        if len(current) >= max_lines:
            at_block_start = line.startswith("#") or not line.strip() or _is_list_item(line)
            at_row = (
                in_table
                and table_head
                and line not in table_head[:2]
                and not (_is_delimiter_row(line))
            )
            if at_block_start or at_row:
                pages.append(current)
                current = list(table_head) if at_row else []
        current.append(line)
    if current or not pages:
        pages.append(current)
    return ["\n".join(page).strip("\n") + "\n" for page in pages]


class TimelinePane(Horizontal):
    """Options on the left; the preview, a page at a time, on the right."""

    BINDINGS = [
        Binding("ctrl+s", "export", "Export bundle"),
        Binding("ctrl+o", "open_bundle", "Open the bundle"),
        Binding("o", "toggle_options", "Options"),
        # Not in the footer: the page line above the preview names these keys.
        Binding("right_square_bracket", "page(1)", "Next page", show=False),
        Binding("left_square_bracket", "page(-1)", "Previous page", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.records: ChildFacts | None = None
        self.pages: list[str] = []
        self.page_number = 0
        self.document_title = ""
        self.exported: Path | None = None
        self._pause_timer: Timer | None = None
        self._building = False
        self._wanted = False  # the tab is built and shown: the preview follows changes
        # ctrl+s pressed before the child's records were in: the export follows them.
        self._export_when_read = False

    @property
    def book_app(self) -> SenWorkbookApp:
        return cast("SenWorkbookApp", self.app)

    def compose(self) -> ComposeResult:
        # Built when the tab is first opened (see start_preview): most visits to a child
        # never look at it, and its controls are a third of the workspace's widgets.
        yield from ()

    def _controls(self) -> list[Widget]:
        # Imported here: the Markdown widget brings markdown-it and pygments, which a visit
        # that never opens this tab does not need to wait for.
        from textual.widgets import Markdown

        options = VerticalScroll(
            Label("What is it for?"),
            TypedSelect(
                PURPOSE_CHOICES,
                value="ehcna",
                allow_blank=False,
                id="timeline-purpose",
                compact=True,
            ),
            Label("From date (empty: from the start)"),
            MaskedInput(
                "9999-99-99",
                placeholder="YYYY-MM-DD",
                id="timeline-from",
                compact=True,
                validators=[DateValidator()],
                valid_empty=True,
            ),
            Label("To date (empty: up to today)"),
            MaskedInput(
                "9999-99-99",
                placeholder="YYYY-MM-DD",
                id="timeline-to",
                compact=True,
                validators=[DateValidator()],
                valid_empty=True,
            ),
            Label("Areas of need (none ticked: all)"),
            SelectionList[str](
                *[(name, area) for area, name in vocabulary.AREA_LABELS.items()],
                id="timeline-areas",
                compact=True,
            ),
            Label("Pseudonym (hides the child's name)"),
            TextBox(placeholder="e.g. Child A", id="timeline-pseudonym", compact=True),
            Label("Page limit for the evidence"),
            Select(
                _limit_choices(), value="", allow_blank=False, id="timeline-limit", compact=True
            ),
            Label("Prepared by (for the PDF's cover)"),
            TextBox(
                placeholder="e.g. Ruth Okafor, Amara's mother",
                id="timeline-prepared-by",
                compact=True,
            ),
            Label("Save as (a folder or zip holds the PDF too)"),
            Select(FORM_CHOICES, value=".zip", allow_blank=False, id="timeline-form", compact=True),
            Label("Save the bundle to (a folder, or a name ending .zip or .pdf)"),
            TextBox(id="timeline-out", compact=True),
            Button("Export bundle (ctrl+s)", id="timeline-export", compact=True),
            ProgressBar(id="timeline-progress", show_eta=False),
            Static("", id="timeline-result", markup=False),
            Button("Open the bundle", id="timeline-open", compact=True),
            id="timeline-options",
        )
        preview = Vertical(
            # A button, so that something in the tab has the focus (and its keys) while
            # the preview is still being drawn.
            Button(OPTIONS_SHOW, id="timeline-options-hint", compact=True, flat=True),
            Static("", id="timeline-page", markup=False),
            VerticalScroll(
                Markdown("", id="timeline-preview", open_links=False), id="timeline-preview-scroll"
            ),
            id="timeline-preview-pane",
        )
        return [options, preview]

    # --- options -----------------------------------------------------------------------

    def show_records(self, records: ChildFacts) -> None:
        """New records: keep the options, and redraw the preview if it is being looked at."""
        self.records = records
        if self._wanted:
            self.render_preview()
        if self._export_when_read:
            self._export_when_read = False
            self._ask_and_export()

    async def start_preview(self) -> None:
        """The tab was opened: build its controls and render the preview, the first time."""
        if self._wanted or self._building:
            return
        self._building = True
        await self.mount_all(self._controls())
        self._wanted = True
        self.query_one("#timeline-progress", ProgressBar).display = False
        self.query_one("#timeline-open", Button).display = False
        as_of = self.records.as_of if self.records else self.book_app.today()
        self.query_one("#timeline-out", Input).value = f"~/evidence-bundle-{as_of.isoformat()}.zip"
        self.set_class(self.app.size.width < self.NARROW, "-narrow")
        self.focus_first(scroll_visible=False)
        self.render_preview()

    def chosen_options(self) -> timeline.TimelineOptions:
        """The options as chosen; ``ValueError`` with a sentence when they do not fit."""
        assert self.records is not None
        purpose = self.query_one("#timeline-purpose", Select).value
        boxes = {"from": "#timeline-from", "to": "#timeline-to"}
        days = {}
        for name, selector in boxes.items():
            value = self.query_one(selector, MaskedInput).value
            day = typed_date(value)
            if value.strip().strip("-") and day is None:
                raise ValueError(f"The {name} date {value.strip()!r} is not a real date.")
            days[name] = day
        if days["from"] and days["to"] and days["to"] < days["from"]:
            raise ValueError(
                f"The to date {days['to'].isoformat()} is before the from date "
                f"{days['from'].isoformat()}, so no entry could be in the bundle."
            )
        return timeline.TimelineOptions(
            as_of=self.records.as_of,
            purpose=purpose if isinstance(purpose, str) else "chronology",
            date_from=days["from"],
            date_to=days["to"],
            areas=tuple(self.query_one("#timeline-areas", SelectionList).selected),
            pseudonym=self.query_one("#timeline-pseudonym", Input).value,
        )

    @on(Select.Changed, "#timeline-form")
    def _form_changed(self, event: Select.Changed) -> None:
        box = self.query_one("#timeline-out", Input)
        form = event.value if isinstance(event.value, str) else ""
        if Path(box.value.strip()).suffix.lower() != form:
            box.value = with_form(box.value, form)

    @on(Input.Changed, "#timeline-out")
    def _out_changed(self, event: Input.Changed) -> None:
        suffix = Path(event.value.strip()).suffix.lower()
        form = self.query_one("#timeline-form", Select)
        wanted = suffix if suffix in (".zip", ".pdf") else ""
        if form.value != wanted:
            with form.prevent(Select.Changed):
                form.value = wanted

    @on(Select.Changed, "#timeline-purpose")
    @on(SelectionList.SelectedChanged, "#timeline-areas")
    @on(Input.Changed, "#timeline-pseudonym, #timeline-from, #timeline-to")
    def _option_changed(self, event: Any) -> None:
        if not self._wanted:
            return
        if isinstance(event, Input.Changed) and event.input.id != "timeline-pseudonym":
            text = event.value.strip()
            if text.strip("-") and len(text) < 10:
                return
        if self._pause_timer is not None:
            self._pause_timer.stop()
        self._pause_timer = self.set_timer(OPTIONS_PAUSE, self.render_preview)

    # --- preview -----------------------------------------------------------------------

    def render_preview(self) -> None:
        if self._pause_timer is not None:
            self._pause_timer.stop()
            self._pause_timer = None
        if self.records is None:
            return
        try:
            options = self.chosen_options()
        except ValueError as error:
            self._say(str(error))
            return
        self.query_one("#timeline-preview-scroll").loading = True
        self._build_preview(self.records, options)

    # A description of its own: by default Textual writes out every argument (every record).
    @work(thread=True, exclusive=True, group="timeline-preview", description="the preview")
    def _build_preview(self, records: ChildFacts, options: timeline.TimelineOptions) -> None:
        try:
            text = timeline.render_timeline(records.child, records.entries, options)
        except Exception as error:  # any failure is said in the preview, not a crash
            self.app.call_from_thread(self._preview_failed, str(error))
            return
        pages = paginate_markdown(text)
        title = timeline.timeline_title(records.child, options)
        if not get_current_worker().is_cancelled:
            # mypy cannot choose the result type of a coroutine function here (Textual
            # takes a callable returning a value or an awaitable of it).
            self.app.call_from_thread(self._show_pages, pages, title)  # type: ignore[arg-type]

    def _preview_parts(self) -> tuple[Static, Markdown, VerticalScroll] | None:
        """The preview's page line, document and scroll, or None once any of them has gone
        (the child's screen closed or rebuilt while the preview was being made, its widgets
        taken down one by one): a late preview is then dropped."""
        from textual.widgets import Markdown

        if not self.is_attached:
            return None
        try:
            return (
                self.query_one("#timeline-page", Static),
                self.query_one("#timeline-preview", Markdown),
                self.query_one("#timeline-preview-scroll", VerticalScroll),
            )
        except NoMatches:
            return None

    def _preview_failed(self, reason: str) -> None:
        parts = self._preview_parts()
        if parts is None:
            return
        page, _document, scroll = parts
        scroll.loading = False
        page.update(Text(f"The timeline could not be prepared: {reason}"))

    async def _show_pages(self, pages: list[str], title: str) -> None:
        self.pages = pages
        self.document_title = title
        self.page_number = 0
        await self._show_page()
        parts = self._preview_parts()
        if parts is not None:
            parts[2].loading = False

    async def _show_page(self) -> None:
        parts = self._preview_parts()
        if parts is None:
            return
        page, document, scroll = parts
        label = f"Preview: {self.document_title}"
        if len(self.pages) > 1:
            label += (
                f" \u00b7 page {self.page_number + 1} of {len(self.pages)} ([ and ] turn pages)"
            )
        page.update(Text(label))
        try:
            await document.update(self.pages[self.page_number])
        except MountError:  # the document detached other than by closing its screen
            return
        if self._preview_parts() is not None:
            scroll.scroll_home(animate=False)

    async def action_page(self, step: int) -> None:
        number = min(max(self.page_number + step, 0), max(len(self.pages) - 1, 0))
        if number != self.page_number:
            self.page_number = number
            await self._show_page()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "page":
            return len(self.pages) > 1
        if action == "export":
            return self._wanted
        if action == "open_bundle":
            return self.exported is not None
        if action == "toggle_options":
            return self._wanted and self.has_class("-narrow")
        return True

    # --- export ------------------------------------------------------------------------

    @on(Button.Pressed, "#timeline-export")
    def _export_pressed(self) -> None:
        self.action_export()

    # Below this width the options fold away above the preview.
    NARROW = 100

    def on_resize(self) -> None:
        narrow = self.app.size.width < self.NARROW
        if narrow != self.has_class("-narrow"):
            self.set_class(narrow, "-narrow")
            self.refresh_bindings()

    def focus_first(self, *, scroll_visible: bool = True) -> None:
        """The purpose, or on a narrow screen with the options folded, the preview.

        Just built, the tab shows the options from their top, the purpose's question above
        it: focused with no scroll, as a scroll asked for before the tab's first layout
        went wherever the half-made layout put the purpose."""
        if self.has_class("-narrow") and not self.has_class("-options-shown"):
            self.query_one("#timeline-options-hint").focus(scroll_visible=scroll_visible)
        else:
            self.query_one("#timeline-purpose").focus(scroll_visible=scroll_visible)

    def action_toggle_options(self) -> None:
        """Show or hide the options above the preview (on a narrow screen)."""
        shown = not self.has_class("-options-shown")
        self.set_class(shown, "-options-shown")
        self.query_one("#timeline-options-hint", Button).label = (
            OPTIONS_HIDE if shown else OPTIONS_SHOW
        )
        self.focus_first()

    @on(Button.Pressed, "#timeline-options-hint")
    def _options_pressed(self) -> None:
        self.action_toggle_options()

    @on(Button.Pressed, "#timeline-open")
    def _open_pressed(self) -> None:
        self.action_open_bundle()

    def action_open_bundle(self) -> None:
        """Open the bundle just exported with the computer's own program (a .zip's or a
        folder's), or say where it is when there is none."""
        if self.exported is not None:
            self.book_app.open_path(self.exported)

    def _say(self, message: str) -> None:
        self.query_one("#timeline-result", Static).update(Text(message))

    def action_export(self) -> None:
        self._ask_and_export()

    @work(exclusive=True, group="timeline-export")
    async def _ask_and_export(self) -> None:
        from sen_workbook.tui.screens.confirm import ConfirmScreen

        if self.book_app.exporting:
            return
        if self.records is None:
            # The child's records are still being read (a large workbook, a busy
            # computer): the key is kept, and the export goes ahead once they are in.
            self._export_when_read = True
            waiting = "Reading the child's records: the bundle is exported once they are in."
            self._say(waiting)
            self.app.notify(waiting, title="Export", markup=False)
            return
        typed = self.query_one("#timeline-out", Input).value.strip()
        if not typed:
            self._say(
                "Type where to save the bundle: a folder name, or a name ending .zip or .pdf."
            )
            self.set_class(True, "-options-shown")
            self.query_one("#timeline-out", Input).focus()
            return
        try:
            options = self.chosen_options()
        except ValueError as error:
            # Said where it is seen: at 80 columns the options, and the sentence under
            # them, are folded away.
            self._say(f"Nothing was exported: {error}")
            self.set_class(True, "-options-shown")
            self.app.notify(
                str(error), title="Nothing was exported", severity="error", markup=False
            )
            return
        out = Path(typed).expanduser()
        overwrite = False
        is_bundle = (out.is_file() and out.suffix.lower() in (".zip", ".pdf")) or (
            out.is_dir() and (out / "MANIFEST.sha256").is_file()
        )
        if is_bundle:
            replace = await self.app.push_screen_wait(
                ConfirmScreen(f"{out} already exists. Replace it with a new bundle?")
            )
            if not replace:
                self._say("Nothing was exported; choose another name to keep both.")
                return
            overwrite = True
        bar = self.query_one("#timeline-progress", ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = True
        self._say("Exporting\u2026")
        self.book_app.exporting = True
        appeal = self.query_one("#timeline-limit", Select).value
        from sen_workbook.pdf.limits import page_limit

        limit = page_limit(options.purpose, appeal if isinstance(appeal, str) else None)
        prepared_by = self.query_one("#timeline-prepared-by", Input).value.strip()
        self._export(self.book_app, self.records.child, options, out, overwrite, limit, prepared_by)

    @work(thread=True, exclusive=True, group="timeline-export-thread", description="the bundle")
    def _export(
        self,
        app: SenWorkbookApp,
        child: Mapping[str, Any],
        options: timeline.TimelineOptions,
        out: Path,
        overwrite: bool,
        limit: Any,
        prepared_by: str,
    ) -> None:
        # The app is taken as the export began: once the parent has left the child's
        # screen, this tab is on none, and the app cannot be found from it.
        def progress(done: int, total: int, step: str) -> None:
            app.call_from_thread(self._progress, done, total, step)

        report: list[str] = []
        try:
            # Said before anything is written: what the pseudonym cannot hide in the files.
            inside = app.workbook.names_inside_exhibits(child, options)
            if inside:
                report.append(inside)
                app.call_from_thread(self._warn_names_inside, inside)
            written = app.workbook.export_bundle(
                child,
                options,
                out,
                overwrite=overwrite,
                progress=progress,
                limit=limit,
                prepared_by=prepared_by,
                report=report,
            )
        except WorkbookError as error:
            app.call_from_thread(self._export_failed, str(error))
            return
        app.call_from_thread(self._export_done, written, report)

    def _warn_names_inside(self, sentence: str) -> None:
        self.app.notify(
            sentence, title="Check the exhibits", severity="warning", markup=False, timeout=20
        )

    # The bundle is written by a thread of its own, and the parent may leave the child's
    # screen before it ends: what it says then goes to the app's notifications alone, and
    # the export goes on (a progress line shown on no screen must not stop it), so the
    # bundle is still written and the next export is not refused as one still running.

    def _progress(self, done: int, total: int, step: str = "") -> None:
        if not self.is_attached:
            return
        self.query_one("#timeline-progress", ProgressBar).update(total=total, progress=done)
        if step:
            self._say(f"Exporting\u2026 {step}")

    def _export_done(self, written: Path, report: list[str] | None = None) -> None:
        self.book_app.exporting = False
        self.exported = written
        report = report or []
        if self.is_attached:
            self._show_done(written, report)
        # Every sentence of the report: an exhibit left out of the PDF must not go unseen.
        said = "\n".join([f"Bundle saved to {written}", *report])
        self.app.notify(
            said,
            title="Exported",
            severity="warning" if len(report) > 1 else "information",
            markup=False,
            timeout=10 + 5 * len(report) if report else 5,
        )

    def _show_done(self, written: Path, report: list[str]) -> None:
        """Under the export button: where the bundle was saved, and the key to open it."""
        bar = self.query_one("#timeline-progress", ProgressBar)
        bar.update(total=1, progress=1)
        self._say("\n".join([f"Saved the bundle to {written}", *report]))
        # The sentences stand under the button, below the fold of a small terminal.
        self.query_one("#timeline-result", Static).scroll_visible(animate=False)
        self.query_one("#timeline-open", Button).display = True
        self.refresh_bindings()

    def _export_failed(self, reason: str) -> None:
        self.book_app.exporting = False
        if self.is_attached:
            self.query_one("#timeline-progress", ProgressBar).display = False
            self._say(f"Nothing was exported: {reason}")
        self.app.notify(reason, title="Export failed", severity="error", markup=False)
