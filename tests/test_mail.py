"""Email in: real .eml and .mbox files made with the standard library's ``email`` package,
imported through the command line into a real workbook."""

from __future__ import annotations

import json
import mailbox
import subprocess
from email.headerregistry import Address
from email.message import EmailMessage
from email.mime.text import MIMEText
from pathlib import Path

import pytest

from sen_workbook.html_text import html_to_text
from sen_workbook.mail import trim_quoted_reply
from sen_workbook.workbook import Workbook
from tests.command_line import run_command

ME = "parent@example.org"


def run(db: Path, *argv: str, config: Path | None = None) -> subprocess.CompletedProcess:

    env = {"TZ": "Europe/London"}
    if config is not None:
        env["SEN_WORKBOOK_CONFIG"] = str(config)
    # In this process: the entries written and the sentences said are what is tested.
    return run_command("--db", str(db), *argv, env=env)


@pytest.fixture
def book(db_path: Path) -> Path:
    with Workbook(db_path) as workbook:
        workbook.add_child({"name": "Amara Okafor"})
    return db_path


@pytest.fixture
def config(tmp_path: Path) -> Path:
    return tmp_path / "config" / "settings.json"


def letters(db: Path) -> list[dict]:
    found = json.loads(db.read_text())["entries"].values()
    return sorted(found, key=lambda e: e["date"])


def school_reply() -> EmailMessage:
    """A reply from the SENCo with a PDF and a photo attached, quoting the parent."""
    message = EmailMessage()
    message["From"] = Address("Mrs Patel", addr_spec="senco@riverside.sch.uk")
    message["To"] = Address("Parent", addr_spec=ME)
    message["Cc"] = "Class teacher <teacher@riverside.sch.uk>, head@riverside.sch.uk"
    message["Subject"] = "Re: Amara's timetable – next steps"
    message["Date"] = "Mon, 04 Mar 2024 23:30:00 -0800"  # 5 March in England
    message["Message-ID"] = "<reply-1@riverside.sch.uk>"
    message.set_content(
        "Dear Parent,\n\nWe will start the visual timetable on Monday.\n\nMrs Patel\n\n"
        "On Sun, 3 Mar 2024 at 20:00, Parent <parent@example.org> wrote:\n"
        "> Could the timetable start soon?\n> Thanks\n"
    )
    message.add_attachment(
        b"%PDF-1.4 timetable", maintype="application", subtype="pdf", filename="timetable.pdf"
    )
    message.add_attachment(
        b"\x89PNG photo", maintype="image", subtype="png", filename="../../etc/photo.png"
    )
    return message


def parent_letter_html() -> EmailMessage:
    """An HTML-only email the parent sent, with a script that must not survive."""
    message = EmailMessage()
    message["From"] = f"Parent <{ME.upper()}>"
    message["To"] = "SEND team <send@council.gov.uk>"
    message["Subject"] = "EHC needs assessment request"
    message["Date"] = "Tue, 12 Mar 2024 09:15:00 +0000"
    message["Message-ID"] = "<request@example.org>"
    message.set_content(
        "<html><head><style>p{color:red}</style><script>alert(1)</script></head><body>"
        "<p>I am asking for an <b>EHC needs assessment</b> for Amara.</p>"
        "<ul><li>Not speaking in class</li><li>Sent home twice</li></ul>"
        "<p>Yours &amp; thanks,<br>Parent</p></body></html>",
        subtype="html",
    )
    return message


def latin1_message() -> bytes:
    """A message in ISO-8859-1 with an encoded subject (as an older mail program sends)."""
    body = MIMEText("Réunion à l'école: café à 9h.\n", "plain", "iso-8859-1")
    body["From"] = "=?iso-8859-1?q?Ren=E9e_Dupr=E9?= <renee@example.fr>"
    body["To"] = ME
    body["Subject"] = "=?iso-8859-1?q?R=E9union_=E0_l'=E9cole?="
    body["Date"] = "Wed, 13 Mar 2024 08:00:00 +0100"
    body["Message-ID"] = "<latin@example.fr>"
    return body.as_bytes()


def write_mbox(path: Path, messages: list) -> Path:
    box = mailbox.mbox(path)
    for message in messages:
        box.add(message)
    box.flush()
    box.close()
    return path


def test_an_eml_becomes_a_correspondence_entry_with_its_attachments(book, tmp_path, config):
    eml = tmp_path / "reply.eml"
    eml.write_bytes(school_reply().as_bytes())
    result = run(book, "import", str(eml), "--child", "Amara", "--me", ME, config=config)
    assert result.returncode == 0, result.stderr
    [entry] = letters(book)
    assert entry["kind"] == "correspondence"
    assert entry["date"] == "2024-03-05 07:30"  # the day it was sent, in England
    assert entry["direction"] == "received"
    assert entry["from"] == "Mrs Patel <senco@riverside.sch.uk>"
    assert entry["to"] == f"Parent <{ME}>"
    assert entry["people"] == ["Class teacher <teacher@riverside.sch.uk>", "head@riverside.sch.uk"]
    assert entry["subject"] == entry["title"] == "Re: Amara's timetable – next steps"
    assert entry["message_id"] == "<reply-1@riverside.sch.uk>"
    assert entry["details"] == (
        "Dear Parent,\n\nWe will start the visual timetable on Monday.\n\nMrs Patel"
    )  # the quoted earlier message trimmed
    names = [a["filename"] for a in entry["attachments"]]
    assert names == ["timetable.pdf", "photo.png"]  # a name is data, never a path
    files = book.parent / "files"
    assert {(files / a["sha256"]).read_bytes() for a in entry["attachments"]} == {
        b"%PDF-1.4 timetable",
        b"\x89PNG photo",
    }
    assert "Imported 1 email with 2 attachments" in result.stdout
    assert json.loads(config.read_text())["my_addresses"] == [ME]


def test_an_mbox_with_html_only_and_other_charsets_is_read_and_direction_remembered(
    book, tmp_path, config
):
    run(
        book,
        "import",
        str(tmp_path / "none.mbox"),
        "--child",
        "Amara",
        "--me",
        ME,
        "--dry-run",
        config=config,
    )
    mbox = write_mbox(
        tmp_path / "school.mbox", [school_reply(), parent_letter_html(), latin1_message()]
    )
    first = run(book, "import", str(mbox), "--child", "Amara", "--me", ME, config=config)
    assert first.returncode == 0, first.stderr
    reply, request, latin = letters(book)
    assert request["direction"] == "sent"  # from the family's own address, any case
    assert request["details"] == (
        "I am asking for an EHC needs assessment for Amara.\n\n- Not speaking in class\n"
        "- Sent home twice\n\nYours & thanks,\nParent"
    )
    assert "alert" not in request["details"] and "color" not in request["details"]
    assert latin["title"] == "Réunion à l'école"
    assert latin["from"] == "Renée Dupré <renee@example.fr>"
    assert latin["details"] == "Réunion à l'école: café à 9h."
    assert latin["date"] == "2024-03-13 07:00"
    before = book.read_bytes()
    # the address is remembered: a second import needs no --me, and adds nothing
    again = run(book, "import", str(mbox), "--child", "Amara", config=config)
    assert again.returncode == 0, again.stderr
    assert "Imported 0 emails" in again.stdout and "3 already in the journal" in again.stdout
    assert book.read_bytes() == before


def test_dry_run_lists_the_messages_and_writes_nothing(book, tmp_path, config):
    mbox = write_mbox(tmp_path / "school.mbox", [school_reply(), parent_letter_html()])
    before = book.read_bytes()
    result = run(book, "import", str(mbox), "--child", "Amara", "--dry-run", config=config)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("2024-03-05 07:30  received") and "(2 attachments)" in lines[0]
    assert "EHC needs assessment request" in lines[1]
    assert "give --me ADDRESS" in result.stdout
    assert "Would import 2 emails with 2 attachments" in result.stdout
    assert book.read_bytes() == before
    assert not (book.parent / "files").exists()


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"this is not an email at all\n", "message 2 of bad.mbox is not an email"),
        (b"From: a@b.c\nSubject: no date\n\nbody\n", "message 2 of bad.mbox has no date"),
        (
            b"From: a@b.c\nSubject: x\nDate: the day after tomorrow\n\nbody\n",
            "message 2 of bad.mbox has a date that cannot be read",
        ),
    ],
)
def test_a_malformed_message_is_named_and_nothing_is_imported(
    book, tmp_path, content, words, config
):
    good = school_reply().as_bytes()
    mbox = tmp_path / "bad.mbox"
    mbox.write_bytes(
        b"From x Mon Mar  4 00:00:00 2024\n" + good + b"\n"
        b"From y Mon Mar  4 00:00:00 2024\n" + content + b"\n"
    )
    before = book.read_bytes()
    result = run(book, "import", str(mbox), "--child", "Amara", config=config)
    assert result.returncode == 2
    assert words in result.stderr.casefold().replace("Message", "message")
    assert "nothing was imported" in result.stderr and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1
    assert book.read_bytes() == before and not (book.parent / "files").exists()


def test_files_that_are_not_mail_are_refused_in_one_sentence(book, tmp_path, config):
    (tmp_path / "notes.mbox").write_text("Dear diary\n")
    (tmp_path / "outlook.msg").write_bytes(b"\xd0\xcf\x11\xe0")
    for name, words in (
        ("notes.mbox", "is not an mbox file"),
        ("outlook.msg", "save the email as .eml"),
    ):
        result = run(book, "import", str(tmp_path / name), "--child", "Amara", config=config)
        assert result.returncode == 2 and words in result.stderr, result.stderr
    result = run(book, "import", str(tmp_path / "notes.mbox"), config=config)
    assert result.returncode == 2 and "--child CHILD" in result.stderr


def test_import_refuses_while_the_workbook_is_open_in_the_app(book, tmp_path, config):
    eml = tmp_path / "reply.eml"
    eml.write_bytes(school_reply().as_bytes())
    with Workbook(book):
        result = run(book, "import", str(eml), "--child", "Amara", config=config)
    assert result.returncode == 2 and "open in another window" in result.stderr
    assert letters(book) == []


def test_a_message_without_a_message_id_is_still_imported_once(book, tmp_path, config):
    message = school_reply()
    del message["Message-ID"]
    eml = tmp_path / "no-id.eml"
    eml.write_bytes(message.as_bytes())
    assert run(book, "import", str(eml), "--child", "Amara", config=config).returncode == 0
    assert run(book, "import", str(eml), "--child", "Amara", config=config).returncode == 0
    [entry] = letters(book)
    assert entry["message_id"].startswith("sha256:")


def test_quoted_replies_are_trimmed_only_where_it_is_clear():
    assert trim_quoted_reply("Yes.\n\nOn Mon, 1 Jan 2024, A <a@b> wrote:\n> Can you?\n") == "Yes."
    outlook = (
        "Agreed.\n\nFrom: Mrs Patel\nSent: 01 March 2024 10:00\nTo: Parent\n"
        "Subject: Plan\n\nThe plan is attached."
    )
    assert trim_quoted_reply(outlook) == "Agreed."
    interleaved = "> Can she start Monday?\nYes, Monday.\n> And the TA?\nMrs Khan."
    assert trim_quoted_reply(interleaved) == interleaved
    kept = "From: the start of term she has been upset."
    assert trim_quoted_reply(kept) == kept


def test_html_to_text_keeps_words_and_drops_markup():
    assert html_to_text("<p>A&nbsp;<a href='https://x'>link</a></p><p>B<br/>C</p>") == (
        "A link\n\nB\nC"
    )
    assert html_to_text("<table><tr><td>Mon</td><td>Late</td></tr></table>") == "Mon  Late"


AWKWARD = (
    b"From x Mon Mar  4 00:00:00 2024\n"
    # headers in raw Windows-1252 bytes, as some old mail programs send them
    b"From: Ren\xe9e Dupr\xe9 <renee@example.fr>\nTo: parent@example.org\n"
    b"Date: Mon, 4 Mar 2024 10:00:00 +0000\nSubject: Caf\xe9 \xe0 9h\nMessage-ID: <a1@x>\n"
    b"Content-Type: text/plain; charset=x-made-up\n\nBonjour \xe9\n\n"
    b"From y Mon Mar  4 00:00:00 2024\n"
    # a forwarded email, and an attachment whose base64 is damaged
    b"From: a@example.org\nDate: Tue, 5 Mar 2024 10:00:00 +0000\nSubject: Fwd: report\n"
    b"Message-ID: <a2@x>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=XX\n\n"
    b"--XX\nContent-Type: text/plain\n\nSee the report below.\n"
    b"--XX\nContent-Type: message/rfc822\n\nFrom: ot@nhs.example\nSubject: OT report\n\n"
    b"The OT report.\n"
    b"--XX\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n"
    b'Content-Disposition: attachment; filename="scan.pdf"\n\n!!not base64**\n--XX--\n'
)


def test_awkward_messages_import_without_a_traceback(book, tmp_path, config):
    mbox = tmp_path / "old.mbox"
    mbox.write_bytes(AWKWARD)
    result = run(book, "import", str(mbox), "--child", "Amara", config=config)
    assert result.returncode == 0, result.stderr
    old, forwarded = letters(book)
    assert old["from"] == "Renée Dupré <renee@example.fr>"
    assert old["title"] == "Café à 9h"
    assert old["details"].startswith("Bonjour")  # an unknown charset read as far as it goes
    assert [a["filename"] for a in forwarded["attachments"]] == [
        "forwarded-message.eml",
        "scan.pdf",
    ]
    inner = (book.parent / "files" / forwarded["attachments"][0]["sha256"]).read_bytes()
    assert b"Subject: OT report" in inner and b"The OT report." in inner
    assert forwarded["details"] == "See the report below."


def test_a_file_that_is_not_an_email_is_refused_without_listing_outlook_files(tmp_path):
    from sen_workbook import mail

    notes = tmp_path / "notes.txt"
    notes.write_text("Dear diary\n")
    with pytest.raises(mail.MailError) as refused:
        mail.read_mail(notes, "child-id")
    said = str(refused.value)
    assert said.startswith("notes.txt is not an email file")
    assert ".eml" in said and ".mbox" in said and ".msg" not in said
