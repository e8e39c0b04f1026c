"""One vocabulary: a field, a result, a direction or a recommendation's status reads the
same on the form, on the entry screen, in the overview and in the timeline."""

from __future__ import annotations

from datetime import date

from sen_workbook import model, vocabulary
from sen_workbook.timeline import TimelineOptions, render_timeline
from sen_workbook.tui.forms.entry_form import KIND_LAYOUT
from sen_workbook.tui.screens import entry as entry_screen
from tests.test_timeline import inline_text, parse

BOOKKEEPING = {"id", "child_id", "kind", "created_at", "updated_at", "revisions"}


def test_every_field_of_every_kind_has_one_label():
    for kind in model.KINDS:
        for name in model.entry_fields(kind):
            if name not in BOOKKEEPING:
                assert vocabulary.FIELD_LABELS.get(name), (kind, name)


def test_the_form_and_the_entry_screen_name_each_field_as_the_vocabulary_does():
    for kind, layout in KIND_LAYOUT.items():
        for name, label, *_ in layout:
            assert label == vocabulary.FIELD_LABELS[name], (kind, name)
    assert entry_screen.LABELS is vocabulary.FIELD_LABELS


def test_the_timeline_uses_the_same_words():
    child = model.new_child(id="c", name="Sam Carter")
    stamp = "2024-03-01T10:00:00"
    entries = [
        model.new_entry(
            "correspondence",
            "c",
            id="m",
            date="2024-03-01",
            title="Letter",
            direction="sent",
            reply_due="2024-03-15",
            created_at=stamp,
            updated_at=stamp,
        ),
        model.new_entry(
            "incident",
            "c",
            id="i",
            date="2024-03-02",
            title="Sent home",
            incident_type="sent_home",
            days_lost=1,
            created_at=stamp,
            updated_at=stamp,
        ),
        model.new_entry(
            "request",
            "c",
            id="s",
            date="2024-03-04",
            title="My records",
            request_type="subject_access",
            asked_for="id",
            asked_for_date="2024-03-10",
            supplied_date="2024-03-12",
            created_at=stamp,
            updated_at=stamp,
        ),
        model.new_entry(
            "assessment",
            "c",
            id="a",
            date="2024-03-03",
            title="Report",
            recommendations=[{"text": "Group", "implemented": "partly"}],
            created_at=stamp,
            updated_at=stamp,
        ),
    ]
    tokens = parse(render_timeline(child, entries, TimelineOptions(as_of=date(2024, 9, 1))))
    texts = [inline_text(t) for t in tokens if t.type == "inline"]
    labels = vocabulary.FIELD_LABELS
    assert f"{labels['direction']}: {vocabulary.DIRECTION_LABELS['sent']}" in texts
    assert f"{labels['reply_due']}: 2024-03-15" in texts
    assert f"{labels['incident_type']}: {vocabulary.INCIDENT_LABELS['sent_home']}" in texts
    assert f"{labels['days_lost']}: 1" in texts
    assert f"“Group”: {vocabulary.IMPLEMENTED_LABELS['partly'].lower()}" in texts
    assert f"{labels['asked_for']}: {vocabulary.ASKED_FOR_LABELS['id']}" in texts
    assert f"{labels['supplied_date']}: 2024-03-12" in texts
