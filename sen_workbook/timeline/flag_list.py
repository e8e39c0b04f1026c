"""The summary's list of flags from the derived facts, each citing its entries."""

from __future__ import annotations

from sen_workbook.vocabulary import FLAG_LABELS

from .blocks import bullet
from .escaping import escape
from .facts import Facts
from .words import left_out


def flag_section(facts: Facts) -> list[str]:
    """Every flag whose entries are in the chronology; the others counted."""
    lines = ["### Flags", ""]
    if not facts.flags:
        lines.append("No flags arise from the entries in this chronology.")
    for flag in facts.flags:
        label = FLAG_LABELS.get(flag.code) or escape(flag.code, "inline")
        where = facts.cites((flag.entry_id, *flag.related_ids))
        # Each flag's sentence is its own: not kept with the texts shown again and again
        # (an overdue action's, shown under its heading first, is taken as shown there).
        lines.append(bullet(f"{label} ({where}): {facts.flag_sentence(flag)}"))
    if facts.hidden_flags:
        lines += ["", left_out(facts.hidden_flags, "flag")]
    return lines
