"""The evidence bundle: what a family hands to a council, a tribunal or an advocate.

A bundle is a folder (or a zip of one) holding ``timeline.md``, ``timeline.html`` made from
the same Markdown, ``exhibits/E001-<safe name>.<ext>`` for each attached file the timeline
cites, and ``MANIFEST.sha256`` in ``sha256sum`` format, so anyone can check with
``sha256sum -c MANIFEST.sha256`` that nothing was changed or lost on the way.
In ``timeline.html`` each exhibit reference the timeline makes is a relative link to
the exhibit's file, so the page opened from the folder leads to every file it cites.

Made by the workbook, a folder or zip also holds ``bundle.pdf``, the same evidence as one
PDF (:mod:`sen_workbook.pdf`), listed in the manifest like every other file.

This module builds the files as bytes; writing them to disk is the workbook's job.

With a pseudonym, the child's names appear in no file's text and no file name.  The
exhibits themselves are copied byte for byte (their SHA-256 must match what was recorded,
and a PDF or a photo cannot be rewritten here), so a parent should redact them first.
"""

from __future__ import annotations

import hashlib
import html
import io
import re
import urllib.parse
import zipfile
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from markdown_it import MarkdownIt

from . import markup, timeline

MANIFEST = "MANIFEST.sha256"
PDF_NAME = "bundle.pdf"
LINK_SCHEMES = ("https:", "http:", "mailto:")

# Zip timestamps start in 1980; a fixed one keeps the same bundle byte-identical.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

# A print stylesheet: A4 pages numbered "Page N of M" by the @page rule (so a browser
# printing without its own header and footer still numbers them), each main section on a
# new page, tables that stay readable: header rows repeated, words never broken inside a
# cell (so a date or a reference is never split), only a SHA-256 broken where it must be.
# Only fonts already on the reader's computer.
_STYLE = """
@page { size: A4; margin: 18mm 15mm 20mm;
  @bottom-center { content: "Page " counter(page) " of " counter(pages);
    font-family: "Helvetica Neue", Arial, "Liberation Sans", sans-serif; font-size: 9pt;
    color: #444; } }
html { font-family: "Helvetica Neue", Arial, "Liberation Sans", sans-serif; font-size: 11pt;
  line-height: 1.4; color: #111; background: #fff; }
body { max-width: 62em; margin: 1.5em auto; padding: 0 1em; }
h1 { font-size: 1.6em; margin: 0 0 0.6em; }
h2 { font-size: 1.3em; border-bottom: 1px solid #888; padding-bottom: 0.2em; margin-top: 2em; }
h3 { font-size: 1.08em; margin-top: 1.4em; }
table { border-collapse: collapse; width: 100%; margin: 0.6em 0 1em; font-size: 0.9em; }
th, td { border: 1px solid #888; padding: 0.25em 0.4em; text-align: left; vertical-align: top;
  overflow-wrap: break-word; word-break: normal; hyphens: manual; }
td.sha256 { overflow-wrap: anywhere; font-size: 0.85em; }
.date { white-space: nowrap; }
ul { padding-left: 1.4em; }
li { margin: 0.15em 0; }
@media print {
  body { max-width: none; margin: 0; padding: 0; }
  h2 { break-before: page; }
  main > h2:first-of-type { break-before: auto; }
  h2, h3 { break-after: avoid; }
  tr, li { break-inside: avoid; }
  thead { display: table-header-group; }
}
""".strip()

_PAGE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="referrer" content="no-referrer">
<title>{title}</title>
<style>
{style}
</style>
</head>
<body>
<main>
{body}</main>
</body>
</html>
"""


_SHA256_CELL = re.compile(r"<td>([0-9a-f]{64})</td>")
_DATED_CELL = re.compile(r"<td>[^<]*?\d{4}-\d\d-\d\d[^<]*</td>")
_DATE = re.compile(r"(?<![\w-])\d{4}-\d\d-\d\d(?![\w-])")


def _dates_kept_whole(cell: re.Match[str]) -> str:
    return _DATE.sub(r'<span class="date">\g<0></span>', cell.group(0))


class BundleError(ValueError):
    """A bundle could not be made; the message says which file and what to do."""


def _link_allowed(url: str) -> bool:
    return url.strip().lower().startswith(LINK_SCHEMES)


def _markdown() -> MarkdownIt:
    md = MarkdownIt("js-default")  # raw HTML off, no linkify, no typographer
    md.validateLink = _link_allowed  # type: ignore[method-assign]  # markdown-it-py's way
    md.disable("image")  # an image would be fetched when the page is opened
    return md


_CASE_EXTRAS = tuple(char.encode("utf-8") for char in "\u017f\u0130\u0131")


def _defuse(text: str) -> str:
    """Text that shows the same but cannot look like script to a mail filter.

    Escaped user text may still read "javascript:" or "onerror=" as plain words; as
    character references the page shows them unchanged, yet a council's mail filter
    scanning the file for script does not reject the bundle.  Attribute values decode
    the references too, so allowed links keep working.
    """
    # Each pattern runs only when the page could hold a match: scanning a long page with
    # them costs more than building it.  Lowering the UTF-8 bytes changes ASCII letters
    # only, quickly; the case-insensitive pattern also takes U+017F for s and U+0130 and
    # U+0131 for i, so a page holding one of those is always scanned.
    folded = text.encode("utf-8", "surrogatepass").lower()
    if (
        b"javascript" in folded
        or b"vbscript" in folded
        or any(char in folded for char in _CASE_EXTRAS)
    ):
        text = re.sub(r"(?i)((?:java|vb)script\s*):", r"\1&#58;", text)
    if "=" in text:
        text = re.sub(r"(?i)\b(on\w*)(\s*)=", r"\1\2&#61;", text)
    return text


_NOT_MADE = "\x00not made"  # no HTML can be this: markup.to_html not yet run

# Where the timeline itself (never the family's words) cites an exhibit: an entry's
# "Exhibit E001: added as" line, which always begins its list item (the family's text
# follows a label or a quotation mark, and a line of theirs cannot begin a list item);
# the last cell of a chronology row; and the first two cells of an exhibit index row.
# A cell the family typed "E001" into is never the last of a chronology row nor the
# first of an index row.
_SECTION = re.compile(r"(?=<h2>)")
_ENTRY_EXHIBIT = re.compile(
    r"(<li>\n?(?:<p>)?Exhibit )(E\d{3})(?=: (?:added |original file name withheld))"
)
_CHRONOLOGY_CELL = re.compile(r"<td>(E\d{3}(?:, E\d{3})*)</td>(?=\n</tr>)")
_INDEX_CELLS = re.compile(r"(<tr>\n<td>)(E\d{3})(</td>\n<td>)([^<]*)(?=</td>)")
_REF = re.compile(r"E\d{3}")


def _exhibits_linked(body: str, files: Mapping[str, str]) -> str:
    """``body`` with each exhibit reference the timeline makes linked to its file.

    ``files`` maps a reference (``E001``) to the file's path inside the bundle; a
    reference it does not hold stays plain text, so a link never points at nothing.
    The links are relative, so they work in the folder and in the unzipped bundle.
    """

    def link(ref: str, shown: str | None = None) -> str:
        path = files.get(ref)
        if path is None:
            return shown if shown is not None else ref
        href = html.escape(urllib.parse.quote(path), quote=True)
        return f'<a href="{href}">{shown if shown is not None else ref}</a>'

    sections = _SECTION.split(body)
    for number, section in enumerate(sections):
        if section.startswith("<h2>Chronology</h2>"):
            section = _CHRONOLOGY_CELL.sub(
                lambda cell: "<td>" + _REF.sub(lambda ref: link(ref[0]), cell[1]) + "</td>",
                section,
            )
        elif section.startswith("<h2>Exhibits</h2>"):
            section = _INDEX_CELLS.sub(
                lambda row: row[1] + link(row[2]) + row[3] + link(row[2], row[4]), section
            )
        sections[number] = _ENTRY_EXHIBIT.sub(lambda line: line[1] + link(line[2]), section)
    return "".join(sections)


def render_html(
    markdown_text: str,
    title: str,
    *,
    quick_body: str | None = _NOT_MADE,
    exhibit_files: Mapping[str, str] | None = None,
) -> str:
    """A complete HTML5 page of ``markdown_text`` with a print stylesheet.

    Rendered by markdown-it-py's ``js-default`` preset with raw HTML off; links only for
    ``https:``, ``http:`` and ``mailto:``; no images, scripts, external styles or fonts
    (a Content-Security-Policy says so too), so opening the page fetches nothing.  The
    same input gives the same bytes.  ``quick_body`` is :func:`markup.to_html` of the
    same text (``None`` included) when the caller has it already.  ``exhibit_files``
    maps exhibit references to their paths in the bundle: the timeline's references to
    them become relative links, so the page opened from the folder leads to each file.
    """
    # The timeline's own Markdown is turned into the same HTML without a full parse, which
    # takes several seconds on a long chronology; anything else goes to markdown-it-py.
    body = markup.to_html(markdown_text) if quick_body == _NOT_MADE else quick_body
    if body is None:
        body = _markdown().render(markdown_text)
    if "<td>" in body:
        # A fingerprint is the one word in a table that may be broken to fit the page; a
        # date never is (browsers break after its hyphens when a column is narrow).
        body = _SHA256_CELL.sub(r'<td class="sha256">\1</td>', body)
        body = _DATED_CELL.sub(_dates_kept_whole, body)
    if exhibit_files:
        body = _exhibits_linked(body, exhibit_files)
    shown_title = " ".join(re.sub(r"[\x00-\x1f\x7f-\x9f]", "\ufffd", title).split())
    return _PAGE.format(
        title=_defuse(html.escape(shown_title, quote=True)), style=_STYLE, body=_defuse(body)
    )


def manifest(files: Mapping[str, bytes], known: Mapping[str, str] | None = None) -> bytes:
    """``sha256sum`` lines for every file but the manifest itself, in path order.

    ``known`` gives the SHA-256 of files already checked against it (the exhibits), so
    that a large attachment is not hashed twice.
    """
    known = known or {}
    lines = [
        f"{known.get(path) or hashlib.sha256(data).hexdigest()}  {path}\n"
        for path, data in sorted(files.items())
        if path != MANIFEST
    ]
    return "".join(lines).encode("ascii")


def checked_exhibit(exhibit: timeline.Exhibit, read_attachment: Callable[[str], bytes]) -> bytes:
    """The bytes of ``exhibit``, checked against the SHA-256 recorded when it was added.

    A missing or changed file raises :class:`BundleError` naming the exhibit.
    """
    where = f"Exhibit {exhibit.ref} ({exhibit.filename!r}, attached to the entry of {exhibit.date})"
    try:
        data = read_attachment(exhibit.sha256)
    except FileNotFoundError:
        raise BundleError(
            f"{where} is missing from the workbook's files, so no bundle was made; "
            "attach the file to that entry again, or remove it from the entry."
        ) from None
    except OSError as error:  # a folder where the file should be, or a file that cannot be read
        raise BundleError(
            f"{where} cannot be read from the workbook's files ({error.strerror or error}), "
            "so no bundle was made; run 'sen-workbook check', then attach the file again."
        ) from None
    if not isinstance(data, bytes) or hashlib.sha256(data).hexdigest() != exhibit.sha256:
        raise BundleError(
            f"{where} does not match the SHA-256 recorded when it was added: the stored copy "
            "has changed or is damaged, so no bundle was made. Attach the original file again."
        )
    return data


def _check_pseudonymised(child: Mapping[str, Any], files: Mapping[str, bytes]) -> None:
    """Refuse a pseudonymised bundle in which the child's name survived.

    A last check behind the pseudonym itself: every name, joined to anything, in every
    exhibit's file name, and the full name in the text (a single name could be one of the
    document's own words, such as "will" or "day", which a pseudonym never touches).  The
    bundle's own file names (``timeline.md``...) are the tool's words, not searched: a
    child called Tim would otherwise never have a bundle.
    """
    for path, data in files.items():
        found = None
        if path.startswith("exhibits/"):
            found = timeline.find_child_name(child, path.removeprefix("exhibits/"), anywhere=True)
        else:
            text = data.decode("utf-8")
            # Markdown escapes and HTML references could hide a name from a plain search.
            for shown in (re.sub(r"\\(.)", r"\1", text), html.unescape(text)):
                found = found or timeline.find_child_name(child, shown, full_name_only=True)
        if found is not None:
            raise BundleError(
                f"The pseudonymised bundle would show the child's name {found!r} in {path}, "
                "so it was not made."
            )


def _readable_text(data: bytes) -> str | None:
    """The words inside an exhibit, as far as the workbook can read them, or None.

    Plain text and e-mails as they are; a PDF's text layer (pypdf, which the PDF bundle
    uses already); a Word or OpenDocument file's XML with the tags taken out.  A picture,
    a scan without a text layer or a damaged file gives None: it cannot be checked.
    """
    if data.startswith(b"%PDF"):
        import logging

        from pypdf import PdfReader

        logger = logging.getLogger("pypdf")
        level = logger.level
        logger.setLevel(logging.CRITICAL)  # repairs of a damaged file are not the parent's
        try:
            reader = PdfReader(io.BytesIO(data), strict=False)
            info: Mapping[str, Any] = reader.metadata or {}
            parts = [str(value) for value in info.values()]
            parts += [page.extract_text() or "" for page in reader.pages]
        except Exception:  # any damage: the file simply cannot be checked
            return None
        finally:
            logger.setLevel(level)
        text = "\n".join(parts)
        return text if text.strip() else None
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                xml = [
                    archive.read(name).decode("utf-8", "replace")
                    for name in archive.namelist()
                    if name.endswith(".xml")
                ]
        except (zipfile.BadZipFile, OSError, RuntimeError):
            return None
        text = re.sub(r"<[^>]*>", " ", " ".join(xml))
        return text if text.strip() else None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return text if text.isprintable() or "\x00" not in text else None


def names_inside_exhibits(
    child: Mapping[str, Any],
    exhibits: Iterable[timeline.Exhibit],
    read_attachment: Callable[[str], bytes],
) -> str | None:
    """What a pseudonym cannot hide, said in a sentence before a bundle is written.

    A pseudonym changes the timeline and the exhibits' file names, but an exhibit is
    copied byte for byte: a report or letter naming the child still names them.  Lists
    the exhibits whose words hold one of the child's names, and those that cannot be read
    to check (pictures, scans); None when every exhibit was read and none names the child.
    """
    named: list[str] = []
    unread: list[str] = []
    for exhibit in exhibits:
        try:
            text = _readable_text(read_attachment(exhibit.sha256))
        except OSError:
            continue  # missing or unreadable: the bundle itself says so, and is not made
        if text is None:
            unread.append(exhibit.ref)
            continue
        found = timeline.find_child_name(child, text)
        if found is not None:
            named.append(f"{exhibit.ref} (“{found}”)")
    if not named and not unread:
        return None
    said = []
    if named:
        said.append(
            f"{'This exhibit still shows' if len(named) == 1 else 'These exhibits still show'} "
            f"the child's name inside the file, which a pseudonym cannot change: "
            f"{', '.join(named)}."
        )
    if unread:
        said.append(
            f"{'This exhibit' if len(unread) == 1 else 'These exhibits'} could not be read "
            f"to check for the child's name (a picture, a scan or a damaged file): "
            f"{', '.join(unread)}."
        )
    one = len(named) + len(unread) == 1
    said.append(
        f"Redact {'it' if one else 'them'}, attach the redacted "
        f"{'copy' if one else 'copies'}, and make the bundle again before sending it."
    )
    return " ".join(said)


def build_bundle(
    child: Mapping[str, Any],
    entries: Iterable[Mapping[str, Any]],
    options: timeline.TimelineOptions,
    read_attachment: Callable[[str], bytes],
    *,
    pdf: Callable[[str, list[timeline.Exhibit], str | None], bytes] | None = None,
) -> dict[str, bytes]:
    """Every file of the bundle, relative path to bytes, in path order.

    ``read_attachment(sha256)`` returns a stored file's bytes or raises
    ``FileNotFoundError``.  Each exhibit is checked against its SHA-256; a missing or
    changed file raises :class:`BundleError` naming the exhibit, and nothing is returned.
    ``pdf(markdown, exhibits, body)``, when given, makes the bundle as one PDF from the
    same timeline (``body`` is the timeline's HTML from :func:`markup.to_html`, or
    ``None``); it is added as ``bundle.pdf`` and listed in the manifest like the rest.
    """
    markdown_text, exhibits = timeline.timeline_and_exhibits(child, entries, options)
    title = timeline.timeline_title(child, options)
    # The timeline's HTML is made once, for timeline.html and for the PDF to read.
    body = markup.to_html(markdown_text)
    files: dict[str, bytes] = {
        "timeline.md": markdown_text.encode("utf-8"),
        "timeline.html": render_html(
            markdown_text,
            title,
            quick_body=body,
            exhibit_files={exhibit.ref: exhibit.bundle_name for exhibit in exhibits},
        ).encode("utf-8"),
    }
    checked: dict[str, str] = {}
    for exhibit in exhibits:
        files[exhibit.bundle_name] = checked_exhibit(exhibit, read_attachment)
        checked[exhibit.bundle_name] = exhibit.sha256  # checked_exhibit compared them
    if options.pseudonym:
        _check_pseudonymised(child, files)
    if pdf is not None:
        # Made after the checks above; the PDF checks its own text for the child's names.
        files[PDF_NAME] = pdf(markdown_text, exhibits, body)
    files[MANIFEST] = manifest(files, checked)
    return dict(sorted(files.items()))


# What Windows refuses in a name (and '/' everywhere), and the device names it keeps for
# itself, with or without an extension (CON, NUL.txt, COM1.pdf).
_NOT_PORTABLE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]+')
_DEVICE_NAMES = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {
        f"{port}{n}"
        for port in ("COM", "LPT")
        for n in [*"123456789", "\u00b9", "\u00b2", "\u00b3"]
    }
)


def portable_name(name: str, fallback: str, limit: int = 100) -> str:
    """``name`` as a file or folder name that Windows, macOS and Linux all accept.

    A bundle made on one computer is opened on another (the council's may run Windows), so
    a name taken from the family's words is made safe for all of them: the characters
    ``< > : " / \\ | ? *`` and control characters become ``-``, trailing dots and spaces
    go, a device name such as ``CON`` or ``NUL.txt`` gets a ``_`` before it, and the name
    is cut to ``limit`` characters.  Letters of every language are kept (Zoë, Siân).
    ``fallback`` is used when no letter or digit is left.
    """
    safe = _NOT_PORTABLE.sub("-", name).strip()[:limit].rstrip(". ")
    if not any(char.isalnum() for char in safe):
        safe = fallback
    if safe.split(".", 1)[0].rstrip(" ").upper() in _DEVICE_NAMES:
        safe = "_" + safe
    return safe


def _check_path(path: str) -> None:
    parts = path.split("/")
    if (
        not path
        or "\\" in path
        or any(part in ("", ".", "..") for part in parts)
        or re.search(r"[\x00-\x1f\x7f]", path)
    ):
        raise BundleError(f"{path!r} is not a plain relative path for a file in a bundle.")


def zip_bundle(files: Mapping[str, bytes], folder_name: str) -> bytes:
    """The bundle as a zip with every file under ``folder_name/``, byte-identical each time.

    Entries are sorted, dated 1980-01-01 and marked private (files 0600, folders 0700) for
    whoever unzips them.  ``folder_name`` is the caller's choice: with a pseudonym it must
    not carry the child's name either.
    """
    if "/" in folder_name:
        raise BundleError(f"The folder name {folder_name!r} must not contain '/'.")
    _check_path(folder_name)
    folders = {folder_name}
    for path in files:
        _check_path(path)
        parts = path.split("/")
        folders.update("/".join([folder_name, *parts[:depth]]) for depth in range(1, len(parts)))
    members: list[tuple[str, bytes | None]] = [(name + "/", None) for name in folders]
    members += [(f"{folder_name}/{path}", data) for path, data in files.items()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in sorted(members, key=lambda member: member[0]):
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.create_system = 3  # Unix, so the permission bits below are honoured
            if data is None:
                info.external_attr = (0o40700 << 16) | 0x10  # directory flag for DOS readers
                archive.writestr(info, b"")
            else:
                info.external_attr = 0o100600 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, data, compresslevel=6)
    return buffer.getvalue()
