"""PDF exhibits put in place in the finished bundle, with the bundle's footer on each page.

fpdf2 writes every page the tool sets and keeps, for each page of a PDF exhibit, a page of
the same size in its place.  Each kept page is then given again, in an incremental update
written after fpdf2's bytes, with the exhibit page's own entries (content streams,
resources, boxes, rotation, annotations) as they are, so the exhibit is never redrawn, and
the footer as a stream of its own after the page's content, in the page's own frame.  pypdf was chosen as it reads and writes PDFs in pure Python and copies a
page's objects without interpreting them.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import io
import re
from collections.abc import Iterable, Mapping
from typing import Any

from .exhibits import quiet_pypdf


def _upright(page: Any) -> tuple[float, float, float, float, float, float]:
    """The matrix that takes a page's content space to its upright view: the page as it
    is shown, turned by its /Rotate (clockwise), lower left corner at the origin (a page's
    box need not start at 0, 0)."""
    box = page.mediabox
    left, bottom = float(box.left), float(box.bottom)
    width, height = float(box.width), float(box.height)
    turn = (page.rotation or 0) % 360
    if turn == 90:
        return (0, -1, 1, 0, -bottom, width + left)
    if turn == 180:
        return (-1, 0, 0, -1, width + left, height + bottom)
    if turn == 270:
        return (0, 1, -1, 0, height + bottom, -left)
    return (1, 0, 0, 1, -left, -bottom)


def _inverse(m: tuple[float, ...]) -> tuple[float, float, float, float, float, float]:
    a, b, c, d, e, f = m
    det = a * d - b * c
    return (d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det)


FOOTER_FONT = "/SWFooter"


def _footer_stream(page: Any, text: str) -> bytes:
    """Content drawing ``text`` centred at the foot of a page as it is shown, in
    Helvetica (a font every PDF reader has), whatever the page's rotation or box."""
    from fpdf.fonts import CORE_FONTS_CHARWIDTHS

    widths = CORE_FONTS_CHARWIDTHS["helvetica"]
    shown = text.encode("cp1252", errors="replace")
    width = sum(widths.get(char, 556) for char in shown.decode("cp1252")) * 9 / 1000
    a, b, c, d, e, f = _upright(page)
    view_width = (
        float(page.mediabox.width)
        if not (page.rotation or 0) % 180
        else float(page.mediabox.height)
    )
    matrix = " ".join(f"{value:.4f}" for value in _inverse((a, b, c, d, e, f)))
    escaped = shown.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    return (
        (
            f"q {matrix} cm BT {FOOTER_FONT} 9 Tf 0.24 g {(view_width - width) / 2:.2f} 20.5 Td ("
        ).encode("ascii")
        + escaped
        + b") Tj ET Q"
    )


# Entries of an exhibit page that point back into its own file's structure (its page tree,
# its tagged structure, articles): copying them would bring the whole file along.
_NOT_COPIED = frozenset(("/Type", "/Parent", "/StructParents", "/B", "/Tabs", "/PieceInfo"))
# Annotation entries that point at other pages or annotations of the original file.
_ANNOTATION_LINKS = ("/P", "/Popup", "/Parent", "/IRT")


def _annotations(annotations: Any, writer: Any, placed: Any) -> Any:
    """An exhibit page's annotations (notes, form fields' looks, links to web pages) for
    its place in the bundle (``placed``, the reference of the page that takes it): links
    into other pages of the original file are left out, as those pages are not the
    bundle's."""
    from pypdf.generic import ArrayObject, NameObject

    kept = ArrayObject()
    for item in annotations.get_object():
        annotation = item.get_object()
        action = annotation.get("/A")
        action = action.get_object() if action is not None else {}
        if annotation.get("/Subtype") == "/Link" and (
            "/Dest" in annotation or action.get("/S") == "/GoTo"
        ):
            continue
        copied = annotation.clone(writer, ignore_fields=_ANNOTATION_LINKS)
        copied[NameObject("/P")] = placed
        kept.append(copied.indirect_reference or copied)
    return kept


_TRAILER = re.compile(rb"trailer\s*<<(.*?)>>\s*startxref\s*(\d+)\s*%%EOF\s*$", re.S)


def _trailer(data: bytes) -> tuple[int, bytes, bytes, int]:
    """fpdf2's trailer: its /Size, its /Root and /Info references, and where its
    cross-reference table starts."""
    found = _TRAILER.search(data, max(0, len(data) - 4096))
    if found is None:
        raise ValueError("the typeset document has no trailer")
    entries, start = found.group(1), int(found.group(2))

    def entry(pattern: bytes) -> bytes:
        match = re.search(pattern, entries)
        if match is None:
            raise ValueError("the typeset document's trailer lacks an entry")
        return match.group(1)

    size = int(entry(rb"/Size\s+(\d+)"))
    root = entry(rb"/Root\s+(\d+\s+\d+\s+R)")
    info = entry(rb"/Info\s+(\d+\s+\d+\s+R)")
    return size, root, info, start


def put_in_place(
    data: bytes,
    placeholders: list[tuple[int, Any, str]],
    dated: _dt.date,
    fingerprints: Iterable[str],
    page_ids: Mapping[int, int],
    pages_root: int,
) -> bytes:
    """``data`` (fpdf2's document) with each PDF exhibit page in the place kept for it:
    ``placeholders`` holds (page number, exhibit page, exhibit reference), ``page_ids``
    the object number of each page fpdf2 wrote and ``pages_root`` that of its page tree.

    The exhibit pages are written as an incremental update after fpdf2's bytes (the
    PDF's own way of changing a document): each kept page's object is given again with
    the exhibit page's entries, and only the exhibits' objects are new.  fpdf2's
    document is not read back, which was a quarter of a large bundle's time.  The id is
    made from the content and the exhibits' ``fingerprints`` (SHA-256); ``dated`` is the
    document's date, already fpdf2's, so the same bundle gives the same bytes.
    """
    from pypdf import PdfWriter
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        IndirectObject,
        NameObject,
        NullObject,
    )

    del dated  # fpdf2's Info already carries the date
    size, root, info, previous = _trailer(data)
    total = len(page_ids)
    with quiet_pypdf():
        # A writer whose new objects are numbered after fpdf2's, so they can be written
        # as they are after its document.
        writer = PdfWriter()
        while len(writer._objects) < size - 1:
            writer._objects.append(NullObject())  # numbers fpdf2's objects already hold
        font = writer._add_object(
            DictionaryObject(
                {
                    NameObject("/Type"): NameObject("/Font"),
                    NameObject("/Subtype"): NameObject("/Type1"),
                    NameObject("/BaseFont"): NameObject("/Helvetica"),
                    NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
                }
            )
        )

        def stream(content: bytes) -> Any:
            made = DecodedStreamObject()
            made.set_data(content)
            return writer._add_object(made)  # pypdf's way to add an object; no public one

        save, restore = stream(b"q"), stream(b"Q")
        replaced: dict[int, Any] = {}
        for number, page, ref in placeholders:
            # The page kept for it takes the exhibit page's own entries (content,
            # resources, boxes, rotation, links), copied as they are; the object keeps
            # its number, so the page tree and every link to it stay as they were.
            page_id = page_ids[number]
            reference = IndirectObject(page_id, 0, writer)
            placed = DictionaryObject()
            placed[NameObject("/Type")] = NameObject("/Page")
            placed[NameObject("/Parent")] = IndirectObject(pages_root, 0, writer)
            for key, value in page.items():
                if key == "/Annots":
                    placed[NameObject(key)] = _annotations(value, writer, reference)
                elif key not in _NOT_COPIED:
                    placed[NameObject(key)] = (
                        value.clone(writer) if hasattr(value, "clone") else value
                    )
            resources = placed.get("/Resources")
            resources = resources.get_object() if resources is not None else DictionaryObject()
            placed[NameObject("/Resources")] = resources
            fonts = resources.get("/Font")
            fonts = fonts.get_object() if fonts is not None else DictionaryObject()
            resources[NameObject("/Font")] = fonts
            fonts[NameObject(FOOTER_FONT)] = font
            contents = placed.get("/Contents")
            parts = []
            if contents is not None:
                contents_object = contents.get_object()
                parts = list(contents_object) if isinstance(contents_object, list) else [contents]
            footer = stream(_footer_stream(page, f"Page {number} of {total}  \u00b7  {ref}"))
            placed[NameObject("/Contents")] = ArrayObject([save, *parts, restore, footer])
            replaced[page_id] = placed

        out = io.BytesIO()
        out.write(data if data.endswith(b"\n") else data + b"\n")
        offsets: dict[int, int] = {}
        written = [
            *sorted(replaced.items()),
            *(
                (number, writer._objects[number - 1])
                for number in range(size, len(writer._objects) + 1)
            ),
        ]
        for number, obj in written:
            offsets[number] = out.tell()
            out.write(f"{number} 0 obj\n".encode("ascii"))
            obj.write_to_stream(out)
            out.write(b"\nendobj\n")
        xref = out.tell()
        # The free entry 0 first, as a whole table starts: readers that take a section
        # not starting at 0 for a miscounted one then have nothing to correct.
        out.write(b"xref\n0 1\n0000000000 65535 f \n")
        numbers = sorted(offsets)
        run_start = 0
        for index in range(1, len(numbers) + 1):
            if index == len(numbers) or numbers[index] != numbers[index - 1] + 1:
                run = numbers[run_start:index]
                out.write(f"{run[0]} {len(run)}\n".encode("ascii"))
                for number in run:
                    out.write(f"{offsets[number]:010} 00000 n \n".encode("ascii"))
                run_start = index
        digest = hashlib.sha256(data)
        for fingerprint in fingerprints:
            digest.update(fingerprint.encode("ascii"))
        identifier = digest.digest()[:16].hex().upper()
        out.write(f"trailer\n<<\n/Size {max(size, len(writer._objects) + 1)}\n".encode("ascii"))
        out.write(b"/Root " + root + b"\n/Info " + info + b"\n")
        out.write(
            f"/ID [<{identifier}><{identifier}>]\n/Prev {previous}\n>>\n"
            f"startxref\n{xref}\n%%EOF\n".encode("ascii")
        )
    return out.getvalue()
