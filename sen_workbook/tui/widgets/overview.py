"""The overview tab: the current cycle, and a to-do list of what needs attention.

The to-do list holds the flags (concerns waiting for an answer, overdue reviews, actions and
replies, recommendations not carried out, targets not met review after review) and the
statutory deadlines still open, each with its dates.  Choosing one opens the entry behind it.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sen_workbook import analysis, deadlines, model
from sen_workbook.timeline import FLAG_LABELS, RESULT_LABELS
from sen_workbook.tui.widgets.messages import OpenEntry
from sen_workbook.tui.widgets.records import (
    DEADLINE_STATUS,
    ChildRecords,
    area_names,
    days_text,
    one_line,
    open_deadlines,
    provision_lines,
)


def flag_wait(flag: analysis.Flag) -> str:
    """How long a flag has been waiting, in the words that fit its kind."""
    if flag.code == "target_not_met":
        return f"not met at {flag.days} reviews in a row"
    if flag.code == "concern_unanswered":
        return f"waited {days_text(flag.days)}" if flag.days else "raised today"
    if flag.code == "recommendation_not_implemented":
        return f"report of {flag.date.isoformat()}"
    return f"{days_text(flag.days)} overdue"


def deadline_state(due: deadlines.Deadline, as_of_days: int) -> str:
    """Where a deadline stands, in words: missed by, due in, or the exception claimed."""
    if due.status == "missed":
        late = f", {days_text(due.days_late)} late" if due.days_late else ""
        done = f" (done {due.met_on.isoformat()})" if due.met_on else " and not done"
        return f"missed{late}{done}"
    if due.status == "upcoming":
        return "due today" if as_of_days == 0 else f"due in {days_text(as_of_days)}"
    if due.status == "exception":
        reason = " ".join(due.exception_claimed.split())
        return f"{DEADLINE_STATUS['exception']}: {reason}" if reason else DEADLINE_STATUS["exception"]
    return DEADLINE_STATUS.get(due.status, due.status)


def flag_prompt(flag: analysis.Flag) -> Text:
    prompt = Text()
    prompt.append(FLAG_LABELS.get(flag.code, flag.code), style="bold")
    prompt.append(f" · {flag_wait(flag)}", style="italic")
    prompt.append("\n")
    prompt.append(flag.message)
    return prompt


def deadline_prompt(due: deadlines.Deadline, records: ChildRecords) -> Text:
    prompt = Text()
    prompt.append(due.label, style="bold")
    prompt.append(f" · due {due.due.isoformat()} · ")
    state = deadline_state(due, (due.due - records.as_of).days)
    prompt.append(state, style="bold" if due.status == "missed" else "")
    request = records.by_id.get(due.entry_id)
    if request is not None:
        prompt.append(f"\nFrom {request.get('date', '')[:10]}: ")
        prompt.append(one_line(request.get("title", "")))
    prompt.append(f"\n{due.source}", style="dim")
    return prompt


def cycle_summary(records: ChildRecords) -> RenderableType:
    """The latest plan: its dates, targets (with the latest result) and provision."""
    cycle = records.latest_cycle
    if cycle is None:
        return Text(
            "No SEN Support plan recorded yet. When the setting writes one, press n and "
            "choose \u201cSEN Support plan\u201d to add its targets and provision."
        )
    plan = cycle.plan
    heading = Text(f"Cycle {cycle.number}: ", style="bold")
    heading.append(one_line(plan.get("title", "")), style="bold")
    lines = [heading]
    dates = Text(f"Plan of {plan.get('date', '')[:10]}")
    if plan.get("start_date"):
        dates.append(f", started {plan['start_date']}")
    review_date = model.optional_date(plan.get("review_date", ""))
    if review_date is not None:
        dates.append(f", review due {review_date.isoformat()}")
        if cycle.review_overdue:
            overdue = (records.as_of - review_date).days
            dates.append(f" \u2014 OVERDUE by {days_text(overdue)}", style="bold")
    if cycle.reviews:
        latest = cycle.reviews[-1]
        dates.append(f"; reviewed {latest.get('date', '')[:10]}")
    lines.append(dates)
    if cycle.targets:
        table = Table(box=None, expand=True, padding=(0, 1), show_edge=False)
        table.add_column("Target", ratio=3)
        table.add_column("Area", ratio=1)
        table.add_column("By", no_wrap=True)
        table.add_column("Latest result", no_wrap=True)
        for row in cycle.targets:
            latest = next((r for r in reversed(row.results) if r), None)
            table.add_row(
                Text(str(row.target.get("text", ""))),
                Text(area_names([row.target.get("area", "")], short=True)),
                Text(str(row.target.get("by_date", ""))),
                Text(RESULT_LABELS[latest] if latest else "not reviewed yet"),
            )
        lines.append(table)
    else:
        lines.append(Text("No targets recorded in this plan.", style="italic"))
    lines.extend(provision_lines(plan))
    return Group(*lines)


# To-do items drawn at once, and then at a time: a long journal can have hundreds, and the
# list measures each one it is given, so the first screens are shown before the rest.
FIRST_ITEMS = 40
MORE_ITEMS = 100


class OverviewPane(Vertical):
    """The current cycle above, the to-do list below."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.option_entries: dict[str, str] = {}
        self._filling = 0  # counts the fills, so a later one stops an earlier one's rest

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="overview-cycle"):
            yield Static("", id="overview-cycle-text")
        yield Static("Needs attention", id="overview-todo-title", classes="section-title")
        yield OptionList(id="overview-todo")

    def show_records(self, records: ChildRecords) -> None:
        self.query_one("#overview-cycle-text", Static).update(cycle_summary(records))
        todo = self.query_one("#overview-todo", OptionList)
        highlighted = todo.highlighted
        todo.clear_options()
        self.option_entries = {}
        options: list[Option | None] = []
        for number, flag in enumerate(records.flags):
            option_id = f"flag-{number}"
            self.option_entries[option_id] = flag.entry_id
            if options:
                options.append(None)
            options.append(Option(flag_prompt(flag), id=option_id))
        still_open = open_deadlines(records.deadlines)
        if still_open:
            if options:
                options.append(None)
            options.append(Option(Text("Statutory deadlines", style="bold underline"),
                                  disabled=True))
            for number, due in enumerate(still_open):
                option_id = f"deadline-{number}"
                self.option_entries[option_id] = due.entry_id
                if number:
                    options.append(None)
                options.append(Option(deadline_prompt(due, records), id=option_id))
        if not options:
            options.append(Option(
                Text("Nothing needs attention as of "
                     f"{records.as_of.isoformat()}: no concern is waiting for an answer, no "
                     "review or reply is overdue and no statutory deadline is open."),
                disabled=True,
            ))
        self._filling += 1
        self._add_items(options, 0, FIRST_ITEMS, highlighted, self._filling)
        if todo.highlighted is None and self.option_entries:
            todo.highlighted = 0
        missed = sum(1 for d in still_open if d.status == "missed")
        title = f"Needs attention: {len(records.flags)} flag{'s' if len(records.flags) != 1 else ''}"
        if still_open:
            title += f", {len(still_open)} open deadline{'s' if len(still_open) != 1 else ''}"
            if missed:
                title += f" ({missed} missed)"
        title += f" \u2014 as of {records.as_of.isoformat()}"
        self.query_one("#overview-todo-title", Static).update(Text(title))

    def _add_items(self, options: list[Option | None], start: int, count: int,
                   highlighted: int | None, filling: int) -> None:
        """Add ``count`` items from ``start``, and the rest a batch at a time after."""
        if filling != self._filling:
            return  # newer records are being shown
        todo = self.query_one("#overview-todo", OptionList)
        end = min(start + count, len(options))
        if end < len(options) and options[end] is None:
            end += 1  # a divider goes with the item above it
        todo.add_options(options[start:end])
        if highlighted is not None and highlighted < todo.option_count:
            # Where the parent was, once it is there again, unless they have moved on.
            if start == 0 or todo.highlighted in (None, 0):
                todo.highlighted = highlighted
            highlighted = None
        if end < len(options):
            self.set_timer(0.01, lambda: self._add_items(
                options, end, MORE_ITEMS, highlighted, filling))

    @on(OptionList.OptionSelected, "#overview-todo")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        entry_id = self.option_entries.get(event.option_id or "")
        if entry_id:
            self.post_message(OpenEntry(entry_id))
