"""One child's records and what follows from them on a day, worked out once.

:class:`ChildFacts` holds a child, their entries and the derived facts (cycles, flags,
statutory deadlines) as of a day; the children list, the child's workspace and its
timeline tab all read the same values, so switching tabs or typing in a search never goes
back to the workbook file.  Beside it, the to-do list's urgency groups and the short
words the screens use for a child, an entry and a provision item.  Plain Python: no
terminal, no storage.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from sen_workbook import analysis, deadlines, model, vocabulary


def one_line(value: Any) -> str:
    """User text with its line breaks and runs of spaces made single spaces."""
    return " ".join(str(value).split())


def provision_text(item: Mapping[str, Any]) -> tuple[str, str]:
    """A provision item as (what, "who, how often, from when to when")."""
    start, end = str(item.get("start", "")), str(item.get("end", ""))
    if start and end:
        span = f"{start} to {end}"
    else:
        span = f"from {start}" if start else (f"until {end}" if end else "")
    details = [one_line(item.get("who", "")), one_line(item.get("frequency", "")), span]
    return one_line(item.get("what", "")), ", ".join(d for d in details if d)


def days_text(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"


def area_names(areas: Iterable[str], *, short: bool = False) -> str:
    """Areas of need as words, in the Code's order."""
    names = vocabulary.AREA_SHORT if short else vocabulary.AREA_LABELS
    chosen = set(areas)
    return ", ".join(names[a] for a in model.AREAS if a in chosen)


def when(entry: Mapping[str, Any]) -> str:
    """An entry's date as stored, with the time when one was written: ``2024-03-04 09:15``."""
    return " ".join(str(entry.get("date", "")).replace("T", " ").split())


def child_label(child: Mapping[str, Any]) -> str:
    """The child's name, with the name they go by when it differs."""
    name = one_line(child.get("name", ""))
    preferred = one_line(child.get("preferred_name", ""))
    return f"{name} ({preferred})" if preferred and preferred != name else name


# The to-do list's groups, most urgent first, in the words the list, its heading and the
# children list all use.
URGENCY_GROUPS: tuple[tuple[str, str, str], ...] = (
    # (key, heading in the list, words in a count: "1 missed deadline")
    ("missed", "Missed statutory deadlines", "missed deadline"),
    ("due_soon", "Statutory deadlines due within 7 days", "due within 7 days"),
    ("overdue", "Overdue replies and actions", "overdue reply or action"),
    ("rest", "Everything else to look at", "other"),
)
DUE_SOON_DAYS = 7
# Flags that are someone's reply or action not yet made (a concern unanswered is a reply).
_OVERDUE_FLAGS = frozenset(
    {"reply_overdue", "action_overdue", "concern_unanswered", "review_overdue"}
)

ToDoItem = analysis.Flag | deadlines.Deadline


def urgency_groups(
    flags: Sequence[analysis.Flag], due: Sequence[deadlines.Deadline], as_of: date
) -> dict[str, list[ToDoItem]]:
    """Every flag and open deadline in its urgency group, most days late first.

    Missed statutory deadlines come first, then those due within 7 days (soonest first),
    then overdue replies and actions, then the rest.  Within a group the longest wait
    leads, so the most urgent item is the first one on the screen.
    """
    groups: dict[str, list[tuple[int, int, ToDoItem]]] = {key: [] for key, _, _ in URGENCY_GROUPS}
    for order, item in enumerate(open_deadlines(due)):
        to_go = (item.due - as_of).days
        if item.status == "missed":
            groups["missed"].append((-item.days_late, order, item))
        elif item.status == "upcoming" and 0 <= to_go <= DUE_SOON_DAYS:
            groups["due_soon"].append((to_go, order, item))
        else:
            groups["rest"].append((to_go, order, item))
    for order, flag in enumerate(flags, len(due)):
        key = "overdue" if flag.code in _OVERDUE_FLAGS else "rest"
        late = -flag.days if flag.code != "target_not_met" else -(as_of - flag.date).days
        groups[key].append((late, order, flag))
    return {
        key: [item for _, _, item in sorted(found, key=lambda t: (t[0], t[1]))]
        for key, found in groups.items()
    }


def to_do_words(groups: Mapping[str, Sequence[ToDoItem]], *, short: bool = False) -> str:
    """The count of things to do in words: "18 to do: 1 missed deadline, 3 overdue replies
    or actions, 14 other"; ``short`` keeps the total and the missed ones: "18 (1 missed)"."""
    total = sum(len(items) for items in groups.values())
    if short:
        missed = len(groups.get("missed", ()))
        if not total:
            return "nothing"
        return f"{total} ({missed} missed)" if missed else str(total)
    parts = []
    for key, _heading, words in URGENCY_GROUPS:
        count = len(groups.get(key, ()))
        if count:
            parts.append(f"{count} {plural(count, words)}")
    return f"{total} to do: " + ", ".join(parts) if parts else "nothing to do"


def plural(count: int, words: str) -> str:
    """``words`` for ``count`` things: "missed deadline" for 1, "missed deadlines" for 2."""
    if count == 1 or words in ("other", "due within 7 days"):
        return words
    return {"overdue reply or action": "overdue replies or actions"}.get(words, words + "s")


def attention_count(flags: Sequence[analysis.Flag], due: Sequence[deadlines.Deadline]) -> int:
    """What needs a parent's attention: every flag and every open statutory deadline,
    as many as the Overview's to-do list holds."""
    return len(flags) + len(open_deadlines(due))


def open_deadlines(due: Iterable[deadlines.Deadline]) -> list[deadlines.Deadline]:
    """The deadlines still to act on: missed, upcoming (the family's own windows open
    among them) or under a claimed exception; not those met, or gone by with no one in
    breach."""
    return [d for d in due if d.status in ("missed", "upcoming", "exception")]


class FactsStopped(Exception):
    """The facts were given up half way: no longer wanted (see :meth:`ChildFacts.build`)."""


class ChildFacts:
    """A child, their entries (oldest first) and what follows from them on ``as_of``.

    A plain class rather than a dataclass: the timeline builds on it, and the command
    line that writes one would otherwise load ``dataclasses`` (and ``inspect``) for it.
    """

    def __init__(
        self,
        child: model.Child,
        entries: list[model.Entry],
        as_of: date,
        cycles: list[analysis.Cycle],
        flags: list[analysis.Flag],
        deadlines: list[deadlines.Deadline],
        known: list[model.Entry] | None = None,
    ) -> None:
        self.child = child
        self.entries = entries
        self.as_of = as_of
        self.cycles = cycles
        self.flags = flags
        self.deadlines = deadlines
        # The entries as they were known on ``as_of`` (``analysis.entries_as_of``), which
        # the facts above come from.
        self.known: list[model.Entry] = [] if known is None else known
        self._by_id: dict[str, model.Entry] | None = None

    @property
    def by_id(self) -> dict[str, model.Entry]:
        """The entries by id, indexed when first asked for: the screens look entries
        up by id, a timeline (which keeps its own index) never does."""
        if self._by_id is None:
            self._by_id = {entry["id"]: entry for entry in self.entries}
        return self._by_id

    @classmethod
    def build(
        cls,
        child: model.Child,
        entries: list[model.Entry],
        as_of: date,
        known: list[model.Entry] | None = None,
        later: list[model.Entry] | None = None,
        stop: Callable[[], bool] | None = None,
    ) -> ChildFacts:
        """The facts of ``entries`` (the child's) as of the day.  ``known``: their
        :func:`analysis.entries_as_of` for the day, and ``later``: those dated after it,
        when the caller has cut them already (see :func:`analysis.known_as_of`).

        ``stop``, if given, is asked between the steps (the cut, the cycles, the flags,
        the deadlines); once it says so, :class:`FactsStopped` is raised and the rest is
        not worked out.  The children list works out every child's facts in a thread, and
        gives them up when a child is opened: the child's screen needs the processor, and
        a long journal's facts take a few steps of several milliseconds each."""

        def stopping() -> None:
            if stop is not None and stop():
                raise FactsStopped

        # One cut of the entries as of the day, shared: the flags then reuse the cycles
        # instead of sorting the entries and working the cycles out again.
        known = analysis.entries_as_of(entries if known is None else known, as_of)
        stopping()
        cycles = analysis.cycles(known, as_of)
        stopping()
        flags = analysis.flags(known, as_of)
        stopping()
        return cls(
            child=child,
            entries=entries,
            as_of=as_of,
            cycles=cycles,
            flags=flags,
            # A planned annual review is dated after the day: looked for among them all
            # (or among those dated after it, the same).
            deadlines=deadlines.deadlines(
                known, as_of, planned_among=entries if later is None else later
            ),
            known=known,
        )

    def to_do(self) -> dict[str, list[ToDoItem]]:
        """Every flag and open deadline in its urgency group (:func:`urgency_groups`)."""
        return urgency_groups(self.flags, self.deadlines, self.as_of)

    @property
    def latest_cycle(self) -> analysis.Cycle | None:
        return self.cycles[-1] if self.cycles else None
