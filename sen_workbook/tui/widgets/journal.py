"""The journal tab: every entry of a child in a table, filtered and searched as you type.

With thousands of entries the table must not be rebuilt from the workbook on every key.
So the rows are worked out once per load (each entry's lowercase search text once, in the
background or at the first search), a filter is a pass over that list in memory, typing
is followed at once while filtering is quick, and the table holds one page of the matches
at a time: a page of 100 redraws at once where 10,000 rows would take seconds.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Self

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.geometry import Region
from textual.timer import Timer
from textual.widgets import Input, Label, Select, Static

from sen_workbook import model, vocabulary
from sen_workbook.child_facts import area_names, when
from sen_workbook.tui.widgets.cells import as_written, plain
from sen_workbook.tui.widgets.choices import TypedSelect
from sen_workbook.tui.widgets.dates import DateValidator, typed_date
from sen_workbook.tui.widgets.keys import TextBox
from sen_workbook.tui.widgets.masked import MaskedInput
from sen_workbook.tui.widgets.messages import OpenEntry
from sen_workbook.tui.widgets.table import RecordTable, share_width
from sen_workbook.tui.widgets.tabs import ChildTabs
from sen_workbook.vocabulary import KIND_SHORT

# Rows a page holds: more than two tall screens, yet few enough to fill the table at once
# at every key typed in the search (DataTable takes about 0.1 ms a row).
PAGE_SIZE = 100
SEARCH_PAUSE = 0.03  # seconds of no typing before the table follows the search

# Fields whose text is not something a parent would search for (ids, stamps, hashes).
_NOT_SEARCHED = frozenset(
    {
        "id",
        "child_id",
        "kind",
        "created_at",
        "updated_at",
        "revisions",
        "plan_id",
        "links",
        "target_id",
        "sha256",
        "added_at",
        "size",
    }
)

_HEADINGS = ("Date", "Kind", "Title", "Areas", "Files")
# The title is never narrower than this, and the areas give way to it below this width
# (the entry itself names every area in full).
_TITLE_LEAST, _AREAS_LEAST = 12, 14
_WIDE = 100  # from this table width on, the date column has room for the time too


def search_text(entry: Mapping[str, Any]) -> str:
    """Every piece of text a parent wrote in an entry, lowercased, for searching."""
    parts: list[str] = []
    _collect(entry, parts)
    parts.append(vocabulary.KIND_LABELS.get(str(entry.get("kind", "")), ""))
    return "\n".join(parts).casefold()


def _collect(value: Any, parts: list[str]) -> None:
    # Records read from the file hold exactly dicts, lists and strings: those are told
    # apart by their type first, which is several times quicker than isinstance.
    kind = type(value)
    if kind is str:
        parts.append(value)
    elif kind is dict or (kind is not list and isinstance(value, Mapping)):
        for name, inner in value.items():
            if name in _NOT_SEARCHED:
                continue
            if type(inner) is str:
                parts.append(inner)
            else:
                _collect(inner, parts)
    elif kind is list:
        for inner in value:
            _collect(inner, parts)
    elif isinstance(value, str):
        parts.append(value)


@dataclass(slots=True)
class JournalRow:
    """One entry as the journal table shows it, with what filters look at.  (Not frozen:
    a frozen dataclass takes twice as long to make, and thousands are made at once.)"""

    entry_id: str
    when: str
    day: date
    kind: str
    title: str
    areas: frozenset[str]
    exhibits: int
    # The record the row was made from, as it was then (records are replaced, never
    # changed, when an entry is edited).
    entry: Mapping[str, Any] = field(compare=False, repr=False)
    _haystack: str | None = field(default=None, init=False, compare=False, repr=False)

    @property
    def haystack(self) -> str:
        """The entry's text for searching: worked out at the first search, or in the
        background once the journal is on the screen (half the cost of making the rows)."""
        text = self._haystack
        if text is None:
            text = self._haystack = search_text(self.entry)
        return text


def journal_rows(entries: Iterable[Mapping[str, Any]]) -> list[JournalRow]:
    """The rows of the journal, in the order of ``entries`` (the workbook's: oldest first)."""
    return [
        JournalRow(
            entry_id=entry["id"],
            when=when(entry),
            day=model.entry_day(entry),
            kind=entry["kind"],
            title=str(entry.get("title", "")),
            areas=frozenset(entry.get("areas", ())),
            exhibits=len(entry.get("attachments", ())),
            entry=entry,
        )
        for entry in entries
    ]


class JournalRows:
    """The journal's rows of one load: those of the newest page at once, the rest when
    first asked for.

    A child's journal opens on its newest page; making a row for every entry of a long
    one (3,300 for a child in a workbook of 10,000 entries) took 10 ms before that page
    could be drawn, for rows no one sees until a search, a filter, the order or a page
    is changed.  The journal asks for them all once its first frame is drawn, or at the
    first of those keys, whichever comes first.  Made and asked for on the app's thread.
    """

    def __init__(self, ordered: Sequence[Mapping[str, Any]]) -> None:
        """``ordered``: the entries oldest first, as the workbook orders them."""
        self._ordered: Sequence[Mapping[str, Any]] = ordered
        # The newest page's rows, oldest first (the last rows of the whole list).
        self.newest = journal_rows(ordered[max(0, len(ordered) - PAGE_SIZE) :])
        self._all: list[JournalRow] | None = None
        self._count = len(ordered)

    @classmethod
    def made(cls, rows: list[JournalRow]) -> JournalRows:
        """Rows already made, every one of them (in the background, after a change)."""
        made = cls(())
        made._all = rows
        made._count = len(rows)
        made.newest = rows[max(0, len(rows) - PAGE_SIZE) :]
        return made

    def __len__(self) -> int:
        return self._count

    @property
    def complete(self) -> bool:
        """Whether every row is made."""
        return self._all is not None

    def all(self) -> list[JournalRow]:
        """Every row, oldest first: made now if they are not yet (the newest page's kept)."""
        if self._all is None:
            rest = self._ordered[: self._count - len(self.newest)]
            self._all = journal_rows(rest) + self.newest
            self._ordered = ()
        return self._all


def prepare_search(rows: Iterable[JournalRow], cancelled: Callable[[], bool]) -> None:
    """Work out the search text of ``rows`` ahead of the first search, until cancelled."""
    for number, row in enumerate(rows):
        if number % 500 == 0 and cancelled():
            return
        row.haystack  # noqa: B018 (worked out and kept by the property)


@dataclass(frozen=True)
class JournalFilter:
    """What the parent asked to see.  Empty values mean "all".

    A search of several words finds entries holding every one of them, anywhere in
    their text, in any order and case.
    """

    search: str = ""
    kind: str = ""
    area: str = ""
    date_from: date | None = None
    date_to: date | None = None

    @property
    def words(self) -> list[str]:
        return self.search.casefold().split()

    def matches(self, row: JournalRow, words: list[str] | None = None) -> bool:
        if self.kind and row.kind != self.kind:
            return False
        if self.area and self.area not in row.areas:
            return False
        if self.date_from and row.day < self.date_from:
            return False
        if self.date_to and row.day > self.date_to:
            return False
        return all(word in row.haystack for word in (self.words if words is None else words))


NOTHING_CHOSEN = JournalFilter()  # the whole journal


def choose_rows(
    rows: Sequence[JournalRow], wanted: JournalFilter, *, newest_first: bool
) -> list[JournalRow]:
    """The rows ``wanted`` lets through, newest or oldest first."""
    words = wanted.words
    searched_only = not (wanted.kind or wanted.area or wanted.date_from or wanted.date_to)
    if searched_only and not words:
        found = list(rows)
    elif searched_only and len(words) == 1:  # the usual case while typing: one test a row
        word = words[0]
        found = [row for row in rows if word in row.haystack]
    else:
        found = [row for row in rows if wanted.matches(row, words)]
    if newest_first:
        found.reverse()
    return found


class SearchBox(TextBox):
    """The journal's search box.  Its size is set in child.tcss (one line, the width left by
    the filters), so the new layout an Input asks for at every key, because the length of
    its text changed, would only redraw the whole screen: it repaints itself instead.

    Down (like enter) moves into the results, as the list under a search box does."""

    BINDINGS = [Binding("down", "to_results", "To the results", show=False)]

    def check_consume_key(self, key: str, character: str | None = None) -> bool:
        # The palette opened over the search lists the screen's one-letter commands.
        return self.screen is self.app.screen and super().check_consume_key(key, character)

    def action_to_results(self) -> None:
        for pane in self.ancestors:
            if isinstance(pane, JournalPane):
                pane.table.focus()

    def refresh(
        self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False
    ) -> Self:
        if layout and not self.styles.auto_dimensions and not recompose:
            layout = False
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)


class JournalPane(Vertical):
    """Filters above, one page of matching entries, and "N of M entries" below."""

    BINDINGS = [
        Binding("o", "toggle_order", "Order"),
        # Not in the footer: the status line names these keys when there are pages.
        Binding("right_square_bracket", "page(1)", "Next page", show=False),
        Binding("left_square_bracket", "page(-1)", "Previous page", show=False),
        # Shown only while the search box or a filter has the focus (check_action), where
        # the letters are typed into the box and the footer has no other way back.
        Binding("escape", "leave_filters", "To the entries"),
    ]

    def __init__(self, *, id: str | None = None, rows: JournalRows | None = None) -> None:
        super().__init__(id=id)
        self._first_rows = rows  # shown as it is mounted, before its first frame
        self.given = JournalRows.made([])  # the rows of the load shown
        # The rows the filter lets through, in the order shown; None while they are the
        # whole journal, newest first, and not every row is made yet (see JournalRows).
        self._matches: list[JournalRow] | None = []
        self._match_count = 0
        self.newest_first = True
        self.page_number = 0
        self._pause_timer: Timer | None = None
        self._columns: tuple[int, ...] | None = None  # the widths of the columns shown
        self._shown: list[JournalRow] = []  # the rows in the table now
        self._last_filter_seconds = 0.0
        self._filters_added = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="journal-filters"):
            yield SearchBox(
                placeholder="Search titles and notes", id="journal-search", compact=True
            )
        yield RecordTable(id="journal-table")
        yield Static("", id="journal-status", markup=False)

    def on_mount(self) -> None:
        if self._first_rows is not None:
            rows, self._first_rows = self._first_rows, None
            self.show_rows(rows)

    def on_show(self) -> None:
        # The kind, area and date filters are most of the cost of building the journal:
        # they join the search box once the rows are on the screen.  (Shown means laid
        # out: the frame with the rows is drawn before the callback runs.)  So do the rows
        # beyond the newest page.
        if not self._filters_added:
            self._filters_added = True
            self.call_after_refresh(self._add_filters)
        if not self.given.complete:
            self.call_after_refresh(self.given.all)

    def _add_filters(self) -> None:
        self.query_one("#journal-filters", Horizontal).mount_all(
            [
                TypedSelect(
                    [(name, kind) for kind, name in vocabulary.KIND_LABELS.items()],
                    prompt="All kinds",
                    id="journal-kind",
                    compact=True,
                ),
                TypedSelect(
                    [
                        (f"{vocabulary.AREA_SHORT[area]}: {name}", area)
                        for area, name in vocabulary.AREA_LABELS.items()
                    ],
                    prompt="All areas",
                    id="journal-area",
                    compact=True,
                ),
                Label("from", classes="journal-date-label"),
                MaskedInput(
                    "9999-99-99",
                    placeholder="YYYY-MM-DD",
                    id="journal-from",
                    compact=True,
                    validators=[DateValidator()],
                    valid_empty=True,
                ),
                Label("to", classes="journal-date-label"),
                MaskedInput(
                    "9999-99-99",
                    placeholder="YYYY-MM-DD",
                    id="journal-to",
                    compact=True,
                    validators=[DateValidator()],
                    valid_empty=True,
                ),
            ]
        )

    @property
    def table(self) -> RecordTable:
        return self.query_one("#journal-table", RecordTable)

    # --- data ----------------------------------------------------------------------------

    @property
    def rows(self) -> list[JournalRow]:
        """Every row of the load shown, oldest first (made now if they are not yet)."""
        return self.given.all()

    @property
    def matches(self) -> list[JournalRow]:
        """The rows the filter lets through, in the order shown."""
        if self._matches is None:
            # Only while nothing is filtered and the newest come first (apply_filter).
            self._matches = self.rows[::-1]
        return self._matches

    def show_rows(self, rows: JournalRows) -> None:
        """Take the child's entries afresh (after loading or a change) as journal rows."""
        self.given = rows
        if self.is_mounted and not rows.complete:
            self.call_after_refresh(rows.all)  # as on_show does for the first rows
        self.apply_filter(keep_place=True)

    def current_filter(self) -> JournalFilter:
        def chosen(selector: str) -> str:  # "" while the filters are being added
            value = next((w.value for w in self.query(selector).results(Select)), "")
            return value if isinstance(value, str) else ""

        def typed(selector: str) -> date | None:
            return next((typed_date(w.value) for w in self.query(selector).results(Input)), None)

        return JournalFilter(
            search=self.query_one("#journal-search", Input).value,
            kind=chosen("#journal-kind"),
            area=chosen("#journal-area"),
            date_from=typed("#journal-from"),
            date_to=typed("#journal-to"),
        )

    def apply_filter(self, *, keep_place: bool = False) -> None:
        started = time.perf_counter()
        if self._pause_timer is not None:
            self._pause_timer.stop()
            self._pause_timer = None
        chosen = self.table.highlighted_key if keep_place else None
        wanted = self.current_filter()
        self.page_number = 0
        if (
            not self.given.complete
            and chosen is None
            and self.newest_first
            and wanted == NOTHING_CHOSEN
        ):
            # The whole journal, newest first, from its first page: the newest rows are
            # all it needs until the rest are made (see JournalRows).
            self._matches = None
            self._match_count = len(self.given)
            self._show_page(self.given.newest[::-1], None)
            self._last_filter_seconds = time.perf_counter() - started
            return
        self._matches = choose_rows(self.rows, wanted, newest_first=self.newest_first)
        self._match_count = len(self._matches)
        if chosen is not None:
            for index, row in enumerate(self.matches):
                if row.entry_id == chosen:
                    self.page_number = index // PAGE_SIZE
                    break
        self._fill_page(chosen)
        self._last_filter_seconds = time.perf_counter() - started

    def _fill_page(self, keep: str | None = None) -> None:
        start = self.page_number * PAGE_SIZE
        self._show_page(self.matches[start : start + PAGE_SIZE], keep)

    def _show_page(self, page: list[JournalRow], keep: str | None) -> None:
        """Put ``page``, the rows of the page numbered ``page_number``, in the table."""
        table = self.table
        start = self.page_number * PAGE_SIZE
        widths = self._column_widths(page)
        same_columns = self._columns == widths
        if same_columns and page == self._shown:
            pass  # the same rows: nothing to draw again (typing often narrows nothing)
        else:
            if same_columns:
                table.clear()  # only the rows change
            else:
                table.clear(columns=True)
                for name, width in zip(_HEADINGS, widths, strict=True):
                    table.add_column(name, width=width)
                self._columns = widths
            self._add_rows(page, widths)
            self._shown = page
        if keep is not None:
            for index, row in enumerate(page):
                if row.entry_id == keep:
                    table.move_cursor(row=index)
                    break
        self._show_status(start, len(page))

    def _add_rows(self, rows: list[JournalRow], widths: tuple[int, ...]) -> None:
        table = self.table
        date_width, _, title_width, areas_width, _ = widths
        for row in rows:
            table.add_row(
                as_written(row.when[:date_width]),
                as_written(KIND_SHORT[row.kind]),
                plain(row.title, title_width),
                plain(area_names(row.areas, short=True), areas_width),
                Text(str(row.exhibits) if row.exhibits else ""),
                key=row.entry_id,
            )

    def _show_status(self, start: int, shown: int) -> None:
        order = "newest first" if self.newest_first else "oldest first"
        total = len(self.given)
        matched = self._match_count
        status = f"{matched:,} of {total:,} {'entry' if total == 1 else 'entries'}"
        searched = " ".join(self.query_one("#journal-search", Input).value.split())
        if searched:
            status += f" matching \u201c{searched}\u201d"
        status += f" · {order}"
        if matched > PAGE_SIZE:
            pages = (matched + PAGE_SIZE - 1) // PAGE_SIZE
            rows = f"rows {start + 1:,}–{start + shown:,}, "
            page = f"page {self.page_number + 1} of {pages} ([ and ] turn pages)"
            # On a narrow screen the keys that turn pages matter more than the row numbers.
            room = self.size.width or (self.app.size.width if self.is_attached else 0)
            if room and len(status) + len(rows) + len(page) + 5 > room:  # " · ", padding
                rows = ""
            status += f" · {rows}{page}"
        problems = self._date_problems()
        if problems:
            status = f"{problems} · {status}"
        if not total:
            status = "No entries yet. Press n to add the first one."
        elif not matched:
            status += " · nothing matches; clear the search or filters to see more"
        # One line of fixed size (see child.tcss): a repaint, not a new layout of the screen.
        self.query_one("#journal-status", Static).update(Text(status), layout=False)

    def _date_problems(self) -> str:
        """What is wrong with the dates typed in the filters, in words: a date that is
        not a real one is left out of the filter, and the parent must know it is."""
        said = []
        for selector, name in (("#journal-from", "from"), ("#journal-to", "to")):
            for box in self.query(selector).results(Input):
                text = box.value.strip()
                complete = len(text.replace("-", "").replace(" ", "")) == 8
                if text.strip("- ") and (complete or not box.has_focus) and not typed_date(text):
                    shown = text.rstrip("- ")
                    said.append(
                        f"{name.capitalize()} {shown} is not a real date, so it is not used"
                    )
        chosen = self.current_filter()
        if chosen.date_from and chosen.date_to and chosen.date_to < chosen.date_from:
            said.append("To is before from, so nothing can match")
        return "; ".join(said)

    def _table_width(self) -> int:
        """The table's width, or while its tab is hidden, the width it will have when shown:
        that of the tab being shown, less the table's border and scrollbar.  Drawing the
        first page at that width saves drawing it twice when the tab is opened."""
        width = self.table.size.width
        if width:
            return width
        shown = self.screen.query(ChildTabs).first().active_pane if self.is_attached else None
        if shown is not None and shown.size.width:
            room = shown.size.width
        else:  # not laid out yet (the app opening on the journal): the tabs span the screen
            room = self.app.size.width if self.is_attached else 0
        if not room:
            return 80
        styles = self.table.styles
        return max(20, room - styles.gutter.width - styles.scrollbar_size_vertical)

    def _column_widths(self, page: list[JournalRow]) -> tuple[int, ...]:
        """The widths of the date, kind, title, areas and files columns for ``page``: the
        short columns as wide as their longest cell, the title the rest of the row."""
        table_width = self._table_width()
        # The time is shown from a table this wide on; below, the date alone.
        date_width = 16 if table_width >= _WIDE else 10
        wanted = [
            max([4] + [len(row.when[:date_width]) for row in page]),
            max([4] + [len(KIND_SHORT[row.kind]) for row in page]),
            max([5] + [len(row.title) for row in page]),
            max([5] + [len(area_names(row.areas, short=True)) for row in page]),
            max([5] + [len(str(row.exhibits)) for row in page]),
        ]
        least = [wanted[0], wanted[1], _TITLE_LEAST, min(wanted[3], _AREAS_LEAST), wanted[4]]
        # Each column has one cell of padding either side; leave room for the scrollbar.
        room = table_width - len(wanted) * 2 - 2
        return tuple(share_width(room, wanted, least, first=[2]))

    def entry_id_at_cursor(self) -> str | None:
        return self.table.highlighted_key

    # --- events --------------------------------------------------------------------------

    @on(Input.Changed, "#journal-search")
    def _search_typed(self) -> None:
        if self._pause_timer is not None:
            self._pause_timer.stop()
            self._pause_timer = None
        # Follow each key at once while that is quick; on a journal so long that it is
        # not, wait for a pause in the typing so that the keys do not queue up.
        if self._last_filter_seconds < SEARCH_PAUSE:
            self.apply_filter()
        else:
            self._pause_timer = self.set_timer(SEARCH_PAUSE, self.apply_filter)

    @on(Input.Submitted, "#journal-search")
    def _search_done(self, event: Input.Submitted) -> None:
        event.stop()
        self.table.focus()

    @on(Select.Changed)
    def _choice_changed(self) -> None:
        self.apply_filter()

    @on(Input.Changed, "#journal-from, #journal-to")
    def _date_typed(self, event: Input.Changed) -> None:
        text = event.value.strip()
        # Follow a date once it is whole (or cleared), not at every digit.
        if not text.strip("-") or len(text) == 10:
            self.apply_filter()

    @on(Input.Blurred, "#journal-from, #journal-to")
    def _date_left(self) -> None:
        # A date left unfinished is not used: the status line says so.
        self._show_status(self.page_number * PAGE_SIZE, len(self._shown))

    @on(RecordTable.RowSelected, "#journal-table")
    def _row_chosen(self, event: RecordTable.RowSelected) -> None:
        event.stop()
        entry_id = self.entry_id_at_cursor()
        if entry_id is not None:
            self.post_message(OpenEntry(entry_id))

    def on_resize(self, event: events.Resize) -> None:
        if len(self.given) and self._column_widths(self._shown) != self._columns:
            self._fill_page(self.entry_id_at_cursor())

    # --- actions -------------------------------------------------------------------------

    def action_focus_search(self) -> None:
        self.query_one("#journal-search", Input).focus()

    def action_toggle_order(self) -> None:
        self.newest_first = not self.newest_first
        self.apply_filter(keep_place=True)

    def action_page(self, step: int) -> None:
        pages = max(1, (len(self.matches) + PAGE_SIZE - 1) // PAGE_SIZE)
        number = min(max(self.page_number + step, 0), pages - 1)
        if number != self.page_number:
            self.page_number = number
            self._fill_page()
            self.table.move_cursor(row=0)

    def action_leave_filters(self) -> None:
        self.table.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "leave_filters":
            focused = self.screen.focused
            return focused is not None and focused is not self.table and self in focused.ancestors
        if action == "page":
            return self._match_count > PAGE_SIZE
        return True
