"""The summary's statutory deadlines: the family's open windows, the duties of others,
then the family's own limits done or gone by.

Kept as one module, apart from the rules themselves (``sen_workbook.deadlines``), so that
how a deadline's state is told can change in one place.  The words of each state are the
deadline's own ``sentence``, so the timeline, the app and the letters say the same.
"""

from __future__ import annotations

from sen_workbook import deadlines

from .blocks import table
from .escaping import escape
from .facts import Facts
from .words import left_out


def deadline_section(facts: Facts) -> list[str]:
    """The deadlines arising from the requests in the chronology, with their states.

    First the family's own windows still open, which are what an adviser acts on first:
    shown in every purpose, even when the decision they run from is outside the
    selection.  Then the duties of others, with their counts.  Then the family's own
    steps done, or gone by (those only in a plain chronology: nobody's breach, left out
    of the evidence sent to others).
    """
    lines = ["### Statutory deadlines", ""]
    duties = [d for d in facts.deadlines if d.duty_of != "family"]
    open_now = [d for d in facts.all_deadlines if d.duty_of == "family" and d.status == "upcoming"]
    open_ids = {(d.rule, d.entry_id) for d in open_now}
    own = [
        d
        for d in facts.deadlines
        if d.duty_of == "family"
        and (d.rule, d.entry_id) not in open_ids
        and (d.status != "passed" or facts.options.purpose == "chronology")
    ]
    if open_now:
        lines += ["Open now for the family:", ""]
        lines += table(
            ["Ref", "Time limit", "Source", "From", "Until", "Where it stands"],
            [deadline_row(facts, d, with_duty=False)[:-1] for d in open_now],
        )
        lines.append("")
    if not duties:
        lines.append(
            "No statutory deadline for the council, school or others arises "
            "from the requests in this chronology."
        )
    else:
        counts = {
            status: sum(d.status == status for d in duties)
            for status in ("missed", "met", "upcoming", "exception", "passed")
        }
        line = (
            f"Missed: {counts['missed']}. Met: {counts['met']}. "
            f"Upcoming: {counts['upcoming']}. Exception claimed: {counts['exception']}."
        )
        if counts["passed"]:
            line += f" Gone by without a breach: {counts['passed']}."
        lines += [line, ""]
        lines += table(
            ["Ref", "Deadline", "Who must act", "Source", "From", "Due", "Status", "Days late"],
            [deadline_row(facts, d, with_duty=True) for d in duties],
        )
    if own:
        lines += ["", "The family's own time limits, done or gone by:", ""]
        lines += table(
            ["Ref", "Time limit", "Source", "From", "Due", "Status"],
            [deadline_row(facts, d, with_duty=False)[:-1] for d in own],
        )
    hidden = facts.hidden_deadlines - sum(1 for d in open_now if d.entry_id not in facts.refs)
    if hidden:
        lines += ["", left_out(hidden, "deadline")]
    return lines


def deadline_row(facts: Facts, deadline: deadlines.Deadline, *, with_duty: bool) -> list[str]:
    """One deadline as table cells: ref, label, (who), source, from, due, status, late."""
    # Labels and sources are the rules' own words: escaped, never pseudonymised,
    # so a child called Will does not rename "no EHC plan will be issued".
    label = escape(deadline.label, "cell")
    if deadline.note:  # why the due day is that day (moved, restarted, waiting)
        label += f" ({escape(deadline.note, 'cell')})"
    ref = facts.refs.get(deadline.entry_id) or facts.cite(deadline.entry_id)
    row = [ref, label]
    if with_duty:
        row.append(escape(deadline.duty_of.capitalize(), "cell"))
    return row + [
        escape(deadline.source, "cell"),
        deadline.start.isoformat(),
        deadline.due.isoformat(),
        deadline_status(facts, deadline),
        str(deadline.days_late) if deadline.days_late > 0 else "",
    ]


def deadline_status(facts: Facts, deadline: deadlines.Deadline) -> str:
    """The sentence a parent reads for the deadline's state (the same words as in the
    app and the letters), and the family's reason when they claimed an exception."""
    # The sentence is the tool's own words and dates: nothing in it is markup.
    words = deadline.sentence
    if deadline.status == "exception":
        reason = facts.text(deadline.exception_claimed, "cell")
        if reason:
            words += f" Reason given: {reason}"
    return words
