"""The banner that says, on every screen, why the workbook cannot be changed here."""

from __future__ import annotations

from collections.abc import Iterator

from rich.text import Text
from textual.widgets import Static

from sen_workbook.workbook import Workbook


class ReadOnlyBanner(Static):
    """Shown only when the workbook is read-only, with the workbook's own reason."""

    def __init__(self, workbook: Workbook) -> None:
        reason = workbook.read_only_reason if workbook.read_only else ""
        super().__init__(Text(reason), classes="read-only-banner", markup=False)
        self.display = bool(workbook.read_only)


def read_only_banner(workbook: Workbook) -> Iterator[ReadOnlyBanner]:
    """The banner for a screen's ``compose``, made only for a read-only workbook: hidden
    otherwise, it was mounted and styled on every screen for nothing (a workbook that
    becomes writable hides the banners it has; none becomes read-only while open)."""
    if workbook.read_only:
        yield ReadOnlyBanner(workbook)
