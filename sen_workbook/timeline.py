"""The evidence timeline: one child's records as a Markdown document a parent can hand over.

A pure function of (child, entries, options) to text.  The document reads, in order: the
title and what it is for; who the child is; a summary whose headings follow the purpose
(the SEND Code of Practice para 9.14 questions for an EHC needs assessment request, or the
asks, answers and waits of a complaint); the chronology table; every entry in full; the
cycles of SEN Support as tables; and the exhibits index.  Every statement in the summary
cites the chronology rows behind it by reference (``R1``, ``R2``...), so a council officer
reading on paper can follow each claim to a dated record.

User text is data, never Markdown: all of it passes through :func:`escape`, so nothing a
parent types (or pastes from an email) can add a heading, a table row, a link or HTML.

What a filter does: the dates, kinds and areas chosen narrow the chronology and what the
summary counts.  Derived facts (cycles, flags, statutory deadlines) are always worked out
from all of the child's entries up to ``as_of``, so a filter never changes a fact (a run of
targets not met that began before ``date_from`` is still a run; a review keeps its plan when
plans are filtered out).  A flag or deadline is listed when an entry behind it is in the
chronology; the others are counted, with a sentence saying so, never silently dropped.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from typing import Any, NamedTuple

from . import analysis, deadlines, model

PURPOSES = ("ehcna", "complaint", "chronology")
CONTEXTS = ("paragraph", "heading", "cell")

PURPOSE_TITLES: dict[str, str] = {
    "ehcna": "Evidence for an EHC needs assessment request",
    "complaint": "Complaint chronology",
    "chronology": "Chronology",
}

FLAG_LABELS: dict[str, str] = {
    "target_not_met": "Target not met at consecutive reviews",
    "review_overdue": "Review overdue",
    "concern_unanswered": "Concern with no response",
    "action_overdue": "Meeting action overdue",
    "reply_overdue": "Reply overdue",
    "recommendation_not_implemented": "Recommendation not implemented",
}

RESULT_LABELS = model.RESULT_LABELS

IMPLEMENTED_LABELS: dict[str, str] = {
    "yes": "implemented",
    "partly": "partly implemented",
    "no": "not implemented",
    "unknown": "not known whether implemented",
}

# Code of Practice chapters per setting phase, so a reader knows which guidance applies.
PHASE_CHAPTERS: dict[str, str] = {"early_years": "5", "school": "6", "post16": "7"}

# SEND Code of Practice 2015, para 9.14: what a local authority looks at.
CODE_9_14: tuple[str, ...] = (
    "(1) Attainment, developmental milestones and rate of progress",
    "(2) Nature, extent and context of the special educational needs",
    "(3) Action already taken by the setting",
    "(4) Progress made only through much additional intervention",
    "(5) Physical, emotional and social development and health needs",
    "(6) A young person over 18: time needed to complete education or training",
)

PSEUDONYM_MARK = "[name withheld]"

_EXCLUSION_NOTE = (
    "The DfE's guidance on suspension and permanent exclusion says that sending a pupil "
    "home without a formal exclusion is unlawful, even when the parent agrees."
)


class TimelineOptions:
    """What to put in a timeline.

    ``as_of`` is the preparation date: the only "today" the document knows, so the same
    records and options always give the same text.  Empty ``areas`` or ``kinds`` mean all;
    an entry is included when it touches any of the chosen areas.  A non-empty
    ``pseudonym`` replaces the child's names everywhere in the document.

    Options are given by name, checked when made and never changed after; two options
    with the same values are equal and can be used as the same dictionary key.
    """

    _FIELDS = ("as_of", "purpose", "date_from", "date_to", "areas", "kinds", "pseudonym")

    as_of: date
    purpose: str
    date_from: date | None
    date_to: date | None
    areas: tuple[str, ...]
    kinds: tuple[str, ...]
    pseudonym: str

    def __init__(
        self,
        *,
        as_of: date,
        purpose: str = "chronology",
        date_from: date | None = None,
        date_to: date | None = None,
        areas: Iterable[str] = (),
        kinds: Iterable[str] = (),
        pseudonym: str = "",
    ) -> None:
        # Lists are accepted for convenience but stored as tuples, so options stay hashable.
        fields = self.__dict__  # set directly: the options are read-only (see __setattr__)
        fields.update(as_of=as_of, purpose=purpose, date_from=date_from, date_to=date_to)
        fields.update(areas=tuple(areas), kinds=tuple(kinds), pseudonym=pseudonym.strip())
        for name in ("as_of", "date_from", "date_to"):
            value = getattr(self, name)
            if value is None and name != "as_of":
                continue
            if not isinstance(value, date):
                raise ValueError(f"{name} must be a date, not {value!r}.")
            if isinstance(value, datetime):  # a time of day would not compare with a date
                fields[name] = value.date()
        if self.purpose not in PURPOSES:
            raise ValueError(f"purpose {self.purpose!r} is not one of {', '.join(PURPOSES)}.")
        for area in self.areas:
            if area not in model.AREAS:
                raise ValueError(f"area {area!r} is not one of {', '.join(model.AREAS)}.")
        for kind in self.kinds:
            if kind not in model.KINDS:
                raise ValueError(f"kind {kind!r} is not one of {', '.join(model.KINDS)}.")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError(
                f"The date range runs from {self.date_from} to {self.date_to}: "
                "the start must not be after the end."
            )

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._FIELDS)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field {name!r}: timeline options are read-only")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}: timeline options are read-only")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._FIELDS)
        return f"{type(self).__qualname__}({shown})"


class Exhibit(NamedTuple):
    """One attached file, numbered for citation (``E001``...).

    ``filename`` is the name the parent gave, kept as data; ``bundle_name`` is the safe
    relative path the file gets in a bundle (ASCII letters, digits, ``-`` and ``_``, never
    a path from the user, child's names replaced when a pseudonym is set).  The same file
    attached to several entries is one exhibit; ``entry_ids`` lists every entry citing it,
    ``entry_id`` and ``date`` are those of the first.
    """

    ref: str
    sha256: str
    filename: str
    size: int
    entry_id: str
    date: str
    description: str
    bundle_name: str
    entry_ids: tuple[str, ...] = ()


# --- escaping ------------------------------------------------------------------------

_LINE_END = re.compile(r"\r\n|\r|\n")
# Control characters become U+FFFD.  Bidirectional embedding, override and isolate
# controls (U+202A-U+202E, U+2066-U+2069) reorder how surrounding text is displayed, so a
# pasted one could make a printed row read differently from its data; lone surrogates can
# arrive through JSON escapes and cannot be written as UTF-8.  Line ends are split on.
# These two patterns are compiled when first needed (the re module keeps them): most
# text has no such character, and compiling them costs more than escaping a few
# hundred entries.
_CONTROL = "[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
_NEEDS_CLEANING = "[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
_MARK_RE = re.compile("[" + re.escape(string.punctuation) + "]")
_ESCAPED_MARKS = {mark: "\\" + mark for mark in string.punctuation}


def _escaped_mark(match: re.Match[str]) -> str:
    return _ESCAPED_MARKS[match.group()]


def escape(text: str, context: str) -> str:
    """User text made into Markdown that shows exactly that text and nothing more.

    ``context`` is where the text goes: ``"paragraph"`` (a paragraph or list item),
    ``"heading"`` or ``"cell"`` (a table cell).  Control characters become U+FFFD (a tab
    becomes a space); whitespace at the start and end of each line is dropped, as Markdown
    would drop or misread it (four leading spaces make a code block); blank lines at the
    start and end are dropped; every ASCII punctuation character is backslash-escaped, so
    no emphasis, link, HTML, entity, table pipe or list marker can form.  In a paragraph
    each remaining line break becomes a hard break (a backslash at the end of the line,
    which survives editors that strip trailing spaces); in a heading or a cell, where a
    line break would end the block, it becomes a space.
    """
    if context not in CONTEXTS:
        raise ValueError(f"context {context!r} is not one of {', '.join(CONTEXTS)}.")
    # isprintable() is False for every character the pattern looks for, and much quicker.
    if not text.isprintable() and re.search(_NEEDS_CLEANING, text):
        cleaned = re.sub(_CONTROL, "\ufffd", text.replace("\t", " "))
        lines = [line.strip() for line in _LINE_END.split(cleaned)]
        while lines and not lines[0]:
            lines.pop(0)
        while lines and not lines[-1]:
            lines.pop()
        text = ("\n" if context == "paragraph" else " ").join(lines)
    else:
        text = text.strip()
    text = _MARK_RE.sub(_escaped_mark, text)
    return text.replace("\n", "\\\n") if context == "paragraph" and "\n" in text else text


# --- pseudonym -----------------------------------------------------------------------


def _name_words(name: str) -> list[str]:
    return [word for word in re.split(r"[^\w'’]+|_", name) if word]


def _name_pattern(words: list[str]) -> re.Pattern[str]:
    # Letters and digits bound a name; "_" and "-" do not, so "Toby_report" is caught, and
    # the words of a full name may be joined by any of them ("Tobias_Wrenfield").
    body = r"[\W_]+".join(re.escape(word) for word in words)
    return re.compile(r"(?<![^\W_])" + body + r"(?![^\W_])", re.IGNORECASE)


def _ascii_fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _name_rules(child: Mapping[str, Any], pseudonym: str) -> list[tuple[re.Pattern[str], str]]:
    """(pattern, replacement) for each of the child's names, longest first.

    The full name, the preferred name and the first name become the pseudonym; any other
    word of the name of three letters or more (a middle or family name) becomes
    ``[name withheld]``, so "Mrs Wrenfield" does not give the child away.
    """
    full = _name_words(str(child.get("name", "")))
    names: list[tuple[list[str], str]] = [
        (full, pseudonym),
        (_name_words(str(child.get("preferred_name", ""))), pseudonym),
    ]
    if full:
        names.append((full[:1], pseudonym))
    if len(full) > 2:  # "Okafor-Bennett" becomes one mark, not two
        names.append((full[1:], PSEUDONYM_MARK))
    names.extend(([word], PSEUDONYM_MARK) for word in full[1:] if len(word) >= 3)
    rules: list[tuple[re.Pattern[str], str]] = []
    seen: set[tuple[str, ...]] = set()
    # Longest first, so "Toby Wrenfield" is replaced whole before its parts.
    for words, replacement in sorted(names, key=lambda pair: (-len(" ".join(pair[0])), pair[0])):
        for variant in (words, [_ascii_fold(word) for word in words]):
            key = tuple(word.casefold() for word in variant)
            if all(variant) and variant and key not in seen:
                seen.add(key)
                rules.append((_name_pattern(variant), replacement))
    return rules


class _Pseudonym:
    """Replaces a child's names in text when a pseudonym is set (see :func:`_name_rules`).

    Whole words only, in any letter case, and also written without accents.  With no
    pseudonym, text is left as it is.
    """

    def __init__(self, child: Mapping[str, Any], pseudonym: str):
        self.pseudonym = pseudonym
        self._rules = _name_rules(child, pseudonym) if pseudonym else []
        problem = pseudonym_problem(child, pseudonym)
        if problem:
            raise ValueError(problem)

    def apply(self, text: str) -> str:
        """``text`` with every one of the child's names replaced."""
        if not self._rules:
            return text
        for pattern, replacement in self._rules:
            text = pattern.sub(replacement, text)
        return text


def pseudonym_problem(child: Mapping[str, Any], pseudonym: str) -> str | None:
    """Why ``pseudonym`` cannot stand for the child, in a sentence, or None if it can."""
    found = find_child_name(child, pseudonym) if pseudonym else None
    if found:
        return (f"The pseudonym {pseudonym!r} contains the child's name {found!r}; "
                "choose one that does not.")
    return None


def find_child_name(
    child: Mapping[str, Any], text: str, *, full_name_only: bool = False
) -> str | None:
    """The first of the child's names, as a pseudonym replaces them, found in ``text``.

    Used to check that a pseudonymised document or bundle gives no name away.  With
    ``full_name_only``, only a full name of two words or more is looked for: a single
    name may also be an ordinary word of the document's own text ("Will", "Day").
    """
    full = _name_words(str(child.get("name", "")))
    if full_name_only:
        if len(full) < 2:
            return None
        rules = [_name_pattern(full), _name_pattern([_ascii_fold(word) for word in full])]
    else:
        rules = [pattern for pattern, _ in _name_rules(child, "")]
    for pattern in rules:
        match = pattern.search(text)
        if match:
            return match.group(0)
    return None


# --- selection and exhibits ----------------------------------------------------------


def _sort_key(entry: Mapping[str, Any]) -> tuple[date, str, str, str]:
    raw = str(entry.get("date", ""))
    return (model.entry_day(entry), raw[11:16], str(entry.get("created_at", "")), str(entry["id"]))


def _entry_areas(entry: Mapping[str, Any], plans: Mapping[str, Mapping[str, Any]]) -> set[str]:
    """The areas an entry touches: its own, its plan's targets', a review's plan's."""
    areas = set(entry.get("areas") or ())
    if entry.get("kind") == "review":
        plan = plans.get(entry.get("plan_id", ""))
        if plan is not None:
            areas |= _entry_areas(plan, {})
    for target in entry.get("targets") or ():
        if target.get("area"):
            areas.add(target["area"])
    return areas


def select_entries(entries: Iterable[Mapping[str, Any]], options: TimelineOptions) -> list[dict]:
    """The entries a timeline includes, in date order (date, time, created_at, id).

    Included: dated on or before ``as_of``, within ``date_from``/``date_to``, of one of
    ``kinds`` (all when empty) and touching one of ``areas`` (all when empty).  A review
    touches the areas of its plan's targets, so filtering by area keeps it with its plan.
    """
    entries = list(entries)
    return sorted((dict(entry) for entry in _chosen(entries, options)), key=_sort_key)


def _chosen(
    entries: list[Mapping[str, Any]],
    options: TimelineOptions,
    among: list[Mapping[str, Any]] | None = None,
) -> Iterator[Mapping[str, Any]]:
    """:func:`select_entries` without the copies and the sorting: the entries it keeps,
    in the order given.  A review's plan is looked for ``among`` (default ``entries``)."""
    plans = (  # only an area filter looks at a review's plan
        {e["id"]: e for e in (entries if among is None else among) if e.get("kind") == "plan"}
        if options.areas
        else {}
    )
    filtered = options.date_from or options.date_to or options.kinds or options.areas
    for entry in entries:
        day = model.entry_day(entry)
        if day > options.as_of:
            continue
        if filtered:
            if options.date_from and day < options.date_from:
                continue
            if options.date_to and day > options.date_to:
                continue
            if options.kinds and entry.get("kind") not in options.kinds:
                continue
            if options.areas and not _entry_areas(entry, plans) & set(options.areas):
                continue
        yield entry


def _safe_part(text: str, limit: int) -> str:
    ascii_text = _ascii_fold(text)
    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", ascii_text)
    safe = re.sub(r"-{2,}", "-", safe).strip("-_")
    return safe[:limit].strip("-_")


def _bundle_name(ref: str, filename: str, pseudonym: _Pseudonym) -> str:
    named = pseudonym.apply(filename)
    stem, dot, extension = named.rpartition(".")
    if not dot or not stem.strip():
        stem, extension = named, ""
    # Replace names again after folding accents and joining words, then clean once more.
    safe = _safe_part(pseudonym.apply(_safe_part(stem, 80)), 60) or "exhibit"
    extension = re.sub(r"[^a-z0-9]", "", _ascii_fold(extension).lower())[:10]
    return f"exhibits/{ref}-{safe}" + (f".{extension}" if extension else "")


def exhibits(
    entries: Iterable[Mapping[str, Any]],
    options: TimelineOptions,
    child: Mapping[str, Any] | None = None,
) -> list[Exhibit]:
    """The attachments of the included entries, numbered ``E001``... in date order.

    Each attachment of each entry in chronology order gets the next number, except that a
    file already numbered (same SHA-256) keeps its first number and is cited by both
    entries.  ``child`` is needed when ``options.pseudonym`` is set, so that the child's
    names can be kept out of the exhibits' file names.
    """
    if options.pseudonym and child is None:
        raise ValueError("Exhibits with a pseudonym need the child, to keep their names out.")
    pseudonym = _Pseudonym(child or {}, options.pseudonym)
    return _number_exhibits(select_entries(entries, options), pseudonym)


def _number_exhibits(selected: list[dict], pseudonym: _Pseudonym) -> list[Exhibit]:
    """:func:`exhibits` of entries already selected and sorted."""
    found: dict[str, dict[str, Any]] = {}
    for entry in selected:
        for attachment in entry.get("attachments") or ():
            sha = attachment["sha256"]
            if sha in found:
                if entry["id"] not in found[sha]["entry_ids"]:
                    found[sha]["entry_ids"].append(entry["id"])
                continue
            ref = f"E{len(found) + 1:03d}"
            found[sha] = {
                "ref": ref,
                "sha256": sha,
                "filename": attachment.get("filename", ""),
                "size": attachment.get("size", 0),
                "entry_id": entry["id"],
                "date": _when(entry),
                "description": attachment.get("description", ""),
                "bundle_name": _bundle_name(ref, attachment.get("filename", ""), pseudonym),
                "entry_ids": [entry["id"]],
            }
    return [
        Exhibit(**{**item, "entry_ids": tuple(item["entry_ids"])}) for item in found.values()
    ]


# --- small formatting ----------------------------------------------------------------


def _present(value: Any) -> bool:
    """Whether a text field shows anything once escaped (whitespace alone does not)."""
    text = str(value)
    if text.isprintable() or not re.search(_NEEDS_CLEANING, text):  # as in escape()
        return bool(text.strip())
    return bool(re.sub(_CONTROL, "\ufffd", text.replace("\t", " ")).strip())


_shown_dates: dict[str, str] = {}


def _when(entry: Mapping[str, Any]) -> str:
    """An entry's date (and time, when recorded) as shown: ``2024-03-04 09:15``."""
    raw = entry.get("date", "")
    shown = _shown_dates.get(raw) if isinstance(raw, str) else None
    if shown is not None:
        return shown
    shown = day = model.entry_day(entry).isoformat()
    raw = str(raw)
    if len(raw.strip()) > 10:
        model.parse_date(raw, "date", allow_time=True)  # only a checked time is shown
        shown = f"{day} {raw.strip()[11:16]}"
    if len(_shown_dates) < 100_000:  # entries are cited by date again and again
        _shown_dates[raw] = shown
    return shown


def _date(value: str) -> str:
    """An optional stored date, checked, or "" when empty."""
    parsed = model.optional_date(value)
    return parsed.isoformat() if parsed else ""


def _number(value: Any) -> str:
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:g}"
    return str(value)


def _plural(count: int | float, one: str, many: str | None = None) -> str:
    return f"{_number(count)} {one if count == 1 else (many or one + 's')}"


def _age(born: date, on: date) -> tuple[int, int] | None:
    months = (on.year - born.year) * 12 + on.month - born.month - (on.day < born.day)
    return None if months < 0 else divmod(months, 12)


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    """A Markdown table; every cell must already be escaped for the ``cell`` context."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return lines


def _bullet(text: str, depth: int = 0) -> str:
    """A list item; continuation lines of a paragraph are indented to stay inside it."""
    if "\n" not in text:
        return "  " * depth + "- " + text
    indent = "  " * depth
    return indent + "- " + text.replace("\n", "\n" + indent + "  ")


# --- the document --------------------------------------------------------------------


# Answers recorded on an entry, each with the field holding its date: an answer dated
# after the preparation date had not come yet as the document tells it.
_LATER_ANSWERS = {
    "concern": ("response_date", ("response", "response_date")),
    "request": ("outcome_date", ("outcome", "outcome_date")),
    "meeting": ("follow_up_sent", ("follow_up_sent",)),
}


def _as_it_stood(entry: Mapping[str, Any], as_of: date) -> Mapping[str, Any]:
    """The entry as it stood on ``as_of``: answers dated later are left out."""
    later = _LATER_ANSWERS.get(str(entry.get("kind")))
    if later is None:
        return entry
    date_field, cleared = later
    value = entry.get(date_field) or ""
    try:
        if not value or model.parse_date(value, date_field) <= as_of:
            return entry
    except ValueError:
        return entry
    return {**entry, **{name: "" for name in cleared}}


class _Timeline:
    """Everything one rendering needs, worked out once."""

    def __init__(
        self, child: Mapping[str, Any], entries: Iterable[Mapping[str, Any]], options: TimelineOptions
    ):
        self.child = child
        self.options = options
        self.as_of = options.as_of
        self.pseudonym = _Pseudonym(child, options.pseudonym)
        self._shown_texts: dict[str, str] = {}  # user text -> as shown, see text()
        mine = [
            _as_it_stood(e, self.as_of) for e in entries if e.get("child_id") == child.get("id")
        ]
        # Derived facts come from every entry of the child up to as_of, whatever the filters.
        # (Nothing here changes an entry, so they are not copied.)
        self.analysed = analysis.entries_as_of(mine, self.as_of)
        # The same entries, in the chronology's order.
        self.known = sorted(self.analysed, key=_sort_key)
        self.by_id = {e["id"]: e for e in self.known}
        self.order = {e["id"]: n for n, e in enumerate(self.known)}
        self._received: dict[str, list[dict]] | None = None
        # The same entries and order as select_entries(mine, options): known is sorted.
        self.selected = list(_chosen(self.known, options, mine))
        self.refs = {e["id"]: f"R{n}" for n, e in enumerate(self.selected, 1)}
        self.selected_by_kind: dict[Any, list[Mapping[str, Any]]] = {}
        for entry in self.selected:
            self.selected_by_kind.setdefault(entry.get("kind"), []).append(entry)
        self.exhibits = _number_exhibits(self.selected, self.pseudonym)
        self.exhibit_refs: dict[tuple[str, str], str] = {}
        for exhibit in self.exhibits:
            for entry_id in exhibit.entry_ids:
                self.exhibit_refs[(entry_id, exhibit.sha256)] = exhibit.ref
        self.cycles = [
            c
            for c in analysis.cycles(self.analysed, self.as_of)
            if self._shown(c.plan["id"], *(r["id"] for r in c.reviews))
        ]
        all_flags = analysis.flags(self.analysed, self.as_of)
        self.flags = [f for f in all_flags if self._shown(f.entry_id, *f.related_ids)]
        self.hidden_flags = len(all_flags) - len(self.flags)
        all_deadlines = deadlines.deadlines(self.analysed, self.as_of)
        self.deadlines = [d for d in all_deadlines if self._shown(d.entry_id)]
        self.hidden_deadlines = len(all_deadlines) - len(self.deadlines)
        self.name = options.pseudonym or str(child.get("name", ""))

    # text ----------------------------------------------------------------------------

    def text(self, value: Any, context: str = "paragraph") -> str:
        """User text, names replaced when pseudonymised, escaped for ``context``; empty
        when the text shows nothing (see :func:`_present`)."""
        value = str(value)
        shown = self._shown_texts.get(value)
        if shown is None:
            named = self.pseudonym.apply(value)
            shown = escape(named, context)
            # Text on one line, with no control character, is escaped the same way in
            # every context; the same names and titles are shown again and again.
            if named.isprintable():
                self._shown_texts[value] = shown
        return shown

    def texts(self, values: Iterable[Any]) -> list[str]:
        """:meth:`text` of each value, leaving out those that show nothing."""
        return [shown for shown in map(self.text, values) if shown]

    def quoted(self, value: Any) -> str:
        return "“" + self.text(value) + "”"

    def _shown(self, *entry_ids: str) -> bool:
        return any(entry_id in self.refs for entry_id in entry_ids)

    def cite(self, entry_id: str) -> str:
        """How the document points at an entry: ``R5, 2024-03-04`` or why it cannot."""
        entry = self.by_id.get(entry_id)
        if entry is None:
            return "an entry not in the workbook"
        if entry_id in self.refs:
            return f"{self.refs[entry_id]}, {_when(entry)}"
        return f"{_when(entry)}, not in this selection"

    def cites(self, entry_ids: Iterable[str]) -> str:
        """Several citations, each once, in chronology order."""
        known = sorted({i for i in entry_ids if i in self.by_id}, key=lambda i: self.order[i])
        unknown = sorted({i for i in entry_ids if i not in self.by_id})
        return "; ".join(self.cite(entry_id) for entry_id in known + unknown)

    def titled(self, entry: Mapping[str, Any]) -> str:
        """A citation with the entry's kind and title, for lists in the summary."""
        kind = model.KINDS.get(entry.get("kind", ""), "Entry")
        return f"{self.cite(entry['id'])}: {kind}, {self.quoted(entry.get('title', ''))}"

    def chosen(self, kind: str) -> list[dict]:
        """The entries of ``kind`` in the chronology, in its order."""
        return list(self.selected_by_kind.get(kind, ()))

    # assembly ------------------------------------------------------------------------

    def render(self) -> str:
        blocks: list[list[str]] = [self.heading_block(), self.about()]
        blocks.append(["## Summary"])
        summary = {
            "ehcna": self.summary_ehcna,
            "complaint": self.summary_complaint,
            "chronology": self.summary_chronology,
        }[self.options.purpose]
        blocks.extend(summary())
        blocks.extend(self.chronology())
        blocks.extend(self.entries())
        blocks.extend(self.cycle_tables())
        blocks.extend(self.exhibit_index())
        return "\n\n".join("\n".join(block) for block in blocks if block) + "\n"

    def heading_block(self) -> list[str]:
        options = self.options
        title = PURPOSE_TITLES[options.purpose]
        lines = [f"# {title}: {self.text(self.name, 'heading')}", ""]
        facts = [f"Prepared on {self.as_of.isoformat()} from the family's own dated records."]
        start = options.date_from.isoformat() if options.date_from else None
        end = min(options.date_to, self.as_of) if options.date_to else self.as_of
        if start:
            facts.append(f"Entries dated from {start} to {end.isoformat()}.")
        else:
            facts.append(f"Entries dated up to {end.isoformat()}.")
        if options.kinds:
            kinds = "; ".join(model.KINDS[k] for k in options.kinds)
            facts.append(f"Only these kinds of entry: {kinds}.")
        if options.areas:
            areas = "; ".join(model.AREAS[a] for a in options.areas)
            facts.append(f"Only entries touching these areas of need: {areas}.")
        if start or options.date_to or options.kinds or options.areas:
            facts.append(
                "Cycles, flags and statutory deadlines are worked out from all entries up to "
                f"{self.as_of.isoformat()}; those that concern only entries outside this "
                "selection are counted but not listed."
            )
        if options.pseudonym:
            facts.append(
                f"{self.text(options.pseudonym)} is a pseudonym: the child's names are replaced "
                "throughout this document and in the exhibits' file names. The exhibits "
                "themselves are copied as they were added and may need redacting."
            )
        facts.append(
            "R1, R2... number the rows of the chronology and the entries in full; "
            "E001, E002... number the exhibits."
        )
        return lines + "\n\n".join(facts).split("\n")

    def about(self) -> list[str]:
        child = self.child
        lines = [f"## About {self.text(self.name, 'heading')}", ""]
        born = model.optional_date(str(child.get("date_of_birth", "")))
        if born:
            age = _age(born, self.as_of)
            if age is None:
                lines.append(f"- Age: the date of birth is after {self.as_of.isoformat()}")
            else:
                years, months = age
                lines.append(
                    f"- Age on {self.as_of.isoformat()}: "
                    f"{_plural(years, 'year')} {_plural(months, 'month')}"
                )
            # A date of birth identifies a child, so a pseudonymised document gives the age only.
            if not self.options.pseudonym:
                lines.append(f"- Date of birth: {born.isoformat()}")
        else:
            lines.append("- Date of birth: not recorded")
        if _present(child.get("preferred_name", "")) and not self.options.pseudonym:
            lines.append(_bullet(f"Known as: {self.text(child['preferred_name'])}"))
        if _present(child.get("setting", "")):
            lines.append(_bullet(f"Setting: {self.text(child['setting'])}"))
        phase = child.get("setting_phase", "")
        if phase in PHASE_CHAPTERS:
            lines.append(
                f"- Phase: {model.SETTING_PHASES[phase]} (SEND Code of Practice chapter "
                f"{PHASE_CHAPTERS[phase]})"
            )
        if _present(child.get("year_group", "")):
            lines.append(_bullet(f"Year group: {self.text(child['year_group'])}"))
        if _present(child.get("senco", "")):
            lines.append(_bullet(f"SENCo: {self.text(child['senco'])}"))
        areas = [model.AREAS[a] for a in model.AREAS if a in (child.get("areas") or ())]
        lines.append(f"- Areas of need: {'; '.join(areas) if areas else 'none recorded'}")
        status = model.CHILD_STATUSES.get(child.get("status", ""), "not recorded")
        lines.append(f"- Current status: {status}")
        return lines

    # summary: shared parts -------------------------------------------------------------

    def flag_section(self) -> list[str]:
        lines = ["### Flags", ""]
        if not self.flags:
            lines.append("No flags arise from the entries in this chronology.")
        for flag in self.flags:
            label = FLAG_LABELS.get(flag.code) or escape(flag.code, "paragraph")
            where = self.cites((flag.entry_id, *flag.related_ids))
            lines.append(_bullet(f"{label} ({where}): {self.text(flag.message)}"))
        if self.hidden_flags:
            lines += ["", f"{_plural(self.hidden_flags, 'further flag')} concern only entries "
                      "outside this selection."]
        return lines

    def deadline_section(self) -> list[str]:
        lines = ["### Statutory deadlines", ""]
        duties = [d for d in self.deadlines if d.duty_of != "family"]
        # The family's own time limits are shown while they are ahead, or when met; one
        # that went by is nobody's breach and is left out of the evidence sent to others,
        # but an adviser reading a plain chronology needs to see it.
        own = [
            d for d in self.deadlines
            if d.duty_of == "family"
            and (d.status != "passed" or self.options.purpose == "chronology")
        ]
        if not duties:
            lines.append("No statutory deadline for the council, school or others arises "
                         "from the requests in this chronology.")
        else:
            counts = {
                status: sum(d.status == status for d in duties)
                for status in ("missed", "met", "upcoming", "exception")
            }
            lines.append(
                f"Missed: {counts['missed']}. Met: {counts['met']}. "
                f"Upcoming: {counts['upcoming']}. Exception claimed: {counts['exception']}."
            )
            lines.append("")
            lines += _table(
                ["Ref", "Deadline", "Who must act", "Source", "From", "Due", "Status",
                 "Days late"],
                [self.deadline_row(d, with_duty=True) for d in duties],
            )
        if own:
            lines += ["", "Time limits for the family's own next steps:", ""]
            lines += _table(
                ["Ref", "Time limit", "Source", "From", "Due", "Status"],
                [self.deadline_row(d, with_duty=False)[:-1] for d in own],
            )
        if self.hidden_deadlines:
            lines += ["", f"{_plural(self.hidden_deadlines, 'further deadline')} concern only "
                      "entries outside this selection."]
        return lines

    def deadline_row(self, deadline: deadlines.Deadline, *, with_duty: bool) -> list[str]:
        # Labels and sources are the rules' own words: escaped, never pseudonymised,
        # so a child called Will does not rename "no EHC plan will be issued".
        label = escape(deadline.label, "cell")
        if deadline.note:  # why the due day moved (Christmas, August, month ends)
            label += f" ({escape(deadline.note, 'cell')})"
        row = [self.refs.get(deadline.entry_id, ""), label]
        if with_duty:
            row.append(escape(deadline.duty_of.capitalize(), "cell"))
        return row + [
            escape(deadline.source, "cell"),
            deadline.start.isoformat(),
            deadline.due.isoformat(),
            self.deadline_status(deadline),
            str(deadline.days_late) if deadline.days_late > 0 else "",
        ]

    def deadline_status(self, deadline: deadlines.Deadline) -> str:
        done = f" on {deadline.met_on.isoformat()}" if deadline.met_on else ""
        if deadline.status == "met":
            return "Met" + done
        if deadline.status == "missed":
            return "Missed" + (f"; done{done}" if done else "")
        if deadline.status == "upcoming":
            return "Upcoming"
        if deadline.status == "passed":
            return "Passed with nothing recorded"
        if deadline.status == "exception":
            reason = self.text(deadline.exception_claimed, "cell")
            return "Exception claimed" + (f": {reason}" if reason else "")
        return escape(deadline.status, "cell")

    # summary: EHC needs assessment -----------------------------------------------------

    def summary_ehcna(self) -> list[list[str]]:
        return [
            self.ehcna_progress(),
            self.ehcna_nature(),
            self.ehcna_action(),
            self.ehcna_intervention(),
            self.ehcna_health(),
            self.ehcna_over_18(),
            self.flag_section(),
            self.deadline_section(),
        ]

    def ehcna_progress(self) -> list[str]:
        lines = [f"### {CODE_9_14[0]}", ""]
        lines.append(
            f"Cycles of SEN Support (assess, plan, do, review) in this chronology: "
            f"{len(self.cycles)}."
        )
        latest = {"met": 0, "partly": 0, "not_met": 0, "not_assessed": 0}
        for cycle in self.cycles:
            plan = cycle.plan
            lines.append("")
            if cycle.reviews:
                reviewed = "reviewed at " + self.cites(r["id"] for r in cycle.reviews)
            else:
                due = _date(plan.get("review_date", ""))
                reviewed = "not yet reviewed" + (f"; review due {due}" if due else "")
                if cycle.review_overdue:
                    reviewed += ", overdue"
            lines.append(_bullet(
                f"Cycle {cycle.number}: plan {self.quoted(plan.get('title', ''))} "
                f"({self.cite(plan['id'])}), {_plural(len(cycle.targets), 'target')}, "
                f"{reviewed}."
            ))
            for row in cycle.targets:
                results = []
                for review, result in zip(cycle.reviews, row.results, strict=False):
                    label = RESULT_LABELS.get(result or "not_assessed", "Not assessed").lower()
                    results.append(f"{label} at {self.refs.get(review['id']) or _when(review)}")
                if cycle.reviews:
                    last = row.results[-1] if row.results else None
                    latest[last if last in latest else "not_assessed"] += 1
                shown = "; ".join(results) if results else "no review yet"
                lines.append(_bullet(f"{self.quoted(row.target.get('text', ''))}: {shown}.", 1))
        reviewed_targets = sum(latest.values())
        if reviewed_targets:
            lines += ["", (
                f"At the latest review of each cycle, of {_plural(reviewed_targets, 'target')}: "
                f"met {latest['met']}, partly met {latest['partly']}, not met "
                f"{latest['not_met']}, not assessed {latest['not_assessed']}."
            )]
        runs = analysis.not_met_runs(self.analysed, self.as_of)
        still = sum(1 for run in runs if run.current)
        lines += ["", (
            f"Times a target was not met at two or more reviews in a row: {len(runs)}"
            + (f", {still} of them still not met at the latest review." if runs else ".")
        )]
        for run in runs:
            where = self.cites(tuple(r["id"] for r in run.reviews))
            days = ", ".join(_when(r) for r in run.reviews)
            after = (
                "still not met at the latest review" if run.current
                else f"then {RESULT_LABELS.get(run.ended_with, run.ended_with).lower()} at the next review"
            )
            lines.append(_bullet(
                f"{self.quoted(run.target.get('text', ''))}: not met at "
                f"{len(run.reviews)} reviews in a row ({days}; {where}), {after}."
            ))
        return lines

    def ehcna_nature(self) -> list[str]:
        lines = [f"### {CODE_9_14[1]}", ""]
        areas = [a for a in model.AREAS if a in (self.child.get("areas") or ())]
        named = "; ".join(model.AREAS[a] for a in areas) if areas else "none recorded"
        lines.append(f"Areas of need recorded: {named}.")
        plans = {e["id"]: e for e in self.known if e.get("kind") == "plan"}
        touched = {a: 0 for a in model.AREAS}
        for entry in self.selected:
            for area in _entry_areas(entry, plans):
                if area in touched:
                    touched[area] += 1
        counts = [f"{model.AREAS[a]}: {n}" for a, n in touched.items() if n]
        if counts:
            lines += ["", "Entries in this chronology touching each area: " + "; ".join(counts) + "."]
        concerns = self.chosen("concern")
        lines += ["", f"Concerns raised: {len(concerns)}."]
        for concern in concerns:
            parts = [self.titled(concern)]
            if _present(concern.get("raised_by", "")):
                parts.append(f"raised by {self.text(concern['raised_by'])}")
            if _present(concern.get("raised_with", "")):
                parts.append(f"with {self.text(concern['raised_with'])}")
            answered = _date(concern.get("response_date", ""))
            if answered:
                parts.append(f"response recorded on {answered}")
            elif _present(concern.get("response", "")):
                parts.append("response recorded, date not recorded")
            else:
                parts.append("no response recorded")
            lines.append(_bullet("; ".join(parts) + "."))
        waiting = [f for f in self.flags if f.code == "concern_unanswered"]
        lines += ["", f"Concerns with no response recorded: {len(waiting)}."]
        for flag in waiting:
            lines.append(_bullet(
                f"{self.cite(flag.entry_id)}: waited {_plural(flag.days, 'day')} by "
                f"{self.as_of.isoformat()}."
            ))
        observations = self.chosen("observation")
        lines += ["", f"Observations at home: {len(observations)}."]
        lines += [_bullet(self.titled(e) + ".") for e in observations]
        views = [r for r in self.chosen("review") if _present(r.get("child_views", ""))]
        lines += ["", f"The child's own words, recorded at reviews: {len(views)}."]
        for review in views:
            lines.append(_bullet(f"{self.cite(review['id'])}: {self.quoted(review['child_views'])}"))
        return lines

    def ehcna_action(self) -> list[str]:
        lines = [f"### {CODE_9_14[2]}", ""]
        provision = [
            (cycle.plan, item) for cycle in self.cycles for item in cycle.plan.get("provision") or ()
        ]
        lines.append(f"Provision recorded in SEN Support plans: {len(provision)}.")
        for plan, item in provision:
            lines.append(_bullet(f"{self.provision_text(item)} (plan {self.cite(plan['id'])})."))
        meetings = self.chosen("meeting")
        lines += ["", f"Meetings: {len(meetings)}."]
        lines += [_bullet(self.titled(e) + ".") for e in meetings]
        overdue = [f for f in self.flags if f.code == "action_overdue"]
        if overdue:
            lines += ["", f"Meeting actions past their due date and not done: {len(overdue)}."]
            for flag in overdue:
                lines.append(_bullet(f"{self.text(flag.message)} ({self.cite(flag.entry_id)})"))
        recommendations = [
            item for e in self.chosen("assessment") for item in e.get("recommendations") or ()
        ]
        tally = {key: 0 for key in model.IMPLEMENTED}
        for item in recommendations:
            implemented = item.get("implemented")
            tally[implemented if implemented in tally else "unknown"] += 1
        lines += ["", (
            f"Professionals' recommendations: {len(recommendations)}; implemented "
            f"{tally['yes']}, partly {tally['partly']}, not implemented {tally['no']}, "
            f"not known {tally['unknown']}."
        )]
        for flag in (f for f in self.flags if f.code == "recommendation_not_implemented"):
            lines.append(_bullet(f"{self.text(flag.message)} ({self.cite(flag.entry_id)})"))
        return lines

    def provision_text(self, item: Mapping[str, Any]) -> str:
        parts = [self.quoted(item.get("what", ""))]
        if _present(item.get("who", "")):
            parts.append(f"by {self.text(item['who'])}")
        if _present(item.get("frequency", "")):
            parts.append(f"how often: {self.text(item['frequency'])}")
        start, end = _date(item.get("start", "")), _date(item.get("end", ""))
        if start:
            parts.append(f"from {start}")
        if end:
            parts.append(f"until {end}")
        return ", ".join(parts)

    def ehcna_intervention(self) -> list[str]:
        lines = [f"### {CODE_9_14[3]}", ""]
        progress = []
        for cycle in self.cycles:
            results = [
                f"{self.quoted(row.target.get('text', ''))}: {RESULT_LABELS[result].lower()} "
                f"at {self.refs.get(review['id']) or _when(review)}"
                for row in cycle.targets
                for review, result in zip(cycle.reviews, row.results, strict=False)
                if result in ("met", "partly")
            ]
            if results:
                progress.append((cycle, results))
        count = sum(len(results) for _, results in progress)
        lines.append(
            f"Target results recorded as met or partly met at a review: {count}. They are "
            "listed by cycle, with the provision that cycle's plan recorded."
        )
        for cycle, results in progress:
            provided = [self.provision_text(i) for i in cycle.plan.get("provision") or ()]
            support = "; ".join(provided) if provided else "no provision recorded in the plan"
            lines.append(_bullet(
                f"Cycle {cycle.number}, plan {self.cite(cycle.plan['id'])}, provision: {support}."
            ))
            lines += [_bullet(result + ".", 1) for result in results]
        return lines

    def ehcna_health(self) -> list[str]:
        lines = [f"### {CODE_9_14[4]}", ""]
        reports = self.chosen("assessment")
        lines.append(f"Assessments and professional reports: {len(reports)}.")
        for report in reports:
            parts = [self.titled(report)]
            if _present(report.get("professional", "")):
                parts.append(f"by {self.text(report['professional'])}")
            recommendations = len(report.get("recommendations") or ())
            parts.append(_plural(recommendations, "recommendation"))
            lines.append(_bullet("; ".join(parts) + "."))
        incidents = self.chosen("incident")
        total = sum(e.get("days_lost") or 0 for e in incidents)
        lines += ["", (
            f"Incidents: {len(incidents)}; days of education lost, all incidents: "
            f"{_number(total)}."
        )]
        for kind, label in model.INCIDENT_TYPES.items():
            these = [e for e in incidents if e.get("incident_type") == kind]
            if not these:
                continue
            days = sum(e.get("days_lost") or 0 for e in these)
            refs = "; ".join(self.cite(e["id"]) for e in these)
            lines.append(_bullet(
                f"{label}: {_plural(len(these), 'time')}, {_plural(days, 'day')} lost ({refs})."
            ))
        sent_home = [e for e in incidents if e.get("incident_type") == "sent_home"]
        if sent_home:
            days = sum(e.get("days_lost") or 0 for e in sent_home)
            lines += ["", (
                f"Sent home without a formal exclusion: {_plural(len(sent_home), 'time')}, "
                f"{_plural(days, 'day')} lost. {_EXCLUSION_NOTE}"
            )]
        return lines

    def ehcna_over_18(self) -> list[str]:
        lines = [f"### {CODE_9_14[5]}", ""]
        born = model.optional_date(str(self.child.get("date_of_birth", "")))
        age = _age(born, self.as_of) if born else None
        post16 = self.child.get("setting_phase") == "post16"
        adult = age is not None and age[0] >= 18
        if adult or post16:
            why = []
            if age is not None:
                why.append(f"aged {_plural(age[0], 'year')} on {self.as_of.isoformat()}")
            if post16:
                why.append("in post-16 education")
            lines.append(
                f"Applies: {' and '.join(why)}. The plans, reviews and reports above are the "
                "records that bear on it."
            )
        else:
            shown = f"aged {_plural(age[0], 'year')}" if age else "of unrecorded age"
            lines.append(
                f"Not applicable: {shown} on {self.as_of.isoformat()} and not in post-16 "
                "education."
            )
        return lines

    # summary: complaint ----------------------------------------------------------------

    def summary_complaint(self) -> list[list[str]]:
        asks = self.asks()
        rows = []
        answered_waits: list[tuple[int, str]] = []
        open_waits: list[tuple[int, str]] = []
        for entry, what, whom, answer, answer_day in asks:
            asked = model.entry_day(entry)
            ref = self.refs[entry["id"]]
            if answer_day is not None:
                waited = (answer_day - asked).days
                answered_waits.append((waited, ref))
                days = str(waited)
            elif answer is not None:
                days = "answer date not recorded"
            else:
                waited = (self.as_of - asked).days
                open_waits.append((waited, ref))
                days = f"{waited} so far"
            rows.append([
                ref,
                _when(entry),
                what,
                whom,
                answer if answer is not None else "No answer recorded",
                answer_day.isoformat() if answer_day else "",
                days,
            ])
        table = ["### What was asked, of whom, and what answer came back", ""]
        if rows:
            table += _table(
                ["Ref", "Date", "Asked", "Of whom", "Answer", "Answered on", "Days waited"], rows
            )
        else:
            table.append("No concerns, letters sent or formal requests in this chronology.")
        kinds = [entry.get("kind") for entry, *_ in asks]
        waits = ["### Waits", ""]
        facts = [
            f"Asked: {len(asks)} (concerns {kinds.count('concern')}, letters and emails sent "
            f"{kinds.count('correspondence')}, formal requests {kinds.count('request')}).",
            f"Answered: {len(asks) - len(open_waits)}.",
        ]
        if answered_waits:
            longest, ref = max(answered_waits, key=lambda pair: (pair[0], -int(pair[1][1:])))
            facts.append(f"The longest wait for an answer that came was {_plural(longest, 'day')} ({ref}).")
        if open_waits:
            longest, ref = max(open_waits, key=lambda pair: (pair[0], -int(pair[1][1:])))
            facts.append(
                f"No answer recorded by {self.as_of.isoformat()}: {len(open_waits)}; the "
                f"longest has waited {_plural(longest, 'day')} ({ref})."
            )
        waits.append(" ".join(facts))
        return [table, waits, self.deadline_section(), self.flag_section()]

    def asks(self) -> list[tuple[dict, str, str, str | None, date | None]]:
        """Each concern, letter sent and formal request: what, of whom, answer, when."""
        asks = []
        for entry in self.selected:
            kind = entry.get("kind")
            if kind == "concern":
                what = self.text(entry.get("title", ""), "cell")
                whom = self.text(entry.get("raised_with", ""), "cell")
                answer_day = model.optional_date(entry.get("response_date", ""))
                response = str(entry.get("response", ""))
                answer = self.text(response, "cell") if _present(response) else None
                if answer is None and answer_day is not None:
                    answer = "Answer recorded without its text"
            elif kind == "correspondence" and entry.get("direction") == "sent":
                what = self.text(entry.get("title", ""), "cell")
                if _present(entry.get("subject", "")):
                    what += " (subject: " + self.text(entry["subject"], "cell") + ")"
                whom = self.text(entry.get("to", ""), "cell")
                reply = self.reply_to(entry)
                answer_day = model.entry_day(reply) if reply else None
                answer = None
                if reply is not None:
                    shown = self.text(reply.get("subject") or reply.get("title", ""), "cell")
                    where = self.refs.get(reply["id"])
                    answer = shown + (f" ({where})" if where else "")
            elif kind == "request":
                label = model.REQUEST_TYPES.get(entry.get("request_type", ""), "Request")
                what = f"{label}: " + self.text(entry.get("title", ""), "cell")
                whom = self.text(entry.get("sent_to", ""), "cell")
                answer_day = model.optional_date(entry.get("outcome_date", ""))
                outcome = str(entry.get("outcome", ""))
                answer = self.text(outcome, "cell") if _present(outcome) else None
                if answer is None and answer_day is not None:
                    answer = "Outcome recorded without its text"
            else:
                continue
            asks.append((entry, what, whom, answer, answer_day))
        return asks

    def reply_to(self, sent: Mapping[str, Any]) -> dict | None:
        """The first received letter linked to a sent one (either way), on or after it."""
        day = model.entry_day(sent)
        if self._received is None:
            # Built once: which received letters each entry is linked with, either way.
            self._received = {}
            for entry in self.known:
                if entry.get("kind") == "correspondence" and entry.get("direction") == "received":
                    for other_id in entry.get("links") or ():
                        self._received.setdefault(other_id, []).append(entry)
            for entry in self.known:
                for other_id in entry.get("links") or ():
                    other = self.by_id.get(other_id)
                    if other and other.get("kind") == "correspondence" and (
                        other.get("direction") == "received"
                    ):
                        self._received.setdefault(entry["id"], []).append(other)
        replies = [
            e for e in self._received.get(sent["id"], ()) if model.entry_day(e) >= day
        ]
        return min(replies, key=lambda e: self.order[e["id"]]) if replies else None

    # summary: chronology ---------------------------------------------------------------

    def summary_chronology(self) -> list[list[str]]:
        lines = ["### Entries by kind", ""]
        lines.append(f"Entries in this chronology: {len(self.selected)}.")
        counts = [(label, len(self.chosen(kind))) for kind, label in model.KINDS.items()]
        lines += [f"- {label}: {count}." for label, count in counts if count]
        return [lines, self.flag_section(), self.deadline_section()]

    # chronology, entries, cycles, exhibits ---------------------------------------------

    def chronology(self) -> list[list[str]]:
        lines = ["## Chronology", ""]
        if not self.selected:
            return [lines + ["No entries in this selection."]]
        rows = []
        for entry in self.selected:
            rows.append([
                self.refs[entry["id"]],
                _when(entry),
                model.KINDS[entry["kind"]],
                self.row_summary(entry),
                ", ".join(self.entry_exhibits(entry)),
            ])
        return [lines + _table(["Ref", "Date", "Kind", "Summary", "Exhibits"], rows)]

    def entry_exhibits(self, entry: Mapping[str, Any]) -> list[str]:
        refs: list[str] = []
        for attachment in entry.get("attachments") or ():
            ref = self.exhibit_refs.get((entry["id"], attachment["sha256"]))
            if ref and ref not in refs:
                refs.append(ref)
        return refs

    def row_summary(self, entry: Mapping[str, Any]) -> str:
        """The chronology's one-line summary: the title and the key fact of the kind."""
        title = self.text(entry.get("title", ""), "cell")
        kind = entry["kind"]
        fact = ""
        if kind == "incident":
            label = model.INCIDENT_TYPES.get(entry.get("incident_type", ""), "Incident")
            fact = f"{label}, {_plural(entry.get('days_lost') or 0, 'day')} lost"
        elif kind == "request":
            fact = model.REQUEST_TYPES.get(entry.get("request_type", ""), "Request")
            sent_to = self.text(entry.get("sent_to", ""), "cell")
            if sent_to:
                fact += " to " + sent_to
        elif kind == "correspondence":
            sent = entry.get("direction") == "sent"
            fact = "sent" if sent else "received"
            other = self.text(entry.get("to" if sent else "from", ""), "cell")
            if other:
                fact += (" to " if sent else " from ") + other
        elif kind == "concern":
            raised_with = self.text(entry.get("raised_with", ""), "cell")
            if raised_with:
                fact = "raised with " + raised_with
        return f"{title} ({fact})" if fact else title

    def entries(self) -> list[list[str]]:
        blocks = [["## Entries"]]
        if not self.selected:
            blocks.append(["No entries in this selection."])
        for entry in self.selected:
            blocks.append(self.entry_in_full(entry))
        return blocks

    def entry_in_full(self, entry: Mapping[str, Any]) -> list[str]:
        kind = entry["kind"]
        title = self.text(entry.get("title", ""), "heading")
        lines = [
            f"### {self.refs[entry['id']]} — {_when(entry)} — {model.KINDS[kind]}: {title}",
            "",
        ]
        details = self.text(entry.get("details", ""))
        if details:
            lines.append(_bullet("Details: " + details))
        chosen = entry.get("areas") or ()
        areas = [label for area, label in model.AREAS.items() if area in chosen]
        if areas:
            lines.append(_bullet("Areas of need: " + "; ".join(areas)))
        people = self.texts(entry.get("people") or ())
        if people:
            lines.append(_bullet("People: " + "; ".join(people)))
        lines += self.kind_fields(entry)
        if entry.get("links"):
            lines.append(_bullet("Linked entries: " + self.cites(entry["links"])))
        for attachment in entry.get("attachments") or ():
            ref = self.exhibit_refs.get((entry["id"], attachment["sha256"]), "")
            text = f"Exhibit {ref}: " + self.quoted(attachment.get("filename", ""))
            if _present(attachment.get("description", "")):
                text += ", " + self.text(attachment["description"])
            lines.append(_bullet(text))
        if len(lines) == 2:
            lines.append("No further details recorded.")
        return lines

    def kind_fields(self, entry: Mapping[str, Any]) -> list[str]:
        kind = entry["kind"]
        lines: list[str] = []

        def text(label: str, name: str) -> None:
            shown = self.text(entry.get(name, ""))
            if shown:
                lines.append(_bullet(f"{label}: {shown}"))

        def when(label: str, name: str) -> None:
            if entry.get(name):
                lines.append(_bullet(f"{label}: {_date(entry[name])}"))

        if kind == "concern":
            text("Raised by", "raised_by")
            text("Raised with", "raised_with")
            text("How it was raised", "channel")
            text("Response", "response")
            when("Response date", "response_date")
        elif kind == "assessment":
            text("Professional", "professional")
            text("Findings", "findings")
            items = entry.get("recommendations") or ()
            if items:
                lines.append(_bullet("Recommendations:"))
            for item in items:
                done = IMPLEMENTED_LABELS.get(item.get("implemented", ""), "not known")
                lines.append(_bullet(f"{self.quoted(item.get('text', ''))}: {done}", 1))
        elif kind == "plan":
            when("Starts", "start_date")
            when("Review due", "review_date")
            targets = entry.get("targets") or ()
            if targets:
                lines.append(_bullet("Targets:"))
            for target in targets:
                lines.append(_bullet(self.target_text(target), 1))
            provision = entry.get("provision") or ()
            if provision:
                lines.append(_bullet("Provision:"))
            for item in provision:
                lines.append(_bullet(self.provision_text(item), 1))
        elif kind == "review":
            if entry.get("plan_id"):
                lines.append(_bullet("Plan reviewed: " + self.cite(entry["plan_id"])))
            outcomes = entry.get("outcomes") or ()
            if outcomes:
                lines.append(_bullet("Outcomes:"))
            targets = self.plan_targets(entry.get("plan_id", ""))
            for outcome in outcomes:
                target = targets.get(outcome.get("target_id", ""))
                name = self.quoted(target.get("text", "")) if target else "A target not in the plan"
                result = RESULT_LABELS.get(outcome.get("result", ""), "Not assessed").lower()
                text_ = f"{name}: {result}"
                if _present(outcome.get("evidence", "")):
                    text_ += "; evidence: " + self.text(outcome["evidence"])
                lines.append(_bullet(text_, 1))
            text("Parent's views", "parent_views")
            text("Child's views", "child_views")
            text("Next steps", "next_steps")
        elif kind == "meeting":
            attendees = self.texts(entry.get("attendees") or ())
            if attendees:
                lines.append(_bullet("Attendees: " + "; ".join(attendees)))
            text("Purpose", "purpose")
            actions = entry.get("actions") or ()
            if actions:
                lines.append(_bullet("Actions:"))
            for action in actions:
                parts = [self.quoted(action.get("text", ""))]
                if _present(action.get("owner", "")):
                    parts.append("owner: " + self.text(action["owner"]))
                if action.get("due"):
                    parts.append("due: " + _date(action["due"]))
                parts.append("done" if action.get("done") else "not done")
                lines.append(_bullet("; ".join(parts), 1))
            when("Follow-up sent", "follow_up_sent")
        elif kind == "correspondence":
            direction = "Sent by the family" if entry.get("direction") == "sent" else "Received"
            lines.append(_bullet("Direction: " + direction))
            text("From", "from")
            text("To", "to")
            text("Subject", "subject")
            when("Reply due", "reply_due")
        elif kind == "incident":
            label = model.INCIDENT_TYPES.get(entry.get("incident_type", ""), "Other")
            lines.append(_bullet("Type: " + label))
            lines.append(_bullet("Days lost: " + _number(entry.get("days_lost") or 0)))
        elif kind == "request":
            label = model.REQUEST_TYPES.get(entry.get("request_type", ""), "Other request")
            lines.append(_bullet("Type: " + label))
            text("Sent to", "sent_to")
            text("Outcome", "outcome")
            when("Outcome date", "outcome_date")
            text("Exception claimed", "exception_claimed")
        return lines

    def target_text(self, target: Mapping[str, Any]) -> str:
        parts = [self.quoted(target.get("text", ""))]
        if target.get("area") in model.AREAS:
            parts.append("area: " + model.AREAS[target["area"]])
        if _present(target.get("success_measure", "")):
            parts.append("success measure: " + self.text(target["success_measure"]))
        if target.get("by_date"):
            parts.append("by " + _date(target["by_date"]))
        return "; ".join(parts)

    def plan_targets(self, plan_id: str) -> dict[str, Mapping[str, Any]]:
        plan = self.by_id.get(plan_id) or {}
        return {t.get("id", ""): t for t in plan.get("targets") or ()}

    def cycle_tables(self) -> list[list[str]]:
        blocks = [["## Cycles of SEN Support (assess, plan, do, review)"]]
        if not self.cycles:
            blocks.append(["No SEN Support plan in this selection."])
        for cycle in self.cycles:
            plan = cycle.plan
            start = _date(plan.get("start_date", "")) or _when(plan)
            lines = [
                f"### Cycle {cycle.number}: {self.text(plan.get('title', ''), 'heading')}",
                "",
            ]
            facts = [f"Plan: {self.cite(plan['id'])}, from {start}."]
            if cycle.assess:
                facts.append("Assess: " + self.cites(e["id"] for e in cycle.assess) + ".")
            if cycle.reviews:
                facts.append("Reviews: " + self.cites(r["id"] for r in cycle.reviews) + ".")
            due = _date(plan.get("review_date", ""))
            if due:
                facts.append(f"Review due {due}" + (", overdue." if cycle.review_overdue else "."))
            lines += [" ".join(facts), ""]
            header = ["Target", "Area"]
            for review in cycle.reviews:
                ref = self.refs.get(review["id"])
                header.append(f"{_when(review)} ({ref})" if ref else _when(review))
            if not cycle.reviews:
                header.append("Result")
            rows = []
            for row in cycle.targets:
                cells = [
                    self.text(row.target.get("text", ""), "cell"),
                    model.AREAS.get(row.target.get("area", ""), ""),
                ]
                cells += [RESULT_LABELS.get(r or "not_assessed", "Not assessed") for r in row.results]
                cells += [""] * (len(header) - len(cells))
                if not cycle.reviews:
                    cells[-1] = "Not reviewed yet"
                rows.append(cells[: len(header)])
            if rows:
                lines += _table(header, rows)
            else:
                lines.append("No targets recorded in this plan.")
            provision = plan.get("provision") or ()
            lines.append("")
            if provision:
                lines += _table(
                    ["Provision", "Who", "How often", "From", "Until"],
                    [
                        [
                            self.text(item.get("what", ""), "cell"),
                            self.text(item.get("who", ""), "cell"),
                            self.text(item.get("frequency", ""), "cell"),
                            _date(item.get("start", "")),
                            _date(item.get("end", "")),
                        ]
                        for item in provision
                    ],
                )
            else:
                lines.append("No provision recorded in this plan.")
            blocks.append(lines)
        return blocks

    def exhibit_index(self) -> list[list[str]]:
        lines = ["## Exhibits", ""]
        if not self.exhibits:
            return [lines + ["No files are attached to the entries in this selection."]]
        lines.append(
            "Each exhibit is a file the family attached to an entry, copied unchanged into "
            "the folder exhibits under a name that begins with its reference. Its SHA-256 "
            "identifies the exact file: MANIFEST.sha256 lists them for sha256sum."
        )
        lines.append("")
        rows = []
        for exhibit in self.exhibits:
            cited = ", ".join(self.refs[e] for e in exhibit.entry_ids)
            description = self.text(exhibit.description, "cell")
            original = self.text(exhibit.filename, "cell")
            detail = f"{description}; " if description else ""
            rows.append([
                exhibit.ref,
                escape(exhibit.bundle_name.removeprefix("exhibits/"), "cell"),
                exhibit.date,
                f"{detail}added as “{original}”; {_plural(exhibit.size, 'byte')}; cited by {cited}",
                exhibit.sha256,
            ])
        return [lines + _table(["Ref", "File", "Date", "Description", "SHA-256"], rows)]


def timeline_title(child: Mapping[str, Any], options: TimelineOptions) -> str:
    """The document's title as plain text: its purpose and the child's name or pseudonym."""
    return f"{PURPOSE_TITLES[options.purpose]}: {options.pseudonym or child.get('name', '')}"


def render_timeline(
    child: Mapping[str, Any], entries: Iterable[Mapping[str, Any]], options: TimelineOptions
) -> str:
    """The evidence timeline of ``child`` as Markdown.

    ``entries`` may hold other children's entries; only ``child``'s are used.  The output
    depends on nothing but the arguments: the same records and options give the same
    bytes.
    """
    return _Timeline(child, entries, options).render()


def timeline_and_exhibits(
    child: Mapping[str, Any], entries: Iterable[Mapping[str, Any]], options: TimelineOptions
) -> tuple[str, list[Exhibit]]:
    """:func:`render_timeline` and the :func:`exhibits` it cites, worked out together."""
    document = _Timeline(child, entries, options)
    return document.render(), document.exhibits
