"""Archives that always restore, and damaged ones refused in one sentence, through the CLI.

Each damaged archive is made for real (bytes flipped, a zip cut short, a member flagged
as encrypted or packed with an unknown method, a zip bomb, JSON nested thousands deep)
and given to a real ``sen-workbook`` process.
"""

from __future__ import annotations

import json
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

from sen_workbook.workbook import Workbook
from tests.test_cli import run


def one_sentence(result: subprocess.CompletedProcess[str]) -> str:
    """The single line of a refusal; fails on a traceback or several lines."""
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert len(lines[0]) < 600, lines[0][:600]
    return lines[0]


@pytest.fixture
def db(tmp_path: Path, family) -> Path:
    """A workbook with every kind of entry and two attached files."""
    children, entries = family
    path = tmp_path / "book" / "workbook.json"
    with Workbook(path) as book:
        book.load_sample(children, entries, {})
        for number, name in enumerate(("SALT report.pdf", "school letter.pdf")):
            source = tmp_path / name
            source.write_bytes(f"%PDF-1.4 {name} ".encode() * 500)
            book.add_attachment(entries[number]["id"], source)
    return path


def damage_stored_file(db: Path, name: str) -> None:
    with Workbook(db, read_only=True) as book:
        sha = next(
            a["sha256"] for e in book.entries() for a in e["attachments"] if a["filename"] == name
        )
    stored = db.parent / "files" / sha
    stored.chmod(0o600)
    stored.write_bytes(b"not the report any more")


def entry_count(db: Path) -> int:
    with Workbook(db, read_only=True) as book:
        return book.entry_count()


# --- 5: archive checks what it copies; import can skip what is damaged ----------------


def test_archive_refuses_a_damaged_attachment_or_leaves_it_out_and_says_so(db, tmp_path):
    damage_stored_file(db, "SALT report.pdf")
    out = tmp_path / "family.zip"
    line = one_sentence(run("--db", str(db), "archive", str(out)))
    assert "'SALT report.pdf'" in line and "SHA-256 does not match" in line
    assert "--skip-damaged" in line
    assert not out.exists()
    result = run("--db", str(db), "archive", str(out), "--skip-damaged")
    assert result.returncode == 0, result.stderr
    assert "1 attached file was left out" in result.stdout
    assert "'SALT report.pdf'" in result.stdout
    with zipfile.ZipFile(out) as archive:
        assert len([n for n in archive.namelist() if n.startswith("files/")]) == 1
    # the archive gives back every record, and says which file it could not
    restored = tmp_path / "restored" / "workbook.json"
    line = one_sentence(run("--db", str(restored), "import", str(out)))
    assert "referenced but not in the archive" in line
    assert not restored.parent.exists()  # a refused import into a new path leaves nothing
    result = run("--db", str(restored), "import", str(out), "--skip-damaged")
    assert result.returncode == 0, result.stderr
    assert "'SALT report.pdf'" in result.stdout and "left out" in result.stdout
    assert entry_count(restored) == entry_count(db)
    check = run("--db", str(restored), "check")
    assert check.returncode == 1
    assert "'SALT report.pdf'" in check.stdout and "missing" in check.stdout


def _flip_member(zip_path: Path, name: str) -> None:
    """Damage the packed bytes of one member in place, as a bad disk would."""
    with zipfile.ZipFile(zip_path) as archive:
        info = archive.getinfo(name)
    data = bytearray(zip_path.read_bytes())
    header_len = 30 + len(info.filename.encode()) + len(info.extra)
    start = info.header_offset + header_len
    for at in range(start + 5, start + min(info.compress_size, 60)):
        data[at] ^= 0x5A
    zip_path.write_bytes(bytes(data))


def test_import_of_an_archive_with_one_damaged_file_gives_back_every_record(db, tmp_path):
    out = tmp_path / "family.zip"
    assert run("--db", str(db), "archive", str(out)).returncode == 0
    with zipfile.ZipFile(out) as archive:
        member = next(n for n in archive.namelist() if n.startswith("files/"))
    _flip_member(out, member)
    restored = tmp_path / "restored" / "workbook.json"
    line = one_sentence(run("--db", str(restored), "import", str(out)))
    assert "is damaged" in line and "--skip-damaged" in line
    assert not restored.parent.exists()
    result = run("--db", str(restored), "import", str(out), "--skip-damaged")
    assert result.returncode == 0, result.stderr
    assert entry_count(restored) == entry_count(db)
    assert "1 attached file was damaged or missing" in result.stdout


# --- 7 and 14: damaged zips are refused in one sentence, with nothing written ---------


def _zip(path: Path, members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", method) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return path


def _bomb(path: Path, document: bytes, size: int) -> Path:
    """A real zip bomb: workbook.json and a member of ``size`` zero bytes (whole mebibytes),
    deflated, whose headers declare its true sizes and CRC-32.

    The deflated stream is what a deflater fed the zeros a mebibyte at a time would write,
    made without deflating them all: one mebibyte of zeros deflated and flushed with
    ``Z_FULL_FLUSH`` (which ends on a byte and refers to nothing before it, so the block can
    follow itself), repeated, then the stream's end.  The member is written stored and its
    two headers then say what it is: deflated, ``size`` bytes, their CRC-32.
    """
    mebibyte = bytes(1024**2)
    copies, rest = divmod(size, len(mebibyte))
    assert not rest, "the bomb is made of whole mebibytes"
    deflater = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    block = deflater.compress(mebibyte) + deflater.flush(zlib.Z_FULL_FLUSH)
    stream = block * copies + deflater.flush(zlib.Z_FINISH)
    crc = 0
    for _ in range(copies):
        crc = zlib.crc32(mebibyte, crc)
    name = "files/" + "0" * 64
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("workbook.json", document)
        archive.writestr(zipfile.ZipInfo(name), stream, zipfile.ZIP_STORED)
    _patch_member_headers(path, name, method=zipfile.ZIP_DEFLATED, crc=crc, file_size=size)
    return path


def test_the_zip_bomb_made_here_inflates_to_every_byte_its_headers_declare(tmp_path):
    """The bombs below are refused for what their headers declare; this one, small enough
    to inflate here, shows those headers are true: zipfile inflates all of it and checks
    its CRC-32."""
    bomb = _bomb(tmp_path / "bomb.zip", _document(), 5 * 1024**2)
    with zipfile.ZipFile(bomb) as archive:
        info = archive.getinfo("files/" + "0" * 64)
        assert info.compress_type == zipfile.ZIP_DEFLATED
        assert info.file_size == 5 * 1024**2 and info.compress_size < 32 * 1024
        assert archive.read(info) == bytes(5 * 1024**2)
        assert archive.testzip() is None


def _document(**extra) -> bytes:
    return json.dumps(
        {"format": "sen-workbook", "version": 1, "children": [], "entries": [], **extra}
    ).encode()


def _patch_member_headers(
    path: Path,
    name: str,
    *,
    flags: int = 0,
    method: int | None = None,
    crc: int | None = None,
    file_size: int | None = None,
):
    """Set flag bits, the compression method, the CRC-32 or the expanded size of a member in
    both of its headers."""
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(name)
    data = bytearray(path.read_bytes())
    local = info.header_offset
    central = data.find(b"PK\x01\x02")
    while central != -1:
        size = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46 : central + 46 + size] == name.encode():
            break
        central = data.find(b"PK\x01\x02", central + 4)
    for offset, at in ((6, local), (8, central)):
        if flags:
            old = struct.unpack_from("<H", data, at + offset)[0]
            struct.pack_into("<H", data, at + offset, old | flags)
        if method is not None:
            struct.pack_into("<H", data, at + offset + 2, method)
        if crc is not None:
            struct.pack_into("<I", data, at + offset + 8, crc)
        if file_size is not None:
            struct.pack_into("<I", data, at + offset + 16, file_size)
    path.write_bytes(bytes(data))


def _damaged_archives(tmp_path: Path, family) -> dict[str, tuple[Path, str]]:
    children, entries = family
    good = json.dumps(
        {"format": "sen-workbook", "version": 1, "children": children, "entries": entries}
    ).encode()
    made: dict[str, tuple[Path, str]] = {}

    corrupt = _zip(tmp_path / "corrupt.zip", {"workbook.json": good})
    _flip_member(corrupt, "workbook.json")
    made["corrupt deflate stream"] = (corrupt, "damaged")

    encrypted = _zip(tmp_path / "encrypted.zip", {"workbook.json": good})
    _patch_member_headers(encrypted, "workbook.json", flags=0x1)
    made["encrypted member"] = (encrypted, "encrypted")

    odd = _zip(tmp_path / "method.zip", {"workbook.json": good}, zipfile.ZIP_STORED)
    _patch_member_headers(odd, "workbook.json", method=9)  # deflate64
    made["unsupported compression method"] = (odd, "compression method 9")

    bomb = _bomb(tmp_path / "bomb.zip", good, 256 * 1024**2)
    made["member expanding far past its size"] = (bomb, "expands to far more")

    deep = b"[" * 100_000 + b"]" * 100_000
    made["JSON nested 100,000 deep in a zip"] = (
        _zip(tmp_path / "deep.zip", {"workbook.json": deep}),
        "not valid JSON",
    )
    (tmp_path / "deep.json").write_bytes(deep)
    made["JSON nested 100,000 deep"] = (tmp_path / "deep.json", "not valid JSON")

    whole = _zip(tmp_path / "whole.zip", {"workbook.json": good})
    cut = tmp_path / "truncated.zip"
    cut.write_bytes(whole.read_bytes()[: len(whole.read_bytes()) // 2])
    made["truncated zip"] = (cut, "damaged zip file")

    (tmp_path / "v0.json").write_bytes(_document(version=0))
    made["archive version 0"] = (tmp_path / "v0.json", "archive version 0")
    (tmp_path / "v-1.json").write_bytes(_document(version=-1))
    made["archive version -1"] = (tmp_path / "v-1.json", "archive version -1")
    return made


def test_damaged_archives_are_refused_in_one_sentence_and_nothing_is_written(tmp_path, family):
    existing = tmp_path / "existing" / "workbook.json"
    with Workbook(existing) as book:
        book.add_child({"name": "Sam"})
    before = existing.read_bytes()
    for what, (archive, expected) in _damaged_archives(tmp_path, family).items():
        fresh = tmp_path / f"new-{archive.stem}" / "workbook.json"
        line = one_sentence(run("--db", str(fresh), "import", str(archive)))
        assert expected in line, (what, line)
        assert "nothing was imported" in line.lower(), (what, line)
        assert not fresh.parent.exists(), what
        one_sentence(run("--db", str(existing), "import", str(archive)))
        assert existing.read_bytes() == before, what


def test_a_zip_bomb_is_refused_without_reading_it_into_memory(tmp_path):
    bomb = _bomb(tmp_path / "bomb.zip", _document(), 1024**3)
    assert bomb.stat().st_size < 2 * 1024**2
    # The import's own peak memory: on Linux, VmHWM of /proc/self/status, since getrusage's
    # ru_maxrss keeps the peak of the process that started it (the test run's, hundreds of
    # MB after many tests) across the exec; elsewhere ru_maxrss.
    code = (
        "import pathlib, re, resource, sys\n"
        "from sen_workbook.cli import main\n"
        "status = main(sys.argv[1:])\n"
        "proc = pathlib.Path('/proc/self/status')\n"
        "found = proc.exists() and re.search(r'VmHWM:\\s*(\\d+) kB', proc.read_text())\n"
        "print(found.group(1) if found else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
        "sys.exit(status)\n"
    )
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            code,
            "--db",
            str(tmp_path / "new" / "workbook.json"),
            "import",
            str(bomb),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert result.returncode == 2
    assert "expands to far more" in result.stderr
    peak_kib = int(result.stdout.split()[-1])
    assert peak_kib < 300 * 1024  # a few tens of MB, not the gigabyte it expands to


# --- 8: earlier versions are checked like every other field ---------------------------


def test_a_revision_nested_500_deep_is_refused_and_archive_still_works(tmp_path, family):
    children, entries = family
    nested: list = []
    for _ in range(500):
        nested = [nested]
    entries[0]["revisions"] = [
        {
            "replaced_at": "2024-01-01T10:00:00",
            "record": {**entries[0], "revisions": [], "title": nested},
        }
    ]
    entries[1]["revisions"] = [{"when": "yesterday"}]
    source = tmp_path / "deep.json"
    source.write_text(
        json.dumps(
            {"format": "sen-workbook", "version": 1, "children": children, "entries": entries}
        )
    )
    fresh = tmp_path / "new" / "workbook.json"
    line = one_sentence(run("--db", str(fresh), "import", str(source)))
    assert "earlier version 1" in line and "nested deeper than any entry" in line
    assert "1 more problem" in line
    assert not fresh.parent.exists()


def _set_member_field(path: Path, name: str, local: int, central: int, value: int) -> None:
    """Write a 32-bit field of one member's entry (the CRC or a size) in both headers."""
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(name)
    data = bytearray(path.read_bytes())
    struct.pack_into("<I", data, info.header_offset + local, value)
    at = data.find(b"PK\x01\x02")
    while struct.unpack_from("<H", data, at + 28)[0] != len(name) or (
        data[at + 46 : at + 46 + len(name)] != name.encode()
    ):
        at = data.find(b"PK\x01\x02", at + 4)
    struct.pack_into("<I", data, at + central, value)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("isal", ["installed", "not installed"])
def test_workbook_json_whose_check_or_size_is_wrong_is_refused_and_a_sound_one_is_read(
    tmp_path, family, monkeypatch, isal
):
    # workbook.json is inflated whole, not as zipfile reads it: it must still be held to
    # its CRC-32 and its stated sizes, and a sound one read exactly as written; the same
    # by zlib on a computer isal is not installed on.
    if isal == "not installed":
        monkeypatch.setitem(sys.modules, "isal", None)
        monkeypatch.setitem(sys.modules, "isal.isal_zlib", None)
    children, entries = family
    good = json.dumps(
        {"format": "sen-workbook", "version": 1, "children": children, "entries": entries}
    ).encode()
    with zipfile.ZipFile(_zip(tmp_path / "sound.zip", {"workbook.json": good})) as archive:
        info = archive.getinfo("workbook.json")
    damage = {  # (offset in the local header, in the central one, the value written)
        "a CRC-32 that does not match": (14, 16, info.CRC ^ 0xFFFF),
        "a stated size one byte short": (22, 24, info.file_size - 1),
        "a stated size one byte long": (22, 24, info.file_size + 1),
        "a packed size that stops short": (18, 20, info.compress_size - 40),
    }
    for what, (local, central, value) in damage.items():
        archive_path = _zip(tmp_path / f"{what}.zip", {"workbook.json": good})
        _set_member_field(archive_path, "workbook.json", local, central, value)
        fresh = tmp_path / f"new {what}" / "workbook.json"
        line = one_sentence(run("--db", str(fresh), "import", str(archive_path)))
        assert "damaged" in line and "nothing was imported" in line.lower(), (what, line)
        assert not fresh.parent.exists(), what
    sound = tmp_path / "read" / "workbook.json"
    assert run("--db", str(sound), "import", str(tmp_path / "sound.zip")).returncode == 0
    with Workbook(sound, read_only=True) as book:
        assert sorted(e["id"] for e in book.entries()) == sorted(e["id"] for e in entries)
