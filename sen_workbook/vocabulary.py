"""The words the workbook uses for its fields, results, statuses and flags, named once.

The forms, the entry screen, the overview and the evidence timeline all read their labels
from here, so a field is called the same thing wherever a parent meets it.  Plain data:
this module imports nothing, so every layer may use it.
"""

from __future__ import annotations

# How a target's result at a review reads, in the app and in the evidence.
RESULT_LABELS: dict[str, str] = {
    "met": "Met",
    "partly": "Partly met",
    "not_met": "Not met",
    "not_assessed": "Not assessed",
}

# Whether a professional's recommendation was put in place, as a sentence says it.
IMPLEMENTED_LABELS: dict[str, str] = {
    "yes": "implemented",
    "partly": "partly implemented",
    "no": "not implemented",
    "unknown": "not known whether implemented",
}

# The flags the derived facts raise, as a heading or a to-do item names them.
FLAG_LABELS: dict[str, str] = {
    "target_not_met": "Target not met at consecutive reviews",
    "review_overdue": "Review overdue",
    "concern_unanswered": "Concern with no response",
    "action_overdue": "Meeting action overdue",
    "reply_overdue": "Reply overdue",
    "recommendation_not_implemented": "Recommendation not implemented",
}
