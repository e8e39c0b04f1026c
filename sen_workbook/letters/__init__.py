"""Letters written from the records: the request, the chaser, the follow-up.

Pure: a child, their entries and a few options in, a :class:`Letter` out, then written as
Markdown (:func:`markdown`), plain text (:func:`plain_text`) or a PDF (:func:`pdf`).  The
facts are the evidence timeline's (same cycles, flags, statutory deadlines, ``R`` and
``E`` references), so a letter and the timeline prepared on the same day never
disagree.  A letter for which the records hold nothing to say raises
:class:`NothingToSay` with a sentence saying so, rather than an empty letter.

Each letter carries the entry that records it as sent (:attr:`Letter.record`): a
``correspondence`` entry (with a reply date where there is one) or, for a formal
request, a ``request`` entry, so the deadlines that follow start on their own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any, NamedTuple

from sen_workbook.deadlines import Deadline
from sen_workbook.letters.chasers import chaseable, complaint, concern, deadline_chaser
from sen_workbook.letters.document import (
    UNSIGNED,
    Letter,
    Record,
    markdown,
    markdown_of_text,
    plain_text,
    unsigned_warning,
)
from sen_workbook.letters.facts import LetterError, LetterFacts, NothingToSay
from sen_workbook.letters.meetings import meeting_follow_up
from sen_workbook.letters.plans import annual_review_reports, draft_plan_response
from sen_workbook.letters.requests import education_record, ehcna_request, subject_access

__all__ = [
    "LETTER_TYPES",
    "UNSIGNED",
    "Letter",
    "LetterError",
    "LetterType",
    "NothingToSay",
    "Record",
    "chaseable_deadlines",
    "letter_for_entry",
    "letter_for_flag",
    "markdown",
    "markdown_of_text",
    "pdf",
    "plain_text",
    "recorded_entry",
    "unsigned_warning",
    "write_letter",
]


class LetterType(NamedTuple):
    """One kind of letter: who it goes to and what it is drawn from."""

    key: str
    label: str
    summary: str  # one line, for ``letter --list`` and the app's menu
    entry_kinds: tuple[str, ...]  # what ``--entry`` may name ("" request type after ":")
    with_refs: bool  # it goes with an evidence bundle: facts carry R and E references
    write: Callable[[LetterFacts, str | None], Letter]


LETTER_TYPES: dict[str, LetterType] = {
    t.key: t
    for t in (
        LetterType(
            "ehcna_request",
            "Request for an EHC needs assessment",
            "to the council: the needs, concerns, support tried and its results, "
            "incidents and views (s.36, Code 9.14)",
            (),
            True,
            ehcna_request,
        ),
        LetterType(
            "deadline_chaser",
            "Chase a statutory deadline",
            "to whoever must act: a missed or nearly due deadline with its rule, due "
            "date and days late",
            ("request",),
            False,
            deadline_chaser,
        ),
        LetterType(
            "meeting_follow_up",
            "Follow up a meeting",
            "to the attendees: what the meeting was for, what was said, who does what by when",
            ("meeting",),
            False,
            meeting_follow_up,
        ),
        LetterType(
            "concern",
            "Put a concern in writing",
            "to the setting: the worry, examples from home, the questions and a reply date",
            ("concern",),
            False,
            concern,
        ),
        LetterType(
            "education_record",
            "Ask for the education record",
            "to a maintained school: see and copy the record within 15 school days",
            (),
            False,
            education_record,
        ),
        LetterType(
            "subject_access",
            "Subject access request",
            "to a school, trust or council: personal data within one month, and what to include",
            (),
            False,
            subject_access,
        ),
        LetterType(
            "complaint",
            "Make a formal complaint",
            "to the setting or council, by stage: what was asked, answered and missed",
            ("concern", "correspondence", "request", "meeting"),
            True,
            complaint,
        ),
        LetterType(
            "draft_plan_response",
            "Comment on a draft EHC plan",
            "to the council: the 15 days, and report recommendations to check "
            "against sections B and F",
            ("request",),
            False,
            draft_plan_response,
        ),
        LetterType(
            "annual_review_reports",
            "Ask for reports before an annual review",
            "to the school or council: the review date and the two-week rule (reg 20(4))",
            ("meeting", "request"),
            False,
            annual_review_reports,
        ),
    )
}


def write_letter(
    child: Mapping[str, Any],
    entries: Sequence[Mapping[str, Any]],
    letter_type: str,
    *,
    as_of: date,
    entry_id: str | None = None,
    pseudonym: str = "",
    rule: str = "",
    signed: str = "",
) -> Letter:
    """The letter of ``letter_type`` about ``child``, as of ``as_of``.

    ``entries`` may hold other children's; only ``child``'s are used.  ``entry_id``
    names the entry the letter is about (a meeting, a concern, a request); without it,
    the letter takes the latest that fits.  ``rule`` picks one deadline of a request
    for a chaser.  Raises :class:`NothingToSay` when the records hold nothing for the
    letter to say, and :class:`LetterError` for an unknown type, an entry that does not
    fit or a pseudonym holding the child's name; each with one sentence.  ``signed`` is
    the parent's name the letter ends with (:data:`UNSIGNED` stands in for it if empty).
    """
    kind = LETTER_TYPES.get(letter_type)
    if kind is None:
        raise LetterError(
            f"There is no letter type {letter_type!r}; the types are {', '.join(LETTER_TYPES)}."
        )
    facts = LetterFacts(child, entries, as_of=as_of, pseudonym=pseudonym, with_refs=kind.with_refs)
    if letter_type == "deadline_chaser":
        letter = deadline_chaser(facts, entry_id, rule)
    else:
        letter = kind.write(facts, entry_id)
    return letter._replace(signed=signed.strip())


def chaseable_deadlines(
    child: Mapping[str, Any], entries: Sequence[Mapping[str, Any]], *, as_of: date
) -> list[Deadline]:
    """The statutory deadlines a chaser could be written for, in order of due day."""
    return chaseable(LetterFacts(child, entries, as_of=as_of))


def recorded_entry(letter: Letter, text: str) -> tuple[str, dict[str, Any]]:
    """(kind, fields) of the entry that records ``letter`` as sent, its text as details.

    ``text`` is the letter as sent (after the parent's edits), kept whole in the entry.
    """
    return letter.record.kind, {**letter.record.fields, "details": text}


# The letter that answers each flag on the overview: chase the answer, follow the
# meeting up, or take what was not done to a complaint.
_FOR_FLAG = {
    "concern_unanswered": "concern",
    "action_overdue": "meeting_follow_up",
    "target_not_met": "ehcna_request",
    "review_overdue": "complaint",
    "reply_overdue": "complaint",
    "recommendation_not_implemented": "complaint",
}


def letter_for_flag(code: str, entry: Mapping[str, Any] | None) -> tuple[str, str | None]:
    """(letter type, entry it is about) for a flag of ``code`` raised by ``entry``.

    The entry is passed on only where that letter takes one of its kind (a complaint
    can be about a letter, not about a plan).
    """
    letter_type = _FOR_FLAG.get(code, "complaint")
    return letter_type, _about(letter_type, entry)


def letter_for_entry(entry: Mapping[str, Any]) -> tuple[str, str | None]:
    """(letter type, entry it is about) for a letter written from one entry."""
    kind = entry.get("kind")
    if kind == "meeting":
        return "meeting_follow_up", entry["id"]
    if kind == "concern":
        return "concern", entry["id"]
    if kind == "request":
        letter_type = {
            "draft_plan": "draft_plan_response",
            "annual_review": "annual_review_reports",
            "complaint": "complaint",
        }.get(entry.get("request_type", ""), "deadline_chaser")
        return letter_type, _about(letter_type, entry)
    if kind == "correspondence":
        return "complaint", entry["id"]
    return "complaint", None


def _about(letter_type: str, entry: Mapping[str, Any] | None) -> str | None:
    if entry is None:
        return None
    kinds = LETTER_TYPES[letter_type].entry_kinds
    return entry["id"] if entry.get("kind") in kinds else None


def pdf(text: str, title: str, day: date) -> bytes:
    """A letter's plain text (as written, or as the parent edited it) typeset on A4 pages
    in the bundle's typeface, line by line as it reads in the editor, with ``title`` as
    the document's title and ``day`` as its date, so the same letter gives the same bytes.

    The family's text is text here too: a PDF has no markup to break out of, and the
    typeface shows a character it lacks by its name rather than dropping it.
    """
    from sen_workbook.pdf.pages import text_pdf

    return text_pdf(text, title=title, dated=day, markdown=False)
