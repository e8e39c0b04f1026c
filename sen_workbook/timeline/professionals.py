"""What professionals found, in their own words, and what they recommended, each
recommendation under the words of its status ("partly implemented" is not "not
implemented")."""

from __future__ import annotations

from sen_workbook import model
from sen_workbook.vocabulary import IMPLEMENTED_LABELS

from .blocks import bullet
from .escaping import present
from .facts import Facts
from .words import plural

# The order a caseworker reads them in: what was not done first.
_STATUS_ORDER = ("no", "partly", "unknown", "yes")


def findings(facts: Facts) -> list[str]:
    """Each assessment or report, by whom, and its findings quoted."""
    reports = facts.chosen("assessment")
    lines = [f"Assessments and professional reports: {len(reports)}."]
    for report in reports:
        parts = [facts.titled(report)]
        if present(report.get("professional", "")):
            parts.append(f"by {facts.text(report['professional'])}")
        parts.append(plural(len(report.get("recommendations") or ()), "recommendation"))
        said = "; ".join(parts) + "."
        if present(report.get("findings", "")):
            said += " Findings: " + facts.quoted(report["findings"])
        else:
            said += " No findings recorded."
        lines.append(bullet(said))
    return lines


def recommendations(facts: Facts) -> list[str]:
    """Every recommendation, counted by status and listed under its status's words."""
    found = [
        (report, item)
        for report in facts.chosen("assessment")
        for item in report.get("recommendations") or ()
    ]
    tally = {key: 0 for key in model.IMPLEMENTED}
    for _, item in found:
        status = item.get("implemented")
        tally[status if status in tally else "unknown"] += 1
    lines = [
        f"Professionals' recommendations: {len(found)}; implemented {tally['yes']}, "
        f"partly implemented {tally['partly']}, not implemented {tally['no']}, "
        f"not known whether implemented {tally['unknown']}."
    ]
    for status in _STATUS_ORDER:
        these = [
            (report, item)
            for report, item in found
            if (item.get("implemented") if item.get("implemented") in tally else "unknown")
            == status
        ]
        if not these:
            continue
        lines.append(bullet(IMPLEMENTED_LABELS[status].capitalize() + ":"))
        for report, item in these:
            by = (
                f", {facts.text(report['professional'])}"
                if present(report.get("professional", ""))
                else ""
            )
            lines.append(
                bullet(f"{facts.quoted(item.get('text', ''))} ({facts.cite(report['id'])}{by}).", 1)
            )
    return lines
