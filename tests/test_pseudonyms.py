"""A pseudonym leaves no trace of the child's names, even joined to other letters or digits
in text, e-mail addresses, file names and exhibit names, and leaves ordinary words alone."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from sen_workbook import model
from sen_workbook.bundle import build_bundle
from sen_workbook.timeline import (
    TimelineOptions,
    exhibits,
    find_child_name,
    render_timeline,
)
from sen_workbook.timeline.pseudonyms import Pseudonym

AS_OF = date(2024, 9, 1)
CHILD = model.new_child(
    id="child-1", name="Amara Okafor-Bennett", preferred_name="Mara", date_of_birth="2016-03-01"
)

# The text as typed, and as it reads with the pseudonym "Child A", worked out by hand.
JOINED = [
    ("AmaraReport.pdf", "Child AReport.pdf"),
    ("amara2024.pdf", "Child A2024.pdf"),
    ("amarabennett10@gmail.com", "Child A10@gmail.com"),
    ("Amara2010", "Child A2010"),
    ("Sent to amara.okafor@school.example", "Sent to Child A.[name withheld]@school.example"),
    ("MARA_notes_v2.docx", "Child A_notes_v2.docx"),
    ("report-for-amaraokaforbennett.txt", "report-for-Child A.txt"),
    ("myAmara and OkaforBennett", "myChild A and [name withheld]"),
    ("see https://example.org/AmaraB/page", "see https://example.org/Child AB/page"),
    ("Mrs Okafor-Bennett phoned", "Mrs [name withheld] phoned"),
]

# Ordinary words that hold the letters of a name but are not it.
ORDINARY = ["Tamara came to tea", "Marathon day", "Amaranth seeds", "the Bennetts' dog"]


@pytest.mark.parametrize(("typed", "shown"), JOINED)
def test_a_name_joined_to_other_letters_or_digits_is_replaced(typed, shown):
    assert Pseudonym(CHILD, "Child A").apply(typed) == shown
    assert find_child_name(CHILD, typed) is not None


@pytest.mark.parametrize("text", ORDINARY)
def test_words_that_only_contain_the_letters_of_a_name_are_left_alone(text):
    assert Pseudonym(CHILD, "Child A").apply(text) == text


def test_in_a_file_name_a_name_is_replaced_wherever_it_stands():
    pseudonym = Pseudonym(CHILD, "Child A")
    assert pseudonym.apply("amarareport final.pdf", anywhere=True) == "Child Areport final.pdf"
    assert find_child_name(CHILD, "exhibits/E001-amarareport.pdf", anywhere=True) == "amara"


def _records():
    def attachment(name: str, data: bytes) -> dict:
        return {
            "sha256": hashlib.sha256(data).hexdigest(),
            "filename": name,
            "size": len(data),
            "added_at": "2024-02-01T10:00:00",
            "description": "",
        }

    entries = [
        model.new_entry(
            "correspondence",
            "child-1",
            id=f"m{n}",
            date=f"2024-02-0{n}",
            title=f"Email about {typed}",
            details=f"From {typed}: see {typed}",
            direction="received",
            attachments=[attachment(typed, typed.encode())],
            created_at="2024-02-01T10:00:00",
            updated_at="2024-02-01T10:00:00",
        )
        for n, (typed, _) in enumerate(JOINED[:4], 1)
    ]
    return entries


def test_the_four_joined_names_leave_no_trace_in_timeline_exhibits_or_bundle():
    entries = _records()
    options = TimelineOptions(as_of=AS_OF, purpose="chronology", pseudonym="Child A")
    files = {hashlib.sha256(t.encode()).hexdigest(): t.encode() for t, _ in JOINED[:4]}
    markdown = render_timeline(CHILD, entries, options)
    names = [e.bundle_name for e in exhibits(entries, options, CHILD)]
    assert names == [
        "exhibits/E001-Child-AReport.pdf",
        "exhibits/E002-Child-A2024.pdf",
        "exhibits/E003-Child-A10-gmail.com",
        "exhibits/E004-Child-A2010",
    ]
    bundle = build_bundle(CHILD, entries, options, files.__getitem__)
    for path, data in bundle.items():
        if path.startswith("exhibits/"):
            data = b""  # the exhibits' own bytes are the parent's to redact
        for text in (markdown, path, data.decode("utf-8")):
            folded = text.lower().replace("\\", "")
            for name in ("amara", "mara", "okafor", "bennett"):
                assert name not in folded, (path, name)


def test_with_a_pseudonym_the_exhibits_index_withholds_the_original_file_name():
    entries = _records()
    plain = render_timeline(CHILD, entries, TimelineOptions(as_of=AS_OF, purpose="chronology"))
    assert "added as “AmaraReport.pdf”" in plain.replace("\\", "")
    hidden = render_timeline(
        CHILD, entries, TimelineOptions(as_of=AS_OF, purpose="chronology", pseudonym="Child A")
    )
    assert "added as" not in hidden
    assert hidden.count("original file name withheld") == 8  # index and entries in full


@pytest.mark.parametrize("typed", [" ", "   ", "\t"])
def test_a_pseudonym_of_spaces_is_refused_in_a_sentence(typed):
    with pytest.raises(ValueError, match=r"^The pseudonym is empty; .*\.$"):
        TimelineOptions(as_of=AS_OF, pseudonym=typed)


def _pdf_saying(text: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text=text)
    return bytes(pdf.output())


def test_the_command_line_lists_exhibits_that_still_name_the_child_before_writing(tmp_path, capsys):
    from sen_workbook.cli import main
    from sen_workbook.workbook import Workbook

    report = _pdf_saying("Speech and language report for Amara Okafor-Bennett")
    letter = b"Dear Mrs Okafor-Bennett,\nThank you for your letter about Mara.\n"
    plain = b"Minutes of the meeting. No names here.\n"
    photo = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
    files = {hashlib.sha256(d).hexdigest(): d for d in (report, letter, plain, photo)}
    entries = [
        model.new_entry(
            "correspondence",
            "child-1",
            id=f"m{n}",
            date=f"2024-02-0{n}",
            title=f"Item {n}",
            direction="received",
            created_at="2024-02-01T10:00:00",
            updated_at="2024-02-01T10:00:00",
            attachments=[
                {
                    "sha256": hashlib.sha256(data).hexdigest(),
                    "filename": name,
                    "size": len(data),
                    "added_at": "2024-02-01T10:00:00",
                    "description": "",
                }
            ],
        )
        for n, (name, data) in enumerate(
            [
                ("report.pdf", report),
                ("letter.txt", letter),
                ("minutes.txt", plain),
                ("work.png", photo),
            ],
            1,
        )
    ]
    db = tmp_path / "w.json"
    with Workbook(db) as book:
        book.load_sample([CHILD], entries, files)
    out = tmp_path / "bundle.zip"
    code = main(
        [
            "--db",
            str(db),
            "bundle",
            "Amara",
            "--as-of",
            "2024-09-01",
            "--pseudonym",
            "Child A",
            "--without-pdf",
            "--out",
            str(out),
        ]
    )
    said = capsys.readouterr()
    assert code == 0 and out.exists()
    assert said.err == (
        "These exhibits still show the child's name inside the file, which a pseudonym "
        "cannot change: E001 (“Amara Okafor-Bennett”), E002 (“Okafor-Bennett”). "
        "This exhibit could not be read to check for the child's name (a picture, a scan "
        "or a damaged file): E004. Redact them, attach the redacted copies, and make the "
        "bundle again before sending it.\n"
    )
    # Without a pseudonym there is nothing to hide, and nothing is said.
    code = main(
        [
            "--db",
            str(db),
            "bundle",
            "Amara",
            "--as-of",
            "2024-09-01",
            "--without-pdf",
            "--out",
            str(tmp_path / "named.zip"),
        ]
    )
    assert code == 0 and capsys.readouterr().err == ""
