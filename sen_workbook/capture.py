"""Quick capture: one entry from one command, as ``jrnl`` takes a note.

``sen-workbook add CHILD KIND "title" --details - --field name=value --attach FILE`` builds a
complete entry here (no I/O but reading the files named and, without a title, the editor);
the command line saves it through :meth:`Workbook.add_entries` in one save.  Kind fields are
given as text and turned into the type the record holds, so ``days_lost=0.5`` is a number
and ``attendees=Mrs Patel, Dad`` a list.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import shlex
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from sen_workbook import model, vocabulary
from sen_workbook.files import sha256_bytes

# A kind whose meaning rests on one choice must be told it: a request left as "other" would
# start no statutory deadline, an incident left as "other" would not count as days lost to an
# exclusion, and a letter's direction decides whether a reply is awaited.
REQUIRED_CHOICES: dict[str, tuple[str, tuple[str, ...]]] = {
    "request": ("request_type", tuple(model.REQUEST_TYPES)),
    "incident": ("incident_type", tuple(model.INCIDENT_TYPES)),
    "correspondence": ("direction", model.DIRECTIONS),
}
# Fields beyond a kind's own that a quick note may set.
_COMMON_SETTABLE = ("people", "links")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class CaptureError(ValueError):
    """The command cannot make the entry; the message is one sentence saying what to give."""


def settable_fields(kind: str) -> tuple[str, ...]:
    """The fields ``--field`` may set for ``kind``: its own plain fields and people, links."""
    own = tuple(
        name
        for name in model.KIND_FIELDS[kind]
        if name not in model.ITEM_FIELDS and name not in model.IMPORTED_FIELDS
    )
    return own + _COMMON_SETTABLE


def field_values(kind: str, pairs: Iterable[str]) -> dict[str, Any]:
    """``name=value`` texts turned into the fields of an entry of ``kind``."""
    fields: dict[str, Any] = {}
    allowed = settable_fields(kind)
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip()
        if not sep or not name:
            raise CaptureError(f"--field {pair!r} must be written as name=value.")
        if name in model.ITEM_FIELDS:
            raise CaptureError(
                f"{name} holds a list of items, which cannot be given with --field; add them "
                "in the app."
            )
        if name not in allowed:
            listed = ", ".join(allowed) if allowed else "none"
            raise CaptureError(
                f"{name!r} is not a field of a {kind} entry; the fields --field can set are: {listed}."
            )
        default = model.KIND_FIELDS[kind].get(name, [])
        value = value.strip()
        if isinstance(default, list):
            fields[name] = [part.strip() for part in value.split(",") if part.strip()]
        elif isinstance(default, bool):
            fields[name] = value.casefold() in ("yes", "true", "1")
        elif isinstance(default, (int, float)):
            try:  # the records' one reading of days lost ("2", "0.5", "half")
                fields[name] = model.days_from_text(value)
            except ValueError as error:
                raise CaptureError(str(error)) from None
        else:
            fields[name] = value
    return fields


def split_areas(text: str) -> list[str]:
    """``--areas semh,other`` as a list; an area may be named by its key or its label."""
    by_label = {label.casefold(): key for key, label in vocabulary.AREA_LABELS.items()}
    areas = []
    for part in text.split(","):
        part = part.strip()
        if part:
            key = part.casefold().replace(" ", "_")
            areas.append(key if key in model.AREAS else by_label.get(part.casefold(), part))
    return areas


def read_attachment_files(paths: Sequence[str]) -> list[tuple[str, bytes]]:
    """The name and bytes of each file to attach (the name is data, never a path)."""
    found = []
    for given in paths:
        path = Path(given).expanduser()
        if not path.is_file():
            what = "a folder, not a file" if path.is_dir() else "not there"
            raise CaptureError(f"The file to attach {path} is {what}; nothing was added.")
        try:
            found.append((path.name, path.read_bytes()))
        except OSError as error:
            raise CaptureError(
                f"Could not read {path}: {error.strerror}; nothing was added."
            ) from None
    return found


def attachment_record(filename: str, content: bytes, description: str = "") -> model.Attachment:
    """How an entry records a file it attaches (the file itself is stored by its SHA-256)."""
    return {
        "sha256": sha256_bytes(content),
        "filename": safe_filename(filename),
        "size": len(content),
        "added_at": model.now_stamp(),
        "description": description,
    }


def safe_filename(name: str, fallback: str = "attachment") -> str:
    """A file's own name only: any folders named before it dropped, control characters out.

    Names come from emails and other people's files, so ``../../x`` is kept as ``x``.
    """
    last = re.split(r"[\\/]", name or "")[-1]
    cleaned = _CONTROL.sub("", last).strip().lstrip(".").strip()
    return cleaned[:200] or fallback


def kind_named(text: str) -> str:
    """The kind of entry ``text`` names: a kind itself, or a word a parent would use for
    one ("email", "call", "letter", "sent home", "report", "note")."""
    from sen_workbook.sheet import kind_of  # the spreadsheet import's words for kinds

    word = text.strip().casefold()
    if word in model.KINDS:
        return word
    found = kind_of(word) if word else ""
    if not found:
        raise CaptureError(f"{text!r} is not a kind of entry; use one of {', '.join(model.KINDS)}.")
    return found


def day_named(text: str, today: _dt.date) -> str:
    """``--date`` as written, with "today" (the default) and "yesterday" understood."""
    word = text.strip()
    if word.casefold() in ("", "today"):
        return today.isoformat()
    if word.casefold() == "yesterday":
        return (today - _dt.timedelta(days=1)).isoformat()
    return word


def quick_entry(
    child_id: str,
    kind: str,
    title: str,
    *,
    day: str = "",
    areas: Sequence[str] = (),
    details: str = "",
    fields: Sequence[str] = (),
    attachments: Sequence[tuple[str, bytes]] = (),
    today: _dt.date | None = None,
) -> model.Entry:
    """A complete, validated entry from what the command line was given.

    Problems are :class:`CaptureError` (a missing choice, a bad field) or
    :class:`model.ModelError` (what the record's own checks find), each one sentence.
    """
    kind = kind_named(kind)
    values = field_values(kind, fields)
    required = REQUIRED_CHOICES.get(kind)
    if required and not values.get(required[0]):
        name, choices = required
        raise CaptureError(
            f"A {kind} entry needs its {name}: add --field {name}=VALUE with one of "
            f"{', '.join(choices)}; nothing was added."
        )
    date_text = day_named(day, today or _dt.date.today())
    files: dict[str, model.Attachment] = {}
    for filename, content in attachments:
        record = attachment_record(filename, content)
        files.setdefault(record["sha256"], record)  # the same file named twice is attached once
    entry = model.new_entry(
        kind,
        child_id,
        date=date_text,
        title=title.strip(),
        details=details.strip("\n"),
        areas=list(areas),
        attachments=list(files.values()),
        **values,
    )
    problems = model.validate_entry(entry)
    if problems:
        raise model.ModelError(problems)
    return entry


EDITOR_TEMPLATE = """\

# Write the title on the first line and the details below it.
# Lines starting with # are left out. Save and close the editor to add
# the {kind} entry; leave it empty to add nothing.
"""


def parse_editor_text(text: str) -> tuple[str, str]:
    """The title (first line written) and details (the rest) of the editor's text."""
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines:
        return "", ""
    return lines[0].strip(), "\n".join(lines[1:]).strip("\n")


def write_in_editor(kind: str, *, environ: dict[str, str] | None = None) -> tuple[str, str]:
    """Open ``$VISUAL`` or ``$EDITOR`` on the short template; the title and details written."""
    env = os.environ if environ is None else environ
    editor = env.get("VISUAL") or env.get("EDITOR")
    if not editor:
        raise CaptureError(
            "Give the entry's title after its kind, or set EDITOR to write it in your editor."
        )
    # The note is private: a 0600 file of our own, removed as soon as it has been read.
    fd, name = tempfile.mkstemp(prefix="sen-workbook-note-", suffix=".txt")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(EDITOR_TEMPLATE.format(kind=kind))
        try:
            finished = subprocess.run([*shlex.split(editor), name], check=False)
        except OSError as error:
            raise CaptureError(
                f"Could not start the editor {editor!r}: {error.strerror}."
            ) from None
        if finished.returncode != 0:
            raise CaptureError(f"The editor {editor!r} stopped with an error; nothing was added.")
        with open(name, encoding="utf-8", errors="replace") as handle:
            return parse_editor_text(handle.read())
    finally:
        os.unlink(name)
