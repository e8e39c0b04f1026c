"""The command line's ways in beside the archive: ``add`` (quick capture).

Each opens the workbook as the one writer (or read-only, for the calendar), builds every
record first, and saves them in one go: a bad message, row or field stops it with one
sentence and nothing is written.  When the workbook is open in the app, the command says so
and changes nothing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sen_workbook.storage import ReadOnlyError, collector_paused
from sen_workbook.workbook import Workbook, WorkbookError

COMMANDS = ("add",)
EXIT_OK = 0


class IntakeError(WorkbookError):
    """A capture, import or calendar that cannot be done; one sentence, nothing written."""


def add_commands(commands: argparse._SubParsersAction) -> None:
    """The ``add`` command."""
    from sen_workbook import model

    add = commands.add_parser("add", help="add one entry in one command (quick capture)")
    add.add_argument("child", metavar="CHILD", help="a name, preferred name or id")
    add.add_argument("kind", metavar="KIND", help=f"one of {', '.join(model.KINDS)}")
    add.add_argument("title", metavar="TITLE", nargs="?", default=None,
                     help="the entry's title (leave out to write it in $EDITOR)")
    add.add_argument("--date", default="", metavar="YYYY-MM-DD[ HH:MM]",
                     help="when it happened (default: today)")
    add.add_argument("--areas", default="", metavar="A,B", help="areas of need it touches")
    add.add_argument("--details", default=None, metavar="TEXT|-",
                     help="the details, or - to read them from standard input")
    add.add_argument("--attach", action="append", default=[], metavar="FILE",
                     help="a file to attach (repeatable)")
    add.add_argument("--field", action="append", default=[], metavar="NAME=VALUE",
                     help="a field of the kind, e.g. request_type=ehcna (repeatable)")


def run(path: Path, args: argparse.Namespace) -> int:
    """Run ``add``, ``calendar`` or an email or spreadsheet ``import``."""
    if not path.exists():
        raise IntakeError(
            f"There is no workbook at {path}; add a child in the app first "
            "(run sen-workbook with no command)."
        )
    with collector_paused(), Workbook(path) as book:
        if book.open_elsewhere:
            raise ReadOnlyError(f"{book.read_only_reason} Nothing was saved.")
        return _add(book, args)


def _add(book: Workbook, args: argparse.Namespace) -> int:
    from sen_workbook import capture

    child = book.find_child(args.child)
    kind = args.kind.strip().casefold()
    title, details = args.title, args.details
    if details == "-":
        details = sys.stdin.read()
    if title is None:
        if not sys.stdin.isatty() or args.details == "-":
            raise IntakeError(
                "Give the entry's title after its kind (it is written in your editor only "
                "when run in a terminal)."
            )
        title, written = capture.write_in_editor(kind)
        if not title:
            raise IntakeError("Nothing was written in the editor, so nothing was added.")
        details = details if details is not None else written
    try:
        files = capture.read_attachment_files(args.attach)
        entry = capture.quick_entry(
            child["id"], kind, title, day=args.date, areas=capture.split_areas(args.areas),
            details=details or "", fields=args.field, attachments=files,
        )
    except capture.CaptureError as error:
        raise IntakeError(str(error)) from None
    book.add_entries([entry], [content for _, content in files])
    print(entry["id"])
    return EXIT_OK


def _count(number: int, one: str, many: str = "") -> str:
    return f"{number} {one if number == 1 else (many or one + 's')}"
