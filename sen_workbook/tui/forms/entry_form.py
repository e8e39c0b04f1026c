"""The form for one journal entry of any kind: a concern, a plan, a phone call...

It shows the common fields (date and time, title, details, areas of need, people,
related entries, files) and the kind's own fields exactly as the model has them, with
a control that suits each.  A review opened from a plan starts with one outcome per
target of that plan; a new plan can carry targets over from the previous one keeping
their ids, so a target can be followed review by review.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Checkbox, Collapsible, Select, Static

from sen_workbook import model, vocabulary
from sen_workbook.child_facts import provision_text
from sen_workbook.tui.forms import values
from sen_workbook.tui.forms.attachments import AttachmentsPanel
from sen_workbook.tui.forms.base import (
    RecordForm,
    SaveFailed,
    changed_fields,
    neutral,
)
from sen_workbook.tui.forms.fields import (
    ChoiceList,
    ChoiceSelect,
    DateAndTime,
    DateInput,
    LongText,
    NamesInput,
    NumberInput,
    TextInput,
    TickBox,
    areas_list,
    record_value,
)
from sen_workbook.tui.forms.items import ItemList
from sen_workbook.tui.widgets.dates import date_problem
from sen_workbook.vocabulary import DIRECTION_LABELS, FIELD_LABELS, RESULT_LABELS
from sen_workbook.workbook import Workbook, WorkbookError

# How many of a child's entries are offered as related entries (the newest ones, plus
# any already linked): enough to find the letter a reply answers without a huge list.
LINK_CHOICES = 300


def _field(name: str, control: str, extra: Any) -> tuple[str, str, str, Any]:
    """A field of the form: its name, its label (the vocabulary's), its control, and its
    choices or hint."""
    return (name, FIELD_LABELS[name], control, extra)


# The kind's own fields in the order shown: (field, label, control, choices or hint).
# "control" is one of: text, long, date, choice, names, number, list, plan.
KIND_LAYOUT: dict[str, tuple[tuple[str, str, str, Any], ...]] = {
    "concern": (
        _field("raised_by", "text", ""),
        _field("raised_with", "text", "Who heard it, e.g. class teacher, SENCo"),
        _field("channel", "text", "e.g. email, meeting, phone call"),
        _field("response", "long", "What they said or did about it"),
        _field("response_date", "date", ""),
    ),
    "assessment": (
        _field("professional", "text", "Name and role, e.g. educational psychologist"),
        _field("findings", "long", ""),
        _field("recommendations", "list", ""),
    ),
    "plan": (
        _field("start_date", "date", ""),
        _field("review_date", "date", ""),
        _field("targets", "list", ""),
        _field("provision", "list", ""),
    ),
    "review": (
        _field("plan_id", "plan", ""),
        _field("outcomes", "list", ""),
        _field("parent_views", "long", ""),
        _field("child_views", "long", "In their own words, if you can"),
        _field("next_steps", "long", ""),
    ),
    "meeting": (
        _field("attendees", "names", "Separate names with commas"),
        _field("purpose", "text", ""),
        _field("actions", "list", ""),
        _field("follow_up_sent", "date", "Confirm what was agreed by email the same day"),
    ),
    "correspondence": (
        _field("direction", "choice", DIRECTION_LABELS),
        _field("from", "text", ""),
        _field("to", "text", ""),
        _field("subject", "text", ""),
        _field("reply_due", "date", ""),
    ),
    "incident": (
        _field("incident_type", "choice", vocabulary.INCIDENT_LABELS),
        _field("days_lost", "number", "e.g. 1, or 0.5 for a morning"),
    ),
    "observation": (
        _field("child_views", "long", "In their own words, if you can"),
        _field("parent_views", "long", ""),
    ),
    "request": (
        _field("request_type", "choice", vocabulary.REQUEST_LABELS),
        _field("sent_to", "text", ""),
        _field("outcome", "long", "The decision or answer, when it comes"),
        _field("outcome_date", "date", ""),
        _field("asked_for", "choice", vocabulary.ASKED_FOR_LABELS),
        _field("asked_for_date", "date", ""),
        _field(
            "supplied_date",
            "date",
            "The day they received it (the day you sent it, if you do not know): since "
            "5 February 2026 their month starts again then",
        ),
        _field(
            "exception_claimed",
            "long",
            "Leave empty if none; otherwise why the usual time limit does not apply",
        ),
    ),
}

# Fields of a subject access request only (UK GDPR art. 12A): shown when that is the
# request chosen, and saved empty for any other.
SUBJECT_ACCESS_ONLY = ("asked_for", "asked_for_date", "supplied_date")

TITLE_HINTS: dict[str, str] = {
    "concern": "e.g. Not speaking in class",
    "assessment": "e.g. Educational psychologist's report",
    "plan": "e.g. SEN Support plan, spring term",
    "review": "e.g. Review of spring term plan",
    "meeting": "e.g. Meeting with SENCo",
    "correspondence": "e.g. Phone call from class teacher",
    "incident": "e.g. Sent home at lunchtime",
    "observation": "e.g. Meltdown after school",
    "request": "e.g. Request for EHC needs assessment",
}


class EntryForm(RecordForm[model.Entry]):
    """Add an entry of ``kind`` for a child, or edit ``entry``; saves itself.

    Dismisses with the entry as saved, or ``None`` when cancelled.
    ``review_of_plan``: a new review starts from that plan's targets.
    ``carry_from_plan``: a new plan offers that plan's targets to carry over.
    """

    def __init__(
        self,
        workbook: Workbook,
        child_id: str,
        kind: str,
        entry: model.Entry | None = None,
        *,
        carry_from_plan: model.Entry | None = None,
        review_of_plan: model.Entry | None = None,
    ) -> None:
        super().__init__(workbook)
        if kind not in model.KINDS:
            raise ValueError(f"kind {kind!r} is not one of {', '.join(model.KINDS)}.")
        self.child_id = child_id
        self.kind = kind
        self.entry = entry
        self.carry_from_plan = carry_from_plan if kind == "plan" and entry is None else None
        self.child_entries = workbook.entries(child_id)
        self.plans = {e["id"]: e for e in self.child_entries if e["kind"] == "plan"}
        if review_of_plan is not None:
            self.plans.setdefault(review_of_plan["id"], review_of_plan)
        self.review_of_plan = review_of_plan
        self.record = self._starting_record()
        self.plan_id = self.record.get("plan_id", "")
        try:
            self.child_name = workbook.child(child_id)["name"]
        except WorkbookError:
            self.child_name = ""

    def _starting_record(self) -> model.Entry:
        if self.entry is not None:
            return self.entry.copy()
        record = model.new_entry(self.kind, self.child_id, date=self.workbook.today().isoformat())
        if self.kind == "review":
            plan = self.review_of_plan or self._latest_plan()
            if plan is not None:
                record["plan_id"] = plan["id"]
                record["outcomes"] = values.review_outcomes(plan)
                if self.review_of_plan is not None:
                    record["title"] = f"Review of {plan['title']}"
        if self.carry_from_plan is not None:
            ticks = values.carry_over_ticks(
                self.carry_from_plan, self.child_entries, self.workbook.today()
            )
            record["targets"] = [
                t.copy() for t in self.carry_from_plan.get("targets", []) if ticks.get(t["id"])
            ]
            record["areas"] = list(self.carry_from_plan.get("areas", []))
            # The help promised goes on too, unless the parent unticks it.
            record["provision"] = [p.copy() for p in self.carry_from_plan.get("provision", [])]
        return record

    def _latest_plan(self) -> model.Entry | None:
        plans = sorted(self.plans.values(), key=lambda p: (model.entry_day(p), p["created_at"]))
        return plans[-1] if plans else None

    # --- layout --------------------------------------------------------------------

    def heading(self) -> str:
        kind = vocabulary.KIND_LABELS[self.kind]
        whose = f" for {self.child_name}" if self.child_name else ""
        if self.entry is None:
            return f"New entry: {kind}{whose}"
        return f"Editing {kind}: {self.entry['title']}"

    def compose_fields(self) -> ComposeResult:
        record = self.record
        day, time = values.split_entry_date(record["date"])
        yield self.field("date", "Date", DateAndTime(day, time), required=True)
        yield self.field(
            "title",
            "Title",
            TextInput(record["title"], id="title", placeholder=TITLE_HINTS[self.kind]),
            required=True,
        )
        yield self.field(
            "details",
            "Details",
            LongText(record["details"], id="details"),
            hint="What happened, who said what; facts, not feelings",
        )
        for name, label, control, extra in KIND_LAYOUT[self.kind]:
            if name == "targets" and self.carry_from_plan is not None:
                yield self._carry_over()
            if (
                name == "provision"
                and self.carry_from_plan is not None
                and self.carry_from_plan.get("provision")
            ):
                yield self._carry_provision()
            yield self._kind_field(name, label, control, extra)
        yield self.field(
            "areas",
            "Areas of need",
            areas_list(record["areas"], id="areas"),
            hint="Space ticks an area",
        )
        yield self.field("people", "People involved", NamesInput(record["people"], id="people"))
        yield self._links()
        yield self.field(
            "attachments",
            "Files",
            AttachmentsPanel(record["attachments"], id="attachments"),
            block=True,
        )

    def _kind_field(self, name: str, label: str, control: str, extra: Any) -> Widget:
        fields: Mapping[str, Any] = self.record  # by the layout's name; its control reads it
        value = fields[name]
        hint = extra if isinstance(extra, str) else ""
        widget: Widget
        if control == "long":
            widget = LongText(value, id=name)
        elif control == "date":
            widget = DateInput(value, label=label, id=name)
        elif control == "choice":
            widget = ChoiceSelect(extra, value, id=name)
        elif control == "names":
            widget = NamesInput(value, id=name)
        elif control == "number":
            widget = NumberInput(values.show_days(value), id=name)
        elif control == "list":
            shown = self._target_text if name == "outcomes" else None
            widget = ItemList(name, value, shown=shown, id=name)
            return self.field(name, label, widget, block=True)
        elif control == "plan":
            widget = ChoiceSelect(self._plan_choices(), value, id=name)
            hint = "Outcomes follow the targets of the plan chosen here"
        else:
            widget = TextInput(value, id=name)
        return self.field(name, label, widget, hint=hint)

    def _plan_choices(self) -> dict[str, str | Content]:
        newest = sorted(
            self.plans.values(), key=lambda p: (model.entry_day(p), p["created_at"]), reverse=True
        )
        choices: dict[str, str | Content] = {"": "Not linked to a plan"}
        for plan in newest:
            choices[plan["id"]] = Content(f"{plan['date'][:10]}  {plan['title']}")
        return choices

    def _target_text(self, outcome: Mapping[str, Any]) -> str:
        plan = self.plans.get(self.plan_id)
        for target in plan.get("targets", []) if plan is not None else []:
            if target["id"] == outcome.get("target_id"):
                area = vocabulary.AREA_LABELS.get(target.get("area", ""), "")
                return f"{target['text']} ({area})" if area else target["text"]
        return "(this target is not in the plan chosen above)"

    def _carry_over(self) -> Widget:
        plan: Mapping[str, Any] = self.carry_from_plan or {}
        results = values.latest_results(plan, self.child_entries, self.workbook.today())
        ticks = values.carry_over_ticks(plan, self.child_entries, self.workbook.today())
        boxes = []
        for target in plan.get("targets", []):
            result = results.get(target["id"])
            at = (
                f" ({RESULT_LABELS[result].lower()} at the latest review)"
                if result in RESULT_LABELS
                else " (not reviewed yet)"
            )
            box = TickBox(
                target["text"] + at, ticks.get(target["id"], False), classes="carry-target"
            )
            box.target = target  # type: ignore[attr-defined]
            boxes.append(box)
        shown = self.field(
            "carry",
            f"Carry over from “{plan.get('title', '')}”",
            Vertical(*boxes, classes="carry-list"),
            hint="Ticked targets are copied into this plan and keep their history",
            block=True,
        )
        # Not a field of the record: it only adds and removes target rows.
        del self.fields["carry"]
        return shown

    def _carry_provision(self) -> Widget:
        """The earlier plan's provision, each ticked to go on into this plan."""
        plan: Mapping[str, Any] = self.carry_from_plan or {}
        boxes = []
        for item in plan.get("provision", []):
            what, details = provision_text(item)
            box = TickBox(
                what + (f" ({details})" if details else ""), True, classes="carry-provision"
            )
            box.provision = item  # type: ignore[attr-defined]
            boxes.append(box)
        shown = self.field(
            "carry_provision",
            "Provision to carry over",
            Vertical(*boxes, classes="carry-list"),
            hint="Ticked provision is copied into this plan; untick what has stopped",
            block=True,
        )
        del self.fields["carry_provision"]  # it only adds and removes provision rows
        return shown

    @on(Checkbox.Changed, ".carry-provision")
    async def _carry_provision_changed(self, event: Checkbox.Changed) -> None:
        item = dict(event.checkbox.provision)  # type: ignore[attr-defined]
        rows = self.query_one("#provision", ItemList)
        row = next((r for r in rows.rows if r.item_value() == item), None)
        if event.value and row is None:
            await rows.add_row(item, focus=False)
        elif not event.value and row is not None:
            await rows.remove_row(row)

    def _links(self) -> Widget:
        linked = list(self.record["links"])
        others = [e for e in reversed(self.child_entries) if e["id"] != self.record["id"]]
        offered = others[:LINK_CHOICES]
        offered += [e for e in others[LINK_CHOICES:] if e["id"] in linked]
        choices: dict[str, str | Content] = {
            e["id"]: Content(f"{e['date'][:10]}  {vocabulary.KIND_LABELS[e['kind']]}: {e['title']}")
            for e in offered
        }
        # A link to an entry since deleted is kept: it may come back from the trash.
        for link in linked:
            choices.setdefault(link, Content("(an entry not in the journal now)"))
        chooser = ChoiceList(choices, linked, id="links", classes="links-list")
        count = f" ({len(linked)} linked)" if linked else ""
        shown = self.field(
            "links",
            "Related entries",
            chooser,
            block=True,
            hint="Space ticks an entry this one answers or follows",
        )
        return Collapsible(
            shown, title=f"Related entries{count}", collapsed=not linked, id="links-box"
        )

    def first_focus(self) -> Widget | None:
        return self.query_one("#title")

    def on_mount(self) -> None:
        # Textual runs the form's own on_mount too (it calls each class's handler).
        if self.kind == "request":
            self._show_subject_access(self.record.get("request_type") == "subject_access")

    def _show_subject_access(self, shown: bool) -> None:
        for name in SUBJECT_ACCESS_ONLY:
            self.fields[name].display = shown

    @on(Select.Changed, "#request_type")
    def _request_type_chosen(self, event: Select.Changed) -> None:
        self._show_subject_access(event.value == "subject_access")

    # --- reading the form ----------------------------------------------------------

    def collect(self, problems: values.Problems) -> dict[str, Any]:
        typed = {
            name: record_value(f.control)
            for name, f in self.fields.items()
            if name != "attachments"
        }
        day, time = typed["date"]
        found = self.fields["date"].control.problem()  # type: ignore[attr-defined]
        if found:
            problems.add("date", found)
        typed["date"] = f"{day} {time}" if time else day
        if self.entry is not None and values.split_entry_date(self.entry["date"]) == (day, time):
            typed["date"] = self.entry["date"]  # written another way, but the same moment
        if not typed["title"].strip():
            problems.add("title", "Title is required: a few words saying what this is.")
        if self.kind == "review" and not found:
            late = self._before_plan_start(day, typed.get("plan_id", ""))
            if late:
                problems.add("date", late)
        for name, label, control, _extra in KIND_LAYOUT[self.kind]:
            if name in SUBJECT_ACCESS_ONLY and typed.get("request_type") != "subject_access":
                typed[name] = ""
                continue
            if control == "date":
                found = date_problem(typed[name], label)
                if found:
                    problems.add(name, found)
            elif control == "number":
                try:
                    typed[name] = values.parse_days(typed[name])
                except ValueError as error:
                    problems.add(name, str(error))
                    typed[name] = 0
        typed["attachments"] = self.panel.kept_attachments()
        # Dates that contradict each other: the records' own sentence, beside its field.
        for conflict in model.date_conflicts({**typed, "kind": self.kind}):
            if conflict.row is None:
                problems.add(conflict.field, conflict.sentence)
            else:
                rows = problems.rows.setdefault(conflict.field, {})
                rows.setdefault(conflict.row, []).append((conflict.item_field, conflict.sentence))
        return typed

    def _before_plan_start(self, day: str, plan_id: str) -> str | None:
        """Why a review dated ``day`` cannot review the plan chosen, in the workbook's own
        sentence (shown at the date rather than in the list of other problems)."""
        plan = self.plans.get(plan_id)
        if plan is None or not day:
            return None
        return model.review_before_plan_start({"date": day}, plan)

    def model_problems(self, fields: Mapping[str, Any]) -> list[str]:
        record: Mapping[str, Any] = (
            model.new_entry(self.kind, self.child_id, **fields)
            if self.entry is None
            else {**self.entry, **fields}
        )
        placed = [c.sentence for c in model.date_conflicts(record)]
        return [
            problem
            for problem in model.validate_entry(neutral(record, ["title"]))
            if not any(problem.endswith(sentence) for sentence in placed)
        ]

    @property
    def panel(self) -> AttachmentsPanel:
        return self.query_one(AttachmentsPanel)

    # --- saving --------------------------------------------------------------------

    def store(self, fields: dict[str, Any]) -> model.Entry:
        if self.entry is None:
            saved = self.workbook.add_entry(self.kind, self.child_id, fields)
        else:
            saved = self.workbook.update_entry(self.entry["id"], changed_fields(self.entry, fields))
        # From here on the entry exists: a later failure must not save it twice.
        self.entry = saved
        self.record = saved
        self.query_one("#form-title", Static).update(Content(self.heading()))
        panel = self.panel
        for path, description in list(panel.pending):
            try:
                self.workbook.add_attachment(saved["id"], path, description)
            except WorkbookError as error:
                self.entry = self.workbook.entry(saved["id"])
                panel.kept = list(self.entry["attachments"])
                self.mark_unsaved()
                self.run_worker(panel.show_files())
                raise SaveFailed(
                    f"The entry was saved, but {path.name} was not attached: {error} "
                    "Check the file and save again, or remove it from the list."
                ) from error
            panel.pending.remove((path, description))
        return self.workbook.entry(saved["id"])

    # --- reacting to choices -------------------------------------------------------

    @on(Select.Changed, "#plan_id")
    async def _plan_chosen(self, event: Select.Changed) -> None:
        chosen = event.value if isinstance(event.value, str) else ""
        if chosen == self.plan_id:
            return
        self.plan_id = chosen
        outcomes = self.query_one("#outcomes", ItemList)
        plan = self.plans.get(chosen)
        earlier = outcomes.record_value()
        await outcomes.replace_items(values.review_outcomes(plan, earlier) if plan else [])

    @on(Checkbox.Changed, ".carry-target")
    async def _carry_changed(self, event: Checkbox.Changed) -> None:
        target = event.checkbox.target  # type: ignore[attr-defined]
        targets = self.query_one("#targets", ItemList)
        row = targets.row_with("id", target["id"])
        if event.value and row is None:
            await targets.add_row(dict(target), focus=False)
        elif not event.value and row is not None:
            await targets.remove_row(row)
