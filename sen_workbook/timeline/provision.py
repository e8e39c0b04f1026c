"""The provision the plans recorded, each kind once, with the views that speak of it; and
what one plan dropped that the next no longer carries.

Provision is the same from plan to plan when its name is (letter case and spacing aside);
a target is the same when it keeps its id.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from sen_workbook.vocabulary import RESULT_LABELS

from .blocks import bullet
from .facts import Facts
from .phrases import provision_text
from .rows import views
from .views import View, place, view_line


class Provided(NamedTuple):
    """One kind of provision: as the first plan recorded it, and every plan carrying it."""

    item: Mapping[str, Any]
    plans: tuple[Mapping[str, Any], ...]


def provision_key(item: Mapping[str, Any]) -> str:
    """What makes two items of provision the same: their name, case and spacing aside."""
    return " ".join(str(item.get("what", "")).casefold().split())


def distinct_provision(facts: Facts) -> list[Provided]:
    """The provision of the plans in the chronology, each kind once, in first-seen order."""
    found: dict[str, tuple[Mapping[str, Any], list[Mapping[str, Any]]]] = {}
    for cycle in facts.cycles:
        for item in cycle.plan.get("provision") or ():
            key = provision_key(item)
            first, plans = found.setdefault(key, (item, []))
            if cycle.plan not in plans:
                plans.append(cycle.plan)
    return [Provided(item, tuple(plans)) for item, plans in found.values()]


def placed_views(
    facts: Facts,
) -> tuple[list[Provided], list[View], dict[int, list[View]], list[View]]:
    """The distinct provision, the views, and the views placed beside the provision they
    name or not (see :func:`views.place`): read by several sections, worked out once."""

    def work(facts: Facts) -> tuple[list[Provided], list[View], dict[int, list[View]], list[View]]:
        provided = distinct_provision(facts)
        found = views(facts)
        beside, elsewhere = place(found, [str(p.item.get("what", "")) for p in provided])
        return provided, found, beside, elsewhere

    return facts.once("placed_views", work)


def provision_with_views(facts: Facts) -> list[str]:
    """Each kind of provision once, with its plans, and beside it the views that speak of
    it; then the count of the views that speak of none (listed with the child's needs)."""
    provided, _, beside, _ = placed_views(facts)
    plain = sum(len(p.plans) for p in provided)
    lines = [
        f"Provision recorded in the SEN Support plans: {len(provided)} different "
        f"{'kind' if len(provided) == 1 else 'kinds'}"
        + (
            f" ({plain} items across the plans, an item carried into a later plan counted once)."
            if plain != len(provided)
            else "."
        )
    ]
    for number, item in enumerate(provided):
        plans = "; ".join(facts.cite(plan["id"]) for plan in item.plans)
        which = "plan" if len(item.plans) == 1 else "plans"
        lines.append(bullet(f"{provision_text(facts, item.item)} ({which} {plans})."))
        lines += [bullet(view_line(facts, view), 1) for view in beside.get(number, ())]
    if beside:
        lines += [
            "",
            "The views beside a provision were recorded at reviews and with "
            "observations, and name that provision.",
        ]
    return lines


def _result(row: Any, reviews: tuple[Mapping[str, Any], ...], facts: Facts) -> str:
    """A target's result at the last review of its plan that assessed it, in words."""
    for review, result in reversed(list(zip(reviews, row.results, strict=False))):
        if result:
            where = facts.refs.get(review["id"]) or review.get("date", "")[:10]
            return f"{RESULT_LABELS[result].lower()} at its last review ({where})"
    return "not assessed at a review" if reviews else "never reviewed"


def dropped(facts: Facts) -> list[str]:
    """What each plan in the chronology had that the plan after it no longer carries:
    targets (with whether they were met) and provision."""
    following = {c.plan["id"]: n for n, c in enumerate(facts.all_cycles)}
    lines: list[str] = []
    for cycle in facts.cycles:
        after = following[cycle.plan["id"]] + 1
        if after >= len(facts.all_cycles):
            continue
        later = facts.all_cycles[after].plan
        kept_targets = {t.get("id") for t in later.get("targets") or ()}
        kept_provision = {provision_key(i) for i in later.get("provision") or ()}
        parts = [
            f"target {facts.quoted(row.target.get('text', ''))}, "
            f"{_result(row, cycle.reviews, facts)}"
            for row in cycle.targets
            if row.target.get("id") not in kept_targets
        ]
        parts += [
            f"provision {facts.quoted(item.get('what', ''))}"
            for item in cycle.plan.get("provision") or ()
            if provision_key(item) not in kept_provision
        ]
        if parts:
            lines.append(
                bullet(
                    f"From plan {facts.cite(cycle.plan['id'])} to plan {facts.cite(later['id'])}: "
                    + "; ".join(parts)
                    + "."
                )
            )
    said = (
        "What a plan had and the next plan no longer carries: "
        f"{'nothing' if not lines else str(len(lines)) + ' ' + ('change' if len(lines) == 1 else 'changes')}."
    )
    return [said, *lines] if lines or facts.cycles else []
