"""Facts derived from a child's records: graduated-response cycles and flags.

Everything here is a pure function of the records (plain dicts shaped as in
:mod:`sen_workbook.model`) and an ``as_of`` date, the day the family is preparing their
evidence.  Entries dated after ``as_of`` are ignored everywhere, and so is any date
inside an entry that falls after it (a response, an outcome, a reply): as of that
day it had not happened.  Entries may belong to several children; every result
carries its ``child_id``.  Every list comes back in a fixed order (date, then id),
so the same records always give the same timeline.

Statutory deadlines live in :mod:`sen_workbook.deadlines`, the one table of rules.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from operator import itemgetter
from typing import Any, NamedTuple

from sen_workbook import model

FLAG_CODES = (
    "target_not_met",
    "review_overdue",
    "concern_unanswered",
    "action_overdue",
    "reply_overdue",
    "recommendation_not_implemented",
)

# Results that say a review looked at a target; "not_assessed" (or no outcome at all)
# says it did not, and such a review neither extends nor breaks a run of "not met".
ASSESSED_RESULTS = ("met", "partly", "not_met")


# --- order and the "as of" cut ---------------------------------------------------------


def chronological_key(entry: Mapping[str, Any]) -> tuple[date, str, str]:
    """Sort key for entries: day, then time of day (untimed first), then id.

    Sorting on the raw ``date`` text would put ``2024-03-04T09:00`` after
    ``2024-03-04 10:00``; the parsed day plus the normalised time does not.
    """
    text = str(entry["date"])
    return model.entry_day(entry), text[11:16], str(entry.get("id", ""))


_first = itemgetter(0)


class _Known(list[Any]):
    """What :func:`entries_as_of` returns: a list that remembers its cut, its cycles and
    its entries by kind, so that flags, cycles, runs and deadlines worked out from it do
    not sort it or go through it again."""

    __slots__ = ("as_of", "cycles", "keys", "kinds")
    as_of: date
    keys: list[tuple[date, str, str]]  # each entry's chronological_key, in the same order
    cycles: tuple[Cycle, ...] | None
    kinds: dict[str, list[dict[str, Any]]] | None


def entries_as_of(entries: Iterable[Mapping[str, Any]], as_of: date) -> _Known:
    """The entries dated on or before ``as_of``, in chronological order.

    Given its own answer for the same day, it returns that list itself: treat the
    answer as read-only.
    """
    if type(entries) is _Known and entries.as_of == as_of:
        return entries
    # Each entry's key worked out once, to cut and to sort by (the sort is stable, as
    # sorting the cut by chronological_key is).
    keyed = [(key, entry) for entry in entries if (key := chronological_key(entry))[0] <= as_of]
    keyed.sort(key=_first)
    return known_as_of(keyed, as_of)


def known_as_of(keyed: Sequence[Sequence[Any]], as_of: date) -> _Known:
    """:func:`entries_as_of`'s answer from its work done elsewhere: ``keyed`` holds, for
    each entry dated on or before ``as_of``, its :func:`chronological_key` and the entry
    (first and second), sorted by the key as :func:`entries_as_of` sorts them.  For a
    caller that reads each entry once for its own ends and for the cut together (the
    timeline: at 20,000 entries each pass over them costs more than the work in it)."""
    known = _Known([row[1] for row in keyed])
    known.keys = [row[0] for row in keyed]
    known.as_of = as_of
    known.cycles = None
    known.kinds = None
    return known


def chronological_keys(known: Sequence[Mapping[str, Any]]) -> list[tuple[date, str, str]]:
    """Each entry's :func:`chronological_key`, in the list's order: kept by an answer of
    :func:`entries_as_of`, which worked them out to sort."""
    if type(known) is _Known:
        return known.keys
    return [chronological_key(entry) for entry in known]


def by_kind(known: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The entries of each kind, each list in the order of ``known``: worked out once for
    an answer of :func:`entries_as_of` (treat it as read-only), so each derived fact goes
    through the entries of its kinds only."""
    if type(known) is _Known and known.kinds is not None:
        return known.kinds
    kinds: dict[str, list[dict[str, Any]]] = {}
    for entry in known:
        kind = entry["kind"]
        found = kinds.get(kind)
        if found is None:
            kinds[kind] = [entry]
        else:
            found.append(entry)
    if type(known) is _Known:
        known.kinds = kinds
    return kinds


def known_date(value: str, as_of: date) -> date | None:
    """An optional date field as known on ``as_of``: ``None`` if empty or still to come."""
    day = model.optional_date(value)
    return day if day is not None and day <= as_of else None


def linked(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Whether two entries are linked, whichever of them holds the link."""
    return b["id"] in a.get("links", ()) or a["id"] in b.get("links", ())


# --- cycles ----------------------------------------------------------------------------


class TargetRow(NamedTuple):
    """One target of a plan and what each review of that plan found."""

    target: model.Target  # the plan's target item
    results: tuple[str | None, ...]  # one per review, in review order; None = not assessed
    evidence: tuple[str, ...]  # the outcome's evidence text per review ("" when none)


class Cycle(NamedTuple):
    """One Assess, Plan, Do, Review cycle (Code of Practice 6.44 to 6.56).

    A cycle is opened by a ``plan`` and closed by the reviews of it; the concerns and
    assessments recorded since the previous plan are its Assess step.
    """

    child_id: str
    number: int  # 1, 2, 3... per child in plan date order
    plan: model.Entry
    # concerns and assessments after the previous plan, up to this one
    assess: tuple[model.Entry, ...]
    reviews: tuple[model.Entry, ...]  # reviews whose plan_id is this plan, by date
    targets: tuple[TargetRow, ...]  # in the plan's target order
    review_overdue: bool  # review_date before as_of and no review of this plan recorded


def cycles(entries: Iterable[Mapping[str, Any]], as_of: date) -> list[Cycle]:
    """Every child's cycles as of ``as_of``, ordered by plan date, then plan id.

    ``assess`` holds the concerns and assessments dated after the previous plan's day
    (or from the start) up to and including this plan's day.  A review counts for the
    plan named by its ``plan_id``; one with no plan, or with a plan not yet recorded
    as of that day, belongs to no cycle.  A plan is overdue for review when its
    ``review_date`` is before ``as_of`` and no review of it has been recorded (an
    early review counts: the plan was reviewed).
    """
    known = entries_as_of(entries, as_of)
    if known.cycles is None:
        known.cycles = tuple(_cycles(known, as_of))
    return list(known.cycles)


def _cycles(known: list[model.Entry], as_of: date) -> list[Cycle]:
    # One pass over the entries, indexing each child's plans, the reviews of each plan and
    # the days of its concerns and assessments; each cycle's Assess step is then a slice
    # between two plans' days, so the cost grows with the entries, not plans × entries.
    # ``known`` is in chronological order, so every list here is too.
    plans_of: dict[str, list[model.Entry]] = defaultdict(list)
    reviews_of: dict[tuple[str, str], list[model.Entry]] = defaultdict(list)
    assess_of: dict[str, list[model.Entry]] = defaultdict(list)
    assess_days: dict[str, list[date]] = defaultdict(list)
    for entry in known:
        kind = entry["kind"]
        if kind == "plan":
            plans_of[entry["child_id"]].append(entry)
        elif kind == "review":
            if entry.get("plan_id"):
                reviews_of[(entry["child_id"], entry["plan_id"])].append(entry)
        elif kind in ("concern", "assessment"):
            assess_of[entry["child_id"]].append(entry)
            assess_days[entry["child_id"]].append(model.entry_day(entry))
    found: list[Cycle] = []
    for child_id, plans in plans_of.items():
        items, days = assess_of.get(child_id, []), assess_days.get(child_id, [])
        start = 0  # the first concern or assessment after the previous plan's day
        for number, plan in enumerate(plans, 1):
            day = model.entry_day(plan)
            end = bisect_right(days, day, lo=start)
            assess = tuple(items[start:end])
            reviews = tuple(reviews_of.get((child_id, plan["id"]), ()))
            review_date = model.optional_date(plan.get("review_date", ""))
            found.append(
                Cycle(
                    child_id=child_id,
                    number=number,
                    plan=plan,
                    assess=assess,
                    reviews=reviews,
                    targets=tuple(_target_row(t, reviews) for t in plan.get("targets", ())),
                    review_overdue=review_date is not None and review_date < as_of and not reviews,
                )
            )
            start = end
    found.sort(key=lambda cycle: chronological_key(cycle.plan))
    return found


def _outcome_for(review: Mapping[str, Any], target_id: str) -> Mapping[str, Any] | None:
    # A review should hold one outcome per target; if it holds two, the first counts.
    outcome: Mapping[str, Any]
    for outcome in review.get("outcomes", ()):
        if outcome.get("target_id") == target_id:
            return outcome
    return None


def _target_row(target: model.Target, reviews: tuple[model.Entry, ...]) -> TargetRow:
    results: list[str | None] = []
    evidence: list[str] = []
    for review in reviews:
        outcome = _outcome_for(review, target.get("id", ""))
        result = outcome.get("result") if outcome else None
        results.append(result if result in ASSESSED_RESULTS else None)
        evidence.append(outcome.get("evidence", "") if outcome else "")
    return TargetRow(target=target, results=tuple(results), evidence=tuple(evidence))


# --- target history --------------------------------------------------------------------


class _Assessed(NamedTuple):
    review: model.Entry
    result: str
    plan: model.Entry


def _histories(all_cycles: list[Cycle]) -> dict[tuple[str, str], list[_Assessed]]:
    """(child id, target id) -> every review that assessed the target, in date order."""
    history: dict[tuple[str, str], list[_Assessed]] = defaultdict(list)
    for cycle in all_cycles:
        for review in cycle.reviews:
            seen: set[str] = set()
            for outcome in review.get("outcomes", ()):
                target_id = outcome.get("target_id", "")
                if target_id in seen or outcome.get("result") not in ASSESSED_RESULTS:
                    continue
                seen.add(target_id)
                history[(cycle.child_id, target_id)].append(
                    _Assessed(review, outcome["result"], cycle.plan)
                )
    for reviews in history.values():
        reviews.sort(key=lambda a: chronological_key(a.review))
    return history


def target_history(
    entries: Iterable[Mapping[str, Any]], as_of: date
) -> dict[str, list[tuple[model.Entry, str]]]:
    """Target id -> [(review entry, result), ...] across all cycles, in date order.

    A target carried into a later plan keeps its id, so its history runs across plans.
    Only reviews that assessed the target are listed (result ``met``, ``partly`` or
    ``not_met``); a review that recorded ``not_assessed`` or said nothing of it is left
    out.  Target ids are UUIDs, so two children never share one; if hand-made ids do
    collide, their reviews are listed together in date order.
    """
    merged: dict[str, list[_Assessed]] = defaultdict(list)
    for (_child, target_id), assessed in _histories(cycles(entries, as_of)).items():
        merged[target_id].extend(assessed)
    return {
        target_id: [
            (a.review, a.result)
            for a in sorted(assessed, key=lambda a: chronological_key(a.review))
        ]
        for target_id, assessed in sorted(merged.items())
    }


# --- flags -----------------------------------------------------------------------------


class Flag(NamedTuple):
    """Something in the records a parent or advocate should look at, with its dates."""

    code: str  # one of FLAG_CODES
    child_id: str
    entry_id: str  # the entry behind it; for a target, the plan of the latest review
    date: date  # the day it runs from
    days: int  # days waited or overdue as of as_of; for a target, the reviews in the run
    message: str  # one plain-English sentence, no Markdown
    related_ids: tuple[str, ...] = ()  # other entries behind it (the reviews for a target)


def flags(entries: Iterable[Mapping[str, Any]], as_of: date) -> list[Flag]:
    """Every flag as of ``as_of``, ordered by date, then entry id, code and message.

    - ``target_not_met``: the target's latest assessed result and the ones straight
      before it are ``not_met`` at two or more reviews in a row, across plans.  This is
      the stricter reading of "expected progress not made": ``partly`` ends a run, a
      review that did not assess the target neither ends nor extends it.  ``date`` is
      the latest review's day, ``days`` the number of reviews in the run and
      ``related_ids`` those reviews.
    - ``review_overdue``: a plan's ``review_date`` is before ``as_of`` and no review of
      it has been recorded; ``days`` since the review date.
    - ``concern_unanswered``: a concern with neither ``response`` nor
      ``response_date`` (a response dated after ``as_of`` had not come yet); ``days``
      since the concern was raised.
    - ``action_overdue``: a meeting action not ``done`` whose ``due`` is before
      ``as_of``; ``days`` since it was due.
    - ``reply_overdue``: something the family sent with ``reply_due`` before ``as_of``
      and no ``received`` correspondence linked to it (either way) dated on or after
      it; ``days`` since the reply was due.
    - ``recommendation_not_implemented``: a professional's recommendation recorded as
      ``no`` or ``partly`` implemented; ``days`` since the report.
    """
    known = entries_as_of(entries, as_of)
    all_cycles = cycles(known, as_of)
    found: list[Flag] = []
    found.extend(_target_flags(all_cycles))
    found.extend(_review_flags(all_cycles, as_of))
    kinds = by_kind(known)
    letters = kinds.get("correspondence", ())
    # Each entry's id -> the received letters linked with it either way, so finding a
    # reply costs the number of links, not the number of letters.
    replies: dict[str, list[dict[str, Any]]] = {}
    received: dict[str, dict[str, Any]] = {}
    for entry in letters:
        if entry.get("direction") == "received":
            received[entry["id"]] = entry
            for other_id in entry.get("links", ()):
                replies.setdefault(other_id, []).append(entry)
    sent: list[dict[str, Any]] = []  # only a letter sent waits for a reply
    for entry in letters:
        if entry.get("direction") == "sent":
            sent.append(entry)
            for other_id in entry.get("links", ()):
                other = received.get(other_id)
                if other is not None:
                    replies.setdefault(entry["id"], []).append(other)
    # Kind by kind: the sort below puts them in one order (each entry's own flags keep
    # theirs, the sort being stable).
    for entry in kinds.get("concern", ()):
        found.extend(_concern_flags(entry, as_of))
    for entry in kinds.get("meeting", ()):
        found.extend(_action_flags(entry, as_of))
    for entry in sent:
        found.extend(_reply_flags(entry, replies.get(entry["id"], []), as_of))
    for entry in kinds.get("assessment", ()):
        found.extend(_recommendation_flags(entry, as_of))
    found.sort(key=lambda f: (f.date, f.entry_id, _CODE_ORDER[f.code], f.message))
    return found


# Each flag's place in FLAG_CODES, the order flags of one entry and day are listed in.
_CODE_ORDER = {code: number for number, code in enumerate(FLAG_CODES)}


def _clean(text: Any) -> str:
    # User text inside a one-line sentence: newlines and runs of spaces become one space.
    return " ".join(str(text).split())


def _quoted(text: Any) -> str:
    return f"'{_clean(text)}'"


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _target_flags(all_cycles: list[Cycle]) -> list[Flag]:
    found = []
    for (child_id, target_id), assessed in _histories(all_cycles).items():
        run: list[_Assessed] = []
        for a in reversed(assessed):
            if a.result != "not_met":
                break
            run.append(a)
        if len(run) < 2:
            continue
        run.reverse()
        latest = run[-1]
        target = _find_target(latest.plan, target_id, all_cycles, child_id)
        days = [model.entry_day(a.review).isoformat() for a in run]
        found.append(
            Flag(
                code="target_not_met",
                child_id=child_id,
                entry_id=latest.plan["id"],
                date=model.entry_day(latest.review),
                days=len(run),
                message=(
                    f"Target {_quoted(target.get('text') or target_id)} in plan "
                    f"{_quoted(latest.plan.get('title', ''))} was not met at {len(run)} "
                    f"reviews in a row ({_listed(days)})."
                ),
                related_ids=tuple(a.review["id"] for a in run),
            )
        )
    return found


class NotMetRun(NamedTuple):
    """A target not met at two or more reviews in a row, at any time in the records.

    ``current`` says whether the run reaches the latest review that assessed the target
    (then it is also a ``target_not_met`` flag); a run that ended with the target met or
    partly met later is still evidence that expected progress was not made at the time.
    """

    child_id: str
    # the target as the plan wrote it; only its id when no plan of the child has it
    target: dict[str, Any]
    plan: model.Entry  # the plan of the run's last review
    reviews: tuple[model.Entry, ...]
    current: bool
    ended_with: str  # the result that ended the run ("met", "partly"), "" when current


def not_met_runs(entries: Iterable[Mapping[str, Any]], as_of: date) -> list[NotMetRun]:
    """Every run of two or more ``not_met`` results in a row, by the run's first review."""
    all_cycles = cycles(entries_as_of(entries, as_of), as_of)
    found: list[NotMetRun] = []
    for (child_id, target_id), assessed in _histories(all_cycles).items():
        run: list[_Assessed] = []
        for a in [*assessed, None]:
            if a is not None and a.result == "not_met":
                run.append(a)
                continue
            if len(run) >= 2:
                last = run[-1]
                found.append(
                    NotMetRun(
                        child_id=child_id,
                        target=dict(_find_target(last.plan, target_id, all_cycles, child_id)),
                        plan=last.plan,
                        reviews=tuple(x.review for x in run),
                        current=a is None,
                        ended_with="" if a is None else a.result,
                    )
                )
            run = []
    found.sort(key=lambda r: (chronological_key(r.reviews[0]), r.target.get("id", "")))
    return found


def _find_target(
    plan: Mapping[str, Any], target_id: str, all_cycles: list[Cycle], child_id: str
) -> Mapping[str, Any]:
    # The target as written in the plan of the latest review; failing that, as written
    # in the child's latest plan that has it (an outcome may name a target of another).
    plans = [plan] + [c.plan for c in reversed(all_cycles) if c.child_id == child_id]
    for candidate in plans:
        target: Mapping[str, Any]
        for target in candidate.get("targets", ()):
            if target.get("id") == target_id:
                return target
    return {"id": target_id}


def _review_flags(all_cycles: list[Cycle], as_of: date) -> list[Flag]:
    found = []
    for cycle in all_cycles:
        if not cycle.review_overdue:
            continue
        due = model.parse_date(cycle.plan["review_date"], "review_date")
        overdue = (as_of - due).days
        found.append(
            Flag(
                code="review_overdue",
                child_id=cycle.child_id,
                entry_id=cycle.plan["id"],
                date=due,
                days=overdue,
                message=(
                    f"Plan {_quoted(cycle.plan.get('title', ''))} was due for review on "
                    f"{due.isoformat()} and no review has been recorded; "
                    f"{_days(overdue)} overdue."
                ),
            )
        )
    return found


def _concern_flags(concern: Mapping[str, Any], as_of: date) -> list[Flag]:
    response_date = model.optional_date(concern.get("response_date", ""))
    if response_date is not None and response_date <= as_of:
        return []
    if response_date is None and concern.get("response", "").strip():
        return []  # answered, though the day was not written down
    raised = model.entry_day(concern)
    waited = (as_of - raised).days
    with_whom = _clean(concern.get("raised_with", ""))
    where = f" raised with {with_whom}" if with_whom else " raised"
    wait = f"for {_days(waited)}" if waited else "yet"
    return [
        Flag(
            code="concern_unanswered",
            child_id=concern["child_id"],
            entry_id=concern["id"],
            date=raised,
            days=waited,
            message=(
                f"Concern {_quoted(concern.get('title', ''))}{where} on {raised.isoformat()} "
                f"has had no response recorded {wait}."
            ),
        )
    ]


def _action_flags(meeting: Mapping[str, Any], as_of: date) -> list[Flag]:
    found = []
    held = model.entry_day(meeting)
    for action in meeting.get("actions", ()):
        due = model.optional_date(action.get("due", ""))
        if action.get("done") or due is None or due >= as_of:
            continue
        overdue = (as_of - due).days
        owner = _clean(action.get("owner", ""))
        by_whom = f" ({owner})" if owner else ""
        found.append(
            Flag(
                code="action_overdue",
                child_id=meeting["child_id"],
                entry_id=meeting["id"],
                date=due,
                days=overdue,
                message=(
                    f"Action {_quoted(action.get('text', ''))}{by_whom} from meeting "
                    f"{_quoted(meeting.get('title', ''))} on {held.isoformat()} was due on "
                    f"{due.isoformat()} and is not recorded as done; {_days(overdue)} overdue."
                ),
            )
        )
    return found


def _reply_flags(
    letter: Mapping[str, Any], candidates: list[dict[str, Any]], as_of: date
) -> list[Flag]:
    """``candidates``: the received letters linked with ``letter`` either way."""
    if letter.get("direction") != "sent":
        return []
    due = model.optional_date(letter.get("reply_due", ""))
    if due is None or due >= as_of:
        return []
    sent = model.entry_day(letter)
    for other in candidates:
        if (
            other["id"] != letter["id"]
            and other["child_id"] == letter["child_id"]
            and other.get("direction") == "received"
            and model.entry_day(other) >= sent
            and linked(letter, other)
        ):
            return []
    overdue = (as_of - due).days
    to = _clean(letter.get("to", ""))
    to_whom = f" to {to}" if to else ""
    return [
        Flag(
            code="reply_overdue",
            child_id=letter["child_id"],
            entry_id=letter["id"],
            date=due,
            days=overdue,
            message=(
                f"Correspondence {_quoted(letter.get('title', ''))} sent{to_whom} on "
                f"{sent.isoformat()} asked for a reply by {due.isoformat()} and no reply "
                f"has been recorded; {_days(overdue)} overdue."
            ),
        )
    ]


def _recommendation_flags(report: Mapping[str, Any], as_of: date) -> list[Flag]:
    found = []
    written = model.entry_day(report)
    professional = _clean(report.get("professional", ""))
    by_whom = f" by {professional}" if professional else ""
    for recommendation in report.get("recommendations", ()):
        implemented = recommendation.get("implemented")
        if implemented not in ("no", "partly"):
            continue
        how = "not implemented" if implemented == "no" else "only partly implemented"
        found.append(
            Flag(
                code="recommendation_not_implemented",
                child_id=report["child_id"],
                entry_id=report["id"],
                date=written,
                days=(as_of - written).days,
                message=(
                    f"Recommendation {_quoted(recommendation.get('text', ''))} in "
                    f"{_quoted(report.get('title', ''))}{by_whom} on {written.isoformat()} "
                    f"is recorded as {how}."
                ),
            )
        )
    return found
