"""The cycles of SEN Support as tables: each target's result at each review, and the
provision each plan recorded."""

from __future__ import annotations

from sen_workbook import vocabulary
from sen_workbook.vocabulary import RESULT_LABELS

from .blocks import table
from .facts import Facts
from .words import day_text, when


def cycle_tables(facts: Facts) -> list[list[str]]:
    """One block per cycle: its plan, assess step and reviews, then two tables."""
    blocks = [["## Cycles of SEN Support (assess, plan, do, review)"]]
    if not facts.cycles:
        blocks.append(["No SEN Support plan in this selection."])
    for cycle in facts.cycles:
        plan = cycle.plan
        start = day_text(plan.get("start_date", "")) or when(plan)
        lines = [
            f"### Cycle {cycle.number}: {facts.text(plan.get('title', ''), 'heading')}",
            "",
        ]
        said = [f"Plan: {facts.cite(plan['id'])}, from {start}."]
        if cycle.assess:
            said.append("Assess: " + facts.cites(e["id"] for e in cycle.assess) + ".")
        if cycle.reviews:
            said.append("Reviews: " + facts.cites(r["id"] for r in cycle.reviews) + ".")
        due = day_text(plan.get("review_date", ""))
        if due:
            said.append(f"Review due {due}" + (", overdue." if cycle.review_overdue else "."))
        lines += [" ".join(said), ""]
        header = ["Target", "Area"]
        for review in cycle.reviews:
            ref = facts.refs.get(review["id"])
            header.append(f"{when(review)} ({ref})" if ref else when(review))
        if not cycle.reviews:
            header.append("Result")
        rows = []
        for row in cycle.targets:
            cells = [
                facts.text(row.target.get("text", ""), "cell"),
                vocabulary.AREA_LABELS.get(row.target.get("area", ""), ""),
            ]
            cells += [RESULT_LABELS.get(r or "not_assessed", "Not assessed") for r in row.results]
            cells += [""] * (len(header) - len(cells))
            if not cycle.reviews:
                cells[-1] = "Not reviewed yet"
            rows.append(cells[: len(header)])
        if rows:
            lines += table(header, rows)
        else:
            lines.append("No targets recorded in this plan.")
        provision = plan.get("provision") or ()
        lines.append("")
        if provision:
            lines += table(
                ["Provision", "Who", "How often", "From", "Until"],
                [
                    [
                        facts.text(item.get("what", ""), "cell"),
                        facts.text(item.get("who", ""), "cell"),
                        facts.text(item.get("frequency", ""), "cell"),
                        day_text(item.get("start", "")),
                        day_text(item.get("end", "")),
                    ]
                    for item in provision
                ],
            )
        else:
            lines.append("No provision recorded in this plan.")
        blocks.append(lines)
    return blocks
