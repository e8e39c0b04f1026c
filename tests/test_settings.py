"""The settings file as the app and the command line read it: of the Settings type.

A setting of the wrong type (the file edited by hand) counts as not set, so no caller
needs to check each value again, but what can be kept is: the addresses that are text, of
a list with one damaged item.  A setting this version does not know, or a part of one it
does not know, is kept and written back untouched, so an older version never throws away
a newer one's.
"""

from __future__ import annotations

import json

from sen_workbook.settings import (
    load_settings,
    my_addresses,
    parent_name,
    remember_parent_name,
)


def test_settings_of_the_wrong_type_count_as_not_set_and_unknown_ones_are_kept(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(
        json.dumps(
            {
                "theme": 7,
                "parent_name": ["Jo"],
                "my_addresses": ["parent@example.org", 3],
                "last_place": {"workbook": "/w.json", "child": None, "tab": "journal"},
                "window_size": [80, 24],
            }
        ),
        encoding="utf-8",
    )
    loaded = load_settings(path)
    assert loaded == {"my_addresses": ["parent@example.org"], "window_size": [80, 24]}
    assert my_addresses(loaded) == ["parent@example.org"] and parent_name(loaded) == ""
    remember_parent_name(path, "Jo Wrenfield")
    assert json.loads(path.read_text(encoding="utf-8")) == {
        "my_addresses": ["parent@example.org"],
        "parent_name": "Jo Wrenfield",
        "window_size": [80, 24],
    }


def test_a_newer_versions_part_of_the_place_is_kept(tmp_path):
    path = tmp_path / "settings.json"
    place = {"workbook": "/w.json", "child": "c1", "tab": "journal", "entry": "e7"}
    path.write_text(json.dumps({"last_place": place}), encoding="utf-8")
    assert load_settings(path) == {"last_place": place}
    remember_parent_name(path, "Jo Wrenfield")
    assert json.loads(path.read_text(encoding="utf-8"))["last_place"] == place


def test_settings_of_the_right_type_are_read_as_written(tmp_path):
    path = tmp_path / "settings.json"
    written = {
        "theme": "textual-light",
        "parent_name": "Jo  Wrenfield",
        "my_addresses": ["parent@example.org", ""],
        "last_place": {"workbook": "/w.json", "child": "c1", "tab": "journal"},
    }
    path.write_text(json.dumps(written), encoding="utf-8")
    loaded = load_settings(path)
    assert loaded == written
    assert my_addresses(loaded) == ["parent@example.org"]
    assert parent_name(loaded) == "Jo Wrenfield"
    for damaged in ("not json", "[1, 2]", ""):
        path.write_text(damaged, encoding="utf-8")
        assert load_settings(path) == {}
    assert load_settings(tmp_path / "missing.json") == {}
