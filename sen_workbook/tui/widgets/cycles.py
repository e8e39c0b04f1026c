"""The cycles tab: each plan with its targets against each review's result, and its provision.

One card per Assess, Plan, Do, Review cycle (SEND Code of Practice 6.44 to 6.56), oldest
first, so a parent can follow a target carried from plan to plan.  The highlighted card is
the plan that "review this plan" and "new plan carrying targets over" act on.
"""

from __future__ import annotations

from collections import Counter

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sen_workbook import analysis, model, vocabulary
from sen_workbook.child_facts import ChildFacts, area_names, days_text, one_line
from sen_workbook.tui.widgets.cells import provision_lines
from sen_workbook.tui.widgets.messages import OpenEntry
from sen_workbook.vocabulary import RESULT_LABELS

RESULT_STYLES = {"met": "bold", "partly": "", "not_met": "bold reverse"}


def cycle_card(cycle: analysis.Cycle, records: ChildFacts) -> RenderableType:
    """A cycle as the parent reads it: the plan, the Assess step, targets by review."""
    plan = cycle.plan
    heading = Text(f"Cycle {cycle.number}: ", style="bold")
    heading.append(one_line(plan.get("title", "")), style="bold")
    dates = Text(f"Plan of {str(plan.get('date', ''))[:10]}")
    if plan.get("review_date"):
        dates.append(f" \u00b7 review due {plan['review_date']}")
    if cycle.review_overdue:
        due = model.optional_date(plan["review_date"])
        overdue = (records.as_of - due).days if due else 0
        dates.append(f" \u2014 OVERDUE by {days_text(overdue)}", style="bold")
    reviewed = ", ".join(str(r.get("date", ""))[:10] for r in cycle.reviews)
    dates.append(f" \u00b7 reviewed {reviewed}" if reviewed else " \u00b7 not reviewed yet")
    parts: list[RenderableType] = [heading, dates]
    if cycle.assess:
        counted = Counter(vocabulary.KIND_LABELS[e["kind"]].lower() for e in cycle.assess)
        said = ", ".join(f"{n} {kind}{'s' if n != 1 else ''}" for kind, n in counted.items())
        parts.append(Text(f"Assess: {said} before this plan", style="dim"))
    if cycle.targets:
        table = Table(box=None, expand=True, padding=(0, 1), show_edge=False)
        table.add_column("Target", ratio=3)
        table.add_column("Area", ratio=1)
        for number, review in enumerate(cycle.reviews, 1):
            table.add_column(f"Review {number}\n{str(review.get('date', ''))[:10]}", no_wrap=True)
        if not cycle.reviews:
            table.add_column("Result", no_wrap=True)
        for row in cycle.targets:
            cells = [
                Text(one_line(row.target.get("text", ""))),
                Text(area_names([row.target.get("area", "")], short=True)),
            ]
            for result in row.results:
                label = RESULT_LABELS[result] if result else "not assessed"
                cells.append(Text(label, style=RESULT_STYLES.get(result or "", "dim")))
            if not cycle.reviews:
                cells.append(Text("not reviewed yet", style="dim"))
            table.add_row(*cells)
        parts.append(table)
    else:
        parts.append(Text("No targets recorded in this plan.", style="italic"))
    parts.extend(provision_lines(plan))
    return Group(*parts)


class CyclesPane(Vertical):
    """Every cycle of the child, oldest first; enter opens the plan."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.plan_ids: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static("", id="cycles-hint", classes="hint")
        yield OptionList(id="cycles-list")

    def show_records(self, records: ChildFacts) -> None:
        listing = self.query_one("#cycles-list", OptionList)
        highlighted = listing.highlighted
        listing.clear_options()
        self.plan_ids = [cycle.plan["id"] for cycle in records.cycles]
        hint = self.query_one("#cycles-hint", Static)
        if not records.cycles:
            hint.update(
                Text(
                    "No SEN Support plans yet. Each plan opens a cycle of Assess, Plan, Do and "
                    "Review; press n and choose \u201cSEN Support plan\u201d to add one."
                )
            )
            listing.display = False
            return
        listing.display = True
        hint.update(
            Text(
                f"{len(records.cycles)} cycle{'s' if len(records.cycles) != 1 else ''}. "
                "r reviews the highlighted plan, p starts a new plan carrying its targets over."
            )
        )
        options: list[Option | None] = []
        for cycle in records.cycles:
            if options:
                options.append(None)
            options.append(Option(cycle_card(cycle, records), id=cycle.plan["id"]))
        listing.add_options(options)
        last = listing.option_count - 1
        listing.highlighted = (
            highlighted if highlighted is not None and highlighted <= last else last
        )

    @property
    def highlighted_plan_id(self) -> str | None:
        listing = self.query_one("#cycles-list", OptionList)
        option = listing.highlighted_option
        return option.id if option is not None else None

    @on(OptionList.OptionSelected, "#cycles-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_id:
            self.post_message(OpenEntry(event.option_id))
