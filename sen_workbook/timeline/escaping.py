"""The one escaping function: the family's text made into Markdown that shows that text.

Only text that came from the family goes through :func:`escape`; the tool's own words,
dates and references are written as they are.
"""

from __future__ import annotations

import re
import string
from typing import Any

CONTEXTS = ("paragraph", "heading", "cell")

_LINE_END = re.compile(r"\r\n|\r|\n")
# Control characters become U+FFFD.  Bidirectional embedding, override and isolate
# controls (U+202A-U+202E, U+2066-U+2069) reorder how surrounding text is displayed, so a
# pasted one could make a printed row read differently from its data; lone surrogates can
# arrive through JSON escapes and cannot be written as UTF-8.  Line ends are split on.
# These two patterns are compiled when first needed (the re module keeps them): most
# text has no such character, and compiling them costs more than escaping a few
# hundred entries.
_CONTROL = "[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
_NEEDS_CLEANING = "[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
_MARK_RE = re.compile("[" + re.escape(string.punctuation) + "]")
_ESCAPED_MARKS = {mark: "\\" + mark for mark in string.punctuation}


def _escaped_mark(match: re.Match[str]) -> str:
    return _ESCAPED_MARKS[match.group()]


def escape(text: str, context: str) -> str:
    """User text made into Markdown that shows exactly that text and nothing more.

    ``context`` is where the text goes: ``"paragraph"`` (a paragraph or list item),
    ``"heading"`` or ``"cell"`` (a table cell).  Control characters become U+FFFD (a tab
    becomes a space); whitespace at the start and end of each line is dropped, as Markdown
    would drop or misread it (four leading spaces make a code block); blank lines at the
    start and end are dropped; every ASCII punctuation character is backslash-escaped, so
    no emphasis, link, HTML, entity, table pipe or list marker can form.  In a paragraph
    each remaining line break becomes a hard break (a backslash at the end of the line,
    which survives editors that strip trailing spaces); in a heading or a cell, where a
    line break would end the block, it becomes a space.
    """
    if context not in CONTEXTS:
        raise ValueError(f"context {context!r} is not one of {', '.join(CONTEXTS)}.")
    # isprintable() is False for every character the pattern looks for, and much quicker.
    if not text.isprintable() and re.search(_NEEDS_CLEANING, text):
        cleaned = re.sub(_CONTROL, "\ufffd", text.replace("\t", " "))
        lines = [line.strip() for line in _LINE_END.split(cleaned)]
        while lines and not lines[0]:
            lines.pop(0)
        while lines and not lines[-1]:
            lines.pop()
        text = ("\n" if context == "paragraph" else " ").join(lines)
    else:
        text = text.strip()
    text = _MARK_RE.sub(_escaped_mark, text)
    return text.replace("\n", "\\\n") if context == "paragraph" and "\n" in text else text


def present(value: Any) -> bool:
    """Whether a text field shows anything once escaped (whitespace alone does not)."""
    text = str(value)
    if text.isprintable() or not re.search(_NEEDS_CLEANING, text):  # as in escape()
        return bool(text.strip())
    return bool(re.sub(_CONTROL, "\ufffd", text.replace("\t", " ")).strip())
