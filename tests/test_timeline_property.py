"""Whatever a parent types, the timeline keeps its shape and shows the text as typed.

Hypothesis puts hostile text (Markdown and HTML syntax, links, entities, control
characters, carriage returns, leading spaces, very long lines) into every free-text field
of every kind of record.  The document must keep the same headings and table rows as with
plain text, contain nothing but text inside its paragraphs, and give the text back as
typed, apart from what the escaping rules say: control characters replaced, whitespace at
line edges and blank lines dropped, line breaks as paragraph breaks in paragraphs and list
items, and as spaces in headings and cells.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from functools import cache

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from sen_workbook import deadlines, model
from sen_workbook.timeline import PURPOSES, TimelineOptions, escape, escaping, render_timeline
from sen_workbook.timeline.blocks import bullet, spaced
from sen_workbook.timeline.document import pieces
from sen_workbook.timeline.escaping import shows_as_written
from sen_workbook.timeline.facts import Facts
from tests.conftest import examples
from tests.test_timeline import inline_text, parse  # the same reading of the tokens

AS_OF = date(2024, 9, 1)
FRAGMENTS = [
    "|",
    "#",
    "# ",
    "```",
    "`code`",
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "![i](http://x)",
    "<http://x.org>",
    "http://example.org",
    "*",
    "**",
    "_",
    "__",
    "~~",
    "&amp;",
    "&#60;",
    "---",
    "===",
    "1.",
    "1) ",
    "- ",
    "+ ",
    "> ",
    "\\",
    "\\\n",
    "    ",
    "\t",
    "\n",
    "\r",
    "\r\n",
    "\n\n",
    "\x00",
    "\x1b[31m",
    "\u202e",
    "\u2028",
    "\u00a0",
    "<!-- c -->",
    "<div>",
    "[^1]",
    "[a]: http://x",
    "x" * 3000,
    " onerror=",
    "|---|",
]
TEXT = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), min_size=1, max_size=8
).map("".join)


def control(char: str) -> bool:
    code = ord(char)
    return (
        unicodedata.category(char) in ("Cc", "Cs")
        or 0x202A <= code <= 0x202E
        or 0x2066 <= code <= 0x2069
    )


def shown(text: str, context: str) -> str:
    """What the reader should see, worked out apart from the code under test."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = []
    for line in text.split("\n"):
        cleaned = "".join(" " if c == "\t" else "\ufffd" if control(c) else c for c in line)
        lines.append(cleaned.strip())
    lines = [line for line in lines if line]
    return ("\n" if context in ("paragraph", "inline") else " ").join(lines)


def item_texts(tokens, start: int) -> list[str]:
    """The text of each paragraph of the list item opened at ``tokens[start]``."""
    depth, texts = 0, []
    for token in tokens[start:]:
        depth += token.nesting if token.type in ("list_item_open", "list_item_close") else 0
        if token.type == "inline":
            texts.append(inline_text(token))
        if depth == 0:
            return texts
    return texts


# --- the escaping function alone ----------------------------------------------------


@settings(max_examples=examples(300), deadline=None)
@given(st.one_of(TEXT, st.text(max_size=30)))
def test_text_said_to_show_as_written_is_what_escaping_gives_in_a_line_a_heading_and_a_cell(
    text,
):
    # The timeline keeps such a text once for all three places instead of escaping it
    # three times: escaping must give exactly the same there.
    if shows_as_written(text):
        for context in ("inline", "heading", "cell"):
            assert escape(text, context) == text, context


# Lines that begin like a numbered item, or nearly: a letter or two, roman numerals,
# then "." or ")" and what may follow, so that the pattern's every branch is reached.
ITEM_LIKE = st.tuples(
    st.sampled_from("aAbBiIvVxXlLcCdDmMzZé"),
    st.text(alphabet="ivxlcdmIVXLCDMab", max_size=3),
    st.sampled_from([".", ")", "", ".  ", ")\t", ". "]),
    st.sampled_from([" paragraph", "", "\tparagraph", "x"]),
).map("".join)


@settings(max_examples=examples(500), deadline=None)
@given(st.one_of(ITEM_LIKE, TEXT))
def test_a_paragraph_starting_with_a_letter_is_escaped_as_the_item_pattern_says(line):
    # A paragraph's start is looked at with the pattern only when its first letter and
    # the character after could begin a numbered item ("a.", "iv)", "B."); every line
    # the quick look passes over must be one the pattern does not match.
    line = line.strip()
    assume(line[:1].isalpha())
    matched = escaping._ORDERED_START.match(line) is not None
    assert (escaping._escape_start(line) != line) == matched
    if matched and "\\" not in line:  # the mark after the number is escaped, nothing else
        assert escaping._escape_start(line).replace("\\", "") == line


@settings(max_examples=examples(100), deadline=None)
@given(TEXT)
def test_escaped_text_comes_back_intact_in_every_context(text):
    # Text after the user's shows that nothing was swallowed or left open at its end.
    item = parse(bullet("Details: " + escape(text, "inline") + " :end") + "\n")
    types = [t.type for t in item]
    assert types[:2] == ["bullet_list_open", "list_item_open"]
    assert types[-2:] == ["list_item_close", "bullet_list_close"]
    assert set(types[2:-2]) == {"paragraph_open", "inline", "paragraph_close"}
    assert "\n".join(item_texts(item, 1)) == "Details: " + shown(text, "inline") + " :end"

    paragraphs = parse("Before.\n\n" + escape(text, "paragraph") + "\n\nAfter.\n")
    assert {t.type for t in paragraphs} == {"paragraph_open", "inline", "paragraph_close"}
    texts = [inline_text(t) for t in paragraphs if t.type == "inline"]
    assert texts == ["Before.", *shown(text, "paragraph").split("\n"), "After."] or (
        not shown(text, "paragraph") and texts == ["Before.", "After."]
    )

    heading = parse("### R1 — " + escape(text, "heading") + " —\n")
    assert [t.type for t in heading] == ["heading_open", "inline", "heading_close"]
    assert inline_text(heading[1]) == "R1 — " + shown(text, "heading") + " —"

    cell = escape(text, "cell")
    table = parse(f"| A | B |\n| --- | --- |\n| {cell} | {cell} |\n| x | y |\n")
    cells = [inline_text(t) for t in table if t.type == "inline"]
    assert cells == ["A", "B", shown(text, "cell"), shown(text, "cell"), "x", "y"]


# --- the whole document ---------------------------------------------------------------


def records(text: str):
    """Every kind of record, every free-text field (and name) set to ``text``."""
    t = text
    child = model.new_child(
        id="child-1",
        name=t,
        preferred_name=t,
        date_of_birth="2015-05-02",
        setting=t,
        setting_phase="school",
        year_group=t,
        senco=t,
        areas=["semh"],
        status="sen_support",
    )

    def entry(kind, entry_id, day, **fields):
        return model.new_entry(
            kind,
            "child-1",
            id=entry_id,
            date=day,
            title=t,
            details=t,
            people=[t, t],
            created_at="2024-01-01T00:00:00",
            updated_at="2024-01-01T00:00:00",
            **fields,
        )

    attachment = {"sha256": "c" * 64, "filename": t, "size": 10, "added_at": "", "description": t}
    entries = [
        entry("concern", "c1", "2024-01-08", raised_by=t, raised_with=t, channel=t),
        entry(
            "assessment",
            "a1",
            "2024-01-20",
            professional=t,
            findings=t,
            recommendations=[{"text": t, "implemented": "no"}],
            attachments=[attachment],
        ),
        entry(
            "plan",
            "p1",
            "2024-02-05",
            start_date="2024-02-05",
            review_date="2024-04-01",
            targets=[
                {
                    "id": "t1",
                    "text": t,
                    "area": "semh",
                    "success_measure": t,
                    "by_date": "2024-04-01",
                }
            ],
            provision=[{"what": t, "who": t, "frequency": t, "start": "2024-02-05", "end": ""}],
        ),
        entry(
            "review",
            "r1",
            "2024-04-02",
            plan_id="p1",
            outcomes=[{"target_id": "t1", "result": "not_met", "evidence": t}],
            parent_views=t,
            child_views=t,
            next_steps=t,
        ),
        entry(
            "review",
            "r2",
            "2024-07-02",
            plan_id="p1",
            outcomes=[{"target_id": "t1", "result": "not_met", "evidence": t}],
        ),
        entry(
            "meeting",
            "m1",
            "2024-02-10 15:30",
            attendees=[t],
            purpose=t,
            actions=[{"text": t, "owner": t, "due": "2024-03-01", "done": False}],
        ),
        entry(
            "correspondence",
            "l1",
            "2024-03-01",
            direction="sent",
            subject=t,
            to=t,
            reply_due="2024-03-15",
            **{"from": t},
        ),
        entry("incident", "i1", "2024-03-05", incident_type="sent_home", days_lost=1),
        entry("observation", "o1", "2024-03-06", child_views=t, parent_views=t),
        entry(
            "request",
            "q1",
            "2024-05-01",
            request_type="ehcna",
            sent_to=t,
            outcome=t,
            outcome_date="2024-06-10",
            exception_claimed=t,
        ),
    ]
    return child, entries


def structure(tokens) -> tuple:
    """Headings by level, and each table's shape (rows, cells per row)."""
    heads = tuple(t.tag for t in tokens if t.type == "heading_open")
    shapes, rows, cells = [], 0, []
    for token in tokens:
        if token.type == "table_open":
            rows, cells = 0, []
        elif token.type == "tr_open":
            rows += 1
            cells.append(0)
        elif token.type in ("th_open", "td_open"):
            cells[-1] += 1
        elif token.type == "table_close":
            shapes.append((rows, tuple(cells)))
    return heads, tuple(shapes)


@cache
def plain_structure(purpose: str) -> tuple:
    options = TimelineOptions(as_of=AS_OF, purpose=purpose)
    return structure(parse(render_timeline(*records("plain"), options)))


@settings(max_examples=examples(100), deadline=None)
@given(TEXT, st.sampled_from(PURPOSES))
def test_hostile_text_in_every_field_keeps_the_structure_and_comes_back_intact(text, purpose):
    assume(shown(text, "heading"))
    # The outcome's wording decides which statutory deadlines apply (a refusal opens the
    # appeal deadline), so it must not be one in the plain-text document either.
    assume(not deadlines.is_refusal(text))
    options = TimelineOptions(as_of=AS_OF, purpose=purpose)
    tokens = parse(render_timeline(*records(text), options))
    assert structure(tokens) == plain_structure(purpose)
    assert not {t.type for t in tokens} & {"html_block", "html_inline", "code_block", "fence"}
    for token in tokens:
        if token.type == "inline":
            assert {c.type for c in token.children} <= {"text", "softbreak"}

    inline = [inline_text(t) for t in tokens if t.type == "inline"]
    assert inline[0].endswith(": " + shown(text, "heading"))  # the title names the child
    assert "About " + shown(text, "heading") in inline
    observation = "R7 — 2024-03-06 — Observation at home: " + shown(text, "heading")
    assert observation in inline
    heading = next(
        i for i, t in enumerate(tokens) if t.type == "inline" and inline_text(t) == observation
    )
    item = next(i for i in range(heading, len(tokens)) if tokens[i].type == "list_item_open")
    assert "\n".join(item_texts(tokens, item)) == "Details: " + shown(text, "inline")
    chronology_row = inline.index("R7")
    assert inline[chronology_row + 1 : chronology_row + 4] == [
        "2024-03-06",
        "Observation at home",
        shown(text, "cell"),
    ]


@settings(max_examples=examples(100), deadline=None)
@given(TEXT, st.sampled_from(PURPOSES))
def test_blocks_written_as_text_are_spaced_as_the_spacing_rule_spaces_them(text, purpose):
    # The entries in full and the chronology are written already spaced, block by block,
    # instead of going through the document's lines again: whatever the family typed
    # (several paragraphs, a line that looks like a list item), each block must read as
    # the one spacing rule would lay it out, and the blocks must make the document.
    child, entries = records(text)
    options = TimelineOptions(as_of=AS_OF, purpose=purpose)
    blocks = list(pieces(Facts(child, entries, options)))
    for block in blocks:
        assert block == "\n".join(spaced(block.split("\n")))
    assert "\n\n".join(blocks) + "\n" == render_timeline(child, entries, options)
