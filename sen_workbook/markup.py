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
from operator import itemgetter

# A backslash before ASCII punctuation shows the mark itself; before a line end it is a
# hard break.  Once those are taken out, none of these may be left anywhere: each could
# start emphasis, code, a link, HTML, an entity or strikethrough, or be a literal backslash.
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_ESCAPE_OR_BREAK = re.compile(r"\\[!-/:-@\[-`{-~\n]")
_MARK = itemgetter(1)  # the escaped mark; faster than a "\\1" template
_UNSAFE = re.compile(r"[\\`*_\[\]<>&~\t\r\x00\x0b\x0c]")
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


class _Outside(Exception):
    """The Markdown uses something this module does not handle."""


def _text(text: str) -> str:
    """Inline text with escapes only: the characters themselves, HTML-escaped."""
    if "\\" in text:
        text = _ESCAPED.sub(_MARK, text)
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if '"' in text:
        text = text.replace('"', "&quot;")
    return text


def _check_start(text: str) -> None:
    if not text or text[0] in _UNSAFE_START or _ORDERED.match(text):
        raise _Outside
    if "|" in text and "|" in _ESCAPED.sub("", text):
        raise _Outside  # could be read as a table row


def _lines_html(lines: list[str]) -> str:
    """A paragraph's lines: a backslash at a line end is a hard break, else a soft one."""
    shown = []
    last = len(lines) - 1
    for number, line in enumerate(lines):
        if line.endswith(" "):
            raise _Outside  # a space, or two for a hard break, that Markdown would drop
        if line.endswith("\\") and _ends_in_break(line):
            if number == last:
                raise _Outside  # a backslash ending a block is a literal one
            shown.append(_text(line[:-1]) + "<br>")
        else:
            shown.append(_text(line))
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
    out.extend(f"<th>{_text(cell.strip(_TRIM))}</th>\n" for cell in header)
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
            out.append(f"<td>{_text(cell)}</td>\n")
        out.append("</tr>\n")
        line += 1
    if body:
        out.append("</tbody>\n")
    out.append("</table>\n")
    return line


class _Item:
    __slots__ = ("lines", "children", "loose")

    def __init__(self, text: str):
        self.lines = [text]
        self.children: list[_Item] = []
        self.loose = False  # whether the list holding this item's children is loose


def _list(lines: list[str], start: int, out: list[str]) -> int:
    top: list[_Item] = []
    top_loose = False
    path: list[_Item] = []  # the open item at each depth
    line = start
    blank_before = False
    while line < len(lines):
        text = lines[line]
        if not text:
            blank_before = True
            line += 1
            continue
        bullet = _BULLET.fullmatch(text)
        previous = path[-1] if path else None
        if bullet is None:
            if blank_before or previous is None:
                break
            indent = 2 * len(path)
            if not previous.lines[-1].endswith("\\"):
                if text[0] == "#" and _HEADING.fullmatch(text):
                    break  # a heading ends the list
                raise _Outside  # a lazy continuation line
            if text[:indent] != " " * indent:
                raise _Outside
            rest = text[indent:]
            _check_start(rest)
            previous.lines.append(rest)
            line += 1
            continue
        depth = len(bullet.group(1)) // 2
        item_text = bullet.group(2)
        _check_start(item_text)
        if depth > len(path) or (blank_before and depth != 0):
            raise _Outside
        if previous is not None and previous.lines[-1].endswith("\\") \
                and _ends_in_break(previous.lines[-1]):
            raise _Outside  # a hard break at the end of an item is a literal backslash
        item = _Item(item_text)
        if depth == 0:
            if top and blank_before:
                top_loose = True
            top.append(item)
        else:
            path[depth - 1].children.append(item)
        del path[depth:]
        path.append(item)
        blank_before = False
        line += 1
    if path and path[-1].lines[-1].endswith("\\") and _ends_in_break(path[-1].lines[-1]):
        raise _Outside
    # Give back the blank lines after the list to the caller.
    while line > start and not lines[line - 1]:
        line -= 1
    _render_list(top, top_loose, out)
    return line


def _render_list(items: list[_Item], loose: bool, out: list[str]) -> None:
    out.append("<ul>\n")
    for item in items:
        body = _lines_html(item.lines)
        if loose:
            out.append(f"<li>\n<p>{body}</p>\n")
        elif item.children:
            out.append(f"<li>{body}\n")
        else:
            out.append(f"<li>{body}</li>\n")
            continue
        if item.children:
            _render_list(item.children, False, out)
        out.append("</li>\n")
    out.append("</ul>\n")


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
    if not content or _CLOSING_HASHES.search(content) or _ends_in_break(content):
        raise _Outside
    level = len(match.group(1))
    out.append(f"<h{level}>{_text(content)}</h{level}>\n")


def to_html(markdown_text: str) -> str | None:
    """The body HTML markdown-it-py's ``js-default`` preset gives, or ``None`` when the text
    uses Markdown outside the part handled here."""
    if _UNSAFE.search(_ESCAPE_OR_BREAK.sub("", markdown_text)):
        return None
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
    return "".join(out)
