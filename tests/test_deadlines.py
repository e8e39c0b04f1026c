"""Statutory deadlines: calendar arithmetic worked by hand, and each request type."""

from datetime import date

import pytest

from sen_workbook import model
from sen_workbook.deadlines import (
    BANK_HOLIDAYS_ENGLAND,
    RULES,
    STATUSES,
    CalendarRangeError,
    add_months,
    add_weeks,
    add_working_days,
    appeal_deadline,
    deadlines,
    is_working_day,
    period_end,
    working_day_on_or_after,
)

D = date.fromisoformat
CHILD = "child-1"


def request(request_id, day, request_type, **fields):
    return model.new_entry(
        "request",
        fields.pop("child_id", CHILD),
        id=request_id,
        date=day,
        title=fields.pop("title", f"{request_type} request"),
        request_type=request_type,
        **fields,
    )


def by_rule(found):
    """{rule: deadline}, checking no rule appears twice."""
    found = list(found)
    table = {d.rule: d for d in found}
    assert len(table) == len(found), [d.rule for d in found]
    return table


# --- calendar --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        ("2023-01-31", 1, "2023-02-28"),  # no 31 February: last day
        ("2024-01-31", 1, "2024-02-29"),  # leap year
        ("2024-08-31", 1, "2024-09-30"),
        ("2024-02-29", 12, "2025-02-28"),
        ("2023-12-15", 2, "2024-02-15"),  # across the year end
        ("2024-03-31", -1, "2024-02-29"),
        ("2024-12-31", 2, "2025-02-28"),
    ],
)
def test_add_months_keeps_the_day_or_takes_the_last_day_of_the_month(start, months, expected):
    assert add_months(D(start), months) == D(expected)


def test_add_weeks_counts_seven_days_a_week_through_a_leap_day():
    assert add_weeks(D("2024-02-22"), 1) == D("2024-02-29")
    assert add_weeks(D("2024-01-10"), 6) == D("2024-02-21")


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        ("2024-03-15", "2025-03-14"),
        ("2024-02-29", "2025-02-28"),
        ("2024-03-01", "2025-02-28"),
        ("2024-01-01", "2024-12-31"),
    ],
)
def test_twelve_months_beginning_with_a_day_end_the_day_before_its_anniversary(start, expected):
    assert period_end(D(start), 12) == D(expected)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        ("2025-04-17", True),  # Thursday before Easter
        ("2025-04-18", False),  # Good Friday
        ("2025-04-19", False),  # Saturday
        ("2025-04-21", False),  # Easter Monday
        ("2025-04-22", True),
        ("2022-06-02", False),  # spring bank holiday moved to Thursday
        ("2022-06-03", False),  # Platinum Jubilee
        ("2022-09-19", False),  # State Funeral of Queen Elizabeth II
        ("2023-05-08", False),  # Coronation
        ("2020-05-08", False),  # early May bank holiday moved for VE Day
        ("2020-05-04", True),  # ...so the first Monday of May 2020 was a working day
        ("2020-12-28", False),  # Boxing Day substitute
        ("2027-12-28", False),
        ("2028-01-03", False),
    ],
)
def test_working_days_skip_weekends_and_england_bank_holidays(day, working):
    assert is_working_day(D(day)) is working


def test_bank_holiday_table_covers_2018_to_2027_at_least():
    years = {day.year for day in BANK_HOLIDAYS_ENGLAND}
    assert set(range(2018, 2028)) <= years
    # Every covered year has Christmas or its substitute, and New Year or its substitute.
    for year in range(2018, 2028):
        assert any(d.month == 12 and d.day >= 25 for d in BANK_HOLIDAYS_ENGLAND if d.year == year)
        assert any(d.month == 1 and d.day <= 3 for d in BANK_HOLIDAYS_ENGLAND if d.year == year)


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        ("2025-04-16", 3, "2025-04-23"),  # Wed; Good Friday and Easter Monday skipped
        ("2022-05-31", 3, "2022-06-07"),  # Tue; 2 and 3 June 2022 were bank holidays
        ("2024-03-08", 1, "2024-03-11"),  # Friday -> Monday
        ("2024-12-16", 15, "2025-01-09"),  # over Christmas, Boxing Day and New Year
        ("2024-03-09", 0, "2024-03-09"),
    ],
)
def test_add_working_days(start, count, expected):
    assert add_working_days(D(start), count) == D(expected)


def test_working_days_outside_the_covered_years_are_refused_with_a_clear_message():
    with pytest.raises(ValueError, match="2011-06-01 is outside"):
        is_working_day(D("2011-06-01"))
    with pytest.raises(CalendarRangeError, match="2029-01-01"):
        add_working_days(D("2028-12-29"), 3)  # Friday; the third working day is in 2029
    with pytest.raises(ValueError, match="negative"):
        add_working_days(D("2024-03-08"), -1)


def test_working_day_on_or_after():
    assert working_day_on_or_after(D("2024-05-06")) == D("2024-05-07")  # bank holiday Monday
    assert working_day_on_or_after(D("2024-05-08")) == D("2024-05-08")


@pytest.mark.parametrize(
    ("decision", "certificate", "expected"),
    [
        ("2024-03-13", None, "2024-05-13"),  # a Monday, nothing moves
        ("2024-03-11", None, "2024-05-13"),  # 11 May 2024 is a Saturday
        ("2025-03-05", None, "2025-05-06"),  # 5 May 2025 is the early May bank holiday
        ("2025-02-18", None, "2025-04-22"),  # Good Friday, weekend, Easter Monday
        ("2024-06-10", None, "2024-09-02"),  # August; 1 Sep 2024 is a Sunday
        ("2024-06-30", None, "2024-09-02"),
        ("2023-06-05", None, "2023-09-01"),  # August; 1 Sep 2023 is a Friday
        ("2024-10-27", None, "2025-01-02"),  # 27 Dec -> first working day after 1 Jan
        ("2022-10-28", None, "2023-01-03"),  # 2 Jan 2023 was a bank holiday
        ("2023-12-31", None, "2024-02-29"),  # month end in a leap year
        ("2024-03-01", "2024-04-20", "2024-05-20"),  # certificate + 1 month is later
        ("2024-03-01", "2024-03-20", "2024-05-01"),  # certificate + 1 month is earlier
        ("2024-05-10", "2024-07-05", "2024-09-02"),  # certificate + 1 month lands in August
    ],
)
def test_appeal_deadline(decision, certificate, expected):
    cert = D(certificate) if certificate else None
    assert appeal_deadline(D(decision), cert) == D(expected)


def test_every_rule_names_its_source():
    assert set(RULES) == {
        "ehcna_decision",
        "no_plan_notice",
        "final_plan",
        "draft_plan_comments",
        "annual_review",
        "annual_review_decision",
        "appeal",
        "mediation_certificate",
        "education_record",
        "subject_access",
        "ombudsman_complaint",
    }
    for key, rule in RULES.items():
        assert rule.key == key
        assert rule.label and rule.description
        assert any(word in rule.source for word in ("Regulations", "Act", "Rules", "GDPR"))


# --- deadlines of requests -------------------------------------------------------------


def test_ehcna_with_no_outcome_is_upcoming_then_missed():
    ehcna = request("r1", "2024-01-10", "ehcna")
    on_due_day = by_rule(deadlines([ehcna], D("2024-02-21")))
    decision = on_due_day["ehcna_decision"]
    assert (decision.start, decision.due) == (D("2024-01-10"), D("2024-02-21"))
    assert (decision.status, decision.days_late, decision.met_on) == ("upcoming", 0, None)
    assert decision.source == "SEND Regulations 2014, reg 5"
    assert on_due_day["no_plan_notice"].due == D("2024-05-01")  # 16 weeks
    assert on_due_day["final_plan"].due == D("2024-05-29")  # 20 weeks

    day_after = by_rule(deadlines([ehcna], D("2024-02-22")))["ehcna_decision"]
    assert (day_after.status, day_after.days_late) == ("missed", 1)
    in_march = by_rule(deadlines([ehcna], D("2024-03-01")))["ehcna_decision"]
    assert (in_march.status, in_march.days_late) == ("missed", 9)  # 29 days in Feb 2024


def test_ehcna_decision_met_on_time_and_late():
    on_time = request(
        "r1", "2024-01-10", "ehcna", outcome="Agreed to assess", outcome_date="2024-02-15"
    )
    decision = by_rule(deadlines([on_time], D("2024-06-01")))["ehcna_decision"]
    assert (decision.status, decision.met_on, decision.days_late) == ("met", D("2024-02-15"), 0)

    late = request("r1", "2024-01-10", "ehcna", outcome="Agreed", outcome_date="2024-03-01")
    decision = by_rule(deadlines([late], D("2024-06-01")))["ehcna_decision"]
    assert (decision.status, decision.met_on, decision.days_late) == ("missed", D("2024-03-01"), 9)


def test_outcome_recorded_after_as_of_has_not_happened_yet():
    ehcna = request("r1", "2024-01-10", "ehcna", outcome="Refused", outcome_date="2024-03-01")
    found = by_rule(deadlines([ehcna], D("2024-02-25")))
    assert found["ehcna_decision"].status == "missed"
    assert found["ehcna_decision"].met_on is None
    assert found["ehcna_decision"].days_late == 4
    assert "appeal" not in found  # the refusal is not known on 25 February
    assert "final_plan" in found


def test_refusal_to_assess_gives_an_appeal_deadline_instead_of_the_plan_deadlines():
    ehcna = request(
        "r1",
        "2024-01-10",
        "ehcna",
        outcome="The council REFUSED to carry out an assessment",
        outcome_date="2024-02-19",
    )
    found = by_rule(deadlines([ehcna], D("2024-03-01")))
    assert set(found) == {"ehcna_decision", "appeal"}
    appeal = found["appeal"]
    assert (appeal.start, appeal.due, appeal.status) == (
        D("2024-02-19"),
        D("2024-04-19"),
        "upcoming",
    )
    assert appeal.entry_id == "r1"


def test_exception_claimed_is_shown_unless_the_deadline_was_met():
    ehcna = request("r1", "2024-01-10", "ehcna", exception_claimed="Family abroad for 5 weeks")
    found = by_rule(deadlines([ehcna], D("2024-03-01")))
    assert found["ehcna_decision"].status == "exception"
    assert found["ehcna_decision"].days_late == 9
    assert found["ehcna_decision"].exception_claimed == "Family abroad for 5 weeks"
    assert found["final_plan"].status == "exception"  # not silently dropped

    met = request(
        "r1",
        "2024-01-10",
        "ehcna",
        outcome="Agreed",
        outcome_date="2024-02-01",
        exception_claimed="Family abroad",
    )
    assert by_rule(deadlines([met], D("2024-03-01")))["ehcna_decision"].status == "met"


def test_final_plan_from_a_draft_plan_and_what_follows_it():
    ehcna = request("r1", "2024-01-10", "ehcna", outcome="Agreed", outcome_date="2024-02-15")
    draft = request(
        "r2",
        "2024-04-20",
        "draft_plan",
        outcome="Final plan issued",
        outcome_date="2024-05-20",
    )
    comments = model.new_entry(
        "correspondence",
        CHILD,
        id="c1",
        date="2024-05-03",
        title="Our comments on the draft",
        direction="sent",
        links=["r2"],
    )
    found = deadlines([ehcna, draft, comments], D("2024-06-01"))
    from_ehcna = by_rule(d for d in found if d.entry_id == "r1")
    assert set(from_ehcna) == {"ehcna_decision", "final_plan"}  # a draft came: a plan is issued
    assert from_ehcna["final_plan"].status == "met"
    assert from_ehcna["final_plan"].met_on == D("2024-05-20")

    from_draft = by_rule(d for d in found if d.entry_id == "r2")
    assert from_draft["draft_plan_comments"].due == D("2024-05-04")  # 15 days beginning 20 Apr
    assert from_draft["draft_plan_comments"].met_on == D("2024-05-03")
    assert from_draft["draft_plan_comments"].status == "met"
    assert from_draft["annual_review"].start == D("2024-05-20")
    assert from_draft["annual_review"].due == D("2025-05-19")
    assert from_draft["appeal"].due == D("2024-07-22")  # 20 July 2024 is a Saturday
    assert "2024-07-20 is not a working day" in from_draft["appeal"].note


def test_annual_review_decision_mediation_and_appeal_after_the_certificate():
    review = request(
        "r1", "2024-01-15", "annual_review", outcome="Plan kept as it is", outcome_date="2024-02-05"
    )
    mediation = request(
        "r2",
        "2024-03-27",
        "mediation",
        outcome="Certificate issued",
        outcome_date="2024-04-03",
        links=["r1"],
    )
    found = deadlines([review, mediation], D("2024-04-10"))
    table = by_rule(found)
    assert table["annual_review_decision"].due == D("2024-02-12")
    assert table["annual_review_decision"].status == "met"
    assert table["annual_review"].due == D("2025-01-14")
    # 28 March, then Good Friday, the weekend and Easter Monday 2024, then 2 and 3 April.
    assert table["mediation_certificate"].due == D("2024-04-03")
    assert table["mediation_certificate"].status == "met"
    # 2 months after 5 Feb is 5 Apr; 1 month after the 3 Apr certificate is 3 May, later.
    assert table["appeal"].due == D("2024-05-03")
    assert table["appeal"].entry_id == "r1"
    assert "mediation certificate of 2024-04-03" in table["appeal"].note
    assert [d.rule for d in found] == [
        "annual_review_decision",
        "mediation_certificate",
        "appeal",
        "annual_review",
    ]


def test_appeal_met_by_a_linked_appeal_and_next_annual_review_by_the_next_meeting():
    first = request("r1", "2024-01-15", "annual_review", outcome="Cease", outcome_date="2024-02-05")
    appeal = request("r2", "2024-03-20", "appeal", links=["r1"])
    second = request("r3", "2025-01-10", "annual_review")
    found = deadlines([first, appeal, second], D("2025-01-20"))
    from_first = by_rule(d for d in found if d.entry_id == "r1")
    assert from_first["appeal"].met_on == D("2024-03-20")
    assert from_first["appeal"].status == "met"
    assert from_first["annual_review"].met_on == D("2025-01-10")
    assert from_first["annual_review"].status == "met"
    from_second = by_rule(d for d in found if d.entry_id == "r3")
    assert from_second["annual_review_decision"].due == D("2025-02-07")
    assert from_second["annual_review_decision"].status == "upcoming"
    assert "appeal" not in from_second  # no decision yet


def test_education_record_and_subject_access():
    record = request("r1", "2024-12-16", "education_record")
    access = request("r2", "2024-04-06", "subject_access", outcome_date="2024-05-07")
    month_end = request("r3", "2024-01-31", "subject_access")
    table = {d.entry_id: d for d in deadlines([record, access, month_end], D("2025-01-10"))}
    assert table["r1"].due == D("2025-01-09")
    assert (table["r1"].status, table["r1"].days_late) == ("missed", 1)
    assert table["r2"].due == D("2024-05-07")  # 6 May 2024 was a bank holiday
    assert table["r2"].status == "met"
    assert table["r3"].due == D("2024-02-29")


def test_complaint_gives_the_ombudsman_deadline_met_by_a_complaint_to_the_ombudsman():
    stage1 = request("r1", "2024-03-15", "complaint", title="Complaint stage 1", sent_to="Council")
    found = by_rule(deadlines([stage1], D("2024-04-01")))
    assert found["ombudsman_complaint"].due == D("2025-03-14")
    assert found["ombudsman_complaint"].status == "upcoming"

    ombudsman = request(
        "r2", "2024-11-01", "complaint", sent_to="Local Government and Social Care Ombudsman"
    )
    found = deadlines([stage1, ombudsman], D("2024-12-01"))
    assert [(d.entry_id, d.rule, d.status, d.met_on) for d in found] == [
        ("r1", "ombudsman_complaint", "met", D("2024-11-01"))
    ]


def test_entries_after_as_of_are_ignored():
    ehcna = request("r1", "2024-06-01", "ehcna")
    assert deadlines([ehcna], D("2024-05-31")) == []
    appeal = request("r2", "2024-05-01", "appeal", links=["r0"])
    decision = request(
        "r0", "2024-01-15", "annual_review", outcome="Kept", outcome_date="2024-02-05"
    )
    table = by_rule(d for d in deadlines([decision, appeal], D("2024-04-30")) if d.entry_id == "r0")
    assert table["appeal"].met_on is None  # the appeal is dated after 30 April


def test_a_deadline_in_a_year_without_bank_holidays_is_left_out_not_guessed():
    old = request("r1", "2010-05-05", "mediation")
    assert deadlines([old], D("2024-01-01")) == []
    # Calendar-only rules from the same years still work.
    old_ehcna = request("r2", "2010-05-05", "ehcna")
    assert {d.rule for d in deadlines([old_ehcna], D("2024-01-01"))} == {
        "ehcna_decision",
        "no_plan_notice",
        "final_plan",
    }


def test_deadlines_of_several_children_are_kept_apart_and_ordered():
    a = request("a1", "2024-02-01", "subject_access", child_id="A")
    b = request("b1", "2024-01-02", "subject_access", child_id="B")
    c = request("b2", "2024-01-02", "education_record", child_id="B")
    found = deadlines([a, b, c], D("2024-02-02"))
    assert [(d.child_id, d.entry_id, d.due) for d in found] == [
        ("B", "b2", D("2024-01-23")),  # 15 working days from Tue 2 Jan 2024
        ("B", "b1", D("2024-02-02")),
        ("A", "a1", D("2024-03-01")),
    ]
    assert all(d.status in STATUSES for d in found)
    assert deadlines([c, b, a], D("2024-02-02")) == found


def test_the_familys_own_time_limits_pass_rather_than_being_missed():
    refused = request("r1", "2024-01-10", "ehcna", outcome="Refused to assess",
                      outcome_date="2024-02-19")
    found = by_rule(deadlines([refused], D("2024-06-01")))
    # the council's 6-week decision was met; the appeal window (to 2024-04-19) went by
    assert found["ehcna_decision"].duty_of == "local authority"
    appeal = found["appeal"]
    assert (appeal.duty_of, appeal.status, appeal.days_late) == ("family", "passed", 0)
    assert "passed" in STATUSES
    # duties of others are still missed when late
    record = request("r2", "2024-01-10", "education_record")
    late = by_rule(deadlines([record], D("2024-06-01")))["education_record"]
    assert (late.duty_of, late.status) == ("school", "missed")
    assert {rule.duty_of for rule in RULES.values()} == {
        "local authority", "family", "mediation adviser", "school", "organisation asked"}


@pytest.mark.parametrize(
    ("outcome", "refused"),
    [
        ("Refused to assess", True),
        ("The council REFUSED to carry out an assessment", True),
        ("The LA decided not to carry out an EHC needs assessment; it says needs can be met "
         "at SEN Support.", True),
        ("Declined.", True),
        ("Request turned down by the panel", True),
        ("The local authority will not assess", True),
        ("Decision: no EHC needs assessment", True),
        ("Agreed to assess", False),
        ("Agreed to assess; not refused", False),
        ("The council will carry out an EHC needs assessment", False),
        ("Panel agreed to carry out the assessment", False),
        ("", False),
    ],
)
def test_refusals_are_recognised_in_the_family_s_own_words(outcome, refused):
    from sen_workbook.deadlines import is_refusal

    assert is_refusal(outcome) is refused


def test_no_ombudsman_time_limit_for_a_complaint_to_a_school():
    to_school = request("c1", "2024-03-01", "complaint", sent_to="Headteacher, Oak School",
                        title="Complaint stage 1")
    to_council = request("c2", "2024-03-01", "complaint", sent_to="County SEND team",
                         title="Complaint about the EHC plan")
    found = deadlines([to_school, to_council], D("2024-06-01"))
    assert [(d.entry_id, d.rule) for d in found] == [("c2", "ombudsman_complaint")]
    assert "if the family knew of the problem earlier" in found[0].note


def test_education_record_deadline_carries_its_caveat():
    record = request("e1", "2025-02-03", "education_record")
    (found,) = deadlines([record], D("2025-03-14"))
    assert found.due == D("2025-02-24")
    assert "school holidays make the real deadline later" in found.note
