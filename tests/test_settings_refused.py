"""Settings that cannot be written: one refusal of the workbook's family, one sentence.

The settings (the name letters are signed with, the family's own email addresses, the
theme) are a convenience.  When their folder cannot be written the work asked for is
still done, and the parent reads one sentence saying what will not be remembered and
why.  The folder is made impossible to write by putting the settings under a file,
which refuses even the superuser (the tests may run as root, whom modes do not stop).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sen_workbook.cli import main
from sen_workbook.errors import FilesError, WorkbookError
from sen_workbook.settings import (
    load_settings,
    remember_addresses,
    remember_parent_name,
    save_settings,
)
from sen_workbook.workbook import Workbook
from tests.test_letters import toby
from tests.test_mail import school_reply


@pytest.fixture
def blocked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A settings path whose folder is a file, so nothing can be written there."""
    in_the_way = tmp_path / "config"
    in_the_way.write_text("a file where the settings folder should be")
    path = in_the_way / "settings.json"
    monkeypatch.setenv("SEN_WORKBOOK_CONFIG", str(path))
    return path


def test_settings_that_cannot_be_written_are_a_files_error_saying_what_is_not_kept(blocked):
    with pytest.raises(WorkbookError) as refused:
        remember_parent_name(blocked, "Jo Wrenfield")
    assert isinstance(refused.value, FilesError)
    assert refused.value.sentence == (
        f"Your name could not be remembered for next time: {blocked} could not be written "
        "(Not a directory)."
    )
    with pytest.raises(FilesError) as refused:
        remember_addresses(blocked, ["parent@example.org"])
    assert refused.value.sentence.startswith(
        "Your email addresses could not be remembered for next time: "
    )
    with pytest.raises(FilesError) as refused:
        save_settings(blocked, {"theme": "textual-light"}, "The theme")
    assert refused.value.sentence.startswith("The theme could not be remembered for next time: ")
    assert load_settings(blocked) == {}


def test_a_settings_folder_that_can_be_made_is_made_and_written(tmp_path):
    path = tmp_path / "new" / "config" / "settings.json"
    assert remember_parent_name(path, "  Jo   Wrenfield ") == "Jo Wrenfield"
    assert load_settings(path) == {"parent_name": "Jo Wrenfield"}


def test_the_letter_is_still_written_and_the_name_not_kept_is_said_in_one_sentence(
    tmp_path, blocked, capsys
):
    child, entries = toby()
    db = tmp_path / "book" / "w.json"
    with Workbook(db) as book:
        book.load_sample([child], entries, {})
    argv = ["--db", str(db), "letter", "Toby", "concern", "--as-of", "2025-06-02"]
    assert main([*argv, "--signed", "Jo Wrenfield"]) == 0
    said = capsys.readouterr()
    assert said.out.endswith("Yours sincerely,\n\nJo Wrenfield\n")
    assert said.err == (
        f"Your name could not be remembered for next time: {blocked} could not be written "
        "(Not a directory); give --signed again next time.\n"
    )


def test_emails_are_still_imported_and_the_address_not_kept_is_said_in_one_sentence(
    tmp_path, blocked, capsys
):
    db = tmp_path / "book" / "w.json"
    with Workbook(db) as book:
        book.add_child({"name": "Amara Okafor"})
    eml = tmp_path / "reply.eml"
    eml.write_bytes(bytes(school_reply()))
    argv = ["--db", str(db), "import", str(eml), "--child", "Amara"]
    assert main([*argv, "--me", "parent@example.org"]) == 0
    said = capsys.readouterr()
    assert "Imported 1 email with 2 attachments" in said.out
    assert said.err == (
        f"Your email addresses could not be remembered for next time: {blocked} could not "
        "be written (Not a directory); give --me again next time.\n"
    )
    with Workbook(db) as book:
        assert [e["kind"] for e in book.entries()] == ["correspondence"]
