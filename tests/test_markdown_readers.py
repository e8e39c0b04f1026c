"""The timeline reads the same in every Markdown reader an adviser may use, with no
backslash showing, and passes the lint rules that matter when it is shared.

Seven readers (see ``tests/markdown_readers.py``) turn the same document into HTML; each
must see the same headings, list items and table rows as markdown-it-py, which makes the
bundle's own HTML.  The demo family's timelines are read whole; hostile text from
Hypothesis goes into every field of every kind of record, with few examples, since pandoc
runs as a program three times for each.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from sen_workbook import deadlines, demo
from sen_workbook.timeline import PURPOSES, TimelineOptions, escape, render_timeline
from tests.conftest import examples
from tests.markdown_readers import BARE_ADDRESS, READERS, differences, every_reading, plain
from tests.test_timeline_property import TEXT, records, shown

ROOT = Path(__file__).resolve().parent.parent


@cache
def family(size: int = 120):
    return demo.generate(size, children=2)


@cache
def demo_timeline(purpose: str, pseudonym: str = "", size: int = 120) -> str:
    sample = family(size)
    child = sample.children[0]
    options = TimelineOptions(as_of=date(2026, 11, 30), purpose=purpose, pseudonym=pseudonym)
    return render_timeline(child, sample.entries, options)


# Pandoc's time grows with a document's length (a second for each whole demo timeline of
# 120 entries, read three times).  The default run reads the timelines of the demo's 30
# story entries, which have every kind of block the whole ones have, nested as deep; the
# slow tests read the whole ones.
DEMO_CASES = [("ehcna", ""), ("complaint", ""), ("chronology", ""), ("ehcna", "Child A")]


@pytest.mark.parametrize(
    ("purpose", "pseudonym", "size"),
    [
        *((purpose, pseudonym, 30) for purpose, pseudonym in DEMO_CASES),
        *(
            pytest.param(purpose, pseudonym, 120, marks=pytest.mark.slow)
            for purpose, pseudonym in DEMO_CASES
        ),
    ],
)
def test_the_demo_familys_timeline_reads_the_same_in_every_reader(purpose, pseudonym, size):
    document = demo_timeline(purpose, pseudonym, size=size)
    readings = every_reading(document)
    assert differences(readings) == []
    seen = readings["markdown-it commonmark"]
    assert len(seen.headings) > 20 and len(seen.items) > 50 and len(seen.rows) > 20
    for name, reading in readings.items():
        for text in (
            [h for _, h in reading.headings]
            + [i for _, i in reading.items]
            + [cell for row in reading.rows for cell in row]
        ):
            assert "\\" not in text, (name, text)


@pytest.mark.parametrize("purpose", PURPOSES)
def test_an_ordinary_case_has_no_backslash_and_a_blank_line_around_every_block(purpose):
    document = demo_timeline(purpose)
    assert "\\" not in document
    lines = document.split("\n")
    block = re.compile(r"(#|\||- )")
    for above, line in zip(lines, lines[1:], strict=False):
        if not above or not line:
            continue
        # A heading, a table row or a list item next to a line of another kind of block.
        kinds = [
            (
                "item"
                if x.lstrip().startswith("- ") or x.startswith(" ")
                else "heading"
                if x.startswith("#")
                else "table"
                if x.startswith("|")
                else "text"
            )
            for x in (above, line)
        ]
        if kinds[0] != kinds[1] and {"item"} != set(kinds):
            pytest.fail(f"no blank line between {above!r} and {line!r}")
        assert not (block.match(line) and line.startswith("#") and above)


# The linter's time grows with the square of a document's length (a whole demo timeline of
# 120 entries, about 1,150 lines, takes it seconds).  The default run lints one purpose's
# timeline of the demo's 30 story entries, which has every kind of block the whole one has,
# nested as deep; the slow tests lint every purpose's whole timeline.
@pytest.mark.parametrize(
    ("purpose", "size"),
    [
        (PURPOSES[0], 30),
        *(pytest.param(purpose, 120, marks=pytest.mark.slow) for purpose in PURPOSES),
    ],
)
def test_the_lint_rules_that_matter_for_sharing_pass(purpose, size):
    from pymarkdown.api import PyMarkdownApi

    config = ROOT / "pyproject.toml"
    document = demo_timeline(purpose, size=size)
    found = PyMarkdownApi().configuration_file_path(str(config)).scan_string(document)
    assert [f"{f.line_number}: {f.rule_id} {f.rule_description}" for f in found.scan_failures] == []


@pytest.mark.parametrize(
    "text",
    [
        "Ordinary words, with (brackets), 50% & “quotes” - and a dash.",
        "*em* _u_ `c` [l](http://x) ![i](http://x/i.png) <b>bold</b> &amp; &#60; <http://x>",
        "# h\n- item\n1. one\n2) two\n> quote\n---\n| a | b |\n|---|---|\n: def\n~ def",
        "~~s~~ H~2~O 2^10^ $x$ :smile: {#id} [^1] [@cite] @cite a) b (i) c",
        "a\\b\\\\c\\",
        "name_with_underscores and [name withheld] and [Chronology]",
        "www.example.org https://example.org/a_b mail@example.org",
    ],
)
def test_hostile_and_ordinary_text_reads_the_same_in_every_reader(text):
    """The family's text as a paragraph, in a list item, in a heading and in a cell."""
    document = "\n".join(
        [
            "# T",
            "",
            escape(text, "paragraph"),
            "",
            "- Details: " + escape(text, "inline").replace("\n\n", "\n\n    "),
            "",
            "## " + escape(text, "heading"),
            "",
            "| A | B |",
            "| --- | --- |",
            f"| {escape(text, 'cell')} | x |",
            "",
        ]
    )
    readings = every_reading(document)
    assert differences(readings) == []
    for name, reading in readings.items():
        assert reading.rows[1] == (plain(shown(text, "cell")), "x"), name
        assert reading.headings[1] == (2, plain(shown(text, "heading"))), name


@settings(
    max_examples=examples(8),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(TEXT, st.sampled_from(PURPOSES))
def test_text_in_every_field_breaks_no_structure_in_any_reader(text, purpose):
    assume(shown(text, "heading"))
    assume(not deadlines.is_refusal(text))
    document = render_timeline(
        *records(text), TimelineOptions(as_of=date(2024, 9, 1), purpose=purpose)
    )
    readings = every_reading(document)
    # Every reader sees the same structure; and the same words, unless the text holds a
    # bare web address, which GitHub's readers make a link of, escapes and all.
    assert differences(readings, words=not BARE_ADDRESS.search(text)) == []
    plain_one = every_reading(
        render_timeline(
            *records("plain"), TimelineOptions(as_of=date(2024, 9, 1), purpose=purpose)
        ),
        ("markdown-it commonmark",),
    )
    reference = readings["markdown-it commonmark"]
    mine = plain_one["markdown-it commonmark"]
    assert [level for level, _ in reference.headings] == [level for level, _ in mine.headings]
    assert [len(row) for row in reference.rows] == [len(row) for row in mine.rows]


def test_every_reader_is_installed():
    assert set(READERS) == {
        "markdown-it commonmark",
        "markdown-it gfm-like",
        "mistune",
        "Python-Markdown",
        "pandoc markdown",
        "pandoc gfm",
        "pandoc commonmark_x",
    }
    assert every_reading("# x\n")["pandoc gfm"].headings == ((1, "x"),)
