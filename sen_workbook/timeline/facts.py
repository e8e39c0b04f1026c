"""Everything one rendering needs, worked out once: the entries chosen and their
references, the exhibits, the cycles, flags and deadlines, and the family's text as shown.

Every section of the document reads from one :class:`Facts`, so the summary, the
chronology and the entries in full can never count or cite differently.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from operator import itemgetter
from typing import Any, TypeVar, cast

from sen_workbook import analysis, model, vocabulary
from sen_workbook.child_facts import ChildFacts

from .escaping import CONTEXTS, escape, shows_as_written
from .exhibit_list import number_exhibits
from .options import TimelineOptions
from .pseudonyms import Pseudonym
from .selection import ANSWERED_KINDS, as_it_stood, chosen
from .words import when, when_dated

T = TypeVar("T")
# The contexts where a text that needs no escaping is shown as written (not a paragraph,
# which also looks at how the text starts).
_ON_A_LINE = tuple(c for c in CONTEXTS if c != "paragraph")
_first = itemgetter(0)
_in_order = itemgetter(2)
_looks = itemgetter("id", "kind", "attachments")


# The flags the summary shows twice, their sentences kept once shown (see
# :meth:`Facts.flag_sentence`): the overdue actions, listed under the meetings too.
_FLAGS_SHOWN_TWICE = frozenset(("action_overdue",))


def _looks_of(entry: Mapping[str, Any]) -> tuple[Any, ...]:
    """What the facts' one look at each entry reads of it (see :class:`Facts`), after
    the child's id, of an entry that lacks some field: one made in Python without every
    field (a stored entry has them all: an older workbook's are brought up to date before
    they are checked, by a reader in memory as by a writer).  Without a date it is refused (a
    ``KeyError``, as before); a row without a kind or id is (see :class:`Facts`)."""
    return (
        entry.get("kind", _ABSENT),
        entry["date"],
        entry.get("id", _ABSENT),
        entry.get("created_at", ""),
        entry.get("attachments"),
    )


# An entry's id when it has none: such an entry dated up to the day is refused as a row.
_ABSENT: Any = object()


def _ids_kinds_and_files(
    entries: Sequence[Mapping[str, Any]],
) -> tuple[tuple[str, ...], tuple[Any, ...], list[Mapping[str, Any]]]:
    """Each entry's id and kind, in order, and the entries with files attached, read in
    one pass (see :class:`Facts`)."""
    try:
        looks = list(map(_looks, entries))
    except KeyError:  # an entry made without every field (a stored one has them all)
        looks = [(e["id"], e["kind"], e.get("attachments")) for e in entries]
    if not looks:
        return (), (), []
    ids, kinds, files = zip(*looks, strict=True)
    return ids, kinds, [entry for entry, attached in zip(entries, files, strict=True) if attached]


class Facts:
    """The records of one child as one timeline tells them, and how to cite them."""

    def __init__(
        self,
        child: Mapping[str, Any],
        entries: Iterable[Mapping[str, Any]],
        options: TimelineOptions,
    ):
        self.child = child
        self.options = options
        self.as_of = options.as_of
        self.pseudonym = Pseudonym(child, options.pseudonym)
        # Whether the child's names are replaced in the family's text (with no
        # pseudonym, Pseudonym.apply gives every text back as it is).
        self._renaming = bool(options.pseudonym)
        # context -> text -> as shown, for the texts that need escaping
        self._shown_texts: dict[str, dict[str, str]] = {c: {} for c in CONTEXTS}
        # The texts shown as written on a line, in a heading and in a cell (most titles
        # and names: see escaping.shows_as_written), kept once for the three.
        self._as_written: dict[str, str] = {}
        child_id = child.get("id")
        as_of = self.as_of
        answered = ANSWERED_KINDS
        days_read = model.DAYS_READ
        entry_day = model.entry_day
        filtered = bool(options.date_from or options.date_to or options.kinds or options.areas)
        # One look at each entry of the child, for everything the facts and the rows read
        # of it: at 20,000 entries reading an entry again costs more than the work done
        # with what is read.  For each entry up to as_of: its chronological key (to cut
        # and sort by, as analysis.entries_as_of does), the entry, the key of the
        # chronology's order (date, time, when recorded), its id, kind and files, and the
        # date as stored.
        mine: list[Mapping[str, Any]] = []
        later: list[Mapping[str, Any]] = []  # dated after as_of
        rows: list[tuple[Any, ...]] = []
        for entry in entries:
            try:
                owner = entry["child_id"]
                kind = entry["kind"]
                stored = entry["date"]
                entry_id = entry["id"]
                created = entry["created_at"]
                files = entry["attachments"]
            except KeyError:  # an entry lacking a field (see _looks_of)
                owner = entry.get("child_id")
                if owner != child_id:
                    continue
                kind, stored, entry_id, created, files = _looks_of(entry)
            if owner != child_id:
                continue
            if kind in answered:
                # (Only answers are left out: the fields read above stay as they are.)
                entry = as_it_stood(entry, as_of)
            mine.append(entry)
            # (analysis.chronological_key, written out: a date as stored is looked up
            # among the days already read, which know every stored date by now.)
            day = days_read.get(stored[:10]) if type(stored) is str else None
            if day is None:
                day = entry_day(entry)
            if day <= as_of:
                if entry_id is _ABSENT or kind is _ABSENT:
                    raise KeyError("id" if entry_id is _ABSENT else "kind")
                time = str(stored)[11:16]
                rows.append(
                    (
                        (day, time, str(entry_id)),
                        entry,
                        (day, time, str(created)),
                        entry_id,
                        kind,
                        files,
                        stored,
                    )
                )
            else:
                later.append(entry)
        rows.sort(key=_first)
        # Derived facts come from every entry of the child up to as_of, whatever the filters,
        # worked out as the children list and the child's workspace work them out.
        # (Nothing here changes an entry, so they are not copied.)
        # (The entries are only read, never changed, whatever type they came as.)
        self.child_facts = ChildFacts.build(
            cast(model.Child, child),
            cast("list[model.Entry]", mine),
            as_of,
            known=analysis.known_as_of(rows, as_of),
            later=cast("list[model.Entry]", later),
        )
        self.analysed = self.child_facts.known
        # The same entries, in the chronology's order: date, time, when recorded, id
        # (sort_key).  They are in chronological order (date, time, id) already, so a
        # stable sort on date, time and when recorded gives that order.
        rows.sort(key=_in_order)
        if rows:
            _, known, _, ids, kinds, files, dates = zip(*rows, strict=True)
        else:
            known = ids = kinds = files = dates = ()
        self.known = list(known)
        # The indexes by id, order, reference and kind, from that one look at each entry.
        self.by_id: dict[str, Mapping[str, Any]] = dict(zip(ids, self.known, strict=True))
        self.order: dict[str, int] = dict(zip(ids, range(len(ids)), strict=True))
        self._received: dict[str, list[Mapping[str, Any]]] | None = None
        # The same entries and order as select_entries(mine, options): known is sorted.
        if filtered:
            self.selected = list(chosen(self.known, options, mine))
            ids, kinds, with_files = _ids_kinds_and_files(self.selected)
            days = [model.entry_day(entry) for entry in self.selected]
            self.selected_when = list(map(when, self.selected))
        else:  # no filter: every entry up to as_of, which known already is
            self.selected = list(self.known)
            with_files = [entry for entry, attached in zip(known, files, strict=True) if attached]
            days = [row[0][0] for row in rows]
            # (when() of each, from the date as stored and its day, read above.)
            self.selected_when = list(map(when_dated, dates, days))
        # Each row's reference, date as shown and day, in the chronology's order: the
        # chronology and the entries in full show them row by row.
        self.selected_refs = [f"R{number}" for number in range(1, len(ids) + 1)]
        self.selected_days = days
        self.refs = dict(zip(ids, self.selected_refs, strict=True))
        if len(self.refs) < len(ids):
            # Two rows share an id: each shows the reference a citation of that id gives
            # (the last row's), so that whatever cites it points at a row showing it.
            self.selected_refs = [self.refs[entry_id] for entry_id in ids]
        self.selected_by_kind: dict[Any, list[Mapping[str, Any]]] = {}
        by_kind = self.selected_by_kind
        for kind, entry in zip(kinds, self.selected, strict=True):
            found = by_kind.get(kind)
            if found is None:
                by_kind[kind] = [entry]
            else:
                found.append(entry)
        # (Only the entries with files attached give exhibits.)
        self.exhibits = number_exhibits(with_files, self.pseudonym)
        self.exhibit_refs: dict[tuple[str, str], str] = {}
        for exhibit in self.exhibits:
            for entry_id in exhibit.entry_ids:
                self.exhibit_refs[(entry_id, exhibit.sha256)] = exhibit.ref
        # Every cycle, to find the plan that followed one; those shown are listed.
        self.all_cycles = self.child_facts.cycles
        self.cycles = [
            c for c in self.all_cycles if self.shown(c.plan["id"], *(r["id"] for r in c.reviews))
        ]
        all_flags = self.child_facts.flags
        refs = self.refs  # self.shown, written out: there may be thousands of flags
        self.flags = [
            f
            for f in all_flags
            if f.entry_id in refs or any(entry_id in refs for entry_id in f.related_ids)
        ]
        self.hidden_flags = len(all_flags) - len(self.flags)
        # Every deadline, whichever entries are shown: the family's open windows are
        # listed even when the decision they run from is outside the selection.
        self.all_deadlines = self.child_facts.deadlines
        # A deadline of a meeting planned after the day (the advice due before an annual
        # review) is how the case stands, whatever the selection: it is listed, and cited
        # by the day the meeting is planned for, although the meeting is not a row.
        planned_ids = {d.entry_id for d in self.all_deadlines if d.entry_id not in self.by_id}
        # (Most cases plan no such meeting: then the entries are not gone through for one.)
        self.planned: dict[str, Mapping[str, Any]] = (
            {entry["id"]: entry for entry in mine if entry.get("id") in planned_ids}
            if planned_ids
            else {}
        )
        self.deadlines = [
            d for d in self.all_deadlines if d.entry_id in refs or d.entry_id in self.planned
        ]
        self.hidden_deadlines = len(self.all_deadlines) - len(self.deadlines)
        self.name = options.pseudonym or str(child.get("name", ""))
        self._worked_out: dict[str, Any] = {}
        # A flag's sentence as shown the first time (see flag_sentence).
        self._flag_sentences: dict[str, str] = {}
        # The people of a list as shown, by the list (see :meth:`joined`).
        self._joined: dict[tuple[str, ...], str] = {}
        # entry id -> how it is cited.  When no two entries share an id, every row's
        # citation ("R5, 2024-03-04") is made at once from its reference and date: the
        # summary cites most rows (every observation, concern and meeting) one by one.
        self.unique_ids = len(self.by_id) == len(self.known)
        self._cited: dict[str, str] = (
            # (Each "R5" and "2024-03-04" joined by ", ": quicker than formatting each.)
            dict(
                zip(
                    ids,
                    map(", ".join, zip(self.selected_refs, self.selected_when, strict=True)),
                    strict=True,
                )
            )
            if self.unique_ids
            else {}
        )

    def once(self, name: str, work: Callable[[Facts], T]) -> T:
        """``work(self)``, worked out the first time it is asked for by ``name`` and kept:
        for what several sections of one document read (the views placed beside the
        provision, say)."""
        if name not in self._worked_out:
            self._worked_out[name] = work(self)
        kept: T = self._worked_out[name]  # what work returned for this name
        return kept

    # the family's text -----------------------------------------------------------------

    def text(self, value: Any, context: str = "inline") -> str:
        """User text, names replaced when pseudonymised, escaped for ``context`` (by
        default, after the tool's words on a line); empty when the text shows nothing
        (see :func:`escaping.present`)."""
        if type(value) is str:
            if context in _ON_A_LINE:
                # (Most titles and names, shown as written: never an empty text.)
                shown = self._as_written.get(value)
                if shown is not None:
                    return shown
            if value == "":  # most optional fields are empty
                return ""
            text = value
        elif value == "":
            return ""
        else:
            text = str(value)
        shown_in = self._shown_texts.get(context)
        shown = shown_in.get(text) if shown_in is not None else None
        if shown is None:
            named = self.pseudonym.apply(text) if self._renaming else text
            if shown_in is not None and context != "paragraph" and shows_as_written(named):
                # Most titles and names: the same on a line, in a heading and in a cell,
                # where each title is shown once.
                shown = named
                if len(self._as_written) < 100_000:
                    self._as_written[text] = shown
            else:
                shown = escape(named, context)
                # The same names and titles are shown again and again.
                if shown_in is not None and len(shown_in) < 100_000:
                    shown_in[text] = shown
        return shown

    def own_text(self, value: Any) -> str:
        """:meth:`text` of a text shown once in the document (an entry's details), which
        is not kept: looking a long text up would cost one more pass over it."""
        if value == "":
            return ""
        text = value if type(value) is str else str(value)
        return escape(self.pseudonym.apply(text) if self._renaming else text, "inline")

    def flag_sentence(self, flag: analysis.Flag) -> str:
        """:meth:`own_text` of a flag's sentence.  The summary shows some flags twice
        (an overdue action under its heading and among the flags): the first showing
        keeps the sentence as shown for the second to take."""
        message = flag.message
        shown = self._flag_sentences.pop(message, None)
        if shown is None:
            shown = self.own_text(message)
            if flag.code in _FLAGS_SHOWN_TWICE:
                self._flag_sentences[message] = shown
        return shown

    def texts(self, values: Iterable[Any]) -> list[str]:
        """:meth:`text` of each value, leaving out those that show nothing."""
        return [shown for shown in map(self.text, values) if shown]

    def joined(self, values: Iterable[Any]) -> str:
        """:meth:`texts` of ``values`` joined by "; " (the people an entry names, a
        meeting's attendees), kept per list of texts: the same few lists of people come
        again and again, and each name was looked up on every entry."""
        key = tuple(values)
        try:
            # Only lists of texts are kept (see below), and a text is equal to no other
            # value: a list found is one of texts, without joining it to find out.
            shown = self._joined.get(key)
        except TypeError:  # (an object in the list, in a workbook edited by hand)
            return "; ".join(self.texts(key))
        if shown is not None:
            return shown
        try:
            "".join(key)  # only texts: 1, 1.0 and True are one key but shown apart
        except TypeError:  # (a number or an object, in a workbook edited by hand)
            return "; ".join(self.texts(key))
        shown = "; ".join(self.texts(key))
        if len(self._joined) < 10_000:
            self._joined[key] = shown
        return shown

    def quoted(self, value: Any) -> str:
        """User text in quotation marks: the family's or a professional's own words."""
        return "“" + self.text(value) + "”"

    # citations -------------------------------------------------------------------------

    def shown(self, *entry_ids: str) -> bool:
        """Whether any of these entries is a row of the chronology."""
        return any(entry_id in self.refs for entry_id in entry_ids)

    def cite(self, entry_id: str) -> str:
        """How the document points at an entry: ``R5, 2024-03-04`` or why it cannot."""
        cited = self._cited.get(entry_id)
        if cited is not None:
            return cited
        entry = self.by_id.get(entry_id)
        if entry is None:
            planned = self.planned.get(entry_id)
            if planned is not None:
                return f"planned for {when(planned)}"
            return "an entry not in the workbook"
        if entry_id in self.refs:
            cited = f"{self.refs[entry_id]}, {when(entry)}"
        else:
            cited = f"{when(entry)}, not in this selection"
        self._cited[entry_id] = cited  # the summary cites the same entries again and again
        return cited

    def cites(self, entry_ids: Iterable[str]) -> str:
        """Several citations, each once, in chronology order."""
        if type(entry_ids) is tuple and len(entry_ids) == 1:
            return self.cite(entry_ids[0])  # most flags cite one entry
        known = sorted({i for i in entry_ids if i in self.by_id}, key=lambda i: self.order[i])
        unknown = sorted({i for i in entry_ids if i not in self.by_id})
        return "; ".join(self.cite(entry_id) for entry_id in known + unknown)

    def titled(self, entry: Mapping[str, Any]) -> str:
        """A citation with the entry's kind and title, for lists in the summary."""
        kind = vocabulary.KIND_LABELS.get(entry.get("kind", ""), "Entry")
        return f"{self.cite(entry['id'])}: {kind}, {self.quoted(entry.get('title', ''))}"

    def chosen(self, kind: str) -> list[Mapping[str, Any]]:
        """The entries of ``kind`` in the chronology, in its order."""
        return list(self.selected_by_kind.get(kind, ()))

    def entry_exhibits(self, entry: Mapping[str, Any]) -> list[str]:
        """The exhibit references of an entry's attachments, each once."""
        refs: list[str] = []
        for attachment in entry.get("attachments") or ():
            ref = self.exhibit_refs.get((entry["id"], attachment["sha256"]))
            if ref and ref not in refs:
                refs.append(ref)
        return refs

    # links between entries -------------------------------------------------------------

    def plan_targets(self, plan_id: str) -> dict[str, Mapping[str, Any]]:
        """A plan's targets by id (empty when the plan is not in the workbook)."""
        plan = self.by_id.get(plan_id)
        targets = (plan.get("targets") or []) if plan is not None else []
        return {t.get("id", ""): t for t in targets}

    def reply_to(self, sent: Mapping[str, Any]) -> Mapping[str, Any] | None:
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
                    if (
                        other
                        and other.get("kind") == "correspondence"
                        and (other.get("direction") == "received")
                    ):
                        self._received.setdefault(entry["id"], []).append(other)
        replies = [e for e in self._received.get(sent["id"], ()) if model.entry_day(e) >= day]
        return min(replies, key=lambda e: self.order[e["id"]]) if replies else None
