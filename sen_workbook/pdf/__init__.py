"""PDF versions of the evidence: one paginated, indexed, bookmarked bundle, and plain documents.

:func:`build_pdf_bundle` makes the bundle a council or the SEND Tribunal works from (cover,
index, timeline, then each exhibit after a divider page); :func:`text_pdf` typesets plain
text or the timeline's kind of Markdown into an A4 PDF with the same font and footer, for
letters.  Both are pure: records and bytes in, bytes out; writing files is the workbook's job.
"""

from __future__ import annotations

from .bundle import PdfBundle, build_pdf_bundle
from .limits import APPEALS, PageLimit, page_limit
from .pages import text_pdf

__all__ = ["APPEALS", "PageLimit", "PdfBundle", "build_pdf_bundle", "page_limit", "text_pdf"]
