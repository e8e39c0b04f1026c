"""The words the workbook uses for its kinds, areas, fields, results, stages and flags, named once.

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


# The Code of Practice's four broad areas of need, plus "other" (independence, health...).
AREA_LABELS: dict[str, str] = {
    "communication_interaction": "Communication and interaction",
    "cognition_learning": "Cognition and learning",
    "semh": "Social, emotional and mental health",
    "sensory_physical": "Sensory and/or physical",
    "other": "Other (independence, health...)",
}

# Short names of the areas, for narrow columns.
AREA_SHORT: dict[str, str] = {
    "communication_interaction": "C&I",
    "cognition_learning": "C&L",
    "semh": "SEMH",
    "sensory_physical": "S&P",
    "other": "Other",
}

# The phase of the child's setting (Code chapter 5, 6 or 7).
PHASE_LABELS: dict[str, str] = {
    "": "Not recorded",
    "early_years": "Early years",
    "school": "School",
    "post16": "Post-16",
}

# The child's stage: the form's choices and the timeline's words.
STATUS_LABELS: dict[str, str] = {
    "none": "No SEN support recorded",
    "sen_support": "SEN Support",
    "ehcna_requested": "EHC needs assessment requested",
    "ehc_plan": "EHC plan",
}

# The child's stage in a narrow column of the children list and the workspace.
STATUS_SHORT: dict[str, str] = {
    "none": "Not recorded",
    "sen_support": "SEN Support",
    "ehcna_requested": "Assessment requested",
    "ehc_plan": "EHC plan",
}

# The kinds of entry, as the kind picker, the entry screen and the timeline name them.
KIND_LABELS: dict[str, str] = {
    "concern": "Concern",
    "assessment": "Assessment or report",
    "plan": "SEN Support plan",
    "review": "Review",
    "meeting": "Meeting",
    "correspondence": "Letter, email or call",
    "incident": "Incident",
    "observation": "Observation at home",
    "request": "Formal request",
}

# Short names of the kinds, for narrow columns; the full names are used where there is room.
KIND_SHORT: dict[str, str] = {
    "concern": "Concern",
    "assessment": "Assessment",
    "plan": "Plan",
    "review": "Review",
    "meeting": "Meeting",
    "correspondence": "Letter/call",
    "incident": "Incident",
    "observation": "Observation",
    "request": "Request",
}

# What happened, for an incident.
INCIDENT_LABELS: dict[str, str] = {
    "exclusion": "Permanent exclusion",
    "suspension": "Suspension",
    "sent_home": "Sent home (informal exclusion)",
    "part_time_timetable": "Part-time timetable",
    "injury": "Injury",
    "absence": "Absence",
    "restraint": "Restraint or isolation",
    "other": "Other",
}

# The formal step a request records.
REQUEST_LABELS: dict[str, str] = {
    "ehcna": "EHC needs assessment request",
    "draft_plan": "Draft EHC plan received",
    "no_plan": "Decision not to issue an EHC plan",
    "annual_review": "Annual review meeting",
    "mediation": "Mediation",
    "appeal": "Appeal to the SEND Tribunal",
    "complaint": "Complaint",
    "education_record": "Request for the education record",
    "subject_access": "Subject access request",
    "other": "Other request",
}

# What an organisation asked for before answering a subject access request: since
# 5 February 2026 (UK GDPR art. 12A) the one-month clock starts again when it has it.
ASKED_FOR_LABELS: dict[str, str] = {
    "": "Nothing asked for",
    "id": "Proof of identity",
    "clarification": "Clarification of the request",
    "fee": "A fee",
}
