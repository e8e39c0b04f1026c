"""Statutory deadlines: calendar arithmetic worked by hand, and each request type."""

from datetime import date

import pytest

from sen_workbook import model
from sen_workbook.deadlines import (
    BANK_HOLIDAYS_ENGLAND,
    RULES,
    STATES,
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


def test_bank_holidays_cover_every_year_from_2014_to_2040():
    years = {day.year for day in BANK_HOLIDAYS_ENGLAND}
    assert set(range(2014, 2041)) <= years
    # Every year has Christmas or its substitute, and New Year or its substitute, and at
    # least the eight bank holidays England has every year.
    for year in range(2014, 2041):
        days = [d for d in BANK_HOLIDAYS_ENGLAND if d.year == year]
        assert any(d.month == 12 and d.day >= 25 for d in days)
        assert any(d.month == 1 and d.day <= 3 for d in days)
        assert len(days) >= 8, year


@pytest.mark.parametrize(
    ("day", "working"),
    [
        # 2029: Easter Sunday is 1 April, so Good Friday is 30 March and Easter Monday
        # 2 April; early May is the first Monday, 7 May; spring the last Monday, 28 May;
        # summer the last Monday of August, 27 August; Christmas Day is a Tuesday.
        ("2029-03-30", False),
        ("2029-04-02", False),
        ("2029-04-03", True),
        ("2029-05-07", False),
        ("2029-05-28", False),
        ("2029-08-27", False),
        ("2029-12-24", True),  # Monday, Christmas Eve is not a bank holiday
        ("2029-12-25", False),
        ("2029-12-26", False),
        ("2029-12-27", True),
        # 2030: 1 January is a Tuesday; Easter Sunday is 21 April, so Good Friday is
        # 19 April and Easter Monday 22 April; first Monday of May 6 May; last Monday of
        # May 27 May; last Monday of August 26 August.
        ("2030-01-01", False),
        ("2030-04-19", False),
        ("2030-04-22", False),
        ("2030-05-06", False),
        ("2030-05-27", False),
        ("2030-08-26", False),
        ("2030-08-27", True),
    ],
)
def test_bank_holidays_of_2029_and_2030_worked_out_by_hand(day, working):
    assert is_working_day(D(day)) is working


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        # Friday 21 December 2029: Monday 24th is day 1; Tuesday 25th and Wednesday 26th
        # are Christmas and Boxing Day; Thursday 27th is day 2, Friday 28th day 3.
        ("2029-12-21", 3, "2029-12-28"),
        # Thursday 28 March 2030 is not Easter (that is April 2030): Fri 29 day 1,
        # Mon 1 April day 2, Tue 2 April day 3.
        ("2030-03-28", 3, "2030-04-02"),
        # Wednesday 17 April 2030: Thursday 18th is day 1; Good Friday 19th, the weekend
        # and Easter Monday 22nd are skipped; Tuesday 23rd is day 2, Wednesday 24th day 3.
        ("2030-04-17", 3, "2030-04-24"),
        # Friday 28 December 2029: Monday 31st day 1, Tuesday 1 January 2030 is New
        # Year's Day, Wednesday 2nd day 2, Thursday 3rd day 3.
        ("2029-12-28", 3, "2030-01-03"),
        # 15 working days from Monday 10 December 2029: 11-14 Dec (4), 17-21 (9),
        # 24 (10), 27-28 (12), 31 (13), 2-3 January 2030 (15).
        ("2029-12-10", 15, "2030-01-03"),
    ],
)
def test_working_days_in_2029_and_2030_worked_out_by_hand(start, count, expected):
    assert add_working_days(D(start), count) == D(expected)


def test_a_mediation_certificate_asked_for_just_before_christmas_2029():
    # Friday 21 December 2029; three working days: 24, 27 and 28 December.
    mediation = request("m1", "2029-12-21", "mediation")
    (certificate,) = deadlines([mediation], D("2029-12-21"))
    assert (certificate.rule, certificate.due) == ("mediation_certificate", D("2029-12-28"))


def test_the_appeal_dates_of_2029_and_2030_move_over_christmas_and_august():
    # 2 months after 27 October 2029 is Thursday 27 December: between 25 December and
    # 1 January, so the first working day after 1 January 2030, Wednesday 2 January.
    assert appeal_deadline(D("2029-10-27")) == D("2030-01-02")
    # 2 months after 10 June 2030 is 10 August: in August, so the first working day of
    # September 2030, Monday 2 September (1 September 2030 is a Sunday).
    assert appeal_deadline(D("2030-06-10")) == D("2030-09-02")


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
    with pytest.raises(CalendarRangeError, match="2041-01-01"):
        add_working_days(D("2040-12-31"), 2)  # Monday; the next day is in 2041
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
        "annual_review_advice",
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
        assert rule.duty_of and rule.satisfied_by, key
        assert rule.states and set(rule.states) <= set(STATES), key


# --- deadlines of requests -------------------------------------------------------------


def test_ehcna_with_no_outcome_is_upcoming_then_missed():
    ehcna = request("r1", "2024-01-10", "ehcna")
    on_due_day = by_rule(deadlines([ehcna], D("2024-02-21")))
    decision = on_due_day["ehcna_decision"]
    assert (decision.start, decision.due) == (D("2024-01-10"), D("2024-02-21"))
    assert (decision.status, decision.days_late, decision.met_on) == ("upcoming", 0, None)
    assert decision.source == "SEND Regulations 2014, reg 5"
    # No decision recorded: the 6-week decision is the breach to chase and the 20 weeks
    # the one overall limit; the 16-week notice waits on the decision.
    assert "no_plan_notice" not in on_due_day
    assert on_due_day["final_plan"].due == D("2024-05-29")  # 20 weeks
    assert on_due_day["final_plan"].state == "overall_limit"

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
    refused = request(
        "r1", "2024-01-10", "ehcna", outcome="Refused to assess", outcome_date="2024-02-19"
    )
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
        "local authority",
        "family",
        "mediation adviser",
        "school",
        "organisation asked",
    }


@pytest.mark.parametrize(
    ("outcome", "refused"),
    [
        ("Refused to assess", True),
        ("The council REFUSED to carry out an assessment", True),
        (
            "The LA decided not to carry out an EHC needs assessment; it says needs can be met "
            "at SEN Support.",
            True,
        ),
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
    to_school = request(
        "c1",
        "2024-03-01",
        "complaint",
        sent_to="Headteacher, Oak School",
        title="Complaint stage 1",
    )
    to_council = request(
        "c2",
        "2024-03-01",
        "complaint",
        sent_to="County SEND team",
        title="Complaint about the EHC plan",
    )
    found = deadlines([to_school, to_council], D("2024-06-01"))
    assert [(d.entry_id, d.rule) for d in found] == [("c2", "ombudsman_complaint")]
    assert "if the family knew of the problem earlier" in found[0].note


def test_education_record_deadline_carries_its_caveat():
    record = request("e1", "2025-02-03", "education_record")
    (found,) = deadlines([record], D("2025-03-14"))
    assert found.due == D("2025-02-24")
    assert "school holidays make the real deadline later" in found.note


# --- every rule in every state ---------------------------------------------------------
#
# One row per (rule, state): the records, the day, and what a parent reads.  The dates are
# worked out by hand in the comments.  The request of 10 January 2024 (a Wednesday) has
# its 6 weeks on 21 February, 16 weeks on 1 May and 20 weeks on 29 May 2024.


def letter(entry_id, day, direction, links, **fields):
    return model.new_entry(
        "correspondence",
        CHILD,
        id=entry_id,
        date=day,
        title=fields.pop("title", "Letter"),
        direction=direction,
        links=links,
        **fields,
    )


def report(entry_id, day, links):
    return model.new_entry(
        "assessment",
        CHILD,
        id=entry_id,
        date=day,
        title="Educational psychologist's report",
        links=links,
    )


def ehcna(**fields):
    return request("r1", "2024-01-10", "ehcna", **fields)


AGREED = {"outcome": "Agreed to assess", "outcome_date": "2024-02-15"}
REFUSED = {"outcome": "Refused to assess", "outcome_date": "2024-02-19"}
ABROAD = {"exception_claimed": "The family was abroad for five weeks"}


def draft(final_on=""):
    final = {"outcome": "Final plan issued", "outcome_date": final_on} if final_on else {}
    return request("r2", "2024-04-20", "draft_plan", **final)


def no_plan(day):
    return request("r3", day, "no_plan", title="Letter: no EHC plan will be issued")


def review(**fields):
    return request("v1", "2024-01-15", "annual_review", **fields)


def planned_review(**fields):
    # A meeting planned for Thursday 20 June 2024: advice due 2 weeks before, 6 June.
    return request("v9", "2024-06-20", "annual_review", title="Annual review meeting", **fields)


def mediation(day="2024-04-10", certificate="", **fields):
    # Wednesday 10 April 2024: 3 working days are 11, 12 and 15 April.
    outcome = {"outcome": "Certificate issued", "outcome_date": certificate} if certificate else {}
    return request("m1", day, "mediation", links=["r1"], **outcome, **fields)


def education_record(**fields):
    # Monday 3 February 2025: 15 working days end on Monday 24 February.
    return request("e1", "2025-02-03", "education_record", **fields)


def subject_access(day="2026-03-02", **fields):
    # Monday 2 March 2026: 1 month is Thursday 2 April 2026, a working day.
    return request("s1", day, "subject_access", **fields)


def complaint():
    return request("c1", "2024-03-15", "complaint", title="Complaint stage 1", sent_to="Council")


STATE_CASES = [
    # (rule, entry, state, records, as of, due, sentence)
    (
        "ehcna_decision",
        "r1",
        "upcoming",
        [ehcna()],
        "2024-02-01",
        "2024-02-21",
        "Due by 2024-02-21; nothing recorded yet.",
    ),
    (
        "ehcna_decision",
        "r1",
        "met",
        [ehcna(**AGREED)],
        "2024-03-01",
        "2024-02-21",
        "Met on 2024-02-15; it was due by 2024-02-21.",
    ),
    (
        "ehcna_decision",
        "r1",
        "met_late",
        [ehcna(outcome="Agreed", outcome_date="2024-03-01")],
        "2024-03-10",
        "2024-02-21",
        "Missed: due by 2024-02-21, done on 2024-03-01, 9 days late.",
    ),  # 29 days in Feb 2024
    (
        "ehcna_decision",
        "r1",
        "missed",
        [ehcna()],
        "2024-03-01",
        "2024-02-21",
        "Missed: due by 2024-02-21; nothing recorded by 2024-03-01, 9 days late.",
    ),
    (
        "ehcna_decision",
        "r1",
        "exception",
        [ehcna(**ABROAD)],
        "2024-03-01",
        "2024-02-21",
        "Exception claimed by the family; the usual time limit was 2024-02-21.",
    ),
    # No decision whether to assess: one overall limit of 20 weeks.
    (
        "final_plan",
        "r1",
        "overall_limit",
        [ehcna()],
        "2024-03-01",
        "2024-05-29",
        "Overall limit: the final EHC plan is due by 2024-05-29 (20 weeks), unless the council "
        "refuses to assess or decides not to issue a plan.",
    ),
    (
        "final_plan",
        "r1",
        "missed",
        [ehcna()],
        "2024-06-05",
        "2024-05-29",
        "Missed: the overall limit of 20 weeks ended on 2024-05-29 with no decision whether to "
        "assess and no plan recorded; 7 days late.",
    ),
    (
        "final_plan",
        "r1",
        "not_applicable",
        [ehcna(**REFUSED)],
        "2024-03-01",
        "2024-05-29",
        "Does not apply: the council refused to assess on 2024-02-19.",
    ),
    # Agreed to assess: the 16-week notice and the 20-week plan, alternatives.
    (
        "final_plan",
        "r1",
        "upcoming",
        [ehcna(**AGREED)],
        "2024-03-01",
        "2024-05-29",
        "Due by 2024-05-29; nothing recorded yet.",
    ),
    (
        "final_plan",
        "r1",
        "met",
        [ehcna(**AGREED), draft("2024-05-20")],
        "2024-06-01",
        "2024-05-29",
        "Met on 2024-05-20; it was due by 2024-05-29.",
    ),
    (
        "final_plan",
        "r1",
        "met_late",
        [ehcna(**AGREED), draft("2024-06-10")],
        "2024-06-15",
        "2024-05-29",
        "Missed: due by 2024-05-29, done on 2024-06-10, 12 days late.",
    ),
    (
        "final_plan",
        "r1",
        "exception",
        [ehcna(**AGREED, **ABROAD)],
        "2024-06-05",
        "2024-05-29",
        "Exception claimed by the family; the usual time limit was 2024-05-29.",
    ),
    (
        "final_plan",
        "r1",
        "not_applicable",
        [ehcna(**AGREED), no_plan("2024-04-24")],
        "2024-05-10",
        "2024-05-29",
        "Does not apply: the council decided not to issue a plan (2024-04-24).",
    ),
    (
        "no_plan_notice",
        "r1",
        "not_applicable",
        [ehcna()],
        "2024-03-01",
        "2024-05-01",
        "Depends on the council's decision whether to assess, not recorded yet.",
    ),
    (
        "no_plan_notice",
        "r1",
        "not_applicable",
        [ehcna(**REFUSED)],
        "2024-03-01",
        "2024-05-01",
        "Does not apply: the council refused to assess on 2024-02-19.",
    ),
    (
        "no_plan_notice",
        "r1",
        "not_applicable",
        [ehcna(**AGREED), draft()],
        "2024-05-10",
        "2024-05-01",
        "Does not apply: the council decided to issue a plan (draft plan received on 2024-04-20).",
    ),
    (
        "no_plan_notice",
        "r1",
        "upcoming",
        [ehcna(**AGREED)],
        "2024-03-01",
        "2024-05-01",
        "If the council decides not to issue a plan, it must say so by 2024-05-01.",
    ),
    (
        "no_plan_notice",
        "r1",
        "met",
        [ehcna(**AGREED), no_plan("2024-04-24")],
        "2024-05-10",
        "2024-05-01",
        "Met on 2024-04-24; it was due by 2024-05-01.",
    ),
    (
        "no_plan_notice",
        "r1",
        "met_late",
        [ehcna(**AGREED), no_plan("2024-05-08")],
        "2024-05-10",
        "2024-05-01",
        "Missed: due by 2024-05-01, done on 2024-05-08, 7 days late.",
    ),
    (
        "no_plan_notice",
        "r1",
        "passed",
        [ehcna(**AGREED)],
        "2024-05-10",
        "2024-05-01",
        "No notice that a plan will not be issued was recorded by 2024-05-01: the council is "
        "expected to issue a plan, due by 2024-05-29.",
    ),
    (
        "no_plan_notice",
        "r1",
        "exception",
        [ehcna(**AGREED, **ABROAD)],
        "2024-03-01",
        "2024-05-01",
        "Exception claimed by the family; the usual time limit was 2024-05-01.",
    ),
    # Draft served Saturday 20 April 2024: 15 days beginning that day end on 4 May.
    (
        "draft_plan_comments",
        "r2",
        "open",
        [draft()],
        "2024-04-25",
        "2024-05-04",
        "Open until 2024-05-04.",
    ),
    (
        "draft_plan_comments",
        "r2",
        "met",
        [draft(), letter("l1", "2024-05-03", "sent", ["r2"])],
        "2024-05-10",
        "2024-05-04",
        "Done on 2024-05-03; the time limit was 2024-05-04.",
    ),
    (
        "draft_plan_comments",
        "r2",
        "passed",
        [draft()],
        "2024-05-10",
        "2024-05-04",
        "Passed on 2024-05-04 with nothing recorded.",
    ),
    # Review meeting Monday 15 January 2024: next within 12 months, by 14 January 2025;
    # the decision 4 weeks after, by 12 February 2024.
    (
        "annual_review",
        "v1",
        "upcoming",
        [review()],
        "2024-06-01",
        "2025-01-14",
        "Due by 2025-01-14; nothing recorded yet.",
    ),
    (
        "annual_review",
        "v1",
        "met",
        [review(), request("v2", "2025-01-10", "annual_review")],
        "2025-01-20",
        "2025-01-14",
        "Met on 2025-01-10; it was due by 2025-01-14.",
    ),
    (
        "annual_review",
        "v1",
        "met_late",
        [review(), request("v2", "2025-02-01", "annual_review")],
        "2025-02-05",
        "2025-01-14",
        "Missed: due by 2025-01-14, done on 2025-02-01, 18 days late.",
    ),
    (
        "annual_review",
        "v1",
        "missed",
        [review()],
        "2025-02-01",
        "2025-01-14",
        "Missed: due by 2025-01-14; nothing recorded by 2025-02-01, 18 days late.",
    ),
    (
        "annual_review",
        "v1",
        "exception",
        [review(**ABROAD)],
        "2025-02-01",
        "2025-01-14",
        "Exception claimed by the family; the usual time limit was 2025-01-14.",
    ),
    (
        "annual_review_decision",
        "v1",
        "upcoming",
        [review()],
        "2024-01-20",
        "2024-02-12",
        "Due by 2024-02-12; nothing recorded yet.",
    ),
    (
        "annual_review_decision",
        "v1",
        "met",
        [review(outcome="Plan kept", outcome_date="2024-02-05")],
        "2024-03-01",
        "2024-02-12",
        "Met on 2024-02-05; it was due by 2024-02-12.",
    ),
    (
        "annual_review_decision",
        "v1",
        "met_late",
        [review(outcome="Plan kept", outcome_date="2024-02-20")],
        "2024-03-01",
        "2024-02-12",
        "Missed: due by 2024-02-12, done on 2024-02-20, 8 days late.",
    ),
    (
        "annual_review_decision",
        "v1",
        "missed",
        [review()],
        "2024-02-20",
        "2024-02-12",
        "Missed: due by 2024-02-12; nothing recorded by 2024-02-20, 8 days late.",
    ),
    (
        "annual_review_decision",
        "v1",
        "exception",
        [review(**ABROAD)],
        "2024-02-20",
        "2024-02-12",
        "Exception claimed by the family; the usual time limit was 2024-02-12.",
    ),
    # A planned meeting (after the day): reg 20(4), advice 2 weeks before, by 6 June.
    (
        "annual_review_advice",
        "v9",
        "upcoming",
        [planned_review()],
        "2024-06-01",
        "2024-06-06",
        "Due by 2024-06-06; nothing recorded yet.",
    ),
    (
        "annual_review_advice",
        "v9",
        "met",
        [planned_review(), letter("l2", "2024-06-05", "received", ["v9"])],
        "2024-06-10",
        "2024-06-06",
        "Met on 2024-06-05; it was due by 2024-06-06.",
    ),
    (
        "annual_review_advice",
        "v9",
        "met_late",
        [planned_review(), report("a1", "2024-06-12", ["v9"])],
        "2024-06-15",
        "2024-06-06",
        "Missed: due by 2024-06-06, done on 2024-06-12, 6 days late.",
    ),
    (
        "annual_review_advice",
        "v9",
        "missed",
        [planned_review()],
        "2024-06-10",
        "2024-06-06",
        "Missed: due by 2024-06-06; nothing recorded by 2024-06-10, 4 days late.",
    ),
    (
        "annual_review_advice",
        "v9",
        "exception",
        [planned_review(**ABROAD)],
        "2024-06-10",
        "2024-06-06",
        "Exception claimed by the family; the usual time limit was 2024-06-06.",
    ),
    # Refused on Monday 19 February 2024: 2 months end on Friday 19 April.
    (
        "appeal",
        "r1",
        "open",
        [ehcna(**REFUSED)],
        "2024-03-01",
        "2024-04-19",
        "Open until 2024-04-19.",
    ),
    (
        "appeal",
        "r1",
        "met",
        [ehcna(**REFUSED), request("p1", "2024-04-01", "appeal", links=["r1"])],
        "2024-04-05",
        "2024-04-19",
        "Done on 2024-04-01; the time limit was 2024-04-19.",
    ),
    (
        "appeal",
        "r1",
        "passed",
        [ehcna(**REFUSED)],
        "2024-06-01",
        "2024-04-19",
        "Passed on 2024-04-19 with nothing recorded.",
    ),
    # Mediation asked for on 10 April: certificate due 15 April; the window stays open,
    # at the earliest to 1 month after that (15 May), and never before 19 April.
    (
        "appeal",
        "r1",
        "certificate_pending",
        [ehcna(**REFUSED), mediation()],
        "2024-06-01",
        "2024-05-15",
        "Open until 1 month after the mediation certificate; the certificate itself was due "
        "on 2024-04-15. The window does not close before 2024-04-19.",
    ),
    # Certificate issued on Wednesday 17 April: 1 month after is Friday 17 May, later
    # than 19 April.
    (
        "appeal",
        "r1",
        "open",
        [ehcna(**REFUSED), mediation(certificate="2024-04-17")],
        "2024-05-01",
        "2024-05-17",
        "Open until 2024-05-17.",
    ),
    (
        "appeal",
        "r1",
        "passed",
        [ehcna(**REFUSED), mediation(certificate="2024-04-17")],
        "2024-06-01",
        "2024-05-17",
        "Passed on 2024-05-17 with nothing recorded.",
    ),
    # Mediation asked for only after the 2 months: it cannot open the window again.
    (
        "appeal",
        "r1",
        "passed",
        [ehcna(**REFUSED), mediation(day="2024-04-25")],
        "2024-06-01",
        "2024-04-19",
        "Passed on 2024-04-19 with nothing recorded.",
    ),
    (
        "mediation_certificate",
        "m1",
        "upcoming",
        [mediation()],
        "2024-04-11",
        "2024-04-15",
        "Due by 2024-04-15; nothing recorded yet.",
    ),
    (
        "mediation_certificate",
        "m1",
        "met",
        [mediation(certificate="2024-04-12")],
        "2024-04-20",
        "2024-04-15",
        "Met on 2024-04-12; it was due by 2024-04-15.",
    ),
    (
        "mediation_certificate",
        "m1",
        "met_late",
        [mediation(certificate="2024-04-17")],
        "2024-04-20",
        "2024-04-15",
        "Missed: due by 2024-04-15, done on 2024-04-17, 2 days late.",
    ),
    (
        "mediation_certificate",
        "m1",
        "missed",
        [mediation()],
        "2024-04-17",
        "2024-04-15",
        "Missed: due by 2024-04-15; nothing recorded by 2024-04-17, 2 days late.",
    ),
    (
        "mediation_certificate",
        "m1",
        "exception",
        [mediation(**ABROAD)],
        "2024-04-17",
        "2024-04-15",
        "Exception claimed by the family; the usual time limit was 2024-04-15.",
    ),
    (
        "education_record",
        "e1",
        "upcoming",
        [education_record()],
        "2025-02-10",
        "2025-02-24",
        "Due by 2025-02-24; nothing recorded yet.",
    ),
    (
        "education_record",
        "e1",
        "met",
        [education_record(outcome="Record received", outcome_date="2025-02-20")],
        "2025-03-01",
        "2025-02-24",
        "Met on 2025-02-20; it was due by 2025-02-24.",
    ),
    (
        "education_record",
        "e1",
        "met_late",
        [education_record(outcome="Record received", outcome_date="2025-02-26")],
        "2025-03-01",
        "2025-02-24",
        "Missed: due by 2025-02-24, done on 2025-02-26, 2 days late.",
    ),
    (
        "education_record",
        "e1",
        "missed",
        [education_record()],
        "2025-02-26",
        "2025-02-24",
        "Missed: due by 2025-02-24; nothing recorded by 2025-02-26, 2 days late.",
    ),
    (
        "education_record",
        "e1",
        "exception",
        [education_record(**ABROAD)],
        "2025-02-26",
        "2025-02-24",
        "Exception claimed by the family; the usual time limit was 2025-02-24.",
    ),
    (
        "subject_access",
        "s1",
        "upcoming",
        [subject_access()],
        "2026-03-10",
        "2026-04-02",
        "Due by 2026-04-02; nothing recorded yet.",
    ),
    (
        "subject_access",
        "s1",
        "met",
        [subject_access(outcome="Copy of my data", outcome_date="2026-03-30")],
        "2026-04-10",
        "2026-04-02",
        "Met on 2026-03-30; it was due by 2026-04-02.",
    ),
    (
        "subject_access",
        "s1",
        "met_late",
        [subject_access(outcome="Copy of my data", outcome_date="2026-04-08")],
        "2026-04-10",
        "2026-04-02",
        "Missed: due by 2026-04-02, done on 2026-04-08, 6 days late.",
    ),
    (
        "subject_access",
        "s1",
        "missed",
        [subject_access()],
        "2026-04-08",
        "2026-04-02",
        "Missed: due by 2026-04-02; nothing recorded by 2026-04-08, 6 days late.",
    ),
    (
        "subject_access",
        "s1",
        "exception",
        [subject_access(**ABROAD)],
        "2026-04-08",
        "2026-04-02",
        "Exception claimed by the family; the usual time limit was 2026-04-02.",
    ),
    (
        "subject_access",
        "s1",
        "clock_stopped",
        [subject_access(asked_for="id", asked_for_date="2026-03-05")],
        "2026-04-20",
        "2026-04-02",
        "The clock is stopped: the organisation asked for proof of identity on 2026-03-05; "
        "1 calendar month starts again when it receives it.",
    ),
    # Complaint of Friday 15 March 2024: 12 months beginning that day end on 14 March 2025.
    (
        "ombudsman_complaint",
        "c1",
        "open",
        [complaint()],
        "2024-04-01",
        "2025-03-14",
        "Open until 2025-03-14.",
    ),
    (
        "ombudsman_complaint",
        "c1",
        "met",
        [complaint(), request("c2", "2024-11-01", "complaint", sent_to="The Ombudsman")],
        "2024-12-01",
        "2025-03-14",
        "Done on 2024-11-01; the time limit was 2025-03-14.",
    ),
    (
        "ombudsman_complaint",
        "c1",
        "passed",
        [complaint()],
        "2025-04-01",
        "2025-03-14",
        "Passed on 2025-03-14 with nothing recorded.",
    ),
]


@pytest.mark.parametrize(
    ("rule", "entry_id", "state", "records", "as_of", "due", "words"),
    STATE_CASES,
    ids=[f"{case[0]}-{case[2]}-{number}" for number, case in enumerate(STATE_CASES)],
)
def test_every_rule_in_each_of_its_states(rule, entry_id, state, records, as_of, due, words):
    found = [
        d
        for d in deadlines(records, D(as_of), include_not_applicable=True)
        if (d.rule, d.entry_id) == (rule, entry_id)
    ]
    assert len(found) == 1, found
    (deadline,) = found
    assert (deadline.state, deadline.status, deadline.due) == (state, STATES[state], D(due))
    assert deadline.sentence == words
    # What is not applicable is only given when asked for.
    default = [d for d in deadlines(records, D(as_of)) if (d.rule, d.entry_id) == (rule, entry_id)]
    assert default == ([] if state == "not_applicable" else [deadline])


def test_the_state_table_covers_every_state_of_every_rule():
    covered = {(case[0], case[2]) for case in STATE_CASES}
    declared = {(key, state) for key, rule in RULES.items() for state in rule.states}
    assert declared - covered == set()
    assert covered - declared == set()


def test_every_rule_has_a_record_that_satisfies_it():
    # A rule that nothing can satisfy would stand as missed whatever the family records.
    satisfied = {case[0] for case in STATE_CASES if case[2] == "met"}
    assert satisfied == set(RULES)


def test_the_words_a_parent_reads_hold_no_markup():
    for *_, words in STATE_CASES:
        assert not set(words) & set("\\`*_[]<>&|#"), words


def test_reg_10_and_reg_13_2_are_never_both_missed_with_nothing_recorded():
    for as_of in ("2024-05-10", "2024-06-05", "2024-12-01"):
        found = by_rule(deadlines([ehcna(**AGREED)], D(as_of)))
        missed = [rule for rule, d in found.items() if d.status == "missed"]
        assert "no_plan_notice" not in missed
    # A refusal leaves only the decision and the appeal.
    assert set(by_rule(deadlines([ehcna(**REFUSED)], D("2024-12-01")))) == {
        "ehcna_decision",
        "appeal",
    }
    # A decision not to issue is appealable, from its own date: 2 months after Wednesday
    # 24 April 2024 is Monday 24 June.
    found = deadlines([ehcna(**AGREED), no_plan("2024-04-24")], D("2024-05-10"))
    (appeal,) = [d for d in found if d.rule == "appeal"]
    assert (appeal.entry_id, appeal.due, appeal.state) == ("r3", D("2024-06-24"), "open")


@pytest.mark.parametrize(
    ("day", "asked_for", "asked", "supplied", "due", "start", "rule_words"),
    [
        # Since 5 February 2026 (art. 12A): ID asked for on 5 March, received 12 March;
        # 1 month from 12 March is Sunday 12 April 2026, so Monday 13 April.
        (
            "2026-03-02",
            "id",
            "2026-03-05",
            "2026-03-12",
            "2026-04-13",
            "2026-03-12",
            "Counted from 2026-03-12, when the organisation received the proof of identity it "
            "asked for on 2026-03-05: since 5 February 2026 the month starts again then "
            "(UK GDPR art. 12A); 2026-04-12 is not a working day, so the deadline moves to "
            "2026-04-13",
        ),
        # Also for clarification since then: 1 month from 20 March 2026 is Monday 20 April.
        (
            "2026-03-02",
            "clarification",
            "2026-03-05",
            "2026-03-20",
            "2026-04-20",
            "2026-03-20",
            "(UK GDPR art. 12A)",
        ),
        # Before: clarification paused the clock.  Request Wednesday 1 October 2025, asked
        # 6 October, clarified 16 October: 10 days added to 1 November, so Tuesday
        # 11 November 2025.
        (
            "2025-10-01",
            "clarification",
            "2025-10-06",
            "2025-10-16",
            "2025-11-11",
            "2025-10-01",
            "The clock stopped from 2025-10-06 to 2025-10-16 while clarification was awaited, "
            "so 10 days are added (ICO guidance before 5 February 2026)",
        ),
        # Before, a fee: the month started on receipt, 16 October 2025; 16 November is a
        # Sunday, so Monday 17 November.
        (
            "2025-10-01",
            "fee",
            "2025-10-06",
            "2025-10-16",
            "2025-11-17",
            "2025-10-16",
            "(ICO guidance before 5 February 2026: the month starts on receipt)",
        ),
    ],
)
def test_the_subject_access_clock_restarts_and_says_which_rule_applied(
    day, asked_for, asked, supplied, due, start, rule_words
):
    records = [
        subject_access(day, asked_for=asked_for, asked_for_date=asked, supplied_date=supplied)
    ]
    (found,) = deadlines(records, D("2026-05-01"))
    assert (found.due, found.start) == (D(due), D(start))
    assert rule_words in found.note
    # Before the thing asked for arrives, the clock is stopped, whatever the day.
    waiting = [subject_access(day, asked_for=asked_for, asked_for_date=asked)]
    (stopped,) = deadlines(waiting, D("2026-12-01"))
    assert (stopped.state, stopped.status, stopped.days_late) == ("clock_stopped", "upcoming", 0)


def test_a_planned_annual_review_is_shown_only_for_its_advice():
    # The meeting is after the day: it has not been held, so no decision, no next review.
    found = deadlines([planned_review()], D("2024-06-01"))
    assert [(d.rule, d.entry_id, d.due) for d in found] == [
        ("annual_review_advice", "v9", D("2024-06-06"))
    ]
    assert "head teacher" in found[0].note
    # Once held, it is an annual review like any other, and reg 20(4) is not asked again.
    held = deadlines([planned_review()], D("2024-06-21"))
    assert {d.rule for d in held} == {"annual_review_decision", "annual_review"}
