"""What each exhibit becomes inside the PDF bundle: its own pages, a picture, typeset text, or
a note that it is supplied separately.

A PDF is read with pypdf and its pages are appended as they are (never re-rendered); a PNG
or JPEG is placed on an A4 page; a text file is typeset; anything else is named on its
divider page as supplied separately.  A PDF protected by a password, or one too damaged to
read, and a picture that cannot be decoded, are reported by name and treated as supplied
separately, so the bundle is still made.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NamedTuple

# The exhibit record of the timeline; imported for its type only.
from ..timeline import Exhibit

PDF = "pdf"
IMAGE = "image"
TEXT = "text"
SEPARATE = "separate"

# Extensions of files a person reads as text; their bytes must also decode.
TEXT_EXTENSIONS = frozenset({"txt", "text", "md", "csv", "tsv", "log", "eml", "json", "xml"})


class Prepared(NamedTuple):
    """An exhibit ready to be placed: its ``form`` (pdf, image, text or separate).

    ``pages`` holds a PDF's page objects; ``text`` a text file's decoded text;
    ``problem`` says, for a file that could not be included, why ("is protected with a
    password"), and is empty otherwise.
    """

    exhibit: Exhibit
    form: str
    data: bytes
    pages: tuple[Any, ...] = ()
    text: str = ""
    problem: str = ""
    size: tuple[float, float] = (0.0, 0.0)  # a picture's pixels, width and height

    @property
    def page_count(self) -> int:
        """Pages the exhibit itself takes after its divider."""
        if self.form == PDF:
            return len(self.pages)
        return 1 if self.form == IMAGE else 0  # text is counted once typeset


@contextmanager
def quiet_pypdf() -> Iterator[None]:
    """pypdf logs each repair it makes to a damaged file; the bundle reports the file
    once, by name, instead of printing its internals on the parent's screen."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def _extension(exhibit: Exhibit) -> str:
    name = exhibit.bundle_name
    return name.rsplit(".", 1)[-1].lower() if "." in name.rsplit("/", 1)[-1] else ""


def _read_pdf(data: bytes) -> tuple[tuple[Any, ...], str]:
    from pypdf import PdfReader

    with quiet_pypdf():
        try:
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                try:
                    opened = bool(reader.decrypt(""))  # many are locked against editing only
                except Exception:  # an algorithm pypdf cannot open without extras
                    opened = False
                if not opened:
                    return (), "is protected with a password"
            pages = tuple(reader.pages)
            for page in pages:  # read every page now, so a damaged one shows here
                page.mediabox  # noqa: B018
                page.get_contents()
        except Exception:  # pypdf raises many kinds for a damaged file
            return (), "is damaged and cannot be read as a PDF"
    if not pages:
        return (), "is a PDF with no pages"
    return pages, ""


def _read_image(data: bytes) -> tuple[tuple[float, float], str]:
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as picture:
            picture.load()
            return (float(picture.width), float(picture.height)), ""
    except Exception:  # Pillow raises many kinds for a damaged picture
        return (0.0, 0.0), "is a picture that is damaged and cannot be shown"


def prepare(exhibit: Exhibit, data: bytes) -> Prepared:
    """How ``exhibit`` (whose checked bytes are ``data``) goes into the PDF."""
    extension = _extension(exhibit)
    head = data[:1024]
    if b"%PDF-" in head or extension == PDF:
        pages, problem = _read_pdf(data)
        if problem:
            return Prepared(exhibit, SEPARATE, data, problem=problem)
        return Prepared(exhibit, PDF, data, pages=pages)
    if head.startswith(b"\x89PNG\r\n\x1a\n") or head.startswith(b"\xff\xd8\xff"):
        size, problem = _read_image(data)
        if problem:
            return Prepared(exhibit, SEPARATE, data, problem=problem)
        return Prepared(exhibit, IMAGE, data, size=size)
    if extension in TEXT_EXTENSIONS or (not extension and b"\x00" not in head):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")  # an older Windows editor's text
        if "\x00" not in text:
            return Prepared(exhibit, TEXT, data, text=text)
    return Prepared(exhibit, SEPARATE, data)


def describe(item: Prepared) -> str:
    """One sentence for the divider page on what follows it."""
    if item.form == PDF:
        count = len(item.pages)
        return (
            f"A PDF of {count} page{'s' if count != 1 else ''}, appended as supplied on "
            "the following pages (only the page footer is added)."
        )
    if item.form == IMAGE:
        return "A picture, placed on the next page, scaled to fit."
    if item.form == TEXT:
        return "A text file, typeset on the following pages."
    if item.problem:
        return (
            f"This file {item.problem}, so its pages could not be included here: it is "
            "supplied separately."
        )
    extension = _extension(item.exhibit)
    kind = f"a .{extension} file" if extension else "a file of this type"
    return f"This is {kind}, which cannot be shown inside a PDF: it is supplied separately."
