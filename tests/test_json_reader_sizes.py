"""A workbook or archive reads the same, accepted or refused, at any size.

From :data:`storage.QUICK_READER_FROM` on, the file is read by msgspec's reader; below
it by the standard one.  Each value here is read inside a file just below that size and
inside one just above it, and both must give exactly what the standard reader gives
(``json.loads`` refusing NaN and Infinity): the same values of the same types, or a
refusal.  Which reader reads a file depends on its size alone, so most cases set the size
the quick reader takes over at to 64 KiB (:func:`quick_reader_from`); a few are read at the
product's own size.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from typing import Any

import pytest

from sen_workbook import storage


def refuse(name: str) -> Any:
    raise ValueError(name)


def standard(data: bytes) -> Any:
    return json.loads(data.decode("utf-8"), parse_constant=refuse)


# The text of one JSON value, as a file may hold it.
VALUES: tuple[bytes, ...] = (
    b"18446744073709551616",  # past 64 bits
    b"-9223372036854775809",
    b"1" + b"0" * 400,  # a whole number no float holds
    b"-0.0",
    b"-0",
    b"1e400",  # past the largest float: infinity to the standard reader
    b"-1e400",
    b"1.7976931348623159e308",
    b"4.9406564584124654e-324",
    b"2.2250738585072011e-308",
    b"9007199254740993.0",
    b"0.1",
    b"1E2",
    b"NaN",
    b"Infinity",
    b"-Infinity",
    b'"\\ud800"',  # half of a UTF-16 pair, alone
    b'"\\udc00\\ud800"',
    b'"\\ud83d\\ude00"',
    b'"\\u0000"',
    b'"\x01"',  # a control character not escaped
    b'"\xed\xa0\x80"',  # a surrogate written as UTF-8
    b'"\xc0\xaf"',  # an overlong UTF-8 form
    b'"\xff"',
    b'"\xef\xbb\xbf"',
    b'"a\xe2\x80\xa8b"',
    b'{"a": 1, "a": 2}',  # the same name twice: the last one counts
    b'{"a": {"b": 1}, "a": [2]}',
    b"[1,]",
    b'{"a": 1,}',
    b"01",
    b"1.",
    b".5",
    b"+1",
    b'"\\x"',
    b"tru",
    b"[" * 50 + b"]" * 50,
    b"[" * 5000 + b"]" * 5000,
    b'{"a":' * 5000 + b"1" + b"}" * 5000,
)
# What may come before or after the document: a byte-order mark, whitespace JSON allows
# and whitespace it does not, and more data after it.
FRAMES: tuple[tuple[bytes, bytes], ...] = (
    (b"", b""),
    (b"\xef\xbb\xbf", b""),
    (b" \t\r\n", b" \t\r\n"),
    (b"", b"\x0c"),
    (b"\x0b", b""),
    (b"", b"\xc2\xa0"),
    (b"", b" {}"),
    (b"", b"\x00"),
    (b"", b" x"),
)


# The values above are read in files a little over this size, not the 4 MiB the quick reader
# takes over at in the product: which reader reads a file depends on its size alone, so the
# two readers are compared on each value at this size (the 390 cases read 6 GiB otherwise),
# and a file of each size at the product's own threshold is read just below.
SMALL_THRESHOLD = 64 * 1024


@pytest.fixture
def quick_reader_from(monkeypatch: pytest.MonkeyPatch) -> int:
    """The quick reader takes over from :data:`SMALL_THRESHOLD` bytes in this test."""
    monkeypatch.setattr(storage, "QUICK_READER_FROM", SMALL_THRESHOLD)
    return SMALL_THRESHOLD


def document(value: bytes, size: int, frame: tuple[bytes, bytes]) -> bytes:
    """A file of exactly ``size`` bytes holding ``value`` beside a long text."""
    before, after = frame
    shell = before + b'{"value": ' + value + b', "notes": ""}' + after
    padding = size - len(shell)
    assert padding > 0
    return before + b'{"value": ' + value + b', "notes": "' + b"n" * padding + b'"}' + after


def outcome(read: Any, data: bytes) -> tuple[str, str]:
    """What reading ``data`` gives: the value and its type, exactly, or a refusal."""
    try:
        value = read(data)
    except (ValueError, RecursionError):
        return "refused", ""
    inner = value["value"] if isinstance(value, dict) and "value" in value else value
    shown = repr(inner) if not isinstance(inner, float) or not math.isnan(inner) else "nan"
    return "read", f"{type(inner).__name__}:{shown[:200]}"


@pytest.mark.parametrize("frame", FRAMES, ids=lambda f: repr(f)[:20])
@pytest.mark.parametrize("value", VALUES, ids=lambda v: repr(v)[:24])
def test_a_file_reads_the_same_just_below_and_just_above_the_size_of_the_quick_reader(
    value, frame, quick_reader_from
):
    small = document(value, quick_reader_from - 1, frame)
    large = document(value, quick_reader_from, frame)
    assert len(small) < quick_reader_from <= len(large)
    expected = outcome(standard, small)
    assert outcome(storage.parse_json, small) == expected
    assert outcome(storage.parse_json, large) == expected == outcome(standard, large)


@pytest.mark.parametrize("value", VALUES, ids=lambda v: repr(v)[:24])
def test_a_large_file_reads_the_same_where_msgspec_is_not_installed(
    value, monkeypatch, quick_reader_from
):
    large = document(value, quick_reader_from, FRAMES[0])
    expected = outcome(standard, large)
    monkeypatch.setitem(sys.modules, "msgspec", None)
    monkeypatch.setitem(sys.modules, "msgspec.json", None)
    assert outcome(storage.parse_json, large) == expected


def test_a_large_file_shares_nothing_between_records_that_a_change_could_reach():
    # The quick reader may share the names of fields between records; a record changed
    # in place must still change only itself.
    records = {f"e{n}": {"title": "t", "areas": ["semh"]} for n in range(60_000)}
    data = json.dumps({"entries": records, "notes": "n" * storage.QUICK_READER_FROM}).encode()
    read = storage.parse_json(data)
    read["entries"]["e1"]["areas"].append("sensory_physical")
    read["entries"]["e1"]["title"] = "changed"
    assert read["entries"]["e2"] == {"title": "t", "areas": ["semh"]}
    assert read == {**json.loads(data), "entries": {**records, "e1": read["entries"]["e1"]}}


def test_a_file_nested_about_as_deep_as_either_reader_follows_reads_the_same_at_any_size(
    quick_reader_from,
):
    # Each reader follows nesting as deep as the stack it is given allows, and the two are
    # called from different depths: around that limit a file must still be read, or
    # refused, the same just below and just above the size of the quick reader.
    pytest.importorskip("msgspec")
    differ = []
    for depth in range(850, 1150):
        value = b"[" * depth + b"]" * depth
        small = document(value, quick_reader_from - 1, FRAMES[0])
        large = document(value, quick_reader_from, FRAMES[0])
        if outcome(storage.parse_json, small) != outcome(storage.parse_json, large):
            differ.append(depth)
    assert differ == []


def test_loading_the_quick_reader_leaves_typing_extensions_to_load_as_usual_afterwards():
    # The quick reader is loaded without typing_extensions when nothing has loaded it
    # yet (see storage._quick_reader); afterwards it must load for whatever asks, and
    # the file must still be read by msgspec and read the same.
    pytest.importorskip("msgspec")
    pytest.importorskip("typing_extensions")
    program = (
        "import json, sys\n"
        "from sen_workbook import storage\n"
        "data = json.dumps({'a': [1, 'b'], 'n': 'n' * storage.QUICK_READER_FROM}).encode()\n"
        "read = storage.parse_json(data)\n"
        "print(read == json.loads(data), 'msgspec.json' in sys.modules,\n"
        "      'typing_extensions' in sys.modules, 'inspect' in sys.modules)\n"
        "import typing_extensions\n"
        "print(typing_extensions.get_type_hints is not None)\n"
    )
    ran = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True, timeout=120
    )
    assert ran.stdout.split() == ["True", "True", "False", "False", "True"]


@pytest.mark.parametrize(
    "value",
    [b"0.1", b"18446744073709551616", b"NaN", b'"\\ud800"', b"[" * 5000 + b"]" * 5000],
    ids=["a float", "past 64 bits", "NaN", "half a UTF-16 pair", "5000 deep"],
)
def test_at_the_products_own_size_a_file_reads_the_same_just_below_and_above(value):
    # The cases above are read at a smaller size; here, at the size the product itself
    # hands files to the quick reader from, a value each reader takes differently.
    small = document(value, storage.QUICK_READER_FROM - 1, FRAMES[0])
    large = document(value, storage.QUICK_READER_FROM, FRAMES[0])
    expected = outcome(standard, small)
    assert outcome(storage.parse_json, small) == expected
    assert outcome(storage.parse_json, large) == expected == outcome(standard, large)
