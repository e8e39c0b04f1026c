"""The evidence bundle as one PDF: cover, index, timeline, then each exhibit after a divider.

The order and the page numbers follow what the SEND Tribunal asks of an electronic bundle:
a cover (the child or the pseudonym, the purpose, when and by whom it was prepared); an
index of every section and exhibit with its page number and a link to it; the timeline
(summary, chronology, entries in full), set from the same Markdown as ``timeline.md``; then
each exhibit after a divider page naming it.  Every page has "Page N of M" in its footer,
with the exhibit's reference on an exhibit's pages, and the index's numbers are those
footers.  Bookmarks lead to every section and exhibit.

fpdf2 sets every page the tool writes and keeps a place for each page of a PDF exhibit;
:mod:`.exhibit_pages` then puts those pages in, their content kept as it is, in an
incremental update written after fpdf2's bytes.  Dates are the
preparation date and the document id comes from the content, so the same records and
options give the same bytes.
"""

from __future__ import annotations

import gc
import io
import math
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, NamedTuple

from .. import timeline
from ..bundle import BundleError, checked_exhibit
from ..timeline.pseudonyms import Pseudonym
from . import exhibits as forms
from .exhibit_pages import put_in_place
from .limits import PageLimit
from .markdown import blocks, render
from .pages import BODY, Pages, fixed_date

Progress = Callable[[int, int, str], None]

INDEX_ROW = 6.4  # millimetres per line of the index
_INDEX_HEAD = 34.0  # the index's heading and its sentence on the evidence's pages
_LONGEST_SHOWN = 5
EXPERT_PAGES = 15  # the Practice Direction's limit for an expert report (with a 2-page summary)


class PdfBundle(NamedTuple):
    """A finished PDF bundle and what a parent needs to know about it.

    ``evidence_pages`` counts the timeline and the exhibits with their dividers (all but
    the cover and the index); ``exhibit_pages`` gives each exhibit's pages after its
    divider; ``problems`` names each exhibit that could not be put inside; ``notes`` names
    each professional's report longer than the Tribunal allows an expert report.
    """

    data: bytes
    pages: int
    evidence_pages: int
    timeline_pages: int
    limit: PageLimit | None
    exhibit_pages: tuple[tuple[str, int], ...]
    problems: tuple[str, ...]
    notes: tuple[str, ...] = ()

    @property
    def over(self) -> int:
        """Pages over the limit (0 when within it or with no limit)."""
        return max(0, self.evidence_pages - self.limit.pages) if self.limit else 0

    def longest(self, count: int = _LONGEST_SHOWN) -> list[tuple[str, int]]:
        """The longest exhibits, longest first (ties in reference order)."""
        ranked = sorted(self.exhibit_pages, key=lambda item: (-item[1], item[0]))
        return [item for item in ranked if item[1] > 0][:count]

    def report(self) -> list[str]:
        """Sentences for the parent: pages against the limit, the longest exhibits when
        over, and every exhibit that could not be put inside."""
        lines = [evidence_sentence(self.evidence_pages, self.limit)]
        if self.over:
            longest = ", ".join(f"{ref} ({_pages(count)})" for ref, count in self.longest())
            lines.append(
                f"The timeline takes {_pages(self.timeline_pages)}; the longest exhibits are "
                f"{longest}."
            )
        lines += list(self.notes)
        lines += list(self.problems)
        return lines


def _pages(count: int) -> str:
    return f"{count} page{'s' if count != 1 else ''}"


def evidence_sentence(pages: int, limit: PageLimit | None) -> str:
    """How many pages the evidence takes, against the limit when there is one."""
    taken = f"The evidence (timeline and exhibits) takes {_pages(pages)}"
    if limit is None:
        return f"{taken}; no page limit was set (choose an appeal type or a maximum to check one)."
    if limit.source:
        against = f"the limit for {limit.label} is {limit.pages} ({limit.source})"
    else:
        against = f"the limit you set is {limit.pages}"
    if pages > limit.pages:
        return f"{taken}: {pages - limit.pages} over, as {against}."
    return f"{taken}, within the limit: {against}."


# --- the parts the tool writes -------------------------------------------------------------


class _Shown(NamedTuple):
    """What the cover, index and dividers say about one exhibit, with any names replaced."""

    item: forms.Prepared
    title: str
    original: str  # the original file name, empty under a pseudonym


def _exhibit_title(exhibit: timeline.Exhibit, pseudonym: Pseudonym) -> tuple[str, str]:
    safe_name = exhibit.bundle_name.rsplit("/", 1)[-1]
    if pseudonym.pseudonym:
        title = pseudonym.apply(exhibit.description).strip() or safe_name
        return title, ""
    return exhibit.description.strip() or exhibit.filename or safe_name, exhibit.filename


def _cover(
    pages: Pages,
    child: Mapping[str, Any],
    options: timeline.TimelineOptions,
    prepared_by: str,
    count: int,
) -> None:
    pages.add_page()
    pages.start_section("Cover", 0)
    pages.y = 60
    pages.paragraph("Evidence bundle", style="B", size=26, after=6)
    pages.paragraph(timeline.PURPOSE_TITLES[options.purpose], size=16, after=14)
    shown_name = options.pseudonym or child.get("name", "")
    rows = [
        ("Child", shown_name + (" (a pseudonym)" if options.pseudonym else "")),
        ("Purpose", timeline.PURPOSE_TITLES[options.purpose]),
        ("Prepared on", options.as_of.isoformat()),
        ("Records up to", (options.date_to or options.as_of).isoformat()),
    ]
    if options.date_from:
        rows.append(("Records from", options.date_from.isoformat()))
    rows += [
        ("Prepared by", prepared_by or "The child's family, from their own dated records"),
        ("Exhibits", f"{count} file{'s' if count != 1 else ''}, E001 onwards" if count else "none"),
    ]
    for label, value in rows:
        top = pages.y
        pages.paragraph(label, style="B", after=0)
        pages.y = top
        pages.paragraph(value, indent=42, after=2)
    pages.y += 10
    pages.paragraph(
        "Page numbers are those in the footer of every page. The index that follows lists "
        "each section and exhibit with its page. Each exhibit follows the timeline after a "
        "divider page giving its reference, date and SHA-256 fingerprint.",
        size=11,
    )


class _IndexRow(NamedTuple):
    text: str
    page: int
    bold: bool = False
    indent: float = 0.0
    lead: tuple[str, ...] = ()  # columns before the text (an exhibit's reference and date)


def _index_pages(count: int, height: float) -> int:
    """Pages an index of ``count`` rows takes (the first page holds its heading too)."""
    first = int((height - _INDEX_HEAD) // INDEX_ROW)
    later = int(height // INDEX_ROW)
    return 1 + max(0, math.ceil((count - first) / later))


def _draw_index(pages: Pages, rows: list[_IndexRow], sentence: str) -> None:
    """The index on the pages kept for it: one line a row, its page on the right, the
    whole line a link to that page."""
    pages.set_y(pages.t_margin)
    pages.heading("Index", 1)
    pages.paragraph(sentence, size=11)
    pages.y = pages.t_margin + _INDEX_HEAD
    right = pages.w - pages.r_margin
    # Columns for the exhibits' references and dates, as wide as the widest of each.
    widths = [
        max((pages.width(row.lead[n]) for row in rows if len(row.lead) > n), default=0)
        for n in range(max((len(row.lead) for row in rows), default=0))
    ]
    for row in rows:
        if pages.y + INDEX_ROW > pages.bottom:
            pages.add_page()
            pages.y = pages.t_margin
        style = "B" if row.bold else ""
        number = str(row.page)
        pages.set_font("SourceSans", style, BODY)
        baseline = pages.y + INDEX_ROW * 0.72
        x = pages.l_margin + row.indent
        for width, part in zip(widths, row.lead, strict=False):
            pages.text(x, baseline, part)
            x += width + 4
        room = right - x - pages.width(number, style) - 6
        text = pages.glyphs.printable(row.text)
        if pages.width(text, style) > room:
            while text and pages.width(text + "…", style) > room:
                text = text[:-1]
            text = text.rstrip() + "…"
        pages.text(x, baseline, text)
        pages.text(right - pages.width(number, style), baseline, number)
        link = pages.add_link(page=row.page)
        pages.link(pages.l_margin, pages.y, pages.epw, INDEX_ROW, link)
        pages.y += INDEX_ROW


def _divider(pages: Pages, shown: _Shown, pseudonymised: bool) -> None:
    exhibit = shown.item.exhibit
    pages.y = 50
    pages.paragraph(f"Exhibit {exhibit.ref}", style="B", size=28, after=6)
    pages.paragraph(shown.title, style="B", size=16, after=8)
    rows = [("Date", exhibit.date)]
    if shown.original:
        rows.append(("Original file", shown.original))
    rows += [
        ("In the folder bundle", exhibit.bundle_name),
        ("Size", f"{exhibit.size:,} bytes"),
        ("SHA-256", exhibit.sha256),
    ]
    for label, value in rows:
        top = pages.y
        pages.paragraph(label, style="B", after=0)
        pages.y = top
        pages.paragraph(value, indent=45, after=2)
    pages.y += 6
    pages.paragraph(forms.describe(shown.item))
    if pseudonymised and shown.item.form == forms.TEXT:
        pages.paragraph("The child's names in it are replaced by the pseudonym.")
    elif pseudonymised and shown.item.form in (forms.PDF, forms.IMAGE):
        pages.paragraph("This exhibit is shown as supplied: the pseudonym cannot change it.")


def _exhibit_body(pages: Pages, shown: _Shown, pseudonym: Pseudonym) -> list[tuple[int, Any, str]]:
    """The exhibit's own pages after its divider; for a PDF, a page of each page's size
    kept in its place, returned with the page that takes it and the exhibit's reference."""
    item = shown.item
    ref = item.exhibit.ref
    placed: list[tuple[int, Any, str]] = []
    if item.form == forms.PDF:
        for page in item.pages:
            width, height = _page_size(page)
            pages.add_page(format=(width * 25.4 / 72, height * 25.4 / 72))
            pages.footer_ref = ref
            placed.append((pages.page_no(), page, ref))
    elif item.form == forms.IMAGE:
        pages.add_page()
        pages.footer_ref = ref
        top = pages.t_margin
        pages.image(
            io.BytesIO(item.data),
            x=pages.l_margin,
            y=top,
            w=pages.epw,
            h=pages.bottom - top - 4,
            keep_aspect_ratio=True,
        )
    elif item.form == forms.TEXT:
        pages.add_page()
        pages.footer_ref = ref
        text = pseudonym.apply(item.text) if pseudonym.pseudonym else item.text
        for line in text.splitlines() or [""]:
            pages.paragraph(line.expandtabs(4), after=0.0, keep_spaces=True, size=11)
    return placed


def _page_size(page: Any) -> tuple[float, float]:
    """A PDF page's shown width and height in points, after its own rotation."""
    box = page.mediabox
    width, height = float(box.width), float(box.height)
    if (page.rotation or 0) % 180:
        width, height = height, width
    return max(width, 72.0), max(height, 72.0)


# --- putting it together ---------------------------------------------------------------------


def _check_names(child: Mapping[str, Any], texts: Iterable[str]) -> None:
    for text in texts:
        found = timeline.find_child_name(child, text)
        if found:
            raise BundleError(
                f"The pseudonymised PDF would show the child's name {found!r}, so it was not made."
            )


def build_pdf_bundle(
    child: Mapping[str, Any],
    entries: Iterable[Mapping[str, Any]],
    options: timeline.TimelineOptions,
    read_attachment: Callable[[str], bytes],
    *,
    limit: PageLimit | None = None,
    prepared_by: str = "",
    progress: Progress | None = None,
) -> PdfBundle:
    """The evidence bundle of ``child`` as one PDF, with its page counts.

    ``read_attachment(sha256)`` returns a stored file's bytes; each exhibit is checked
    against its SHA-256 and a missing or changed one raises :class:`BundleError`, as for
    the folder.  An exhibit that cannot go inside (a password, damage, a type a PDF cannot
    show) gets its divider and is named in ``problems``; the bundle is still made.
    """
    entries = list(entries)
    markdown_text, exhibit_list = timeline.timeline_and_exhibits(child, entries, options)
    return pdf_from_markdown(
        child,
        options,
        markdown_text,
        exhibit_list,
        read_attachment,
        limit=limit,
        prepared_by=prepared_by,
        progress=progress,
        entry_kinds={entry["id"]: entry["kind"] for entry in entries},
    )


def pdf_from_markdown(
    child: Mapping[str, Any],
    options: timeline.TimelineOptions,
    markdown_text: str,
    exhibit_list: list[timeline.Exhibit],
    read_attachment: Callable[[str], bytes],
    *,
    limit: PageLimit | None = None,
    prepared_by: str = "",
    progress: Progress | None = None,
    entry_kinds: Mapping[str, str] | None = None,
    html_body: str | None = None,
) -> PdfBundle:
    """:func:`build_pdf_bundle` from a timeline already rendered (the folder bundle's).

    ``entry_kinds`` (entry id to kind) lets the PDF say when a professional's report, an
    exhibit of an assessment entry, runs past the 15 pages the Tribunal allows an expert.
    ``html_body`` is the timeline's HTML from :func:`sen_workbook.markup.to_html`, when
    the folder bundle has made it, so that it is not made twice.
    """
    # Python's collector of reference cycles is paused while the PDF is made: the pages
    # are hundreds of thousands of short-lived strings and lists in no cycle, and it would
    # look through them again and again (a tenth of the time), to free nothing.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _pdf_from_markdown(
            child,
            options,
            markdown_text,
            exhibit_list,
            read_attachment,
            limit=limit,
            prepared_by=prepared_by,
            progress=progress,
            entry_kinds=entry_kinds,
            html_body=html_body,
        )
    finally:
        if collecting:
            gc.enable()


def _pdf_from_markdown(
    child: Mapping[str, Any],
    options: timeline.TimelineOptions,
    markdown_text: str,
    exhibit_list: list[timeline.Exhibit],
    read_attachment: Callable[[str], bytes],
    *,
    limit: PageLimit | None,
    prepared_by: str,
    progress: Progress | None,
    entry_kinds: Mapping[str, str] | None,
    html_body: str | None,
) -> PdfBundle:
    pseudonym = Pseudonym(child, options.pseudonym)  # the timeline's own name replacement
    steps = len(exhibit_list) + 3
    if progress:
        progress(0, steps, "Reading the exhibits")
    shown: list[_Shown] = []
    for exhibit in exhibit_list:
        prepared = forms.prepare(exhibit, checked_exhibit(exhibit, read_attachment))
        title, original = _exhibit_title(exhibit, pseudonym)
        shown.append(_Shown(prepared, title, original))
    title = timeline.timeline_title(child, options)
    if options.pseudonym:
        prepared_by = pseudonym.apply(prepared_by)
        _check_names(child, [title, prepared_by, *(s.title for s in shown)])
        # The timeline's text as it will be shown (escapes undone), as the folder checks it.
        found = timeline.find_child_name(
            child, re.sub(r"\\(.)", r"\1", markdown_text), full_name_only=True
        )
        if found:
            raise BundleError(
                f"The pseudonymised PDF would show the child's name {found!r}, so it was not made."
            )

    pages = Pages()
    pages.set_title(title)
    pages.set_author(prepared_by or "The child's family")
    pages.set_subject(
        f"{timeline.PURPOSE_TITLES[options.purpose]}, prepared on {options.as_of.isoformat()}"
    )
    pages.set_keywords("SEN evidence bundle")
    pages.set_creation_date(fixed_date(options.as_of))

    _cover(pages, child, options, prepared_by, len(shown))
    document = list(blocks(markdown_text, html_body))
    sections = [block.text for block in document if block.kind == "heading" and block.level == 2]
    row_count = 1 + len(sections) + (1 + len(shown) if shown else 0)
    index_pages = _index_pages(row_count, Pages.TEXT_HEIGHT)

    section_pages: list[int] = []
    divider_pages: list[int] = []
    evidence: dict[str, int] = {}

    def draw_index(pdf: Any, outline: list[Any]) -> None:
        rows = [_IndexRow("The timeline", timeline_start, bold=True)]
        rows += [
            _IndexRow(text, page, indent=6)
            for text, page in zip(sections, section_pages, strict=True)
        ]
        if shown:
            rows.append(_IndexRow("The exhibits", divider_pages[0], bold=True))
            for item, page in zip(shown, divider_pages, strict=True):
                exhibit = item.item.exhibit
                note = ""
                if item.item.form == forms.SEPARATE:
                    note = " (supplied separately)"
                rows.append(
                    _IndexRow(
                        f"{item.title}{note}", page, indent=6, lead=(exhibit.ref, exhibit.date)
                    )
                )
        _draw_index(pdf, rows, evidence_sentence(evidence["pages"], limit))

    pages.add_page()
    pages.start_section("Index", 0)
    pages.insert_toc_placeholder(draw_index, pages=index_pages, reset_page_indices=False)
    timeline_start = pages.page_no()
    pages.start_section("Timeline", 0)
    if progress:
        progress(1, steps, "Setting the timeline")

    headings = [0]

    def before_heading(level: int, text: str) -> None:
        # Each main section starts a page, as the printed HTML does, except the first,
        # which follows the title and its few lines.
        if level <= 2:
            headings[0] += 1
            if headings[0] > 2:
                pages.add_page()

    # Bookmarks for every section, and for the subsections of a section that has few
    # (the summary's questions); the entries in full have their rows in the chronology,
    # and thousands of bookmarks would slow every reader down.
    subsections: list[int] = []
    for block in document:
        if block.kind == "heading" and block.level == 2:
            subsections.append(0)
        elif block.kind == "heading" and block.level == 3 and subsections:
            subsections[-1] += 1

    def at_heading(level: int, text: str) -> None:
        if level == 2:
            section_pages.append(pages.page_no())
            pages.start_section(text, 1, strict=False)
        elif level == 3 and section_pages and subsections[len(section_pages) - 1] <= 30:
            pages.start_section(text, 2, strict=False)

    render(pages, markdown_text, before_heading, at_heading, blocks_of=lambda _: document)
    timeline_end = pages.page_no()

    placeholders: list[tuple[int, Any, str]] = []
    exhibit_pages: list[tuple[str, int]] = []
    if shown:
        for number, item in enumerate(shown, 2):
            if progress:
                progress(number, steps, f"Exhibit {item.item.exhibit.ref}")
            pages.add_page()
            pages.footer_ref = item.item.exhibit.ref
            divider_pages.append(pages.page_no())
            if number == 2:
                pages.start_section("Exhibits", 0)
            pages.start_section(f"{item.item.exhibit.ref} {item.title}", 1, strict=False)
            _divider(pages, item, bool(options.pseudonym))
            placeholders += _exhibit_body(pages, item, pseudonym)
            exhibit_pages.append((item.item.exhibit.ref, pages.page_no() - divider_pages[-1]))
    total = pages.page_no()
    evidence["pages"] = total - index_pages - 1
    if progress:
        progress(steps - 1, steps, "Writing the PDF")
    data = pages.finish(without_footer={number for number, _page, _ref in placeholders})
    if placeholders:
        tree = pages.pages[1].parent  # the page tree, which fpdf2 made as it wrote
        if tree is None:
            raise ValueError("the typeset document has no page tree")
        data = put_in_place(
            data,
            placeholders,
            options.as_of,
            [item.item.exhibit.sha256 for item in shown],
            {number: page.id for number, page in pages.pages.items()},
            tree.id,
        )
    # else fpdf2's document stands as it is: its id is a hash of its own bytes.
    if progress:
        progress(steps, steps, "Done")
    problems = tuple(
        f"{item.item.exhibit.ref} ({item.original or item.item.exhibit.bundle_name.rsplit('/', 1)[-1]}) "
        f"{item.item.problem}: its divider says so and it is not inside the PDF."
        for item in shown
        if item.item.problem
    )
    counted = dict(exhibit_pages)
    notes = tuple(
        f"{item.item.exhibit.ref} is a professional's report of {counted[item.item.exhibit.ref]} "
        f"pages: the Tribunal allows an expert report {EXPERT_PAGES} A4 pages at most, with a "
        "summary of 2."
        for item in shown
        if (entry_kinds or {}).get(item.item.exhibit.entry_id) == "assessment"
        and counted.get(item.item.exhibit.ref, 0) > EXPERT_PAGES
    )
    return PdfBundle(
        data,
        total,
        evidence["pages"],
        timeline_end - timeline_start + 1,
        limit,
        tuple(exhibit_pages),
        problems,
        notes,
    )
