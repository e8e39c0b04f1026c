"""Letters about an EHC plan: comments on the draft, and reports before an annual review.

Recorded as sent, the comments on a draft become a ``correspondence`` entry linked to
the draft, which is what meets the reg 13(1) time limit in the deadlines; the letter
about an annual review asks for the reports by the reg 20(4) day, its reply date.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from sen_workbook import model
from sen_workbook.letters.document import Letter, LetterBlock, bullets, long_date, paragraph
from sen_workbook.letters.facts import LetterError, LetterFacts, NothingToSay, sent_correspondence

# --- the draft plan --------------------------------------------------------------------


def draft_plan_response(facts: LetterFacts, entry_id: str | None) -> Letter:
    """Comments on a draft EHC plan: the 15 days, and recommendations to find in B and F."""
    draft = facts.chosen(entry_id, ("request",), "a draft EHC plan received", "draft_plan")
    if draft is None:
        drafts = facts.requests("draft_plan")
        if not drafts:
            raise NothingToSay(
                f"There is no draft EHC plan recorded up to {long_date(facts.as_of)}; add it "
                "to the journal as a formal request of type \u201cdraft EHC plan received\u201d "
                "first."
            )
        draft = drafts[-1]
    served = model.entry_day(draft)
    last_day = next(
        (
            d.due
            for d in facts.deadlines
            if d.entry_id == draft["id"] and d.rule == "draft_plan_comments"
        ),
        served + timedelta(days=14),
    )
    sent_to = facts.family(draft.get("sent_to", ""))
    to: tuple[str, ...] = (sent_to,) if sent_to else ("The local authority SEND team",)
    subject = ("Draft EHC plan for ", facts.name, f" of {long_date(served)}: my comments")
    time_limit = (
        f"I received the draft EHC plan on {long_date(served)}. Regulation 13(1) of the "
        "SEND Regulations 2014 gives me at least 15 days, beginning with that day, to "
        "comment on it, to ask for a meeting with an officer and to ask for a school or "
        f"college to be named: the last day is {long_date(last_day)}."
    )
    if last_day < facts.as_of:
        time_limit += (
            " Those days have passed; I ask you to consider these comments all "
            "the same before the plan is finalised."
        )
    body: list[LetterBlock] = [
        paragraph(time_limit),
        paragraph(
            "Section F must set out provision for every need in section B, detailed and "
            "specific and normally quantified: what, how often, for how long and by whom "
            "(SEND Code of Practice 2015, paragraph 9.69).",
        ),
    ]
    recommendations = _recommendations(facts)
    if recommendations:
        shown, rest = facts.listed(recommendations)
        body += [
            paragraph(
                "Please check each of these recommendations from the professionals' reports "
                "against sections B and F, and include each in section F:",
            ),
            bullets(shown),
        ]
        if rest:
            body.append(paragraph(rest))
    else:
        body.append(
            paragraph(
                "My records hold no professional report; please tell me which advice the "
                "draft is based on (SEND Regulations 2014, regulation 6).",
            )
        )
    body.append(
        paragraph(
            "I also ask for a meeting with an officer to discuss the draft, and will send "
            "any further comments by the last day above.",
        )
    )
    return facts.letter(
        "draft_plan_response",
        to=to,
        subject=subject,
        body=body,
        record=sent_correspondence(facts, to, subject, None, draft),
    )


def _recommendations(facts: LetterFacts) -> list[tuple[str, ...]]:
    lines = []
    for report in facts.of_kind("assessment"):
        by = facts.family(report.get("professional", ""))
        for item in report.get("recommendations") or ():
            text = facts.family(item.get("text", ""))
            if not text:
                continue
            lines.append(
                (
                    *facts.quoted(text),
                    " (",
                    *((by, ", ") if by else ()),
                    *facts.quoted(report.get("title", "")),
                    f", {facts.day(report)})",
                    *facts.ref(report),
                )
            )
    return lines


# --- reports before an annual review ---------------------------------------------------

# Days before the review meeting by which the advice must be circulated: reg 20(4).
TWO_WEEKS = 14


def annual_review_reports(facts: LetterFacts, entry_id: str | None) -> Letter:
    """A request that the review's reports be sent two weeks before the meeting."""
    planned = _planned_review(facts, entry_id)
    due_by = None
    if planned is None:
        due_by = next(
            (d for d in facts.deadlines if d.rule == "annual_review" and d.met_on is None),
            None,
        )
        if due_by is None:
            raise NothingToSay(
                f"As of {long_date(facts.as_of)} the records hold no planned annual review "
                "and no EHC plan whose review falls due; record the final plan or the "
                "review meeting first."
            )
    setting = facts.family(facts.child.get("setting", ""))
    sent_to = facts.family(planned.get("sent_to", "")) if planned else ""
    to: tuple[str, ...] = (
        (sent_to,)
        if sent_to
        else ("The headteacher, ", setting)
        if setting
        else ("The headteacher",)
    )
    body: list[LetterBlock] = []
    reply_due = None
    if planned is not None:
        meeting = model.entry_day(planned)
        advice = next(
            (
                d
                for d in facts.deadlines
                if d.entry_id == planned["id"] and d.rule == "annual_review_advice"
            ),
            None,
        )
        if advice is not None and advice.met_on is not None:
            raise NothingToSay(
                f"The reports for the annual review of {long_date(meeting)} are recorded as "
                f"received on {long_date(advice.met_on)}, so there is nothing to ask for."
            )
        # The one table's reg 20(4) day when it has one; the same count otherwise.
        reports_by = advice.due if advice is not None else meeting - timedelta(days=TWO_WEEKS)
        subject = (
            "Annual review of the EHC plan for ",
            facts.name,
            f" on {long_date(meeting)}: reports and advice",
        )
        body.append(
            paragraph(
                "The annual review meeting of ",
                facts.name,
                "'s EHC plan is planned for "
                f"{long_date(meeting)}. Regulation 20(4) of the SEND Regulations 2014 says the "
                "advice and information gathered for the review must be sent to everyone "
                f"invited at least two weeks before the meeting: by {long_date(reports_by)}.",
            )
        )
        if reports_by >= facts.as_of:
            body.append(
                paragraph(
                    f"Please send me copies of all the reports and advice by {long_date(reports_by)}, "
                    "and tell me who has been asked for advice.",
                )
            )
            reply_due = reports_by
        else:
            body.append(
                paragraph(
                    f"That day was {long_date(reports_by)}. If the reports have not been sent, "
                    "please send them to me now, and consider moving the meeting so that "
                    "everyone has two weeks to read them.",
                )
            )
    else:
        assert due_by is not None
        subject = ("Annual review of the EHC plan for ", facts.name, ": date and reports")
        body.append(
            paragraph(
                "The next annual review of ",
                facts.name,
                "'s EHC plan must be held by "
                f"{long_date(due_by.due)} ({due_by.source}). Please tell me the date of the "
                "meeting.",
            )
        )
        body.append(
            paragraph(
                "Regulation 20(4) of the SEND Regulations 2014 says the advice and information "
                "gathered for the review must be sent to everyone invited at least two weeks "
                "before the meeting. Please send me copies of all the reports and advice by "
                "then, and tell me who has been asked for advice.",
            )
        )
    return facts.letter(
        "annual_review_reports",
        to=to,
        subject=subject,
        body=body,
        record=sent_correspondence(
            facts, to, subject, reply_due, *((planned,) if planned is not None else ())
        ),
    )


def _planned_review(facts: LetterFacts, entry_id: str | None) -> Mapping[str, Any] | None:
    """The annual review meeting the letter is about: the one named, or the first
    annual review (a request of that type, or a meeting that says so) dated after the
    preparation date."""

    def is_review(entry: Mapping[str, Any]) -> bool:
        if entry.get("kind") == "request":
            return entry.get("request_type") == "annual_review"
        text = f"{entry.get('title', '')} {entry.get('purpose', '')}".casefold()
        return entry.get("kind") == "meeting" and "annual review" in text

    if entry_id:
        for entry in (*facts.planned, *facts.entries):
            if entry.get("id") == entry_id:
                if not is_review(entry):
                    raise LetterError(
                        f"The entry {entry_id!r} is not an annual review meeting; choose the "
                        "meeting or the annual review request."
                    )
                # A review already held: the letter is about the next one, due under s.44.
                return entry if model.entry_day(entry) > facts.as_of else None
        raise LetterError(f"No entry of this child has the id {entry_id!r}.")
    return next((e for e in facts.planned if is_review(e)), None)
