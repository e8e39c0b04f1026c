"""The timeline's Markdown laid out on PDF pages, read as markdown-it-py reads it.

The PDF shows what ``timeline.md`` says and nothing re-derived: the same Markdown the
folder bundle carries is read into blocks (headings, paragraphs, list items, tables), and
each block is set on the page.  Inline marks are read as plain text: the family's text is
escaped in the Markdown, so what a reader sees is the text itself.

Blocks come from markdown-it-py's tokens (the ``js-default`` preset the HTML uses, raw
HTML off).  Parsing a 5,000-entry timeline that way takes seconds, so the timeline's own
part of Markdown is read by :func:`sen_workbook.markup.blocks`, line by line as
:func:`sen_workbook.markup.to_html` reads it, or from that HTML when it has been made
(which is exactly markdown-it-py's); any other Markdown goes through the tokens.  The
tests compare the ways block for block.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator, Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .. import markup
from ..markup import Block
from .pages import Pages


def _parser() -> MarkdownIt:
    md = MarkdownIt("js-default")  # as the HTML is made: raw HTML off, no typographer
    md.disable("image")
    return md


def _inline_text(token: Token) -> str:
    """The text a reader sees in an inline token: escapes undone, marks dropped."""
    parts: list[str] = []
    for child in token.children or ():
        if child.type in ("text", "code_inline", "html_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def blocks(markdown_text: str, body: str | None = None) -> list[Block]:
    """The blocks of ``markdown_text`` in order, as markdown-it-py reads them.

    ``body`` is :func:`sen_workbook.markup.to_html` of it when the caller has made it
    already (the folder bundle), and is read back; otherwise the timeline's part of
    Markdown is read directly (:func:`sen_workbook.markup.blocks`), and any other
    Markdown through markdown-it-py's tokens.
    """
    if body is None:
        found = markup.blocks(markdown_text)
        return list(token_blocks(markdown_text)) if found is None else found
    quick = quick_html_blocks(body)
    return html_blocks(body) if quick is None else quick


def _shown(text: str) -> str:
    text = text.strip()
    return html.unescape(text) if "&" in text else text


def quick_html_blocks(body: str) -> list[Block] | None:
    """:func:`html_blocks` of the HTML :func:`sen_workbook.markup.to_html` writes, read a
    line at a time: it puts every block's tags at the start and end of a line, and no tag
    inside text.  ``None`` for a line in any other form (then :func:`html_blocks` reads
    it); the tests compare the two.  Several times quicker than reading tag by tag."""
    found: list[Block] = []
    depth = -1
    items: list[int] = []  # for each open list item, how many paragraphs it has shown
    rows: list[tuple[str, ...]] = []
    row: list[str] = []
    paragraph: list[str] = []  # the lines of a paragraph not yet closed
    append = found.append
    for line in body.split("\n"):
        if paragraph:
            paragraph.append(line)
            if not line.endswith("</p>"):
                continue
            text = _shown(" ".join(paragraph)[3:-4])
            paragraph.clear()
        elif line.startswith("<td>") or line.startswith("<th>"):
            if line[-5:] not in ("</td>", "</th>"):
                return None
            row.append(_shown(line[4:-5]))
            continue
        elif line.startswith("<li>"):
            if line == "<li>":
                items.append(0)
            elif line.endswith("</li>"):
                append(Block("item", _shown(line[4:-5]), depth))
            else:
                # A tight item's text, before the list nested in it.
                append(Block("item", _shown(line[4:]), depth))
                items.append(1)
            continue
        elif line.startswith("<p>"):
            if not line.endswith("</p>"):
                paragraph.append(line)
                continue
            text = _shown(line[3:-4])
        elif line[:2] == "<h" and line[2:3].isdigit() and line[3:4] == ">":
            if not line.endswith(f"</h{line[2]}>"):
                return None
            append(Block("heading", _shown(line[4:-5]), int(line[2])))
            continue
        elif line == "<tr>":
            row = []
            continue
        elif line == "</tr>":
            rows.append(tuple(row))
            continue
        elif line == "</li>":
            items.pop()
            continue
        elif line == "<ul>":
            depth += 1
            continue
        elif line == "</ul>":
            depth -= 1
            continue
        elif line == "<table>":
            rows = []
            continue
        elif line == "</table>":
            append(Block("table", rows=tuple(rows)))
            continue
        elif line in ("<thead>", "</thead>", "<tbody>", "</tbody>", ""):
            continue
        else:
            return None
        # A paragraph, closed on this line: in a list item, or on its own.
        if items:
            append(Block("item", text, depth, first=items[-1] == 0))
            items[-1] += 1
        else:
            append(Block("paragraph", text))
    return None if paragraph or items or depth != -1 else found


# Every "<" in markdown-it-py's HTML of escaped text starts a tag.
_HTML_PART = re.compile(r"<(/?)([a-z0-9]+)[^>]*>|[^<]+")
_TEXT_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "th", "td"})


def html_blocks(body: str) -> list[Block]:
    """The blocks of the HTML markdown-it-py makes (headings, paragraphs, bullet lists,
    tables, ``<br>``), with the same text as :func:`token_blocks` gives."""
    found: list[Block] = []
    depth = -1
    items: list[int] = []  # for each open list item, how many paragraphs it has shown
    text: list[str] = []
    rows: list[tuple[str, ...]] = []
    row: list[str] = []

    def taken() -> str:
        shown = "".join(text).replace("\n", " ").strip()
        text.clear()
        return html.unescape(shown) if "&" in shown else shown

    def item(words: str) -> None:
        found.append(Block("item", words, depth, first=items[-1] == 0))
        items[-1] += 1

    for match in _HTML_PART.finditer(body):
        closing, tag = match.group(1), match.group(2)
        if tag is None:
            text.append(match.group(0))
            continue
        if not closing:
            if tag == "ul":
                if items and text and "".join(text).strip():
                    item(taken())  # a tight item's text, before its own list
                text.clear()
                depth += 1
            elif tag == "li":
                items.append(0)
                text.clear()
            elif tag in _TEXT_TAGS:
                text.clear()
            elif tag == "tr":
                row = []
            elif tag == "table":
                rows = []
            continue
        if tag[0] == "h" and tag[1:].isdigit():
            found.append(Block("heading", taken(), int(tag[1:])))
        elif tag == "p":
            if items:
                item(taken())
            else:
                found.append(Block("paragraph", taken()))
        elif tag == "li":
            if text and "".join(text).strip():
                item(taken())
            text.clear()
            items.pop()
        elif tag == "ul":
            depth -= 1
        elif tag in ("th", "td"):
            row.append(taken())
        elif tag == "tr":
            rows.append(tuple(row))
        elif tag == "table":
            found.append(Block("table", rows=tuple(rows)))
    return found


def token_blocks(markdown_text: str) -> Iterator[Block]:
    """The blocks of ``markdown_text`` in order, from markdown-it-py's token stream."""
    tokens = _parser().parse(markdown_text)
    depth = -1
    item_paragraphs: list[int] = []
    index = 0
    count = len(tokens)
    while index < count:
        token = tokens[index]
        kind = token.type
        if kind == "heading_open":
            yield Block("heading", _inline_text(tokens[index + 1]), int(token.tag[1:]))
            index += 3
            continue
        if kind in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif kind == "list_item_open":
            item_paragraphs.append(0)
        elif kind == "list_item_close":
            item_paragraphs.pop()
        elif kind == "paragraph_open":
            text = _inline_text(tokens[index + 1])
            if depth >= 0 and item_paragraphs:
                yield Block("item", text, depth, first=item_paragraphs[-1] == 0)
                item_paragraphs[-1] += 1
            else:
                yield Block("paragraph", text)
            index += 3
            continue
        elif kind == "table_open":
            rows: list[tuple[str, ...]] = []
            row: list[str] = []
            index += 1
            while tokens[index].type != "table_close":
                inner = tokens[index]
                if inner.type == "tr_open":
                    row = []
                elif inner.type == "tr_close":
                    rows.append(tuple(row))
                elif inner.type == "inline":
                    row.append(_inline_text(inner))
                index += 1
            yield Block("table", rows=tuple(rows))
        elif kind in ("fence", "code_block"):
            for line in token.content.splitlines():
                yield Block("paragraph", line)
        elif kind == "hr":
            yield Block("paragraph", "")
        index += 1


def render(
    pages: Pages,
    markdown_text: str,
    before_heading: Callable[[int, str], None] | None = None,
    at_heading: Callable[[int, str], None] | None = None,
    blocks_of: Callable[[str], Sequence[Block] | Iterator[Block]] = blocks,
) -> None:
    """Set ``markdown_text`` on ``pages`` from the current position.

    ``before_heading(level, text)`` is called before each heading is placed (to start a
    new page, say), and ``at_heading(level, text)`` once the page it stands on is begun
    (to bookmark it there).
    """
    run: list[tuple[str, int, bool]] = []  # list items in a row, set in one go
    for block in blocks_of(markdown_text):
        if block.kind == "item":
            run.append((block.text, block.level, block.first))
            continue
        if run:
            pages.bullets(run)
            run = []
        if block.kind == "heading":
            if before_heading is not None:
                before_heading(block.level, block.text)
            placed = None
            if at_heading is not None:

                def placed(block: Block = block) -> None:
                    at_heading(block.level, block.text)

            pages.heading(block.text, block.level, placed)
        elif block.kind == "paragraph":
            pages.paragraph(block.text)
        elif block.kind == "table" and block.rows:
            pages.ruled_table(block.rows[0], block.rows[1:])
    if run:
        pages.bullets(run)
