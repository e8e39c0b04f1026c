"""Page limits for the evidence in a bundle, from the SEND Tribunal's Practice Direction.

The Practice Direction on bundles (2025) limits each party's evidence: 75 pages for an appeal
against a refusal to assess, 100 for a refusal to issue an EHC plan or an appeal about
sections B and F, 75 for section I or a decision to cease to maintain a plan.  An EHC needs
assessment request bundle is held to the limit of the appeal that would follow a refusal,
so the family learns early whether it will fit.  A parent can set their own limit instead.
"""

from __future__ import annotations

from typing import NamedTuple

SOURCE = "SEND Tribunal Practice Direction on bundles (2025)"


class PageLimit(NamedTuple):
    """How many pages of evidence are allowed, and for what."""

    pages: int
    label: str  # "an appeal against a refusal to assess", or "the limit you set"
    source: str = SOURCE


# Appeal types a parent can name on the command line, with their limits.
APPEALS: dict[str, PageLimit] = {
    "refusal-to-assess": PageLimit(75, "an appeal against a refusal to assess"),
    "refusal-to-issue": PageLimit(100, "an appeal against a refusal to issue an EHC plan"),
    "sections-b-f": PageLimit(100, "an appeal about sections B and F of an EHC plan"),
    "section-i": PageLimit(75, "an appeal about section I of an EHC plan (the placement)"),
    "cease-to-maintain": PageLimit(
        75, "an appeal against a decision to cease to maintain an EHC plan"
    ),
}

# The appeal whose limit a purpose's bundle is held to when no appeal type is named.
_PURPOSE_APPEAL = {"ehcna": "refusal-to-assess"}


def page_limit(
    purpose: str, appeal: str | None = None, max_pages: int | None = None
) -> PageLimit | None:
    """The limit for a bundle: ``max_pages`` if given, else the appeal type's, else the
    purpose's (an EHC needs assessment request: a refusal to assess), else none."""
    if max_pages is not None:
        if max_pages < 1:
            raise ValueError(f"The page limit must be 1 or more, not {max_pages}.")
        return PageLimit(max_pages, "the limit you set", "")
    if appeal:
        if appeal not in APPEALS:
            raise ValueError(f"{appeal!r} is not one of {', '.join(APPEALS)}.")
        return APPEALS[appeal]
    chosen = _PURPOSE_APPEAL.get(purpose)
    return APPEALS[chosen] if chosen else None
