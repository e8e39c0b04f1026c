"""An archive's deflated files are inflated by ISA-L and checked at least as the standard
``zipfile`` checks them: whatever the packed bytes, what is read is what ``zipfile``
reads, and what it refuses is refused.  A few damaged files ``zipfile`` reads no
further than their stated size are refused too: a stream with no end, or with more in
it than its stated size.
"""

from __future__ import annotations

import random
import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from sen_workbook.workbook import ArchiveError, Workbook, _read_member


def zip_of(name: str, packed: bytes, crc: int, size: int) -> bytes:
    """A zip holding one deflated file whose packed bytes, CRC-32 and stated size are
    given as they are, right or wrong."""
    encoded = name.encode()
    local = struct.pack(
        "<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(packed), size, len(encoded), 0
    )
    central = struct.pack(
        "<4s6H3L5H2L",
        b"PK\x01\x02",
        20,
        20,
        0,
        8,
        0,
        0,
        crc,
        len(packed),
        size,
        len(encoded),
        0,
        0,
        0,
        0,
        0,
        0,
    )
    body = local + encoded + packed
    directory = central + encoded
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 1, 1, len(directory), len(body), 0)
    return body + directory + end


def deflated(data: bytes, *, finish: bool = True) -> bytes:
    packer = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return packer.compress(data) + packer.flush(zlib.Z_FINISH if finish else zlib.Z_SYNC_FLUSH)


def as_zipfile_reads_it(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes | None:
    """The member as the standard ``zipfile`` reads it, no further than its stated size,
    or None when it refuses it or it is not that size."""
    try:
        with archive.open(info) as member:
            content = member.read(info.file_size + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError):
        return None
    return content if len(content) == info.file_size else None


def as_imported(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes | None:
    content, problem = _read_member(archive, info)
    return None if problem or len(content) != info.file_size else content


RECORDS = (
    b'{"format": "sen-workbook", "version": 1, "children": [], "entries": ['
    + b", ".join(b'{"id": "e%d", "title": "Note %d"}' % (n, n % 7) for n in range(400))
    + b"]}"
)


def compare(tmp_path: Path, data: bytes) -> tuple[bytes | None, bytes | None]:
    """The member as ``zipfile`` reads it and as an import reads it, which is the same
    or a refusal."""
    path = tmp_path / "archive.zip"
    path.write_bytes(data)
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("workbook.json")
        standard, imported = as_zipfile_reads_it(archive, info), as_imported(archive, info)
    assert imported is None or imported == standard
    return standard, imported


@pytest.mark.parametrize(
    ("packed", "crc", "size", "read", "read_by_zipfile"),
    [
        (deflated(RECORDS), zlib.crc32(RECORDS), len(RECORDS), True, True),
        (deflated(b""), 0, 0, True, True),
        (deflated(RECORDS) + b"after the end", zlib.crc32(RECORDS), len(RECORDS), True, True),
        (deflated(RECORDS, finish=False), zlib.crc32(RECORDS), len(RECORDS), False, True),
        (deflated(RECORDS)[:-3], zlib.crc32(RECORDS), len(RECORDS), False, False),
        (deflated(RECORDS), zlib.crc32(RECORDS) ^ 1, len(RECORDS), False, False),
        (deflated(RECORDS), zlib.crc32(RECORDS), len(RECORDS) - 1, False, False),
        (deflated(RECORDS), zlib.crc32(RECORDS), len(RECORDS) + 1, False, False),
        (deflated(RECORDS + RECORDS), zlib.crc32(RECORDS), len(RECORDS), False, True),
        (b"\x00\x00\x00\xff\xff", 0, 0, False, True),
        (b"", 0, 0, False, True),
        (b"\xff" * 40, 0, 10, False, False),
    ],
    ids=[
        "sound",
        "empty",
        "data after the end",
        "no end of stream",
        "cut short",
        "wrong CRC-32",
        "stated smaller",
        "stated larger",
        "more than stated",
        "stored block without end",
        "nothing packed",
        "not deflate",
    ],
)
def test_a_deflated_file_is_read_as_zipfile_reads_it_or_refused(
    tmp_path, packed, crc, size, read, read_by_zipfile
):
    standard, imported = compare(tmp_path, zip_of("workbook.json", packed, crc, size))
    assert (imported is not None) is read
    assert (standard is not None) is read_by_zipfile


def test_a_deflated_file_damaged_anywhere_is_read_or_refused_as_zipfile_reads_it(tmp_path):
    packed = deflated(RECORDS)
    sound = zip_of("workbook.json", packed, zlib.crc32(RECORDS), len(RECORDS))
    start = sound.index(packed)
    chance = random.Random(1)
    refused = 0
    for _ in range(300):
        damaged = bytearray(sound)
        for _ in range(chance.randint(1, 3)):
            damaged[chance.randrange(start, start + len(packed))] ^= 1 << chance.randrange(8)
        standard, imported = compare(tmp_path, bytes(damaged))
        assert (standard is None) is (imported is None)
        refused += imported is None
    assert refused > 250  # nearly every damage is caught, by both alike


def test_an_archive_whose_records_do_not_end_is_refused_with_nothing_written(tmp_path):
    source = tmp_path / "archive.zip"
    source.write_bytes(
        zip_of("workbook.json", deflated(RECORDS, finish=False), zlib.crc32(RECORDS), len(RECORDS))
    )
    db = tmp_path / "book" / "workbook.json"
    with Workbook(db, write_on_first_save=True) as book:
        with pytest.raises(ArchiveError, match=r"workbook.json\) are damaged") as refused:
            book.import_archive(source)
        book.discard_created()
    assert "\n" not in str(refused.value)
    assert not db.exists()
