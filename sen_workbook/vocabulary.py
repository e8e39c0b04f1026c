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

# Whether a professional's recommendation was put in place: the form's choices, the
# entry screen's words and the timeline's headings (a sentence uses them in lower case).
IMPLEMENTED_LABELS: dict[str, str] = {
    "yes": "Implemented",
    "partly": "Partly implemented",
    "no": "Not implemented",
    "unknown": "Not known whether implemented",
}

# Whether a letter, e-mail or call was the family's or came to them.
DIRECTION_LABELS: dict[str, str] = {
    "received": "Received by the family",
    "sent": "Sent by the family",
}

# Each field of an entry, as the form, the entry screen and the timeline name it.
FIELD_LABELS: dict[str, str] = {
    "date": "Date",
    "title": "Title",
    "details": "Details",
    "areas": "Areas of need",
    "people": "People",
    "links": "Linked entries",
    "raised_by": "Raised by",
    "raised_with": "Raised with",
    "channel": "How it was raised",
    "response": "Response",
    "response_date": "Date of the response",
    "professional": "Professional",
    "findings": "Findings",
    "recommendations": "Recommendations",
    "start_date": "Start date",
    "review_date": "Review date",
    "targets": "Targets",
    "provision": "Provision",
    "plan_id": "Plan reviewed",
    "outcomes": "Outcomes",
    "parent_views": "Parent's views",
    "child_views": "Child's views",
    "next_steps": "Next steps",
    "attendees": "Who was there",
    "purpose": "Purpose",
    "actions": "Actions agreed",
    "follow_up_sent": "Follow-up email sent on",
    "direction": "Sent or received",
    "from": "From",
    "to": "To",
    "subject": "Subject",
    "reply_due": "Reply due by",
    "message_id": "Message-ID",
    "incident_type": "What happened",
    "days_lost": "Days of education lost",
    "request_type": "Request",
    "sent_to": "Sent to",
    "outcome": "Outcome",
    "outcome_date": "Date of the outcome",
    "asked_for": "They asked for",
    "asked_for_date": "They asked for it on",
    "supplied_date": "They had it on",
    "exception_claimed": "Exception claimed",
    "attachments": "Files",
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
