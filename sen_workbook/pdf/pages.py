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
import sys
from bisect import bisect_right
from collections.abc import Callable, Collection, Iterable, Sequence
from itertools import accumulate, repeat
from operator import add

from fpdf import FPDF
from fpdf.output import OutputProducer, PDFPage
from fpdf.syntax import PDFContentStream
from fpdf.util import escape_parens

from . import fonts

PT = 25.4 / 72  # millimetres in a typographic point
BODY = 12.0  # points: the body text size councils and the Tribunal expect
TABLE = 10.0
FOOTER = 9.0
HEADING_SIZES = {1: 18.0, 2: 15.0, 3: 13.0}
LEADING = 1.3  # line height as a multiple of the type size
CELL_PAD = 1.4  # millimetres inside a table cell, each side
GREY = 0.922  # a table header's fill (235 of 255)
A4_WIDTH, A4_HEIGHT = 210.0, 297.0
_MEASURED_WORDS = 200_000  # words whose widths are kept, per face, before starting again

# Pages' text compressed at zlib's level 3 instead of its default 6: a 2,000-page bundle's
# pages compress in under half the time for a file about 7 % larger.  fpdf2 offers the
# level as this class's setting; every document this process writes is one of ours, and
# each gets the same level, so the same records still give the same bytes.
PDFContentStream._COMPRESSION_LEVEL = 3


class _Page(PDFPage):
    """fpdf2's page, whose dictionary is written straight from the entries a page of ours
    has (contents, group, media box, parent, resources), in the order fpdf2 writes them,
    rather than found by listing every attribute of the object: a 2,000-page bundle spent
    a tenth of its time there.  A page with anything else (links) is left to fpdf2."""

    __slots__ = ()

    def _build_obj_dict(self, security_handler: object = None) -> dict[str, object]:
        if (
            self.annots
            or self.dur
            or self.trans
            or self.struct_parents is not None
            or self.resources is None
            or self.parent is None
        ):
            return super()._build_obj_dict(security_handler)  # type: ignore[arg-type]
        entries: dict[str, object] = {"/Contents": self.contents.ref}  # type: ignore[union-attr]
        if self.group:
            entries["/Group"] = self.group
        if self.media_box:
            entries["/MediaBox"] = self.media_box
        entries["/Parent"] = self.parent.ref
        entries["/Resources"] = self.resources.ref
        entries["/Type"] = "/Page"
        return entries


class _Stream(PDFContentStream):
    """A page's content stream, its dictionary written as fpdf2 writes it, directly."""

    def _build_obj_dict(self, security_handler: object = None) -> dict[str, object]:
        if self.filter is None:
            return {"/Length": self.length}
        return {"/Filter": "/FlateDecode", "/Length": self.length}


class _Producer(OutputProducer):
    """fpdf2's writer, with its pages and their contents written by :class:`_Page` and
    :class:`_Stream`."""

    def _add_pages(self, _slice: slice = slice(0, None)) -> list[PDFPage]:
        page_objs = super()._add_pages(_slice)
        for page in page_objs:
            page.__class__ = _Page
            page.contents.__class__ = _Stream
        return page_objs


class _Codes(dict[int, str]):
    """How each letter of one face is written in a page's content: its code in fpdf2's
    subset of the font, as two bytes with parentheses escaped (a table for
    ``str.translate``), and :meth:`written`, which writes a whole line.

    A letter not met before is asked of fpdf2 when first met (so the subset and the
    text-to-letters map stay fpdf2's own); the codes are handed out in the order the
    letters come in the text, which is the same in every run.
    """

    def __init__(self, subset: object) -> None:
        super().__init__()
        self._subset = subset
        # For each Latin-1 letter whose code is one byte, that byte; and those letters.
        self._low = bytearray(256)
        self._simple = bytearray()

    def __missing__(self, char: int) -> str:
        code = self._subset.pick(char)  # type: ignore[attr-defined]
        written = (
            "" if code is None else escape_parens(chr(code).encode("utf-16-be").decode("latin-1"))
        )
        self[char] = written
        if char < 256 and code is not None and code < 256:
            self._low[char] = code
            self._simple.append(char)
        return written

    def written(self, line: str) -> bytes:
        """``line`` as it goes between the parentheses of a ``Tj``.

        A line of Latin-1 letters whose codes are one byte each (nearly every line of a
        family's notes) is written by a byte table in one go, the high bytes left at
        zero, four times quicker than letter by letter; any other is translated.
        """
        try:
            raw = line.encode("latin-1")
        except UnicodeEncodeError:
            return line.translate(self).encode("latin-1")
        if raw.translate(None, self._simple):
            for char in raw.translate(None, self._simple):
                self[char]  # noqa: B018  (asks fpdf2 for a letter not met before)
            if raw.translate(None, self._simple):
                return line.translate(self).encode("latin-1")
        out = bytearray(2 * len(raw))
        out[1::2] = raw.translate(self._low)
        return (
            bytes(out)
            .replace(b"\\", b"\\\\")
            .replace(b"(", b"\\(")
            .replace(b")", b"\\)")
            .replace(b"\r", b"\\r")
        )


class Pages(FPDF):
    """An A4 document set in Source Sans Pro with "Page N of M" in every footer.

    ``footer_ref`` is printed after the page number while it is set (an exhibit's
    reference); set it after :meth:`add_page` so the page being closed keeps its own.

    The timeline's text is written into the pages' content directly, each piece a text
    object that names its own font, size and position, so no font, colour or position is
    carried from one piece to the next: a 5,000-entry timeline prints over 100,000 lines,
    and fpdf2's own text calls keep state for each that costs more than the text itself.
    """

    LEFT = 20.0
    RIGHT = 20.0
    TOP = 18.0
    BOTTOM = 20.0
    TEXT_HEIGHT = A4_HEIGHT - TOP - BOTTOM  # what an A4 page holds, top to bottom

    def __init__(self) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.set_margins(self.LEFT, self.TOP, self.RIGHT)
        # Pages are broken here, line by line, so fpdf2's own breaking stays off.
        self.set_auto_page_break(False, margin=self.BOTTOM)
        self.set_display_mode("fullpage", "continuous")
        for style, path in fonts.font_files().items():
            self.add_font(fonts.FAMILY, style, str(path))
        faces = {style: self.fonts[fonts.FAMILY.lower() + style] for style in ("", "B")}
        self._widths = {style: face.cw for style, face in faces.items()}
        # The high and low bytes of each Latin-1 letter's width, for :meth:`measure`,
        # where the widths are whole numbers below 65,536 (thousandths of the size).
        self._width_bytes: dict[str, tuple[bytes, bytes] | None] = {}
        for style, widths in self._widths.items():
            latin = [widths[char] for char in range(256)]
            whole = all(isinstance(width, int) and 0 <= width < 65536 for width in latin)
            self._width_bytes[style] = (
                (bytes(width >> 8 for width in latin), bytes(width & 255 for width in latin))
                if whole
                else None
            )
        self._font_names = {style: f"/F{face.i}" for style, face in faces.items()}
        self.glyphs = fonts.Glyphs(set(faces[""].cmap))
        self._measured: dict[str, dict[str, float]] = {style: {} for style in self._widths}
        self._codes = {style: _Codes(face.subset) for style, face in faces.items()}
        self.footer_ref = ""
        self._refs: dict[int, str] = {}
        self.alias_nb_pages(None)  # the page count is printed by finish(), not by fpdf2
        self.set_creator("SEN Workbook")
        self.set_producer("SEN Workbook")
        self.set_lang("en-GB")
        # One /Resources dictionary shared by every page (fpdf2's setting), rather than one
        # for each of 2,000 pages built and written out with the same two fonts in it; it
        # names every font the document has, so text written here needs no registering.
        self.single_resources_object = True

    # --- measuring and breaking lines -------------------------------------------------

    def units(self, text: str, style: str = "") -> float:
        """The width of ``text`` in thousandths of the type size (printable text only)."""
        cache = self._measured[style]
        width = cache.get(text)
        if width is None:
            width = sum(map(self._widths[style].__getitem__, map(ord, text)))
            if len(text) < 40:
                cache[text] = width
        return width

    def _break(self, text: str, limit: float, style: str) -> list[str] | None:
        """``text`` (Latin-1, single spaces, none at either end) broken as :meth:`lines`
        breaks it, from the running width at every letter, found by byte tables in one
        go, rather than word by word.  ``None`` for text this cannot take, or when a word
        is wider than a line on its own (it is then split by letters)."""
        tables = self._width_bytes[style]
        if tables is None:
            return None
        try:
            raw = text.encode("latin-1")
        except UnicodeEncodeError:
            return None
        # Each letter's width as a 16-bit number in the machine's byte order, then the
        # width of the text up to each letter: running[i] is the width of text[:i].
        pairs = bytearray(2 * len(raw))
        low, high = (0, 1) if sys.byteorder == "little" else (1, 0)
        pairs[low::2] = raw.translate(tables[1])
        pairs[high::2] = raw.translate(tables[0])
        running = [0, *accumulate(memoryview(pairs).cast("H"))]
        result: list[str] = []
        start, end = 0, len(text)
        while True:
            last = bisect_right(running, running[start] + limit) - 1  # text[start:last] fits
            if last >= end:
                result.append(text[start:])
                return result
            cut = text.rfind(" ", start, last + 1)
            if cut <= start:
                return None
            result.append(text[start:cut])
            start = cut + 1

    def measure(self, text: str, style: str = "") -> float:
        """The width of printable ``text`` in thousandths of the type size, not kept.

        Latin-1 text (most of a family's notes) is measured by two byte tables, the high
        and low bytes of each letter's width, summed: the same whole number as adding
        the widths letter by letter, in a third of the time.
        """
        tables = self._width_bytes[style]
        if tables is not None:
            try:
                raw = text.encode("latin-1")
            except UnicodeEncodeError:
                pass
            else:
                return (sum(raw.translate(tables[0])) << 8) + sum(raw.translate(tables[1]))
        return sum(map(self._widths[style].__getitem__, map(ord, text)))

    def width(self, text: str, style: str = "", size: float = BODY) -> float:
        """The width of printable ``text`` in millimetres."""
        return self.units(text, style) * size * PT / 1000

    def lines(
        self,
        text: str,
        width: float,
        style: str = "",
        size: float = BODY,
        *,
        keep_spaces: bool = False,
    ) -> list[str]:
        """``text`` broken into lines no wider than ``width`` millimetres.

        Breaks fall at spaces only, as late as they can (the first line is as full as
        it can be, then the next).  Runs of white space become one space unless
        ``keep_spaces`` (plain text files, whose indentation means something).  A
        Latin-1 paragraph is broken at the running width of its letters (:meth:`_break`);
        any other by its words' widths, each word measured once and kept, as a diary's
        words come back again and again.
        """
        text = self.glyphs.printable(text)
        limit = width * 1000 / (size * PT)
        if not keep_spaces and not _settled(text):
            text = " ".join(text.split())
        if self.measure(text, style) <= limit:
            return [text]  # most lines of a timeline: one line, nothing to break
        if not keep_spaces:
            broken = self._break(text, limit, style)
            if broken is not None:
                return broken
        words = text.split(" ")
        cache = self._measured[style]
        try:
            sizes = list(map(cache.__getitem__, words))
        except KeyError:
            widths = self._widths[style]
            if len(cache) > _MEASURED_WORDS:
                cache.clear()
            for word in words:
                if word not in cache:
                    cache[word] = sum(map(widths.__getitem__, map(ord, word)))
            sizes = list(map(cache.__getitem__, words))
        space = self._widths[style][32]
        # Where each word ends, counting one space after every word: the words a to b
        # fit on a line when ends[b] - ends[a - 1] - space <= limit.
        ends = list(accumulate(map(add, sizes, repeat(space))))
        result: list[str] = []
        start, count, before = 0, len(words), 0.0
        while start < count:
            stop = bisect_right(ends, before + limit + space, lo=start)
            if stop > start:
                result.append(" ".join(words[start:stop]))
                before = ends[stop - 1]
                start = stop
                continue
            # A word wider than the line on its own: split by letters (a hash, an address).
            widths = self._widths[style]
            piece, used = "", 0.0
            for char in words[start]:
                letter = widths[ord(char)]
                if piece and used + letter > limit:
                    result.append(piece)
                    piece, used = "", 0.0
                piece += char
                used += letter
            words[start] = piece
            ends[start:] = [end - ends[start] + used + space + before for end in ends[start:]]
        return result or [""]

    # --- printing text -------------------------------------------------------------------

    def write_content(self, content: bytes) -> None:
        """Add ``content`` (operators) to the current page as it is."""
        contents = self.pages[self.page].contents
        contents += content  # type: ignore[operator]
        contents.append(10)  # type: ignore[union-attr]

    def show(
        self, x: float, baseline: float, line: str, style: str = "", size: float = BODY
    ) -> None:
        """Print one line of printable text at ``x`` (mm) on ``baseline`` (mm from the top)."""
        self.show_lines(x, baseline, 0.0, [line], style, size)

    def show_lines(
        self,
        x: float,
        baseline: float,
        step: float,
        lines: Sequence[str],
        style: str = "",
        size: float = BODY,
        mark: tuple[float, str] | None = None,
    ) -> None:
        """Print ``lines`` of printable text in black, one under another, ``step`` mm
        apart, the first on ``baseline``; ``mark`` (how far to the left, and what) goes
        before the first line (a bullet).

        One text object for them all, with its own font and size, written straight into
        the page: what fpdf2's ``text()`` writes, without measuring or re-encoding each
        letter, or keeping fpdf2's state, every time.
        """
        written = self._codes[style].written
        k = self.k
        head = f"BT 0 g {self._font_names[style]} {size:.2f} Tf "
        if mark:
            head += f"{(x - mark[0]) * k:.2f} {(self.h - baseline) * k:.2f} Td ("
            start = (
                head.encode("ascii")
                + written(mark[1])
                + f") Tj {mark[0] * k:.2f} 0 Td (".encode("ascii")
            )
        else:
            start = f"{head}{x * k:.2f} {(self.h - baseline) * k:.2f} Td (".encode("ascii")
        if len(lines) == 1:
            self.write_content(start + written(lines[0]) + b") Tj ET")
        else:
            move = f") Tj 0 {-step * k:.2f} Td (".encode("ascii")
            self.write_content(start + move.join(map(written, lines)) + b") Tj ET")

    def bullets(self, items: Iterable[tuple[str, int, bool]]) -> None:
        """List items one after another, each ``(text, depth, first)`` as for :meth:`bullet`.

        The same as :meth:`bullet` for each, in one loop: a 5,000-entry timeline has some
        30,000 items, and an item that fits on its page is written here directly.
        """
        step = BODY * LEADING * PT
        k = self.k
        written = self._codes[""].written
        head = f"BT 0 g {self._font_names['']} {BODY:.2f} Tf ".encode("ascii")
        move = f") Tj 0 {-step * k:.2f} Td (".encode("ascii")
        signs = (written("•"), written("–"))
        gap = f") Tj {4.5 * k:.2f} 0 Td (".encode("ascii")
        lines_of = self.lines
        for text, depth, first in items:
            left = self.l_margin + 6.0 * (depth + 1)
            lines = lines_of(text, self.w - self.r_margin - left)
            bottom = self.h - self.BOTTOM
            if self.y + step > bottom:
                self.add_page()
                bottom = self.h - self.BOTTOM
            if not first or self.y + step * len(lines) > bottom:
                self.bullet(text, depth, mark=first)  # over a page, or a later paragraph
                continue
            contents = self.pages[self.page].contents
            contents += head  # type: ignore[operator]
            contents += (  # type: ignore[operator]
                f"{(left - 4.5) * k:.2f} {(self.h - self.y - step * 0.78) * k:.2f} Td (".encode(
                    "ascii"
                )
            )
            contents += signs[depth % 2]  # type: ignore[operator]
            contents += gap  # type: ignore[operator]
            contents += move.join(map(written, lines)) if len(lines) > 1 else written(lines[0])  # type: ignore[operator]
            contents += b") Tj ET\n"  # type: ignore[operator]
            self.y += step * len(lines)
            self.y += step * 0.15

    # --- pages ------------------------------------------------------------------------

    @property
    def bottom(self) -> float:
        """Where text must stop on this page, in millimetres from the top."""
        return self.h - self.BOTTOM

    def room(self, height: float) -> bool:
        """Start a new page unless ``height`` millimetres fit; True when one was started."""
        if self.y + height > self.h - self.BOTTOM:
            self.add_page()
            return True
        return False

    def add_page(self, *args: object, **kwargs: object) -> None:  # type: ignore[override]
        """A new page; a plain A4 page is begun here, without fpdf2's work for each page
        (a footer and header to call, fonts and colours to set again), none of which this
        document uses: its text sets its own font and colour, and its footers are printed
        by :meth:`finish`.  Any other page (another size, the index's pages while they
        are drawn) is fpdf2's."""
        if (
            args
            or kwargs
            or not self.page
            or self.in_toc_rendering
            or self.fill_color != self.DEFAULT_FILL_COLOR
            or self.draw_color != self.DEFAULT_DRAW_COLOR
            or self.text_color != self.DEFAULT_TEXT_COLOR
        ):
            super().add_page(*args, **kwargs)  # type: ignore[arg-type]
            return
        self._refs[self.page] = self.footer_ref
        if self.w_pt != self.dw_pt or self.h_pt != self.dh_pt:
            self._set_orientation(self.def_orientation, self.dw_pt, self.dh_pt)
        self.page += 1
        page = _Page(duration=None, transition=None, contents=bytearray(), index=self.page)
        page.set_dimensions(self.w_pt, self.h_pt)
        self.pages[self.page] = page
        self.current_font_is_set_on_page = False
        self.x, self.y = self.l_margin, self.t_margin

    def footer(self) -> None:
        # The footers are printed by finish(), once the number of pages is known; a page
        # being closed only notes the exhibit it belongs to.
        self._refs[self.page] = self.footer_ref

    def finish(self, *, without_footer: Collection[int] = ()) -> bytes:
        """Print "Page N of M" (and the exhibit's reference) at the foot of every page but
        those in ``without_footer``, then write the document.

        Done once at the end rather than by fpdf2 as each page closes: fpdf2 would print a
        placeholder for the count and look for it on every page afterwards.
        """
        last = self.page
        self._refs[last] = self.footer_ref  # the last page is still open
        total = self.pages_count
        step = self.line_height(FOOTER)
        baseline = A4_HEIGHT - 13 + step * 0.78
        for number in range(1, total + 1):
            if number in without_footer:
                continue
            self.page = number
            text = f"Page {number} of {total}"
            if self._refs.get(number):
                text += f"  ·  {self._refs[number]}"
            width = self.units(text) * FOOTER * PT / 1000
            self.write_content(
                f"q BT 0.235 g {self._font_names['']} {FOOTER:.2f} Tf "
                f"{(A4_WIDTH - width) / 2 * self.k:.2f} {(self.h - baseline) * self.k:.2f} Td (".encode(
                    "ascii"
                )
                + self._codes[""].written(text)
                + b") Tj ET Q"
            )
        self.page = last
        self.current_font_is_set_on_page = False  # the last page may need it set again
        return bytes(self.output(output_producer_class=_Producer))

    # --- blocks -----------------------------------------------------------------------

    def line_height(self, size: float) -> float:
        return size * LEADING * PT

    def draw_lines(
        self, lines: Sequence[str], x: float, style: str = "", size: float = BODY
    ) -> None:
        """Print ``lines`` from the current position down, breaking pages between lines."""
        step = size * LEADING * PT
        done = 0
        while done < len(lines):
            self.room(step)
            fits = max(1, int((self.h - self.BOTTOM - self.y) // step))
            chunk = lines[done : done + fits]
            self.show_lines(x, self.y + step * 0.78, step, chunk, style, size)
            self.y += step * len(chunk)
            done += len(chunk)

    def paragraph(
        self,
        text: str,
        *,
        style: str = "",
        size: float = BODY,
        indent: float = 0.0,
        after: float | None = None,
        keep_spaces: bool = False,
    ) -> None:
        """A block of text across the page, ``indent`` millimetres in from the margin."""
        width = self.epw - indent
        self.draw_lines(
            self.lines(text, width, style, size, keep_spaces=keep_spaces),
            self.l_margin + indent,
            style,
            size,
        )
        self.y += size * LEADING * PT * 0.4 if after is None else after

    def heading(self, text: str, level: int, placed: Callable[[], None] | None = None) -> None:
        """A bold heading, kept on the same page as at least two lines after it;
        ``placed()`` is called once its page is settled (to bookmark it)."""
        size = HEADING_SIZES.get(level, BODY)
        lines = self.lines(text, self.epw, "B", size)
        step = size * LEADING * PT
        self.y += step * (0.5 if level <= 2 else 0.3)
        self.room(step * len(lines) + BODY * LEADING * PT * 2)
        if placed is not None:
            placed()
        self.draw_lines(lines, self.l_margin, "B", size)
        self.y += step * 0.2

    def bullet(self, text: str, depth: int = 0, *, mark: bool = True) -> None:
        """A list item at ``depth`` (0 for the outer list); ``mark`` False for a later
        paragraph of the same item."""
        indent = 6.0 * (depth + 1)
        left = self.l_margin + indent
        lines = self.lines(text, self.w - self.r_margin - left, "", BODY)
        step = BODY * LEADING * PT
        self.room(step)
        sign = "•" if depth % 2 == 0 else "–"
        if mark and self.y + step * len(lines) <= self.h - self.BOTTOM:
            # The usual case, the whole item on this page: one text object, bullet and all.
            self.show_lines(left, self.y + step * 0.78, step, lines, mark=(4.5, sign))
            self.y += step * len(lines)
        else:
            if mark:
                self.show(left - 4.5, self.y + step * 0.78, sign)
            self.draw_lines(lines, left)
        self.y += step * 0.15

    def table(
        self, header: Sequence[str], rows: Sequence[Sequence[str]], size: float = TABLE
    ) -> None:
        """A ruled table across the page, its header repeated on every page it runs over."""
        columns = len(header)
        if not columns:
            return
        printable = self.glyphs.printable
        header = [printable(text) for text in header]
        rows = [
            [printable(text) for text in row[:columns]] + [""] * (columns - len(row))
            for row in rows
        ]
        # Each cell measured once: for the columns' widths, and to know it fits its column.
        measure = self.measure
        sizes = [[measure(text) for text in row] for row in rows]
        widths = self._column_widths(header, rows, sizes, size)
        lefts = list(accumulate([self.l_margin, *widths[:-1]]))
        step = size * LEADING * PT
        inner = [width - 2 * CELL_PAD for width in widths]
        k = self.k
        # What every row writes the same: where each cell's border and text start, the
        # borders' colour and width, how far one line is below the one before.
        borders = [
            f"{left * k:.2f} {{top}} {width * k:.2f} {{height}} re"
            for left, width in zip(lefts, widths, strict=True)
        ]
        border = " ".join(borders)
        starts = [f"1 0 0 1 {(left + CELL_PAD) * k:.2f}" for left in lefts]
        move = f") Tj 0 {-step * k:.2f} Td (".encode("ascii")
        pen = f"q {0.2 * k:.2f} w 0.549 G "
        header_lines = [
            self.lines(text, width, "B", size) for text, width in zip(header, inner, strict=True)
        ]

        def draw_row(cells: list[list[str]], style: str) -> None:
            """One row, split over pages if it is taller than what is left; a header row
            is grey."""
            while True:
                count = max(map(len, cells)) or 1
                bottom = self.h - self.BOTTOM
                fits = int((bottom - self.y - 2 * CELL_PAD) // step)
                if fits < min(count, 2) and self.y > self.t_margin + 0.01:
                    self.add_page()
                    if style != "B":
                        draw_row(header_lines, "B")
                    continue
                shown = min(count, max(fits, 1))
                height = shown * step + 2 * CELL_PAD
                top = (self.h - self.y) * k
                paint = f"{pen}{GREY} g {border} B Q" if style == "B" else f"{pen}{border} S Q"
                written = self._codes[style].written
                baseline = f" {(self.h - self.y - CELL_PAD - step * 0.78) * k:.2f} Tm ("
                text = [
                    (start + baseline).encode("ascii")
                    + move.join(map(written, cell[:shown]))
                    + b") Tj"
                    for start, cell in zip(starts, cells, strict=True)
                    if any(cell[:shown])
                ]
                self.write_content(
                    (
                        paint.format(top=f"{top:.2f}", height=f"{-height * k:.2f}")
                        + f"\nBT 0 g {self._font_names[style]} {size:.2f} Tf "
                    ).encode("ascii")
                    + b" ".join(text)
                    + b" ET"
                )
                self.y += height
                if shown >= count:
                    return
                cells = [cell[shown:] for cell in cells]

        # The header and the first row start on the same page.
        first = rows[0] if rows else [""] * columns
        first_height = max(
            len(self.lines(text, width, "", size)) for text, width in zip(first, inner, strict=True)
        )
        self.room((max(len(cell) for cell in header_lines) + first_height) * step + 4 * CELL_PAD)
        draw_row(header_lines, "B")
        lines = self.lines
        limits = [width * 1000 / (size * PT) for width in inner]
        for row, row_sizes in zip(rows, sizes, strict=True):
            draw_row(
                [
                    # A cell that fits its column as it is: one line (lines() would say so).
                    [text] if units <= limit and _settled(text) else lines(text, width, "", size)
                    for text, units, limit, width in zip(row, row_sizes, limits, inner, strict=True)
                ],
                "",
            )
        self.y += BODY * LEADING * PT * 0.5

    def _column_widths(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        sizes: Sequence[Sequence[float]],
        size: float,
    ) -> list[float]:
        """Widths that give every column room for its longest word (capped), then share
        what is left by how much text each column holds.  ``header`` and ``rows`` are
        printable, and ``sizes`` gives each cell's width in thousandths of the size."""
        available = self.epw
        measure = self.measure
        natural: list[float] = []
        needed: list[float] = []
        for index, title in enumerate(header):
            natural.append(
                max(measure(title, "B"), max((row[index] for row in sizes), default=0.0))
            )
            # The column's longest word: each different word measured once.
            words = set(" ".join([row[index] for row in rows]).split())
            needed.append(
                max(
                    max(map(measure, words), default=0.0),
                    max(map(measure, title.split(), repeat("B")), default=0.0),
                )
            )
        scale = size * PT / 1000
        pad = 2 * CELL_PAD + 0.5
        natural = [min(width * scale + pad, available) for width in natural]
        needed = [min(width * scale + pad, available * 0.35) for width in needed]
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


def _settled(text: str) -> bool:
    """Whether ``text`` has no white space that :meth:`Pages.lines` would tidy."""
    return (
        "  " not in text
        and "\n" not in text
        and "\t" not in text
        and text[:1] != " "
        and text[-1:] != " "
    )


def fixed_date(day: _dt.date) -> _dt.datetime:
    """A PDF's creation date from a day: midnight UTC, so the same day gives the same bytes."""
    return _dt.datetime(day.year, day.month, day.day, tzinfo=_dt.UTC)


def text_pdf(
    text: str,
    *,
    title: str,
    author: str = "",
    subject: str = "",
    dated: _dt.date,
    markdown: bool = True,
) -> bytes:
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
    return pages.finish()
