"""HTML for the timeline's own Markdown, without running a general Markdown parser.

The timeline is written in a small, regular part of Markdown: ATX headings, paragraphs,
bullet lists nested two spaces a level, and pipe tables, with every ASCII punctuation mark
in user text backslash-escaped (``timeline.escape``).  Parsing a 5,000-entry timeline with
markdown-it-py takes several seconds; this module turns that part of Markdown into exactly
the HTML markdown-it-py's ``js-default`` preset gives, line by line, in a fraction of that.

:func:`to_html` returns ``None`` for anything outside that part, such as an unescaped
emphasis mark, a lazy continuation line or a table right after a paragraph, and the caller
then uses markdown-it-py itself.  The tests compare the two on sample timelines and on
generated entries with arbitrary text.
"""

from __future__ import annotations

import re

# A backslash before ASCII punctuation shows the mark itself; before a line end it is a
# hard break.  Once those are taken out, none of these may be left anywhere: each could
# start emphasis, code, a link, HTML, an entity or strikethrough, or be a literal backslash.
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_ESCAPE_OR_BREAK = re.compile(r"\\[!-/:-@\[-`{-~\n]")
_UNSAFE = re.compile(r"[\\`*_\[\]<>&~\t\r\x00\x0b\x0c]")
_UNSAFE_MARKS = "`*_[]<>&~\t\r\x00\x0b\x0c"
_ODD_BACKSLASH = re.compile(r"\\[^!-/:-@\[-`{-~\n\\]")
# Lines that start none of the blocks handled here, nor any other: a paragraph line or the
# text of a list item must not start with these.
_UNSAFE_START = frozenset("#>-+*=_~`|: \t")
_ORDERED = re.compile(r"\d{1,9}[.)]")
_HEADING = re.compile(r"(#{1,6}) (.*)")
_CLOSING_HASHES = re.compile(r"(?:^|[ \t])#+$")
_BULLET = re.compile(r"((?:  )*)- (.*)")
_DELIMITER_CELL = re.compile(r" *-+ *")
_PIPE_SPLIT = re.compile(r"(?<!\\)\|")
_TRIM = " \t\n\v\f\r"
# As markdown-it escapes text: the ampersand first, and no single quote.
_HTML_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"))


def _escaped_throughout(text: str) -> bool:
    """Whether every backslash starts an escape or a hard break, and every mark in
    ``_UNSAFE`` but the backslash is escaped."""
    if _ODD_BACKSLASH.search(text) or text.endswith("\\"):
        # Maybe a backslash before a letter, maybe only an escaped one: look closely.
        return not _UNSAFE.search(_ESCAPE_OR_BREAK.sub("", text))
    # Every backslash is now followed by a mark, a line end or another backslash, so each
    # is one half of an escaped pair; a mark is escaped when an odd run of them precedes it.
    for mark in _UNSAFE_MARKS:
        at = text.find(mark)
        while at != -1:
            run = 0
            while run < at and text[at - run - 1] == "\\":
                run += 1
            if run % 2 == 0:
                return False
            at = text.find(mark, at + 1)
    return True


class _Outside(Exception):
    """The Markdown uses something this module does not handle."""


def _check_start(text: str) -> None:
    if not text or text[0] in _UNSAFE_START or (text[0].isdigit() and _ORDERED.match(text)):
        raise _Outside
    if "|" in text and "|" in _ESCAPED.sub("", text):
        raise _Outside  # could be read as a table row


def _lines_html(lines: list[str]) -> str:
    """A paragraph's lines: a backslash at a line end is a hard break, else a soft one."""
    if len(lines) == 1:
        line = lines[0]
        if line.endswith(" ") or (line.endswith("\\") and _ends_in_break(line)):
            raise _Outside  # see below
        return line
    shown = []
    last = len(lines) - 1
    for number, line in enumerate(lines):
        if line.endswith(" "):
            raise _Outside  # a space, or two for a hard break, that Markdown would drop
        if line.endswith("\\") and _ends_in_break(line):
            if number == last:
                raise _Outside  # a backslash ending a block is a literal one
            shown.append(line[:-1] + "<br>")
        else:
            shown.append(line)
    return "\n".join(shown)


def _ends_in_break(line: str) -> bool:
    """Whether the line's last backslash is unpaired (a hard break, not an escaped one)."""
    count = len(line) - len(line.rstrip("\\"))
    return count % 2 == 1


def _split_row(line: str) -> list[str]:
    """markdown-it's ``escapedSplit``: cells between pipes, a backslash-pipe kept as a pipe."""
    cells = [cell.replace("\\|", "|") for cell in _PIPE_SPLIT.split(line.strip(_TRIM))]
    if cells and cells[0] == "":
        cells.pop(0)
    if cells and cells[-1] == "":
        cells.pop()
    return cells


def _table(lines: list[str], start: int, out: list[str]) -> int:
    if start + 1 >= len(lines):
        raise _Outside
    header = _split_row(lines[start])
    delimiter = lines[start + 1]
    if not (delimiter.startswith("|") and delimiter.endswith("|")):
        raise _Outside
    columns = delimiter[1:-1].split("|")
    if len(columns) != len(header) or not all(_DELIMITER_CELL.fullmatch(c) for c in columns):
        raise _Outside
    out.append("<table>\n<thead>\n<tr>\n")
    out.extend(f"<th>{cell.strip(_TRIM)}</th>\n" for cell in header)
    out.append("</tr>\n</thead>\n")
    line = start + 2
    count = len(header)
    body = False
    while line < len(lines) and lines[line]:
        row = lines[line]
        if row[0] != "|":
            raise _Outside  # a table must end at a blank line here
        if not body:
            out.append("<tbody>\n")
            body = True
        cells = _split_row(row)
        out.append("<tr>\n")
        for i in range(count):
            cell = cells[i].strip(_TRIM) if i < len(cells) else ""
            out.append(f"<td>{cell}</td>\n")
        out.append("</tr>\n")
        line += 1
    if body:
        out.append("</tbody>\n")
    out.append("</table>\n")
    return line


def _list(lines: list[str], start: int, out: list[str]) -> int:
    """A bullet list from ``start``: its items are read first, then written out."""
    items: list[tuple[int, list[str]]] = []  # (depth, the item's lines)
    loose = False  # blank lines between the top-level items make them paragraphs
    depth = -1
    blank = False
    hard_break = False  # whether the last line read ends in a hard break
    line = start
    count = len(lines)
    while line < count:
        text = lines[line]
        if not text:
            blank = True
            line += 1
            continue
        # The timeline's bullets are at the first two levels: those are told by their
        # start, any other by the pattern.
        if text[0] == "-" and text[1:2] == " ":
            level, body = 0, text[2:]
        elif text[:4] == "  - ":
            level, body = 1, text[4:]
        else:
            bullet = _BULLET.fullmatch(text)
            level, body = (-1, "") if bullet is None else (len(bullet.group(1)) >> 1,
                                                           bullet.group(2))
        if level < 0:
            if blank:
                break
            if not hard_break:
                if text[0] == "#" and _HEADING.fullmatch(text):
                    break  # a heading ends the list
                raise _Outside  # a lazy continuation line
            indent = 2 * depth + 2
            if text[:indent] != " " * indent:
                raise _Outside
            text = text[indent:]
            _check_start(text)
            items[-1][1].append(text)
        else:
            if hard_break:
                raise _Outside  # a hard break at the end of an item is a literal backslash
            if level > depth + 1 or (blank and level):
                raise _Outside
            if blank and items:
                loose = True
            text = body
            _check_start(text)
            items.append((level, [text]))
            depth = level
            blank = False
        hard_break = text[-1] == "\\" and _ends_in_break(text)
        line += 1
    if hard_break:
        raise _Outside
    while not lines[line - 1]:
        line -= 1  # the blank lines after the list are the caller's
    out.append("<ul>\n")
    last = len(items) - 1
    for number, (level, texts) in enumerate(items):
        # Most items are one line ending in neither a space nor a backslash: as they are.
        body = texts[0] if len(texts) == 1 and texts[0][-1] not in " \\" else _lines_html(texts)
        following = items[number + 1][0] if number < last else 0
        children = number < last and following > level
        if loose and not level:
            out.append(f"<li>\n<p>{body}</p>\n" if children else f"<li>\n<p>{body}</p>\n</li>\n")
        elif children:
            out.append(f"<li>{body}\n")
        else:
            out.append(f"<li>{body}</li>\n")
        if children:
            out.append("<ul>\n")  # a nested list is tight: only a top item may follow a blank
        else:
            out.append("</ul>\n</li>\n" * (level - following))
    out.append("</ul>\n")
    return line


def _paragraph(lines: list[str], start: int, out: list[str]) -> int:
    line = start
    block = []
    while line < len(lines):
        text = lines[line]
        if not text:
            break
        if block:
            if _BULLET.fullmatch(text) and not text.startswith(" "):
                break  # a list may interrupt a paragraph
            if text[0] == "#" and _HEADING.fullmatch(text):
                break
        _check_start(text)
        block.append(text)
        line += 1
    out.append(f"<p>{_lines_html(block)}</p>\n")
    return line


def _heading(text: str, out: list[str]) -> None:
    match = _HEADING.fullmatch(text)
    if match is None:
        raise _Outside
    content = match.group(2).strip(_TRIM)
    if not content or (content[-1] == "#" and _CLOSING_HASHES.search(content)) \
            or _ends_in_break(content):
        raise _Outside
    level = len(match.group(1))
    out.append(f"<h{level}>{content}</h{level}>\n")


def to_html(markdown_text: str) -> str | None:
    """The body HTML markdown-it-py's ``js-default`` preset gives, or ``None`` when the text
    uses Markdown outside the part handled here."""
    if not _escaped_throughout(markdown_text):
        return None
    # The HTML-special characters are escaped over the whole text at once, and the
    # backslash escapes are undone over the whole result at once: every backslash left in
    # the blocks' text is the first of an escaped pair (the check above), and none ends a
    # block's text, so no pair can form across a tag.
    for char, reference in _HTML_ESCAPES:
        if char in markdown_text:
            markdown_text = markdown_text.replace(char, reference)
    lines = markdown_text.split("\n")
    out: list[str] = []
    line = 0
    try:
        while line < len(lines):
            text = lines[line]
            if not text:
                line += 1
            elif text[0] == "#":
                _heading(text, out)
                line += 1
            elif text[0] == "|":
                line = _table(lines, line, out)
            elif text.startswith("- "):
                line = _list(lines, line, out)
            else:
                line = _paragraph(lines, line, out)
    except _Outside:
        return None
    return _unescape("".join(out))


def _unescape(text: str) -> str:
    """Backslash escapes undone, where every backslash is the first of an escaped pair:
    a part after a backslash starts with its escaped mark, shown as it is, unless the
    mark is itself a backslash (an empty part), when the next part is plain text."""
    parts = text.split("\\")
    shown = [parts[0]]
    rest = iter(parts[1:])
    for part in rest:
        if part:
            shown.append(part)
        else:
            shown.append("\\")
            shown.append(next(rest, ""))
    return "".join(shown)
