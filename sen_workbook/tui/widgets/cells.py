"""The family's text as one line of a table cell or a card, never read as markup."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.text import Text

from sen_workbook.child_facts import one_line, provision_text


def plain(text: Any, limit: int | None = None) -> Text:
    """User text on one line, never read as markup, cut to ``limit`` cells with an ellipsis."""
    shown = Text(one_line(text), no_wrap=True, overflow="ellipsis")
    if limit is not None and shown.cell_len > limit:
        shown.truncate(max(limit, 1), overflow="ellipsis")
    return shown


def as_written(text: str) -> Text:
    """A table cell's text as DataTable shows text on a one-line row, but never read as
    markup: reading it so loaded Rich's table of emoji names (some 13 ms) for cells such
    as dates and kinds, which hold neither markup nor emoji."""
    return Text(text, no_wrap=True, end="")


def provision_lines(plan: Mapping[str, Any]) -> list[Text]:
    """A plan's provision as a "Provision:" heading and one bullet line per item."""
    if not plan.get("provision"):
        return []
    lines = [Text("Provision:", style="bold")]
    for item in plan["provision"]:
        what, details = provision_text(item)
        line = Text(f" \u2022 {what}")
        if details:
            line.append(f" ({details})", style="dim")
        lines.append(line)
    return lines
