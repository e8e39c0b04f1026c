"""The timeline's HTML without a general parser: the same bytes markdown-it-py gives.

``markup.to_html`` handles the part of Markdown the timeline is written in and returns
``None`` for anything else.  Each test compares it with markdown-it-py's ``js-default``
rendering (as the bundle configures it): whole timelines of the sample family, timelines
with hostile text in every field, and random Markdown-like text, where returning ``None``
is allowed but a different answer never is.
"""

from __future__ import annotations

from datetime import date
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sen_workbook import demo, markup
from sen_workbook.bundle import _markdown, render_html
from sen_workbook.timeline import PURPOSES, TimelineOptions, render_timeline
from tests.conftest import examples
from tests.test_timeline_property import TEXT, records


@cache
def markdown_it():
    return _markdown()


def reference(text: str) -> str:
    return markdown_it().render(text)


@cache
def sample(size: int):
    return demo.generate(size, children=2, attachments=30)


# markdown-it's time grows with a timeline's length: the default run reads the sample of
# 200 entries, which has every kind of block the larger one has; the slow tests read the
# sample of 600, with more of the filler's sentences.
SIZES = [200, pytest.param(600, marks=pytest.mark.slow)]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("pseudonym", ["", "Child A"])
@pytest.mark.parametrize("purpose", PURPOSES)
def test_sample_timelines_take_the_fast_path_and_match_markdown_it(purpose, pseudonym, size):
    family = sample(size)
    for child in family.children:
        mine = [e for e in family.entries if e["child_id"] == child["id"]]
        options = TimelineOptions(as_of=date(2026, 8, 31), purpose=purpose, pseudonym=pseudonym)
        text = render_timeline(child, mine, options)
        html = markup.to_html(text)
        assert html is not None
        assert html == reference(text)


@settings(max_examples=examples(60), deadline=None)
@given(TEXT, st.sampled_from(PURPOSES))
def test_hostile_text_in_every_field_gives_markdown_its_html(text, purpose):
    options = TimelineOptions(as_of=date(2024, 9, 1), purpose=purpose)
    document = render_timeline(*records(text), options)
    html = markup.to_html(document)
    # The quick path may decline a rare shape (an item's further paragraph starting with
    # "-", as "---|" does); the bundle then uses markdown-it itself.  A different answer is
    # never allowed.  The sample timelines above must all take the quick path.
    if html is not None:
        assert html == reference(document)


LINES = [
    "",
    "",
    "# Heading",
    "## Two \\#",
    "### R1 — 2024\\-01\\-02 — Concern\\: x",
    "#x",
    "# a #",
    "Para",
    "Para with \\*marks\\* \\[x\\]\\(y\\)",
    "Hard\\",
    "end \\\\",
    "    indented",
    "- item",
    "- item\\",
    "  - nested",
    "    - nested",
    "    more",
    "        - deep",
    "  more",
    "   - odd",
    "-",
    "- ",
    "* star",
    "1. one",
    "2) two",
    "---",
    "===",
    "> quote",
    "snake_case",
    "a_",
    "[name withheld] x",
    "[name withheld](x)",
    "&lt;b>",
    "&#126;x",
    "AT&T",
    "<5",
    "&copy;",
    "\\&amp;",
    "a|b",
    "|x",
    ":---|---",
    "| A | B |",
    "| --- | --- |",
    "| x \\| y |  |",
    "| 1 | 2 | 3 |",
    "|---|---|",
    "| a |",
    "*em*",
    "_u_",
    "`c`",
    "<b>",
    "&amp;",
    "~~s~~",
    "[l](http://x)",
    "a  ",
    "tab\tx",
    "Ünïcödé “quotes” — dash",
    "\\",
    "a\\b",
    "x | y",
    "|",
    ": colon",
    "+ plus",
]


# Every example in every run, the two tests below: they are quick (a quarter of a second
# together), and the rarer lines of the quick reader (an entity it does not know, "~~", a
# heading that only closes with hashes) are met only among this many.
@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(LINES), max_size=14))
def test_random_markdown_is_rendered_the_same_or_handed_back(lines):
    text = "\n".join(lines) + "\n"
    html = markup.to_html(text)
    assert html is None or html == reference(text)


@pytest.mark.parametrize(
    "text",
    [
        "# T\\-x\n\nPara a\nb\nc\n\n- i1\n    - n1\n    - n2\n\n- i2\n\nP2\n",
        "- Details: a\n\n    b\n\n    c\n\n- Next: snake_case & AT&T <5 [name withheld]\n",
        "- Known as: &lt;b> &amp;amp; &#126;20 &#36;5 &#58;smile: &#94;\n    - x_y\n",
        "- a\n    - b\n\n        more in a nested item\n\n    - c\n\n- d\n",
        "- Details: \\|\n\n    ===\n\n- Next\n",
        "| A | B |\n| --- | --- |\n| x \\| y |  |\n| \\\\ | \\\\\\| |\n\n| C |\n| --- |\n",
        "- t1\n- t2\n    - n\n### H\nafter\n- a\n",
        "Intro:\n\n- one\n    - one a\n- two\n\n\n- three\n\nEnd \\& “quotes” \\<\\>\n",
    ],
)
def test_the_shapes_the_timeline_uses_are_rendered_by_the_fast_path(text):
    html = markup.to_html(text)
    assert html is not None
    assert html == reference(text)


@pytest.mark.parametrize(
    "text",
    [
        "*emphasis*\n",
        "a <b> c\n",
        "&copy;\n",
        "[link](http://x)\n",
        "`code`\n",
        "- item\nlazy line\n",
        "Para\n| A |\n| --- |\n",
        "ends in a backslash\\\n",
        "two spaces  \nbreak\n",
        "1. ordered\n",
        "---\n",
        "Title\n===\n",
        "    code\n",
        "- item\n\n  second paragraph\n",
        "- a\n\n  - nested after a blank\n",
        "> quote\n",
        "- a\n    - b\n\n    more after a nested list\n",
        "Para a\\\nhard break\n",
        "a | b\n:---|---\n",
        "[name withheld](x)\n",
    ],
)
def test_anything_else_is_handed_back_and_the_page_still_matches(text):
    assert markup.to_html(text) is None
    page = render_html(text, "T")
    assert "<main>\n" + reference(text) + "</main>" in page


def _blocks_read_back(text: str) -> list | None:
    """The PDF's blocks of ``text`` as markdown-it-py's tokens give them, when the quick
    path takes the text."""
    from sen_workbook.pdf.markdown import token_blocks

    return None if markup.to_html(text) is None else list(token_blocks(text))


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("purpose", PURPOSES)
def test_the_blocks_read_directly_are_markdown_it_s_for_sample_timelines(purpose, size):
    from sen_workbook.pdf.markdown import quick_html_blocks

    family = sample(size)
    child = family.children[0]
    mine = [e for e in family.entries if e["child_id"] == child["id"]]
    for pseudonym in ("", "Child A"):
        options = TimelineOptions(as_of=date(2026, 8, 31), purpose=purpose, pseudonym=pseudonym)
        text = render_timeline(child, mine, options)
        found = markup.blocks(text)
        assert found is not None
        assert found == quick_html_blocks(markup.to_html(text)) == _blocks_read_back(text)


@settings(max_examples=examples(60), deadline=None)
@given(TEXT, st.sampled_from(PURPOSES))
def test_hostile_text_gives_markdown_it_s_blocks_or_is_handed_back(text, purpose):
    options = TimelineOptions(as_of=date(2024, 9, 1), purpose=purpose)
    document = render_timeline(*records(text), options)
    assert markup.blocks(document) == _blocks_read_back(document)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(LINES), max_size=14))
def test_random_markdown_gives_the_same_blocks_or_is_handed_back(lines):
    text = "\n".join(lines) + "\n"
    assert markup.blocks(text) == _blocks_read_back(text)
