"""The Markdown blocks the timeline is built from: tables and list items.

Their content must already be escaped where it came from the family.
"""

from __future__ import annotations

import re

# A block of the document: its lines, to be spaced (see :func:`spaced`), or its text,
# spaced already (an entry in full, the chronology's table: thousands of them).
Block = list[str] | str


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    """A Markdown table; every cell must already be escaped for the ``cell`` context."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return lines


# A nested list and the paragraphs after an item's first are indented four spaces a
# level: CommonMark needs two, Python-Markdown and pandoc's own reader four.
INDENT = "    "


def bullet(text: str, depth: int = 0) -> str:
    """A list item ``depth`` levels deep; its further paragraphs (after a blank line)
    are indented to stay inside it, and blank lines are left empty."""
    indent = INDENT * depth
    if "\n" not in text:
        return indent + "- " + text
    inner = indent + INDENT
    lines = text.split("\n")
    return "\n".join(
        [indent + "- " + lines[0], *(inner + line if line else "" for line in lines[1:])]
    )


def line_kind(line: str) -> str:
    """What a line of the document is: blank, heading, table, item, more (an item's
    indented text) or text (a paragraph)."""
    if not line:
        return "blank"
    first = line[0]
    if first == "#":
        return "heading"
    if first == "|":
        return "table"
    if first == "-" or (first == " " and line.lstrip(" ").startswith("- ")):
        return "item"
    return "more" if first == " " else "text"


# An item's further paragraph is followed by a blank line too: Python-Markdown would
# otherwise read the next item as more of that paragraph.
_SAME_BLOCK = {
    ("item", "item"),
    ("item", "more"),
    ("more", "more"),
    ("table", "table"),
    ("text", "text"),
}


def spaced(lines: list[str]) -> list[str]:
    """The lines with a blank line between blocks of different kinds: before and after
    every list, heading and table, so that pandoc's own reader and Python-Markdown see
    the same blocks as CommonMark (they do not let a list interrupt a paragraph)."""
    # :func:`line_kind` written out in the loop: this runs over every line of the document,
    # most of them list items following list items.
    out: list[str] = []
    append = out.append
    same_block = _SAME_BLOCK
    by_first = _KIND_BY_FIRST
    previous = "blank"
    for line in lines:
        if not line:
            append(line)
            previous = "blank"
            continue
        first = line[0]
        if first == "-":
            kind = "item"
        elif first == " ":
            # (Matched in place: stripping would copy a long paragraph's whole line.)
            kind = "item" if _INDENTED_ITEM.match(line) else "more"
        else:
            kind = by_first.get(first, "text")
        if kind != previous and previous != "blank" and (previous, kind) not in same_block:
            append("")
        append(line)
        previous = kind
    return out


# An indented list item: spaces, then a list marker.
_INDENTED_ITEM = re.compile(" *- ")
# What a line's first character says it is, when not a space (see :func:`line_kind`).
_KIND_BY_FIRST = {"#": "heading", "|": "table", "-": "item"}
