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
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sen_workbook import analysis, deadlines, letters, model
from sen_workbook.child_facts import (
    URGENCY_GROUPS,
    ChildFacts,
    area_names,
    days_text,
    one_line,
    to_do_words,
)
from sen_workbook.tui.widgets.cells import provision_lines
from sen_workbook.tui.widgets.messages import OpenEntry
from sen_workbook.vocabulary import FLAG_LABELS, RESULT_LABELS


def flag_wait(flag: analysis.Flag) -> str:
    """How long a flag has been waiting, in the words that fit its kind."""
    if flag.code == "target_not_met":
        return f"not met at {flag.days} reviews in a row"
    if flag.code == "concern_unanswered":
        return f"waited {days_text(flag.days)}" if flag.days else "raised today"
    if flag.code == "recommendation_not_implemented":
        return f"report of {flag.date.isoformat()}"
    return f"{days_text(flag.days)} overdue"


def deadline_state(due: deadlines.Deadline) -> str:
    """Where a deadline stands, in the words the timeline and the letters use too, with
    the family's reason when they claimed an exception."""
    words = due.sentence
    reason = " ".join(due.exception_claimed.split())
    if due.status == "exception" and reason:
        words += f" Reason given: {reason}"
    return words


def flag_prompt(flag: analysis.Flag) -> Text:
    prompt = Text()
    prompt.append(FLAG_LABELS.get(flag.code, flag.code), style="bold")
    prompt.append(f" · {flag_wait(flag)}", style="italic")
    prompt.append("\n")
    prompt.append(flag.message)
    return prompt


# States with no fixed day yet: the sentence says what the day waits on.
_WAITING_STATES = ("certificate_pending", "clock_stopped")


def deadline_prompt(due: deadlines.Deadline, records: ChildFacts) -> Text:
    prompt = Text()
    prompt.append(due.label, style="bold")
    if due.state not in _WAITING_STATES:
        days = (due.due - records.as_of).days
        when = (
            "due today" if days == 0 and due.status == "upcoming" else f"due {due.due.isoformat()}"
        )
        prompt.append(f" \u00b7 {when}")
    prompt.append("\n")
    prompt.append(deadline_state(due), style="bold" if due.status == "missed" else "")
    if due.note:
        prompt.append(f"\n{due.note[0].upper()}{due.note[1:]}.", style="italic")
    request = records.by_id.get(due.entry_id)
    if request is not None:
        prompt.append(f"\nFrom {request.get('date', '')[:10]}: ")
        prompt.append(one_line(request.get("title", "")))
    prompt.append(f"\n{due.source}", style="dim")
    return prompt


def cycle_summary(records: ChildFacts, *, read_only: bool = False) -> RenderableType:
    """The latest plan: its dates, targets (with the latest result) and provision; the
    keys for a review and the next plan, unless this window cannot make changes."""
    cycle = records.latest_cycle
    if cycle is None:
        return Text(
            "No SEN Support plan recorded yet. When the setting writes one, press n and "
            "choose \u201cSEN Support plan\u201d to add its targets and provision."
        )
    plan = cycle.plan
    heading = Text(f"Cycle {cycle.number}: ", style="bold")
    heading.append(one_line(plan.get("title", "")), style="bold")
    lines: list[RenderableType] = [heading]
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
    if not read_only:
        lines.append(
            Text("r: review this plan \u00b7 p: the next plan, targets carried over", style="dim")
        )
    if cycle.targets:
        table = Table(box=None, expand=True, padding=(0, 1), show_edge=False)
        table.add_column("Target", ratio=3)
        table.add_column("Area", ratio=1)
        table.add_column("By", no_wrap=True)
        table.add_column("Latest result", no_wrap=True)
        for row in cycle.targets:
            result = next((r for r in reversed(row.results) if r), None)
            table.add_row(
                Text(str(row.target.get("text", ""))),
                Text(area_names([row.target.get("area", "")], short=True)),
                Text(str(row.target.get("by_date", ""))),
                Text(RESULT_LABELS[result] if result else "not reviewed yet"),
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


def letter_for_item(
    item: analysis.Flag | deadlines.Deadline, records: ChildFacts
) -> tuple[str, str | None, str] | None:
    """(letter type, entry, deadline rule) answering a to-do item, or None if none does.

    A statutory deadline someone else must meet is chased; the family's own time to
    comment on a draft plan is used by commenting on it; a flag takes the letter that
    answers it (see :func:`sen_workbook.letters.letter_for_flag`).
    """
    entry = records.by_id.get(item.entry_id)
    if isinstance(item, deadlines.Deadline):
        if item.state == "clock_stopped":
            return None  # the organisation is waiting for the family: nothing to chase
        if item.duty_of != "family":
            return "deadline_chaser", item.entry_id, item.rule
        if item.rule == "draft_plan_comments":
            return "draft_plan_response", item.entry_id, ""
        return None
    letter_type, about = letters.letter_for_flag(item.code, entry)
    return letter_type, about, ""


def letter_key_label(letter_type: str) -> str:
    """Which of the overview's letter keys shows for a letter type."""
    return {"deadline_chaser": "chase", "meeting_follow_up": "follow_up"}.get(letter_type, "other")


class TodoList(OptionList):
    """The to-do list.  With its first item highlighted it shows from its top, so the first
    group's heading is in view above it even when that item is as tall as the list.

    Where the highlight goes is otherwise scrolled into view as in any option list; without
    this, whether the heading showed depended on whether the list was sized before or after
    its first item was highlighted, which is a matter of timing.
    """

    def scroll_to_highlight(self, top: bool = False) -> None:
        first = next((n for n, option in enumerate(self.options) if not option.disabled), None)
        if self.highlighted is not None and self.highlighted == first:
            self.scroll_home(animate=False, immediate=True)
        else:
            super().scroll_to_highlight(top)


class OverviewPane(Vertical):
    """The current cycle above, the to-do list below; w writes the letter that answers
    the highlighted item."""

    # One key, three words, each for the items it fits.  They are named on the line
    # under the list, not in the footer, which has no room left at 80 columns.
    BINDINGS = [
        Binding("w", "letter('chase')", "Chase this", show=False),
        Binding("w", "letter('follow_up')", "Follow up this meeting", show=False),
        Binding("w", "letter('other')", "Write a letter about this", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.option_entries: dict[str, str] = {}
        self.option_items: dict[str, analysis.Flag | deadlines.Deadline] = {}
        self.records: ChildFacts | None = None
        self._filling = 0  # counts the fills, so a later one stops an earlier one's rest

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="overview-cycle"):
            yield Static("", id="overview-cycle-text")
        yield Static("Needs attention", id="overview-todo-title", classes="section-title")
        yield TodoList(id="overview-todo")
        yield Static("", id="overview-letter-hint", markup=False)

    def show_records(self, records: ChildFacts) -> None:
        workbook = getattr(self.app, "workbook", None)  # none in an app made for one widget
        read_only = bool(workbook is not None and workbook.read_only)
        self.query_one("#overview-cycle-text", Static).update(
            cycle_summary(records, read_only=read_only)
        )
        todo = self.query_one("#overview-todo", OptionList)
        highlighted = todo.highlighted
        todo.clear_options()
        self.records = records
        self.option_entries = {}
        self.option_items = {}
        options: list[Option | None] = []
        # Most urgent first: missed statutory deadlines, those due within 7 days, overdue
        # replies and actions, then the rest, each group by days late.
        groups = records.to_do()
        numbers = {"flag": 0, "deadline": 0}
        for key, heading, _words in URGENCY_GROUPS:
            items = groups[key]
            if not items:
                continue
            if options:
                options.append(None)
            # A heading is a disabled option, which the list dims: its own style (and
            # child.tcss) keep it as bright as the text, and a missed deadline's red.
            style = "bold underline red" if key == "missed" else "bold underline"
            options.append(Option(Text(f"{heading} ({len(items)})", style=style), disabled=True))
            for place, item in enumerate(items):
                kind = "flag" if isinstance(item, analysis.Flag) else "deadline"
                option_id = f"{kind}-{numbers[kind]}"
                numbers[kind] += 1
                self.option_entries[option_id] = item.entry_id
                self.option_items[option_id] = item
                if place:
                    options.append(None)
                prompt = (
                    flag_prompt(item)
                    if isinstance(item, analysis.Flag)
                    else deadline_prompt(item, records)
                )
                options.append(Option(prompt, id=option_id))
        if not options:
            options.append(
                Option(
                    Text(
                        "Nothing needs attention as of "
                        f"{records.as_of.isoformat()}: no concern is waiting for an answer, no "
                        "review or reply is overdue and no statutory deadline is open."
                    ),
                    disabled=True,
                )
            )
        self._filling += 1
        self._add_items(options, 0, FIRST_ITEMS, highlighted, self._filling)
        if todo.highlighted is None and self.option_entries:
            todo.highlighted = 1  # the first item, under its group's heading
        self.show_letter_hint()
        title = f"Needs attention, {to_do_words(groups)} \u2014 as of {records.as_of.isoformat()}"
        self.query_one("#overview-todo-title", Static).update(Text(title))

    def _add_items(
        self,
        options: list[Option | None],
        start: int,
        count: int,
        highlighted: int | None,
        filling: int,
    ) -> None:
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
            self.set_timer(
                0.01, lambda: self._add_items(options, end, MORE_ITEMS, highlighted, filling)
            )

    @on(OptionList.OptionSelected, "#overview-todo")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        entry_id = self.option_entries.get(event.option_id or "")
        if entry_id:
            self.post_message(OpenEntry(entry_id))

    # --- letters ---------------------------------------------------------------------------

    def highlighted_letter(self) -> tuple[str, str | None, str] | None:
        """The letter answering the highlighted to-do item, if there is one."""
        todo = self.query_one("#overview-todo", OptionList)
        if todo.highlighted is None or self.records is None:
            return None
        option_id = todo.get_option_at_index(todo.highlighted).id or ""
        item = self.option_items.get(option_id)
        return letter_for_item(item, self.records) if item is not None else None

    @on(OptionList.OptionHighlighted, "#overview-todo")
    def _highlighted(self) -> None:
        self.show_letter_hint()

    def show_letter_hint(self) -> None:
        """Name the letter key's action for the highlighted item on the line under the list."""
        letter = self.highlighted_letter()
        hint = Text()
        if letter is not None:
            words = {
                binding.action: binding.description
                for binding in self.BINDINGS
                if isinstance(binding, Binding)
            }
            hint.append("w", style="bold")
            label = letter_key_label(letter[0])
            hint.append(f" {words[f'letter({label!r})']}")
            if label == "other":  # the other two say which letter they write
                hint.append(f": {letters.LETTER_TYPES[letter[0]].label.lower()}")
        self.query_one("#overview-letter-hint", Static).update(hint)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "letter":
            letter = self.highlighted_letter()
            return letter is not None and letter_key_label(letter[0]) == parameters[0]
        return True

    def action_letter(self, _label: str) -> None:
        letter = self.highlighted_letter()
        if letter is not None and self.records is not None:
            letter_type, entry_id, rule = letter
            self.app.write_letter(  # type: ignore[attr-defined]
                self.records.child["id"], letter_type, entry_id, rule
            )
