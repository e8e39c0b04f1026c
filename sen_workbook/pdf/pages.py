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
from bisect import bisect_right
from collections.abc import Callable, Collection, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from itertools import accumulate, repeat
from operator import add
from typing import NamedTuple
from zlib import adler32, compress

from fpdf import FPDF
from fpdf.fonts import TTFFont
from fpdf.output import OutputProducer, PDFPage, _dimensions_to_mediabox
from fpdf.syntax import Name, PDFContentStream, create_dictionary_string
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

# Windows-1252: Latin-1's letters and, where Latin-1 has unprintable controls, the curly
# quotes, dashes, bullet and ellipsis that a family's notes and the timeline's own words
# use ("R12 — 2024-03-01", “he said”).  Text in it is one byte a letter, so a whole line
# is measured, broken and written by byte tables in one go; any other text letter by letter.
# Text is encoded as Latin-1 first, the codec's quick path, which gives the same bytes for
# the letters both have: printable text has none of Latin-1's controls (0x80 to 0x9F),
# the bytes where Windows-1252 has its quotes and dashes.
SINGLE_BYTE = "cp1252"
# The letter each byte stands for ("" for the five bytes Windows-1252 leaves unused).
_BYTE_LETTERS = tuple(bytes([byte]).decode(SINGLE_BYTE, errors="ignore") for byte in range(256))
# The C1 controls' bytes: Latin-1 gives U+0080 to U+009F these, where Windows-1252 has
# other letters (0x80 is the euro), so Latin-1's bytes are Windows-1252's only without them.
_C1_BYTES = bytes(range(0x80, 0xA0))


def single_bytes(text: str) -> bytes | None:
    """``text`` in Windows-1252 bytes (:data:`SINGLE_BYTE`), or ``None`` when a letter has
    none.  Latin-1's codec, much the quicker, is tried first: its bytes are the same for
    every letter but the C1 controls, which Windows-1252 cannot write at all."""
    try:
        raw = text.encode("latin-1")
    except UnicodeEncodeError:
        pass
    else:
        if raw.isascii() or len(raw.translate(None, _C1_BYTES)) == len(raw):
            return raw
    try:
        return text.encode(SINGLE_BYTE)
    except UnicodeEncodeError:
        return None


class _Page(PDFPage):
    """fpdf2's page, whose dictionary is written straight from the entries a page of ours
    has (contents, group, media box, parent, resources), in the order fpdf2 writes them,
    rather than found by listing every attribute of the object: a 2,000-page bundle spent
    a tenth of its time there.  A page with anything else (links) is left to fpdf2."""

    __slots__ = ()

    def _entries(self) -> dict[str, str] | None:
        """The page's dictionary, or ``None`` for a page with more than ours have."""
        if (
            self.annots
            or self.dur
            or self.trans
            or self.struct_parents is not None
            or self.resources is None
            or self.parent is None
        ):
            return None
        entries = {"/Contents": self.contents.ref}  # type: ignore[union-attr]
        if self.group:
            entries["/Group"] = str(self.group)
        if self.media_box:
            entries["/MediaBox"] = str(self.media_box)
        entries["/Parent"] = self.parent.ref
        entries["/Resources"] = self.resources.ref
        entries["/Type"] = "/Page"
        return entries

    def _build_obj_dict(self, security_handler: object = None) -> dict[str, object]:
        entries = self._entries()
        if entries is None:
            return super()._build_obj_dict(security_handler)  # type: ignore[arg-type]
        return dict(entries)

    def serialize(  # type: ignore[override]  # fpdf2's writer takes bytes as they are
        self, obj_dict: dict[str, object] | None = None, _security_handler: object = None
    ) -> str | bytes:
        """The page object as fpdf2 writes it, as bytes, without its general steps."""
        entries = self._entries() if obj_dict is None and _security_handler is None else None
        if entries is None:
            return super().serialize(obj_dict, _security_handler)  # type: ignore[arg-type]
        fields = "\n".join([f"{key} {value}" for key, value in entries.items()])
        return f"{self.id} 0 obj\n<<\n{fields}\n>>\nendobj".encode("latin-1")


class _Stream(PDFContentStream):
    """A page's content stream, already compressed or not, its dictionary written as
    fpdf2 writes it, directly, and the whole object as bytes: fpdf2 turns each stream
    into text and back, a copy of every page's content twice."""

    def __init__(self, contents: bytes, compressed: bool) -> None:
        super().__init__(b"")
        self._contents = contents
        self.filter = Name("FlateDecode") if compressed else None
        self.length = len(contents)

    def _build_obj_dict(self, security_handler: object = None) -> dict[str, object]:
        if self.filter is None:
            return {"/Length": self.length}
        return {"/Filter": "/FlateDecode", "/Length": self.length}

    def serialize(  # type: ignore[override]  # fpdf2's writer takes bytes as they are
        self, obj_dict: dict[str, object] | None = None, _security_handler: object = None
    ) -> str | bytes:
        if _security_handler is not None:
            return super().serialize(obj_dict, _security_handler)  # type: ignore[arg-type]
        entries = create_dictionary_string(
            obj_dict or self._build_obj_dict(), open_dict="", close_dict=""
        )
        return (
            f"{self.id} 0 obj\n<<\n{entries}\n>>\nstream\n".encode("latin-1")
            + self._contents
            + b"\nendstream\nendobj"
        )


def _compressed(contents: Sequence[bytes | bytearray]) -> list[bytes]:
    """Each page's content compressed as fpdf2 would (zlib at :data:`PDFContentStream`'s
    level), half of them in a second thread: zlib lets go of the interpreter while it
    works, so on two cores the two halves take the time of one.  The bytes are the
    same whichever thread compresses a page."""
    level = PDFContentStream._COMPRESSION_LEVEL
    if len(contents) < 64:
        return [compress(content, level) for content in contents]
    half = len(contents) // 2
    with ThreadPoolExecutor(max_workers=1) as pool:
        later = pool.submit(lambda: [compress(content, level) for content in contents[half:]])
        return [compress(content, level) for content in contents[:half]] + later.result()


class _Producer(OutputProducer):
    """fpdf2's writer, with its pages and their contents written by :class:`_Page` and
    :class:`_Stream`, and the contents compressed two at a time (:func:`_compressed`)."""

    def _add_pages(self, _slice: slice = slice(0, None)) -> list[PDFPage]:
        # fpdf2's own steps for each page, but for the compression.
        fpdf = self.fpdf
        pages = list(self._iter_pages_in_order())[_slice]
        contents: Sequence[bytes | bytearray] = [page.contents for page in pages]  # type: ignore[misc]
        if fpdf.compress:
            contents = _compressed(contents)
        page_objs: list[PDFPage] = []
        for page_obj, content in zip(pages, contents, strict=True):
            if fpdf.pdf_version > "1.3" and fpdf.allow_images_transparency:
                page_obj.group = create_dictionary_string(
                    {"/Type": "/Group", "/S": "/Transparency", "/CS": "/DeviceRGB"},
                    field_join=" ",
                )
            if page_obj.dimensions() != fpdf.default_page_dimensions:
                page_obj.media_box = _dimensions_to_mediabox(page_obj.dimensions())
            self._add_pdf_obj(page_obj, "pages")
            page_objs.append(page_obj)
            stream = _Stream(bytes(content), fpdf.compress)
            self._add_pdf_obj(stream, "pages")
            page_obj.contents = stream
            page_obj.__class__ = _Page
        return page_objs


# OpenType tables for shaping text, which the pages never do.
_LAYOUT_TABLES = ("BASE", "GDEF", "GPOS", "GSUB")

# Codes that a PDF string needs a backslash for: a carriage return, "(", ")" and "\".
# fpdf2 hands out each face's codes from 1 up, skipping those it reserves; these are
# reserved too (:func:`_reserve_special_codes`), so a line of letters with one-byte
# codes is written with no escaping at all.
_SPECIAL_CODES = (0x0D, 0x28, 0x29, 0x5C)


def _reserve_special_codes(subset: object) -> None:
    """Keep fpdf2 from giving a letter one of :data:`_SPECIAL_CODES`, before any letter
    has a code.  Should fpdf2 keep its codes otherwise, such a letter is still written
    correctly, letter by letter, as :class:`_Codes` never puts it in its byte table."""
    reserved = getattr(subset, "_reserved", None)
    if isinstance(reserved, list) and getattr(subset, "_next", None) == 0:
        subset._reserved = sorted({*reserved, *_SPECIAL_CODES})  # type: ignore[attr-defined]


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
        # For each Windows-1252 byte whose letter's code is one byte needing no escape,
        # that code; and those bytes (with a line end, which runs of lines are joined by).
        self.low = bytearray(256)
        self.simple = bytearray(b"\n")

    def __missing__(self, char: int) -> str:
        code = self._subset.pick(char)  # type: ignore[attr-defined]
        written = (
            "" if code is None else escape_parens(chr(code).encode("utf-16-be").decode("latin-1"))
        )
        self[char] = written
        if code is not None and code < 256 and code not in _SPECIAL_CODES and char != 10:
            try:
                byte = chr(char).encode(SINGLE_BYTE)
            except UnicodeEncodeError:
                return written
            self.low[byte[0]] = code
            self.simple += byte
        return written

    def encoded(self, raw: bytes) -> bytes | None:
        """Single-byte text (:data:`SINGLE_BYTE`) as it goes between the parentheses of
        a ``Tj``, each letter's code as two bytes, the high one zero; ``None`` when a
        letter has no such code.  A line end (never in printable text) becomes two zero
        bytes, so that lines joined by line ends are encoded at once and cut apart after."""
        simple = self.simple
        if raw.translate(None, simple):
            for byte in raw.translate(None, simple):
                self[ord(_BYTE_LETTERS[byte])]  # noqa: B018  (asks fpdf2 for a new letter)
            if raw.translate(None, self.simple):
                return None
        return raw.translate(self.low).decode("latin-1").encode("utf-16-be")

    def written(self, line: str) -> bytes:
        """``line`` as it goes between the parentheses of a ``Tj``.

        A line of Windows-1252 letters whose codes are one byte each (nearly every line
        of a family's notes) is written by a byte table in one go, the high bytes left at
        zero, four times quicker than letter by letter; any other is translated.
        """
        raw = single_bytes(line)
        if raw is None:
            return line.translate(self).encode("latin-1")
        encoded = self.encoded(raw)
        return line.translate(self).encode("latin-1") if encoded is None else encoded


class _Run(NamedTuple):
    """Lines of text joined by line ends, in single bytes (:data:`SINGLE_BYTE`), with
    each letter's code (two bytes a letter) and the high and low bytes of its width."""

    raw: bytes
    codes: bytes
    high: bytes
    low: bytes


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
        faces = {style: self._face(style) for style in ("", "B")}
        for face in faces.values():
            # Text is set letter by letter, without shaping, so the typeface's layout
            # tables (ligatures, kerning, baselines) are never read; fpdf2 leaves them
            # out of the subset it embeds, but only after working through them.
            for table in _LAYOUT_TABLES:
                if table in face.ttfont:
                    del face.ttfont[table]
        self._widths = {style: face.cw for style, face in faces.items()}
        # The high and low bytes of each Windows-1252 letter's width, for :meth:`measure`,
        # where the widths are whole numbers below 65,536 (thousandths of the size).
        self._width_bytes: dict[str, tuple[bytes, bytes] | None] = {}
        for style, widths in self._widths.items():
            found = [widths[ord(letter)] if letter else 0 for letter in _BYTE_LETTERS]
            whole = all(isinstance(width, int) and 0 <= width < 65536 for width in found)
            single = [int(width) for width in found]
            self._width_bytes[style] = (
                (bytes(width >> 8 for width in single), bytes(width & 255 for width in single))
                if whole
                else None
            )
        self._font_names = {style: f"/F{face.i}" for style, face in faces.items()}
        self.glyphs = fonts.Glyphs(set(faces[""].cmap))
        # The bytes of text that :meth:`Glyphs.printable` leaves as it is, as encoded in
        # Windows-1252 and in Latin-1 (whose 0x80 to 0x9F are controls), and the line end
        # that joins a run of lines.
        shown = bytes(
            byte for byte, letter in enumerate(_BYTE_LETTERS) if letter in self.glyphs.letters
        )
        self._shown_bytes = {
            SINGLE_BYTE: shown + b"\n",
            "latin-1": bytes(byte for byte in shown if not 0x80 <= byte < 0xA0) + b"\n",
        }
        self._measured: dict[str, dict[str, float]] = {style: {} for style in self._widths}
        for face in faces.values():
            _reserve_special_codes(face.subset)
        self._codes = {style: _Codes(face.subset) for style, face in faces.items()}
        self.footer_ref = ""
        self._refs: dict[int, str] = {}
        # What every run of list items writes the same (:meth:`bullets`): the bullets'
        # codes; for each depth (on a page that wide), the line's width in thousandths of
        # the size and where its bullet stands; each move between items, written out.
        self._list_marks: tuple[bytes, bytes] | None = None
        self._list_limits: dict[tuple[int, float], tuple[float, int]] = {}
        self._list_moves: dict[tuple[int, int], bytes] = {}
        # The page count is printed by finish(), not by fpdf2: None turns fpdf2's alias
        # off, as its documentation says, though its signature names only a string.
        self.alias_nb_pages(None)  # type: ignore[arg-type]
        self.set_creator("SEN Workbook")
        self.set_producer("SEN Workbook")
        self.set_lang("en-GB")
        # One /Resources dictionary shared by every page (fpdf2's setting), rather than one
        # for each of 2,000 pages built and written out with the same two fonts in it; it
        # names every font the document has, so text written here needs no registering.
        self.single_resources_object = True

    def _face(self, style: str) -> TTFFont:
        """The typeface of ``style`` as fpdf2 loaded it (a TrueType font, never a core one)."""
        face = self.fonts[fonts.FAMILY.lower() + style]
        if not isinstance(face, TTFFont):
            raise TypeError(f"{fonts.FAMILY} {style!r} is not a TrueType font")
        return face

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
        """``text`` (Windows-1252, single spaces, none at either end) broken as :meth:`lines`
        breaks it (:meth:`_spans`).  ``None`` for text this cannot take, or when a word is
        wider than a line on its own (it is then split by letters)."""
        tables = self._width_bytes[style]
        if tables is None:
            return None
        raw = single_bytes(text)
        if raw is None:
            return None
        spans = _spans(raw, raw.translate(tables[0]), raw.translate(tables[1]), limit)
        return None if spans is None else [text[start:end] for start, end in spans]

    def measure(self, text: str, style: str = "") -> float:
        """The width of printable ``text`` in thousandths of the type size, not kept.

        Windows-1252 text (nearly all) is measured by two byte tables, the high
        and low bytes of each letter's width, summed: the same whole number as adding
        the widths letter by letter, in a third of the time.
        """
        tables = self._width_bytes[style]
        if tables is not None:
            raw = single_bytes(text) or b""
            if raw or not text:
                return _width(raw.translate(tables[0]), raw.translate(tables[1]))
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
        Windows-1252 paragraph is broken at the running width of its letters (:meth:`_break`);
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
        contents.append(10)

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
        self.show_encoded(x, baseline, step, [written(line) for line in lines], style, size, mark)

    def show_encoded(
        self,
        x: float,
        baseline: float,
        step: float,
        lines: Sequence[bytes],
        style: str = "",
        size: float = BODY,
        mark: tuple[float, str] | None = None,
    ) -> None:
        """:meth:`show_lines` of lines already encoded (:meth:`_Codes.written`)."""
        k = self.k
        head = f"BT 0 g {self._font_names[style]} {size:.2f} Tf "
        if mark:
            head += f"{(x - mark[0]) * k:.2f} {(self.h - baseline) * k:.2f} Td ("
            start = (
                head.encode("ascii")
                + self._codes[style].written(mark[1])
                + f") Tj {mark[0] * k:.2f} 0 Td (".encode("ascii")
            )
        else:
            start = f"{head}{x * k:.2f} {(self.h - baseline) * k:.2f} Td (".encode("ascii")
        if len(lines) == 1:
            self.write_content(start + lines[0] + b") Tj ET")
        else:
            move = f") Tj 0 {-step * k:.2f} Td (".encode("ascii")
            self.write_content(start + move.join(lines) + b") Tj ET")

    def encoded_lines(
        self, text: str, width: float, style: str = "", size: float = BODY
    ) -> list[bytes] | None:
        """:meth:`lines` of ``text``, each encoded as :meth:`_Codes.written` writes it,
        with the text encoded and measured once (:meth:`_run`); ``None`` for text that
        needs :meth:`lines` itself (a letter outside Windows-1252, spacing to tidy, a
        word wider than the line)."""
        run = self._run([text], style)
        if run is None:
            return None
        limit = width * 1000 / (size * PT)
        if _width(run.high, run.low) <= limit:
            return [run.codes]
        spans = _spans(run.raw, run.high, run.low, limit)
        if spans is None:
            return None
        return [run.codes[2 * start : 2 * end] for start, end in spans]

    def _run(self, texts: Sequence[str], style: str) -> _Run | None:
        """``texts``, joined by line ends, in single bytes with their codes and widths,
        when every one is printable as it stands (:meth:`Glyphs.printable` and the
        spacing :meth:`lines` would leave alone), in Windows-1252 letters whose codes
        are one byte; ``None`` otherwise."""
        joined = "\n".join(texts)
        try:
            raw = joined.encode("latin-1")  # the codec's quick path; the same bytes
            shown = self._shown_bytes["latin-1"]
        except UnicodeEncodeError:
            try:
                raw = joined.encode(SINGLE_BYTE)
            except UnicodeEncodeError:
                return None
            shown = self._shown_bytes[SINGLE_BYTE]
        tables = self._width_bytes[style]
        if (
            tables is None
            or raw.translate(None, shown)
            or b"  " in raw
            or b" \n" in raw
            or b"\n " in raw
            or raw[:1] == b" "
            or raw[-1:] == b" "
            or raw.count(b"\n") != len(texts) - 1
        ):
            return None
        codes = self._codes[style].encoded(raw)
        if codes is None:
            return None
        return _Run(raw, codes, raw.translate(tables[0]), raw.translate(tables[1]))

    def bullets(self, items: Iterable[tuple[str, int, bool]]) -> None:
        """List items one after another, each ``(text, depth, first)`` as for :meth:`bullet`.

        The same as :meth:`bullet` for each, in one loop: a 5,000-entry timeline has some
        30,000 items.  Their texts are encoded, measured and given their codes together
        (:meth:`_run`), each item's lines then cut from that; the items that fit on a
        page are written as one text object, each placed by its move from the one before
        (in whole hundredths of a point, so each stands where it would on its own),
        rather than as an object apiece naming its font again.
        """
        items = list(items)
        texts = [text for text, _depth, _first in items]
        # Where each item's text is: a run of them all, or each on its own.
        run = self._run(texts, "")
        places: list[tuple[_Run, int, int] | None] = []
        if run is not None:
            start = 0
            for text in texts:
                places.append((run, start, start + len(text)))
                start += len(text) + 1
        else:
            for text in texts:
                alone = self._run([text], "")
                places.append(None if alone is None else (alone, 0, len(text)))
        step = BODY * LEADING * PT
        k = self.k
        if self._list_marks is None:
            written = self._codes[""].written
            self._list_marks = (written("•"), written("–"))
        signs = self._list_marks
        head = f"BT 0 g {self._font_names['']} {BODY:.2f} Tf ".encode("ascii")
        # Distances in hundredths of a point: one line down, and from bullet to text.
        down = round(step * k * 100)
        indent = round(4.5 * k * 100)
        move = f") Tj 0 {-down / 100:.2f} Td (".encode("ascii")
        gap = f") Tj {indent / 100:.2f} 0 Td (".encode("ascii")
        right = self.w - self.r_margin
        limits = self._list_limits
        moves = self._list_moves
        parts: list[bytes] = []  # the text object open on this page
        at_x = at_y = 0  # where its last line starts, in hundredths of a point

        def close() -> None:
            if parts:
                self.write_content(head + b"".join(parts) + b") Tj ET")
                parts.clear()

        # The page's height and foot, and the position down it (self.y) kept locally
        # while this loop alone moves it.
        height = self.h
        bottom = height - self.BOTTOM
        y = self.y
        for (text, depth, first), place in zip(items, places, strict=True):
            setting = limits.get((depth, right))
            if setting is None:
                left = self.l_margin + 6.0 * (depth + 1)
                setting = limits[depth, right] = (
                    (right - left) * 1000 / (BODY * PT),
                    round((left - 4.5) * k * 100),
                )
            limit, x = setting
            spans: list[tuple[int, int]] | None = None
            if place is not None:
                found, start, end = place
                high, low = found.high[start:end], found.low[start:end]
                # _width(high, low), written out: this is done for every item.
                units = (
                    (((adler32(high) & 0xFFFF) - 1) << 8) + (adler32(low) & 0xFFFF) - 1
                    if end - start <= 256
                    else _width(high, low)
                )
                if units <= limit:
                    spans = [(start, end)]  # most items: one line
                else:
                    spans = _spans(found.raw[start:end], high, low, limit)
                    if spans is not None:
                        spans = [(start + a, start + b) for a, b in spans]
            if y + step > bottom:
                close()
                self.add_page()
                height = self.h
                bottom = height - self.BOTTOM
                y = self.y
            if spans is None or not first or y + step * len(spans) > bottom:
                close()
                self.y = y
                self.bullet(text, depth, mark=first)  # over a page, or a later paragraph
                height = self.h
                bottom = height - self.BOTTOM
                y = self.y
                continue
            top = round((height - y - step * 0.78) * k * 100)
            if parts:
                jump = moves.get((x - at_x, top - at_y))
                if jump is None:
                    jump = moves[x - at_x, top - at_y] = (
                        f") Tj {(x - at_x) / 100:.2f} {(top - at_y) / 100:.2f} Td (".encode("ascii")
                    )
                parts.append(jump)
            else:
                parts.append(f"{x / 100:.2f} {top / 100:.2f} Td (".encode("ascii"))
            parts.append(signs[depth % 2])
            parts.append(gap)
            codes = found.codes
            if len(spans) == 1:
                parts.append(codes[2 * spans[0][0] : 2 * spans[0][1]])
            else:
                parts.append(move.join([codes[2 * a : 2 * b] for a, b in spans]))
            at_x, at_y = x + indent, top - down * (len(spans) - 1)
            y += step * len(spans)
            y += step * 0.15
        self.y = y
        close()

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

    def add_page(self, *args: object, **kwargs: object) -> None:
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
        written = self._codes[style].written
        self.draw_encoded([written(line) for line in lines], x, style, size)

    def draw_encoded(
        self, lines: Sequence[bytes], x: float, style: str = "", size: float = BODY
    ) -> None:
        """:meth:`draw_lines` of lines already encoded (:meth:`_Codes.written`)."""
        step = size * LEADING * PT
        done = 0
        while done < len(lines):
            self.room(step)
            fits = max(1, int((self.h - self.BOTTOM - self.y) // step))
            chunk = lines[done : done + fits]
            self.show_encoded(x, self.y + step * 0.78, step, chunk, style, size)
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
        encoded = None if keep_spaces else self.encoded_lines(text, width, style, size)
        if encoded is None:
            written = self._codes[style].written
            lines = self.lines(text, width, style, size, keep_spaces=keep_spaces)
            encoded = [written(line) for line in lines]
        self.draw_encoded(encoded, self.l_margin + indent, style, size)
        self.y += size * LEADING * PT * 0.4 if after is None else after

    def heading(self, text: str, level: int, placed: Callable[[], None] | None = None) -> None:
        """A bold heading, kept on the same page as at least two lines after it;
        ``placed()`` is called once its page is settled (to bookmark it)."""
        size = HEADING_SIZES.get(level, BODY)
        encoded = self.encoded_lines(text, self.epw, "B", size)
        if encoded is None:
            written = self._codes["B"].written
            encoded = [written(line) for line in self.lines(text, self.epw, "B", size)]
        step = size * LEADING * PT
        self.y += step * (0.5 if level <= 2 else 0.3)
        self.room(step * len(encoded) + BODY * LEADING * PT * 2)
        if placed is not None:
            placed()
        self.draw_encoded(encoded, self.l_margin, "B", size)
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

    def ruled_table(
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
        # The cells are encoded and measured together where they can be (:meth:`_run`).
        flat = [text for row in rows for text in row]
        run = self._run(flat, "") if flat else None
        places: list[tuple[int, int]] = []
        if run is None:
            measure = self.measure
            sizes = [[measure(text) for text in row] for row in rows]
        else:
            start = 0
            for text in flat:
                places.append((start, start + len(text)))
                start += len(text) + 1
            high, low = run.high, run.low
            measured: list[float] = [_width(high[a:b], low[a:b]) for a, b in places]
            sizes = [measured[index : index + columns] for index in range(0, len(flat), columns)]
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
        starts = [f"1 0 0 1 {(left + CELL_PAD) * k:.2f}".encode("ascii") for left in lefts]
        move = f") Tj 0 {-step * k:.2f} Td (".encode("ascii")
        pen = f"q {0.2 * k:.2f} w 0.549 G "
        bold = self._codes["B"].written
        header_lines = [
            [bold(line) for line in self.lines(text, width, "B", size)]
            for text, width in zip(header, inner, strict=True)
        ]

        def draw_row(cells: list[list[bytes]], style: str) -> None:
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
                baseline = f" {(self.h - self.y - CELL_PAD - step * 0.78) * k:.2f} Tm (".encode(
                    "ascii"
                )
                text = [
                    start + baseline + move.join(part) + b") Tj"
                    for start, part in zip(
                        starts,
                        cells if shown >= count else [cell[:shown] for cell in cells],
                        strict=True,
                    )
                    if any(part)
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
        written = self._codes[""].written
        limits = [width * 1000 / (size * PT) for width in inner]
        codes = b"" if run is None else run.codes
        index = 0
        for row, row_sizes in zip(rows, sizes, strict=True):
            cells: list[list[bytes]] = []
            for text, units, limit, width in zip(row, row_sizes, limits, inner, strict=True):
                if run is not None:
                    start, end = places[index]
                    index += 1
                    if units <= limit:  # it fits as it is (lines() would say so)
                        cells.append([codes[2 * start : 2 * end]])
                        continue
                    spans = _spans(
                        run.raw[start:end], run.high[start:end], run.low[start:end], limit
                    )
                    if spans is not None:
                        cells.append([codes[2 * (start + a) : 2 * (start + b)] for a, b in spans])
                        continue
                if units > limit or not _settled(text):
                    cells.append([written(line) for line in lines(text, width, "", size)])
                else:
                    cells.append([written(text)])
            draw_row(cells, "")
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
        widths = self._widths[""]
        natural: list[float] = []
        needed: list[float] = []
        for index, title in enumerate(header):
            natural.append(
                max(measure(title, "B"), max((row[index] for row in sizes), default=0.0))
            )
            # The column's widest word: its different words, longest first, each measured
            # until no word left could be wider, having too few letters even were each
            # as wide as the column's widest letter.
            column = " ".join([row[index] for row in rows])
            words = sorted(set(column.split()), key=len)
            letter = max((widths[ord(char)] for char in set(column)), default=0.0)
            widest = max(map(measure, title.split(), repeat("B")), default=0.0)
            while words and len(words[-1]) * letter > widest:
                widest = max(widest, measure(words.pop()))
            needed.append(widest)
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


def _width(high: bytes | memoryview, low: bytes | memoryview) -> int:
    """The width of a piece of single-byte text, in thousandths of the type size, from
    the high and low bytes of its letters' widths.

    Up to 256 letters, each sum is below 65,521, the modulus of Adler-32, whose low
    half is then one more than the sum of the bytes: one call in C, ten times quicker
    than ``sum`` letter by letter (a 5,000-entry timeline measures some 60,000 lines).
    """
    if len(low) <= 256:
        return (((adler32(high) & 0xFFFF) - 1) << 8) + (adler32(low) & 0xFFFF) - 1
    return (sum(high) << 8) + sum(low)


def _spans(raw: bytes, high: bytes, low: bytes, limit: float) -> list[tuple[int, int]] | None:
    """Where single-byte text ``raw`` (single spaces, none at either end) breaks into lines
    no wider than ``limit``, as (start, end) of each line: at spaces only, each line as
    full as it can be.  ``high`` and ``low`` are the high and low bytes of each letter's
    width.  ``None`` when a word is wider than a line on its own (it is then split by
    letters).

    Each break is looked for at the space near where the text's average letter would
    fill the line, then a space at a time towards the last one that fits, each line
    measured in one call (:func:`_width`): two or three measurements a line, rather
    than adding up the letters one by one."""
    end = len(raw)
    total = _width(high, low)
    if total <= limit:
        return [(0, end)]
    letters = int(limit * end / total) if total else end  # an average line's letters
    spans: list[tuple[int, int]] = []
    start = 0
    done = 0  # the width of raw[:start]
    while total - done > limit:
        cut = raw.rfind(b" ", start + 1, min(start + letters, end) + 1)
        if cut < 0:
            cut = raw.find(b" ", start + 1)
            if cut < 0:
                return None
        width = _width(high[start:cut], low[start:cut])
        if width > limit:
            while width > limit:  # back a space at a time to one that fits
                cut = raw.rfind(b" ", start + 1, cut)
                if cut < 0:
                    return None
                width = _width(high[start:cut], low[start:cut])
        else:
            while True:  # on a space at a time while the line still fits
                later = raw.find(b" ", cut + 1)
                if later < 0:
                    break
                longer = _width(high[start:later], low[start:later])
                if longer > limit:
                    break
                cut, width = later, longer
        spans.append((start, cut))
        done += width + (high[cut] << 8) + low[cut]  # the line and the space after it
        start = cut + 1
    spans.append((start, end))
    return spans


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
