"""The files attached to the sample's entries, built in memory: plain-text letters, small
valid PDF reports and PNG drawings."""

from __future__ import annotations

import hashlib
import random
import struct
import textwrap
import zlib

from sen_workbook import model
from sen_workbook.demo.school_calendar import _long
from sen_workbook.demo.story import _Document

# --- attachments -----------------------------------------------------------------------


def _attach(
    built: list[tuple[model.Entry, _Document | None]],
    story_count: int,
    limit: int,
    seed: int,
    children: list[model.Child],
) -> dict[str, bytes]:
    """Attach files to up to ``limit`` entries: the story's documents first, then copies
    of letters, meeting notes and photos on filler entries, evenly spaced."""
    names = {child["id"]: child["preferred_name"] or child["name"].split()[0] for child in children}
    scripted = [(entry, doc) for entry, doc in built[:story_count] if doc is not None][:limit]
    spare = limit - len(scripted)
    candidates = [
        entry
        for entry, _ in built[story_count:]
        if entry["kind"] in ("correspondence", "meeting", "observation")
    ]
    picked: list[model.Entry] = []
    if spare > 0 and candidates:
        step = max(1, len(candidates) // spare)
        picked = candidates[::step][:spare]
    files: dict[str, bytes] = {}
    for entry, doc in scripted:
        _add_file(entry, doc.filename, doc.description, doc.content(), files)
    for entry in picked:
        filename, description, content = _filler_document(entry, names[entry["child_id"]], seed)
        _add_file(entry, filename, description, content, files)
    return files


def _add_file(
    entry: model.Entry, filename: str, description: str, content: bytes, files: dict[str, bytes]
) -> None:
    sha = hashlib.sha256(content).hexdigest()
    files[sha] = content
    entry["attachments"].append(
        {
            "sha256": sha,
            "filename": filename,
            "size": len(content),
            "added_at": entry["created_at"],
            "description": description,
        }
    )


def _filler_document(entry: model.Entry, name: str, seed: int) -> tuple[str, str, bytes]:
    """A file for a filler entry: the letter or email itself, meeting notes, or a photo."""
    day = _long(entry["date"])
    if entry["kind"] == "observation":
        picture = random.Random(f"{seed}:{entry['id']}")
        return (
            f"Photo of {name}'s drawing {day}.png",
            f"Photo of a drawing {name} made",
            _png_drawing(picture),
        )
    if entry["kind"] == "meeting":
        lines = [
            entry["title"],
            f"Date: {day}",
            "Present: " + ", ".join(entry["attendees"]),
            "",
            entry["details"],
            "",
            "Actions:",
        ]
        lines += [f"- {a['text']} ({a['owner']}, by {_long(a['due'])})" for a in entry["actions"]]
        return (
            _safe_name(f"Meeting notes {day}.txt"),
            "Our notes of the meeting",
            "\n".join(lines).encode() + b"\n",
        )
    what = "Email" if entry["direction"] == "sent" else "Letter"
    text = "\n".join(
        [
            f"From: {entry['from']}",
            f"To: {entry['to']}",
            f"Date: {day}",
            f"Subject: {entry['subject']}",
            "",
            textwrap.fill(entry["details"], 78),
        ]
    )
    return (
        _safe_name(f"{entry['title']} {day}.txt"),
        f"Copy of the {what.lower()}",
        text.encode() + b"\n",
    )


def _safe_name(name: str) -> str:
    """A file name a parent might have saved: no path separators or reserved marks."""
    return "".join("-" if ch in '/\\:*?"<>|' else ch for ch in name)


# --- file contents built in code -------------------------------------------------------


def _letter(header: list[str], greeting: str, paragraphs: list[str], closing: str) -> bytes:
    """A plain-text letter, wrapped as a parent's word processor would print it."""
    body = "\n\n".join(textwrap.fill(p, 78) for p in paragraphs)
    return "\n".join([*header, "", greeting, "", body, "", closing, ""]).encode()


def _pdf(title: str, lines: list[str]) -> bytes:
    """A valid one-page PDF showing ``title`` and ``lines`` in Helvetica (ASCII text)."""

    def quoted(text: str) -> str:
        text = text.encode("ascii", "replace").decode()
        return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"

    wrapped = [part for line in lines for part in (textwrap.wrap(line, 88) or [""])]
    stream = "BT /F1 15 Tf 56 780 Td " + quoted(title) + " Tj /F1 10 Tf 14 TL 0 -30 Td "
    stream += " ".join(f"{quoted(line)} Tj T*" for line in wrapped) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("ascii")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode("ascii")
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode("ascii")
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode("ascii")
    return bytes(out)


def png_image(width: int, height: int, pixels: bytes | bytearray) -> bytes:
    """A valid 8-bit RGB PNG from ``width * height * 3`` bytes of pixels."""
    rows = b"".join(
        b"\x00" + bytes(pixels[y * width * 3 : (y + 1) * width * 3]) for y in range(height)
    )

    def chunk(tag: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + tag
            + data
            + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def _fill(
    pixels: bytearray, width: int, x0: int, y0: int, x1: int, y1: int, colour: tuple[int, int, int]
) -> None:
    run = bytes(colour) * (x1 - x0)
    for y in range(y0, y1):
        pixels[(y * width + x0) * 3 : (y * width + x1) * 3] = run


def _png_playground() -> bytes:
    """Tobi's drawing: a green field, children in the middle, one child by the fence."""
    width, height = 96, 64
    pixels = bytearray(bytes((120, 190, 90)) * (width * height))
    brown = (120, 80, 40)
    _fill(pixels, width, 0, 0, width, 3, brown)
    _fill(pixels, width, 0, height - 3, width, height, brown)
    _fill(pixels, width, 0, 0, 3, height, brown)
    _fill(pixels, width, width - 3, 0, width, height, brown)
    for n, (x, y) in enumerate(((40, 26), (46, 30), (52, 25), (44, 36), (55, 34), (49, 40))):
        colour = ((220, 60, 50), (240, 200, 40), (240, 140, 40))[n % 3]
        _fill(pixels, width, x, y, x + 4, y + 4, colour)
    _fill(pixels, width, 50, 31, 53, 34, (255, 255, 255))  # the football
    _fill(pixels, width, 6, 52, 10, 56, (40, 80, 220))  # Tobi, by the fence
    return png_image(width, height, pixels)


def _png_drawing(picture: random.Random) -> bytes:
    """A photo of a child's drawing: a few coloured shapes on paper."""
    width, height = 64, 48
    pixels = bytearray(bytes((250, 250, 245)) * (width * height))
    for _ in range(picture.randint(3, 7)):
        x, y = picture.randrange(0, width - 8), picture.randrange(0, height - 8)
        colour = (
            picture.randrange(30, 230),
            picture.randrange(30, 230),
            picture.randrange(30, 230),
        )
        _fill(
            pixels,
            width,
            x,
            y,
            min(width, x + picture.randint(4, 16)),
            min(height, y + picture.randint(4, 12)),
            colour,
        )
    return png_image(width, height, pixels)
