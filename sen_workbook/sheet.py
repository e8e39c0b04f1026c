"""Spreadsheet in: a parent's own log, saved as ``.csv``, read into journal entries.

Parents keep logs with columns like "Date", "What happened", "Who" and "Type".  The common
names are guessed (``--map COLUMN=FIELD`` says otherwise), the mapping and the first rows are
shown, and every row is checked before anything is written: a bad date stops the import
with its row number, as a spreadsheet numbers it.  Files saved by Excel in UTF-8 with a BOM,
in Windows-1252 or in UTF-16 all read; blank rows are skipped; a title row above the
headers is passed over; a header cell merged across two columns joins them.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from sen_workbook import model, vocabulary

FIELDS = ("date", "time", "title", "details", "people", "kind", "areas", "skip")
# Column names parents use, by field (compared without case, spaces or punctuation).
_GUESSES: dict[str, tuple[str, ...]] = {
    "date": ("date", "day", "when", "dateofevent", "eventdate", "datetime", "dateandtime"),
    "time": ("time", "timeofday", "at"),
    "title": (
        "whathappened",
        "event",
        "title",
        "subject",
        "summary",
        "what",
        "headline",
        "incident",
        "issue",
    ),
    "details": (
        "details",
        "notes",
        "note",
        "description",
        "comments",
        "comment",
        "more",
        "moredetails",
        "whatwassaid",
        "outcome",
        "action",
        "actions",
    ),
    "people": (
        "who",
        "people",
        "with",
        "staff",
        "whowasthere",
        "whowasinvolved",
        "contact",
        "person",
        "attendees",
    ),
    "kind": ("type", "kind", "category", "typeofevent", "entrytype"),
    "areas": ("area", "areas", "areaofneed", "areasofneed", "need"),
}
# Words in a "type" column, and the kind of entry they mean (the first found wins).
_KIND_WORDS: tuple[tuple[str, str], ...] = (
    ("sent home", "incident"),
    ("exclu", "incident"),
    ("suspen", "incident"),
    ("incident", "incident"),
    ("injur", "incident"),
    ("restrain", "incident"),
    ("meeting", "meeting"),
    ("review", "meeting"),
    ("email", "correspondence"),
    ("e-mail", "correspondence"),
    ("letter", "correspondence"),
    ("call", "correspondence"),
    ("phone", "correspondence"),
    ("message", "correspondence"),
    ("report", "assessment"),
    ("assessment", "assessment"),
    ("concern", "concern"),
    ("worry", "concern"),
    ("observ", "observation"),
    ("home", "observation"),
    ("note", "observation"),
)
_INCIDENT_WORDS = (
    ("sent home", "sent_home"),
    ("exclu", "exclusion"),
    ("suspen", "suspension"),
    ("injur", "injury"),
    ("restrain", "restraint"),
    ("absen", "absence"),
    ("part-time", "part_time_timetable"),
    ("part time", "part_time_timetable"),
)
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        1,
    )
    for name in names
}
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_WORDY = re.compile(r"^(?:[a-z]+,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$")
_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})(?::\d{2})?\s*(am|pm)?$", re.IGNORECASE)
_PREVIEW_ROWS = 5


class SheetError(ValueError):
    """The spreadsheet cannot be imported; one sentence naming the row or column."""


class SheetImport(NamedTuple):
    """What a spreadsheet gives: its columns and their fields, the entries, and notes."""

    columns: list[tuple[str, str]]  # (column heading, field or "skip")
    entries: list[model.Entry]
    rows: list[int]  # the spreadsheet row number of each entry
    already: int  # rows already in the journal, left out
    encoding: str
    notes: list[str]  # what the reader did that the parent should know


def read_sheet(
    path: Path,
    child_id: str,
    mapping: Sequence[str] = (),
    *,
    existing: Iterable[model.Entry] = (),
) -> SheetImport:
    """The entries of a ``.csv`` log, all checked; :class:`SheetError` on the first problem."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SheetError(f"There is no file at {path}.") from None
    except OSError as error:
        raise SheetError(f"Could not read {path}: {error.strerror}.") from None
    text, encoding = decode(raw)
    rows = list(_rows(text))
    notes: list[str] = []
    header_at, header = _find_header(rows, mapping)
    if header_at == 2:
        notes.append("Row 1, above the headings, was left out.")
    elif header_at > 2:
        notes.append(f"Rows 1 to {header_at - 1}, above the headings, were left out.")
    columns = _columns(header, mapping, path)
    fields = [field for _, field in columns]
    if "date" not in fields:
        raise SheetError(
            f"No column of {path.name} holds the date; name it with --map COLUMN=date "
            f"(the columns are: {_listed(header)})."
        )
    if "title" not in fields and "details" not in fields:
        raise SheetError(
            f"No column of {path.name} says what happened; name it with --map COLUMN=title "
            f"(the columns are: {_listed(header)})."
        )
    seen = {_same_key(e) for e in existing}
    entries: list[model.Entry] = []
    numbers: list[int] = []
    already = 0
    unknown_types: dict[str, int] = {}
    for number, cells in rows[header_at:]:
        if not any(cell.strip() for cell in cells):
            continue
        values = _values(cells, columns)
        entry = _entry(values, child_id, number, unknown_types)
        key = _same_key(entry)
        if key in seen:
            already += 1
            continue
        seen.add(key)
        entries.append(entry)
        numbers.append(number)
    if unknown_types:
        listed = ", ".join(f"{name!r}" for name in sorted(unknown_types)[:5])
        notes.append(f"Types not recognised were recorded as observations: {listed}.")
    if not entries and not already:
        raise SheetError(f"{path.name} has no rows below its headings.")
    return SheetImport(columns, entries, numbers, already, encoding, notes)


def decode(raw: bytes) -> tuple[str, str]:
    """The text of the file and the encoding it was in: UTF-8 (with or without the BOM
    Excel writes), UTF-16 with a BOM, or else Windows-1252, Excel's own on Windows."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace"), "UTF-8 with BOM"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace"), "UTF-16"
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        # Five bytes have no character in Windows-1252; they are kept as Latin-1 reads them.
        return raw.decode("cp1252", errors="replace"), "Windows-1252"


def _rows(text: str) -> list[tuple[int, list[str]]]:
    """Every row with its spreadsheet number (a blank line is a row too).

    Quoting is read strictly, so a quote left open is named with its row instead of
    silently swallowing the rows after it.
    """
    sample = text[:8192]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    # A long note in one cell is a parent's right; the module's default stops at 128 KB.
    csv.field_size_limit(max(csv.field_size_limit(), 64 * 1024 * 1024))
    reader = csv.reader(io.StringIO(text, newline=""), dialect, strict=True)
    rows: list[tuple[int, list[str]]] = []
    try:
        for row in reader:
            rows.append((len(rows) + 1, row))
    except csv.Error as error:
        raise SheetError(f"Row {len(rows) + 1} cannot be read as CSV ({error}).") from None
    return rows


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.casefold())


def _guess(heading: str) -> str:
    key = _key(heading)
    for field, names in _GUESSES.items():
        if key in names:
            return field
    return ""


def _find_header(
    rows: list[tuple[int, list[str]]], mapping: Sequence[str]
) -> tuple[int, list[str]]:
    """The row of headings: the first of the first ten non-blank rows that names a date
    (or a column ``--map`` names), else the first non-blank row."""
    mapped = {_key(pair.partition("=")[0]) for pair in mapping}
    candidates = [(n, r) for n, r in rows if any(c.strip() for c in r)][:10]
    if not candidates:
        raise SheetError("The spreadsheet is empty.")
    for number, row in candidates:
        keys = {_key(c) for c in row}
        if any(_guess(c) == "date" for c in row) or (mapped and mapped <= keys):
            return number, [c.strip() for c in row]
    number, row = candidates[0]
    return number, [c.strip() for c in row]


def _columns(header: list[str], mapping: Sequence[str], path: Path) -> list[tuple[str, str]]:
    """Each column's heading and the field it fills: ``--map`` first, then a guess; a
    heading left empty beside a named one is that column merged across two."""
    chosen: dict[str, str] = {}
    for pair in mapping:
        column, sep, field = pair.partition("=")
        field = field.strip().casefold()
        if not sep or not column.strip():
            raise SheetError(f"--map {pair!r} must be written as COLUMN=FIELD.")
        if field not in FIELDS:
            raise SheetError(f"--map {pair!r}: {field!r} is not one of {', '.join(FIELDS)}.")
        if _key(column) not in {_key(h) for h in header}:
            raise SheetError(
                f"--map {pair!r}: {path.name} has no column {column.strip()!r} "
                f"(the columns are: {_listed(header)})."
            )
        chosen[_key(column)] = field
    columns: list[tuple[str, str]] = []
    taken: set[str] = set(v for v in chosen.values() if v != "skip")
    for heading in header:
        if _key(heading) in chosen:
            field = chosen[_key(heading)]
        elif not heading and columns and columns[-1][1] not in ("skip", "date", "time"):
            field = columns[-1][1]  # a heading merged across this column too
        else:
            field = _guess(heading)
            field = field if field and field not in taken else "skip"
        if field != "skip":
            taken.add(field)
        columns.append((heading, field))
    return columns


def _values(cells: list[str], columns: list[tuple[str, str]]) -> dict[str, str]:
    values: dict[str, str] = {}
    for (_, field), cell in zip(columns, cells, strict=False):
        cell = cell.strip()
        if field == "skip" or not cell:
            continue
        values[field] = f"{values[field]} {cell}" if field in values else cell
    return values


def read_day(text: str, row: int) -> _dt.date:
    """A date as parents write it: 2024-03-05, 05/03/2024, 5.3.24, 5 March 2024, Tue 5th
    Mar 2024.  Numbers are day first, as in England."""
    cleaned = " ".join(text.strip().casefold().split())
    cleaned = re.sub(r"[ t]\d{1,2}[:.]\d{2}(:\d{2})?$", "", cleaned)  # a time after it
    day = month = year = None
    if match := _ISO.match(cleaned):
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    elif match := _NUMERIC.match(cleaned):
        day, month, year = int(match[1]), int(match[2]), int(match[3])
        year = year + 2000 if year < 100 else year
    elif (match := _WORDY.match(cleaned)) and match[2] in _MONTHS:
        day, month, year = int(match[1]), _MONTHS[match[2]], int(match[3])
    if day is None or month is None or year is None:
        raise SheetError(
            f"Row {row}: the date {text.strip()[:40]!r} cannot be read; write it as "
            "YYYY-MM-DD or DD/MM/YYYY."
        )
    try:
        return _dt.date(year, month, day)
    except ValueError:
        raise SheetError(f"Row {row}: the date {text.strip()[:40]!r} is not a real date.") from None


def _time_of(values: dict[str, str], row: int) -> str:
    found = values.get("time", "")
    if not found:
        date_text = values["date"].strip()
        match = re.search(r"[ T](\d{1,2}[:.]\d{2})(?::\d{2})?$", date_text)
        found = match[1] if match else ""
    if not found:
        return ""
    match = _TIME.match(found.strip())
    if not match:
        raise SheetError(f"Row {row}: the time {found[:20]!r} cannot be read; write it as HH:MM.")
    hour, minute = int(match[1]), int(match[2])
    if match[3]:
        hour = hour % 12 + (12 if match[3].casefold() == "pm" else 0)
    if hour > 23 or minute > 59:
        raise SheetError(f"Row {row}: the time {found[:20]!r} is not a real time.")
    return f" {hour:02d}:{minute:02d}"


def kind_of(type_text: str) -> str:
    """The kind of entry a log's "type" names ("" when it names none)."""
    lowered = type_text.casefold()
    if _key(type_text) in model.KINDS:
        return _key(type_text)
    for word, kind in _KIND_WORDS:
        if word in lowered:
            return kind
    return ""


def _entry(
    values: dict[str, str], child_id: str, row: int, unknown_types: dict[str, int]
) -> model.Entry:
    if not values.get("date"):
        raise SheetError(f"Row {row} has no date.")
    day = read_day(values["date"], row)
    when = day.isoformat() + _time_of(values, row)
    details = values.get("details", "")
    title = values.get("title", "") or details.split("\n")[0][:80]
    if not title:
        raise SheetError(f"Row {row} says nothing about what happened.")
    type_text = values.get("kind", "")
    kind = kind_of(type_text) if type_text else "observation"
    fields: dict[str, Any] = {}
    if not kind:
        kind = "observation"
        unknown_types[type_text] = unknown_types.get(type_text, 0) + 1
    if kind == "incident":
        lowered = (type_text + " " + title).casefold()
        fields["incident_type"] = next((t for w, t in _INCIDENT_WORDS if w in lowered), "other")
    if type_text and kind_of(type_text) != _key(type_text):
        details = f"Type: {type_text}\n\n{details}".strip()
    people = [p.strip() for p in re.split(r"[,;/]| and ", values.get("people", "")) if p.strip()]
    areas = _areas(values.get("areas", ""), row)
    entry = model.new_entry(
        kind,
        child_id,
        date=when,
        title=title,
        details=details,
        people=people,
        areas=areas,
        **fields,
    )
    problems = model.validate_entry(entry)
    if problems:
        raise SheetError(f"Row {row}: {problems[0].split(': ', 1)[-1].rstrip('.')}.")
    return entry


def _areas(text: str, row: int) -> list[str]:
    found = []
    by_words = {_key(label): key for key, label in vocabulary.AREA_LABELS.items()}
    by_words.update(
        {
            "sensory": "sensory_physical",
            "physical": "sensory_physical",
            "communication": "communication_interaction",
            "sensoryandphysical": "sensory_physical",
            "cognition": "cognition_learning",
            "learning": "cognition_learning",
            "sem": "semh",
            "mentalhealth": "semh",
            "communicationandinteraction": "communication_interaction",
            "cognitionandlearning": "cognition_learning",
        }
    )
    for part in re.split(r"[,;/]", text):
        key = _key(part)
        if not key:
            continue
        area = key if part.strip().casefold() in model.AREAS else by_words.get(key)
        if area is None:
            raise SheetError(
                f"Row {row}: the area {part.strip()[:40]!r} is not one of the areas of need "
                f"({', '.join(model.AREAS)})."
            )
        if area not in found:
            found.append(area)
    return found


def _same_key(entry: Mapping[str, Any]) -> tuple[str, str, str, str]:
    return (
        entry.get("date", ""),
        entry.get("kind", ""),
        entry.get("title", ""),
        entry.get("details", ""),
    )


def _listed(header: Sequence[str]) -> str:
    return ", ".join(repr(h) for h in header if h) or "none"


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def mapping_text(found: SheetImport) -> str:
    """The columns and the fields they fill, as the preview shows them."""
    used = [
        f"{heading or '(no heading)'} -> {field}"
        for heading, field in found.columns
        if field != "skip"
    ]
    skipped = [heading for heading, field in found.columns if field == "skip" and heading]
    text = f"Read as {found.encoding}. Columns: " + "; ".join(used) + "."
    if skipped:
        text += f" Not used: {', '.join(skipped)} (name them with --map COLUMN=FIELD)."
    for note in found.notes:
        text += " " + note
    return _shown_safely(text)


def preview_rows(found: SheetImport, count: int = _PREVIEW_ROWS) -> list[str]:
    """The first rows as they will be added."""
    lines = []
    for number, entry in zip(found.rows[:count], found.entries[:count], strict=False):
        people = f" (with {', '.join(entry['people'])})" if entry["people"] else ""
        lines.append(
            _shown_safely(
                f"Row {number}: {entry['date']}  {entry['kind']:<14} {_short(entry['title'])}"
                f"{_short(people)}"
            )
        )
    if len(found.entries) > count:
        lines.append(f"... and {len(found.entries) - count} more rows.")
    return lines


def _shown_safely(text: str) -> str:
    """A preview line for the terminal: no control character or escape sequence."""
    return model.excerpt(text, 500, quoted=False)
