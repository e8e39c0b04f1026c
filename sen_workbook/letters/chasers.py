"""Letters that chase: a missed or nearly due statutory deadline, a concern, a complaint.

Each says what was asked and when, what the rule or guidance says, what has (not) come
back, and what the family asks for now, with a reply date.  The deadlines and flags are
the timeline's (see :mod:`sen_workbook.letters.facts`), and the rules' wording is the one
table's in :mod:`sen_workbook.deadlines`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sen_workbook import deadlines, model
from sen_workbook.letters.document import (
    Family,
    Letter,
    LetterBlock,
    Line,
    Record,
    bullets,
    dear,
    joined,
    long_date,
    paragraph,
)
from sen_workbook.letters.facts import (
    LetterError,
    LetterFacts,
    NothingToSay,
    days,
    reply_by,
    sent_correspondence,
)

# A deadline this close (in days) is worth a reminder before it is missed.
NEARLY_DUE = 7
# Working days a chaser or a concern letter gives for a reply: two school weeks.
REPLY_DAYS = 10

# What starts each rule's count, as the letter says it: "... which you received on 3 March".
_COUNTED_FROM = {
    "ehcna_decision": "my request for an EHC needs assessment, which you received on",
    "no_plan_notice": "my request for an EHC needs assessment, which you received on",
    "final_plan": "my request for an EHC needs assessment, which you received on",
    "annual_review": "the day the plan was issued or last reviewed,",
    "annual_review_decision": "the annual review meeting, held on",
    "annual_review_advice": "the annual review meeting (two weeks before it), planned for",
    "mediation_certificate": "the day I said I did not want mediation, or mediation ended,",
    "education_record": "my written request, which you received on",
    "subject_access": "my subject access request, which you received on",
}

# What the family asks for, per rule.
_ASK = {
    "ehcna_decision": "Please send me your decision whether you will carry out the assessment",
    "no_plan_notice": "Please tell me whether you will issue an EHC plan",
    "final_plan": "Please send me the final EHC plan",
    "annual_review": "Please arrange the annual review meeting and tell me its date",
    "annual_review_decision": (
        "Please send me your decision after the review: whether you will keep, amend or "
        "cease the plan"
    ),
    "mediation_certificate": "Please send me the mediation certificate",
    "annual_review_advice": ("Please send me the advice and information gathered for the review"),
    "education_record": "Please make the education record available to me and send me a copy",
    "subject_access": "Please send me the information I asked for",
}

# Who a chaser goes to when the request does not say.
_DUTY_TO = {
    "local authority": "The local authority SEND team",
    "school": "The governing body of the school",
    "mediation adviser": "The mediation adviser",
    "organisation asked": "The data protection officer",
}


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def chaseable(facts: LetterFacts) -> list[deadlines.Deadline]:
    """The deadlines a letter can chase: someone else's duty, not done and past its day,
    or due within :data:`NEARLY_DUE` days; in order of due day.

    A deadline met (even late), under an exception the family claimed, the family's own
    time limit, or a subject access clock stopped while the organisation waits for what it
    asked the family for, is not chased.
    """
    found = []
    for due in facts.deadlines:
        if due.duty_of == "family" or due.met_on is not None:
            continue
        if due.state == "clock_stopped":
            continue  # waiting for what the organisation asked the family for: not late
        if due.status == "missed" or (
            due.status == "upcoming" and (due.due - facts.as_of).days <= NEARLY_DUE
        ):
            found.append(due)
    return found


def deadline_chaser(facts: LetterFacts, entry_id: str | None, rule: str = "") -> Letter:
    """A chaser for one deadline: of the request ``entry_id`` (and ``rule``, if given),
    or the first that can be chased."""
    if rule and rule not in deadlines.RULES:
        raise LetterError(
            f"There is no deadline rule {rule!r}; the rules are {', '.join(deadlines.RULES)}."
        )
    candidates = [d for d in chaseable(facts) if not rule or d.rule == rule]
    if entry_id:
        request = facts.named(entry_id, ("request",), "a formal request", planned=True)
        candidates = [d for d in candidates if d.entry_id == entry_id]
        if not candidates:
            raise NothingToSay(
                f"The request of {facts.day(request)} has no statutory deadline missed or due "
                f"within {NEARLY_DUE} days as of {long_date(facts.as_of)}, so there is nothing "
                "to chase."
            )
    elif not candidates:
        raise NothingToSay(
            f"No statutory deadline is missed or due within {NEARLY_DUE} days as of "
            f"{long_date(facts.as_of)}, so there is nothing to chase."
        )
    due = candidates[0]
    request = facts.with_planned[due.entry_id]
    rule_text = deadlines.RULES[due.rule]
    label = _lower_first(due.label)
    sent_to = facts.family(request.get("sent_to", ""))
    to: tuple[str, ...] = (
        (sent_to,) if sent_to else (_DUTY_TO.get(due.duty_of, "To whom it may concern"),)
    )
    missed = due.status == "missed"
    subject: Line = (due.label, " for ", facts.name, f": due {long_date(due.due)}")
    if missed:
        subject += (", now overdue",)
    # Where the deadline stands is the one table's: its state, and for a case of the rule
    # (the 20-week overall limit, say) the table's own sentence.
    if due.state == "missed":
        first = [
            f"The {label} was due on {long_date(due.due)}. As of {long_date(facts.as_of)} "
            f"I have not received it: it is {days(due.days_late)} late."
        ]
    elif due.state == "upcoming":
        left = (due.due - facts.as_of).days
        when = "today" if left == 0 else f"in {days(left)}"
        first = [
            f"The {label} is due on {long_date(due.due)}, {when}. I am writing so "
            "that it is not missed."
        ]
    else:
        first = [f"{due.label}: {due.sentence}"]
    counted = _COUNTED_FROM.get(due.rule, "the day counted from,")
    about = (
        f"The deadline is counted from {counted} {long_date(due.start)}",
        *facts.ref(request),
        ".",
    )
    source = f"The rule is in the {rule_text.source}: {_lower_first(rule_text.description)}" + (
        f" As counted here: {due.note}." if due.note else ""
    )
    reply = reply_by(facts.as_of, REPLY_DAYS)
    ask = _ASK.get(due.rule, "Please do what the rule requires")
    if missed:
        asks = (
            f"{ask} by {long_date(reply)}, or tell me by then when it will come and why it "
            "is late. If I do not hear from you by then, I will consider making a formal "
            "complaint."
        )
        reply_due = reply
    else:
        asks = f"{ask} by {long_date(due.due)}, as the rule requires."
        reply_due = due.due
    body = [paragraph(*first), paragraph(*about), paragraph(source), paragraph(asks)]
    return facts.letter(
        "deadline_chaser",
        to=to,
        subject=subject,
        body=body,
        record=sent_correspondence(facts, to, subject, reply_due, request),
    )


# --- a concern -------------------------------------------------------------------------


def concern(facts: LetterFacts, entry_id: str | None) -> Letter:
    """A concern put in writing: the worry, examples from home, the questions, a reply date."""
    entry = facts.chosen(entry_id, ("concern",), "a concern")
    if entry is None:
        waiting = [f for f in facts.flags if f.code == "concern_unanswered"]
        concerns = facts.of_kind("concern")
        if waiting:
            entry = facts.by_id[waiting[-1].entry_id]
        elif concerns:
            entry = concerns[-1]
        else:
            raise NothingToSay(
                f"There is no concern recorded up to {long_date(facts.as_of)} to write "
                "about; add the concern to the journal first."
            )
    child = facts.child
    to_whom = facts.family(entry.get("raised_with", "")) or facts.family(child.get("senco", ""))
    to = (to_whom,) if to_whom else ("The SENCo",)
    subject = ("Concern about ", facts.name, ": ", facts.family(entry.get("title", "")))
    body: list[LetterBlock] = [
        paragraph(
            "I am writing to put in writing a concern about ",
            facts.name,
            ": ",
            *facts.quoted(entry.get("title", "")),
            ".",
        )
    ]
    details = facts.family(entry.get("details", ""))
    if details:
        body.append(paragraph("What worries me: ", details))
    raised = model.entry_day(entry)
    history: list[str] = []
    if raised < facts.as_of:
        history.append(f"I first raised it on {long_date(raised)}")
        with_whom = facts.family(entry.get("raised_with", ""))
        if with_whom:
            history += [" with ", with_whom]
        channel = facts.family(entry.get("channel", ""))
        if channel:
            history += [" (", channel, ")"]
        history.append(".")
    answered = model.optional_date(entry.get("response_date", ""))
    response = facts.family(entry.get("response", ""))
    if answered or response:
        history.append(" The answer I had")
        if answered:
            history.append(f" on {long_date(answered)}")
        history += [" was: ", *facts.quoted(response), "."] if response else [" is noted."]
    elif raised < facts.as_of:
        history.append(f" I have had no answer in the {days((facts.as_of - raised).days)} since.")
    if history:
        body.append(paragraph(*history))
    examples = _examples(facts, entry)
    if examples:
        shown, rest = facts.listed(
            [
                (
                    f"{facts.day(e)}: ",
                    *facts.quoted(e.get("title", "")),
                    *(
                        (": ", facts.family(e["details"]))
                        if facts.family(e.get("details", ""))
                        else ()
                    ),
                    *facts.ref(e),
                )
                for e in examples
            ]
        )
        body.append(paragraph("What I have seen at home:"))
        body.append(bullets(shown))
        if rest:
            body.append(paragraph(rest))
    setting = facts.family(child.get("setting", "")) or "school"
    body.append(
        paragraph(
            "Please tell me whether you have seen the same at ",
            setting,
            "; what support ",
            facts.name,
            " has for it now; and whether you think ",
            facts.name,
            " has special educational needs and needs SEN Support, with a plan that is "
            "reviewed (assess, plan, do, review: ",
            _guidance(child),
            ").",
        )
    )
    reply = reply_by(facts.as_of, REPLY_DAYS)
    body.append(paragraph(f"Please reply by {long_date(reply)}."))
    return facts.letter(
        "concern",
        to=to,
        subject=subject,
        body=body,
        record=sent_correspondence(facts, to, subject, reply, entry),
        greeting=dear(to_whom, "SENCo"),
        closing="Yours sincerely,",
    )


def _guidance(child: Mapping[str, Any]) -> str:
    """Where the SEND Code of Practice sets out SEN Support for the child's phase."""
    phase = child.get("setting_phase", "")
    if phase == "early_years":
        return "SEND Code of Practice 2015, chapter 5"
    if phase == "post16":
        return "SEND Code of Practice 2015, chapter 7"
    return "SEND Code of Practice 2015, paragraphs 6.44 to 6.56"


def _examples(facts: LetterFacts, concern_entry: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """Observations at home that illustrate a concern: those linked to it, or else those
    touching one of its areas of need in the 90 days before it was raised, or since."""
    observations = facts.of_kind("observation")
    linked = [
        o
        for o in observations
        if o["id"] in (concern_entry.get("links") or ())
        or concern_entry["id"] in (o.get("links") or ())
    ]
    if linked:
        return linked
    areas = set(concern_entry.get("areas") or ())
    raised = model.entry_day(concern_entry)
    return [
        o
        for o in observations
        if areas & set(o.get("areas") or ()) and (raised - model.entry_day(o)).days <= 90
    ]


# --- a complaint -----------------------------------------------------------------------

# Flags a complaint names besides the unanswered asks: things promised and not done.
_COMPLAINT_FLAGS = ("review_overdue", "action_overdue", "recommendation_not_implemented")


def complaint(facts: LetterFacts, entry_id: str | None) -> Letter:
    """A formal complaint: what was asked, what was answered, what was missed."""
    about = facts.chosen(
        entry_id,
        ("concern", "correspondence", "request", "meeting"),
        "a concern, letter, meeting or request to complain about",
    )
    earlier = facts.requests("complaint")
    stage = len(earlier) + 1
    asks = _asks(facts)
    unanswered = [entry for entry, answered, _ in asks if not answered]
    missed = [d for d in facts.deadlines if d.status == "missed" and d.duty_of != "family"]
    undone = [f for f in facts.flags if f.code in _COMPLAINT_FLAGS]
    if not (unanswered or missed or undone):
        raise NothingToSay(
            f"As of {long_date(facts.as_of)} the records hold no unanswered request, missed "
            "statutory deadline or overdue action to complain about."
        )
    to_text: Family = Family("")
    if about is not None:
        to_text = facts.family(
            about.get("sent_to") or about.get("to") or about.get("raised_with") or ""
        )
    if not to_text and earlier:
        to_text = facts.family(earlier[-1].get("sent_to", ""))
    if not to_text:
        to_text = facts.family(facts.child.get("setting", ""))
    to = (to_text,) if to_text else ("The headteacher",)
    subject = (f"Formal complaint, stage {stage}: ", facts.name)
    body: list[LetterBlock] = [
        paragraph(
            f"I am making a formal complaint, at stage {stage} of your complaints procedure, "
            "about how my requests for ",
            facts.name,
            " have been dealt with.",
        )
    ]
    if about is not None:
        body.append(
            paragraph(
                "It is first about ",
                *facts.quoted(about.get("title", "")),
                f" of {facts.day(about)}",
                *facts.ref(about),
                ".",
            )
        )
    if earlier:
        last = earlier[-1]
        outcome = facts.family(last.get("outcome", ""))
        line = ["My complaint of ", facts.day(last), *facts.ref(last), " has not put it right"]
        line += [": the answer was ", *facts.quoted(outcome), "."] if outcome else ["."]
        body.append(paragraph(*line))
    if asks:
        shown, rest = facts.listed([line for _, _, line in asks])
        body += [paragraph("What I asked, and what came back:"), bullets(shown)]
        if rest:
            body.append(paragraph(rest))
    if missed:
        lines = []
        for due in missed:
            request = facts.by_id.get(due.entry_id, {"id": due.entry_id})
            # The one table's sentence for where it stands, as the timeline prints it.
            lines.append(
                (f"{due.label} ({due.source}): {due.sentence.rstrip('.')}", *facts.ref(request))
            )
        shown, rest = facts.listed(lines)
        body += [paragraph("Statutory deadlines that were missed:"), bullets(shown)]
        if rest:
            body.append(paragraph(rest))
    if undone:
        shown, rest = facts.listed(
            [
                (facts.family(flag.message.rstrip(".")), *facts.ref(facts.by_id[flag.entry_id]))
                for flag in undone
            ]
        )
        body += [paragraph("Other things that were not done:"), bullets(shown)]
        if rest:
            body.append(paragraph(rest))
    body.append(
        paragraph(
            "I ask you to look into each of these, to tell me in writing what you will do and "
            "by when, and to reply within the time your complaints procedure sets. If I am not "
            "satisfied with the answer, I will take the complaint to the next stage."
        )
    )
    body.append(paragraph(_complaints_rule(joined(to))))
    if facts.with_refs:
        body.append(paragraph(*facts.bundle_note()))
    return facts.letter(
        "complaint",
        to=to,
        subject=subject,
        body=body,
        record=Record(
            "request",
            {
                "date": facts.as_of.isoformat(),
                "title": f"Complaint, stage {stage}",
                "request_type": "complaint",
                "sent_to": joined(to),
                "links": [about["id"]] if about is not None else [],
            },
        ),
    )


_COUNCIL_WORDS = ("council", "local authority", "send team", "send service", "ombudsman")


def _complaints_rule(to: str) -> str:
    """Where the duty to handle the complaint, and the next step after it, are set out."""
    if any(word in to.casefold() for word in _COUNCIL_WORDS):
        rule = deadlines.RULES["ombudsman_complaint"]
        return (
            "If the council's final answer does not put it right, I may ask the Local "
            "Government and Social Care Ombudsman to look into it, within 12 months of "
            f"knowing of the problem ({rule.source})."
        )
    return (
        "Every school must have a complaints procedure: a maintained school under section "
        "29 of the Education Act 2002, an academy under Part 7 of the Schedule to the "
        "Education (Independent School Standards) Regulations 2014."
    )


def _asks(facts: LetterFacts) -> list[tuple[Mapping[str, Any], bool, tuple[str, ...]]]:
    """Each concern, letter sent and formal request (complaints aside): whether an answer
    is recorded, and the line a complaint lists it with."""
    found = []
    for entry in facts.entries:
        kind = entry.get("kind")
        if kind == "concern":
            whom = facts.family(entry.get("raised_with", ""))
            answer = model.optional_date(entry.get("response_date", ""))
            answered = answer is not None or bool(Family(entry.get("response", "")))
            what = "concern"
        elif (
            kind == "correspondence" and entry.get("direction") == "sent" and entry.get("reply_due")
        ):  # a letter that asked for a reply (a confirmation of a meeting did not)
            whom = facts.family(entry.get("to", ""))
            reply = facts.timeline.reply_to(entry)
            answer = model.entry_day(reply) if reply else None
            answered = reply is not None
            what = "letter"
        elif kind == "request" and entry.get("request_type") != "complaint":
            whom = facts.family(entry.get("sent_to", ""))
            answer = model.optional_date(entry.get("outcome_date", ""))
            answered = answer is not None or bool(Family(entry.get("outcome", "")))
            what = _REQUEST_WORDS.get(entry.get("request_type", ""), "request")
        else:
            continue
        asked = model.entry_day(entry)
        if answer is not None:
            result = f"answered on {long_date(answer)}, after {days((answer - asked).days)}"
        elif answered:
            result = "answered (the date is not recorded)"
        else:
            result = f"no answer after {days((facts.as_of - asked).days)}"
        line = (
            f"{facts.day(entry)}, {what} ",
            *facts.quoted(entry.get("title", "")),
            *((" to ", whom) if whom else ()),
            f": {result}",
            *facts.ref(entry),
        )
        found.append((entry, answered, line))
    return found


# How a complaint names each kind of formal request in a sentence.
_REQUEST_WORDS = {
    "ehcna": "EHC needs assessment request",
    "draft_plan": "draft EHC plan",
    "annual_review": "annual review",
    "mediation": "mediation",
    "appeal": "appeal",
    "education_record": "request for the education record",
    "subject_access": "subject access request",
    "other": "request",
}


__all__ = ["chaseable", "complaint", "concern", "deadline_chaser"]
