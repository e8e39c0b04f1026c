"""PDF versions of the evidence: one paginated, indexed, bookmarked bundle, and plain documents.

:func:`build_pdf_bundle` makes the bundle a council or the SEND Tribunal works from (cover,
index, timeline, then each exhibit after a divider page); :func:`text_pdf` typesets plain
text or the timeline's kind of Markdown into an A4 PDF with the same font and footer, for
letters.  Both are pure: records and bytes in, bytes out; writing files is the workbook's job.

The names are loaded when first used: fpdf2 and pypdf take a moment to import, and the
command line reads the page limits (:mod:`.limits`) for its options without them.
"""

from __future__ import annotations

from typing import Any

_NAMES = {
    "PdfBundle": "bundle",
    "build_pdf_bundle": "bundle",
    "pdf_from_markdown": "bundle",
    "text_pdf": "pages",
    "APPEALS": "limits",
    "PageLimit": "limits",
    "page_limit": "limits",
}

__all__ = sorted(_NAMES)


def __getattr__(name: str) -> Any:
    module = _NAMES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
