"""The command line: open the app, import, archive, check, timeline, bundle and letters.

Errors a person can act on go to stderr as one sentence with exit code 2; nothing is
half-written.  ``check`` exits 1 when it finds problems.
"""

from __future__ import annotations

import argparse
import codecs
import datetime as _dt
import errno
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, cast

from sen_workbook import __version__, intake, model
from sen_workbook.collector import collector_paused
from sen_workbook.errors import ValidationError
from sen_workbook.workbook import ImportSummary, Workbook, WorkbookError, default_db_path

if TYPE_CHECKING:  # the timeline is loaded by the commands that write one
    from sen_workbook.timeline import TimelineOptions

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad input on the command line; the message is one sentence."""


def _help_width() -> int:
    """The width help is set in, as argparse works it out (the terminal's columns, or
    ``COLUMNS``, less two), without ``shutil``: argparse imports it, and with it the
    bz2 and lzma modules, for every option added, which every command then pays for."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return (columns or 80) - 2


class _HelpFormatter(argparse.HelpFormatter):
    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        super().__init__(
            prog, indent_increment, max_help_position, _help_width() if width is None else width
        )


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)  # the commands' parsers too
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:  # one sentence, exit 2, no usage dump
        raise UsageError(
            f"{message[0].upper()}{message[1:].rstrip('.')}. See 'sen-workbook --help'."
        )


def _date(text: str) -> _dt.date:
    try:
        return model.parse_date(text, "the date")
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error).rstrip(".")) from None


def _page_count(text: str) -> int:
    try:
        count = int(text)
    except ValueError:
        count = 0
    if count < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of pages (1 or more)")
    return count


# The commands, in the order the help lists them.
COMMANDS = (
    "import",
    "archive",
    "check",
    *intake.COMMANDS,
    "timeline",
    "bundle",
    "letter",
)


def named_command(argv: Sequence[str]) -> str | None:
    """The command ``argv`` names, when it is plain to see: nothing before it but
    ``--db PATH`` (or ``--db=PATH``), and it one of :data:`COMMANDS`; else None (then
    the whole parser is built, for the help, the errors and the options it knows)."""
    tokens = iter(argv)
    for token in tokens:
        if token == "--db":
            value = next(tokens, None)
            if value is None or value.startswith("-"):
                return None
        elif not token.startswith("--db="):
            return token if token in COMMANDS else None
    return None


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; with ``only``, one of :data:`COMMANDS`, its parser
    alone among the commands' (each command's is some 0.2 ms to build, most of it
    argparse looking up its own texts' translations): :func:`named_command` says when
    that parses the command line as the whole parser would."""
    parser = _Parser(
        prog="sen-workbook",
        description="A private journal and evidence builder for a child with special "
        "educational needs.",
    )
    parser.add_argument("--version", action="version", version=f"sen-workbook {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="the workbook file (default: $SEN_WORKBOOK_DB, or workbook.json in your user data folder)",
    )
    parser.add_argument(
        "--demo", action="store_true", help="open a sample workbook in a temporary folder"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    if only in (None, "import"):
        _add_import(commands)
    if only in (None, "archive"):
        _add_archive(commands)
    if only in (None, "check"):
        commands.add_parser("check", help="verify the database and attachments")
    if only is None or only in intake.COMMANDS:
        intake.add_commands(commands)
    for name in ("timeline", "bundle"):
        if only in (None, name):
            _add_timeline_or_bundle(commands, name)
    if only in (None, "letter"):
        _add_letter(commands)
    return parser


def _add_import(commands: argparse._SubParsersAction[Any]) -> None:
    imp = commands.add_parser(
        "import", help="add children and entries from a workbook archive, emails or a spreadsheet"
    )
    imp.add_argument(
        "file", metavar="FILE", help="a .json or .zip workbook archive, a .eml, .mbox or .csv file"
    )
    intake.add_import_options(imp)
    imp.add_argument(
        "--skip-damaged",
        action="store_true",
        help="import every record even if some attached files in the archive are damaged; "
        "those files are left out and named",
    )


def _add_archive(commands: argparse._SubParsersAction[Any]) -> None:
    arc = commands.add_parser("archive", help="write a full archive (workbook.json + files/)")
    arc.add_argument("out", metavar="OUT.zip")
    arc.add_argument("--force", action="store_true", help="replace OUT.zip if it exists")
    arc.add_argument(
        "--skip-damaged",
        action="store_true",
        help="leave out attached files that are missing or damaged (and name them) instead "
        "of refusing",
    )


_TIMELINE_OR_BUNDLE = {
    "timeline": "print the evidence timeline of a child in Markdown",
    "bundle": "write the evidence bundle of a child to a folder, a .zip or one .pdf",
}


def _add_timeline_or_bundle(commands: argparse._SubParsersAction[Any], name: str) -> None:
    sub = commands.add_parser(name, help=_TIMELINE_OR_BUNDLE[name])
    sub.add_argument("child", metavar="CHILD", help="a name, preferred name or id")
    sub.add_argument(
        "--purpose", default="chronology", choices=("ehcna", "complaint", "chronology")
    )
    sub.add_argument("--from", dest="date_from", type=_date, metavar="YYYY-MM-DD")
    sub.add_argument("--to", dest="date_to", type=_date, metavar="YYYY-MM-DD")
    sub.add_argument(
        "--as-of",
        dest="as_of",
        type=_date,
        metavar="YYYY-MM-DD",
        help="the preparation date (default: today)",
    )
    sub.add_argument(
        "--pseudonym", metavar="NAME", help="a name shown instead of the child's names"
    )
    sub.add_argument(
        "--area",
        dest="areas",
        action="append",
        choices=tuple(model.AREAS),
        help="only entries touching this area (repeatable)",
    )
    sub.add_argument(
        "--kind",
        dest="kinds",
        action="append",
        choices=tuple(model.KINDS),
        help="only entries of this kind (repeatable)",
    )
    if name == "bundle":
        from sen_workbook.pdf.limits import APPEALS

        sub.add_argument("--out", required=True, metavar="DIR|FILE.zip|FILE.pdf")
        sub.add_argument("--force", action="store_true", help="replace an existing bundle")
        sub.add_argument(
            "--appeal",
            choices=tuple(APPEALS),
            help="check the evidence against the Tribunal's page limit for this appeal "
            "(an ehcna bundle is held to refusal-to-assess's unless you choose)",
        )
        sub.add_argument(
            "--max-pages",
            dest="max_pages",
            type=_page_count,
            metavar="N",
            help="your own page limit for the evidence",
        )
        sub.add_argument(
            "--prepared-by",
            dest="prepared_by",
            default="",
            metavar="NAME",
            help="who prepared the bundle, for the PDF's cover",
        )
        sub.add_argument(
            "--without-pdf",
            dest="without_pdf",
            action="store_true",
            help="leave bundle.pdf out of a folder or .zip",
        )


def _add_letter(commands: argparse._SubParsersAction[Any]) -> None:
    letter = commands.add_parser(
        "letter",
        help="write a letter from the records (see 'letter --list')",
        description="Write a letter from a child's records: print it, or write it to a "
        ".md, .txt or .pdf file.",
    )
    letter.add_argument("--list", action="store_true", help="list the letter types")
    letter.add_argument("child", metavar="CHILD", nargs="?", help="a name, preferred name or id")
    letter.add_argument("letter_type", metavar="TYPE", nargs="?", help="one of 'letter --list'")
    letter.add_argument("--entry", metavar="ID", help="the entry the letter is about")
    letter.add_argument(
        "--rule",
        default="",
        metavar="RULE",
        help="for a chaser: which deadline of the request (e.g. final_plan)",
    )
    letter.add_argument(
        "--as-of",
        dest="as_of",
        type=_date,
        metavar="YYYY-MM-DD",
        help="the letter's date (default: today)",
    )
    letter.add_argument("--pseudonym", default="", metavar="NAME")
    letter.add_argument(
        "--signed",
        default=None,
        metavar="NAME",
        help="your name, to sign the letter with (remembered for later letters)",
    )
    letter.add_argument("--out", metavar="FILE.md|FILE.txt|FILE.pdf")
    letter.add_argument("--force", action="store_true", help="replace FILE if it exists")


def _db_path(args: argparse.Namespace) -> Path:
    return Path(args.db).expanduser() if args.db else default_db_path()


def main(argv: Sequence[str] | None = None) -> int:
    try:
        # Run as the command (no argv given), a timeline ends the process once written.
        given = list(sys.argv[1:] if argv is None else argv)
        return _run(build_parser(named_command(given)), given, as_command=argv is None)
    except UsageError as error:
        return _refuse(str(error))
    except WorkbookError as error:  # a record, the workbook file or a file beside it
        return _refuse(error.sentence)
    except OSError as error:  # the last net: a folder or disk that refused, in one sentence
        where = f" {error.filename}" if error.filename else ""
        return _refuse(f"Could not read or write{where}: {error.strerror or error}.")
    except KeyboardInterrupt:
        return 130


# An error names the bad value in a short excerpt already; this bounds the whole sentence.
_LONGEST_MESSAGE = 2000


def terminal_text(text: str, limit: int = _LONGEST_MESSAGE) -> str:
    """Text for the terminal: control characters and escape sequences (which could move
    the cursor, retitle the window or hide what follows) shown as ``\\x1b`` and the like,
    and at most ``limit`` characters."""
    return model.excerpt(text, limit, quoted=False)


def _refuse(message: str) -> int:
    print(f"sen-workbook: {terminal_text(message)}", file=sys.stderr)
    return EXIT_USAGE


def _leave_at_once(code: int) -> None:
    """End the process with ``code`` now, its output flushed, without freeing every
    record read one by one (a tenth of a 20,000-entry timeline's time) or unloading the
    modules: nothing is left to write, and the system takes the memory back at once.
    (mypy ends the same way.)  If the output cannot be flushed, the caller goes on and
    reports it as usual."""
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:  # None when the program was started with it closed
                stream.flush()
    except (OSError, ValueError):
        return
    os._exit(code)


def _run(parser: argparse.ArgumentParser, argv: list[str], *, as_command: bool = False) -> int:
    args = parser.parse_args(argv)
    if args.demo:
        if args.command:
            raise UsageError("--demo opens the app on a sample workbook and takes no command.")
        return _open_demo()
    if args.command is None:
        return _open_app(_db_path(args))
    if args.command == "letter" and args.list:
        return _list_letters(args)
    path = _db_path(args)
    reading = ("check", "timeline", "bundle", "letter")
    if args.command in (*reading, *intake.COMMANDS) and not path.exists():
        raise WorkbookError(f"There is no workbook at {path}.")
    if args.command in intake.COMMANDS or intake.is_intake_import(args):
        return intake.run(path, args)
    intake.refuse_intake_options(args)
    read_only = args.command in reading
    if args.command == "import" and not path.exists():
        return _import_into_new(path, args.file, args.skip_damaged, as_command=as_command)
    with (
        collector_paused(),
        Workbook(path, read_only=read_only, check_shape=args.command != "check") as book,
    ):
        if args.command == "import":
            summary = book.import_archive(args.file, skip_damaged=args.skip_damaged)
            code = _report_import(summary, book.path)
            if as_command:
                _leave_at_once(code)  # saved and synced: as after an import into a new path
            return code
        if args.command == "archive":
            left_out: list[str] = []
            out = book.write_archive(
                args.out, overwrite=args.force, skip_damaged=args.skip_damaged, left_out=left_out
            )
            print(f"Wrote {out}.")
            if left_out:
                from sen_workbook.timeline.words import plural

                files = plural(len(left_out), "attached file")
                print(f"{files} {'was' if len(left_out) == 1 else 'were'} left out of it:")
                for line in left_out:
                    print(f"  - {line}")
            return EXIT_OK
        if args.command == "check":
            from sen_workbook.timeline.words import plural

            problems = book.check()
            if problems:
                print(f"{book.path}: {plural(len(problems), 'problem')} found:", file=sys.stdout)
                for problem in problems:
                    print(f"  - {terminal_text(problem)}")
                return EXIT_PROBLEMS
            children = len(book.children())
            print(
                f"{book.path} is sound: {plural(children, 'child', 'children')}, "
                f"{plural(book.entry_count(), 'entry', 'entries')}, "
                "every attachment present and unchanged."
            )
            return EXIT_OK
        if args.command == "timeline" and as_command:
            code = _evidence(book, args)
            # Written: the process ends here, with the workbook (read only: no lock to
            # let go of) still open, rather than freeing its records one by one as it
            # closes (a fiftieth of a 20,000-entry timeline).
            _leave_at_once(code)
        elif args.command in ("timeline", "bundle"):
            return _evidence(book, args)
        elif args.command == "letter":
            return _letter(book, args)
        else:
            raise UsageError(f"unknown command {args.command!r}")  # pragma: no cover
    # Only when the timeline's output could not be flushed above: the workbook closed,
    # the program goes on to report it as usual.
    _leave_at_once(code)
    return code


def _import_into_new(
    path: Path, source: str, skip_damaged: bool = False, *, as_command: bool = False
) -> int:
    """Import into a workbook that does not exist yet; if nothing is imported, leave
    nothing behind (no empty workbook, lock file, backup or folder) of what this process
    made, and nothing of another process's (which may be creating the same workbook)."""
    with Workbook(path, write_on_first_save=True) as book:
        try:
            summary = book.import_archive(source, skip_damaged=skip_damaged)
        except BaseException:
            book.discard_created()
            raise
        code = _report_import(summary, book.path)
        if as_command:
            # Saved and synced: the process ends at once with the workbook still open,
            # and the system lets go of the writer lock (as however a process ends);
            # closing it first would free every record read, one by one, for nothing.
            _leave_at_once(code)
    return code


def _report_import(summary: ImportSummary, path: Path) -> int:
    """Say what an import did.  The records are saved by now: if the report cannot be
    written (a full disk), the one sentence on the error stream says they were imported,
    so the parent does not take the import for one that failed."""
    try:
        code = _write_import_report(summary, path)
        if sys.stdout is not None:
            sys.stdout.flush()
    except OSError as error:
        raise WorkbookError(
            f"The records were imported into {path}, but this report could not be "
            f"written: {error.strerror or error}."
        ) from error
    return code


def _write_import_report(summary: ImportSummary, path: Path) -> int:
    from sen_workbook.timeline.words import plural

    skipped = summary.children_skipped + summary.entries_skipped
    note = f" ({skipped} already there were left as they were)" if skipped else ""
    print(
        f"Imported {plural(summary.children_added, 'child', 'children')} and "
        f"{plural(summary.entries_added, 'entry', 'entries')} into {path}{note}."
    )
    if summary.records_filled:
        records = summary.records_filled
        print(
            f"{records} record{'s' if records != 1 else ''} left out fields or wrote them as "
            f"null; they were filled with empty values: {', '.join(summary.fields_filled)}."
        )
    if summary.files_not_restored:
        lost = len(summary.files_not_restored)
        print(
            f"{plural(lost, 'attached file')} {'was' if lost == 1 else 'were'} damaged or missing in "
            "the archive and were left out; their entries were imported without them, and "
            "'sen-workbook check' lists them as missing:"
        )
        for line in summary.files_not_restored:
            print(f"  - {line}")
    return EXIT_OK


def _write_blocks(make_blocks: Callable[[str | None], Iterable[str | bytes]]) -> None:
    """Write a document's blocks, a blank line between them and a line end after the last.

    ``make_blocks(utf8_errors)`` makes them: text, or, given an error handler, text and
    the UTF-8 bytes of some (encoded with that handler) where that is quicker to make.
    Every block is made before anything is written, so a record that cannot be shown
    leaves no half-written document.  Where the output takes UTF-8 with no line end
    translated (not on Windows), each block is encoded as it is made: a long journal's
    document (17 MB at 20,000 entries) is held once, as bytes, not as text three times
    the size, nor joined into one string first.
    """
    out = sys.stdout
    if out is None:  # the program was started with its output closed
        raise OSError(errno.EBADF, "the output is closed, so the document was not written")
    binary = getattr(out, "buffer", None)
    encoding = getattr(out, "encoding", None)
    if (
        binary is None
        or not encoding
        or os.linesep != "\n"
        or codecs.lookup(encoding).name != "utf-8"
    ):
        out.write("\n\n".join(cast("Iterable[str]", make_blocks(None))) + "\n")
        return
    errors = out.errors or "strict"
    encoded: list[bytes] = []
    for block in make_blocks(errors):
        encoded += (block if isinstance(block, bytes) else block.encode("utf-8", errors), b"\n\n")
    encoded[-1] = b"\n"  # one line end after the last block
    out.flush()
    binary.writelines(encoded)


def _timeline_blocks(
    child: dict[str, Any],
    entries: list[model.Entry],
    options: TimelineOptions,
    utf8_errors: str | None = None,
) -> Iterator[str | bytes]:
    """The timeline's blocks, made as they are taken (see :func:`_write_blocks`).  A
    record that cannot be shown (a date that is no real day, in a workbook edited by
    hand) stops it with the record's problem in one sentence, as the bundle is stopped,
    before anything is written."""
    from sen_workbook.timeline import timeline_blocks

    try:
        yield from timeline_blocks(child, entries, options, utf8_errors)
    except WorkbookError:
        raise
    except ValueError as error:
        raise ValidationError(
            f"{error} Nothing was written; 'sen-workbook check' names the record."
        ) from error


def _evidence(book: Workbook, args: argparse.Namespace) -> int:
    from sen_workbook.timeline import EMPTY_PSEUDONYM, TimelineOptions, pseudonym_problem

    # Given but empty is a mistake, not "no pseudonym": the parent meant to hide the name.
    if args.pseudonym is not None and not args.pseudonym.strip():
        raise UsageError(EMPTY_PSEUDONYM)
    pseudonym = (args.pseudonym or "").strip()
    child = book.find_child(args.child)
    problem = pseudonym_problem(child, pseudonym)
    if problem:
        raise UsageError(problem)
    if args.date_from and args.date_to and args.date_to < args.date_from:
        raise UsageError(
            f"--to {args.date_to} is before --from {args.date_from}; give the earlier date first."
        )
    options = TimelineOptions(
        purpose=args.purpose,
        as_of=args.as_of or _dt.date.today(),
        date_from=args.date_from,
        date_to=args.date_to,
        areas=tuple(args.areas or ()),
        kinds=tuple(args.kinds or ()),
        pseudonym=pseudonym,
    )
    if args.command == "timeline":
        # Every entry: the timeline takes the child's own in the one pass it makes over them.
        stored = book.stored_entries()
        _write_blocks(
            lambda utf8_errors: _timeline_blocks(dict(child), stored, options, utf8_errors)
        )
        sys.stdout.flush()
        return EXIT_OK
    from sen_workbook.pdf.limits import page_limit

    # Said before anything is written: what the pseudonym cannot hide inside the files.
    inside = book.names_inside_exhibits(child, options)
    if inside:
        print(inside, file=sys.stderr)
    report: list[str] = []
    out = book.export_bundle(
        child,
        options,
        Path(args.out),
        overwrite=args.force,
        include_pdf=not args.without_pdf,
        prepared_by=args.prepared_by.strip(),
        limit=page_limit(options.purpose, args.appeal, args.max_pages),
        report=report,
    )
    print(f"Wrote the evidence bundle to {out}.")
    for line in report:
        print(line)
    return EXIT_OK


def _list_letters(args: argparse.Namespace) -> int:
    from sen_workbook.letters import LETTER_TYPES

    if args.child or args.letter_type:
        raise UsageError("letter --list takes no child or type; give one or the other.")
    width = max(map(len, LETTER_TYPES))
    for key, kind in LETTER_TYPES.items():
        print(f"{key:<{width}}  {kind.label}: {kind.summary}")
    return EXIT_OK


_LETTER_FORMATS = (".md", ".txt", ".pdf")


def _signed(given: str | None) -> str:
    """The name to sign a letter with: ``--signed`` (remembered for later letters), else
    the one remembered; "" when there is none."""
    from sen_workbook.settings import (
        load_settings,
        parent_name,
        remember_parent_name,
        settings_path,
    )

    path = settings_path()
    if given is None:
        return parent_name(load_settings(path))
    try:
        return remember_parent_name(path, given)
    except WorkbookError as error:
        print(f"{error.sentence.rstrip('.')}; give --signed again next time.", file=sys.stderr)
        return " ".join(given.split())


def _letter(book: Workbook, args: argparse.Namespace) -> int:
    from sen_workbook import letters
    from sen_workbook.letters.document import joined, long_date

    if not args.child or not args.letter_type:
        raise UsageError("letter needs a child and a letter type, or --list to see the types.")
    if args.rule and args.letter_type != "deadline_chaser":
        raise UsageError("--rule chooses the deadline of a chaser; it is for deadline_chaser only.")
    if args.letter_type not in letters.LETTER_TYPES:
        raise UsageError(
            f"There is no letter type {args.letter_type!r}; see 'sen-workbook letter --list'."
        )
    suffix = Path(args.out).suffix.lower() if args.out else ""
    if args.out and suffix not in _LETTER_FORMATS:
        raise UsageError(f"--out {args.out} must end in .md, .txt or .pdf.")
    child = book.find_child(args.child)
    as_of = args.as_of or _dt.date.today()
    pseudonym = args.pseudonym.strip()
    signed = _signed(args.signed)
    try:
        letter = book.letter(
            child,
            args.letter_type,
            as_of=as_of,
            entry_id=args.entry,
            pseudonym=pseudonym,
            rule=args.rule,
            signed=signed,
        )
    except letters.LetterError as error:
        raise UsageError(str(error)) from None
    if not pseudonym:  # a pseudonymised letter is left unsigned on purpose
        unsigned = letters.unsigned_warning(
            letters.plain_text(letter),
            'give your name once with --signed "Your Name" and your letters are signed with it.',
        )
        if unsigned:  # on stderr, so that what is printed is the letter alone
            print(unsigned, file=sys.stderr)
    if args.letter_type == "deadline_chaser" and not args.entry:
        others = letters.chaseable_deadlines(child, book.stored_entries(child["id"]), as_of=as_of)[
            1:
        ]
        if others:  # said on stderr, so that what is printed is the letter alone
            more = "1 more deadline" if len(others) == 1 else f"{len(others)} more deadlines"
            print(f"{more} could be chased; for one of them, give:", file=sys.stderr)
            for due in others:
                print(
                    f"  --entry {due.entry_id} --rule {due.rule}   ({due.label}, due "
                    f"{long_date(due.due)})",
                    file=sys.stderr,
                )
    if not args.out:
        sys.stdout.write(letters.plain_text(letter))
        sys.stdout.flush()
        return EXIT_OK
    if suffix == ".md":
        content = letters.markdown(letter).encode("utf-8")
    elif suffix == ".pdf":
        content = letters.pdf(letters.plain_text(letter), joined(letter.subject), as_of)
    else:
        content = letters.plain_text(letter).encode("utf-8")
    out = book.export_letter(
        child, args.out, content, pseudonymised=bool(pseudonym), overwrite=args.force
    )
    print(f"Wrote the letter to {out}.")
    return EXIT_OK


def _open_app(path: Path, *, remember_place: bool = True) -> int:
    from sen_workbook.tui.app import run_app

    return run_app(path, remember_place=remember_place)


def _open_demo() -> int:
    from sen_workbook.demo import generate
    from sen_workbook.workbook import make_demo_folder, remove_demo_folder

    folder = make_demo_folder()
    try:
        path = folder / "workbook.json"
        sample = generate()
        with Workbook(path) as book:
            book.load_sample(sample.children, sample.entries, sample.files)
        # The sample's folder is removed on closing: there is no place to come back to.
        return _open_app(path, remember_place=False)
    finally:
        remove_demo_folder(folder)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
