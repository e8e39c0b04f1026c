"""The summary for an EHC needs assessment request, under the SEND Code of Practice
para 9.14 headings, each answered from the records with references to them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from sen_workbook import analysis, model, vocabulary
from sen_workbook.vocabulary import RESULT_LABELS

from .blocks import bullet
from .deadline_table import deadline_section
from .escaping import present
from .facts import Facts
from .flag_list import flag_section
from .incidents import incident_lines
from .phrases import provision_text
from .professionals import findings, recommendations
from .provision import dropped, placed_views, provision_with_views
from .rows import rows_read
from .selection import entry_areas
from .views import VIEW_FIELDS, view_line
from .words import age, day_text, plural, when

# SEND Code of Practice 2015, para 9.14: what a local authority looks at.
CODE_9_14: tuple[str, ...] = (
    "(1) Attainment, developmental milestones and rate of progress",
    "(2) Nature, extent and context of the special educational needs",
    "(3) Action already taken by the setting",
    "(4) Progress made only through much additional intervention",
    "(5) Physical, emotional and social development and health needs",
    "(6) A young person over 18: time needed to complete education or training",
)


def summary_ehcna(facts: Facts) -> list[list[str]]:
    """The six 9.14 headings, then the flags and the statutory deadlines."""
    return [
        progress(facts),
        nature(facts),
        action(facts),
        intervention(facts),
        health(facts),
        over_18(facts),
        flag_section(facts),
        deadline_section(facts),
    ]


def progress(facts: Facts) -> list[str]:
    """(1) Each cycle's targets and their results review by review; runs not met."""
    lines = [f"### {CODE_9_14[0]}", ""]
    lines.append(
        f"Cycles of SEN Support (assess, plan, do, review) in this chronology: {len(facts.cycles)}."
    )
    latest = {"met": 0, "partly": 0, "not_met": 0, "not_assessed": 0}
    for cycle in facts.cycles:
        plan = cycle.plan
        lines.append("")
        if cycle.reviews:
            reviewed = "reviewed at " + facts.cites(r["id"] for r in cycle.reviews)
        else:
            due = day_text(plan.get("review_date", ""))
            reviewed = "not yet reviewed" + (f"; review due {due}" if due else "")
            if cycle.review_overdue:
                reviewed += ", overdue"
        lines.append(
            bullet(
                f"Cycle {cycle.number}: plan {facts.quoted(plan.get('title', ''))} "
                f"({facts.cite(plan['id'])}), {plural(len(cycle.targets), 'target')}, "
                f"{reviewed}."
            )
        )
        for row in cycle.targets:
            results = []
            for review, result in zip(cycle.reviews, row.results, strict=False):
                label = RESULT_LABELS.get(result or "not_assessed", "Not assessed").lower()
                results.append(f"{label} at {facts.refs.get(review['id']) or when(review)}")
            shown = "; ".join(results) if results else "no review yet"
            lines.append(bullet(f"{facts.quoted(row.target.get('text', ''))}: {shown}.", 1))
    # Each target once, at its latest review: one carried into a later plan keeps its id.
    last: dict[str, str] = {}
    seen: dict[str, None] = {}
    for cycle in facts.cycles:
        for row in cycle.targets:
            key = str(row.target.get("id") or id(row.target))
            seen[key] = None
            if cycle.reviews:
                result = row.results[-1] if row.results else None
                last[key] = result if result in latest else "not_assessed"
    for result in last.values():
        latest[result] += 1
    if seen:
        lines += [
            "",
            (
                f"Targets in these plans: {len(seen)}, each counted once however many plans "
                f"carry it. At its latest review, of "
                f"{plural(len(last), 'target')}: met {latest['met']}, partly met "
                f"{latest['partly']}, not met {latest['not_met']}, not assessed "
                f"{latest['not_assessed']}"
                + (
                    f"; not reviewed yet: {len(seen) - len(last)}."
                    if len(seen) > len(last)
                    else "."
                )
            ),
        ]
    runs = analysis.not_met_runs(facts.analysed, facts.as_of)
    still = sum(1 for run in runs if run.current)
    lines += [
        "",
        (
            f"Times a target was not met at two or more reviews in a row: {len(runs)}"
            + (f", {still} of them still not met at the latest review." if runs else ".")
        ),
    ]
    for run in runs:
        where = facts.cites(tuple(r["id"] for r in run.reviews))
        days = ", ".join(when(r) for r in run.reviews)
        after = (
            "still not met at the latest review"
            if run.current
            else f"then {RESULT_LABELS.get(run.ended_with, run.ended_with).lower()} at the next review"
        )
        lines.append(
            bullet(
                f"{facts.quoted(run.target.get('text', ''))}: not met at "
                f"{len(run.reviews)} reviews in a row ({days}; {where}), {after}."
            )
        )
    return lines


def nature(facts: Facts) -> list[str]:
    """(2) Areas of need, concerns and their answers, observations, the child's words."""
    lines = [f"### {CODE_9_14[1]}", ""]
    areas = [a for a in model.AREAS if a in (facts.child.get("areas") or ())]
    named = "; ".join(vocabulary.AREA_LABELS[a] for a in areas) if areas else "none recorded"
    lines.append(f"Areas of need recorded: {named}.")
    # (When no two entries share an id, the plans are taken as the derived facts grouped
    # them: the same plans by id, without a look at every entry.)
    if facts.unique_ids:
        kinds = analysis.by_kind(cast("list[dict[str, Any]]", facts.analysed))
        plans = {e["id"]: e for e in kinds.get("plan", ())}
    else:
        plans = {e["id"]: e for e in facts.known if e.get("kind") == "plan"}
    touched = {a: 0 for a in model.AREAS}
    # The areas each row touches, read as the chronology was made (see rows.py).
    rows = rows_read(facts)
    for entry in rows.with_plan_areas:
        for area in entry_areas(entry, plans):
            if area in touched:
                touched[area] += 1
    # An entry's own areas, tallied by the list they come as (the same few lists again
    # and again), then each list's areas counted once per entry.
    own = rows.own_areas
    for listed, count in own.items():
        for area in set(listed):
            if area in touched:
                touched[area] += count
    counts = [f"{vocabulary.AREA_LABELS[a]}: {n}" for a, n in touched.items() if n]
    if counts:
        lines += ["", "Entries in this chronology touching each area: " + "; ".join(counts) + "."]
    concerns = facts.chosen("concern")
    lines += ["", f"Concerns raised: {len(concerns)}."]
    for concern in concerns:
        parts = [facts.titled(concern)]
        if present(concern.get("raised_by", "")):
            parts.append(f"raised by {facts.text(concern['raised_by'])}")
        if present(concern.get("raised_with", "")):
            parts.append(f"with {facts.text(concern['raised_with'])}")
        lines.append(bullet("; ".join(parts) + "; " + answer(facts, concern)))
    waiting = [f for f in facts.flags if f.code == "concern_unanswered"]
    lines += ["", f"Concerns with no response recorded: {len(waiting)}."]
    for flag in waiting:
        lines.append(
            bullet(
                f"{facts.cite(flag.entry_id)}: waited {plural(flag.days, 'day')} by "
                f"{facts.as_of.isoformat()}."
            )
        )
    observations = facts.chosen("observation")
    lines += ["", f"Observations at home: {len(observations)}."]
    lines += rows.titled["observation"]  # each as rows.titled_item lists it
    _, found, beside, elsewhere = placed_views(facts)
    children = sum(view.label == VIEW_FIELDS[0][1] for view in found)
    lines += [
        "",
        (
            f"Views recorded at reviews and with observations: {len(found)} (the child's "
            f"{children}, the parent's {len(found) - children}). "
            + (
                f"Those that name a provision, {sum(map(len, beside.values()))}, are given "
                f"beside it under {CODE_9_14[2][:3]}; the others:"
                if beside and elsewhere
                else f"All name a provision and are given beside it under {CODE_9_14[2][:3]}."
                if beside
                else "None names a provision:"
                if elsewhere
                else ""
            )
        ).rstrip(),
    ]
    if elsewhere:
        lines.append("")
    lines += [bullet(view_line(facts, view)) for view in elsewhere]
    return lines


def answer(facts: Facts, concern: Mapping[str, Any]) -> str:
    """The setting's answer to a concern, quoted with its date, or that none came."""
    answered = day_text(concern.get("response_date", ""))
    said = concern.get("response", "")
    if present(said):
        when_said = f"on {answered}" if answered else "(date not recorded)"
        return f"answered {when_said}: {facts.quoted(said)}"
    if answered:
        return f"an answer recorded on {answered}, without its words."
    return "no response recorded."


def action(facts: Facts) -> list[str]:
    """(3) Provision (each kind once, with the views that name it), what the next plan
    dropped, meetings and their overdue actions, recommendations by status."""
    lines = [f"### {CODE_9_14[2]}", ""]
    lines += provision_with_views(facts)
    gone = dropped(facts)
    if gone:
        lines += ["", *gone]
    meetings = facts.chosen("meeting")
    lines += ["", f"Meetings: {len(meetings)}."]
    lines += rows_read(facts).titled["meeting"]  # each as rows.titled_item lists it
    overdue = [f for f in facts.flags if f.code == "action_overdue"]
    if overdue:
        lines += ["", f"Meeting actions past their due date and not done: {len(overdue)}."]
        for flag in overdue:
            # (Each sentence is its own, shown here and among the flags: kept for that
            # one more showing only, see Facts.flag_sentence.)
            lines.append(bullet(f"{facts.flag_sentence(flag)} ({facts.cite(flag.entry_id)})"))
    lines += ["", *recommendations(facts)]
    return lines


def intervention(facts: Facts) -> list[str]:
    """(4) Progress made, beside the provision of the cycle it was made in."""
    lines = [f"### {CODE_9_14[3]}", ""]
    progress = []
    for cycle in facts.cycles:
        results = [
            f"{facts.quoted(row.target.get('text', ''))}: {RESULT_LABELS[result].lower()} "
            f"at {facts.refs.get(review['id']) or when(review)}"
            for row in cycle.targets
            for review, result in zip(cycle.reviews, row.results, strict=False)
            if result in ("met", "partly")
        ]
        if results:
            progress.append((cycle, results))
    count = sum(len(results) for _, results in progress)
    lines.append(
        f"Target results recorded as met or partly met at a review: {count}. They are "
        "listed by cycle, with the provision that cycle's plan recorded."
    )
    for cycle, results in progress:
        provided = [provision_text(facts, i) for i in cycle.plan.get("provision") or ()]
        support = "; ".join(provided) if provided else "no provision recorded in the plan"
        lines.append(
            bullet(
                f"Cycle {cycle.number}, plan {facts.cite(cycle.plan['id'])}, provision: {support}."
            )
        )
        lines += [bullet(result + ".", 1) for result in results]
    return lines


def health(facts: Facts) -> list[str]:
    """(5) Professionals' reports with their findings, and incidents with the days lost."""
    lines = [f"### {CODE_9_14[4]}", ""]
    lines += findings(facts)
    lines += ["", *incident_lines(facts)]
    return lines


def over_18(facts: Facts) -> list[str]:
    """(6) Whether the heading for a young person over 18 applies, and why."""
    lines = [f"### {CODE_9_14[5]}", ""]
    born = model.optional_date(str(facts.child.get("date_of_birth", "")))
    years = age(born, facts.as_of) if born else None
    post16 = facts.child.get("setting_phase") == "post16"
    adult = years is not None and years[0] >= 18
    if adult or post16:
        why = []
        if years is not None:
            why.append(f"aged {plural(years[0], 'year')} on {facts.as_of.isoformat()}")
        if post16:
            why.append("in post-16 education")
        lines.append(
            f"Applies: {' and '.join(why)}. The plans, reviews and reports above are the "
            "records that bear on it."
        )
    else:
        shown = f"aged {plural(years[0], 'year')}" if years else "of unrecorded age"
        lines.append(
            f"Not applicable: {shown} on {facts.as_of.isoformat()} and not in post-16 education."
        )
    return lines
