"""The summary's statutory deadlines: the duties of others, then the family's own limits.

Kept as one module, apart from the rules themselves (``sen_workbook.deadlines``), so that
how a deadline's state is told can change in one place.
"""

from __future__ import annotations

from sen_workbook import deadlines

from .blocks import table
from .escaping import escape
from .facts import Facts
from .words import plural


def deadline_section(facts: Facts) -> list[str]:
    """The deadlines arising from the requests in the chronology, with their states."""
    lines = ["### Statutory deadlines", ""]
    duties = [d for d in facts.deadlines if d.duty_of != "family"]
    # The family's own time limits are shown while they are ahead, or when met; one
    # that went by is nobody's breach and is left out of the evidence sent to others,
    # but an adviser reading a plain chronology needs to see it.
    own = [
        d for d in facts.deadlines
        if d.duty_of == "family"
        and (d.status != "passed" or facts.options.purpose == "chronology")
    ]
    if not duties:
        lines.append("No statutory deadline for the council, school or others arises "
                     "from the requests in this chronology.")
    else:
        counts = {
            status: sum(d.status == status for d in duties)
            for status in ("missed", "met", "upcoming", "exception")
        }
        lines.append(
            f"Missed: {counts['missed']}. Met: {counts['met']}. "
            f"Upcoming: {counts['upcoming']}. Exception claimed: {counts['exception']}."
        )
        lines.append("")
        lines += table(
            ["Ref", "Deadline", "Who must act", "Source", "From", "Due", "Status",
             "Days late"],
            [deadline_row(facts, d, with_duty=True) for d in duties],
        )
    if own:
        lines += ["", "Time limits for the family's own next steps:", ""]
        lines += table(
            ["Ref", "Time limit", "Source", "From", "Due", "Status"],
            [deadline_row(facts, d, with_duty=False)[:-1] for d in own],
        )
    if facts.hidden_deadlines:
        lines += ["", f"{plural(facts.hidden_deadlines, 'further deadline')} concern only "
                  "entries outside this selection."]
    return lines


def deadline_row(facts: Facts, deadline: deadlines.Deadline, *, with_duty: bool) -> list[str]:
    """One deadline as table cells: ref, label, (who), source, from, due, status, late."""
    # Labels and sources are the rules' own words: escaped, never pseudonymised,
    # so a child called Will does not rename "no EHC plan will be issued".
    label = escape(deadline.label, "cell")
    if deadline.note:  # why the due day moved (Christmas, August, month ends)
        label += f" ({escape(deadline.note, 'cell')})"
    row = [facts.refs.get(deadline.entry_id, ""), label]
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
    """Where a deadline stands, in the words of the table's Status column."""
    done = f" on {deadline.met_on.isoformat()}" if deadline.met_on else ""
    if deadline.status == "met":
        return "Met" + done
    if deadline.status == "missed":
        return "Missed" + (f"; done{done}" if done else "")
    if deadline.status == "upcoming":
        return "Upcoming"
    if deadline.status == "passed":
        return "Passed with nothing recorded"
    if deadline.status == "exception":
        reason = facts.text(deadline.exception_claimed, "cell")
        return "Exception claimed" + (f": {reason}" if reason else "")
    return escape(deadline.status, "cell")
