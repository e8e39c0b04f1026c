"""The command line's ways in and out beside the archive: ``add`` (quick capture),
``import`` of emails and spreadsheets, and ``calendar``.

Each opens the workbook as the one writer (or read-only, for the calendar and a dry run), builds every
record first, and saves them in one go: a bad message, row or field stops it with one
sentence and nothing is written.  When the workbook is open in the app, the command says so
and changes nothing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from sen_workbook import model
from sen_workbook.collector import collector_paused
from sen_workbook.workbook import ReadOnlyError, Workbook, WorkbookError

COMMANDS = ("add", "calendar")
INTAKE_SUFFIXES = (".eml", ".mbox", ".msg", ".csv")
EXIT_OK = 0


class IntakeError(WorkbookError):
    """A capture, import or calendar that cannot be done; one sentence, nothing written."""


def add_commands(commands: argparse._SubParsersAction[Any]) -> None:
    """The ``add`` and ``calendar`` commands."""
    from sen_workbook import model

    add = commands.add_parser("add", help="add one entry in one command (quick capture)")
    add.add_argument("child", metavar="CHILD", help="a name, preferred name or id")
    add.add_argument(
        "kind",
        metavar="KIND",
        help=f"one of {', '.join(model.KINDS)} (or email, call, letter, note...)",
    )
    add.add_argument(
        "title",
        metavar="TITLE",
        nargs="?",
        default=None,
        help="the entry's title (leave out to write it in $EDITOR)",
    )
    add.add_argument(
        "--date",
        default="",
        metavar="YYYY-MM-DD[ HH:MM]",
        help="when it happened: a date, today (the default) or yesterday",
    )
    add.add_argument("--areas", default="", metavar="A,B", help="areas of need it touches")
    add.add_argument(
        "--details",
        default=None,
        metavar="TEXT|-",
        help="the details, or - to read them from standard input",
    )
    add.add_argument(
        "--attach",
        action="append",
        default=[],
        metavar="FILE",
        help="a file to attach (repeatable)",
    )
    add.add_argument(
        "--field",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a field of the kind, e.g. request_type=ehcna (repeatable)",
    )

    cal = commands.add_parser(
        "calendar", help="write upcoming deadlines and due dates as iCalendar"
    )
    cal.add_argument("child", metavar="CHILD", help="a name, preferred name or id")
    cal.add_argument("--out", metavar="FILE.ics", help="write to this file (default: print it)")
    cal.add_argument(
        "--as-of",
        dest="as_of",
        default="",
        metavar="YYYY-MM-DD",
        help="count from this day (default: today)",
    )
    cal.add_argument("--force", action="store_true", help="replace FILE.ics if it exists")


def add_import_options(imp: argparse.ArgumentParser) -> None:
    """The options ``import`` takes for emails and spreadsheets."""
    imp.add_argument("--child", metavar="CHILD", help="whose journal the emails or rows go in")
    imp.add_argument(
        "--dry-run", action="store_true", help="show what would be added and write nothing"
    )
    imp.add_argument(
        "--me",
        action="append",
        default=[],
        metavar="ADDRESS",
        help="the family's own email address (remembered; repeatable)",
    )
    imp.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help="which field a spreadsheet column fills (repeatable)",
    )


def is_intake_import(args: argparse.Namespace) -> bool:
    return args.command == "import" and Path(args.file).suffix.lower() in INTAKE_SUFFIXES


def refuse_intake_options(args: argparse.Namespace) -> None:
    """An archive import takes none of the email and spreadsheet options."""
    if args.command != "import":
        return
    given = [
        name
        for name, value in (
            ("--child", args.child),
            ("--dry-run", args.dry_run),
            ("--me", args.me),
            ("--map", args.map),
        )
        if value
    ]
    if given:
        raise IntakeError(
            f"{given[0]} is for importing emails (.eml, .mbox) or a spreadsheet (.csv), not a "
            "workbook archive."
        )


def run(path: Path, args: argparse.Namespace) -> int:
    """Run ``add``, ``calendar`` or an email or spreadsheet ``import``."""
    if not path.exists():
        raise IntakeError(
            f"There is no workbook at {path}; add a child in the app first "
            "(run sen-workbook with no command)."
        )
    read_only = args.command == "calendar" or (args.command == "import" and args.dry_run)
    with collector_paused(), Workbook(path, read_only=read_only) as book:
        if book.open_elsewhere:
            raise ReadOnlyError(f"{book.read_only_reason} Nothing was saved.")
        if args.command == "add":
            return _add(book, args)
        if args.command == "calendar":
            return _calendar(book, args)
        if getattr(args, "skip_damaged", False):
            raise IntakeError(
                "--skip-damaged is for workbook archives, not emails or spreadsheets."
            )
        if not args.child:
            raise IntakeError(
                f"Say whose journal {Path(args.file).name} goes into with --child CHILD."
            )
        child = book.find_child(args.child)
        if Path(args.file).suffix.lower() == ".csv":
            return _import_sheet(book, child, args)
        return _import_mail(book, child, args)


def _add(book: Workbook, args: argparse.Namespace) -> int:
    from sen_workbook import capture

    child = book.find_child(args.child)
    try:
        kind = capture.kind_named(args.kind)
    except capture.CaptureError as error:
        raise IntakeError(str(error)) from None
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
            child["id"],
            kind,
            title,
            day=args.date,
            areas=capture.split_areas(args.areas),
            details=details or "",
            fields=args.field,
            attachments=files,
        )
    except capture.CaptureError as error:
        raise IntakeError(str(error)) from None
    book.add_entries([entry], [content for _, content in files])
    print(entry["id"])
    return EXIT_OK


def _import_mail(book: Workbook, child: model.Child, args: argparse.Namespace) -> int:
    from sen_workbook import mail
    from sen_workbook.settings import (
        load_settings,
        my_addresses,
        remember_addresses,
        settings_path,
    )

    source = Path(args.file).expanduser()
    settings_file = settings_path()
    addresses = my_addresses(load_settings(settings_file)) + [a for a in args.me if a.strip()]
    try:
        found = mail.read_mail(
            source,
            child["id"],
            my_addresses=addresses,
            known_ids=mail.stored_message_ids(book.stored_entries(child["id"])),
        )
    except mail.MailError as error:
        raise IntakeError(f"{str(error).rstrip('.')}; nothing was imported.") from None
    name = _name_shown(child)
    for item in found.new:
        print(mail.preview_line(item))
    files = [content for item in found.new for content in item.files]
    already = (
        f" ({found.already} already in the journal left as they were)" if found.already else ""
    )
    if not found.direction_known and found.new:
        print(
            "Every message is counted as received: give --me ADDRESS (your own email "
            "address, remembered) to mark the ones you sent."
        )
    if args.dry_run:
        print(
            f"Would import {_count(len(found.new), 'email')} with "
            f"{_count(len(files), 'attachment')} into {name}'s journal{already}; "
            "nothing was written (--dry-run)."
        )
        return EXIT_OK
    book.add_entries([item.entry for item in found.new], files)
    if args.me:
        try:
            remember_addresses(settings_file, args.me)
        except WorkbookError as error:
            print(f"{error.sentence.rstrip('.')}; give --me again next time.", file=sys.stderr)
    print(
        f"Imported {_count(len(found.new), 'email')} with {_count(len(files), 'attachment')} "
        f"into {name}'s journal{already}."
    )
    return EXIT_OK


def _import_sheet(book: Workbook, child: model.Child, args: argparse.Namespace) -> int:
    from sen_workbook import sheet

    source = Path(args.file).expanduser()
    try:
        found = sheet.read_sheet(
            source, child["id"], args.map, existing=book.stored_entries(child["id"])
        )
    except sheet.SheetError as error:
        raise IntakeError(f"{str(error).rstrip('.')}; nothing was imported.") from None
    print(sheet.mapping_text(found))
    for line in sheet.preview_rows(found):
        print(line)
    already = (
        f" ({_count(found.already, 'row')} already in the journal left out)"
        if found.already
        else ""
    )
    if args.dry_run:
        print(
            f"Would import {_count(len(found.entries), 'entry', 'entries')} into "
            f"{_name_shown(child)}'s journal{already}; nothing was written (--dry-run)."
        )
        return EXIT_OK
    book.add_entries(found.entries)
    print(
        f"Imported {_count(len(found.entries), 'entry', 'entries')} into "
        f"{_name_shown(child)}'s journal{already}."
    )
    return EXIT_OK


def _calendar(book: Workbook, args: argparse.Namespace) -> int:
    import datetime as _dt

    from sen_workbook import family_calendar, model

    child = book.find_child(args.child)
    try:
        as_of = model.parse_date(args.as_of, "--as-of") if args.as_of else _dt.date.today()
    except ValueError as error:
        raise IntakeError(str(error)) from None
    content = family_calendar.calendar_bytes(child, book.stored_entries(child["id"]), as_of)
    if not args.out:
        sys.stdout.write(content.decode("utf-8"))
        sys.stdout.flush()
        return EXIT_OK
    out = book.write_output(args.out, content, overwrite=args.force, suffix=".ics")
    events = content.count(b"BEGIN:VEVENT")
    print(f"Wrote {_count(events, 'date')} to {out}.")
    return EXIT_OK


def _name_shown(child: model.Child) -> str:
    """The child's name as printed: no control character reaches the terminal."""
    from sen_workbook import model

    return model.excerpt(child["name"], 100, quoted=False)


def _count(number: int, one: str, many: str = "") -> str:
    return f"{number} {one if number == 1 else (many or one + 's')}"
