"""Email in: each message of a ``.eml`` or ``.mbox`` file as a ``correspondence`` entry,
with its attachments.

The standard library's ``email`` package reads the messages (policy ``email.policy.default``,
which decodes encoded headers and any charset Python knows) and ``mailbox`` splits an mbox.
An HTML-only message is turned into plain text by :mod:`sen_workbook.html_text`.  Nothing
here writes: :func:`read_mail` gives the entries and files, which the command line or the app
adds in one save.  A message that cannot be read stops the whole import with one sentence
naming it, so a parent never gets half a mailbox.
"""

from __future__ import annotations

import datetime as _dt
import email
import email.policy
import email.utils
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from email.headerregistry import HeaderRegistry
from email.message import EmailMessage, MIMEPart
from pathlib import Path
from typing import Any, NamedTuple

from sen_workbook import model
from sen_workbook.capture import attachment_record, safe_filename
from sen_workbook.files import sha256_bytes
from sen_workbook.html_text import html_to_text

MAIL_SUFFIXES = (".eml", ".mbox", ".msg")
_POLICY = email.policy.default


class _RememberedHeaders(HeaderRegistry):
    """The default policy's headers, each parsed once per import.

    The policy parses a header every time it is read, and the parser reads a part's
    Content-Type many times while it walks a message; in a mailbox the same few values
    recur across thousands of messages.  A parsed header is an immutable string, so the
    one made first is handed out again.
    """

    def __init__(self) -> None:
        super().__init__()
        self._made: dict[tuple[str, str], Any] = {}

    def __call__(self, name: str, value: str) -> Any:
        key = (name.lower(), value)
        made = self._made.get(key)
        if made is None:
            made = super().__call__(name, value)
            if len(self._made) < 100_000:
                self._made[key] = made
        return made


def reading_policy() -> email.policy.EmailPolicy[EmailMessage]:
    """``email.policy.default``, with its headers parsed once each (for one import)."""
    return _POLICY.clone(header_factory=_RememberedHeaders())


_QUOTE_INTRO = re.compile(
    r"^(On .{4,200}wrote:|Le .{4,200}a écrit ?:|-+ ?Original Message ?-+|"
    r"-+ ?Forwarded message ?-+|From: .+)\s*$",
    re.IGNORECASE,
)


class MailError(ValueError):
    """A mail file or one of its messages cannot be read; one sentence naming it."""


class MailItem(NamedTuple):
    """One message made ready to add: its entry, the files it attaches, where it was."""

    entry: model.Entry
    files: list[bytes]
    where: str  # "message 3 of family.mbox", for the preview and the errors


class MailImport(NamedTuple):
    """What a mail file gives: the messages to add, and those already in the workbook."""

    new: list[MailItem]
    already: int
    direction_known: bool  # False when no family address was given to tell sent from received


def read_mail(
    path: Path,
    child_id: str,
    *,
    my_addresses: Iterable[str] = (),
    known_ids: Iterable[str] = (),
    local_zone: _dt.tzinfo | None = None,
) -> MailImport:
    """The ``correspondence`` entries for every message in ``path`` not already known.

    ``known_ids`` are the Message-IDs already stored for the child; a message whose id is
    among them (or that appears twice in the file) is counted, not added again.
    """
    mine = {a.strip().casefold() for a in my_addresses if a.strip()}
    known = set(known_ids)
    new: list[MailItem] = []
    already = 0
    policy = reading_policy()
    for where, message in _messages(path, policy):
        item = message_item(message, child_id, where, mine, local_zone)
        message_id = item.entry["message_id"]
        if message_id in known:
            already += 1
            continue
        known.add(message_id)
        new.append(item)
    return MailImport(new, already, bool(mine))


def _messages(
    path: Path, policy: email.policy.EmailPolicy[EmailMessage]
) -> Iterator[tuple[str, EmailMessage]]:
    """Each message of the file, with how to name it in a sentence."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise MailError(f"There is no file at {path}.")
    if suffix == ".eml":
        where = f"the message in {path.name}"
        yield where, _parse(_read(path), where, policy)
    elif suffix == ".mbox":
        yield from _mbox_messages(path, policy)
    elif suffix == ".msg":
        # No well-kept, permissively licensed pure-Python reader of Outlook's format exists
        # (extract-msg is GPL and pins its OLE reader), so the parent is told the way round.
        raise MailError(
            f"{path.name} is an Outlook .msg file, which cannot be read here; save the email "
            "as .eml (or export the folder as .mbox) and import that."
        )
    else:
        raise MailError(
            f"{path.name} is not an email file: emails are imported from .eml files (one "
            "email) or .mbox files (a folder of them), saved from your email program."
        )


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise MailError(f"Could not read {path}: {error.strerror}.") from None


def _mbox_messages(
    path: Path, policy: email.policy.EmailPolicy[EmailMessage]
) -> Iterator[tuple[str, EmailMessage]]:
    import mailbox

    raw = _read(path)
    if raw.strip() and not raw.startswith(b"From "):
        raise MailError(
            f"{path.name} is not an mbox file: it should begin with a line starting 'From '."
        )
    box = mailbox.mbox(path, create=False)
    try:
        for number, key in enumerate(box.keys(), 1):
            where = f"message {number} of {path.name}"
            try:
                content = box.get_bytes(key)
            except (OSError, ValueError, KeyError) as error:
                raise MailError(f"Could not read {where}: {error}.") from None
            yield where, _parse(content, where, policy)
    finally:
        box.close()


def _parse(
    content: bytes, where: str, policy: email.policy.EmailPolicy[EmailMessage]
) -> EmailMessage:
    try:
        message = email.message_from_bytes(content, policy=policy)
    except Exception as error:  # the parser is lenient; anything it raises is a bad message
        raise MailError(
            f"{where[0].upper()}{where[1:]} cannot be read as an email ({error})."
        ) from None
    assert isinstance(message, EmailMessage)
    return message


def _header(message: EmailMessage, name: str, where: str) -> Any:
    """A header, decoded; a header too damaged to decode stops the import with one sentence."""
    try:
        return message.get(name)
    except Exception:  # the policy's header classes raise many kinds on bad input
        raise MailError(f"The {name} line of {where} cannot be read.") from None


def _unescaped(text: str) -> str:
    """Text read from raw 8-bit header bytes, as a mail program would show it: UTF-8 if it
    is, else Windows-1252 (what such old messages mostly are).  Never a lone surrogate,
    which could not be saved."""
    if text.isascii() or not any("\udc80" <= c <= "\udcff" for c in text):
        return text
    raw = text.encode("utf-8", "surrogateescape")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _plain_header(message: EmailMessage, name: str, where: str) -> str | None:
    """A header whose value is one line of text (Subject, Message-ID), unfolded.

    Plain ASCII without encoded words is taken as written, which is most headers and is
    much quicker than the policy's full parse; anything else goes through the policy.
    """
    wanted = name.lower()
    for key, raw in message.raw_items():
        if key.lower() == wanted:
            if isinstance(raw, str) and "=?" not in raw:
                return " ".join(_unescaped(raw).split())
            header = _header(message, name, where)
            return None if header is None else " ".join(str(header).split())
    return None


def _sent_at(message: EmailMessage, where: str) -> tuple[Any, _dt.datetime | None]:
    """The Date header's text and the moment it names (``None`` if it cannot be read)."""
    for key, raw in message.raw_items():
        if key.lower() == "date":
            if isinstance(raw, str) and raw.isascii():
                try:
                    return raw, email.utils.parsedate_to_datetime(" ".join(raw.split()))
                except (TypeError, ValueError, IndexError, OverflowError):
                    return raw, None
            header = _header(message, "Date", where)
            return header, getattr(header, "datetime", None)
    return None, None


def _addresses(header: Any) -> list[tuple[str, str]]:
    """(name, address) pairs of an address header, as written."""
    if header is None:
        return []
    found = []
    try:
        for address in header.addresses:
            found.append(
                (
                    _unescaped(str(address.display_name or "")),
                    _unescaped(str(address.addr_spec or "")),
                )
            )
    except AttributeError:  # an unparsable header keeps its text
        found.extend(
            (_unescaped(name), _unescaped(addr))
            for name, addr in email.utils.getaddresses([str(header)])
        )
    return found


def _shown(pairs: Sequence[tuple[str, str]]) -> str:
    return ", ".join(
        f"{name} <{addr}>" if name and addr else (name or addr) for name, addr in pairs
    )


def message_item(
    message: EmailMessage,
    child_id: str,
    where: str,
    my_addresses: set[str],
    local_zone: _dt.tzinfo | None = None,
) -> MailItem:
    """One message as a ``correspondence`` entry and the attachments it carries."""
    Where = f"{where[0].upper()}{where[1:]}"
    sender = _addresses(_header(message, "From", where))
    to = _addresses(_header(message, "To", where))
    copied = _addresses(_header(message, "Cc", where))
    subject_header = _plain_header(message, "Subject", where)
    date_header, sent = _sent_at(message, where)
    if not sender and date_header is None and subject_header is None:
        raise MailError(f"{Where} is not an email: it has no sender, date or subject.")
    if date_header is None:
        raise MailError(f"{Where} has no date, so it cannot be placed in the journal.")
    if sent is None:
        raise MailError(f"{Where} has a date that cannot be read: {str(date_header)[:60]!r}.")
    if sent.tzinfo is not None:  # the local day it was sent, as the family lived it
        sent = sent.astimezone(local_zone)
    subject = subject_header or ""
    direction = "sent" if any(addr.casefold() in my_addresses for _, addr in sender) else "received"
    try:
        body_part = message.get_body(preferencelist=("plain", "html"))
    except Exception:  # a damaged structure: the words are looked for no further
        body_part = None
    body = _body_text(body_part)
    files: list[bytes] = []
    attachments: list[model.Attachment] = []
    for number, (name, content) in enumerate(_attachments(message, body_part), 1):
        record = attachment_record(
            safe_filename(_unescaped(name), f"attachment-{number}"),
            content,
            "Attached to the email",
        )
        if all(a["sha256"] != record["sha256"] for a in attachments):
            attachments.append(record)
            files.append(content)
    message_id = _plain_header(message, "Message-ID", where) or ""
    if not message_id:  # the message's own bytes stand in, so a re-import still matches
        message_id = "sha256:" + sha256_bytes(message.as_bytes(policy=_POLICY.clone(linesep="\n")))
    entry = model.new_entry(
        "correspondence",
        child_id,
        date=sent.strftime("%Y-%m-%d %H:%M"),
        title=_unescaped(subject or "(no subject)"),
        details=_unescaped(body),
        attachments=attachments,
        direction=direction,
        subject=_unescaped(subject),
        message_id=_unescaped(message_id),
        # who was copied in
        people=[_unescaped(shown) for shown in (_shown([p]) for p in copied) if shown],
        **{"from": _unescaped(_shown(sender)), "to": _unescaped(_shown(to))},
    )
    problems = model.validate_entry(entry)
    if problems:
        raise MailError(f"{Where} cannot be recorded: {problems[0].rstrip('.')}.")
    return MailItem(entry, files, where)


def _text_of(part: MIMEPart) -> str:
    """A text part's content, in whatever charset it declares (replaced where it lies)."""
    try:
        content = part.get_content()
        if isinstance(content, str):
            return content
    except (LookupError, UnicodeError, ValueError, AssertionError, KeyError):
        pass
    payload = part.get_payload(decode=True)  # the bytes of a part that is not multipart
    raw = payload if isinstance(payload, bytes) else b""
    charset = part.get_content_charset() or "utf-8"
    try:
        return raw.decode(charset, errors="replace")
    except LookupError:
        return raw.decode("utf-8", errors="replace")


def _body_text(part: MIMEPart | None) -> str:
    """The message's words: its plain text, or its HTML made plain, quoted replies trimmed."""
    if part is None:
        return ""
    text = _text_of(part)
    if part.get_content_subtype() == "html":
        text = html_to_text(text)
    return trim_quoted_reply(text.replace("\r\n", "\n").replace("\r", "\n")).strip()


def trim_quoted_reply(text: str) -> str:
    """``text`` without the earlier messages quoted below it, where that is clear.

    Clear means: an "On ... wrote:" (or "Original Message", or "From:") line followed only
    by quoted ``>`` lines, blank lines or the earlier message, at the end of the text.
    A reply written between quoted lines is kept whole.
    """
    lines = text.split("\n")
    end = len(lines)
    while end and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith(">")):
        end -= 1
    quoted_tail = any(line.lstrip().startswith(">") for line in lines[end:])
    for number in range(end - 1, -1, -1):
        line = lines[number].strip()
        if _QUOTE_INTRO.match(line) and (quoted_tail or not line.casefold().startswith("on ")):
            if number > 0 and any(x.strip() for x in lines[:number]):
                if line.casefold().startswith("from:") and not _looks_like_header_block(
                    lines[number : number + 4]
                ):
                    continue
                return "\n".join(lines[:number]).rstrip()
    if quoted_tail and any(x.strip() for x in lines[:end]):
        return "\n".join(lines[:end]).rstrip()
    return text


def _looks_like_header_block(lines: list[str]) -> bool:
    """An Outlook quote starts with From:, then Sent: or Date:, To: or Subject: lines."""
    starts = {line.split(":", 1)[0].strip().casefold() for line in lines if ":" in line}
    return len(starts & {"sent", "date", "to", "subject", "cc"}) >= 2


def _attachments(message: EmailMessage, body: MIMEPart | None) -> Iterator[tuple[str, bytes]]:
    """Every attached file of the message but its ``body`` (a forwarded email as its own
    ``.eml``)."""
    for part in _leaves(message):
        if part is body:
            continue
        filename = part.get_filename()
        disposition = part.get_content_disposition()
        maintype = part.get_content_maintype()
        if not filename and disposition != "attachment" and maintype == "text":
            continue  # another rendering of the body (the HTML beside the plain text)
        if part.get_content_type() == "message/rfc822":
            inner = part.get_payload()
            inner = inner[0] if isinstance(inner, list) and inner else inner
            try:
                content = inner.as_bytes() if hasattr(inner, "as_bytes") else b""
            except Exception:  # a forwarded email too damaged to write out again
                content = str(inner).encode("utf-8", "replace")
            yield (filename or "forwarded-message.eml"), content
            continue
        content = part.get_payload(decode=True)
        if not isinstance(content, bytes):  # a part with no bytes of its own
            continue
        extension = _extension(part.get_content_type())
        yield (filename or f"attachment{extension}"), content


def _leaves(part: EmailMessage) -> Iterator[EmailMessage]:
    """The parts that hold content, in order; a forwarded email is one part, whole."""
    if part.get_content_type() == "message/rfc822" or not part.is_multipart():
        yield part
        return
    payload = part.get_payload()
    for sub in payload if isinstance(payload, list) else ():
        if isinstance(sub, EmailMessage):
            yield from _leaves(sub)


def _extension(content_type: str) -> str:
    import mimetypes

    return mimetypes.guess_extension(content_type) or ".bin"


def preview_line(item: MailItem) -> str:
    """How the preview shows one message: date, direction, who, subject, files."""
    entry = item.entry
    who = entry["to"] if entry["direction"] == "sent" else entry["from"]
    arrow = "to" if entry["direction"] == "sent" else "from"
    files = len(entry["attachments"])
    extra = f" ({files} attachment{'s' if files != 1 else ''})" if files else ""
    title = entry["title"] if len(entry["title"]) <= 80 else entry["title"][:79] + "\u2026"
    who = who if len(who) <= 60 else who[:59] + "\u2026"
    return _shown_safely(f"{entry['date']}  {entry['direction']:<8}  {arrow} {who}: {title}{extra}")


def stored_message_ids(entries: Iterable[Mapping[str, Any]]) -> set[str]:
    """The Message-IDs already recorded among ``entries``."""
    return {
        e["message_id"]
        for e in entries
        if e.get("kind") == "correspondence" and e.get("message_id")
    }


def _shown_safely(text: str) -> str:
    """A preview line for the terminal: no control character or escape sequence."""
    return model.excerpt(text, 500, quoted=False)
