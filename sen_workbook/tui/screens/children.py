"""The first screen: the children in the workbook, each with where they are and what is waiting."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static
from textual.worker import get_current_worker

from sen_workbook import analysis, deadlines, model, vocabulary
from sen_workbook.child_facts import (
    ChildFacts,
    FactsStopped,
    area_names,
    child_label,
    days_text,
    one_line,
    to_do_words,
)
from sen_workbook.stage import stage_shown, stage_words
from sen_workbook.tui.screens.base import WorkbookScreen
from sen_workbook.tui.styles import stylesheet
from sen_workbook.tui.widgets.banner import read_only_banner
from sen_workbook.tui.widgets.cells import plain
from sen_workbook.tui.widgets.footer import KeyFooter
from sen_workbook.tui.widgets.header import TitleHeader
from sen_workbook.tui.widgets.table import RecordTable, share_width
from sen_workbook.vocabulary import STATUS_SHORT
from sen_workbook.workbook import in_order

# The list's columns, by key.
HEADINGS = {
    "name": "Name",
    "stage": "Stage",
    "review": "Next review",
    "areas": "Areas",
    "attention": "To do",
}

_NAME_FIRST = 24  # a name up to this long is not cut to make room for the next review

EMPTY_WORKBOOK = (
    "This workbook has no children yet.\n\n"
    "Press a to add your first child: their name, their nursery, school or college, and "
    "the areas of need you know about so far. Then press enter to open their journal and "
    "start writing down what happens: concerns you raise, meetings, plans, reports and "
    "letters.\n\n"
    "Press ? for help, or ctrl+q to quit."
)


def review_state(
    cycle: analysis.Cycle | None,
    as_of: date,
    due: Sequence[deadlines.Deadline] = (),
    *,
    ehc_plan: bool = False,
) -> str:
    """The next review, in words: the current plan's review date, "overdue by N days"
    when it has passed unreviewed, or "no current plan since D" when the last plan was
    reviewed and no new plan followed.  A child with an EHC plan: its annual review,
    when the records give its date (a final plan or a review meeting recorded).
    """
    if ehc_plan:
        annual = [d for d in due if d.rule == "annual_review" and d.status != "met"]
        if annual:
            nearest = min(annual, key=lambda d: d.due)
            late = (as_of - nearest.due).days
            if late > 0:
                return f"annual review overdue by {days_text(late)}"
            return f"annual review by {nearest.due.isoformat()}"
    if cycle is None:
        return "no plan yet"
    review_date = model.optional_date(cycle.plan.get("review_date", ""))
    if cycle.reviews:
        last = str(cycle.reviews[-1].get("date", ""))[:10]
        return f"no current plan since {last}"
    if review_date is None:
        return "no review date set"
    if cycle.review_overdue:
        return f"overdue by {days_text((as_of - review_date).days)}"
    return review_date.isoformat()


class ChildrenScreen(WorkbookScreen):
    """Name, stage, next review and the number of things needing attention, per child."""

    CSS_PATH = [stylesheet("children.tcss")]
    TITLE = "SEN Workbook"
    SUB_TITLE = "Children"
    BINDINGS = [
        # Read by the app as the key arrives, before the keys typed after it: the child's
        # screen is then the one in front, and a 2 typed with the enter opens its journal.
        # (The list's own enter reaches the list after those keys were handed to it.)
        Binding("enter", "open_child", "Open", priority=True),
        Binding("a", "add_child", "Add child"),
        Binding("e", "edit_child", "Edit"),
        Binding("d", "remove_child", "Remove"),
        Binding("n", "new_entry", "New entry"),
        Binding("t", "app.trash", "Trash"),
        # ctrl+q is the app's own key; listed here so the first screen's footer shows it.
        Binding("ctrl+q", "app.quit", "Quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.children_shown: list[model.Child] = []
        self.facts: dict[str, tuple[str, str]] = {}  # child id -> (next review, to do)
        # child id -> the stage shown (the records' where they have gone further than the
        # child's details) and the sentence saying where it comes from
        self.stages: dict[str, tuple[str, str]] = {}
        self._facts_unfinished = False
        self._laid_out_for = 0  # the room the columns were shared out for
        self._detail_shown: Text | None = None  # the line under the list, as shown

    def compose(self) -> ComposeResult:
        yield TitleHeader()
        yield from read_only_banner(self.book_app.workbook)
        yield RecordTable(id="children-table")
        yield Static("", id="children-empty", markup=False)
        yield Static("", id="child-detail", markup=False)
        yield KeyFooter(compact=True)

    @property
    def table(self) -> RecordTable:
        return self.query_one("#children-table", RecordTable)

    def reload(self) -> None:
        super().reload()
        book = self.book_app.workbook
        self.children_shown = book.children()
        # The stored records themselves, sorted and read in the background thread, so
        # that a long journal does not hold up the list on the screen.
        stored = book.stored_entries()
        self.facts = {}
        self._facts_unfinished = False
        self._show_rows()
        empty = not self.children_shown
        self.query_one("#children-empty", Static).update(Text(EMPTY_WORKBOOK) if empty else "")
        self.query_one("#children-empty", Static).display = empty
        if empty:
            self.set_focus(None)
        else:
            self.table.focus()
        self.refresh_bindings()
        # Flags and deadlines over a long journal take a while: worked out in a thread
        # (which only reads the records) and filled in when ready.  The thread starts
        # once the list is drawn, so as not to slow the drawing.
        self.call_after_refresh(self._start_facts, list(self.children_shown), stored)

    def _start_facts(self, children: list[model.Child], stored: list[model.Entry]) -> None:
        if self.app.screen is not self:  # a child was opened at once: finished on return
            self._facts_unfinished = True
            return
        self._work_out(children, stored, self.book_app.today())

    def _show_rows(self) -> None:
        table = self.table
        keep = table.highlighted_key
        table.clear(columns=True)
        children = self.children_shown
        shown = [self.facts.get(c["id"], ("", "")) for c in children]
        cells = {
            "name": [child_label(c) for c in children],
            "stage": [self._stage(c) for c in children],
            "review": [review for review, _ in shown],
            "areas": [area_names(c.get("areas", ()), short=True) for c in children],
            "attention": [count for _, count in shown],
        }
        wanted = {
            key: max([len(HEADINGS[key])] + [len(cell) for cell in column])
            for key, column in cells.items()
        }
        # Names first (up to a full first and last name), the short columns (stage, areas,
        # count) as wide as their content; then the next review (said in full in the line
        # below the list), and any room beyond goes to the names.
        least = {"name": 14, "review": len(HEADINGS["review"])}
        share = dict(wanted, name=min(wanted["name"], _NAME_FIRST))
        room = self._laid_out_for = self._room()
        # The areas only where the whole row fits with them: on a narrow screen the names
        # and the next review matter more, and the line below the list names the areas.
        keys = list(HEADINGS)
        if not self.facts or sum(wanted.values()) + len(keys) * 2 > room:
            keys.remove("areas")
        widths = dict(
            zip(
                keys,
                share_width(
                    room - len(keys) * 2,  # one cell of padding either side of each column
                    [share[key] for key in keys],
                    [least.get(key, wanted[key]) for key in keys],
                    first=[0],
                ),
                strict=True,
            )
        )
        for key in keys:
            table.add_column(HEADINGS[key], key=key)
        waiting = Text("\u2026", style="dim")
        for child in children:
            review, count = self.facts.get(child["id"], (None, None))
            row = {
                "name": plain(child_label(child), widths["name"]),
                "stage": Text(self._stage(child)),
                "review": plain(review, widths["review"]) if review is not None else waiting,
                "areas": Text(area_names(child.get("areas", ()), short=True)),
                "attention": waiting
                if count is None
                else Text(count, style="dim" if count == "nothing" else "bold"),
            }
            table.add_row(*(row[key] for key in keys), key=child["id"])
        table.display = bool(self.children_shown)
        if keep is not None and keep in {c["id"] for c in self.children_shown}:
            table.move_cursor(row=table.get_row_index(keep))
        self._show_detail()

    def _stage(self, child: model.Child) -> str:
        """The stage in the list: the records' where they have gone further."""
        key = str(self.stages.get(child["id"], (child["status"], ""))[0])
        return STATUS_SHORT.get(key) or key

    def _room(self) -> int:
        """The cells the list's columns share: the screen's width less the border, and
        less the scrollbar when the rows are more than the list shows."""
        visible = (self.table.size.height or self.size.height) - 3  # border and headings
        return (self.size.width or 80) - 2 - (2 if len(self.children_shown) > visible else 0)

    def on_resize(self) -> None:
        # Textual sends a resize at start (three, as the screen and the terminal settle)
        # with the size the list was laid out for: making its rows again for each drew
        # the list three more times, one of them with every column cut to its heading.
        if self.children_shown and self._room() != self._laid_out_for:
            self._show_rows()

    # A description of its own: by default Textual writes out every argument (every record).
    @work(thread=True, exclusive=True, group="children-facts", description="each child's to-do")
    def _work_out(
        self, children: list[model.Child], stored: list[model.Entry], today: date
    ) -> None:
        # Only read here (the analysis changes nothing), so the stored records are used
        # as they are, without copies.  Each child's are put in order on their own turn,
        # so that a child opened meanwhile stops this work within a few milliseconds.
        by_child: dict[str, list[model.Entry]] = defaultdict(list)
        for entry in stored:
            by_child[entry["child_id"]].append(entry)
        facts: dict[str, tuple[str, str]] = {}
        stages: dict[str, tuple[str, str]] = {}
        worker = get_current_worker()
        for child in children:
            if worker.is_cancelled:
                return  # a child was opened: leave the processor to the workspace
            entries = in_order(by_child.get(child["id"], []))
            # The same facts the child's workspace works out, so the two never disagree.
            try:
                known = ChildFacts.build(child, entries, today, stop=lambda: worker.is_cancelled)
            except FactsStopped:
                return
            stages[child["id"]] = (
                stage_shown(child, known.known, today),
                stage_words(child, known.known, today),
            )
            review = review_state(
                known.latest_cycle,
                today,
                known.deadlines,
                ehc_plan=stages[child["id"]][0] == "ehc_plan",
            )
            facts[child["id"]] = (review, to_do_words(known.to_do(), short=True))
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._fill_in, facts, stages)

    def on_screen_suspend(self) -> None:
        # A child's workspace is opening: it needs the processor more than this list.
        if any(w.group == "children-facts" and not w.is_finished for w in self.workers):
            self.workers.cancel_group(self, "children-facts")
            self._facts_unfinished = True

    def needs_reload(self) -> bool:
        # Also when the facts were left unfinished because a child was opened.
        return super().needs_reload() or self._facts_unfinished

    def _fill_in(
        self, facts: dict[str, tuple[str, str]], stages: dict[str, tuple[str, str]]
    ) -> None:
        self.facts = facts
        self.stages = stages
        self._show_rows()

    def highlighted_child(self) -> model.Child | None:
        key = self.table.highlighted_key
        return next((c for c in self.children_shown if c["id"] == key), None)

    def _show_detail(self) -> None:
        child = self.highlighted_child()
        if child is None:
            self._show_detail_line(Text())
            return
        parts = [
            one_line(child.get(name, ""))
            for name in ("setting", "year_group")
            if str(child.get(name, "")).strip()
        ]
        if child.get("senco"):
            parts.append("SENCo: " + one_line(child["senco"]))
        if child.get("areas"):
            parts.append("Areas: " + area_names(child["areas"]))
        said = self.stages.get(child["id"], ("", ""))[1]
        parts.append(said or vocabulary.STATUS_LABELS.get(child["status"], child["status"]))
        review = self.facts.get(child["id"], ("", ""))[0]
        if review:
            parts.append("Next review: " + review)
        line = Text(" \u00b7 ".join(parts))
        line.append("\nenter opens the journal, overview, cycles and timeline.", style="dim")
        self._show_detail_line(line)

    def _show_detail_line(self, line: Text) -> None:
        # The list's first row is highlighted as it is filled, and the news of it comes
        # after the list is drawn: the same line again laid the whole screen out and drew
        # it again, each time the list opened.  It is shown again only when it changes.
        if line == self._detail_shown:
            return
        self._detail_shown = line
        self.query_one("#child-detail", Static).update(line)

    @on(RecordTable.RowHighlighted, "#children-table")
    def _highlighted(self) -> None:
        self._show_detail()

    @on(RecordTable.RowSelected, "#children-table")
    def _chosen(self, event: RecordTable.RowSelected) -> None:
        if event.row_key.value:
            self.book_app.open_child(str(event.row_key.value))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.changes_hidden(action):
            return False
        if action == "open_child":
            return self.focused is self.table and self.highlighted_child() is not None
        if action in ("edit_child", "remove_child", "new_entry"):
            return bool(self.children_shown)
        return True

    # --- actions -------------------------------------------------------------------------

    def action_open_child(self) -> None:
        child = self.highlighted_child()
        if child is not None:
            self.book_app.open_child(child["id"])

    def action_add_child(self) -> None:
        self.book_app.add_child()

    def action_edit_child(self) -> None:
        child = self.highlighted_child()
        if child is not None:
            self.book_app.edit_child(child["id"])

    def action_remove_child(self) -> None:
        child = self.highlighted_child()
        if child is not None:
            self.book_app.remove_child(child["id"])

    def action_new_entry(self) -> None:
        child = self.highlighted_child()
        if child is not None:
            self.book_app.new_entry(child["id"])
