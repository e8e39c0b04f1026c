"""PDF exhibits put in place in the finished bundle, with the bundle's footer on each page.

fpdf2 writes every page the tool sets and keeps, for each page of a PDF exhibit, a page of
the same size in its place.  pypdf then gives each kept page the exhibit page's own entries
(content streams, resources, boxes, rotation, annotations) as they are, so the exhibit is
never redrawn, and adds the footer as a stream of its own after the page's content, in the
page's own frame.  pypdf was chosen as it reads and writes PDFs in pure Python and copies a
page's objects without interpreting them.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import io
from collections.abc import Iterable
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
    view_width = float(page.mediabox.width) if not (page.rotation or 0) % 180 else float(
        page.mediabox.height)
    matrix = " ".join(f"{value:.4f}" for value in _inverse((a, b, c, d, e, f)))
    escaped = shown.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    return (f"q {matrix} cm BT {FOOTER_FONT} 9 Tf 0.24 g "
            f"{(view_width - width) / 2:.2f} 20.5 Td (").encode("ascii") + escaped + b") Tj ET Q"


# Entries of an exhibit page that point back into its own file's structure (its page tree,
# its tagged structure, articles): copying them would bring the whole file along.
_NOT_COPIED = frozenset(("/Type", "/Parent", "/StructParents", "/B", "/Tabs", "/PieceInfo"))
# Annotation entries that point at other pages or annotations of the original file.
_ANNOTATION_LINKS = ("/P", "/Popup", "/Parent", "/IRT")


def _annotations(annotations: Any, writer: Any, placed: Any) -> Any:
    """An exhibit page's annotations (notes, form fields' looks, links to web pages) for
    its place in the bundle: links into other pages of the original file are left out,
    as those pages are not the bundle's."""
    from pypdf.generic import ArrayObject, NameObject

    kept = ArrayObject()
    for item in annotations.get_object():
        annotation = item.get_object()
        action = annotation.get("/A")
        action = action.get_object() if action is not None else {}
        if annotation.get("/Subtype") == "/Link" and (
                "/Dest" in annotation or action.get("/S") == "/GoTo"):
            continue
        copied = annotation.clone(writer, ignore_fields=_ANNOTATION_LINKS)
        copied[NameObject("/P")] = placed.indirect_reference
        kept.append(copied.indirect_reference or copied)
    return kept


def put_in_place(data: bytes, placeholders: list[tuple[int, Any, str]], dated: _dt.date,
                 fingerprints: Iterable[str]) -> bytes:
    """``data`` (fpdf2's document) with each PDF exhibit page in the place kept for it:
    ``placeholders`` holds (page number, exhibit page, exhibit reference).  The document's
    dates are set to ``dated`` and its id is made from its content and the exhibits'
    ``fingerprints`` (SHA-256), so the same bundle gives the same bytes."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (
        ArrayObject,
        ByteStringObject,
        DecodedStreamObject,
        DictionaryObject,
        NameObject,
    )

    with quiet_pypdf():
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)), keep_initial_header=True)
        total = len(writer.pages)
        font = writer._add_object(DictionaryObject({
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }))

        def stream(content: bytes) -> Any:
            made = DecodedStreamObject()
            made.set_data(content)
            return writer._add_object(made)  # pypdf's way to add an object; no public one

        save, restore = stream(b"q"), stream(b"Q")
        kept = frozenset(("/Type", "/Parent"))  # the page kept's own place in the tree
        for number, page, ref in placeholders:
            # The page kept for it takes the exhibit page's own entries (content,
            # resources, boxes, rotation, links), copied as they are; replacing it in
            # place keeps the page tree and every link to other pages as they were.
            placed = writer.pages[number - 1]
            for key in [key for key in placed if key not in kept]:
                del placed[key]
            for key, value in page.items():
                if key == "/Annots":
                    placed[NameObject(key)] = _annotations(value, writer, placed)
                elif key not in _NOT_COPIED:
                    placed[NameObject(key)] = value.clone(writer) if hasattr(
                        value, "clone") else value
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
            footer = stream(_footer_stream(placed, f"Page {number} of {total}  \u00b7  {ref}"))
            placed[NameObject("/Contents")] = ArrayObject([save, *parts, restore, footer])
        stamp = f"D:{dated.strftime('%Y%m%d')}000000Z"
        writer.add_metadata({"/ModDate": stamp, "/CreationDate": stamp,
                             "/Producer": "SEN Workbook"})
        digest = hashlib.sha256(data)
        for fingerprint in fingerprints:
            digest.update(fingerprint.encode("ascii"))
        identifier = ByteStringObject(digest.digest()[:16])
        writer._ID = ArrayObject([identifier, identifier])  # pypdf's own id is random
        out = io.BytesIO()
        writer.write(out)
    return out.getvalue()
