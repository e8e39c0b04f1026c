"""A4 pages in the bundle's typeface: paragraphs, headings, bullets and tables that stay readable.

:class:`Pages` is an fpdf2 document (A4, 12-point body, real text that can be searched and
copied) with a footer "Page N of M" on every page, followed by an exhibit's reference while
an exhibit is being set.  Lines are broken here, at spaces only, with word widths cached: a
date, a reference or a number is never split, and a word wider than its column (a SHA-256, a
long web address) is split by letters only when it fits on no line.  Tables repeat their
header row on every page they run over.

fpdf2 was chosen because it writes real text with embedded, subset TrueType fonts, internal
links, bookmarks and fixed dates, in pure Python; its own line breaking measures every line
again for each letter, too slow for a 5,000-entry chronology, hence the breaking here.

:func:`text_pdf` typesets plain text, or Markdown of the timeline's kind, into a whole PDF:
the one function letters need.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Sequence

from fpdf import FPDF

from . import fonts

PT = 25.4 / 72  # millimetres in a typographic point
BODY = 12.0  # points: the body text size councils and the Tribunal expect
TABLE = 10.0
FOOTER = 9.0
HEADING_SIZES = {1: 18.0, 2: 15.0, 3: 13.0}
LEADING = 1.3  # line height as a multiple of the type size
CELL_PAD = 1.4  # millimetres inside a table cell, each side
GREY = (235, 235, 235)


class Pages(FPDF):
    """An A4 document set in Source Sans Pro with "Page N of M" in every footer.

    ``footer_ref`` is printed after the page number while it is set (an exhibit's
    reference); set it after :meth:`add_page` so the page being closed keeps its own.
    """

    LEFT = 20.0
    RIGHT = 20.0
    TOP = 18.0
    BOTTOM = 20.0
    TEXT_HEIGHT = 297.0 - TOP - BOTTOM  # what an A4 page holds, top to bottom

    def __init__(self) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.set_margins(self.LEFT, self.TOP, self.RIGHT)
        # Pages are broken here, line by line, so fpdf2's own breaking stays off.
        self.set_auto_page_break(False, margin=self.BOTTOM)
        self.set_display_mode("fullpage", "continuous")
        for style, path in fonts.font_files().items():
            self.add_font(fonts.FAMILY, style, str(path))
        faces = {style: self.fonts[fonts.FAMILY.lower() + style] for style in ("", "B", "I", "BI")}
        self._widths = {style: face.cw for style, face in faces.items()}
        self.glyphs = fonts.Glyphs(set(faces[""].cmap))
        self._measured: dict[str, dict[str, float]] = {style: {} for style in self._widths}
        self.footer_ref = ""
        # Room for five digits of page count (fpdf2 fills the alias in when it writes).
        self.alias_nb_pages("{nbp}")
        self.set_creator("SEN Workbook")
        self.set_producer("SEN Workbook")
        self.set_lang("en-GB")

    # --- measuring and breaking lines -------------------------------------------------

    def units(self, text: str, style: str = "") -> float:
        """The width of ``text`` in thousandths of the type size (printable text only)."""
        cache = self._measured[style]
        width = cache.get(text)
        if width is None:
            widths = self._widths[style]
            width = sum(widths[ord(char)] for char in text)
            if len(text) < 40:
                cache[text] = width
        return width

    def width(self, text: str, style: str = "", size: float = BODY) -> float:
        """The width of printable ``text`` in millimetres."""
        return self.units(text, style) * size * PT / 1000

    def lines(self, text: str, width: float, style: str = "", size: float = BODY,
              *, keep_spaces: bool = False) -> list[str]:
        """``text`` broken into lines no wider than ``width`` millimetres.

        Breaks fall at spaces only.  Runs of white space become one space unless
        ``keep_spaces`` (plain text files, whose indentation means something).
        """
        text = self.glyphs.printable(text)
        words = text.split(" ") if keep_spaces else text.split()
        limit = width * 1000 / (size * PT)
        space = self.units(" ", style)
        result: list[str] = []
        current: list[str] = []
        used = 0.0
        units = self.units
        for word in words:
            wide = units(word, style)
            if current and used + space + wide <= limit:
                current.append(word)
                used += space + wide
                continue
            if current:
                result.append(" ".join(current))
            if wide <= limit:
                current, used = [word], wide
                continue
            # Wider than the line on its own: split by letters (a hash, a long address).
            piece, used = "", 0.0
            for char in word:
                letter = units(char, style)
                if piece and used + letter > limit:
                    result.append(piece)
                    piece, used = "", 0.0
                piece += char
                used += letter
            current = [piece]
        if current or not result:
            result.append(" ".join(current))
        return result

    def longest_word(self, text: str, style: str = "", size: float = BODY) -> float:
        """The width in millimetres of the widest word of ``text`` (what a column needs)."""
        text = self.glyphs.printable(text)
        widest = max((self.units(word, style) for word in text.split()), default=0.0)
        return widest * size * PT / 1000

    # --- pages ------------------------------------------------------------------------

    @property
    def bottom(self) -> float:
        """Where text must stop on this page, in millimetres from the top."""
        return self.h - self.BOTTOM

    def room(self, height: float) -> bool:
        """Start a new page unless ``height`` millimetres fit; True when one was started."""
        if self.y + height > self.bottom:
            self.add_page()
            return True
        return False

    def footer(self) -> None:
        self.set_font(fonts.FAMILY, "", FOOTER)
        self.set_text_color(60, 60, 60)
        text = f"Page {self.page_no()} of {self.str_alias_nb_pages}"
        if self.footer_ref:
            text += f"  ·  {self.footer_ref}"
        # A cell, not bare text: fpdf2 puts the page count in place of its alias in cells.
        self.set_xy(self.l_margin, self.h - 13)
        self.cell(self.w - self.l_margin - self.r_margin, 5, text, align="C")
        self.set_text_color(0, 0, 0)

    # --- blocks -----------------------------------------------------------------------

    def line_height(self, size: float) -> float:
        return size * LEADING * PT

    def draw_lines(self, lines: Sequence[str], x: float, style: str = "",
                   size: float = BODY) -> None:
        """Print ``lines`` from the current position down, breaking pages between lines."""
        step = self.line_height(size)
        self.set_font(fonts.FAMILY, style, size)
        for line in lines:
            if self.room(step):
                self.set_font(fonts.FAMILY, style, size)
            if line:
                self.text(x, self.y + step * 0.78, line)
            self.y += step

    def paragraph(self, text: str, *, style: str = "", size: float = BODY,
                  indent: float = 0.0, after: float | None = None,
                  keep_spaces: bool = False) -> None:
        """A block of text across the page, ``indent`` millimetres in from the margin."""
        width = self.epw - indent
        self.draw_lines(self.lines(text, width, style, size, keep_spaces=keep_spaces),
                        self.l_margin + indent, style, size)
        self.y += self.line_height(size) * 0.4 if after is None else after

    def heading(self, text: str, level: int,
                placed: Callable[[], None] | None = None) -> None:
        """A bold heading, kept on the same page as at least two lines after it;
        ``placed()`` is called once its page is settled (to bookmark it)."""
        size = HEADING_SIZES.get(level, BODY)
        lines = self.lines(text, self.epw, "B", size)
        step = self.line_height(size)
        self.y += step * (0.5 if level <= 2 else 0.3)
        self.room(step * len(lines) + self.line_height(BODY) * 2)
        if placed is not None:
            placed()
        self.draw_lines(lines, self.l_margin, "B", size)
        self.y += step * 0.2

    def bullet(self, text: str, depth: int = 0, *, mark: bool = True) -> None:
        """A list item at ``depth`` (0 for the outer list); ``mark`` False for a later
        paragraph of the same item."""
        indent = 6.0 * (depth + 1)
        lines = self.lines(text, self.epw - indent, "", BODY)
        step = self.line_height(BODY)
        self.room(step)
        if mark:
            self.set_font(fonts.FAMILY, "", BODY)
            self.text(self.l_margin + indent - 4.5, self.y + step * 0.78,
                      "•" if depth % 2 == 0 else "–")
        self.draw_lines(lines, self.l_margin + indent)
        self.y += step * 0.15

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str]],
              size: float = TABLE) -> None:
        """A ruled table across the page, its header repeated on every page it runs over."""
        columns = len(header)
        if not columns:
            return
        rows = [list(row[:columns]) + [""] * (columns - len(row)) for row in rows]
        widths = self._column_widths(header, rows, size)
        step = self.line_height(size)
        inner = [width - 2 * CELL_PAD for width in widths]

        def draw_row(cells: list[list[str]], style: str, fill: bool) -> None:
            """One row, split over pages if it is taller than what is left."""
            while True:
                count = max(len(cell) for cell in cells) or 1
                fits = int((self.bottom - self.y - 2 * CELL_PAD) // step)
                if fits < min(count, 2) and not self._at_top():
                    self.add_page()
                    if style != "B":
                        draw_row([self.lines(h, w, "B", size) for h, w in zip(header, inner,
                                                                               strict=True)],
                                 "B", True)
                    continue
                shown = min(count, max(fits, 1))
                height = shown * step + 2 * CELL_PAD
                x = self.l_margin
                self.set_font(fonts.FAMILY, style, size)
                if fill:
                    self.set_fill_color(*GREY)
                for width, cell in zip(widths, cells, strict=True):
                    self.rect(x, self.y, width, height, style="DF" if fill else "D")
                    for number, line in enumerate(cell[:shown]):
                        if line:
                            self.text(x + CELL_PAD, self.y + CELL_PAD + step * (number + 0.78),
                                      line)
                    x += width
                self.y += height
                cells = [cell[shown:] for cell in cells]
                if not any(cells):
                    return

        self.set_draw_color(140, 140, 140)
        self.set_line_width(0.2)
        header_lines = [self.lines(text, width, "B", size) for text, width in
                        zip(header, inner, strict=True)]
        # The header and the first row start on the same page.
        first = rows[0] if rows else [""] * columns
        first_height = max(len(self.lines(text, width, "", size)) for text, width in
                           zip(first, inner, strict=True))
        self.room((max(len(cell) for cell in header_lines) + first_height) * step
                  + 4 * CELL_PAD)
        draw_row(header_lines, "B", True)
        for row in rows:
            draw_row([self.lines(text, width, "", size) for text, width in
                      zip(row, inner, strict=True)], "", False)
        self.y += self.line_height(BODY) * 0.5

    def _at_top(self) -> bool:
        return self.y <= self.t_margin + 0.01

    def _column_widths(self, header: Sequence[str], rows: Sequence[Sequence[str]],
                       size: float) -> list[float]:
        """Widths that give every column room for its longest word (capped), then share
        what is left by how much text each column holds."""
        available = self.epw
        columns = len(header)
        natural = [0.0] * columns
        needed = [0.0] * columns
        for row, style in [(header, "B")] + [(row, "") for row in rows]:
            for index, text in enumerate(row):
                text = self.glyphs.printable(text)
                natural[index] = max(natural[index], self.width(text, style, size))
                needed[index] = max(needed[index], self.longest_word(text, style, size))
        pad = 2 * CELL_PAD + 0.5
        natural = [min(width + pad, available) for width in natural]
        needed = [min(width + pad, available * 0.35) for width in needed]
        if sum(natural) <= available:
            spare = available - sum(natural)
            total = sum(natural) or 1.0
            return [width + spare * width / total for width in natural]
        if sum(needed) >= available:
            scale = available / sum(needed)
            return [width * scale for width in needed]
        spare = available - sum(needed)
        wants = [max(nat - need, 0.0) for nat, need in zip(natural, needed, strict=True)]
        total = sum(wants) or 1.0
        return [need + spare * want / total for need, want in zip(needed, wants, strict=True)]


def fixed_date(day: _dt.date) -> _dt.datetime:
    """A PDF's creation date from a day: midnight UTC, so the same day gives the same bytes."""
    return _dt.datetime(day.year, day.month, day.day, tzinfo=_dt.UTC)


def text_pdf(text: str, *, title: str, author: str = "", subject: str = "",
             dated: _dt.date, markdown: bool = True) -> bytes:
    """An A4 PDF of ``text``: Markdown of the timeline's kind (headings, paragraphs, lists,
    tables) or, with ``markdown=False``, plain text line by line.

    Every page has "Page N of M" in its footer; the document's title, author and subject
    are set, and its dates are ``dated`` at midnight UTC, so the same text gives the same
    bytes.  For letters and any other single document the tool writes.
    """
    from .markdown import render

    pages = Pages()
    pages.set_title(title)
    if author:
        pages.set_author(author)
    if subject:
        pages.set_subject(subject)
    pages.set_creation_date(fixed_date(dated))
    pages.add_page()
    if markdown:
        render(pages, text)
    else:
        for line in text.splitlines() or [""]:
            pages.paragraph(line.expandtabs(4), after=0.0, keep_spaces=True)
    return bytes(pages.output())
