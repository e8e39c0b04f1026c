"""The exhibits index: reference, file name in the bundle, date, description, SHA-256."""

from __future__ import annotations

from .blocks import table
from .escaping import escape
from .facts import Facts
from .words import plural


def added_as(facts: Facts, filename: str) -> str:
    """The name a file was added under, only when it can be shown exactly as it was.

    With a pseudonym the original name is withheld (it may name the child, or a clinic
    or a reference that identifies them), rather than shown changed as if it had been
    added so.
    """
    if facts.options.pseudonym:
        return "original file name withheld"
    shown = facts.text(filename, "cell")
    return f"added as “{shown}”" if shown else "added without a file name"


def exhibit_index(facts: Facts) -> list[list[str]]:
    """The index of the files the chronology cites, or a sentence when there are none."""
    lines = ["## Exhibits", ""]
    if not facts.exhibits:
        return [lines + ["No files are attached to the entries in this selection."]]
    lines.append(
        "Each exhibit is a file the family attached to an entry, copied unchanged into "
        "the folder exhibits under a name that begins with its reference. Its SHA-256 "
        "identifies the exact file: MANIFEST.sha256 lists them for sha256sum."
    )
    lines.append("")
    rows = []
    for exhibit in facts.exhibits:
        cited = ", ".join(facts.refs[e] for e in exhibit.entry_ids)
        description = facts.text(exhibit.description, "cell")
        detail = f"{description}; " if description else ""
        rows.append(
            [
                exhibit.ref,
                escape(exhibit.bundle_name.removeprefix("exhibits/"), "cell"),
                exhibit.date,
                f"{detail}{added_as(facts, exhibit.filename)}; {plural(exhibit.size, 'byte')}; "
                f"cited by {cited}",
                exhibit.sha256,
            ]
        )
    return [lines + table(["Ref", "File", "Date", "Description", "SHA-256"], rows)]
