"""Cycles, target histories and flags, on small hand-made records."""

from datetime import date

from sen_workbook import analysis, model
from sen_workbook.analysis import FLAG_CODES, cycles, flags, target_history

D = date.fromisoformat
CHILD = "child-1"


def entry(kind, entry_id, day, title, child_id=CHILD, **fields):
    return model.new_entry(kind, child_id, id=entry_id, date=day, title=title, **fields)


def plan(entry_id, day, title, targets, review_date="", child_id=CHILD):
    return entry(
        "plan", entry_id, day, title, child_id=child_id, targets=targets, review_date=review_date
    )


def review(entry_id, day, plan_id, results, child_id=CHILD):
    """``results``: {target id: result} or {target id: (result, evidence)}."""
    outcomes = []
    for target_id, value in results.items():
        result, evidence = value if isinstance(value, tuple) else (value, "")
        outcomes.append({"target_id": target_id, "result": result, "evidence": evidence})
    return entry(
        "review",
        entry_id,
        day,
        f"Review {day}",
        child_id=child_id,
        plan_id=plan_id,
        outcomes=outcomes,
    )


READING = {"id": "t1", "text": "Read 20 CVC words", "area": "cognition_learning"}
HELP = {"id": "t2", "text": "Ask an adult for help", "area": "semh"}
LUNCH = {"id": "t3", "text": "Join in at lunch", "area": "semh"}


def two_plans():
    """Plan A (Jan) and plan B (Apr); the reading target is carried from A into B."""
    return [
        entry(
            "concern",
            "k1",
            "2024-01-05",
            "Struggles with reading",
            response="Will monitor",
            response_date="2024-01-12",
        ),
        entry("assessment", "a1", "2024-01-10 09:00", "Reading screen"),
        plan("p1", "2024-01-10", "Spring plan", [READING, HELP], review_date="2024-03-20"),
        entry(
            "concern",
            "k2",
            "2024-02-01",
            "Upset after lunch",
            response="Noted",
            response_date="2024-02-02",
        ),
        review("r1", "2024-03-20", "p1", {"t1": ("not_met", "Read 8 of 20"), "t2": "partly"}),
        plan("p2", "2024-04-10", "Summer plan", [READING, LUNCH], review_date="2024-07-10"),
        review("r2", "2024-07-10", "p2", {"t1": ("not_met", "Read 12 of 20"), "t3": "met"}),
    ]


# --- cycles ----------------------------------------------------------------------------


def test_cycles_across_two_plans():
    found = cycles(reversed(two_plans()), D("2024-09-01"))
    assert [(c.number, c.plan["id"]) for c in found] == [(1, "p1"), (2, "p2")]
    first, second = found
    assert [e["id"] for e in first.assess] == ["k1", "a1"]  # up to and including plan day
    assert [e["id"] for e in second.assess] == ["k2"]  # after plan A's day
    assert [r["id"] for r in first.reviews] == ["r1"]
    assert [r["id"] for r in second.reviews] == ["r2"]
    assert [(row.target["id"], row.results, row.evidence) for row in first.targets] == [
        ("t1", ("not_met",), ("Read 8 of 20",)),
        ("t2", ("partly",), ("",)),
    ]
    assert [(row.target["text"], row.results) for row in second.targets] == [
        ("Read 20 CVC words", ("not_met",)),
        ("Join in at lunch", ("met",)),
    ]
    assert not first.review_overdue and not second.review_overdue


def test_a_target_a_review_did_not_assess_shows_as_none():
    records = [
        plan("p1", "2024-01-10", "Plan", [READING, HELP]),
        review("r1", "2024-02-10", "p1", {"t1": "met"}),
        review("r2", "2024-03-10", "p1", {"t1": "partly", "t2": "not_assessed"}),
    ]
    (cycle,) = cycles(records, D("2024-04-01"))
    assert [row.results for row in cycle.targets] == [("met", "partly"), (None, None)]


def test_cycle_review_overdue_and_entries_after_as_of():
    records = [
        plan("p1", "2024-01-10", "Plan", [READING], review_date="2024-03-20"),
        review("r1", "2024-03-25", "p1", {"t1": "met"}),
        entry("concern", "k9", "2024-03-30", "Later worry"),
        plan("p2", "2024-04-01", "Next plan", [READING]),
    ]
    on_review_day = cycles(records, D("2024-03-20"))
    assert [c.review_overdue for c in on_review_day] == [False]  # due today, not overdue
    before_review = cycles(records, D("2024-03-21"))
    assert [c.review_overdue for c in before_review] == [True]
    assert before_review[0].reviews == ()  # the review of 25 March is still to come
    after_review = cycles(records, D("2024-03-26"))
    assert [c.review_overdue for c in after_review] == [False]
    assert len(cycles(records, D("2024-03-31"))) == 1  # plan 2 not yet written


def test_cycles_are_numbered_per_child():
    records = [
        plan("b1", "2024-02-01", "Plan for B", [], child_id="B"),
        plan("a1", "2024-01-01", "Plan for A", [], child_id="A"),
        plan("a2", "2024-03-01", "Second plan for A", [], child_id="A"),
    ]
    found = cycles(records, D("2024-04-01"))
    assert [(c.child_id, c.number, c.plan["id"]) for c in found] == [
        ("A", 1, "a1"),
        ("B", 1, "b1"),
        ("A", 2, "a2"),
    ]


def test_target_history_follows_a_target_across_plans_in_date_order():
    history = target_history(two_plans(), D("2024-09-01"))
    assert {k: [(r["id"], result) for r, result in v] for k, v in history.items()} == {
        "t1": [("r1", "not_met"), ("r2", "not_met")],
        "t2": [("r1", "partly")],
        "t3": [("r2", "met")],
    }


# --- flags -----------------------------------------------------------------------------


def test_target_not_met_at_two_reviews_in_a_row_across_plans():
    found = flags(two_plans(), D("2024-09-01"))
    assert [f.code for f in found] == ["target_not_met"]
    (flag,) = found
    assert flag.child_id == CHILD
    assert flag.entry_id == "p2"  # the plan of the latest review
    assert flag.date == D("2024-07-10")
    assert flag.days == 2
    assert flag.related_ids == ("r1", "r2")
    assert flag.message == (
        "Target 'Read 20 CVC words' in plan 'Summer plan' was not met at 2 reviews in a row "
        "(2024-03-20 and 2024-07-10)."
    )
    # Before the second review there is only one "not met", and plan B is not yet due.
    assert flags(two_plans(), D("2024-07-09")) == []


def test_partly_breaks_a_run_and_not_assessed_does_not():
    def records(middle):
        return [
            plan("p1", "2024-01-10", "Plan", [READING]),
            review("r1", "2024-02-10", "p1", {"t1": "not_met"}),
            review("r2", "2024-03-10", "p1", {"t1": middle}),
            review("r3", "2024-04-10", "p1", {"t1": "not_met"}),
        ]

    assert flags(records("partly"), D("2024-05-01")) == []
    (flag,) = flags(records("not_assessed"), D("2024-05-01"))
    assert (flag.days, flag.related_ids) == (2, ("r1", "r3"))
    (flag,) = flags(records("not_met"), D("2024-05-01"))
    assert (flag.days, flag.related_ids) == (3, ("r1", "r2", "r3"))
    assert "3 reviews in a row (2024-02-10, 2024-03-10 and 2024-04-10)" in flag.message


def test_a_met_latest_result_ends_the_run():
    records = [
        plan("p1", "2024-01-10", "Plan", [READING]),
        review("r1", "2024-02-10", "p1", {"t1": "not_met"}),
        review("r2", "2024-03-10", "p1", {"t1": "not_met"}),
        review("r3", "2024-04-10", "p1", {"t1": "met"}),
    ]
    assert flags(records, D("2024-03-31"))[0].code == "target_not_met"
    assert flags(records, D("2024-04-30")) == []


def test_review_overdue():
    records = [plan("p1", "2024-01-10", "Spring plan", [READING], review_date="2024-07-01")]
    (flag,) = flags(records, D("2024-07-31"))
    assert (flag.code, flag.entry_id, flag.date, flag.days) == (
        "review_overdue",
        "p1",
        D("2024-07-01"),
        30,
    )
    assert flag.message == (
        "Plan 'Spring plan' was due for review on 2024-07-01 and no review has been recorded; "
        "30 days overdue."
    )
    assert flags(records, D("2024-07-01")) == []
    assert flags([*records, review("r1", "2024-06-28", "p1", {})], D("2024-07-31")) == []


def test_concern_unanswered_and_how_long_it_has_waited():
    concern = entry(
        "concern", "k1", "2024-03-04 08:45", "Not eating\nat  lunch", raised_with="Mrs Patel"
    )
    (flag,) = flags([concern], D("2024-04-15"))
    assert (flag.code, flag.entry_id, flag.date, flag.days) == (
        "concern_unanswered",
        "k1",
        D("2024-03-04"),
        42,
    )
    assert flag.message == (
        "Concern 'Not eating at lunch' raised with Mrs Patel on 2024-03-04 has had no "
        "response recorded for 42 days."
    )
    (today,) = flags([concern], D("2024-03-04"))
    assert today.message.endswith("has had no response recorded yet.")


def test_concern_with_a_response_is_not_flagged_unless_the_response_is_still_to_come():
    answered = entry("concern", "k1", "2024-03-04", "Lunch", response="Will watch")
    dated = entry("concern", "k2", "2024-03-04", "Lunch", response_date="2024-03-10")
    assert flags([answered, dated], D("2024-04-15")) == []
    (flag,) = flags([dated], D("2024-03-09"))
    assert (flag.code, flag.days) == ("concern_unanswered", 5)
    assert "raised on 2024-03-04" in flag.message  # no one named to raise it with


def test_action_overdue():
    meeting = entry(
        "meeting",
        "m1",
        "2024-03-04",
        "Termly meeting",
        actions=[
            {
                "text": "Refer to speech and language therapy",
                "owner": "Mrs Patel",
                "due": "2024-03-18",
                "done": False,
            },
            {"text": "Send reading book home", "due": "2024-03-10", "done": True},
            {"text": "Phone parent", "due": "2024-04-17"},
            {"text": "Share notes"},
        ],
    )
    (flag,) = flags([meeting], D("2024-04-17"))
    assert (flag.code, flag.entry_id, flag.date, flag.days) == (
        "action_overdue",
        "m1",
        D("2024-03-18"),
        30,
    )
    assert flag.message == (
        "Action 'Refer to speech and language therapy' (Mrs Patel) from meeting "
        "'Termly meeting' on 2024-03-04 was due on 2024-03-18 and is not recorded as done; "
        "30 days overdue."
    )


def test_reply_overdue_until_a_linked_reply_is_received():
    sent = entry(
        "correspondence",
        "l1",
        "2024-03-04",
        "Request for provision map",
        direction="sent",
        to="Mr Jones",
        reply_due="2024-03-18",
    )
    (flag,) = flags([sent], D("2024-03-28"))
    assert (flag.code, flag.entry_id, flag.date, flag.days) == (
        "reply_overdue",
        "l1",
        D("2024-03-18"),
        10,
    )
    assert flag.message == (
        "Correspondence 'Request for provision map' sent to Mr Jones on 2024-03-04 asked for "
        "a reply by 2024-03-18 and no reply has been recorded; 10 days overdue."
    )
    reply = entry("correspondence", "l2", "2024-03-20", "Re: provision map", links=["l1"])
    assert flags([sent, reply], D("2024-03-28")) == []
    linked_from_sent = dict(sent, links=["l2"])
    assert flags([linked_from_sent, dict(reply, links=[])], D("2024-03-28")) == []
    unlinked = dict(reply, links=[])
    assert [f.code for f in flags([sent, unlinked], D("2024-03-28"))] == ["reply_overdue"]
    # Something received before the letter was sent is not its reply.
    earlier = dict(reply, date="2024-03-01")
    assert [f.code for f in flags([sent, earlier], D("2024-03-28"))] == ["reply_overdue"]
    # A reply dated after as_of had not arrived yet.
    assert [f.code for f in flags([sent, reply], D("2024-03-19"))] == ["reply_overdue"]
    # A letter the family received with a reply_due is not a reply owed to them.
    received = dict(sent, direction="received")
    assert flags([received], D("2024-03-28")) == []


def test_recommendations_not_or_partly_implemented():
    report = entry(
        "assessment",
        "a1",
        "2024-01-10",
        "Occupational therapy report",
        professional="Ms Shah",
        recommendations=[
            {"text": "Writing slope", "implemented": "yes"},
            {"text": "Daily fine motor practice", "implemented": "partly"},
            {"text": "Movement breaks", "implemented": "no"},
            {"text": "Pencil grip", "implemented": "unknown"},
        ],
    )
    found = flags([report], D("2024-02-09"))
    assert [(f.code, f.entry_id, f.date, f.days) for f in found] == [
        ("recommendation_not_implemented", "a1", D("2024-01-10"), 30),
        ("recommendation_not_implemented", "a1", D("2024-01-10"), 30),
    ]
    assert sorted(f.message for f in found) == [
        "Recommendation 'Daily fine motor practice' in 'Occupational therapy report' by "
        "Ms Shah on 2024-01-10 is recorded as only partly implemented.",
        "Recommendation 'Movement breaks' in 'Occupational therapy report' by Ms Shah on "
        "2024-01-10 is recorded as not implemented.",
    ]


def test_flags_are_ordered_by_date_then_entry_and_ignore_later_entries():
    records = [
        entry("concern", "k2", "2024-03-04", "Second"),
        entry("concern", "k1", "2024-03-04", "First"),
        entry("concern", "k0", "2024-02-01", "Earliest", child_id="B"),
        entry("concern", "k3", "2024-05-01", "After as of"),
    ]
    found = flags(records, D("2024-04-01"))
    assert [(f.child_id, f.entry_id) for f in found] == [("B", "k0"), (CHILD, "k1"), (CHILD, "k2")]
    assert all(f.code in FLAG_CODES for f in found)
    assert flags(list(reversed(records)), D("2024-04-01")) == found


def test_not_met_runs_include_runs_that_ended_with_the_target_met():
    child = model.new_child(name="Sam")
    plan = model.new_entry(
        "plan",
        child["id"],
        date="2024-01-08",
        title="Plan",
        targets=[{"id": "t1", "text": "Reads aloud"}, {"id": "t2", "text": "Writes a sentence"}],
    )

    def review(day, r1, r2):
        return model.new_entry(
            "review",
            child["id"],
            date=day,
            title=f"Review {day}",
            plan_id=plan["id"],
            outcomes=[
                {"target_id": "t1", "result": r1, "evidence": ""},
                {"target_id": "t2", "result": r2, "evidence": ""},
            ],
        )

    reviews = [
        review("2024-03-01", "not_met", "not_met"),
        review("2024-05-01", "not_met", "partly"),
        review("2024-07-01", "met", "not_met"),
        review("2024-09-01", "not_met", "not_met"),
    ]
    runs = analysis.not_met_runs([plan, *reviews], date(2024, 12, 1))
    summary = [
        (r.target["id"], [x["date"] for x in r.reviews], r.current, r.ended_with) for r in runs
    ]
    assert summary == [
        ("t1", ["2024-03-01", "2024-05-01"], False, "met"),
        ("t2", ["2024-07-01", "2024-09-01"], True, ""),
    ]
    # only the run still going is a flag
    flagged = [
        f for f in analysis.flags([plan, *reviews], date(2024, 12, 1)) if f.code == "target_not_met"
    ]
    assert [f.related_ids for f in flagged] == [(reviews[2]["id"], reviews[3]["id"])]
    # as of before the last review, t2 has no run yet, and t1's run is still current
    earlier = analysis.not_met_runs([plan, *reviews], date(2024, 6, 1))
    assert [(r.target["id"], r.current) for r in earlier] == [("t1", True)]
