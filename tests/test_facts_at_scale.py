"""The derived facts worked out in one pass over the entries are the facts as first defined:
on a generated journal of plans every 50 entries with targets carried over, reviews, and
concerns and assessments between them (several on a plan's own day, two plans on one day),
each cycle's Assess step and reviews, and where each view is placed beside the provision,
equal what the plain definitions (each plan against every entry, each view against every
name of provision) give."""

from __future__ import annotations

import random
import re
from datetime import date, timedelta

from sen_workbook import analysis, model
from sen_workbook.timeline import views as views_module

AS_OF = date(2026, 8, 31)
CHILDREN = ("child-1", "child-2")
PROVISION = (
    "ELSA sessions",
    "SALT programme (from the clinic)",
    "Visual timetable",
    "Daily reading",
    "Social skills group",
    "Sensory breaks",
    "Maths catch-up",
    "Time out card",
    "x",
)
WORDS = (
    "the ELSA sessions were cancelled again; visual timetable not used; reading at home "
    "went well, sensory breaks helped, maths catch-up missed, salt said he is tired"
).split()


def journal(size: int, seed: int = 5) -> list[dict]:
    """A journal of two children shaped like a plan every 50 entries and its review 25 later."""
    rng = random.Random(seed)
    day = date(2023, 9, 4)
    entries: list[dict] = []
    latest: dict[str, dict] = {}
    targets: dict[str, list[dict]] = {}
    for number in range(size):
        day += timedelta(days=rng.choice((0, 0, 1)))
        child = CHILDREN[number % 2]
        common = {
            "id": f"e{number}",
            "date": day.isoformat(),
            "title": f"Entry {number}",
            "created_at": "2023-09-04T09:00:00Z",
            "updated_at": "2023-09-04T09:00:00Z",
        }
        slot = number % 50
        if slot in (0, 1, 2) and (slot == 0 or rng.random() < 0.3):
            carried = targets.get(child, [])[1:]
            targets[child] = [*carried, {"id": f"t{number}", "text": f"Target {number}"}][-4:]
            latest[child] = model.new_entry(
                "plan",
                child,
                **common,
                review_date=(day + timedelta(weeks=6)).isoformat(),
                targets=[dict(t) for t in targets[child]],
                provision=[{"what": rng.choice(PROVISION)} for _ in range(rng.randint(0, 3))],
            )
            entries.append(latest[child])
        elif slot in (25, 26, 40) and child in latest:
            plan = (
                latest[child]
                if rng.random() < 0.9
                else rng.choice([e for e in entries if e["kind"] == "plan"])
            )
            entries.append(
                model.new_entry(
                    "review",
                    child,
                    **common,
                    plan_id=plan["id"],
                    outcomes=[
                        {
                            "target_id": t["id"],
                            "result": rng.choice(
                                ("met", "partly", "not_met", "not_met", "not_assessed")
                            ),
                        }
                        for t in plan["targets"]
                        if rng.random() < 0.9
                    ],
                    child_views=" ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 8))),
                    parent_views=" ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 8))),
                )
            )
        elif rng.random() < 0.3:
            kind = rng.choice(("concern", "assessment"))
            entries.append(model.new_entry(kind, child, **common))
        else:
            entries.append(
                model.new_entry(
                    "observation",
                    child,
                    **common,
                    child_views=" ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 6))),
                )
            )
    rng.shuffle(entries)  # the facts may not rely on the order they are handed in
    return entries


def plain_cycles(entries: list[dict], as_of: date) -> list[tuple]:
    """Each cycle as first defined: every plan checked against every entry of its child."""
    known = sorted(
        (e for e in entries if model.entry_day(e) <= as_of), key=analysis.chronological_key
    )
    found = []
    for child in CHILDREN:
        items = [e for e in known if e["child_id"] == child]
        previous = None
        plans = [e for e in items if e["kind"] == "plan"]
        for number, plan in enumerate(plans, 1):
            day = model.entry_day(plan)
            assess = [
                e["id"]
                for e in items
                if e["kind"] in ("concern", "assessment")
                and (previous is None or model.entry_day(e) > previous)
                and model.entry_day(e) <= day
            ]
            reviews = [
                e["id"] for e in items if e["kind"] == "review" and e["plan_id"] == plan["id"]
            ]
            found.append((plan["id"], child, number, assess, reviews))
            previous = day
    found.sort(
        key=lambda c: analysis.chronological_key(next(e for e in entries if e["id"] == c[0]))
    )
    return found


def plain_speaks_of(view: str, provision: str) -> int:
    """How closely a view names a provision, as first written."""

    def words(text: str) -> list[str]:
        return [word.casefold() for word in re.findall(r"[^\W_]+", text)]

    def singular(word: str) -> str:
        return word[:-1] if len(word) > 3 and word.endswith("s") else word

    provision = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", provision)
    said = {singular(word) for word in words(view)}
    named = [singular(word) for word in words(provision)]
    if not named:
        return 0
    capitals = [w for w in re.findall(r"[^\W_]+", provision) if len(w) >= 2 and w.isupper()]
    if any(singular(word.casefold()) in said for word in capitals):
        return len(named)
    common = views_module._COMMON
    meaningful = [word for word in named if word not in common and len(word) >= 3]
    if meaningful and all(word in said for word in meaningful):
        return len(meaningful)
    return 0


def test_cycles_worked_out_in_one_pass_equal_the_plain_definition():
    entries = journal(3000)
    cycles = analysis.cycles(entries, AS_OF)
    assert len(cycles) > 60  # plans every 50 entries for two children, some on one day
    assert any(len(c.assess) > 3 for c in cycles) and any(not c.assess for c in cycles)
    got = [
        (
            c.plan["id"],
            c.child_id,
            c.number,
            [e["id"] for e in c.assess],
            [r["id"] for r in c.reviews],
        )
        for c in cycles
    ]
    assert got == plain_cycles(entries, AS_OF)
    # A day part-way through: what was known then, cut the same way.
    middle = date(2024, 6, 1)
    got = [
        (
            c.plan["id"],
            c.child_id,
            c.number,
            [e["id"] for e in c.assess],
            [r["id"] for r in c.reviews],
        )
        for c in analysis.cycles(entries, middle)
    ]
    assert got == plain_cycles(entries, middle)


def test_views_placed_by_the_index_equal_scoring_every_view_against_every_name():
    entries = journal(3000)
    found = [
        views_module.View(e, "Child's views", e["child_views"])
        for e in entries
        if e.get("child_views")
    ]
    provision = [*PROVISION, "ELSA", "Sensory breaks (OT)", "visual timetable daily", ""]
    beside, elsewhere = views_module.place(found, provision)
    plain_beside: dict[int, list] = {}
    plain_elsewhere = []
    for view in found:
        scores = [plain_speaks_of(view.text, what) for what in provision]
        if max(scores):
            plain_beside.setdefault(scores.index(max(scores)), []).append(view)
        else:
            plain_elsewhere.append(view)
    assert len(plain_beside) >= 4 and plain_elsewhere
    assert beside == plain_beside
    assert elsewhere == plain_elsewhere


def test_working_days_read_year_by_year_are_those_of_the_whole_table():
    """The bank holidays are worked out only for the years a deadline reaches; every day
    of the years covered is a working day exactly when the whole table says so."""
    from sen_workbook import deadlines

    day = date(deadlines.FIRST_COVERED_YEAR, 1, 1)
    last = date(deadlines.LAST_COVERED_YEAR, 12, 31)
    table = deadlines.bank_holidays_england()
    while day <= last:
        assert deadlines.is_working_day(day) is (day.weekday() < 5 and day not in table), day
        day += timedelta(days=1)
