"""HTML for the timeline's own Markdown, without running a general Markdown parser.

The timeline is written in a small, regular part of Markdown: ATX headings, paragraphs,
bullet lists nested four spaces a level (an item's further paragraphs indented four
spaces after a blank line), and pipe tables, with the family's text escaped where it
would be markup (``timeline.escape``).  Parsing a 5,000-entry timeline with markdown-it-py
takes several seconds; this module turns that part of Markdown into exactly the HTML
markdown-it-py's ``js-default`` preset gives, line by line, in a fraction of that.

:func:`to_html` returns ``None`` for anything outside that part, such as an unescaped
emphasis mark, a hard line break, a lazy continuation line or a table right after a
paragraph, and the caller then uses markdown-it-py itself.  The tests compare the two on
sample timelines and on generated entries with arbitrary text.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# A backslash before ASCII punctuation shows the mark itself.  The marks below could
# start emphasis, code, a link, HTML, an entity or strikethrough, or be a literal
# backslash: each one found must be escaped, or inert where it stands (see _inert).
_MARKS = re.compile(r"[\\`*_\[\]<&~]")
_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_TAG_START = re.compile(r"[A-Za-z/!?]")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});")
# The character references the timeline's escaping writes, as markdown-it shows them once
# the page's own "&" has been escaped: "&lt;" stays a reference, "&#126;" is a tilde.
_REFERENCES = {
    "&amp;lt;": "&lt;",
    "&amp;gt;": "&gt;",
    "&amp;amp;": "&amp;",
    "&amp;quot;": "&quot;",
    "&amp;#126;": "~",
    "&amp;#94;": "^",
    "&amp;#36;": "$",
    "&amp;#58;": ":",
}
_KNOWN_REFERENCES = frozenset(key.replace("&amp;", "&", 1) for key in _REFERENCES)
_REFERENCE = re.compile("|".join(re.escape(key) for key in _REFERENCES))
# The pseudonym's mark, whose brackets the escaping leaves as they are where nothing
# after them can make a link.
_NAME_MARK = "[name withheld]"
# Lines that start none of the blocks handled here, nor any other: a paragraph line or the
# text of a list item must not start with these.
_UNSAFE_START = frozenset("#>-+*=_~`|: \t")
_ORDERED = re.compile(r"\d{1,9}[.)]")
_HEADING = re.compile(r"(#{1,6}) (.*)")
_CLOSING_HASHES = re.compile(r"(?:^|[ \t])#+$")
_BULLET = re.compile(r"((?:    )*)- (.*)")
_DELIMITER_CELL = re.compile(r" *-+ *")
_DELIMITER_LIKE = re.compile(r"[|:\- \t]+")
_PIPE_SPLIT = re.compile(r"(?<!\\)\|")
_TRIM = " \t\n\v\f\r"
# As markdown-it escapes text: the ampersand first, and no single quote.
_HTML_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"))


def _inert(text: str) -> bool:
    """Whether every backslash escapes a punctuation mark, and every mark that could be
    markup is escaped or inert where it stands: ``_`` between two letters or digits, the
    brackets of ``[name withheld]`` not followed by a link's ``(`` or ``[``, ``<`` before
    nothing that starts a tag or an autolink, ``&`` starting no character reference but
    the ones the escaping writes, and a ``~`` next to no other."""
    plain_bracket = -1
    escaped_to = -1  # the mark at this index was escaped by the backslash before it
    for match in _MARKS.finditer(text):
        at = match.start()
        if at == escaped_to:
            continue
        mark = match.group()
        after = text[at + 1 : at + 2]
        if mark == "\\":
            if after not in _PUNCTUATION:
                return False  # a literal backslash, or a hard break at a line end
            if after == "&" and _ENTITY.match(text, at + 1):
                return False  # an escaped "&" before what reads as a reference
            escaped_to = at + 1
        elif mark == "_":
            if not (text[at - 1 : at].isalnum() and after.isalnum()):
                return False
        elif mark == "[":
            end = at + len(_NAME_MARK)
            if not text.startswith(_NAME_MARK, at) or text[end : end + 1] in ("(", "[", ":"):
                return False
            plain_bracket = end - 1
        elif mark == "]":
            if at != plain_bracket:
                return False
        elif mark == "<":
            if _TAG_START.match(after):
                return False
        elif mark == "&":
            entity = _ENTITY.match(text, at)
            if entity and entity.group() not in _KNOWN_REFERENCES:
                return False
        elif mark == "~":
            if after == "~" or text[at - 1 : at] == "~":
                return False
        else:
            return False  # an unescaped backtick or asterisk
    return True


class _Outside(Exception):
    """The Markdown uses something this module does not handle."""


def _check_start(text: str, quote: str, *, after_blank: bool = False) -> None:
    """Refuse a line of text that could start a block.  ``quote`` is how a block quote's
    ">" reads in the text: "&gt;" once the HTML escapes are made.  A line of "=" after a
    blank line underlines nothing, so an item's further paragraph may start with one."""
    if (
        not text
        or (text[0] in _UNSAFE_START and not (after_blank and text[0] == "="))
        or (text[0].isdigit() and _ORDERED.match(text))
    ):
        raise _Outside
    if text.startswith(quote):
        raise _Outside
    if text[-1] == " ":
        raise _Outside  # a space, or two for a hard break, that Markdown would drop


def _split_row(line: str) -> list[str]:
    """markdown-it's ``escapedSplit``: cells between pipes, a backslash-pipe kept as a pipe."""
    cells = [cell.replace("\\|", "|") for cell in _PIPE_SPLIT.split(line.strip(_TRIM))]
    if cells and cells[0] == "":
        cells.pop(0)
    if cells and cells[-1] == "":
        cells.pop()
    return cells


def _table_cells(lines: list[str], start: int) -> tuple[list[str], list[list[str]], int]:
    """A pipe table from ``start``: its header's cells, each row's cells (as many as the
    header has), and the line after it."""
    if start + 1 >= len(lines):
        raise _Outside
    header = _split_row(lines[start])
    delimiter = lines[start + 1]
    if not (delimiter.startswith("|") and delimiter.endswith("|")):
        raise _Outside
    columns = delimiter[1:-1].split("|")
    if len(columns) != len(header) or not all(_DELIMITER_CELL.fullmatch(c) for c in columns):
        raise _Outside
    line = start + 2
    count = len(header)
    rows: list[list[str]] = []
    while line < len(lines) and lines[line]:
        row = lines[line]
        if row[0] != "|":
            raise _Outside  # a table must end at a blank line here
        cells = _split_row(row)
        rows.append([cells[i].strip(_TRIM) if i < len(cells) else "" for i in range(count)])
        line += 1
    return [cell.strip(_TRIM) for cell in header], rows, line


def _table(lines: list[str], start: int, out: list[str]) -> int:
    header, rows, line = _table_cells(lines, start)
    out.append("<table>\n<thead>\n<tr>\n")
    out.extend(f"<th>{cell}</th>\n" for cell in header)
    out.append("</tr>\n</thead>\n")
    if rows:
        out.append("<tbody>\n")
        for row in rows:
            out.append("<tr>\n")
            out.extend(f"<td>{cell}</td>\n" for cell in row)
            out.append("</tr>\n")
        out.append("</tbody>\n")
    out.append("</table>\n")
    return line


class _Item:
    """One list item: its paragraphs, the list nested in it, and whether a blank line
    came before it."""

    __slots__ = ("paragraphs", "children", "blank_before")

    def __init__(self, first: str, blank_before: bool) -> None:
        self.paragraphs = [first]
        self.children: list[_Item] = []
        self.blank_before = blank_before


def _loose(items: list[_Item]) -> bool:
    """markdown-it's rule for one list: loose when a blank line stands between two of its
    items, or between two blocks of one item (its paragraphs, its nested list)."""
    return any(
        (number and item.blank_before)
        or len(item.paragraphs) > 1
        or (item.children and item.children[0].blank_before)
        for number, item in enumerate(items)
    )


def _write(items: list[_Item], out: list[str]) -> None:
    out.append("<ul>\n")
    loose = _loose(items)
    for item in items:
        if loose:
            out.append("<li>\n")
            out.extend(f"<p>{paragraph}</p>\n" for paragraph in item.paragraphs)
        else:
            out.append(f"<li>{item.paragraphs[0]}")
            if item.children:
                out.append("\n")
        if item.children:
            _write(item.children, out)
        out.append("</li>\n")
    out.append("</ul>\n")


def _list(lines: list[str], start: int, out: list[str]) -> int:
    """A bullet list from ``start``, written out (:func:`_list_items`)."""
    top, line = _list_items(lines, start, "&gt;")
    _write(top, out)
    return line


def _list_items(lines: list[str], start: int, quote: str) -> tuple[list[_Item], int]:
    """A bullet list from ``start`` read into a tree of items, and the line after it.

    Items are nested four spaces a level; an item may go on in further paragraphs, each
    after a blank line and indented four spaces deeper than its bullet, before any list
    nested in it.  Anything else (a lazy line, a soft break in an item, a paragraph after
    a nested list, odd indents) is handed back.
    """
    top: list[_Item] = []
    open_items: list[_Item] = []  # the last item at each level, outermost first
    blank = False
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
        elif text[:6] == "    - ":
            level, body = 1, text[6:]
        else:
            bullet = _BULLET.fullmatch(text)
            level, body = (
                (-1, "") if bullet is None else (len(bullet.group(1)) >> 2, bullet.group(2))
            )
        if level < 0:
            if not blank:
                if text[0] == "#" and _HEADING.fullmatch(text):
                    break  # a heading ends the list
                raise _Outside  # a lazy continuation line, or a soft break in an item
            if text[0] != " ":
                break  # a blank line, then a block of its own
            indent = len(text) - len(text.lstrip(" "))
            owner = indent // 4 - 1
            if indent % 4 or not 0 <= owner < len(open_items) or open_items[owner].children:
                raise _Outside  # code, an odd indent, or a paragraph after a nested list
            _check_start(text[indent:], quote, after_blank=True)
            open_items[owner].paragraphs.append(text[indent:])
            del open_items[owner + 1 :]
        else:
            if level > len(open_items):
                raise _Outside  # a level skipped
            _check_start(body, quote)
            item = _Item(body, blank)
            siblings = top if level == 0 else open_items[level - 1].children
            siblings.append(item)
            del open_items[level:]
            open_items.append(item)
        blank = False
        line += 1
    while not lines[line - 1]:
        line -= 1  # the blank lines after the list are the caller's
    return top, line


def _paragraph(lines: list[str], start: int, out: list[str]) -> int:
    block, line = _paragraph_lines(lines, start, "&gt;")
    out.append(f"<p>{chr(10).join(block)}</p>\n")
    return line


def _paragraph_lines(lines: list[str], start: int, quote: str) -> tuple[list[str], int]:
    """The lines of a paragraph from ``start``, and the line after it."""
    line = start
    block: list[str] = []
    while line < len(lines):
        text = lines[line]
        if not text:
            break
        if block:
            if _BULLET.fullmatch(text) and not text.startswith(" "):
                break  # a list may interrupt a paragraph
            if text[0] == "#" and _HEADING.fullmatch(text):
                break
        _check_start(text, quote)
        block.append(text)
        line += 1
    return block, line


def _heading(text: str, out: list[str]) -> None:
    level, content = _heading_parts(text)
    out.append(f"<h{level}>{content}</h{level}>\n")


def _heading_parts(text: str) -> tuple[int, str]:
    """An ATX heading's level and text."""
    match = _HEADING.fullmatch(text)
    if match is None:
        raise _Outside
    content = match.group(2).strip(_TRIM)
    if not content or (content[-1] == "#" and _CLOSING_HASHES.search(content)):
        raise _Outside
    return len(match.group(1)), content


def _could_be_table(lines: list[str]) -> bool:
    """Whether a line that is not one of the timeline's own table rows stands above a
    line that markdown-it could take for a table's delimiter row."""
    for number in range(1, len(lines)):
        line, above = lines[number], lines[number - 1]
        if (
            "-" in line
            and "|" in above
            and not above.startswith("|")
            and _DELIMITER_LIKE.fullmatch(line)
        ):
            return True
    return False


def to_html(markdown_text: str) -> str | None:
    """The body HTML markdown-it-py's ``js-default`` preset gives, or ``None`` when the text
    uses Markdown outside the part handled here."""
    if not _inert(markdown_text):
        return None
    # The HTML-special characters are escaped over the whole text at once, and the
    # backslash escapes are undone over the whole result at once: every backslash left in
    # the blocks' text is the first of an escaped pair (the check above), and none ends a
    # block's text, so no pair can form across a tag.
    for char, reference in _HTML_ESCAPES:
        if char in markdown_text:
            markdown_text = markdown_text.replace(char, reference)
    lines = markdown_text.split("\n")
    if "|" in markdown_text and _could_be_table(lines):
        return None
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
    html = "".join(out)
    if "&amp;" in html:
        html = _REFERENCE.sub(lambda match: _REFERENCES[match.group()], html)
    return _unescape(html)


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


class Block(NamedTuple):
    """One block of the document: ``kind`` is heading, paragraph, item or table.

    ``level`` is a heading's level or a list item's depth (0 outermost); ``first`` is
    False for a later paragraph of the same list item; a table's cells are in ``rows``
    (the first row is the header).  Text is as a reader sees it: escapes undone, marks
    shown as typed.
    """

    kind: str
    text: str = ""
    level: int = 0
    first: bool = True
    rows: tuple[tuple[str, ...], ...] = ()


# What a reader sees of the marks the timeline's escaping writes: a backslash before a
# mark, and the character references it uses (:data:`_REFERENCES`).
_SHOWN = re.compile(r"\\(.)|&(lt|gt|amp|quot|#126|#94|#36|#58);")
_SHOWN_REFERENCES = {
    "lt": "<",
    "gt": ">",
    "amp": "&",
    "quot": '"',
    "#126": "~",
    "#94": "^",
    "#36": "$",
    "#58": ":",
}


def _shown_mark(match: re.Match[str]) -> str:
    escaped = match.group(1)
    return escaped if escaped is not None else _SHOWN_REFERENCES[match.group(2)]


def _shown(text: str) -> str:
    """The text a reader sees in a block of the timeline's Markdown."""
    if "\\" in text or "&" in text:
        text = _SHOWN.sub(_shown_mark, text)
    return text.strip()


def _item_blocks(items: list[_Item], depth: int, found: list[Block]) -> None:
    for item in items:
        first, *later = item.paragraphs
        found.append(Block("item", _shown(first), depth))
        for paragraph in later:
            found.append(Block("item", _shown(paragraph), depth, False))
        if item.children:
            _item_blocks(item.children, depth + 1, found)


def blocks(markdown_text: str) -> list[Block] | None:
    """The blocks of ``markdown_text`` as markdown-it-py reads them, each with the text a
    reader sees, or ``None`` when the text uses Markdown outside the part handled here
    (exactly when :func:`to_html` returns ``None``)."""
    if not _inert(markdown_text):
        return None
    lines = markdown_text.split("\n")
    if "|" in markdown_text and _could_be_table(lines):
        return None
    found: list[Block] = []
    line = 0
    try:
        while line < len(lines):
            text = lines[line]
            if not text:
                line += 1
            elif text[0] == "#":
                level, content = _heading_parts(text)
                found.append(Block("heading", _shown(content), level))
                line += 1
            elif text[0] == "|":
                header, rows, line = _table_cells(lines, line)
                found.append(
                    Block(
                        "table",
                        rows=tuple(tuple(map(_shown, row)) for row in (header, *rows)),
                    )
                )
            elif text.startswith("- "):
                top, line = _list_items(lines, line, ">")
                _item_blocks(top, 0, found)
            else:
                block, line = _paragraph_lines(lines, line, ">")
                found.append(Block("paragraph", _shown(" ".join(block))))
    except _Outside:
        return None
    return found
