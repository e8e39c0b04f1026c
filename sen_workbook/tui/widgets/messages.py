"""Messages the panes of a child's workspace send to it."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class OpenEntry(Message):
    """The parent chose an entry (in the journal, a to-do or a cycle) to look at."""

    entry_id: str
