"""The evidence bundle as one PDF, read back as a council's reader would: every page
numbered "Page N of M", an index whose numbers are the pages the exhibits' dividers stand
on, bookmarks, a PDF exhibit's own pages and text kept, a picture placed, damaged and
locked files named while the bundle is still made, no trace of the child's names under a
pseudonym, and the same bytes every time.

The exhibits are made here: PDFs with fpdf2 and pypdf, a PNG from its bytes."""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import subprocess
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

# The PDF modules (reached as pdf.NAME) and pypdf are loaded when a test first uses them,
# not when the tests are collected: fpdf2 and pypdf take most of a second to import, which
# every worker of a run paid, whether it ran a test of this module or not.
from sen_workbook import cli, demo, model, pdf
from sen_workbook.bundle import PDF_NAME, build_bundle
from sen_workbook.demo.documents import png_image
from sen_workbook.timeline import TimelineOptions
from sen_workbook.workbook import Workbook

if TYPE_CHECKING:
    from pypdf import PdfReader

AS_OF = date(2024, 9, 1)
NAME, PREFERRED = "Zoë Siân Hartwell-Øby", "Zoë"


def own_pdf(pages: int, words: str) -> bytes:
    """A PDF of ``pages`` pages in Helvetica, each saying ``words`` and its number."""
    from fpdf import FPDF

    document = FPDF(format="A4")
    document.set_creation_date(datetime(2024, 1, 1, tzinfo=UTC))
    document.set_font("Helvetica", size=14)
    for number in range(1, pages + 1):
        document.add_page()
        document.cell(0, 10, f"{words} sheet {number}")
    return bytes(document.output())


def read_pdf(data: bytes) -> PdfReader:
    """``data`` opened with pypdf."""
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(data))


def png(width: int = 12, height: int = 8) -> bytes:
    """A small red and blue PNG, written by the demo's own PNG writer."""
    row = b"\xd0\x20\x20" * (width // 2) + b"\x20\x40\xd0" * (width - width // 2)
    return png_image(width, height, row * height)


def locked_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=read_pdf(own_pdf(1, "Secret minutes")))
    writer.encrypt("a password only the school knows", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@cache
def sample(name: str) -> bytes:
    """One of the exhibits of :func:`records`, made when a test first asks for it (made
    when the module was imported, it cost every worker of a run that collects it the
    loading of fpdf, half a second, whether it ran a test of this module or not)."""
    made = {
        "report": lambda: own_pdf(3, "Occupational therapy findings"),
        "picture": png,
        "notes": lambda: "Notes of the call\n\n\tShe said “we will look into it” 😊\n".encode(),
        "damaged": lambda: own_pdf(2, "Torn letter")[:400],
        "locked": locked_pdf,
        "word": lambda: b"PK\x03\x04 a word processor file",
    }
    return made[name]()


# The files the records attach, by their sha256: each record's files are added as it is
# made (records() below), and a test that attaches one of its own adds it.
FILES: dict[str, bytes] = {}


def records(extra: int = 0):
    child = model.new_child(
        id="child-1",
        name=NAME,
        preferred_name=PREFERRED,
        date_of_birth="2015-05-02",
        setting="Hill Primary",
        setting_phase="school",
        senco="Mrs Patel",
        areas=["semh"],
    )

    def entry(kind, entry_id, day, title, **fields):
        return model.new_entry(
            kind,
            "child-1",
            id=entry_id,
            date=day,
            title=title,
            created_at="2024-01-01T00:00:00",
            updated_at="2024-01-01T00:00:00",
            **fields,
        )

    def attachment(data: bytes, filename: str, description: str = "") -> dict:
        FILES[hashlib.sha256(data).hexdigest()] = data
        return {
            "sha256": hashlib.sha256(data).hexdigest(),
            "filename": filename,
            "size": len(data),
            "added_at": "2024-01-21T10:00:00",
            "description": description,
        }

    entries = [
        entry(
            "concern",
            "c1",
            "2024-01-08",
            "Zoë not eating at lunch",
            details="Zoë said the hall is loud 😊 and “too bright”. Siân's mum agreed.",
            raised_with="Mrs Patel",
        ),
        entry(
            "assessment",
            "a1",
            "2024-01-20",
            "OT report",
            professional="Ms Green",
            attachments=[
                attachment(sample("report"), "OT report Zoë.pdf", "Occupational therapy report")
            ],
        ),
        entry(
            "observation",
            "o1",
            "2024-02-03",
            "Drawing at home",
            attachments=[
                attachment(sample("picture"), "Zoë drawing.png", "Zoë's drawing of school")
            ],
        ),
        entry(
            "correspondence",
            "m1",
            "2024-03-01",
            "Call with the SENCo",
            direction="received",
            attachments=[attachment(sample("notes"), "call notes.txt", "Our notes of the call")],
        ),
        entry(
            "correspondence",
            "m2",
            "2024-04-01",
            "Letter that arrived torn",
            direction="received",
            attachments=[attachment(sample("damaged"), "torn letter.pdf")],
        ),
        entry(
            "meeting",
            "g1",
            "2024-05-01",
            "Meeting minutes",
            attachments=[attachment(sample("locked"), "minutes locked.pdf", "Minutes")],
        ),
        entry(
            "observation",
            "o2",
            "2024-06-01",
            "Homework plan",
            attachments=[attachment(sample("word"), "homework plan.docx", "Homework plan")],
        ),
    ]
    for number in range(extra):
        day = date.fromordinal(date(2024, 1, 1).toordinal() + number % 200).isoformat()
        entries.append(
            entry(
                "observation",
                f"x{number}",
                day,
                f"Evening note {number}",
                details="Came home tired and upset after a long day. " * 3,
            )
        )
    return child, entries


def make(pseudonym: str = "", extra: int = 0, **options):
    child, entries = records(extra)
    chosen = TimelineOptions(as_of=AS_OF, purpose="ehcna", pseudonym=pseudonym)
    options.setdefault("limit", pdf.page_limit("ehcna"))
    return pdf.build_pdf_bundle(child, entries, chosen, FILES.__getitem__, **options)


def divider(texts: list[str], ref: str) -> int:
    """The index of the page that opens exhibit ``ref``."""
    return next(n for n, text in enumerate(texts) if text.startswith(f"Exhibit {ref}\n"))


@pytest.fixture(scope="module")
def made():
    return make(prepared_by="Ruth Hartwell-Øby (mother)")


@pytest.fixture(scope="module")
def reader(made) -> PdfReader:
    return read_pdf(made.data)


@pytest.fixture(scope="module")
def texts(reader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def test_every_page_carries_page_n_of_m_and_the_count_is_the_pages(made, reader, texts):
    assert len(reader.pages) == made.pages
    for number, text in enumerate(texts, 1):
        assert f"Page {number} of {made.pages}" in text, number


def test_pages_are_a4_with_real_text_and_the_document_says_what_it_is(reader, texts):
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width), round(height)) == (595, 842)
    assert "Evidence bundle" in texts[0] and NAME in texts[0]
    assert "Ruth Hartwell-Øby (mother)" in texts[0]
    info = reader.metadata
    assert info.title == f"Evidence for an EHC needs assessment request: {NAME}"
    assert info.author == "Ruth Hartwell-Øby (mother)"
    assert "prepared on 2024-09-01" in info.subject
    assert info["/CreationDate"].startswith("D:20240901")


def test_the_index_numbers_are_the_pages_where_each_divider_stands(made, reader, texts):
    index = texts[1]
    listed = dict(re.findall(r"(E\d{3}) .*?(\d+)\s*$", index, flags=re.M))
    assert sorted(listed) == [f"E00{n}" for n in range(1, 7)]
    for ref, page in listed.items():
        assert texts[int(page) - 1].startswith(f"Exhibit {ref}\n"), ref
        assert f"Page {page} of {made.pages}  ·  {ref}" in texts[int(page) - 1]
    # Each line of the index is a link to its page.
    targets = []
    for annotation in reader.pages[1]["/Annots"]:
        annotation = annotation.get_object()
        if annotation["/Subtype"] == "/Link":
            destination = annotation["/Dest"] if "/Dest" in annotation else annotation["/A"]["/D"]
            targets.append(reader.get_page_number(destination[0].get_object()) + 1)
    assert {int(page) for page in listed.values()} <= set(targets)


def test_bookmarks_lead_to_every_section_and_exhibit(reader, texts):
    titles = {}

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles[item.title] = reader.get_destination_page_number(item) + 1

    walk(reader.outline)
    for title in ("Cover", "Index", "Timeline", "Summary", "Chronology", "Entries", "Exhibits"):
        assert title in titles, title
    assert titles["Cover"] == 1 and titles["Index"] == 2
    for ref in ("E001", "E002", "E003", "E004", "E005", "E006"):
        (title,) = [t for t in titles if t.startswith(ref + " ")]
        assert texts[titles[title] - 1].startswith(f"Exhibit {ref}\n")


def test_a_pdf_exhibit_keeps_its_own_pages_and_text(made, reader, texts):
    opening = divider(texts, "E001")
    for sheet in (1, 2, 3):
        page = texts[opening + sheet]
        assert f"Occupational therapy findings sheet {sheet}" in page
        assert "E001" in page  # the footer laid over it
    # Not re-rendered: each page's own content stream is there, byte for byte.
    original = read_pdf(sample("report"))
    for sheet in (0, 1, 2):
        kept = reader.pages[opening + 1 + sheet]["/Contents"]
        streams = [part.get_object().get_data() for part in kept]
        assert original.pages[sheet].get_contents().get_data() in streams
    assert dict(made.exhibit_pages)["E001"] == 3


def test_a_turned_or_shifted_exhibit_page_gets_its_footer_at_the_foot_as_shown():
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=read_pdf(own_pdf(2, "Landscape scan")))
    writer.pages[0].rotate(90)
    writer.pages[1].mediabox.lower_left = (100, 100)
    writer.pages[1].mediabox.upper_right = (695, 942)
    out = io.BytesIO()
    writer.write(out)
    scan = out.getvalue()
    FILES[hashlib.sha256(scan).hexdigest()] = scan
    child, entries = records()
    entries[1]["attachments"][0] = {
        "sha256": hashlib.sha256(scan).hexdigest(),
        "filename": "scan.pdf",
        "size": len(scan),
        "added_at": "2024-01-01T00:00:00",
        "description": "Scan",
    }
    made = pdf.build_pdf_bundle(child, entries, TimelineOptions(as_of=AS_OF), FILES.__getitem__)
    reader = read_pdf(made.data)
    texts = [page.extract_text() for page in reader.pages]
    opening = divider(texts, "E001")
    turned, shifted = reader.pages[opening + 1], reader.pages[opening + 2]
    assert turned.rotation == 90 and float(shifted.mediabox.left) == 100
    for number, page in ((opening + 2, turned), (opening + 3, shifted)):
        # The footer is drawn after the page's own content, in the page's own frame: the
        # text found lowest on the page as shown is the footer.
        found: list[tuple[float, str]] = []

        def visit(text, cm, tm, fonts, size, found=found, page=page):
            if text.strip():
                x, y = tm[4] * cm[0] + tm[5] * cm[2] + cm[4], tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                found.append((x, y, text.strip()))

        page.extract_text(visitor_text=visit)
        footer = [
            (x, y) for x, y, text in found if text == f"Page {number} of {made.pages}  ·  E001"
        ]
        assert len(footer) == 1, found
        ((x, y),) = footer
        if page is turned:  # turned a quarter clockwise: the foot is the right-hand edge
            assert x == pytest.approx(595 - 20.5, abs=1) and 300 < y < 540
        else:  # the box starts at 100, 100
            assert y == pytest.approx(100 + 20.5, abs=1) and 300 < x < 500


def test_a_picture_is_placed_on_its_own_page(texts, reader):
    opening = divider(texts, "E002")
    assert "A picture, placed on the next page" in texts[opening]
    images = reader.pages[opening + 1].images
    assert len(images) == 1 and images[0].image.size == (12, 8)


def test_a_text_file_is_typeset_with_letters_the_font_lacks_named(texts):
    following = texts[divider(texts, "E003") + 1]
    assert "Notes of the call" in following and "“we will look into it”" in following
    assert "[smiling face with smiling eyes]" in following


def test_damaged_and_locked_pdfs_are_named_and_the_bundle_is_still_made(made, texts):
    problems = "\n".join(made.problems)
    assert "E004 (torn letter.pdf) is damaged" in problems
    assert "E005 (minutes locked.pdf) is protected with a password" in problems
    assert "E006" not in problems  # a .docx is simply supplied separately
    index = texts[1]
    assert re.search(r"E004 .*\(supplied separately\)", index)
    assert re.search(r"E005 .*\(supplied separately\)", index)
    locked = " ".join(texts[divider(texts, "E005")].split())
    assert "protected with a password" in locked and "supplied separately" in locked
    word = " ".join(texts[divider(texts, "E006")].split())
    assert "a .docx file, which cannot be shown inside a PDF" in word


def test_the_family_s_own_letters_and_quotes_come_through(texts):
    everything = "\n".join(texts)
    assert "Zoë said the hall is loud [smiling face with smiling eyes] and “too bright”" in (
        " ".join(everything.split())
    )
    assert "Siân" in everything


def test_the_same_records_give_the_same_bytes(made):
    again = make(prepared_by="Ruth Hartwell-Øby (mother)")
    assert again.data == made.data
    assert make(prepared_by="Someone else").data != made.data


def test_a_pseudonymised_pdf_shows_no_name_of_the_child_in_text_or_information():
    made = make(pseudonym="Child A")
    reader = read_pdf(made.data)
    everything = "\n".join(page.extract_text() for page in reader.pages)
    information = " ".join(str(value) for value in reader.metadata.values())
    for name in ("Zoë", "Zoe", "Siân", "Sian", "Hartwell", "Øby"):
        assert name.lower() not in everything.lower(), name
        assert name.lower() not in information.lower(), name
    assert "Child A" in everything and "Child A" in information
    # The original file names (they may carry the child's name) are left off the dividers.
    assert "Original file" not in everything and "Occupational therapy report" in everything


def test_the_evidence_pages_are_counted_against_the_limit_and_the_longest_named():
    within = make()
    assert within.limit.pages == 75 and within.over == 0
    assert "within the limit" in within.report()[0]
    tight = make(limit=pdf.page_limit("ehcna", max_pages=5))
    assert tight.over == tight.evidence_pages - 5 > 0
    assert f"{tight.over} over, as the limit you set is 5" in tight.report()[0]
    assert "the longest exhibits are E001 (3 pages)" in tight.report()[1]
    assert pdf.page_limit("complaint") is None
    assert pdf.page_limit("chronology", "sections-b-f").pages == 100
    assert pdf.page_limit("chronology", "cease-to-maintain").pages == 75


def test_a_long_chronology_repeats_its_header_and_never_splits_a_date():
    made = make(extra=300)
    texts = [page.extract_text() for page in read_pdf(made.data).pages]
    chronology = [text for text in texts if "R1 " in text or re.search(r"^R\d+ 2024-", text, re.M)]
    table_pages = [text for text in texts if re.search(r"^R\d+ 20\d\d-\d\d-\d\d", text, re.M)]
    assert len(table_pages) >= 3, chronology[:1]
    for text in table_pages:
        assert re.search(r"Ref\s+Date\s+Kind\s+Summary", text), text[:200]
    everything = "\n".join(table_pages)
    assert not re.search(r"\b20\d\d-\d\d\s*$", everything, re.M)  # a date cut at its end


def test_glyphs_the_font_lacks_are_named_never_dropped():
    from sen_workbook.pdf.fonts import Glyphs

    glyphs = Glyphs({ord(c) for c in "abcfi[] "})
    assert glyphs.printable("ﬁ a\tb") == "fi a b"
    assert glyphs.printable("a😊") == "a[smiling face with smiling eyes]"
    assert glyphs.printable("a\u200db") == "ab"


def test_plain_text_becomes_an_a4_pdf_with_the_footer():
    data = pdf.text_pdf(
        "Dear Ms Patel,\n\nWe asked on 3 May 2024. Zoë 😊\n" * 60,
        title="Letter",
        author="Ruth",
        dated=AS_OF,
        markdown=False,
    )
    reader = read_pdf(data)
    assert len(reader.pages) >= 2 and reader.metadata.title == "Letter"
    for number, page in enumerate(reader.pages, 1):
        assert f"Page {number} of {len(reader.pages)}" in page.extract_text()
    assert data == pdf.text_pdf(
        "Dear Ms Patel,\n\nWe asked on 3 May 2024. Zoë 😊\n" * 60,
        title="Letter",
        author="Ruth",
        dated=AS_OF,
        markdown=False,
    )


def test_the_folder_bundle_lists_its_pdf_in_the_manifest():
    child, entries = records()
    options = TimelineOptions(as_of=AS_OF, purpose="ehcna")
    files = build_bundle(
        child,
        entries,
        options,
        FILES.__getitem__,
        pdf=lambda text, exhibits, body: b"%PDF-1.4 made from the same timeline",
    )
    digest = hashlib.sha256(files[PDF_NAME]).hexdigest()
    assert f"{digest}  {PDF_NAME}\n" in files["MANIFEST.sha256"].decode()


# --- the command line and poppler's tools ---------------------------------------------------


@pytest.fixture
def sample_db(tmp_path: Path) -> Path:
    sample = demo.generate(60, children=1)
    path = tmp_path / "wb" / "workbook.json"
    with Workbook(path) as book:
        book.load_sample(sample.children, sample.entries, sample.files)
    return path


def test_the_bundle_command_writes_one_pdf_and_says_the_pages_against_the_limit(
    sample_db, tmp_path, capsys
):
    out = tmp_path / "evidence.pdf"
    code = cli.main(
        [
            "--db",
            str(sample_db),
            "bundle",
            "Tobi",
            "--purpose",
            "ehcna",
            "--as-of",
            "2026-08-31",
            "--out",
            str(out),
            "--max-pages",
            "10",
        ]
    )
    said = capsys.readouterr().out
    assert code == 0, said
    assert f"Wrote the evidence bundle to {out}." in said
    assert re.search(r"takes \d+ pages: \d+ over, as the limit you set is 10\.", said)
    assert "the longest exhibits are E00" in said
    assert out.read_bytes().startswith(b"%PDF-") and out.stat().st_mode & 0o077 == 0
    again = tmp_path / "again.pdf"
    cli.main(
        [
            "--db",
            str(sample_db),
            "bundle",
            "Tobi",
            "--purpose",
            "ehcna",
            "--as-of",
            "2026-08-31",
            "--out",
            str(again),
            "--max-pages",
            "10",
        ]
    )
    assert again.read_bytes() == out.read_bytes()


def test_the_same_records_give_the_same_bytes_in_another_run_of_python(sample_db, tmp_path):
    """Each run of Python orders sets of letters its own way; the PDF must not follow it."""
    import os
    import sys

    command = ["--db", str(sample_db), "bundle", "Tobi", "--as-of", "2026-08-31", "--out"]
    here = tmp_path / "bundle-here.pdf"
    assert cli.main([*command, str(here)]) == 0
    # The other run's seed is one this run's is not (this one's is random unless set).
    seed = "2" if os.environ.get("PYTHONHASHSEED") != "2" else "3"
    there = tmp_path / f"bundle-{seed}.pdf"
    subprocess.run(
        [sys.executable, "-m", "sen_workbook", *command, str(there)],
        env={**os.environ, "PYTHONHASHSEED": seed},
        check=True,
        capture_output=True,
    )
    assert here.read_bytes() == there.read_bytes()


def test_the_bundle_command_never_writes_a_pdf_into_the_workbook(sample_db, capsys):
    inside = sample_db.parent / "files" / "bundle.pdf"
    code = cli.main(["--db", str(sample_db), "bundle", "Tobi", "--out", str(inside)])
    assert code == 2 and not inside.exists()
    assert "inside the workbook's folder of attached files" in capsys.readouterr().err


def test_a_folder_bundle_carries_the_pdf_and_sha256sum_accepts_it(sample_db, tmp_path):
    out = tmp_path / "folder"
    assert (
        cli.main(
            ["--db", str(sample_db), "bundle", "Tobi", "--as-of", "2026-08-31", "--out", str(out)]
        )
        == 0
    )
    assert (out / PDF_NAME).read_bytes().startswith(b"%PDF-")
    assert f"  {PDF_NAME}\n" in (out / "MANIFEST.sha256").read_text()
    # Made from the folder's own HTML of the timeline, it is the PDF made on its own.
    alone = tmp_path / "alone.pdf"
    cli.main(
        ["--db", str(sample_db), "bundle", "Tobi", "--as-of", "2026-08-31", "--out", str(alone)]
    )
    assert (out / PDF_NAME).read_bytes() == alone.read_bytes()
    if shutil.which("sha256sum"):
        subprocess.run(
            ["sha256sum", "--strict", "-c", "MANIFEST.sha256"],
            cwd=out,
            check=True,
            capture_output=True,
        )
    bare = tmp_path / "bare"
    assert (
        cli.main(
            [
                "--db",
                str(sample_db),
                "bundle",
                "Tobi",
                "--as-of",
                "2026-08-31",
                "--out",
                str(bare),
                "--without-pdf",
            ]
        )
        == 0
    )
    assert not (bare / PDF_NAME).exists()


poppler = pytest.mark.skipif(
    not (shutil.which("pdftotext") and shutil.which("pdfinfo")),
    reason="poppler-utils (pdftotext, pdfinfo) is not installed",
)


@poppler
def test_poppler_reads_the_same_pages_footers_and_information(made, tmp_path):
    path = tmp_path / "bundle.pdf"
    path.write_bytes(made.data)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    assert re.search(rf"^Pages:\s+{made.pages}$", info.stdout, re.M)
    assert re.search(r"^Page size:\s+595.* x 841.* \(A4\)", info.stdout, re.M)
    assert "Evidence for an EHC needs assessment request" in info.stdout
    for number in range(1, made.pages + 1):
        text = subprocess.run(
            ["pdftotext", "-f", str(number), "-l", str(number), str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert f"Page {number} of {made.pages}" in text, number
    everything = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Occupational therapy findings sheet 2" in everything


@poppler
def test_poppler_finds_no_name_in_a_pseudonymised_pdf(tmp_path):
    path = tmp_path / "bundle.pdf"
    path.write_bytes(make(pseudonym="Child A").data)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    for name in ("Zoë", "Siân", "Hartwell"):
        assert name not in text and name not in info


# --- the timeline read as markdown-it-py reads it ----------------------------------------------


HOSTILE = (
    "<script>x</script> [a](javascript:1) *em* `code` | # 1. \\ trailing\\\n"
    "- not a list > quote & &amp; “quotes” Zoë 😊"
)


@pytest.mark.parametrize("purpose", ["ehcna", "complaint", "chronology"])
def test_the_quick_reading_of_the_timeline_gives_markdown_it_s_blocks(purpose):
    from sen_workbook import markup
    from sen_workbook.pdf.markdown import blocks, html_blocks, quick_html_blocks, token_blocks
    from sen_workbook.timeline import render_timeline

    sample = demo.generate(150, children=2)
    child = sample.children[0]
    for entry in sample.entries[::7]:
        entry["details"] = f"{entry['details']} {HOSTILE}"
        entry["title"] = f"{entry['title']} {HOSTILE[:40]}"
    for pseudonym in ("", "Child A"):
        options = TimelineOptions(as_of=date(2026, 8, 31), purpose=purpose, pseudonym=pseudonym)
        text = render_timeline(child, sample.entries, options)
        body = markup.to_html(text)
        assert body is not None  # the quick way is the one taken for the timeline
        assert html_blocks(body) == list(token_blocks(text))
        assert quick_html_blocks(body) == html_blocks(body)  # read a line at a time
    other = "# Title\n\nSome *emphasis* and `code`.\n\n1. one\n2. two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    assert markup.to_html(other) is None
    assert blocks(other) == list(token_blocks(other))
    assert [block.kind for block in blocks(other)] == [
        "heading",
        "paragraph",
        "item",
        "item",
        "table",
    ]


def test_a_pseudonymised_pdf_whose_text_still_holds_the_full_name_is_refused():
    from sen_workbook.bundle import BundleError
    from sen_workbook.pdf import pdf_from_markdown

    child, _entries = records()
    options = TimelineOptions(as_of=AS_OF, pseudonym="Child A")
    with pytest.raises(BundleError, match="would show the child's name"):
        pdf_from_markdown(
            child,
            options,
            f"# Chronology: Child A\n\nA note about {NAME}.\n",
            [],
            FILES.__getitem__,
        )


def test_every_line_the_tool_writes_is_dark_enough_to_read(made, reader, texts):
    """Text is painted with the fill colour: a table's grey header fill must not leave the
    header or the rows under it pale."""
    for number in range(made.pages):
        if texts[number].startswith("Exhibit ") or "sheet" in texts[number]:
            continue
        colours: list[tuple[float, ...]] = [(0.0,)]
        pale: list[str] = []

        def before(operator, operands, cm, tm, colours=colours, pale=pale):
            if operator == b"q":
                colours.append(colours[-1])
            elif operator == b"Q" and len(colours) > 1:
                colours.pop()
            elif operator in (b"g", b"rg"):
                colours[-1] = tuple(float(value) for value in operands)
            elif operator in (b"Tj", b"TJ") and max(colours[-1]) > 0.5:
                pale.append(str(operands)[:40])

        reader.pages[number].extract_text(visitor_operand_before=before)
        assert not pale, (number + 1, pale[:3])


def test_a_professional_report_longer_than_an_expert_may_write_is_named():
    long_report = own_pdf(16, "Educational psychology")
    FILES[hashlib.sha256(long_report).hexdigest()] = long_report
    child, entries = records()
    entries[1]["attachments"][0] = {
        "sha256": hashlib.sha256(long_report).hexdigest(),
        "filename": "EP report.pdf",
        "size": len(long_report),
        "added_at": "2024-01-01T00:00:00",
        "description": "EP",
    }
    made = pdf.build_pdf_bundle(child, entries, TimelineOptions(as_of=AS_OF), FILES.__getitem__)
    assert (
        "E001 is a professional's report of 16 pages: the Tribunal allows an expert report "
        "15 A4 pages at most, with a summary of 2."
    ) in made.report()
    assert not make().notes  # the 3-page report is within it


def test_a_bundle_without_pdf_exhibits_is_the_same_each_time_and_named_by_its_content():
    child, entries = records()
    for entry in entries:
        entry["attachments"] = [
            a for a in entry["attachments"] if not a["filename"].endswith(".pdf")
        ]
    first = pdf.build_pdf_bundle(child, entries, TimelineOptions(as_of=AS_OF), FILES.__getitem__)
    again = pdf.build_pdf_bundle(child, entries, TimelineOptions(as_of=AS_OF), FILES.__getitem__)
    assert first.data == again.data
    reader = read_pdf(first.data)
    assert reader.trailer["/ID"][0] == reader.trailer["/ID"][1]
    later = pdf.build_pdf_bundle(
        child, entries, TimelineOptions(as_of=date(2024, 9, 2)), FILES.__getitem__
    )
    assert read_pdf(later.data).trailer["/ID"][0] != reader.trailer["/ID"][0]
    assert reader.metadata["/CreationDate"].startswith("D:20240901")


def test_a_jpeg_photo_is_placed_too():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 40, 40)).save(buffer, format="JPEG")
    photo = buffer.getvalue()
    FILES[hashlib.sha256(photo).hexdigest()] = photo
    child, entries = records()
    entries[2]["attachments"][0] = {
        "sha256": hashlib.sha256(photo).hexdigest(),
        "filename": "work.jpg",
        "size": len(photo),
        "added_at": "2024-01-01T00:00:00",
        "description": "Photo of school work",
    }
    made = pdf.build_pdf_bundle(child, entries, TimelineOptions(as_of=AS_OF), FILES.__getitem__)
    reader = read_pdf(made.data)
    texts = [page.extract_text() for page in reader.pages]
    images = reader.pages[divider(texts, "E002") + 1].images
    assert len(images) == 1 and images[0].image.size == (40, 30)


@pytest.mark.parametrize("style", ["", "B"])
def test_lines_fill_the_width_the_font_gives_and_never_run_past_it(style):
    """Each line, as the typeface's own widths measure it (fpdf2's), fits the column, and
    the next word would not have: the quick measuring of whole lines and runs of items
    breaks where measuring letter by letter would."""
    from sen_workbook.pdf.pages import BODY, Pages

    pages = Pages()
    pages.add_page()
    pages.set_font("SourceSans", style, BODY)
    words = (
        "Tobi said “I don’t know what I’m meant to do” — so I wait… Zoë’s café, naïve "
        "résumé; Ngozi Okafor-Bennett (mum) asked the SENCo for a speech and language "
        "referral on 2023-09-27 at 15:30, and again in October — still no answer. "
    ).split()
    words *= 3
    for width in (45.0, 120.0, 170.0):
        for count in range(1, len(words) + 1):
            text = " ".join(words[:count])
            lines = pages.lines(text, width, style)
            assert " ".join(lines) == text
            for number, line in enumerate(lines):
                assert pages.get_string_width(line) <= width + 1e-6, line
                if number + 1 < len(lines):
                    longer = f"{line} {lines[number + 1].split(' ')[0]}"
                    assert pages.get_string_width(longer) > width, longer


def test_text_is_read_as_windows_1252_letters_never_as_latin_1_controls():
    """Latin-1's bytes are Windows-1252's but for U+0080 to U+009F: a control there is not a
    euro sign or a curly quote, and text with one is not taken by the byte tables."""
    from sen_workbook.pdf.pages import BODY, Pages, single_bytes

    assert single_bytes("Zoë’s café: €5") == "Zoë’s café: €5".encode("cp1252")
    assert single_bytes("plain") == b"plain"
    assert single_bytes("a\x80b") is None and single_bytes("\x81") is None
    assert single_bytes("Ngozi 🙂") is None
    pages = Pages()
    pages.add_page()
    pages.set_font("SourceSans", "", BODY)
    euro = pages.measure("\u20ac")
    assert euro > 0 and pages.measure("\x80") != euro  # not measured as the euro
    pages.show(20, 30, "a\x81 b")  # written letter by letter, no error
