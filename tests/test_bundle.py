"""The evidence bundle: HTML that fetches and runs nothing, exhibits checked against their
hashes, a manifest that ``sha256sum -c`` accepts, a byte-identical zip, and a pseudonym
that leaves no trace of the child's names."""

from __future__ import annotations

import hashlib
import html
import io
import re
import shutil
import subprocess
import zipfile
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sen_workbook import model, timeline
from sen_workbook.bundle import BundleError, build_bundle, render_html, zip_bundle
from sen_workbook.timeline import TimelineOptions

AS_OF = date(2024, 9, 1)
HOSTILE = (
    "<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) "
    "![i](http://x/i.png) <a href='javascript:alert(2)'>y</a> &lt;b&gt; JaVaScRiPt:1 "
    "x onmouseover = 1 `code` *em* | # 1."
)
REPORT = b"%PDF-1.4\nSpeech and language report for the pupil.\n%%EOF\n"
LETTER = b"Dear Parent,\nWe will reply soon.\n"
FILES = {hashlib.sha256(data).hexdigest(): data for data in (REPORT, LETTER)}


def records(text: str = "", name: str = "Tobias Wrenfield", preferred: str = "Toby"):
    child = model.new_child(
        id="child-1",
        name=name,
        preferred_name=preferred,
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

    def attachment(data: bytes, filename: str) -> dict:
        return {
            "sha256": hashlib.sha256(data).hexdigest(),
            "filename": filename,
            "size": len(data),
            "added_at": "2024-01-21T10:00:00",
            "description": f"{filename} {text}",
        }

    entries = [
        entry(
            "concern",
            "c1",
            "2024-01-08",
            f"Toby not eating at lunch {text}",
            details=f"Tobias said the hall is loud. Mrs Wrenfield asked for help. {text}",
            raised_with="Mrs Patel",
        ),
        entry(
            "assessment",
            "a1",
            "2024-01-20",
            f"SALT report {text}",
            professional="Ms Green",
            recommendations=[{"text": f"Language group {text}", "implemented": "no"}],
            attachments=[attachment(REPORT, "SALT report TOBY.pdf")],
        ),
        entry(
            "plan",
            "p1",
            "2024-02-05",
            "Spring plan for Toby",
            review_date="2024-04-01",
            targets=[{"id": "t1", "text": f"Toby asks for help {text}", "area": "semh"}],
        ),
        entry(
            "correspondence",
            "m1",
            "2024-06-01",
            f"Letter from school {text}",
            direction="received",
            attachments=[attachment(LETTER, "Tobias_Wrenfield letter")],
        ),
    ]
    return child, entries


def read(sha256: str) -> bytes:
    try:
        return FILES[sha256]
    except KeyError:
        raise FileNotFoundError(sha256) from None


def bundle(purpose="ehcna", pseudonym="", text="", reader=read):
    child, entries = records(text)
    options = TimelineOptions(as_of=AS_OF, purpose=purpose, pseudonym=pseudonym)
    return build_bundle(child, entries, options, reader)


def write(files: dict[str, bytes], folder: Path) -> None:
    for path, data in files.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def sha256sum_check(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["sha256sum", "--strict", "-c", "MANIFEST.sha256"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )


class Elements(HTMLParser):
    """Every start tag with its attributes."""

    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))


# --- the files -------------------------------------------------------------------------


def test_bundle_holds_the_timeline_the_exhibits_and_the_manifest():
    files = bundle()
    assert list(files) == [
        "MANIFEST.sha256",
        "exhibits/E001-SALT-report-TOBY.pdf",
        "exhibits/E002-Tobias_Wrenfield-letter",
        "timeline.html",
        "timeline.md",
    ]
    assert files["exhibits/E001-SALT-report-TOBY.pdf"] == REPORT
    assert files["timeline.md"].startswith(b"# Evidence for an EHC needs assessment request")


def test_manifest_lists_every_other_file_in_sha256sum_format():
    files = bundle()
    lines = files["MANIFEST.sha256"].decode("ascii").splitlines(keepends=True)
    paths = [line.split("  ", 1)[1].rstrip("\n") for line in lines]
    assert paths == sorted(set(files) - {"MANIFEST.sha256"})
    for line, path in zip(lines, paths, strict=True):
        assert line == f"{hashlib.sha256(files[path]).hexdigest()}  {path}\n"


@pytest.mark.skipif(shutil.which("sha256sum") is None, reason="coreutils sha256sum not installed")
def test_sha256sum_accepts_the_folder_and_the_unzipped_bundle(tmp_path):
    files = bundle(text=HOSTILE)
    folder = tmp_path / "folder"
    write(files, folder)
    result = sha256sum_check(folder)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count(": OK") == len(files) - 1

    with zipfile.ZipFile(io.BytesIO(zip_bundle(files, "evidence-2024-09-01"))) as archive:
        archive.extractall(tmp_path / "unzipped")
    unzipped = tmp_path / "unzipped" / "evidence-2024-09-01"
    assert sha256sum_check(unzipped).returncode == 0

    (folder / "timeline.md").write_bytes(files["timeline.md"] + b"edited")
    assert sha256sum_check(folder).returncode != 0  # the check does catch a change


def test_same_records_give_the_same_bundle_and_zip():
    first, second = bundle(text=HOSTILE), bundle(text=HOSTILE)
    assert first == second
    assert list(first) == list(second)
    assert zip_bundle(first, "evidence") == zip_bundle(second, "evidence")


def test_zip_puts_everything_under_one_private_folder_with_fixed_dates():
    files = bundle()
    with zipfile.ZipFile(io.BytesIO(zip_bundle(files, "evidence"))) as archive:
        infos = archive.infolist()
        assert [i.filename for i in infos] == sorted(i.filename for i in infos)
        assert {i.filename for i in infos if not i.is_dir()} == {f"evidence/{p}" for p in files}
        assert {i.filename for i in infos if i.is_dir()} == {"evidence/", "evidence/exhibits/"}
        for info in infos:
            assert info.date_time == (1980, 1, 1, 0, 0, 0)
            mode = (info.external_attr >> 16) & 0o777
            assert mode == (0o700 if info.is_dir() else 0o600)
        assert archive.read("evidence/timeline.md") == files["timeline.md"]


@pytest.mark.parametrize("folder", ["", "..", "a/b", "a\\b", "."])
def test_zip_refuses_a_folder_name_that_is_not_one_plain_name(folder):
    with pytest.raises(BundleError):
        zip_bundle({"timeline.md": b"x"}, folder)


def test_zip_refuses_a_file_path_that_climbs_out():
    with pytest.raises(BundleError, match="not a plain relative path"):
        zip_bundle({"../timeline.md": b"x"}, "evidence")


# --- exhibits checked ------------------------------------------------------------------


def test_a_missing_exhibit_stops_the_bundle_and_names_the_file():
    def missing(sha256: str) -> bytes:
        raise FileNotFoundError(sha256)

    with pytest.raises(BundleError, match=r"Exhibit E001 \('SALT report TOBY.pdf'.*missing"):
        bundle(reader=missing)


def test_a_changed_exhibit_stops_the_bundle_and_names_the_file():
    def changed(sha256: str) -> bytes:
        return read(sha256) + b"tampered"

    with pytest.raises(BundleError, match=r"Exhibit E001 \('SALT report TOBY.pdf'.*SHA-256"):
        bundle(reader=changed)


# --- HTML ------------------------------------------------------------------------------


def test_html_page_is_complete_printable_and_self_contained():
    page = bundle()["timeline.html"].decode("utf-8")
    assert page.startswith('<!DOCTYPE html>\n<html lang="en-GB">')
    assert "<title>Evidence for an EHC needs assessment request: Tobias Wrenfield</title>" in page
    assert "size: A4" in page and "h2 { break-before: page; }" in page
    tags = Elements()
    tags.feed(page)
    names = [tag for tag, _ in tags.found]
    assert names.count("h1") == 1 and names.count("h2") == 6 and "table" in names
    assert not {"script", "link", "img", "iframe", "object", "embed"} & set(names)
    for _, attrs in tags.found:
        for key, value in attrs:
            assert key != "src" and not (value or "").startswith(("http", "//"))


def test_html_of_hostile_user_text_has_no_script_handler_or_javascript_link():
    files = bundle(text=HOSTILE)
    page = files["timeline.html"].decode("utf-8")
    assert "<script" not in page.lower()
    assert not re.search(r"(?i)\son\w+\s*=", page)
    assert "javascript:" not in page.lower()
    tags = Elements()
    tags.feed(page)
    assert not {"script", "img"} & {tag for tag, _ in tags.found}
    # The only links are the timeline's own, each to an exhibit in the bundle.
    hrefs = [dict(attrs)["href"] for tag, attrs in tags.found if tag == "a"]
    assert hrefs and all(href.startswith("exhibits/E00") and href in files for href in hrefs)
    for _, attrs in tags.found:
        assert not [key for key, _ in attrs if key.startswith("on")]
    # The text is still there for the reader, shown as typed.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.mark.parametrize(
    "typed", ["JavaScript :alert(1)", "javaſcript:x", "javascrİpt:x", "VBSCRIPT\t:x", "onclick = x"]
)
def test_script_words_in_user_text_are_shown_but_defused(typed):
    page = render_html(f"Typed\\: {typed}\n", "T")
    body = page.split("<main>", 1)[1]
    assert not re.search(r"(?i)(?:java|vb)script\s*:", body)
    assert not re.search(r"(?i)\bon\w*\s*=", body)
    assert f"Typed: {typed}" in html.unescape(body)  # still shown as typed


def test_render_html_links_only_to_web_and_mail_addresses():
    page = render_html(
        "[web](https://example.org) [mail](mailto:a@example.org) [bad](javascript:alert(1)) "
        "[file](file:///etc/passwd) ![pic](https://example.org/p.png) <b>raw</b>\n",
        "Links",
    )
    hrefs = re.findall(r'href="([^"]*)"', page)
    assert hrefs == ["https://example.org", "mailto:a@example.org", "https://example.org/p.png"]
    assert "<img" not in page and "<b>" not in page
    short = render_html("# T\n", "Links")
    assert short.endswith("<main>\n<h1>T</h1>\n</main>\n</body>\n</html>\n")
    assert render_html("# T\n", "Links") == short


# --- links to the exhibits --------------------------------------------------------------


class Links(HTMLParser):
    """Each link's href and text, and the text of headings and cells the family wrote."""

    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._href, self._text = dict(attrs)["href"], ""

    def handle_data(self, data):
        if self._href is not None:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.links.append((self._href, self._text))
            self._href = None


def links_of(page: bytes) -> list[tuple[str, str]]:
    parser = Links()
    parser.feed(page.decode("utf-8"))
    return parser.links


def family_typed_references():
    """Records in which the family typed what looks like the timeline's own citations."""
    child, entries = records()
    entries[0]["details"] = "See Exhibit E001: added as “x”\n\nExhibit E002: added as y\n\nE001"
    entries[2]["title"] = "E001, E002"  # a plan's title is its whole chronology summary
    entries[2]["targets"][0]["text"] = "E001"
    entries[3]["title"] = "E002"
    return child, entries


@pytest.mark.parametrize("pseudonym", ["", "Child A"])
def test_each_exhibit_reference_in_the_html_opens_its_file_in_the_folder(tmp_path, pseudonym):
    child, entries = family_typed_references()
    options = TimelineOptions(as_of=AS_OF, purpose="ehcna", pseudonym=pseudonym)
    files = build_bundle(child, entries, options, read)
    write(files, tmp_path)
    links = [(href, text) for href, text in links_of(files["timeline.html"]) if "/" not in text]
    exhibit_files = sorted(path for path in files if path.startswith("exhibits/"))
    assert len(exhibit_files) == 2
    for href, text in links_of(files["timeline.html"]):
        assert (tmp_path / href).is_file(), href
        assert href in exhibit_files
        assert href.removeprefix("exhibits/").startswith(text[:4])
    # Each exhibit is linked where the timeline cites it: its row in the chronology, its
    # entry's "Exhibit" line and its row in the index (reference and file name).
    refs = [text for _, text in links if len(text) == 4]
    assert sorted(refs) == ["E001"] * 3 + ["E002"] * 3
    names = [text for _, text in links_of(files["timeline.html"]) if len(text) > 4]
    assert sorted(f"exhibits/{name}" for name in names) == exhibit_files
    if pseudonym:
        assert exhibit_files == [
            "exhibits/E001-SALT-report-Child-A.pdf",
            "exhibits/E002-Child-A-letter",
        ]
        assert b"toby" not in files["timeline.html"].lower()


def test_references_the_family_typed_are_never_made_links():
    child, entries = family_typed_references()
    options = TimelineOptions(as_of=AS_OF, purpose="ehcna")
    typed = build_bundle(child, entries, options, read)["timeline.html"]
    plain = bundle()["timeline.html"]
    # The family's words are all on the page, as words, and add no link.
    page = typed.decode("utf-8")
    assert "<td>E001, E002</td>" in page  # the plan's title in the chronology
    assert "<td>E001</td>" in page  # the plan's target in its table
    assert "See Exhibit E001: added as “x”" in page
    assert "<p>Exhibit E002: added as y</p>" in page
    assert links_of(typed) == links_of(plain)
    assert not re.search(r"<h3>[^\n]*<a ", page)


def test_only_exhibits_the_bundle_holds_are_linked_and_the_markdown_and_pdf_stay_plain():
    child, entries = records()
    options = TimelineOptions(as_of=AS_OF, purpose="ehcna")
    markdown_text, exhibits = timeline.timeline_and_exhibits(child, entries, options)
    first = {exhibits[0].ref: exhibits[0].bundle_name}
    page = render_html(markdown_text, "Links", exhibit_files=first).encode("utf-8")
    assert {text[:4] for _, text in links_of(page)} == {"E001"}
    assert "E002" in page.decode("utf-8")
    bodies = []

    def pdf(markdown, exhibits, body):
        bodies.append(body)
        return b"%PDF-1.4\n%%EOF\n"

    files = build_bundle(child, entries, options, read, pdf=pdf)
    assert files["timeline.md"] == markdown_text.encode("utf-8")
    assert b"exhibits/" not in files["timeline.md"]
    assert bodies and "<a " not in bodies[0]
    assert "<a " in files["timeline.html"].decode("utf-8")


# --- pseudonym -------------------------------------------------------------------------


def test_pseudonymised_bundle_has_no_trace_of_the_childs_names(tmp_path):
    files = bundle(pseudonym="Child A", text=HOSTILE)
    archive = zip_bundle(files, "evidence")
    names = [b"tobias wrenfield", b"tobias", b"wrenfield", b"toby"]
    for path, data in files.items():
        for name in names:
            assert name not in path.lower().encode()
            assert name not in data.lower(), (path, name)
    with zipfile.ZipFile(io.BytesIO(archive)) as opened:
        for info in opened.infolist():
            assert not any(name in info.filename.lower().encode() for name in names)
    assert b"Child A" in files["timeline.md"]
    assert "exhibits/E002-Child-A-letter" in files
    assert b"2015-05-02" not in files["timeline.md"]  # the date of birth identifies a child


def test_pseudonymised_bundle_covers_accents_hyphens_and_short_preferred_names():
    child, entries = records(name="Zoë Okafor-Bennett", preferred="Jo")
    entries[0]["details"] = "Zoe and JO went with Mr Okafor; ZOË's file: zoe_okafor-bennett.doc"
    entries[1]["attachments"][0]["filename"] = "Zoë Okafor-Bennett SALT.pdf"
    options = TimelineOptions(as_of=AS_OF, purpose="chronology", pseudonym="Child B")
    files = build_bundle(child, entries, options, read)
    for path, data in files.items():
        text = (path + data.decode("utf-8", "replace")).lower()
        for name in ("zoë", "zoe", "okafor", "bennett", " jo "):
            assert name not in text, (path, name)
    assert "exhibits/E001-Child-B-SALT.pdf" in files


def test_a_pseudonymised_bundle_in_which_a_name_survived_is_refused(monkeypatch):
    real = timeline.timeline_and_exhibits

    def leaky(*args):
        text, exhibits = real(*args)
        return text + "\nTobias\\-Wrenfield\n", exhibits

    monkeypatch.setattr(timeline, "timeline_and_exhibits", leaky)
    with pytest.raises(BundleError, match="child's name 'Tobias-Wrenfield' in timeline.md"):
        bundle(pseudonym="Child A")


def test_a_name_that_is_also_an_ordinary_word_leaves_the_documents_own_words_alone():
    child, entries = records(name="Will Young", preferred="Will")
    entries[0]["details"] = "Will Young said WILL was tired."
    entries.append(
        model.new_entry(
            "request",
            "child-1",
            id="q1",
            date="2024-07-10",
            title="Assessment request",
            request_type="ehcna",
            sent_to="County",
            outcome="Agreed to assess",
            outcome_date="2024-08-20",
        )
    )  # agreed: the reg 10 notice applies, and is shown
    options = TimelineOptions(as_of=AS_OF, purpose="ehcna", pseudonym="Child C")
    markdown = build_bundle(child, entries, options, read)["timeline.md"].decode()
    assert "Child C said Child C was tired" in markdown.replace("\\", "")
    assert "A young person over 18" in markdown
    assert "no EHC plan will be issued" in markdown.replace("\\", "")


def test_printed_html_numbers_its_pages_and_never_breaks_a_word_in_a_cell():
    page = bundle()["timeline.html"].decode()
    style = page[page.index("<style>") : page.index("</style>")]
    assert re.search(
        r"@page \{[^}]*@bottom-center \{ content: \"Page \" counter\(page\) "
        r"\" of \" counter\(pages\)",
        style,
    )
    cells = re.search(r"th, td \{([^}]*)\}", style).group(1)
    assert "overflow-wrap: break-word" in cells and "anywhere" not in cells
    assert "word-break: normal" in cells
    # Only a SHA-256 may be broken, and it is marked so.
    sha = hashlib.sha256(REPORT).hexdigest()
    assert f'<td class="sha256">{sha}</td>' in page
    assert re.search(r"td\.sha256 \{ overflow-wrap: anywhere;", style)
    # A date in a cell is kept on one line, whatever the column's width.
    assert re.search(r"\.date \{ white-space: nowrap; \}", style)
    cells = re.findall(r"<td>(.*?)</td>", page)
    dated = [cell for cell in cells if re.search(r"\d{4}-\d\d-\d\d", cell)]
    assert dated
    for cell in dated:
        for day in re.findall(r"\d{4}-\d\d-\d\d", cell):
            assert f'<span class="date">{day}</span>' in cell, cell


_BROWSER = (
    shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
)


@pytest.mark.skipif(
    not (_BROWSER and shutil.which("pdftotext")),
    reason="a Chromium browser and poppler-utils are needed to print the page",
)
def test_a_browser_prints_the_timeline_with_page_numbers_and_whole_dates(tmp_path):
    from sen_workbook import demo

    sample = demo.generate(120, children=1)
    options = TimelineOptions(as_of=date(2026, 8, 31), purpose="ehcna")
    files = build_bundle(sample.children[0], sample.entries, options, sample.files.__getitem__)
    page = tmp_path / "timeline.html"
    page.write_bytes(files["timeline.html"])
    printed = tmp_path / "printed.pdf"
    subprocess.run(
        [
            _BROWSER,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--print-to-pdf={printed}",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=180,
        check=True,
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(printed), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")
    assert len(pages) > 3
    for number, shown in enumerate(pages, 1):
        assert f"Page {number} of {len(pages)}" in shown, number
    # Every row of the chronology shows its date whole, none cut after a hyphen.
    rows = re.findall(r"^\s*R\d+\s+(\d{4}-\S*)", text, re.M)
    assert len(rows) > 50
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", day) for day in rows), rows[:5]
