"""The Markdown readers a timeline meets once it leaves the workbook, and what each one sees.

An adviser may paste the timeline into a tool built on any of them: markdown-it-py
(CommonMark with tables, and its GitHub-like preset), mistune, Python-Markdown (with
tables), and pandoc's ``markdown``, ``gfm`` and ``commonmark_x`` readers (the binary
shipped by pypandoc-binary).  Each turns the document into HTML; :func:`structure`
reads back the headings, list items and table rows a person would see, so the tests can
ask that every reader sees the same document.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache
from html.parser import HTMLParser
from typing import NamedTuple


class Structure(NamedTuple):
    """What a reader of the rendered page sees: headings (level, text), list items (depth,
    text of the item itself, without its nested lists), table rows (cell texts)."""

    headings: tuple[tuple[int, str], ...]
    items: tuple[tuple[int, str], ...]
    rows: tuple[tuple[str, ...], ...]


# Pandoc's "smart" extension turns straight quotes, dashes and dots into typographic ones,
# and puts a no-break space after "Mrs."; the words are the same, so both sides are read
# with these made plain.  A quote it cannot pair (a lone " typed by the family) it takes
# as opening or closing and drops the space on one side of it, so the space beside a
# quote mark is not compared either.
_TYPOGRAPHY = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "“": '"',
        "”": '"',
        "–": "--",
        "—": "---",
        "…": "...",
        "\xa0": " ",
    }
)

_SPACE_BY_QUOTE = re.compile(r" ?([\"']) ?")


def plain(text: str) -> str:
    """Text as compared: typography made plain, runs of white space made one space, and
    none beside a quote mark."""
    text = unicodedata.normalize("NFC", text).translate(_TYPOGRAPHY)
    return _SPACE_BY_QUOTE.sub(r"\1", " ".join(text.split()))


class _Reader(HTMLParser):
    """Collects the text of headings, list items (without nested lists) and table cells."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[tuple[int, str]] = []
        self.items: list[tuple[int, str]] = []
        self.rows: list[tuple[str, ...]] = []
        self._heading: tuple[int, list[str]] | None = None
        self._items: list[list[str]] = []  # the open list items, innermost last
        self._cell: list[str] | None = None
        self._row: list[str] | None = None
        self._depth = 0  # nested lists open

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = (int(tag[1]), [])
        elif tag in ("ul", "ol"):
            self._depth += 1
        elif tag == "li":
            self._items.append([])
            self.items.append((self._depth, ""))  # placed now, text filled at the end
            self._items[-1].append(f"\0{len(self.items) - 1}")
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "br":
            self.handle_data(" ")
        elif tag == "img":
            alt = dict(attrs).get("alt") or ""
            self.handle_data(alt)

    def handle_endtag(self, tag: str) -> None:
        if re.fullmatch(r"h[1-6]", tag) and self._heading is not None:
            level, parts = self._heading
            self.headings.append((level, plain("".join(parts))))
            self._heading = None
        elif tag in ("ul", "ol"):
            self._depth -= 1
        elif tag == "li" and self._items:
            parts = self._items.pop()
            index = int(parts[0][1:])
            self.items[index] = (self.items[index][0], plain("".join(parts[1:])))
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(plain("".join(self._cell)))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows.append(tuple(self._row))
            self._row = None
        elif tag == "p" and self._items:
            self._items[-1].append(" ")  # paragraphs of one item read as one text

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading[1].append(data)
        if self._cell is not None:
            self._cell.append(data)
        elif self._items and self._heading is None:
            # Text inside a nested list belongs to the nested item, which is innermost.
            self._items[-1].append(data)


def structure(html: str) -> Structure:
    """The headings, list items and table rows of a rendered page."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return Structure(tuple(reader.headings), tuple(reader.items), tuple(reader.rows))


# --- the readers -------------------------------------------------------------------------


@cache
def _markdown_it(preset: str):
    from markdown_it import MarkdownIt

    if preset == "commonmark":
        return MarkdownIt("commonmark").enable("table")
    return MarkdownIt("gfm-like")  # tables, strikethrough, bare links made links


def _mistune(text: str) -> str:
    import mistune

    return mistune.html(text)  # tables, strikethrough and footnotes on


def _python_markdown(text: str) -> str:
    import markdown

    return markdown.markdown(text, extensions=["tables"])


def _pandoc(reader: str) -> Callable[[str], str]:
    def convert(text: str) -> str:
        import pypandoc

        return pypandoc.convert_text(text, "html", format=reader, extra_args=["--wrap=none"])

    return convert


READERS: dict[str, Callable[[str], str]] = {
    "markdown-it commonmark": lambda text: _markdown_it("commonmark").render(text),
    "markdown-it gfm-like": lambda text: _markdown_it("gfm-like").render(text),
    "mistune": _mistune,
    "Python-Markdown": _python_markdown,
    "pandoc markdown": _pandoc("markdown"),
    "pandoc gfm": _pandoc("gfm"),
    "pandoc commonmark_x": _pandoc("commonmark_x"),
}

# The reader every other is compared with: the one the bundle's HTML comes from.
REFERENCE = "markdown-it commonmark"


def every_reading(text: str, readers: tuple[str, ...] | None = None) -> dict[str, Structure]:
    """The structure each reader sees in ``text``."""
    chosen = readers or tuple(READERS)
    return {name: structure(READERS[name](text)) for name in chosen}


def shape(seen: Structure) -> Structure:
    """The structure without its words: heading levels, item depths, cells per row."""
    return Structure(
        tuple((level, "") for level, _ in seen.headings),
        tuple((depth, "") for depth, _ in seen.items),
        tuple(("",) * len(row) for row in seen.rows),
    )


# A bare web address: GitHub's readers make a link of it up to the next space, taking
# in any escape written after it, which then shows (pandoc's gfm reader).
BARE_ADDRESS = re.compile(r"(?i)://|www\.")


def differences(readings: dict[str, Structure], *, words: bool = True) -> list[str]:
    """Where a reader sees something other than the reference reader, line by line;
    with ``words`` False, only where the structure differs (see :func:`shape`)."""
    if not words:
        readings = {name: shape(seen) for name, seen in readings.items()}
    reference = readings[REFERENCE]
    found = []
    for name, seen in readings.items():
        for part in Structure._fields:
            mine, theirs = getattr(reference, part), getattr(seen, part)
            if mine != theirs:
                extra = [x for x in theirs if x not in mine][:3]
                missing = [x for x in mine if x not in theirs][:3]
                found.append(
                    f"{name} {part}: sees {extra}, not {missing} "
                    f"({len(theirs)} against {len(mine)})"
                )
    return found
