"""A child's workspace: overview, journal, cycles and timeline in tabs.

The child's entries are read once when the screen opens and again only after something
changed them; every tab works from that copy.
"""

from __future__ import annotations

import asyncio
import threading
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import (
    Input,
    MaskedInput,
    Static,
    TabPane,
    TextArea,
)
from textual.worker import get_current_worker

from sen_workbook import model
from sen_workbook.child_facts import ChildFacts, area_names, child_label, one_line
from sen_workbook.stage import stage_shown
from sen_workbook.tui.screens.base import WorkbookScreen
from sen_workbook.tui.styles import stylesheet
from sen_workbook.tui.widgets.banner import read_only_banner
from sen_workbook.tui.widgets.cycles import CyclesPane
from sen_workbook.tui.widgets.footer import KeyFooter
from sen_workbook.tui.widgets.header import TitleHeader
from sen_workbook.tui.widgets.journal import (
    JournalPane,
    JournalRow,
    JournalRows,
    journal_rows,
    prepare_search,
)
from sen_workbook.tui.widgets.messages import OpenEntry
from sen_workbook.tui.widgets.overview import OverviewPane
from sen_workbook.tui.widgets.tabs import ChildTabs
from sen_workbook.tui.widgets.timeline import TimelinePane
from sen_workbook.vocabulary import STATUS_SHORT
from sen_workbook.workbook import WorkbookError, in_order

# Those with a loading cover: every tab is covered when in front while its records are
# awaited, so every one is uncovered when they come.
PANES = "#overview-pane, #journal-pane, #cycles-pane, #timeline-pane"
LOADING_DELAY = 0.3  # seconds
# The longest the facts wait for a tab being brought to the front to be drawn (its frame
# sets them going sooner): a bound, so that nothing can keep them waiting for ever.
TAB_WAIT_SECONDS = 2.0
# Records copied at a time by the facts' thread, which looks between batches for a tab
# being brought to the front.
COPY_BATCH = 500

# The tabs, and the pane each shows.  A pane is built the first time its tab is shown: a
# parent who opens the journal does not wait for the overview's to-do list to be drawn.
TABS: dict[str, tuple[str, type[Widget]]] = {
    "overview": ("1 Overview", OverviewPane),
    "journal": ("2 Journal", JournalPane),
    "cycles": ("3 Cycles", CyclesPane),
    "timeline": ("4 Timeline", TimelinePane),
}

# What takes the keys when a tab opens, so arrows and enter work straight away.
TAB_FOCUS = {
    "overview": "overview-todo",
    "journal": "journal-table",
    "cycles": "cycles-list",
    "timeline": "timeline-purpose",
}


class ChildScreen(WorkbookScreen):
    """Everything about one child."""

    CSS_PATH = [stylesheet("child.tcss")]
    TITLE = "SEN Workbook"
    BINDINGS = [
        Binding("n", "new_entry", "New entry"),
        # Not in the footer (the Overview says them where the plan is shown), but they
        # work on every tab, and the palette finds them there.
        Binding("r", "review_plan", "Review plan", show=False),
        Binding("p", "carry_plan", "New plan", show=False),
        Binding("i", "import_emails", "Import emails", show=False),
        Binding("c", "export_calendar", "Dates to a calendar", show=False),
        Binding("l", "letters", "Letters"),
        Binding("t", "app.trash", "Trash"),
        Binding("escape", "back", "Back"),
        # From anywhere in the workspace, even a filter that would take the key: the
        # search is where a parent expects "/" to go (check_action spares text boxes).
        Binding("slash", "search", "Search", priority=True),
        Binding("1", "show_tab('overview')", "Overview tab", show=False),
        Binding("2", "show_tab('journal')", "Journal tab", show=False),
        Binding("3", "show_tab('cycles')", "Cycles tab", show=False),
        Binding("4", "show_tab('timeline')", "Timeline tab", show=False),
    ]

    def __init__(self, child_id: str, tab: str = "overview") -> None:
        super().__init__()
        self.child_id = child_id
        self.first_tab = tab if tab in TAB_FOCUS else "overview"
        self.records: ChildFacts | None = None
        self._loading_timer: Timer | None = None  # set while the records are awaited
        # Tabs whose pane has not been given the latest records: each is filled when it is
        # first shown, so opening a child costs only the tab in front.
        self._unfilled: set[str] = set()
        self._rows: JournalRows | None = None  # the journal's, once read
        self._entries: list[model.Entry] | None = None  # the stored records of the load
        # Those records in order, once the facts' thread has put them in order: the
        # journal, opened meanwhile, takes them rather than sorting them again.
        self._ordered: tuple[int, list[model.Entry]] | None = None
        self._journal_shown = False  # the journal has the rows of the load under way
        self._covered = False  # the loading cover is up
        # Tabs whose pane is built and mounted: only those are given records.  A pane being
        # mounted has no controls yet, and is given them when its mounting is done.
        self._built = {self.first_tab}
        self._load = 0  # counts the loads: what an earlier one worked out is dropped
        self._coming: str | None = None  # a tab being built to be shown
        self._focused_on_showing: str | None = None  # a tab focused as a key showed it
        self._building: dict[str, asyncio.Event] = {}  # set once the tab's pane is mounted
        # The facts of a load, left to start once the tab being brought to the front is drawn.
        self._work_after_showing: tuple[int, model.Child, list[model.Entry], bool] | None = None
        # Clear while a tab is being brought to the front: the facts' thread, if it is
        # already under way, waits for the tab's first frame (see _work_out).
        self._tab_drawn = threading.Event()
        self._tab_drawn.set()

    def compose(self) -> ComposeResult:
        yield TitleHeader()
        yield from read_only_banner(self.book_app.workbook)
        yield Static("", id="child-summary", markup=False)
        with ChildTabs(id="child-tabs", initial=self.first_tab):
            for tab, (label, pane) in TABS.items():
                with TabPane(label, id=tab):
                    if tab == self.first_tab:
                        yield pane(id=f"{tab}-pane")
        yield KeyFooter(compact=True)

    async def _build_pane(self, tab: str) -> None:
        """Mount the pane of ``tab`` the first time the tab is shown, with the journal's
        rows if it is the journal (the others are filled by :meth:`_fill` after)."""
        holder = self.query_one(f"#{tab}", TabPane)
        building = self._building.get(tab)
        if building is not None:
            # Asked again while it is mounted (2 and / typed together): what follows
            # needs the pane whole, so wait for the first request to finish it.
            await building.wait()
            return
        if holder.children:
            return
        self._building[tab] = building = asyncio.Event()
        try:
            await self._make_pane(tab, holder)
        finally:
            del self._building[tab]
            building.set()

    def _make_rows_of_load(self) -> bool:
        """Make the journal's rows from the records of the load shown, unless they are
        made or no records are read yet; whether they were made now."""
        if self._rows is not None or self._entries is None:
            return False
        ordered = self._ordered
        if ordered is None or ordered[0] != self._load:
            ordered = (self._load, in_order(self._entries))
        self._rows = JournalRows(ordered[1])
        self._journal_shown = True
        return True

    async def _make_pane(self, tab: str, holder: TabPane) -> None:
        kind = TABS[tab][1]
        # The journal's rows are made now, from the records of the load shown, rather than
        # in the background for a tab that may never be opened.
        if kind is JournalPane and self._make_rows_of_load() and self.records is not None:
            self.call_after_refresh(self._prepare_search_text)  # the facts are in
        # The journal is given its rows as it is made, so that its first frame is full
        # rather than an empty table drawn once and then again.
        pane = (
            JournalPane(id="journal-pane", rows=self._rows)
            if kind is JournalPane
            else kind(id=f"{tab}-pane")
        )
        await holder.mount(pane)
        self._built.add(tab)
        if isinstance(pane, JournalPane):
            self._make_rows_of_load()  # the records were first read while it was mounted
            if self._rows is not None and pane.given is not self._rows:
                pane.show_rows(self._rows)  # newer rows arrived while it was mounted
        else:
            self._cover_tab(tab)  # built to be shown: covered from its first frame if need be

    def reload(self) -> None:
        super().reload()
        book = self.book_app.workbook
        try:
            child = book.child(self.child_id)
        except WorkbookError:
            # The child went to the trash (or was never there): nothing to show here.
            self.dismiss_to_children()
            return
        self.sub_title = child_label(child)
        # The records are read here, on the app's own thread (the only one that writes);
        # working out the facts from them can take seconds for a long journal, so that
        # runs in a thread while the tabs show they are loading.
        entries = book.stored_entries(self.child_id)  # copied in the thread below
        self._show_summary(child, entries)
        # Show "loading" only if it takes long enough to notice; a flash is worse.
        if self._loading_timer is not None:
            self._loading_timer.stop()
        self._loading_timer = self.set_timer(LOADING_DELAY, self._show_loading)
        self._entries = entries
        self._journal_shown = False
        self._load += 1
        self.workers.cancel_group(self, "child-records")  # its results are out of date
        self.workers.cancel_group(self, "journal-search")
        journal_made = "journal" in self._built or "journal" in self._building
        if not journal_made:
            # Made from these records when the journal is first shown (see _build_pane).
            self._rows = None
        elif self._rows is None:
            # Opening on the journal: its rows are made at once, so that it is drawn once,
            # full, rather than empty and then again.  (After a change they are made in
            # the background, as the old rows are on the screen meanwhile.)
            self._show_journal(self._load, JournalRows(in_order(entries)))
        # The facts are worked out after the screen is drawn, so as not to slow the drawing.
        with_journal = journal_made and not self._journal_shown
        self.call_after_refresh(self._start_work_out, self._load, child, entries, with_journal)

    def _start_work_out(
        self, load: int, child: model.Child, stored: list[model.Entry], with_journal: bool
    ) -> None:
        if load != self._load:
            return  # a newer load has started its own
        if self._coming is not None:
            # A tab is being brought to the front (2 pressed as the Overview appeared):
            # its first frame comes first, as it does not wait for the facts, and the
            # facts follow once it is drawn.
            self._work_after_showing = (load, child, stored, with_journal)
            return
        self._work_out(load, child, stored, with_journal)

    def _show_loading(self) -> None:
        # The timer may have gone off just as the records arrived: then they are shown
        # already, and a loading cover would stay over them.
        if self._loading_timer is None:
            return
        self._covered = True
        # Only the tab in front (or coming to the front) is covered: a cover over a tab
        # left behind was made, styled and kept turning for no one to see (the Overview,
        # when 2 was pressed before its facts were in).  Another tab is covered as it is
        # shown, if the records are still awaited then.
        self._cover_tab(self._coming or self.active_tab)

    def on_mount(self) -> None:
        # A tab built before and brought to the front again (by its key or a click) is
        # covered in the step that shows it, while the records are awaited: the news of
        # the tab shown (see _tab_changed) comes after a frame may have shown it bare,
        # with the last load's figures or none.
        self.watch(self.query_one("#child-tabs", ChildTabs), "active", self._cover_tab, init=False)

    def _cover_tab(self, tab: str) -> None:
        """Cover the pane of ``tab`` while the records are awaited, if it is built (the
        journal only until its rows are in)."""
        if not self._covered or tab not in self._built:
            return
        if tab == "journal" and self._journal_shown:
            return
        for pane in self.query(f"#{tab}-pane"):
            pane.loading = True

    def _built_panes(self) -> list[Widget]:
        """The panes with a loading cover that are built and mounted."""
        return [
            pane for pane in self.query(PANES) if str(pane.id).removesuffix("-pane") in self._built
        ]

    # A description of its own: by default Textual writes out every argument, here every
    # record, which took longer than the work itself.
    @work(thread=True, exclusive=True, group="child-records", description="the child's records")
    def _work_out(
        self, load: int, child: model.Child, stored: list[model.Entry], with_journal: bool
    ) -> None:
        worker = get_current_worker()

        def tab_drawn() -> bool:
            # A tab the parent asked for (2 pressed as the Overview appeared) is built and
            # drawn first: this thread would take half the processor from it, for facts
            # of a tab that is leaving.  False if the work was cancelled meanwhile.
            if not self._tab_drawn.wait(TAB_WAIT_SECONDS):
                self._tab_drawn.set()  # never left waiting twice
            return not worker.is_cancelled

        ordered = in_order(stored)
        self._ordered = (load, ordered)  # one assignment: read whole or not at all
        if with_journal:
            # The journal only reads the records (so it needs no copies) and no flags or
            # deadlines: it is shown while those are worked out.
            journal = journal_rows(ordered)
            if worker.is_cancelled:
                return
            self.app.call_from_thread(self._show_journal, load, JournalRows.made(journal))
        # Copies, kept by the tabs and given to the forms.
        entries: list[model.Entry] = []
        for start in range(0, len(ordered), COPY_BATCH):
            if not tab_drawn():
                return
            entries += model.copy_record(ordered[start : start + COPY_BATCH])
        if not tab_drawn():
            return
        try:
            records = ChildFacts.build(child, entries, self.book_app.today())
        except Exception as error:  # any failure: the journal must still open
            # A fact that cannot be worked out must not hide the records themselves.
            records = ChildFacts(child, entries, self.book_app.today(), [], [], [])
            self.app.call_from_thread(
                self.app.notify,
                f"The flags and deadlines could not be worked out: {error}",
                severity="error",
                markup=False,
            )
        if worker.is_cancelled:
            return
        self.app.call_from_thread(self._show_records, load, records)

    # Last, the search text of the journal's rows, so that the first key typed in its
    # search box does not wait for it: once both the rows and the facts are in.
    @work(thread=True, exclusive=True, group="journal-search", description="the search text")
    def _prepare_search(self, rows: list[JournalRow]) -> None:
        worker = get_current_worker()
        prepare_search(rows, lambda: worker.is_cancelled)

    def _prepare_search_text(self) -> None:
        """The journal's search text, worked out in the background from every row (made
        here, on the app's thread, if they are not yet)."""
        if self._rows is not None:
            self._prepare_search(self._rows.all())

    def _show_journal(self, load: int, rows: JournalRows) -> None:
        if load != self._load:
            return  # a newer load is under way
        self._rows = rows
        self._journal_shown = True
        if "journal" in self._built:
            journal = self.query_one(JournalPane)
            journal.show_rows(rows)
            journal.loading = False
        if self.active_tab == "journal":
            self._focus_if_lost()

    def _show_records(self, load: int, records: ChildFacts) -> None:
        if load != self._load:
            return  # a newer load is under way
        if self._loading_timer is not None:
            self._loading_timer.stop()
            self._loading_timer = None
        self.records = records
        self._prepare_search_text()
        self._unfilled = {"overview", "cycles", "timeline"}
        # The tab being brought to the front, if one is: the one leaving needs nothing.
        self._fill(self._coming or self.active_tab)
        self._covered = False
        for pane in self._built_panes():
            pane.loading = False
        self._focus_if_lost()
        self.refresh_bindings()

    def _fill(self, tab: str) -> None:
        """Give the pane of ``tab`` the latest records, if it has not had them yet."""
        if self.records is None or tab not in self._unfilled or tab not in self._built:
            return
        pane = self.query_one(f"#{tab}-pane")
        if isinstance(pane, (OverviewPane, CyclesPane, TimelinePane)):
            pane.show_records(self.records)
            self._unfilled.discard(tab)

    def _focus_if_lost(self) -> None:
        if self.focused is None or self.focused.id == "child-tabs" or not self.focused.display:
            self._focus_tab()

    def _focus_tab(self) -> None:
        """Focus the main widget of the tab shown now.

        The focus is set at once, for the tab active at this moment: a focus request left
        waiting for a tab the parent has since left would switch back to it, and two such
        requests would switch the tabs back and forth for ever.
        """
        tab = self.active_tab
        if tab == "timeline":
            for pane in self.query(TimelinePane):
                if pane.is_mounted and pane.query("#timeline-purpose"):
                    pane.focus_first()
                    return
        for widget in self.query(f"#{TAB_FOCUS.get(tab, 'overview-todo')}"):
            if widget.focusable:
                self.set_focus(widget)

    def dismiss_to_children(self) -> None:
        if self.is_current:
            self.book_app.show_children()

    def _show_summary(self, child: model.Child, entries: list[model.Entry]) -> None:
        parts = [Text(child_label(child), style="bold")]
        for name in ("year_group", "setting"):
            value = one_line(child.get(name, ""))
            if value:
                parts.append(Text(value))
        # The records' stage where they have gone further than the child's details.
        stage = stage_shown(child, entries, self.book_app.today())
        parts.append(Text(STATUS_SHORT.get(stage, stage)))
        if child.get("areas"):
            parts.append(Text(area_names(child["areas"], short=True)))
        self.query_one("#child-summary", Static).update(Text(" \u00b7 ").join(parts))

    @property
    def active_tab(self) -> str:
        return self.query_one("#child-tabs", ChildTabs).active

    @on(ChildTabs.TabActivated, "#child-tabs")
    async def _tab_changed(self, event: ChildTabs.TabActivated) -> None:
        tab = str(event.pane.id)
        await self._build_pane(tab)
        self._fill(tab)
        self._cover_tab(tab)
        if tab == "timeline":
            await self.query_one(TimelinePane).start_preview()
        # A tab shown by a key was focused as it was shown, and keys typed since may have
        # moved on (to the search): the focus is left where they put it.
        focused = self.focused
        shown = self.query_one(f"#{self.active_tab}", TabPane)
        if tab != self._focused_on_showing or focused is None or shown not in focused.ancestors:
            self._focus_tab()
        self._focused_on_showing = None
        self.refresh_bindings()

    @on(OpenEntry)
    def _open_entry(self, event: OpenEntry) -> None:
        self.book_app.open_entry(event.entry_id)

    def chosen_plan(self) -> model.Entry | None:
        """The plan the cycle keys act on: the highlighted one on Cycles, else the latest."""
        if self.records is None:
            return None
        if self.active_tab == "cycles":
            for cycles in self.query(CyclesPane):
                plan_id = cycles.highlighted_plan_id
                if plan_id and plan_id in self.records.by_id:
                    return self.records.by_id[plan_id]
        cycle = self.records.latest_cycle
        return cycle.plan if cycle else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.changes_hidden(action):
            return False
        if action == "search":
            # A "/" typed in a text box is part of what is typed (a path, a date): only a
            # date box, which cannot take it, gives it up to the search.
            focused = self.focused
            return not (
                isinstance(focused, (Input, TextArea)) and not isinstance(focused, MaskedInput)
            )
        return True

    # --- actions -----------------------------------------------------------------------

    def palette_commands(self) -> list[tuple[str, str, Any]]:
        """What the palette offers here beyond the keys: the Timeline's export, from any
        tab (its ctrl+s is swallowed by some terminals, and only works on that tab)."""
        return [
            (
                "Export the evidence bundle",
                "The Timeline tab's export (ctrl+s there)",
                self.export_bundle,
            )
        ]

    async def export_bundle(self) -> None:
        """Show the Timeline tab and export the bundle with its options as they are."""
        await self.action_show_tab("timeline")
        pane = self.query_one(TimelinePane)
        await pane.start_preview()
        pane.action_export()

    async def action_search(self) -> None:
        """Go to the journal's search box, from any tab."""
        if self.active_tab != "journal":
            await self.action_show_tab("journal")
        for box in self.query("#journal-search"):
            # At once, not after the keys already waiting: those typed after "/" are
            # the search's.
            self.set_focus(box)

    async def action_show_tab(self, tab: str) -> None:
        # The tab's pane is built and given its records while the tab in front still
        # shows, so the tab's first frame is the full one: shown first, an empty pane
        # was drawn, then the pane, then its rows.
        if tab == self.active_tab:
            return  # already in front: the focus stays where it is
        # No frame is drawn meanwhile: the tab in front would only be drawn again.
        self._coming = tab
        self._tab_drawn.clear()
        footer = self.query_one(KeyFooter)
        # The footer's keys are built once, for the tab coming, not for each step.
        footer.held = True
        try:
            async with self.batch():
                await self._build_pane(tab)
                self._fill(tab)
                self.query_one("#child-tabs", ChildTabs).active = tab
                # The keys typed after this one go to the tab now in front.
                self._focus_tab()
                self._focused_on_showing = tab
                footer.held = False
                await footer.rebuild_if_changed()  # in the tab's first frame
        finally:
            self._coming = None
            footer.held = False
            self.call_after_refresh(self._tab_drawn.set)
        if self._work_after_showing is not None:
            waiting, self._work_after_showing = self._work_after_showing, None
            self.call_after_refresh(self._start_work_out, *waiting)

    def on_unmount(self) -> None:
        self._tab_drawn.set()  # a thread waiting for a tab of this screen goes on, or ends

    def action_back(self) -> None:
        self.book_app.show_children()

    def action_new_entry(self) -> None:
        self.book_app.new_entry(self.child_id)

    def action_import_emails(self) -> None:
        """Read a .eml or .mbox file and import the messages ticked (key i)."""
        from sen_workbook.tui.screens.intake import MailImportScreen

        app = self.book_app
        if not app.can_change():
            return
        child = app.workbook.child(self.child_id)

        def imported(count: int | None) -> None:
            if count:
                app.note_change()
                app.notify(f"Imported {count} email{'s' if count != 1 else ''}.")

        app.push_screen(MailImportScreen(app.workbook, child, app.settings_file), imported)

    def action_export_calendar(self) -> None:
        """Write the child's upcoming dates to an .ics file (key c)."""
        from sen_workbook.tui.screens.intake import CalendarScreen

        app = self.book_app
        child = app.workbook.child(self.child_id)
        entries = app.workbook.entries(self.child_id)

        def written(sentence: str | None) -> None:
            if sentence:
                app.notify(sentence, markup=False)

        app.push_screen(CalendarScreen(app.workbook, child, entries, app.today()), written)

    def _still_loading(self) -> bool:
        if self.records is None:
            self.app.notify("The plans are still being read; try again in a moment.")
            return True
        return False

    def action_review_plan(self) -> None:
        if self._still_loading():
            return
        plan = self.chosen_plan()
        if plan is None:
            self.app.notify(
                "There is no plan to review yet. Add the SEN Support plan first: press n "
                "and choose \u201cSEN Support plan\u201d.",
                severity="warning",
            )
            return
        self.book_app.new_entry(self.child_id, "review", review_of_plan=plan)

    def action_carry_plan(self) -> None:
        if self._still_loading():
            return
        plan = self.chosen_plan()
        self.book_app.new_entry(self.child_id, "plan", carry_from_plan=plan)

    def action_letters(self) -> None:
        self.book_app.write_letter(self.child_id)
