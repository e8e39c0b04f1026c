"""The one escaping function: the family's text made into Markdown that shows that text.

Only text that came from the family goes through :func:`escape`; the tool's own words,
dates and references are written as they are.  A mark is escaped only where it would be
markup in its place, so ordinary writing keeps no backslash and reads as plain text in
an e-mail, while anything that looks like markup stays inert in every reader the
timeline is tested with: CommonMark and its GitHub-like dialects (markdown-it-py,
mistune, pandoc's ``gfm`` and ``commonmark_x``), pandoc's own ``markdown`` and
Python-Markdown.

Anywhere in a line: ``\\``, a backtick and ``*`` always; ``_`` unless it joins two
letters or digits (``snake_case`` is never emphasis); ``[`` and ``]`` (links, footnotes,
spans), except around the pseudonym's ``[name withheld]`` where nothing can make a link
of it; ``<`` before a letter, ``/``, ``!`` or ``?`` (HTML, autolinks) and ``&`` before
an entity's name, both as character references, since Python-Markdown shows a backslash
before them; ``~``, ``^`` and ``$`` as character references too (strikethrough, which
GitHub's readers take from single tildes, and pandoc's subscript, superscript and maths:
a pair could form across two of the family's texts on one line, so each is made plain
wherever it stands); ``{`` before an attribute (pandoc); ``:`` before an emoji's name
(pandoc's GitHub reader); ``|`` in a table cell.  At the start of
a line: ``#``, ``>``, a list marker (``-``, ``+``, ``1.``, ``1)``, pandoc's ``a)``,
``(i)``...), a rule of dashes, ``|``, ``:`` and ``~`` that start pandoc's line blocks,
definitions and fenced blocks.  A line of ``=`` needs nothing: a line break in the
family's text becomes a paragraph break, so no line of theirs can underline another.
"""

from __future__ import annotations

import re
from typing import Any

from .pseudonyms import PSEUDONYM_MARK

CONTEXTS = ("paragraph", "inline", "heading", "cell")

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

# The marks that may be markup somewhere in a line; each hit is judged in its place.
_MARKS = re.compile(r"[\\`*_\[\]<&|~^${]|:(?=[+\w-]*[A-Za-z][+\w-]*:)")
# The same characters with every colon: a plain class is searched three times quicker,
# and most of the family's lines have none of them, so :data:`_MARKS` runs only after it.
_MAYBE_MARKS = re.compile(r"[\\`*_\[\]<&|~^${:]")
# The ASCII characters that :data:`_NEEDS_CLEANING` and :data:`_MARKS` look for, but the
# line feed (paragraphs are split on it) and the colon (see :data:`_EMOJI_COLON`); and
# with both, for a text shown as written.
_ASCII_CONTROLS_AND_MARKS = bytes(range(0x0A)) + bytes(range(0x0B, 0x20)) + b"\x7f\\`*_[]<&|~^${"
_ASCII_LINE_ENDS_CONTROLS_AND_MARKS = _ASCII_CONTROLS_AND_MARKS + b"\n:"
# The colon that :data:`_MARKS` escapes: before an emoji's name.
_EMOJI_COLON = re.compile(r":(?=[+\w-]*[A-Za-z][+\w-]*:)")
# An entity's name, closed by ";" or by the end of the text (the tool's words after it
# may begin with ";").
_ENTITY_AFTER = re.compile(
    r"(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31})(?:;|$)"
)
_TAG_AFTER = re.compile(r"[A-Za-z/!?]")
_ATTRIBUTE_AFTER = re.compile(r"\s*(?:[#.%=}]|[\w-]+\s*=)")
_REFERENCES = {"<": "&lt;", "&": "&amp;", "~": "&#126;", "^": "&#94;", "$": "&#36;", ":": "&#58;"}

# What starts a block at the start of a line: ATX heading, block quote, bullet, ordered
# item (CommonMark's and pandoc's fancy lists), thematic break, pandoc's line block,
# grid table, definition, fenced div or code.
_BLOCK_START = re.compile(
    r"""(?:
        [#>]
      | [-+*](?=\s|$)
      | [-+*_](?=[ \t]*[-+*_][ \t]*[-+*_][-+*_ \t]*$)
      | \+(?=[-=])
      | \|
      | [:~](?=[\s:~]|$)
    )""",
    re.VERBOSE,
)
_ORDERED_START = re.compile(
    r"(?:\d{1,12}|[a-z]|[ivxlcdm]+|[IVXLCDM]{2,}|[#@][\w-]*)[.)](?=\s|$)"
    r"|[A-Z]\)(?=\s|$)|[A-Z]\.(?=\s\s|\t|$)"
    r"|\((?:\d{1,12}|[a-zA-Z]|[ivxlcdmIVXLCDM]+|@[\w-]*)\)(?=\s|$)"
)


# What may follow a letter that numbers an item, and the letters of roman numerals (see
# :data:`_ORDERED_START`): a line starting with any other letter, not followed by one
# of these, is no item.
_NUMBER_ENDS = (".", ")")
_ROMAN_DIGITS = frozenset("ivxlcdmIVXLCDM")


def _escape_marks(line: str, context: str) -> str:
    """The marks of one line escaped where they would be markup (see the module)."""
    plain_brackets: set[int] = set()  # the ] of a [name withheld] left as it is

    def judged(match: re.Match[str]) -> str:
        mark, at = match.group(), match.start()
        after = line[at + 1 : at + 2]
        if mark in "\\`*":
            return "\\" + mark
        if mark == "_":
            before = line[at - 1 : at]
            return mark if before.isalnum() and after.isalnum() else "\\_"
        if mark == "[":
            end = at + len(PSEUDONYM_MARK)
            if (
                line.startswith(PSEUDONYM_MARK, at)
                and line[end : end + 1] not in ("(", "[", "{", ":")
                and line[at - 1 : at] not in ("!", "[", "^")
            ):
                plain_brackets.add(end - 1)
                return mark
            return "\\["
        if mark == "]":
            return mark if at in plain_brackets else "\\]"
        if mark == "<":
            return "&lt;" if _TAG_AFTER.match(after) else mark
        if mark == "&":
            return "&amp;" if _ENTITY_AFTER.match(line, at + 1) else mark
        if mark == "|":
            return "\\|" if context == "cell" else mark
        if mark in "~^$":
            return _REFERENCES[mark]
        if mark == "{":
            return "\\{" if _ATTRIBUTE_AFTER.match(line, at + 1) else mark
        return _REFERENCES[":"]  # the colon before an emoji's name

    return _MARKS.sub(judged, line)


def _escape_start(line: str) -> str:
    """A line whose start would open a block, with that start made plain."""
    first = line[:1]
    if not first or first == "\\":
        return line
    if first.isalpha() and (
        # A letter starts a number only as a roman numeral or before "." or ")": most
        # paragraphs are passed over without the pattern.
        (first not in _ROMAN_DIGITS and line[1:2] not in _NUMBER_ENDS)
        or not _ORDERED_START.match(line)
    ):
        return line
    if first in ":~":
        return _REFERENCES[first] + line[1:] if _BLOCK_START.match(line) else line
    if _BLOCK_START.match(line):
        return "\\" + line
    ordered = _ORDERED_START.match(line)
    if ordered:
        if first == "(":
            return "\\" + line
        end = ordered.end() - 1  # the "." or ")" after the number or letter
        return line[:end] + "\\" + line[end:]
    return line


def _one_line(line: str, context: str) -> str:
    """A line with its marks already escaped, as it may start a paragraph (``\\-``,
    ``1\\.``) or end a heading (``\\#``)."""
    if context == "paragraph":
        return _escape_start(line)
    if context == "heading" and line.endswith("#"):
        run = len(line) - len(line.rstrip("#"))
        line = line[:-run] + "\\#" * run
    return line


def escape(text: str, context: str) -> str:
    """The family's text made into Markdown that shows exactly that text and nothing more.

    ``context`` is where the text goes: ``"paragraph"`` (it starts a line), ``"inline"``
    (after the tool's words on a line, as in "Details: ..."), ``"heading"`` or
    ``"cell"`` (a table cell).  Control characters become U+FFFD (a tab becomes a
    space); white space at the start and end of each line is dropped, as Markdown would
    drop or misread it (four leading spaces make a code block); blank lines are dropped.
    In a paragraph or inline, each line break becomes a paragraph break (a blank line;
    a list item indents what follows, see ``blocks.bullet``), never a hard break; in a
    heading or a cell, where a line break would end the block, it becomes a space.
    Marks are escaped only where they would be markup (see the module's description).
    """
    if context not in CONTEXTS:
        raise ValueError(f"context {context!r} is not one of {', '.join(CONTEXTS)}.")
    lines: list[str] = []
    marks = True  # whether a line may hold a mark
    if text.isascii():
        # Most of the family's text: one pass over its bytes finds any control character
        # but a line end, and any mark; twice as quick as the searches below.
        data = text.encode("ascii")
        # A colon is a mark only before an emoji's name (":smile:"), rare in writing.
        if len(data.translate(None, _ASCII_CONTROLS_AND_MARKS)) == len(data) and (
            b":" not in data or _EMOJI_COLON.search(text) is None
        ):
            if "\n" not in text:
                return _one_line(text.strip(), context)
            # Paragraphs, and no mark in any of them.
            lines = [line for line in map(str.strip, text.split("\n")) if line]
            marks = False
    if not lines:
        # isprintable() is False for every character the pattern looks for, and much quicker.
        if text.isprintable():
            # One line, the most common case by far: the same steps as below, without the list.
            line = text.strip()
            if _MAYBE_MARKS.search(line) and _MARKS.search(line):
                line = _escape_marks(line, context)
            return _one_line(line, context)
        if text.replace("\n", "").isprintable():
            # Paragraphs and nothing else to clean: the lines as cleaning would leave them.
            lines = [line for line in map(str.strip, text.split("\n")) if line]
        elif re.search(_NEEDS_CLEANING, text):
            cleaned = re.sub(_CONTROL, "\ufffd", text.replace("\t", " "))
            lines = [line.strip() for line in _LINE_END.split(cleaned)]
            lines = [line for line in lines if line]
        else:
            lines = [text.strip()]
    if context in ("heading", "cell") and len(lines) > 1:
        lines = [" ".join(lines)]
    shown = []
    for number, line in enumerate(lines):
        if marks and _MAYBE_MARKS.search(line) and _MARKS.search(line):
            line = _escape_marks(line, context)
        if number or context == "paragraph":
            line = _escape_start(line)
        elif context == "heading" and line.endswith("#"):
            # A closing run of #s would be taken off the heading (CommonMark after a space
            # only, Python-Markdown and pandoc's own reader after anything).
            run = len(line) - len(line.rstrip("#"))
            line = line[:-run] + "\\#" * run
        shown.append(line)
    return "\n\n".join(shown)


def shows_as_written(text: str) -> bool:
    """Whether :func:`escape` gives ``text`` back as it is on a line, in a heading and in
    a cell: one line of printable characters, no space around it, none of the marks
    and no closing ``#``.  (A paragraph also looks at how the line starts.)"""
    if text.isascii():  # one pass over its bytes, as in escape()
        data = text.encode("ascii")
        return (
            len(data.translate(None, _ASCII_LINE_ENDS_CONTROLS_AND_MARKS)) == len(data)
            and not text.endswith("#")
            and text == text.strip()
            and text != ""
        )
    return (
        text.isprintable()
        and _MAYBE_MARKS.search(text) is None
        and not text.endswith("#")
        and text == text.strip()
        and text != ""
    )


def present(value: Any) -> bool:
    """Whether a text field shows anything once escaped (whitespace alone does not)."""
    text = str(value)
    if text.isprintable() or not re.search(_NEEDS_CLEANING, text):  # as in escape()
        return bool(text.strip())
    return bool(re.sub(_CONTROL, "\ufffd", text.replace("\t", " ")).strip())
