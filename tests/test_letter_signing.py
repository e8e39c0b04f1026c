"""Letters a parent can send as they are: signed with the name kept once, greeting the
person by name, and (the EHC needs assessment request) listing the evidence behind it.

The family is Toby's from ``test_letters``, as of 2 June 2025.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from sen_workbook.cli import main
from sen_workbook.letters import markdown, plain_text, write_letter
from sen_workbook.settings import load_settings
from sen_workbook.workbook import Workbook
from tests.test_letters import AS_OF, toby


def test_the_evidence_request_lists_the_reports_and_the_meetings_behind_it():
    child, entries = toby()
    text = plain_text(write_letter(child, entries, "ehcna_request", as_of=AS_OF))
    assert "Assessments and professional reports: 1." in text
    assert (
        "- 3 February 2025: \u201cEducational psychologist report\u201d, by Dr Lee, "
        "3 recommendations (R3; E001)"
    ) in text
    assert "Meetings with the setting and professionals: 1, with 1 agreed action not done" in text
    assert (
        "- 21 May 2025: \u201cMeeting with the SENCo\u201d; 1 agreed action past its due date "
        "and not done (R12)"
    ) in text


@pytest.mark.parametrize(
    ("raised_with", "greeting"),
    [
        ("Class teacher, Mrs Hill", "Dear Mrs Hill,"),
        ("Mrs Hill, class teacher", "Dear Mrs Hill,"),
        ("Class teacher, Jane Hill", "Dear Jane Hill,"),
        ("Ms Rahman", "Dear Ms Rahman,"),
        ("Class teacher", "Dear Class teacher,"),
        ("", "Dear Mrs Patel,"),  # the SENCo named on the child's details
    ],
)
def test_the_concern_letter_greets_the_person_by_name(raised_with, greeting):
    child, entries = toby()
    child = {**child, "senco": "Mrs Patel"}
    concern = next(e for e in entries if e["title"] == "Not eating lunch")
    concern["raised_with"] = raised_with
    text = plain_text(write_letter(child, entries, "concern", as_of=AS_OF))
    assert f"\n\n{greeting}\n\n" in text


def test_a_letter_is_signed_with_the_name_given_and_the_name_is_text_not_markup():
    child, entries = toby()
    letter = write_letter(child, entries, "concern", as_of=AS_OF, signed="Jo *Wrenfield*")
    assert plain_text(letter).endswith("Yours sincerely,\n\nJo *Wrenfield*\n")
    tokens = MarkdownIt("commonmark").parse(markdown(letter))
    assert not [
        t for t in tokens if t.type == "inline" and any(c.type == "em_open" for c in t.children)
    ]
    unsigned = write_letter(child, entries, "concern", as_of=AS_OF)
    assert plain_text(unsigned).endswith("Yours sincerely,\n\n(your name)\n")


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SEN_WORKBOOK_CONFIG", str(tmp_path / "config" / "settings.json"))
    child, entries = toby()
    path = tmp_path / "book" / "w.json"
    with Workbook(path) as book:
        book.load_sample([child], entries, {})
    return path


def test_the_command_line_warns_of_an_unsigned_letter_and_keeps_the_name_given(
    db, tmp_path, capsys
):
    argv = ["--db", str(db), "letter", "Toby", "concern", "--as-of", "2025-06-02"]
    assert main(argv) == 0
    said = capsys.readouterr()
    assert said.out.endswith("(your name)\n")
    assert said.err == (
        "The letter is signed '(your name)': give your name once with --signed "
        '"Your Name" and your letters are signed with it.\n'
    )
    assert main([*argv, "--signed", "Jo Wrenfield"]) == 0
    said = capsys.readouterr()
    assert said.out.endswith("Yours sincerely,\n\nJo Wrenfield\n") and said.err == ""
    settings = load_settings(tmp_path / "config" / "settings.json")
    assert settings["parent_name"] == "Jo Wrenfield"
    # The next letter is signed with it, without being told again.
    out = tmp_path / "letter.txt"
    assert main([*argv, "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8").endswith("Jo Wrenfield\n")
    assert "(your name)" not in capsys.readouterr().err


def test_a_pseudonymised_letter_is_never_signed_with_the_parents_name(db, capsys):
    argv = ["--db", str(db), "letter", "Toby", "concern", "--as-of", "2025-06-02"]
    assert main([*argv, "--signed", "Jo Wrenfield", "--pseudonym", "Child A"]) == 0
    said = capsys.readouterr()
    assert "Wrenfield" not in said.out and said.out.endswith("(your name)\n")
