"""A sample workbook: an invented family's journal, at any size, the same for a seed.

``sen-workbook --demo`` shows it to a new user, so the first screenfuls read like a real
family's records: the Okafor-Bennett family, whose son Tobi (Year 4 when the journal
starts) has communication and interaction and social, emotional and mental health needs,
and whose daughter Amara is at secondary school with dyslexia.  A third child, Femi, at
nursery, is there for benchmarks.  Over three school years the journal follows the
graduated response (plans, reviews, targets carried over), the professionals' reports,
the days a child was sent home, and the formal steps: an EHC needs assessment request that
is refused, mediation, an appeal, complaints and requests for records.

Benchmarks use the same generator for workbooks of 1,000 to 20,000 entries: beyond the
scripted story, entries are varied filler of plausible kinds, spread evenly over the
three years.  Everything random comes from one seeded ``random.Random``, and time stamps
are derived from entry dates, so a seed gives the same sample byte for byte.

The package does no I/O: attachments are built in memory (plain-text letters, small valid
PDF reports and PNG drawings) and returned with the records.  Its modules: the school
calendar the story runs on (``school_calendar``), the scripted stories (``story`` and one
module per child: ``tobi``, ``amara``, ``femi``), the family (``family``), the filler's
vocabulary (``filler_words``) and the filler made from it (``filler``), and the files
attached (``documents``).
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import date

from sen_workbook import model
from sen_workbook.demo.documents import _attach
from sen_workbook.demo.family import _FAMILY
from sen_workbook.demo.filler import _Filler
from sen_workbook.demo.school_calendar import _Calendar
from sen_workbook.demo.story import _build_scripted, _Document, _Scripted


@dataclass(frozen=True)
class Sample:
    """A generated workbook: records ready to store and the attachment files they name."""

    children: list[model.Child]
    entries: list[model.Entry]
    files: dict[str, bytes]  # SHA-256 in hex -> content, for every attachment referenced


def generate(
    size: int = 120,
    *,
    seed: int = 7,
    start: date = date(2023, 9, 4),
    children: int = 2,
    attachments: int | None = None,
) -> Sample:
    """A sample family's workbook with exactly ``size`` entries over three school years.

    ``children`` is 1 to 3 (Tobi, then Amara, then Femi).  From 30 entries up, each
    child has entries of every kind, and Tobi's main target is not met at two reviews in
    a row; smaller sizes give the start of the story.  Story entries come first; above
    the story's length the rest is filler.  ``attachments`` caps how many entries carry
    a file; ``None`` means about one in 25 entries, and at least 8.
    """
    if size < 0:
        raise ValueError(f"size must be 0 or more entries, not {size}.")
    if not 1 <= children <= len(_FAMILY):
        raise ValueError(f"children must be from 1 to {len(_FAMILY)}, not {children}.")
    if attachments is not None and attachments < 0:
        raise ValueError(f"attachments must be 0 or more, not {attachments}.")
    rng = random.Random(seed)

    def new_uuid() -> str:
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    calendar = _Calendar(start)
    family = _FAMILY[:children]
    child_records = [person.record(calendar, new_uuid()) for person in family]

    # Story entries by rank (the core of every child first), then filler to the size.
    stories = [person.story(calendar) for person in family]
    ordered: list[tuple[int, _Scripted]] = []
    for rank in range(3):
        for index, story in enumerate(stories):
            ordered.extend((index, item) for item in story if item.rank == rank)
    chosen = ordered[:size]

    ids = {item.key: new_uuid() for _, item in chosen if item.key}
    target_ids: dict[str, str] = {}
    built: list[tuple[model.Entry, _Document | None]] = []
    for index, item in chosen:
        entry = _build_scripted(item, child_records[index]["id"], ids, target_ids, new_uuid)
        built.append((entry, item.document))

    filler_count = size - len(chosen)
    filler = _Filler(rng, calendar, family, child_records)
    built.extend(
        (filler.entry(number, filler_count, new_uuid()), None) for number in range(filler_count)
    )

    limit = max(8, size // 25) if attachments is None else attachments
    files = _attach(built, len(chosen), limit, seed, child_records)

    # Chronological, as a journal reads; the sort is stable so ties keep story order.
    entries = sorted((entry for entry, _ in built), key=lambda e: e["date"])
    return Sample(children=child_records, entries=entries, files=files)
