"""The "as discussed" letter after a meeting: who was there, what was said, who does what.

Advisers' first advice is to confirm every meeting in writing the same day.  Recorded as
sent, the letter becomes a ``correspondence`` entry linked to the meeting, and the
meeting's ``follow_up_sent`` takes its date.
"""

from __future__ import annotations

from collections.abc import Sequence

from sen_workbook import model
from sen_workbook.letters.document import (
    Letter,
    LetterBlock,
    Line,
    bullets,
    dear,
    joined,
    long_date,
    paragraph,
)
from sen_workbook.letters.facts import LetterFacts, NothingToSay, reply_by, sent_correspondence

# Working days the attendees have to say their notes differ.
CORRECTIONS_DAYS = 5


def meeting_follow_up(facts: LetterFacts, entry_id: str | None) -> Letter:
    """A follow-up of the meeting ``entry_id``, or of the latest meeting recorded."""
    meeting = facts.chosen(entry_id, ("meeting",), "a meeting")
    if meeting is None:
        meetings = facts.of_kind("meeting")
        if not meetings:
            raise NothingToSay(
                f"There is no meeting recorded up to {long_date(facts.as_of)} to follow up."
            )
        meeting = meetings[-1]
    purpose = facts.family(meeting.get("purpose", ""))
    said = facts.family(meeting.get("details", ""))
    actions = list(meeting.get("actions") or ())
    held = facts.day(meeting)
    if not (purpose or said or actions):
        raise NothingToSay(
            f"The meeting of {held} records nothing that was said or agreed; add its "
            "purpose, what was said or the actions to the entry first."
        )
    attendees = [shown for shown in map(facts.family, meeting.get("attendees") or ()) if shown]
    to: tuple[str, ...] = tuple(_joined_names(attendees)) or ("Everyone at the meeting",)
    subject = (f"Our meeting on {held} about ", facts.name)
    time = str(meeting.get("date", ""))[11:16]
    body: list[LetterBlock] = [
        paragraph(
            f"Thank you for meeting on {held}{' at ' + time if time else ''} about ",
            facts.name,
            ". So that we all have the same record, this is what I understood was discussed "
            "and agreed.",
        )
    ]
    if attendees:
        body.append(paragraph("Who was there: ", *_joined_names(attendees), "."))
    if purpose:
        body.append(paragraph("What the meeting was for: ", purpose))
    if said:
        body.append(paragraph("What was said: ", said))
    if actions:
        lines: list[Line] = []
        for action in actions:
            line: list[str] = [facts.family(action.get("text", ""))]
            owner = facts.family(action.get("owner", ""))
            due = model.optional_date(action.get("due", ""))
            if owner or due:
                line.append(" (")
                if owner:
                    line += ["by ", owner]
                if due:
                    line.append(f"{', ' if owner else ''}due {long_date(due)}")
                line.append(")")
            if action.get("done"):
                line.append(": done")
            lines.append(tuple(line))
        body += [paragraph("What was agreed:"), bullets(lines)]
    else:
        body.append(paragraph("No actions were agreed."))
    by = reply_by(facts.as_of, CORRECTIONS_DAYS)
    body.append(
        paragraph(
            f"If anything here differs from your notes, please tell me by {long_date(by)}; "
            "otherwise I will take this as our shared record of the meeting.",
        )
    )
    greeting = dear(joined(to), "all") if len(attendees) == 1 else "Dear all,"
    return facts.letter(
        "meeting_follow_up",
        to=to,
        subject=subject,
        body=body,
        greeting=greeting,
        closing="With best wishes,",
        # No reply is owed: corrections only, so no reply date that would become a flag.
        record=sent_correspondence(facts, to, subject, None, meeting, follow_up_of=meeting["id"]),
    )


def _joined_names(names: Sequence[str]) -> list[str]:
    """Names joined with "; " between them, each kept as family text."""
    pieces: list[str] = []
    for number, name in enumerate(names):
        if number:
            pieces.append("; ")
        pieces.append(name)
    return pieces
