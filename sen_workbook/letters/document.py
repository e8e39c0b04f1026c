"""What a letter is made of, and how it is written out as Markdown or plain text.

A letter is a few blocks (paragraphs and bulleted lists) whose pieces are either the
tool's own words or :class:`Family` text: anything a parent typed or a record holds
(names, titles, what was said).  Only the family's text is escaped in Markdown, with the
timeline's one escaping function, so the letter reads as clean plain text in an email
and nothing a parent pasted can add a heading, a link or HTML.  In a plain-text letter
the family's text is shown as written, with control characters made harmless.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, NamedTuple

from sen_workbook.timeline import escape

# Control characters (line ends included: family text sits inside one sentence) and the
# bidirectional controls that could make a printed line read differently from its data,
# as the timeline's escaping replaces them; lone surrogates cannot be written as UTF-8.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


class Family(str):
    """Text the family wrote or a record holds: data, never markup.

    Made with its whitespace run together into single spaces and any control character
    replaced by U+FFFD, so it cannot break a line, move the cursor of a terminal or
    reorder what is printed around it.
    """

    __slots__ = ()

    def __new__(cls, value: Any) -> Family:
        text = " ".join(str(value).split())
        return super().__new__(cls, _CONTROL.sub("\ufffd", text))


Line = tuple[str, ...]  # pieces, each the tool's words or Family text, joined as they are


class LetterBlock(NamedTuple):
    """A paragraph (one line) or a bulleted list (one line per item)."""

    lines: tuple[Line, ...]
    bullets: bool = False


class Record(NamedTuple):
    """The entry that records a letter as sent, so the deadlines that follow start.

    ``kind`` is ``correspondence`` or ``request``; ``fields`` are the entry's fields
    except its details (the letter's text, given when it is recorded, as edited);
    ``follow_up_of`` is a meeting whose ``follow_up_sent`` becomes the letter's date.
    """

    kind: str
    fields: dict[str, Any]
    follow_up_of: str = ""


# What a letter is signed with until the parent's name is known.
UNSIGNED = "(your name)"


class Letter(NamedTuple):
    """One letter, ready to be written out; see :func:`markdown` and :func:`plain_text`."""

    letter_type: str
    to: Line
    subject: Line
    day: date
    about: tuple[Line, ...]  # who the letter is about: name, date of birth, setting
    greeting: str | Line  # the tool's words, or pieces with the reader's name in them
    body: tuple[LetterBlock, ...]
    closing: str
    record: Record
    signed: str = ""  # the parent's name; :data:`UNSIGNED` is written in its place


# Words that name a role rather than a person, in "Class teacher, Mrs Hill".
_ROLE_WORDS = frozenset(
    "teacher senco head headteacher deputy assistant officer coordinator co-ordinator "
    "manager therapist psychologist caseworker case worker team principal tutor leader "
    "lead director governor governors nurse doctor paediatrician worker".split()
)
_TITLES = frozenset("mr mrs ms miss mx dr prof professor sir dame".split())


def dear(whom: str, unnamed: str) -> Line:
    """The greeting of a letter to ``whom`` (family text: a name, a role, or both as
    "Class teacher, Mrs Hill"): the person's name when one is written ("Dear Mrs Hill,"),
    else the role or ``unnamed`` ("Dear SENCo,")."""
    parts = [part.strip() for part in str(whom).split(",") if part.strip()]
    if not parts:
        return (f"Dear {unnamed},",)

    def words(part: str) -> list[str]:
        return [w.strip(".()").casefold() for w in part.split()]

    titled = [p for p in parts if words(p) and words(p)[0] in _TITLES]
    people = [p for p in parts if not _ROLE_WORDS.intersection(words(p))]
    name = (titled or people or parts)[0]
    return ("Dear ", Family(name), ",")


def unsigned_warning(text: str, how: str) -> str | None:
    """The sentence that warns a letter is still signed with the placeholder, ending
    with ``how`` the parent adds their name where they are; None once it is signed."""
    if UNSIGNED not in text:
        return None
    return f"The letter is signed {UNSIGNED!r}: {how}"


def paragraph(*pieces: str) -> LetterBlock:
    """A paragraph of pieces (the tool's words and :class:`Family` text)."""
    return LetterBlock((tuple(pieces),))


def bullets(lines: list[Line]) -> LetterBlock:
    """A bulleted list, one line per item."""
    return LetterBlock(tuple(lines), bullets=True)


def joined(line: Line) -> str:
    """A line as plain text: its pieces one after the other."""
    return "".join(line)


def long_date(day: date) -> str:
    """A date as a letter writes it: ``14 April 2025``."""
    return f"{day.day} {day:%B %Y}"


def _markdown_line(line: Line) -> str:
    # The family's text is escaped; the tool's own words, dates and references are not.
    return "".join(
        escape(piece, "paragraph") if isinstance(piece, Family) else piece for piece in line
    )


def _written(letter: Letter, show: Any) -> str:
    blocks: list[str] = [
        "To: " + show(letter.to),
        "Date: " + long_date(letter.day),
        "Subject: " + show(letter.subject),
    ]
    blocks += [show(line) for line in letter.about]
    greeting = letter.greeting
    blocks.append(greeting if isinstance(greeting, str) else show(greeting))
    for block in letter.body:
        if block.bullets:
            blocks.append("\n".join("- " + show(line) for line in block.lines))
        else:
            blocks += [show(line) for line in block.lines]
    signed = Family(letter.signed)
    blocks += [letter.closing, show((signed,)) if signed else UNSIGNED]
    return "\n\n".join(blocks) + "\n"


def markdown(letter: Letter) -> str:
    """The letter as Markdown: a paragraph per block, a blank line around every list.

    Pieces of family text that escape to nothing (only spaces, say) leave their place
    empty; the tool's words around them still read.
    """
    return _written(letter, _markdown_line)


def plain_text(letter: Letter) -> str:
    """The letter as plain text, to paste into an email or print."""
    return _written(letter, joined)


def markdown_of_text(text: str) -> str:
    """A letter's text as the parent edited it, made into Markdown that shows exactly it.

    Once edited, every word is the family's: each paragraph (lines between blank lines)
    is escaped whole, a paragraph whose every line starts with "- " stays a bulleted
    list, and the line breaks inside a paragraph are kept.
    """
    blocks = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n")):
        lines = [line for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        if all(line.lstrip().startswith("- ") for line in lines):
            blocks.append(
                "\n".join("- " + escape(line.lstrip()[2:], "paragraph") for line in lines)
            )
        else:
            blocks.append(escape("\n".join(lines), "paragraph"))
    return "\n\n".join(blocks) + "\n"
