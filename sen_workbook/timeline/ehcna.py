"""The summary for an EHC needs assessment request, under the SEND Code of Practice
para 9.14 headings, each answered from the records with references to them."""

from __future__ import annotations

from sen_workbook import analysis, model
from sen_workbook.vocabulary import RESULT_LABELS

from .blocks import bullet
from .deadline_table import deadline_section
from .escaping import present
from .facts import Facts
from .flag_list import flag_section
from .phrases import provision_text
from .selection import entry_areas
from .words import age, day_text, number, plural, when

# SEND Code of Practice 2015, para 9.14: what a local authority looks at.
CODE_9_14: tuple[str, ...] = (
    "(1) Attainment, developmental milestones and rate of progress",
    "(2) Nature, extent and context of the special educational needs",
    "(3) Action already taken by the setting",
    "(4) Progress made only through much additional intervention",
    "(5) Physical, emotional and social development and health needs",
    "(6) A young person over 18: time needed to complete education or training",
)

EXCLUSION_NOTE = (
    "The DfE's guidance on suspension and permanent exclusion says that sending a pupil "
    "home without a formal exclusion is unlawful, even when the parent agrees."
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
        f"Cycles of SEN Support (assess, plan, do, review) in this chronology: "
        f"{len(facts.cycles)}."
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
        lines.append(bullet(
            f"Cycle {cycle.number}: plan {facts.quoted(plan.get('title', ''))} "
            f"({facts.cite(plan['id'])}), {plural(len(cycle.targets), 'target')}, "
            f"{reviewed}."
        ))
        for row in cycle.targets:
            results = []
            for review, result in zip(cycle.reviews, row.results, strict=False):
                label = RESULT_LABELS.get(result or "not_assessed", "Not assessed").lower()
                results.append(f"{label} at {facts.refs.get(review['id']) or when(review)}")
            if cycle.reviews:
                last = row.results[-1] if row.results else None
                latest[last if last in latest else "not_assessed"] += 1
            shown = "; ".join(results) if results else "no review yet"
            lines.append(bullet(f"{facts.quoted(row.target.get('text', ''))}: {shown}.", 1))
    reviewed_targets = sum(latest.values())
    if reviewed_targets:
        lines += ["", (
            f"At the latest review of each cycle, of {plural(reviewed_targets, 'target')}: "
            f"met {latest['met']}, partly met {latest['partly']}, not met "
            f"{latest['not_met']}, not assessed {latest['not_assessed']}."
        )]
    runs = analysis.not_met_runs(facts.analysed, facts.as_of)
    still = sum(1 for run in runs if run.current)
    lines += ["", (
        f"Times a target was not met at two or more reviews in a row: {len(runs)}"
        + (f", {still} of them still not met at the latest review." if runs else ".")
    )]
    for run in runs:
        where = facts.cites(tuple(r["id"] for r in run.reviews))
        days = ", ".join(when(r) for r in run.reviews)
        after = (
            "still not met at the latest review" if run.current
            else f"then {RESULT_LABELS.get(run.ended_with, run.ended_with).lower()} at the next review"
        )
        lines.append(bullet(
            f"{facts.quoted(run.target.get('text', ''))}: not met at "
            f"{len(run.reviews)} reviews in a row ({days}; {where}), {after}."
        ))
    return lines


def nature(facts: Facts) -> list[str]:
    """(2) Areas of need, concerns and their answers, observations, the child's words."""
    lines = [f"### {CODE_9_14[1]}", ""]
    areas = [a for a in model.AREAS if a in (facts.child.get("areas") or ())]
    named = "; ".join(model.AREAS[a] for a in areas) if areas else "none recorded"
    lines.append(f"Areas of need recorded: {named}.")
    plans = {e["id"]: e for e in facts.known if e.get("kind") == "plan"}
    touched = {a: 0 for a in model.AREAS}
    for entry in facts.selected:
        for area in entry_areas(entry, plans):
            if area in touched:
                touched[area] += 1
    counts = [f"{model.AREAS[a]}: {n}" for a, n in touched.items() if n]
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
        answered = day_text(concern.get("response_date", ""))
        if answered:
            parts.append(f"response recorded on {answered}")
        elif present(concern.get("response", "")):
            parts.append("response recorded, date not recorded")
        else:
            parts.append("no response recorded")
        lines.append(bullet("; ".join(parts) + "."))
    waiting = [f for f in facts.flags if f.code == "concern_unanswered"]
    lines += ["", f"Concerns with no response recorded: {len(waiting)}."]
    for flag in waiting:
        lines.append(bullet(
            f"{facts.cite(flag.entry_id)}: waited {plural(flag.days, 'day')} by "
            f"{facts.as_of.isoformat()}."
        ))
    observations = facts.chosen("observation")
    lines += ["", f"Observations at home: {len(observations)}."]
    lines += [bullet(facts.titled(e) + ".") for e in observations]
    views = [r for r in facts.chosen("review") if present(r.get("child_views", ""))]
    lines += ["", f"The child's own words, recorded at reviews: {len(views)}."]
    for review in views:
        lines.append(bullet(f"{facts.cite(review['id'])}: {facts.quoted(review['child_views'])}"))
    return lines


def action(facts: Facts) -> list[str]:
    """(3) Provision in the plans, meetings, overdue actions, recommendations."""
    lines = [f"### {CODE_9_14[2]}", ""]
    provision = [
        (cycle.plan, item) for cycle in facts.cycles for item in cycle.plan.get("provision") or ()
    ]
    lines.append(f"Provision recorded in SEN Support plans: {len(provision)}.")
    for plan, item in provision:
        lines.append(bullet(f"{provision_text(facts, item)} (plan {facts.cite(plan['id'])})."))
    meetings = facts.chosen("meeting")
    lines += ["", f"Meetings: {len(meetings)}."]
    lines += [bullet(facts.titled(e) + ".") for e in meetings]
    overdue = [f for f in facts.flags if f.code == "action_overdue"]
    if overdue:
        lines += ["", f"Meeting actions past their due date and not done: {len(overdue)}."]
        for flag in overdue:
            lines.append(bullet(f"{facts.text(flag.message)} ({facts.cite(flag.entry_id)})"))
    recommendations = [
        item for e in facts.chosen("assessment") for item in e.get("recommendations") or ()
    ]
    tally = {key: 0 for key in model.IMPLEMENTED}
    for item in recommendations:
        implemented = item.get("implemented")
        tally[implemented if implemented in tally else "unknown"] += 1
    lines += ["", (
        f"Professionals' recommendations: {len(recommendations)}; implemented "
        f"{tally['yes']}, partly {tally['partly']}, not implemented {tally['no']}, "
        f"not known {tally['unknown']}."
    )]
    for flag in (f for f in facts.flags if f.code == "recommendation_not_implemented"):
        lines.append(bullet(f"{facts.text(flag.message)} ({facts.cite(flag.entry_id)})"))
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
        lines.append(bullet(
            f"Cycle {cycle.number}, plan {facts.cite(cycle.plan['id'])}, provision: {support}."
        ))
        lines += [bullet(result + ".", 1) for result in results]
    return lines


def health(facts: Facts) -> list[str]:
    """(5) Professionals' reports, and incidents with the days of education lost."""
    lines = [f"### {CODE_9_14[4]}", ""]
    reports = facts.chosen("assessment")
    lines.append(f"Assessments and professional reports: {len(reports)}.")
    for report in reports:
        parts = [facts.titled(report)]
        if present(report.get("professional", "")):
            parts.append(f"by {facts.text(report['professional'])}")
        recommendations = len(report.get("recommendations") or ())
        parts.append(plural(recommendations, "recommendation"))
        lines.append(bullet("; ".join(parts) + "."))
    incidents = facts.chosen("incident")
    total = sum(e.get("days_lost") or 0 for e in incidents)
    lines += ["", (
        f"Incidents: {len(incidents)}; days of education lost, all incidents: "
        f"{number(total)}."
    )]
    for kind, label in model.INCIDENT_TYPES.items():
        these = [e for e in incidents if e.get("incident_type") == kind]
        if not these:
            continue
        days = sum(e.get("days_lost") or 0 for e in these)
        refs = "; ".join(facts.cite(e["id"]) for e in these)
        lines.append(bullet(
            f"{label}: {plural(len(these), 'time')}, {plural(days, 'day')} lost ({refs})."
        ))
    sent_home = [e for e in incidents if e.get("incident_type") == "sent_home"]
    if sent_home:
        days = sum(e.get("days_lost") or 0 for e in sent_home)
        lines += ["", (
            f"Sent home without a formal exclusion: {plural(len(sent_home), 'time')}, "
            f"{plural(days, 'day')} lost. {EXCLUSION_NOTE}"
        )]
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
            f"Not applicable: {shown} on {facts.as_of.isoformat()} and not in post-16 "
            "education."
        )
    return lines
