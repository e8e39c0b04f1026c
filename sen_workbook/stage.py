"""The child's stage (SEN Support, assessment requested, EHC plan) as the records show it.

A parent sets the stage on the child's details once, often before any plan exists, and
the records then move on without it: a plan is written, a request for an EHC needs
assessment is sent.  The evidence must never contradict itself ("No SEN support
recorded" above a list of SEN Support plans), so the stage shown is worked out from both:
the parent's choice is kept whenever the records show nothing further, and where the
records have gone further both are said.  Pure: records and an "as of" day in, words out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, NamedTuple

from sen_workbook import model, vocabulary

# The stages in the order a child moves through them.
ORDER = ("none", "sen_support", "ehcna_requested", "ehc_plan")
# The kinds of entry that show a stage.
_STAGE_KINDS = frozenset({"request", "plan"})


class RecordedStage(NamedTuple):
    """The furthest stage the records show, and the record that shows it."""

    status: str  # one of model.CHILD_STATUSES
    label: str  # how it reads ("SEN Support", "EHC needs assessment requested")
    source: str  # the record that shows it ("the plan of 2026-10-06"), "" for none


def recorded_stage(entries: Iterable[Mapping[str, Any]], as_of: date) -> RecordedStage:
    """The stage one child's entries show on ``as_of``: a final EHC plan or an annual
    review of one; else an EHC needs assessment request not refused (with the council's
    agreement to assess when recorded); else an SEN Support plan; else none."""
    from sen_workbook.deadlines import is_refusal

    # Only requests and plans can show a stage: those are dated and sorted (a stable
    # sort, so they stand in the order they would among all the entries).
    dated = [
        (day, e)
        for e in entries
        if e.get("kind") in _STAGE_KINDS
        and (day := _day(e.get("date"))) is not None
        and day <= as_of
    ]
    known = [e for _, e in sorted(dated, key=lambda pair: (pair[0], str(pair[1].get("id", ""))))]
    requests = [e for e in known if e.get("kind") == "request"]
    for request in reversed(requests):
        kind = request.get("request_type")
        decided = _day(request.get("outcome_date"))
        if kind == "draft_plan" and str(request.get("outcome", "")).strip() and decided:
            if decided <= as_of:
                return _stage("ehc_plan", f"the final EHC plan of {decided.isoformat()}")
        if kind == "annual_review":
            return _stage("ehc_plan", f"the annual review of {_day(request['date'])}")
    for request in reversed(requests):
        if request.get("request_type") != "ehcna":
            continue
        decided = _day(request.get("outcome_date"))
        outcome = str(request.get("outcome", "")).strip()
        if decided is not None and decided <= as_of and outcome:
            if is_refusal(outcome):
                break  # refused: the stage is what the setting provides
            return RecordedStage(
                "ehcna_requested",
                "EHC needs assessment under way",
                f"the request of {_day(request['date'])}, agreed on {decided.isoformat()}",
            )
        return _stage("ehcna_requested", f"the request of {_day(request['date'])}")
    plans = [e for e in known if e.get("kind") == "plan"]
    if plans:
        return _stage("sen_support", f"the plan of {_day(plans[-1]['date'])}")
    return _stage("none", "")


def stage_words(child: Mapping[str, Any], entries: Iterable[Mapping[str, Any]], as_of: date) -> str:
    """The child's stage in words that agree with the records.

    The parent's own choice when the records show nothing further; the records' stage
    when the parent's is not recorded ("SEN Support (from the plan of 2026-10-06)"); and
    both when the records have gone further than the child's details say.
    """
    chosen = child.get("status") or "none"
    chosen_label = vocabulary.STATUS_LABELS.get(chosen, "not recorded")
    seen = recorded_stage(entries, as_of)
    if _rank(seen.status) <= _rank(chosen):
        return chosen_label
    if chosen == "none":
        return f"{seen.label} (from {seen.source})"
    return f"{seen.label} (from {seen.source}; the child's details say {chosen_label})"


def stage_shown(child: Mapping[str, Any], entries: Iterable[Mapping[str, Any]], as_of: date) -> str:
    """The stage to show where there is room for one word or two: the parent's choice,
    or the records' when they have gone further (a status key of model.CHILD_STATUSES)."""
    chosen = child.get("status") or "none"
    seen = recorded_stage(entries, as_of).status
    return seen if _rank(seen) > _rank(chosen) else chosen


def _stage(status: str, source: str) -> RecordedStage:
    return RecordedStage(status, vocabulary.STATUS_LABELS[status], source)


def _rank(status: str) -> int:
    return ORDER.index(status) if status in ORDER else 0


def _day(value: Any) -> date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return model.parse_date(value[:10])
    except ValueError:
        return None
