"""How a target or an item of provision is told in one line, wherever the document
mentions it (the summary, the entries in full)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sen_workbook import model, vocabulary

from .escaping import present
from .facts import Facts
from .words import day_text


def provision_text(facts: Facts, item: Mapping[str, Any]) -> str:
    """“What”, by whom, how often, from and until."""
    parts = [facts.quoted(item.get("what", ""))]
    if present(item.get("who", "")):
        parts.append(f"by {facts.text(item['who'])}")
    if present(item.get("frequency", "")):
        parts.append(f"how often: {facts.text(item['frequency'])}")
    start, end = day_text(item.get("start", "")), day_text(item.get("end", ""))
    if start:
        parts.append(f"from {start}")
    if end:
        parts.append(f"until {end}")
    return ", ".join(parts)


def target_text(facts: Facts, target: Mapping[str, Any]) -> str:
    """“Target”; area; success measure; by when."""
    parts = [facts.quoted(target.get("text", ""))]
    if target.get("area") in model.AREAS:
        parts.append("area: " + vocabulary.AREA_LABELS[target["area"]])
    if present(target.get("success_measure", "")):
        parts.append("success measure: " + facts.text(target["success_measure"]))
    if target.get("by_date"):
        parts.append("by " + day_text(target["by_date"]))
    return "; ".join(parts)
