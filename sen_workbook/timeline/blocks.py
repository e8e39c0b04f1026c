"""The Markdown blocks the timeline is built from: tables and list items.

Their content must already be escaped where it came from the family.
"""

from __future__ import annotations


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    """A Markdown table; every cell must already be escaped for the ``cell`` context."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return lines


def bullet(text: str, depth: int = 0) -> str:
    """A list item; continuation lines of a paragraph are indented to stay inside it."""
    if "\n" not in text:
        return "  " * depth + "- " + text
    indent = "  " * depth
    return indent + "- " + text.replace("\n", "\n" + indent + "  ")
