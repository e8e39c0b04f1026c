"""The whole document, assembled in order: title, about the child, the summary for the
purpose, the chronology, the entries in full, the cycles and the exhibits index."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, cast, overload

from sen_workbook import analysis, model, vocabulary
from sen_workbook.stage import stage_words

from .blocks import Block, bullet, spaced
from .chronology import chronology, summary_chronology
from .complaint import summary_complaint
from .cycles import cycle_tables
from .ehcna import summary_ehcna
from .entries import entries
from .escaping import present
from .exhibit_index import exhibit_index
from .exhibit_list import Exhibit
from .facts import Facts
from .options import TimelineOptions
from .words import age, plural

PURPOSE_TITLES: dict[str, str] = {
    "ehcna": "Evidence for an EHC needs assessment request",
    "complaint": "Complaint chronology",
    "chronology": "Chronology",
}

# Code of Practice chapters per setting phase, so a reader knows which guidance applies.
PHASE_CHAPTERS: dict[str, str] = {"early_years": "5", "school": "6", "post16": "7"}

_SUMMARIES = {
    "ehcna": summary_ehcna,
    "complaint": summary_complaint,
    "chronology": summary_chronology,
}


def render(facts: Facts) -> str:
    """The document's Markdown: blocks joined by one blank line, ending in a line end."""
    return "\n\n".join(pieces(facts)) + "\n"


@overload
def pieces(facts: Facts, utf8_errors: None = None) -> Iterator[str]: ...


@overload
def pieces(facts: Facts, utf8_errors: str) -> Iterator[str | bytes]: ...


def pieces(facts: Facts, utf8_errors: str | None = None) -> Iterator[str | bytes]:
    """The document's blocks as text, each spaced (see :func:`blocks.spaced`), in order:
    joined by one blank line they are the document.  A block the sections give as text
    is spaced already (an entry in full, the chronology's table); the others are spaced
    here.  Spacing block by block gives the same lines as spacing the whole document,
    since a blank line between blocks ends whatever came before it.  The entries in full
    are made a block of them at a time as they are taken (see
    :data:`entries.ENTRIES_IN_A_BLOCK`), so that a caller writing them out need not hold
    them all as text; with ``utf8_errors`` (an error handler), for a caller that would
    encode them, those blocks are given as their UTF-8 bytes (see :func:`entries.entries`)."""
    # The chronology is made before the summary, which reads what the chronology's pass
    # over the rows gathered for it (see rows.py); the blocks are given in the
    # document's order.
    listed = chronology(facts)
    sections: list[Iterable[Block | bytes]] = [
        [heading_block(facts), about(facts), ["## Summary"]],
        _SUMMARIES[facts.options.purpose](facts),
        listed,
        entries(facts, utf8_errors),
        cycle_tables(facts),
        exhibit_index(facts),
    ]
    del listed
    for number, section in enumerate(sections):
        # A section given is let go of once gone through: what is kept of it is its
        # blocks as given (the summary's lines, the chronology's 2 MB of text at 20,000
        # entries), and its memory then serves the sections after it.
        sections[number] = ()
        for block in section:
            if isinstance(block, (str, bytes)):
                yield block
            elif block:
                lines: list[str] = []
                for line in block:
                    if "\n" in line:
                        lines.extend(line.split("\n"))
                    else:
                        lines.append(line)
                yield "\n".join(spaced(lines))


def heading_block(facts: Facts) -> list[str]:
    """The title, when and from what the document was prepared, and how to read it."""
    options = facts.options
    title = PURPOSE_TITLES[options.purpose]
    lines = [f"# {title}: {facts.text(facts.name, 'heading')}", ""]
    said = [f"Prepared on {facts.as_of.isoformat()} from the family's own dated records."]
    start = options.date_from.isoformat() if options.date_from else None
    end = min(options.date_to, facts.as_of) if options.date_to else facts.as_of
    if start:
        said.append(f"Entries dated from {start} to {end.isoformat()}.")
    else:
        said.append(f"Entries dated up to {end.isoformat()}.")
    if options.kinds:
        kinds = "; ".join(vocabulary.KIND_LABELS[k] for k in options.kinds)
        said.append(f"Only these kinds of entry: {kinds}.")
    if options.areas:
        areas = "; ".join(vocabulary.AREA_LABELS[a] for a in options.areas)
        said.append(f"Only entries touching these areas of need: {areas}.")
    if start or options.date_to or options.kinds or options.areas:
        said.append(
            "Cycles, flags and statutory deadlines are worked out from all entries up to "
            f"{facts.as_of.isoformat()}; those that concern only entries outside this "
            "selection are counted but not listed."
        )
    if options.pseudonym:
        said.append(
            f"{facts.text(options.pseudonym)} is a pseudonym: the child's names are replaced "
            "throughout this document and in the exhibits' file names. The exhibits "
            "themselves are copied as they were added and may need redacting."
        )
    said.append(
        "R1, R2... number the rows of the chronology and the entries in full; "
        "E001, E002... number the exhibits."
    )
    return lines + "\n\n".join(said).split("\n")


def about(facts: Facts) -> list[str]:
    """Who the child is: age, setting, phase, year, SENCo, areas of need, status."""
    child = facts.child
    lines = [f"## About {facts.text(facts.name, 'heading')}", ""]
    born = model.optional_date(str(child.get("date_of_birth", "")))
    if born:
        years = age(born, facts.as_of)
        if years is None:
            lines.append(f"- Age: the date of birth is after {facts.as_of.isoformat()}")
        else:
            lines.append(
                f"- Age on {facts.as_of.isoformat()}: "
                f"{plural(years[0], 'year')} {plural(years[1], 'month')}"
            )
        # A date of birth identifies a child, so a pseudonymised document gives the age only.
        if not facts.options.pseudonym:
            lines.append(f"- Date of birth: {born.isoformat()}")
    else:
        lines.append("- Date of birth: not recorded")
    if present(child.get("preferred_name", "")) and not facts.options.pseudonym:
        lines.append(bullet(f"Known as: {facts.text(child['preferred_name'])}"))
    if present(child.get("setting", "")):
        lines.append(bullet(f"Setting: {facts.text(child['setting'])}"))
    phase = child.get("setting_phase", "")
    if phase in PHASE_CHAPTERS:
        lines.append(
            f"- Phase: {vocabulary.PHASE_LABELS[phase]} (SEND Code of Practice chapter "
            f"{PHASE_CHAPTERS[phase]})"
        )
    if present(child.get("year_group", "")):
        lines.append(bullet(f"Year group: {facts.text(child['year_group'])}"))
    if present(child.get("senco", "")):
        lines.append(bullet(f"SENCo: {facts.text(child['senco'])}"))
    areas = [vocabulary.AREA_LABELS[a] for a in model.AREAS if a in (child.get("areas") or ())]
    lines.append(f"- Areas of need: {'; '.join(areas) if areas else 'none recorded'}")
    # The stage as the records show it too, so this line never contradicts the summary.
    # Only requests and plans show a stage; when no two entries share an id, the order
    # they come in does not matter (they are sorted by day and id), so they are taken as
    # the derived facts grouped them rather than looked for among all the entries.
    if facts.unique_ids:
        kinds = analysis.by_kind(cast("list[dict[str, Any]]", facts.analysed))
        shown_by = [*kinds.get("request", ()), *kinds.get("plan", ())]
    else:
        shown_by = facts.known
    lines.append(f"- Current status: {stage_words(child, shown_by, facts.as_of)}")
    return lines


def timeline_title(child: Mapping[str, Any], options: TimelineOptions) -> str:
    """The document's title as plain text: its purpose and the child's name or pseudonym."""
    return f"{PURPOSE_TITLES[options.purpose]}: {options.pseudonym or child.get('name', '')}"


def render_timeline(
    child: Mapping[str, Any], entries: Iterable[Mapping[str, Any]], options: TimelineOptions
) -> str:
    """The evidence timeline of ``child`` as Markdown.

    ``entries`` may hold other children's entries; only ``child``'s are used.  The output
    depends on nothing but the arguments: the same records and options give the same
    bytes.
    """
    return render(Facts(child, entries, options))


@overload
def timeline_blocks(
    child: Mapping[str, Any],
    entries: Iterable[Mapping[str, Any]],
    options: TimelineOptions,
    utf8_errors: None = None,
) -> Iterator[str]: ...


@overload
def timeline_blocks(
    child: Mapping[str, Any],
    entries: Iterable[Mapping[str, Any]],
    options: TimelineOptions,
    utf8_errors: str,
) -> Iterator[str | bytes]: ...


def timeline_blocks(
    child: Mapping[str, Any],
    entries: Iterable[Mapping[str, Any]],
    options: TimelineOptions,
    utf8_errors: str | None = None,
) -> Iterator[str | bytes]:
    """:func:`render_timeline` as its blocks (see :func:`pieces`), made as they are taken:
    joined by a blank line and ended with a line end, they are its text.  With
    ``utf8_errors``, the entries in full come as their UTF-8 bytes, encoded with that
    error handler (see :func:`pieces`)."""
    return pieces(Facts(child, entries, options), utf8_errors)


def timeline_and_exhibits(
    child: Mapping[str, Any], entries: Iterable[Mapping[str, Any]], options: TimelineOptions
) -> tuple[str, list[Exhibit]]:
    """:func:`render_timeline` and the :func:`exhibits` it cites, worked out together."""
    facts = Facts(child, entries, options)
    return render(facts), facts.exhibits
