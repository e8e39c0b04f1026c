"""Exhibits: the attached files a timeline cites, numbered ``E001``... and safely named.

The bundle copies each exhibit under its ``bundle_name``; the timeline's index and its
entries cite them by reference.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple

from .options import TimelineOptions
from .pseudonyms import Pseudonym, ascii_fold
from .selection import select_entries
from .words import when


class Exhibit(NamedTuple):
    """One attached file, numbered for citation (``E001``...).

    ``filename`` is the name the parent gave, kept as data; ``bundle_name`` is the safe
    relative path the file gets in a bundle (ASCII letters, digits, ``-`` and ``_``, never
    a path from the user, child's names replaced when a pseudonym is set).  The same file
    attached to several entries is one exhibit; ``entry_ids`` lists every entry citing it,
    ``entry_id`` and ``date`` are those of the first.
    """

    ref: str
    sha256: str
    filename: str
    size: int
    entry_id: str
    date: str
    description: str
    bundle_name: str
    entry_ids: tuple[str, ...] = ()


_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")
_DASHES = re.compile(r"-{2,}")
_NOT_EXTENSION = re.compile(r"[^a-z0-9]")


def _safe_part(text: str, limit: int) -> str:
    ascii_text = ascii_fold(text)
    safe = _UNSAFE.sub("-", ascii_text)
    safe = _DASHES.sub("-", safe).strip("-_")
    return safe[:limit].strip("-_")


def _bundle_name(ref: str, filename: str, pseudonym: Pseudonym) -> str:
    named = pseudonym.apply(filename, anywhere=True)
    stem, dot, extension = named.rpartition(".")
    if not dot or not stem.strip():
        stem, extension = named, ""
    # Replace names again after folding accents and joining words, then clean once more.
    safe = _safe_part(pseudonym.apply(_safe_part(stem, 80), anywhere=True), 60) or "exhibit"
    extension = _NOT_EXTENSION.sub("", ascii_fold(extension).lower())[:10]
    return f"exhibits/{ref}-{safe}" + (f".{extension}" if extension else "")


def exhibits(
    entries: Iterable[Mapping[str, Any]],
    options: TimelineOptions,
    child: Mapping[str, Any] | None = None,
) -> list[Exhibit]:
    """The attachments of the included entries, numbered ``E001``... in date order.

    Each attachment of each entry in chronology order gets the next number, except that a
    file already numbered (same SHA-256) keeps its first number and is cited by both
    entries.  ``child`` is needed when ``options.pseudonym`` is set, so that the child's
    names can be kept out of the exhibits' file names.
    """
    if options.pseudonym and child is None:
        raise ValueError("Exhibits with a pseudonym need the child, to keep their names out.")
    pseudonym = Pseudonym(child or {}, options.pseudonym)
    return number_exhibits(select_entries(entries, options), pseudonym)


def number_exhibits(selected: Sequence[Mapping[str, Any]], pseudonym: Pseudonym) -> list[Exhibit]:
    """:func:`exhibits` of entries already selected and sorted."""
    found: dict[str, dict[str, Any]] = {}
    for entry in selected:
        for attachment in entry.get("attachments") or ():
            sha = attachment["sha256"]
            if sha in found:
                if entry["id"] not in found[sha]["entry_ids"]:
                    found[sha]["entry_ids"].append(entry["id"])
                continue
            ref = f"E{len(found) + 1:03d}"
            found[sha] = {
                "ref": ref,
                "sha256": sha,
                "filename": attachment.get("filename", ""),
                "size": attachment.get("size", 0),
                "entry_id": entry["id"],
                "date": when(entry),
                "description": attachment.get("description", ""),
                "bundle_name": _bundle_name(ref, attachment.get("filename", ""), pseudonym),
                "entry_ids": [entry["id"]],
            }
    return [Exhibit(**{**item, "entry_ids": tuple(item["entry_ids"])}) for item in found.values()]
