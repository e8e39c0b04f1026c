"""The evidence timeline, read the way a council officer would: headings, tables, numbers.

The Markdown is parsed with markdown-it-py (``commonmark`` with tables, raw HTML
recognised) and checked as a token stream, not as substrings.
"""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest
from markdown_it import MarkdownIt

from sen_workbook import model
from sen_workbook.timeline import (
    TimelineOptions,
    escape,
    exhibits,
    render_timeline,
    select_entries,
)

AS_OF = date(2024, 9, 1)
H2 = [
    "About",
    "Summary",
    "Chronology",
    "Entries",
    "Cycles of SEN Support (assess, plan, do, review)",
    "Exhibits",
]
FORBIDDEN = {
    "html_block",
    "html_inline",
    "link_open",
    "image",
    "code_inline",
    "code_block",
    "fence",
}

SALT_PDF = "a" * 64
LETTER = "b" * 64


def parse(markdown: str) -> list:
    return MarkdownIt("commonmark").enable("table").parse(markdown)


def inline_text(token) -> str:
    """What a reader sees in one inline token: text, with hard breaks as newlines."""
    parts = []
    for child in token.children:
        if child.type == "text":
            parts.append(child.content)
        elif child.type == "hardbreak":
            parts.append("\n")
        else:
            parts.append(f"<{child.type}>")
    return "".join(parts)


def headings(tokens, tag: str) -> list[str]:
    return [
        inline_text(tokens[i + 1])
        for i, t in enumerate(tokens)
        if t.type == "heading_open" and t.tag == tag
    ]


def section(tokens, title: str) -> list:
    """The tokens between the h2 ``title`` and the next h2."""
    start = next(
        i
        for i, t in enumerate(tokens)
        if t.type == "heading_open" and t.tag == "h2" and inline_text(tokens[i + 1]) == title
    )
    end = next(
        (
            i
            for i in range(start + 3, len(tokens))
            if tokens[i].type == "heading_open" and tokens[i].tag == "h2"
        ),
        len(tokens),
    )
    return tokens[start + 3 : end]


def section_text(tokens, title: str) -> str:
    return "\n".join(inline_text(t) for t in section(tokens, title) if t.type == "inline")


def tables(tokens) -> list[list[list[str]]]:
    """Each table as its rows (header first) of cell texts."""
    found, rows, row = [], None, None
    for token in tokens:
        if token.type == "table_open":
            rows = []
        elif token.type == "tr_open":
            row = []
        elif token.type == "inline" and row is not None:
            row.append(inline_text(token))
        elif token.type == "tr_close":
            rows.append(row)
            row = None
        elif token.type == "table_close":
            found.append(rows)
    return found


def records():
    """A Year 4 child over two SEN Support cycles, worked by hand in the tests below."""
    child = model.new_child(
        id="child-1",
        name="Tobias Wrenfield",
        preferred_name="Toby",
        date_of_birth="2015-05-02",
        setting="Hill Primary School",
        setting_phase="school",
        year_group="Year 4",
        senco="Mrs Patel",
        areas=["communication_interaction", "semh"],
        status="sen_support",
    )

    def entry(kind, entry_id, day, title, **fields):
        stamp = f"{day[:10]}T20:00:00"
        return model.new_entry(
            kind,
            "child-1",
            id=entry_id,
            date=day,
            title=title,
            created_at=stamp,
            updated_at=stamp,
            **fields,
        )

    entries = [
        entry(
            "concern",
            "c1",
            "2024-01-08",
            "Toby not eating at lunch",
            raised_by="Mum",
            raised_with="Mrs Patel",
            areas=["semh"],
        ),
        entry(
            "assessment",
            "a1",
            "2024-01-20",
            "SALT report",
            professional="Ms Green, SALT",
            findings="Receptive language below age",
            recommendations=[
                {"text": "Daily language group", "implemented": "no"},
                {"text": "Visual timetable", "implemented": "yes"},
            ],
            attachments=[
                {
                    "sha256": SALT_PDF,
                    "filename": "SALT report Toby.pdf",
                    "size": 12,
                    "added_at": "2024-01-21T10:00:00",
                    "description": "SALT report",
                }
            ],
        ),
        entry(
            "concern",
            "c2",
            "2024-02-01",
            "Reading",
            raised_with="Class teacher",
            response="Will monitor",
            response_date="2024-02-10",
            areas=["cognition_learning"],
        ),
        entry(
            "plan",
            "p1",
            "2024-02-05",
            "Spring plan",
            start_date="2024-02-05",
            review_date="2024-04-01",
            targets=[
                {"id": "t1", "text": "Asks an adult for help", "area": "communication_interaction"},
                {"id": "t2", "text": "Joins a game at play", "area": "semh"},
            ],
            provision=[
                {
                    "what": "ELSA session",
                    "who": "Mrs Jones",
                    "frequency": "weekly",
                    "start": "2024-02-05",
                }
            ],
        ),
        entry(
            "incident",
            "i1",
            "2024-03-01",
            "Sent home after lunch",
            incident_type="sent_home",
            days_lost=0.5,
            areas=["semh"],
        ),
        entry(
            "review",
            "r1",
            "2024-04-02",
            "Spring review",
            plan_id="p1",
            outcomes=[
                {"target_id": "t1", "result": "not_met"},
                {"target_id": "t2", "result": "met", "evidence": "Plays tag"},
            ],
            child_views="I don't like the noise",
        ),
        entry(
            "plan",
            "p2",
            "2024-04-10",
            "Summer plan",
            review_date="2024-07-01",
            targets=[
                {"id": "t1", "text": "Asks an adult for help", "area": "communication_interaction"}
            ],
        ),
        entry(
            "incident",
            "i2",
            "2024-05-01",
            "Suspended for two days",
            incident_type="suspension",
            days_lost=2,
        ),
        entry(
            "correspondence",
            "m1",
            "2024-06-01 09:30",
            "Email to the head",
            direction="sent",
            to="Head teacher",
            subject="Lunchtimes",
            reply_due="2024-06-15",
            attachments=[
                {
                    "sha256": LETTER,
                    "filename": "email.txt",
                    "size": 5,
                    "added_at": "2024-06-01T10:00:00",
                    "description": "",
                }
            ],
        ),
        entry(
            "observation",
            "o1",
            "2024-06-05",
            "Upset after school",
            details="Came home and hid.\nSaid: everyone shouts",
        ),
        entry(
            "review",
            "r2",
            "2024-07-03",
            "Summer review",
            plan_id="p2",
            outcomes=[{"target_id": "t1", "result": "not_met"}],
            attachments=[
                {
                    "sha256": LETTER,
                    "filename": "email copy.txt",
                    "size": 5,
                    "added_at": "2024-07-03T10:00:00",
                    "description": "",
                }
            ],
        ),
        entry(
            "request",
            "q1",
            "2024-07-10",
            "Request for an EHC needs assessment",
            request_type="ehcna",
            sent_to="County SEND team",
        ),
        entry("observation", "o2", "2024-09-02", "After the preparation date"),
    ]
    assert model.validate_records([child], entries) == []
    return child, entries


def render(purpose="ehcna", **options):
    child, entries = records()
    return render_timeline(child, entries, TimelineOptions(as_of=AS_OF, purpose=purpose, **options))


# --- escaping ------------------------------------------------------------------------


ORDINARY = (
    "Mrs O'Brien (SENCo) said: 2 sessions/week, 50% of the time. Speech & Language - see "
    'report_v2.pdf! Cost £5 + 3, <10 mins, "ok", #3 of 4; 1. a) 20 mins = 1/3 hour.'
)


@pytest.mark.parametrize("context", ["paragraph", "inline", "heading", "cell"])
def test_ordinary_writing_is_left_as_it_is_in_every_context(context):
    assert escape(ORDINARY, context) == ORDINARY


@pytest.mark.parametrize(
    ("typed", "context", "written"),
    [
        # Anywhere in a line, as worked out from the rules in the escaping module.
        ("a*b_[c](d) <e> & #1.", "inline", "a\\*b\\_\\[c\\](d) &lt;e> & #1."),
        ("snake_case_name _x_ foo_", "inline", "snake_case_name \\_x\\_ foo\\_"),
        (
            "<script>alert(1)</script> <http://x> <!-- c --> <5 a > b",
            "inline",
            "&lt;script>alert(1)&lt;/script> &lt;http://x> &lt;!-- c --> <5 a > b",
        ),
        ("&amp; &#60; &copy; AT&T", "inline", "&amp;amp; &amp;#60; &amp;copy; AT&amp;T"),
        ("Smith & Jones", "inline", "Smith & Jones"),
        (
            "~~strike~~ and H~2~O and 2^10^",
            "inline",
            "&#126;&#126;strike&#126;&#126; and H&#126;2&#126;O and 2&#94;10&#94;",
        ),
        ("$x$ and $5", "inline", "&#36;x&#36; and &#36;5"),
        (":smile: at 10:30:45", "inline", "&#58;smile: at 10:30:45"),
        ("`code` \\ end\\", "inline", "\\`code\\` \\\\ end\\\\"),
        ("[name withheld] said", "inline", "[name withheld] said"),
        ("[name withheld](http://x)", "inline", "\\[name withheld\\](http://x)"),
        ("a|b", "inline", "a|b"),
        ("a|b\nc", "cell", "a\\|b c"),
        ("Title {#id} and {.class} and {x}", "heading", "Title \\{#id} and \\{.class} and {x}"),
        ("Meeting #", "heading", "Meeting \\#"),
        ("Number ##", "heading", "Number \\#\\#"),
        ("Call #2", "heading", "Call #2"),
        # At the start of a line, and only there.
        ("# Not a heading", "paragraph", "\\# Not a heading"),
        ("# Not a heading", "inline", "# Not a heading"),
        (
            "- item\n+ plus\n> quote\n---\n| a",
            "paragraph",
            "\\- item\n\n\\+ plus\n\n\\> quote\n\n\\---\n\n\\| a",
        ),
        (
            "1. one\n3) three\na) x\n(i) x\nII. two",
            "paragraph",
            "1\\. one\n\n3\\) three\n\na\\) x\n\n\\(i) x\n\nII\\. two",
        ),
        ("A. Smith\n=====", "paragraph", "A. Smith\n\n====="),
        (": def\n~ def\n::: div", "paragraph", "&#58; def\n\n&#126; def\n\n&#58;:: div"),
        ("first\n- second", "inline", "first\n\n\\- second"),
    ],
)
def test_marks_are_escaped_only_where_they_would_be_markup(typed, context, written):
    assert escape(typed, context) == written


def test_line_breaks_become_paragraph_breaks_or_spaces_never_hard_breaks():
    text = "\n   first line  \r\n\tsecond\r\rthird\n\n"
    assert escape(text, "paragraph") == "first line\n\nsecond\n\nthird"
    assert escape(text, "inline") == "first line\n\nsecond\n\nthird"
    assert escape(text, "heading") == "first line second third"
    assert escape(text, "cell") == "first line second third"


def test_escape_replaces_control_characters():
    assert escape("a\x00b\x1bc\u202ed\x7f", "cell") == "a\ufffdb\ufffdc\ufffdd\ufffd"
    assert escape("tab\there", "cell") == "tab here"


def test_escape_refuses_an_unknown_context():
    with pytest.raises(ValueError, match="context 'table'"):
        escape("x", "table")


# --- structure -----------------------------------------------------------------------


@pytest.mark.parametrize("purpose", ["ehcna", "complaint", "chronology"])
def test_document_has_one_title_then_the_sections_in_order(purpose):
    tokens = parse(render(purpose))
    assert [t.tag for t in tokens if t.type == "heading_open"][0] == "h1"
    assert sum(t.tag == "h1" for t in tokens if t.type == "heading_open") == 1
    assert [h.split(" Tobias")[0] for h in headings(tokens, "h2")] == H2
    assert headings(tokens, "h2")[0] == "About Tobias Wrenfield"
    assert not {t.type for t in tokens} & FORBIDDEN


def test_title_names_the_purpose_and_the_child():
    assert headings(parse(render("ehcna")), "h1") == [
        "Evidence for an EHC needs assessment request: Tobias Wrenfield"
    ]
    assert headings(parse(render("complaint")), "h1") == ["Complaint chronology: Tobias Wrenfield"]


def test_chronology_has_one_row_per_entry_up_to_the_preparation_date():
    tokens = parse(render())
    [table] = tables(section(tokens, "Chronology"))
    assert table[0] == ["Ref", "Date", "Kind", "Summary", "Exhibits"]
    body = table[1:]
    # 13 entries, one dated the day after as_of.
    assert [row[0] for row in body] == [f"R{n}" for n in range(1, 13)]
    assert body[8][:3] == ["R9", "2024-06-01 09:30", "Letter, email or call"]
    assert body[8][3] == "Email to the head (sent to Head teacher)"
    assert body[8][4] == "E002"
    assert "After the preparation date" not in render()


def test_every_entry_is_written_in_full_under_its_reference():
    tokens = parse(render())
    entry_heads = headings(section(tokens, "Entries"), "h3")
    assert len(entry_heads) == 12
    assert entry_heads[0] == "R1 — 2024-01-08 — Concern: Toby not eating at lunch"
    text = section_text(tokens, "Entries")
    assert "Details: Came home and hid.\nSaid: everyone shouts" in text
    assert "Plan reviewed: R4, 2024-02-05" in text
    assert "“Joins a game at play”: met; evidence: Plays tag" in text


def test_references_in_the_summary_all_point_to_chronology_rows():
    tokens = parse(render())
    rows = {row[0] for row in tables(section(tokens, "Chronology"))[0][1:]}
    cited = set(re.findall(r"\bR\d+\b", section_text(tokens, "Summary")))
    assert cited and cited <= rows


# --- the EHC needs assessment summary, worked by hand --------------------------------


def test_ehcna_summary_states_cycles_targets_waits_and_days_lost():
    text = section_text(parse(render("ehcna")), "Summary")
    # Two plans, so two cycles; "Asks an adult for help" not met at R6 and again at R11.
    assert "Cycles of SEN Support (assess, plan, do, review) in this chronology: 2." in text
    assert "“Asks an adult for help”: not met at R6." in text
    assert "“Asks an adult for help”: not met at R11." in text
    # "Asks an adult for help" is in both plans (same id): one target, at its latest review.
    assert (
        "Targets in these plans: 2, each counted once however many plans carry it. At its "
        "latest review, of 2 targets: met 1, partly met 0, not met 1, not assessed 0."
    ) in text
    assert (
        "Times a target was not met at two or more reviews in a row: 1, 1 of them still "
        "not met at the latest review."
    ) in text
    assert "“Asks an adult for help”: not met at 2 reviews in a row (" in text
    # 8 January to 1 September 2024 (a leap year): 23 + 29 + 31 + 30 + 31 + 30 + 31 + 31 + 1.
    assert "Concerns with no response recorded: 1." in text
    assert "R1, 2024-01-08: waited 237 days by 2024-09-01." in text
    # 0.5 day sent home + 2 days suspended.
    assert "Incidents: 2; days of education lost, all incidents: 2.5." in text
    assert "Suspension: 1 time, 2 days lost (R8, 2024-05-01)." in text
    assert "Sent home without a formal exclusion: 1 time, 0.5 days lost." in text
    assert (
        "Professionals' recommendations: 2; implemented 1, partly implemented 0, not "
        "implemented 1, not known whether implemented 0."
    ) in text
    assert "Child's views (R6, 2024-04-02): “I don't like the noise”" in text
    assert "Not applicable: aged 9 years on 2024-09-01 and not in post-16 education." in text


def test_ehcna_summary_follows_the_code_9_14_headings_then_flags_and_deadlines():
    tokens = parse(render("ehcna"))
    assert headings(section(tokens, "Summary"), "h3") == [
        "(1) Attainment, developmental milestones and rate of progress",
        "(2) Nature, extent and context of the special educational needs",
        "(3) Action already taken by the setting",
        "(4) Progress made only through much additional intervention",
        "(5) Physical, emotional and social development and health needs",
        "(6) A young person over 18: time needed to complete education or training",
        "Flags",
        "Statutory deadlines",
    ]


def test_flags_and_deadlines_are_all_listed():
    tokens = parse(render("ehcna"))
    text = section_text(tokens, "Summary")
    # Hand count: concern c1 unanswered, recommendation "no", reply to m1 overdue,
    # target t1 not met twice; no review overdue (both plans reviewed).
    flag_lines = [
        line
        for line in text.split("\n")
        if line.startswith(
            (
                "Concern with no response",
                "Recommendation not implemented",
                "Reply overdue",
                "Target not met at consecutive reviews",
                "Review overdue",
                "Meeting action overdue",
            )
        )
    ]
    assert len(flag_lines) == 4
    assert any(line.startswith("Reply overdue (R9, 2024-06-01 09:30)") for line in flag_lines)
    deadline_table = tables(section(tokens, "Summary"))[-1]
    assert deadline_table[0] == [
        "Ref",
        "Deadline",
        "Who must act",
        "Source",
        "From",
        "Due",
        "Status",
        "Days late",
    ]
    # Request of 2024-07-10 + 6 weeks = 2024-08-21, unanswered on 2024-09-01: 11 days late.
    assert deadline_table[1][0] == "R12"
    assert deadline_table[1][2] == "Local authority"
    assert deadline_table[1][4:] == [
        "2024-07-10",
        "2024-08-21",
        "Missed: due by 2024-08-21; nothing recorded by 2024-09-01, 11 days late.",
        "11",
    ]


@pytest.mark.parametrize(
    ("born", "phase", "expected"),
    [
        ("2006-09-02", "school", "Not applicable: aged 17 years on 2024-09-01"),
        ("2006-09-01", "school", "Applies: aged 18 years on 2024-09-01."),
        ("2008-01-01", "post16", "Applies: aged 16 years on 2024-09-01 and in post-16 education."),
    ],
)
def test_over_18_heading_applies_from_the_18th_birthday_or_in_post16(born, phase, expected):
    child, entries = records()
    child.update(date_of_birth=born, setting_phase=phase)
    markdown = render_timeline(child, entries, TimelineOptions(as_of=AS_OF, purpose="ehcna"))
    assert expected in section_text(parse(markdown), "Summary")


def test_about_gives_age_in_years_and_months():
    text = section_text(parse(render()), "About Tobias Wrenfield")
    assert "Age on 2024-09-01: 9 years 3 months" in text
    assert "Date of birth: 2015-05-02" in text
    assert (
        "Areas of need: Communication and interaction; Social, emotional and mental health" in text
    )


# --- the complaint summary -----------------------------------------------------------


def test_complaint_summary_shows_each_ask_its_answer_and_the_wait():
    tokens = parse(render("complaint"))
    [asks, deadlines] = tables(section(tokens, "Summary"))
    assert asks[0] == ["Ref", "Date", "Asked", "Of whom", "Answer", "Answered on", "Days waited"]
    assert asks[1:] == [
        # 8 January to 1 September 2024: 237 days and still waiting.
        [
            "R1",
            "2024-01-08",
            "Toby not eating at lunch",
            "Mrs Patel",
            "No answer recorded",
            "",
            "237 so far",
        ],
        ["R3", "2024-02-01", "Reading", "Class teacher", "Will monitor", "2024-02-10", "9"],
        [
            "R9",
            "2024-06-01 09:30",
            "Email to the head (subject: Lunchtimes)",
            "Head teacher",
            "No answer recorded",
            "",
            "92 so far",
        ],
        [
            "R12",
            "2024-07-10",
            "EHC needs assessment request: Request for an EHC needs assessment",
            "County SEND team",
            "No answer recorded",
            "",
            "53 so far",
        ],
    ]
    text = section_text(tokens, "Summary")
    assert (
        "Asked: 4 (concerns 2, letters and emails sent 1, formal requests 1). Answered: 1. "
        "The longest wait for an answer that came was 9 days (R3). No answer recorded by "
        "2024-09-01: 3; the longest has waited 237 days (R1)."
    ) in text
    assert deadlines[1][6].startswith("Missed: due by 2024-08-21; nothing recorded")


def test_a_reply_linked_to_a_letter_answers_it():
    child, entries = records()
    entries.append(
        model.new_entry(
            "correspondence",
            "child-1",
            id="m2",
            date="2024-06-20",
            title="Reply from the head",
            direction="received",
            links=["m1"],
            created_at="x",
            updated_at="x",
        )
    )
    markdown = render_timeline(child, entries, TimelineOptions(as_of=AS_OF, purpose="complaint"))
    asks = tables(section(parse(markdown), "Summary"))[0]
    row = next(r for r in asks if r[0] == "R9")
    assert row[4:] == ["Reply from the head (R11)", "2024-06-20", "19"]


def test_chronology_summary_counts_entries_by_kind():
    text = section_text(parse(render("chronology")), "Summary")
    assert "Entries in this chronology: 12." in text
    assert "Concern: 2." in text and "Review: 2." in text and "Observation at home: 1." in text


# --- selection -----------------------------------------------------------------------


def test_select_entries_orders_by_date_and_applies_every_filter():
    child, entries = records()
    ids = [e["id"] for e in select_entries(reversed(entries), TimelineOptions(as_of=AS_OF))]
    assert ids == ["c1", "a1", "c2", "p1", "i1", "r1", "p2", "i2", "m1", "o1", "r2", "q1"]
    ranged = TimelineOptions(as_of=AS_OF, date_from=date(2024, 3, 1), date_to=date(2024, 5, 1))
    assert [e["id"] for e in select_entries(entries, ranged)] == ["i1", "r1", "p2", "i2"]
    kinds = TimelineOptions(as_of=AS_OF, kinds=("incident", "review"))
    assert [e["id"] for e in select_entries(entries, kinds)] == ["i1", "r1", "i2", "r2"]
    # A review touches the areas of its plan's targets; c2 is tagged cognition only.
    areas = TimelineOptions(as_of=AS_OF, areas=("communication_interaction",))
    assert [e["id"] for e in select_entries(entries, areas)] == ["p1", "r1", "p2", "r2"]


def test_a_kind_filter_keeps_the_cycle_and_counts_the_flags_left_out():
    markdown = render(kinds=("review",))
    tokens = parse(markdown)
    # The two reviews only: their cycles still show, their plans cited by date.
    assert [row[0] for row in tables(section(tokens, "Chronology"))[0][1:]] == ["R1", "R2"]
    assert "Plan reviewed: 2024-02-05, not in this selection" in section_text(tokens, "Entries")
    cycles = section(tokens, "Cycles of SEN Support (assess, plan, do, review)")
    assert headings(cycles, "h3") == ["Cycle 1: Spring plan", "Cycle 2: Summer plan"]
    assert tables(cycles)[0][0] == ["Target", "Area", "2024-04-02 (R1)"]
    text = section_text(tokens, "Summary")
    # The target run across both reviews is still a flag; the other three are counted.
    assert "Target not met at consecutive reviews" in text
    assert "3 further flags concern only entries outside this selection." in text
    preamble = "\n".join(
        inline_text(t)
        for t in tokens[
            : tokens.index(next(t for t in tokens if t.type == "heading_open" and t.tag == "h2"))
        ]
        if t.type == "inline"
    )
    assert "Only these kinds of entry: Review." in preamble


def test_options_are_checked():
    with pytest.raises(ValueError, match="purpose 'appeal'"):
        TimelineOptions(as_of=AS_OF, purpose="appeal")
    with pytest.raises(ValueError, match="kind 'letter'"):
        TimelineOptions(as_of=AS_OF, kinds=("letter",))
    with pytest.raises(ValueError, match="start must not be after the end"):
        TimelineOptions(as_of=AS_OF, date_from=date(2024, 5, 1), date_to=date(2024, 4, 1))


# --- cycles and exhibits -------------------------------------------------------------


def test_cycles_show_each_targets_result_at_each_review_and_the_provision():
    tokens = parse(render())
    cycles = section(tokens, "Cycles of SEN Support (assess, plan, do, review)")
    first_targets, first_provision, second_targets = tables(cycles)
    assert first_targets == [
        ["Target", "Area", "2024-04-02 (R6)"],
        ["Asks an adult for help", "Communication and interaction", "Not met"],
        ["Joins a game at play", "Social, emotional and mental health", "Met"],
    ]
    assert first_provision[1] == ["ELSA session", "Mrs Jones", "weekly", "2024-02-05", ""]
    assert second_targets[1] == [
        "Asks an adult for help",
        "Communication and interaction",
        "Not met",
    ]


def test_exhibits_are_numbered_in_date_order_and_a_file_attached_twice_is_one_exhibit():
    child, entries = records()
    found = exhibits(entries, TimelineOptions(as_of=AS_OF))
    assert [(e.ref, e.sha256, e.entry_ids) for e in found] == [
        ("E001", SALT_PDF, ("a1",)),
        ("E002", LETTER, ("m1", "r2")),
    ]
    assert found[0].bundle_name == "exhibits/E001-SALT-report-Toby.pdf"
    [index] = tables(section(parse(render()), "Exhibits"))
    assert [row[:3] for row in index[1:]] == [
        ["E001", "E001-SALT-report-Toby.pdf", "2024-01-20"],
        ["E002", "E002-email.txt", "2024-06-01 09:30"],
    ]
    assert index[2][3].endswith("cited by R9, R11")


def test_exhibit_file_names_are_safe_whatever_the_original_name():
    child, entries = records()
    entries[1]["attachments"][0]["filename"] = "../../etc/Zoë <script>\x00 report.PDF"
    [first, _] = exhibits(entries, TimelineOptions(as_of=AS_OF))
    assert first.bundle_name == "exhibits/E001-etc-Zoe-script-report.pdf"
    entries[1]["attachments"][0]["filename"] = "...."
    assert exhibits(entries, TimelineOptions(as_of=AS_OF))[0].bundle_name == "exhibits/E001-exhibit"


# --- pseudonym and determinism -------------------------------------------------------


def test_pseudonym_replaces_every_name_of_the_child():
    child, entries = records()
    entries[0]["details"] = "TOBY said Mrs Wrenfield would call. Tobias_Wrenfield.doc"
    options = TimelineOptions(as_of=AS_OF, purpose="ehcna", pseudonym="Child A")
    markdown = render_timeline(child, entries, options)
    for name in ("tobias", "wrenfield", "toby", "2015-05-02"):
        assert name not in markdown.lower()
    text = section_text(parse(markdown), "Entries")
    assert "Child A said Mrs [name withheld] would call. Child A.doc" in text
    assert (
        exhibits(entries, options, child)[0].bundle_name == "exhibits/E001-SALT-report-Child-A.pdf"
    )


def test_a_pseudonym_that_contains_the_name_is_refused():
    child, entries = records()
    with pytest.raises(ValueError, match="contains the child's name"):
        render_timeline(child, entries, TimelineOptions(as_of=AS_OF, pseudonym="Toby W"))


def test_same_records_give_the_same_bytes_whatever_their_order():
    child, entries = records()
    options = TimelineOptions(as_of=AS_OF, purpose="ehcna")
    first = render_timeline(child, entries, options)
    assert render_timeline(child, list(reversed(entries)), options) == first
    other = model.new_entry("observation", "someone-else", date="2024-03-03", title="Sibling")
    assert render_timeline(child, entries + [other], options) == first


def test_a_preparation_time_counts_as_its_day():
    options = TimelineOptions(as_of=datetime(2024, 9, 1, 18, 30))
    assert options.as_of == AS_OF and type(options.as_of) is date
    with pytest.raises(ValueError, match="as_of must be a date"):
        TimelineOptions(as_of="2024-09-01")


def test_the_familys_own_time_limits_are_never_shown_as_missed():
    child, entries = records()
    entries.append(
        model.new_entry(
            "request",
            "child-1",
            id="dp",
            date="2024-03-01",
            title="Draft plan",
            request_type="draft_plan",
            sent_to="County SEND team",
        )
    )
    entries.append(
        model.new_entry(
            "request",
            "child-1",
            id="dp2",
            date="2024-08-25",
            title="Second draft plan",
            request_type="draft_plan",
            sent_to="County SEND team",
        )
    )
    tokens = parse(render_timeline(child, entries, TimelineOptions(as_of=AS_OF, purpose="ehcna")))
    open_now, duties = tables(section(tokens, "Summary"))[-2:]
    assert "Comments on the draft EHC plan" not in str(duties)
    # the comments on the March draft went by (not shown); the August one is still ahead:
    # 15 days beginning with 2024-08-25 end on 2024-09-08.  It comes first: an adviser
    # acts on it first.
    assert open_now[0] == ["Ref", "Time limit", "Source", "From", "Until", "Where it stands"]
    assert [row[3:] for row in open_now[1:]] == [
        ["2024-08-25", "2024-09-08", "Open until 2024-09-08."]
    ]
    text = section_text(tokens, "Summary")
    assert text.index("Open now for the family") < text.index("Missed: 1.")


def test_rendering_leaves_the_records_it_was_given_unchanged():
    import copy

    child, entries = records()
    before = copy.deepcopy((child, entries))
    for purpose in ("ehcna", "complaint", "chronology"):
        render_timeline(
            child, entries, TimelineOptions(as_of=AS_OF, purpose=purpose, pseudonym="Child A")
        )
    assert (child, entries) == before


def test_answers_dated_after_the_preparation_date_are_not_told():
    child = model.new_child(id="c", name="Sam Green")
    concern = model.new_entry(
        "concern",
        "c",
        id="k1",
        date="2024-03-01",
        title="Worry",
        raised_with="Mrs Patel",
        response="Will observe",
        response_date="2024-03-20",
    )
    request = model.new_entry(
        "request",
        "c",
        id="q1",
        date="2024-03-05",
        title="Assessment",
        request_type="ehcna",
        sent_to="County",
        outcome="Refused to assess",
        outcome_date="2024-04-10",
    )
    text = render_timeline(
        child, [concern, request], TimelineOptions(as_of=date(2024, 3, 15), purpose="complaint")
    )
    assert "Will observe" not in text and "Refused" not in text
    assert "14 so far" in text  # 1 March to 15 March, no answer yet
    later = render_timeline(
        child, [concern, request], TimelineOptions(as_of=date(2024, 5, 1), purpose="complaint")
    )
    assert "Will observe" in later and "Refused to assess" in later


def test_a_chronology_for_an_adviser_shows_family_time_limits_that_passed():
    child, entries = records()
    entries.append(
        model.new_entry(
            "request",
            "child-1",
            id="dp",
            date="2024-03-01",
            title="Draft plan",
            request_type="draft_plan",
            sent_to="County SEND team",
        )
    )
    text = render_timeline(child, entries, TimelineOptions(as_of=AS_OF, purpose="chronology"))
    own = tables(section(parse(text), "Summary"))[-1]
    assert ["2024-03-01", "2024-03-15", "Passed on 2024-03-15 with nothing recorded."] in [
        r[3:] for r in own
    ]


# --- deadlines that follow the case ----------------------------------------------------


def _refused_with_mediation_pending():
    """A refusal of 19 February 2024 and mediation asked for on Wednesday 10 April (the
    certificate due 3 working days later, on 15 April), with no certificate recorded."""
    child = model.new_child(id="c", name="Sam Green")
    refusal = model.new_entry(
        "request",
        "c",
        id="q1",
        date="2024-01-10",
        title="Assessment",
        request_type="ehcna",
        sent_to="County SEND team",
        outcome="Refused to assess",
        outcome_date="2024-02-19",
    )
    mediation = model.new_entry(
        "request",
        "c",
        id="q2",
        date="2024-04-10",
        title="Mediation adviser contacted",
        request_type="mediation",
        sent_to="Mediation service",
        links=["q1"],
    )
    return child, [refusal, mediation]


@pytest.mark.parametrize("purpose", ["ehcna", "complaint", "chronology"])
def test_an_appeal_window_waiting_on_its_certificate_is_open_in_every_purpose(purpose):
    child, entries = _refused_with_mediation_pending()
    # Months after the 2 months ended: still open, because the certificate is not recorded.
    markdown = render_timeline(
        child, entries, TimelineOptions(as_of=date(2024, 9, 1), purpose=purpose)
    )
    tokens = parse(markdown)
    open_now = next(t for t in tables(section(tokens, "Summary")) if t[0][-1] == "Where it stands")
    assert len(open_now) == 2
    ref, label, _source, start, until, words = open_now[1]
    assert (ref, label, start) == (
        "R1",
        "Appeal to the SEND Tribunal (At the earliest, 1 month "
        "after 2024-04-15, the day the mediation certificate was "
        "due)",
        "2024-02-19",
    )
    assert until == "2024-05-15"  # 1 month after the day the certificate was due
    assert words == (
        "Open until 1 month after the mediation certificate; the certificate "
        "itself was due on 2024-04-15. The window does not close before "
        "2024-04-19."
    )
    assert words in markdown  # the tool's own words, written as they are
    assert "Passed" not in section_text(tokens, "Summary")


def test_an_open_window_is_shown_even_when_its_decision_is_outside_the_selection():
    child, entries = _refused_with_mediation_pending()
    options = TimelineOptions(
        as_of=date(2024, 9, 1), purpose="complaint", date_from=date(2024, 4, 1)
    )
    tokens = parse(render_timeline(child, entries, options))
    open_now = next(t for t in tables(section(tokens, "Summary")) if t[0][-1] == "Where it stands")
    assert open_now[1][0] == "2024-01-10, not in this selection"
    assert open_now[1][-1].startswith("Open until 1 month after the mediation certificate")


def test_with_no_decision_to_assess_one_overall_limit_and_the_6_week_breach():
    child = model.new_child(id="c", name="Sam Green")
    request = model.new_entry(
        "request",
        "c",
        id="q1",
        date="2024-01-10",
        title="Assessment",
        request_type="ehcna",
        sent_to="County SEND team",
    )
    tokens = parse(
        render_timeline(
            child, [request], TimelineOptions(as_of=date(2024, 3, 1), purpose="complaint")
        )
    )
    duties = tables(section(tokens, "Summary"))[-1]
    assert [row[1] for row in duties[1:]] == [
        "Decision whether to carry out an EHC needs assessment",
        "Final EHC plan",
    ]
    assert [row[6] for row in duties[1:]] == [
        "Missed: due by 2024-02-21; nothing recorded by 2024-03-01, 9 days late.",
        "Overall limit: the final EHC plan is due by 2024-05-29 (20 weeks), unless the council "
        "refuses to assess or decides not to issue a plan.",
    ]
    assert "Missed: 1. Met: 0. Upcoming: 1." in section_text(tokens, "Summary")


def test_every_name_the_single_module_offered_is_still_importable():
    import inspect

    import sen_workbook.timeline as timeline

    for name in (
        "PURPOSES",
        "CONTEXTS",
        "PURPOSE_TITLES",
        "FLAG_LABELS",
        "RESULT_LABELS",
        "IMPLEMENTED_LABELS",
        "PHASE_CHAPTERS",
        "CODE_9_14",
        "PSEUDONYM_MARK",
        "TimelineOptions",
        "Exhibit",
        "escape",
        "pseudonym_problem",
        "find_child_name",
        "select_entries",
        "exhibits",
        "timeline_title",
        "render_timeline",
        "timeline_and_exhibits",
    ):
        assert hasattr(timeline, name), name
    assert list(inspect.signature(timeline.render_timeline).parameters) == [
        "child",
        "entries",
        "options",
    ]


def test_two_entries_sharing_an_id_show_the_reference_they_are_cited_by():
    # A workbook keeps one entry per id, but the timeline is also given lists of records
    # (an import being checked, a test): if two share an id, the rows and headings of
    # both give the reference a citation of that id points to, as they always did.
    child, entries = records()
    [plan] = [e for e in entries if e["title"] == "Spring plan"]
    entries.append({**plan, "title": "Spring plan, a second copy"})
    text = render_timeline(child, entries, TimelineOptions(as_of=AS_OF, purpose="ehcna"))
    tokens = parse(text)
    [cited] = re.findall(r"plan “Spring plan” \((R\d+),", section_text(tokens, "Summary"))
    rows = tables(section(tokens, "Chronology"))[0][1:]
    plan_rows = [row[0] for row in rows if row[3].startswith("Spring plan")]
    assert plan_rows == [cited, cited]
    heads = headings(section(tokens, "Entries"), "h3")
    assert [h.split(" — ")[0] for h in heads if "Spring plan" in h] == [cited, cited]


def _journal_of(count: int) -> tuple[dict, list[dict]]:
    """The hand-worked child with ``count`` observations of their own, one a day, some
    at a time of day, one with an odd title, their days after the records' own."""
    child, entries = records()
    for n in range(count):
        day = date.fromordinal(date(2024, 3, 1).toordinal() + n % 150).isoformat()
        entries.append(
            model.new_entry(
                "observation",
                "child-1",
                id=f"obs-{n:04d}",
                date=day if n % 3 else f"{day} 0{n % 10}:15",
                title="iv. Played alone" if n == 100 else f"Observation {n}",
                details="" if n % 2 else f"Line one\n\n1. a list?\n{n}",
                created_at=f"{day}T21:00:00",
            )
        )
    return child, entries


@pytest.mark.parametrize("count", [0, 1, 99, 100, 101, 199, 200, 201])
def test_the_entries_in_full_are_the_same_document_however_many_make_a_block(count, monkeypatch):
    # The entries in full are passed on a hundred at a time; at the edges of those
    # hundreds the document must be the same, to the byte, as when each is its own block.
    from sen_workbook.timeline import entries as entries_section
    from sen_workbook.timeline.document import timeline_blocks

    child, entries = _journal_of(count)
    options = TimelineOptions(as_of=date(2025, 6, 1), purpose="ehcna")
    written = render_timeline(child, entries, options)
    in_blocks = "\n\n".join(timeline_blocks(child, entries, options)) + "\n"
    monkeypatch.setattr(entries_section, "ENTRIES_IN_A_BLOCK", 1)
    one_by_one = render_timeline(child, entries, options)
    assert written == one_by_one == in_blocks
    heads = headings(section(parse(written), "Entries"), "h3")
    assert len(heads) == count + 13  # the hand-worked records' 13, then these
    assert [head.split(" — ")[0] for head in heads] == [f"R{n}" for n in range(1, count + 14)]


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("2024-03-04", "2024-03-04"),
        (" 2024-03-04", "2024-03-04"),
        ("2024-03-04 ", "2024-03-04"),
        ("2024-03-04\n", "2024-03-04"),
        ("", ""),
    ],
)
def test_an_optional_date_shows_the_same_each_time_it_is_met(stored, shown):
    from sen_workbook.timeline.words import day_text

    assert [day_text(stored) for _ in range(3)] == [shown] * 3


@pytest.mark.parametrize("stored", ["2024-02-30", "2024-3-4", "2024-03-04 10:00", "soon"])
def test_an_optional_date_that_is_no_day_is_refused_each_time_it_is_met(stored):
    # Never remembered as shown blank: the second timeline refuses it as the first did.
    from sen_workbook.timeline.words import day_text

    for _ in range(2):
        with pytest.raises(ValueError, match="date"):
            day_text(stored)


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("2024-03-04", "2024-03-04"),
        ("2024-03-04 09:15", "2024-03-04 09:15"),
        ("2024-03-04T09:15", "2024-03-04 09:15"),
        ("2024-03-04 23:59", "2024-03-04 23:59"),
        ("2024-03-04 00:00", "2024-03-04 00:00"),
        # Digits of another script read as the same day; the time is shown as written.
        ("２０２４-03-04 09:15", "2024-03-04 09:15"),
        ("2024-03-04 ０９:１５", "2024-03-04 ０９:１５"),
    ],
)
def test_an_entrys_date_and_time_show_the_same_in_every_place_they_are_met(stored, shown):
    from sen_workbook.timeline.words import when, when_dated

    entry = {"date": stored}
    day = model.entry_day(entry)
    assert [when(entry), when_dated(stored, day), when(entry)] == [shown] * 3
    child = {"id": "c", "name": "Sam"}
    recorded = model.new_entry("observation", "c", id="o1", date=stored, title="Seen")
    written = render_timeline(child, [recorded], TimelineOptions(as_of=AS_OF))
    assert f"| R1 | {shown} | " in written
    assert f"### R1 — {shown} — " in written


@pytest.mark.parametrize("stored", ["2024-03-04 24:00", "2024-03-04 09:60", "2024-03-04 9:15x"])
def test_an_entrys_impossible_time_is_refused_each_time_it_is_met(stored):
    from sen_workbook.timeline.words import when, when_dated

    entry = {"date": stored}
    day = model.entry_day(entry)
    for _ in range(2):
        with pytest.raises(ValueError, match="date"):
            when(entry)
        with pytest.raises(ValueError, match="date"):
            when_dated(stored, day)


def test_the_people_of_each_entry_are_shown_as_that_entry_names_them():
    # The same list of people is shown once worked out: each entry still shows its own,
    # and lists that compare equal in Python but are written differently stay apart.
    child = {"id": "c", "name": "Sam"}

    def seen(entry_id, day, people):
        return model.new_entry(
            "observation", "c", id=entry_id, date=day, title="Seen", people=people
        )

    entries = [
        seen("o1", "2024-03-01", ["Mrs Patel", "Mr Ode"]),
        seen("o2", "2024-03-02", ["Mrs Patel", "Mr Ode"]),
        seen("o3", "2024-03-03", ["Mrs Patel"]),
        seen("o4", "2024-03-04", [1]),
        seen("o5", "2024-03-05", [True]),
        seen("o6", "2024-03-06", [1.0]),
        seen("o7", "2024-03-07", ["  ", "Mr *Ode*"]),
        seen("o8", "2024-03-08", ["Mrs Patel", "Mr Ode"]),
        seen("o9", "2024-03-09", ["1"]),
        seen("o10", "2024-03-10", [{"name": "Dr Lee"}, "Mrs Patel"]),
        seen("o11", "2024-03-11", [1]),
        seen("o12", "2024-03-12", [{"name": "Dr Lee"}, "Mrs Patel"]),
    ]
    tokens = parse(render_timeline(child, entries, TimelineOptions(as_of=AS_OF)))
    texts = [inline_text(t) for t in tokens if t.type == "inline"]
    people = [t for t in texts if t.startswith("People: ")]
    assert people == [
        "People: Mrs Patel; Mr Ode",
        "People: Mrs Patel; Mr Ode",
        "People: Mrs Patel",
        "People: 1",
        "People: True",
        "People: 1.0",
        "People: Mr *Ode*",
        "People: Mrs Patel; Mr Ode",
        "People: 1",
        "People: {'name': 'Dr Lee'}; Mrs Patel",
        "People: 1",
        "People: {'name': 'Dr Lee'}; Mrs Patel",
    ]


# The fields the timeline reads by name from every entry, and their empty values.  A
# stored entry of this schema has them all (its shape is checked as the file is read);
# one of an older workbook opened read-only, or made in Python, may lack some.
_READ_BY_NAME = {
    "title": "",
    "details": "",
    "areas": [],
    "people": [],
    "links": [],
    "attachments": [],
    "created_at": "",
    "revisions": [],
}


@pytest.mark.parametrize("purpose", ["ehcna", "complaint", "chronology"])
def test_entries_lacking_fields_are_shown_as_with_those_fields_empty(purpose):
    child, entries = records()
    emptied, lacking = [], []
    for number, entry in enumerate(entries):
        # Every entry lacks a different few of the fields (and every field is lacked).
        gone = [name for i, name in enumerate(_READ_BY_NAME) if (i + number) % 3 == 0]
        emptied.append({**entry, **{name: _READ_BY_NAME[name] for name in gone}})
        lacking.append({k: v for k, v in entry.items() if k not in gone})
    options = TimelineOptions(purpose=purpose, as_of=AS_OF)
    expected = render_timeline(child, emptied, options)
    assert render_timeline(child, lacking, options) == expected
    # Not a document of nothing: the entries are there, and what they lack is told.
    assert "Recorded: when it was first written down is not known" in expected
    shown = [entry for entry in entries if model.entry_day(entry) <= AS_OF]
    assert len(re.findall(r"^### R\d+ — ", expected, re.MULTILINE)) == len(shown)
