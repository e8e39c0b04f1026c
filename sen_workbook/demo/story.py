"""What a child's scripted story is made of: entries, files to attach, targets, and the
people every story shares."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sen_workbook import model
from sen_workbook.demo.school_calendar import _Calendar

_MUM = "Ngozi Okafor-Bennett (mum)"
_DAD = "Dan Bennett (dad)"
_LA = "Hartshire County Council SEND Team"
_CASEWORKER = "Ms Fiona Marsh, SEND Casework Officer, Hartshire County Council"


_DOB: dict[str, Callable[[_Calendar], date]] = {
    # Born so that the school year starting at ``start`` puts each child in the year
    # named in their story: Year 4, Year 8 and the nursery year.
    "tobi": lambda c: date(c.school_year - 8, 2, 11),
    "amara": lambda c: date(c.school_year - 13, 10, 22),
    "femi": lambda c: date(c.school_year - 3, 1, 19),
}


@dataclass(frozen=True)
class _Document:
    """A file to attach: its name, what it is, and how to make its bytes."""

    filename: str
    description: str
    content: Callable[[], bytes]


@dataclass(frozen=True)
class _Scripted:
    """One entry of a child's story.  ``rank`` 0 is the core kept at the smallest size;
    targets and outcomes name targets by ``key``, a review names its plan by ``plan``."""

    rank: int
    kind: str
    when: str
    fields: dict[str, Any]
    key: str = ""
    links: tuple[str, ...] = ()
    document: _Document | None = None


class _Story:
    def __init__(self) -> None:
        self.items: list[_Scripted] = []

    def add(
        self,
        rank: int,
        kind: str,
        when: str,
        *,
        key: str = "",
        links: tuple[str, ...] = (),
        document: _Document | None = None,
        sender: str | None = None,
        **fields: Any,
    ) -> None:
        """Script an entry; ``sender`` is a letter's ``from`` (a word Python keeps for
        itself, so it cannot be given by its own name)."""
        if sender is not None:
            fields["from"] = sender
        self.items.append(_Scripted(rank, kind, when, fields, key, links, document))


def _stamp(when: str) -> str:
    """created_at/updated_at for an entry: its day at 20:00, when the parent writes up."""
    return f"{when[:10]}T20:00:00"


def _build_scripted(
    item: _Scripted,
    child_id: str,
    ids: dict[str, str],
    target_ids: dict[str, str],
    new_uuid: Callable[[], str],
) -> model.Entry:
    fields = dict(item.fields)
    if item.kind == "plan":
        fields["targets"] = [
            {
                **{k: v for k, v in target.items() if k != "key"},
                "id": target_ids.setdefault(target["key"], new_uuid()),
            }
            for target in fields["targets"]
        ]
    elif item.kind == "review":
        fields["plan_id"] = ids[fields.pop("plan")]
        fields["outcomes"] = [
            {"target_id": target_ids[target], "result": result, "evidence": evidence}
            for target, result, evidence in fields["outcomes"]
        ]
    stamp = _stamp(item.when)
    return model.new_entry(
        item.kind,
        child_id,
        id=ids[item.key] if item.key else new_uuid(),
        date=item.when,
        links=[ids[key] for key in item.links if key in ids],
        created_at=stamp,
        updated_at=stamp,
        **fields,
    )


def _target(key: str, text: str, area: str, measure: str) -> dict[str, str]:
    return {"key": key, "text": text, "area": area, "success_measure": measure}
