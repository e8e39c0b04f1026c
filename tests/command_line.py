"""Running ``sen-workbook`` as the tests do: in this process, or as a program of its own.

Most command-line tests are about what a command does (the records it writes, the sentence
it says, its exit code), so they call :func:`sen_workbook.cli.main` here, with its own
standard input, output and error and its own environment, and get back what a program run
would have given: a :class:`subprocess.CompletedProcess` with the exit code and the text of
both streams.  That spares each of them a fresh interpreter importing the package (most of
a second of processor time).  An exception that escapes ``main`` fails the test, as a
traceback in a real run would.

A few tests are about the program itself (``python -m sen_workbook``, its exit codes, an
environment it inherits, a process killed or limited); they use :func:`run_program`.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping, MutableMapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


@contextlib.contextmanager
def _environment(changes: Mapping[str, str | None]) -> Iterator[None]:
    """``os.environ`` with ``changes`` (``None`` removes a name), put back afterwards."""
    before = {name: os.environ.get(name) for name in changes}
    _set_names(os.environ, changes)
    if "TZ" in changes:
        time.tzset()
    try:
        yield
    finally:
        _set_names(os.environ, before)
        if "TZ" in changes:
            time.tzset()


def _set_names(environment: MutableMapping[str, str], values: Mapping[str, str | None]) -> None:
    """Set each name in ``environment`` to its value (``None`` removes it)."""
    for name, value in values.items():
        if value is None:
            environment.pop(name, None)
        else:
            environment[name] = value


def _stream(data: bytes = b"") -> io.TextIOWrapper:
    """A text stream over bytes, encoded as the program's own streams are (UTF-8)."""
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", newline=None, write_through=True)


def _text(stream: io.TextIOWrapper) -> str:
    """What was written, read back as ``subprocess.run(text=True)`` reads it."""
    stream.flush()
    raw = stream.buffer.getvalue()  # type: ignore[attr-defined]
    return raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


@contextlib.contextmanager
def _failures_to_finish_said() -> Iterator[None]:
    """An object let go of during the command that fails to finish (a file left open
    whose last bytes cannot be written) is said on the command's standard error, as
    Python says it on a program's ("Exception ignored in: ..."), and still given to
    the hook in place before (pytest's, which warns of it in the run's summary)."""
    before = sys.unraisablehook

    def said(unraisable: Any) -> None:
        sys.__unraisablehook__(unraisable)  # to sys.stderr: the command's own
        before(unraisable)

    sys.unraisablehook = said
    try:
        yield
    finally:
        sys.unraisablehook = before


def run_command(
    *argv: str,
    stdin: str | None = None,
    env: Mapping[str, str | None] | None = None,
    cwd: Path | str | None = None,
) -> subprocess.CompletedProcess[str]:
    """``sen-workbook ARGV`` run in this process: its exit code, output and errors."""
    from sen_workbook.cli import main

    out, err = _stream(), _stream()
    given = _stream((stdin or "").encode("utf-8"))
    with contextlib.ExitStack() as stack:
        stack.enter_context(_environment(env or {}))
        if cwd is not None:
            stack.enter_context(contextlib.chdir(cwd))
        saved = sys.stdin, sys.stdout, sys.stderr
        sys.stdin, sys.stdout, sys.stderr = given, out, err
        stack.enter_context(_failures_to_finish_said())
        try:
            code = main(list(argv))
        except SystemExit as leaving:  # argparse's refusals leave this way
            code = leaving.code if isinstance(leaving.code, int) else 1
        finally:
            sys.stdin, sys.stdout, sys.stderr = saved
    return subprocess.CompletedProcess(
        ["sen-workbook", *argv], code, stdout=_text(out), stderr=_text(err)
    )


def run_program(
    *argv: str,
    stdin: str | None = None,
    env: Mapping[str, str | None] | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """``python -m sen_workbook ARGV`` as a program of its own, from this checkout."""
    environment = dict(os.environ, PYTHONPATH=str(ROOT))
    _set_names(environment, env or {})
    return subprocess.run(
        [sys.executable, "-m", "sen_workbook", *argv],
        capture_output=True,
        text=True,
        input=stdin,
        env=environment,
        timeout=timeout,
    )
