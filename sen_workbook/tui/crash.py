"""What a parent sees when the app stops because of a fault in the program.

Textual's own report of an unhandled error is a traceback with the values of every
variable in every frame: here those values are a child's records (names, diagnoses,
what was said at a meeting), printed to the terminal where anyone can read or copy them.
This report names the kind of fault and where in the program it happened, and nothing
that came from the records: no message of the error (it can quote a record), no values.
"""

from __future__ import annotations

import traceback
from pathlib import Path

CRASH_EXIT_CODE = 1


def crash_report(error: BaseException) -> str:
    """Plain text for the terminal after a crash: reassurance, the fault's kind and the
    places in the program it went through, never any record's contents."""
    frames = traceback.extract_tb(error.__traceback__)
    places = [
        f"  {_short(frame.filename)}, line {frame.lineno}, in {frame.name}" for frame in frames[-8:]
    ]
    lines = [
        "SEN Workbook stopped because of a fault in the program, not in your records.",
        "Every change you saved is in the workbook; nothing was written after the fault.",
        "Open it again to carry on. If it happens again, these lines (which hold none of",
        "your records) show where the fault was:",
        f"  {type(error).__module__}.{type(error).__qualname__}",
        *places,
    ]
    return "\n".join(lines) + "\n"


def _short(filename: str) -> str:
    """A program file's name from its package on (no user's home folder in it)."""
    parts = Path(filename).parts
    for package in ("sen_workbook", "textual", "rich"):
        if package in parts:
            return "/".join(parts[len(parts) - 1 - parts[::-1].index(package) :])
    return Path(filename).name
