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

The package has one module per idea: ``options``, ``escaping``, ``pseudonyms``,
``selection`` and ``exhibit_list`` (which entries and files, numbered), ``facts`` (worked
out once per document), ``ehcna`` and ``complaint`` (the summaries), ``chronology``,
``entries``, ``cycles``, ``exhibit_index``, ``deadline_table`` and ``flag_list``, and
``document``, which puts them in order.
"""

from sen_workbook.vocabulary import FLAG_LABELS, IMPLEMENTED_LABELS, RESULT_LABELS

from .document import (
    PHASE_CHAPTERS,
    PURPOSE_TITLES,
    render_timeline,
    timeline_and_exhibits,
    timeline_blocks,
    timeline_title,
)
from .ehcna import CODE_9_14
from .escaping import CONTEXTS, escape
from .exhibit_list import Exhibit, exhibits
from .options import PURPOSES, TimelineOptions
from .pseudonyms import EMPTY_PSEUDONYM, PSEUDONYM_MARK, find_child_name, pseudonym_problem
from .selection import select_entries

__all__ = [
    "CODE_9_14",
    "CONTEXTS",
    "EMPTY_PSEUDONYM",
    "FLAG_LABELS",
    "IMPLEMENTED_LABELS",
    "PHASE_CHAPTERS",
    "PSEUDONYM_MARK",
    "PURPOSES",
    "PURPOSE_TITLES",
    "RESULT_LABELS",
    "Exhibit",
    "TimelineOptions",
    "escape",
    "exhibits",
    "find_child_name",
    "pseudonym_problem",
    "render_timeline",
    "select_entries",
    "timeline_and_exhibits",
    "timeline_blocks",
    "timeline_title",
]
