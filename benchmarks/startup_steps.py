"""Start-up from the children list, step by step, this checkout against others, run by run.

    python benchmarks/startup_steps.py [OTHER_CHECKOUT ...] [--runs 8] [--size 10000]

The start-up figure of ``run.py`` reads the processor time once, at the end, in ticks of
10 ms, and moves by ±30 ms from run to run: it cannot tell a change of 10 ms.  This runs
the same path (the app in a 120x40 tmux terminal with no place remembered: the children
list, enter, until "Overview", 2, until " entries · "), each checkout's code in turn, run
after run, so that all meet the same load, and reads inside the app, with the
nanosecond processor clock, when each screen is drawn (the first frame written to the
terminal holding the children list's rows, the child's Overview, the child's Journal)
and when each key arrives.  A ``sitecustomize`` module of its own, put on the path of
the runs only, notes those moments; nothing of the app is changed.

Printed per checkout, medians and ranges over the runs, in processor ms: from the
start to the list on the terminal; from enter to the Overview; from 2 to the Journal;
from the start to the Journal; and the process's whole processor time (user + system,
all threads) when " entries · " showed, as ``run.py`` reads it.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TMUX = ["tmux", "-L", "sen-workbook-steps"]
STEPS = [("", "Stage"), ("Enter", "Overview"), ("2", " entries · ")]

# Notes, in the app's process, each frame written to the terminal (with the screen and
# tab it shows) and each key as the app receives it, with the processor time then.
SITECUSTOMIZE = """
import importlib.abc, os, sys, time

_fd = os.open(os.environ["SEN_WORKBOOK_STEPS"], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)


def _note(*parts):
    os.write(_fd, (" ".join(str(p) for p in parts) + "\\n").encode())


def _watch():
    from textual import app, events

    display = app.App._display

    def noted_display(self, screen, renderable):
        display(self, screen, renderable)
        if renderable is None or self._batch_count:
            return
        name, shows = type(screen).__name__, ""
        try:
            if name == "ChildScreen":
                shows = screen.active_tab
            elif name == "ChildrenScreen":
                shows = "rows" if screen.query_one("DataTable").row_count else "empty"
        except Exception:
            shows = "?"
        _note("frame", time.process_time(), name, shows)

    on_event = app.App.on_event

    async def noted_on_event(self, event):
        if isinstance(event, events.Key):
            _note("key", time.process_time(), event.key)
        return await on_event(self, event)

    app.App._display = noted_display
    app.App.on_event = noted_on_event


class _OnFirstImport(importlib.abc.MetaPathFinder):
    done = False

    def find_spec(self, name, path, target=None):
        if name == "sen_workbook.tui.app" and not self.done:
            _OnFirstImport.done = True
            _watch()
        return None


sys.meta_path.insert(0, _OnFirstImport())
"""


def tmux(*args: str) -> str:
    return subprocess.run([*TMUX, *args], capture_output=True, text=True, timeout=30).stdout


def wait_for(session: str, text: str, timeout: float = 60.0) -> bool:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if text in tmux("capture-pane", "-p", "-t", session):
            return True
        time.sleep(0.01)
    return False


def processor_ms(pid: str) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def one_run(checkout: Path, folder: Path, db: Path, log: Path) -> dict[str, float] | None:
    """One start-up in tmux with ``checkout``'s code; its steps in processor ms, or None
    if a screen did not show (said on stderr, with what the app noted)."""
    log.unlink(missing_ok=True)
    env = {
        "PYTHONPATH": f"{folder / 'site'}{os.pathsep}{checkout}",
        "SEN_WORKBOOK_DB": str(db),
        "SEN_WORKBOOK_CONFIG": str(folder / "config.json"),  # no place remembered
        "SEN_WORKBOOK_STEPS": str(log),
    }
    exports = " ".join(f"{key}={shlex.quote(value)}" for key, value in env.items())
    command = f"env {exports} {shlex.quote(sys.executable)} -m sen_workbook"
    session = "steps"
    tmux("kill-session", "-t", session)
    # Started in the temporary folder: "python -m" puts the folder it starts in first on
    # the path, which from a checkout would run that checkout's code whatever is asked.
    tmux("new-session", "-d", "-s", session, "-c", str(folder), "-x", "120", "-y", "40", command)
    try:
        for keys, text in STEPS:
            if keys:
                tmux("send-keys", "-t", session, keys)
            if not wait_for(session, text):
                print(f"{checkout}: {text!r} did not show", file=sys.stderr)
                print(log.read_text() if log.exists() else "(nothing noted)", file=sys.stderr)
                return None
        total = processor_ms(tmux("display-message", "-p", "-t", session, "#{pane_pid}").strip())
        time.sleep(0.2)  # the app notes the frame just after writing it
    finally:
        tmux("kill-session", "-t", session)
    noted = [line.split() for line in log.read_text().splitlines()]

    def first(kind: str, *what: str) -> float | None:
        for line in noted:
            if line[0] == kind and tuple(line[2 : 2 + len(what)]) == what:
                return float(line[1]) * 1000
        return None

    moments = {
        "list": first("frame", "ChildrenScreen", "rows"),
        "enter": first("key", "enter"),
        "overview": first("frame", "ChildScreen", "overview"),
        "2": first("key", "2"),
        "journal": first("frame", "ChildScreen", "journal"),
    }
    if None in moments.values():
        print(f"{checkout}: a step was not noted: {moments}", file=sys.stderr)
        return None
    at = {key: value or 0.0 for key, value in moments.items()}
    return {
        "start to the list": at["list"],
        "enter to the Overview": at["overview"] - at["enter"],
        "2 to the Journal": at["journal"] - at["2"],
        "start to the Journal": at["journal"],
        "processor time, whole": total,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("others", nargs="*", type=Path, help="other checkouts to compare")
    parser.add_argument("--runs", type=int, default=8)
    parser.add_argument("--size", type=int, default=10000, help="entries in the workbook")
    args = parser.parse_args()
    checkouts = [ROOT, *(path.resolve() for path in args.others)]
    for checkout in checkouts:
        # As pip does on install: without it each run compiles every module first.
        compileall.compile_dir(str(checkout / "sen_workbook"), quiet=1)
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from run import build_workbook

    results: dict[Path, list[dict[str, float]]] = {checkout: [] for checkout in checkouts}
    with tempfile.TemporaryDirectory(prefix="sen-workbook-steps-") as temp:
        folder = Path(temp)
        (folder / "site").mkdir()
        (folder / "site" / "sitecustomize.py").write_text(SITECUSTOMIZE)
        db = build_workbook(folder, args.size)
        for number in range(args.runs):
            for checkout in checkouts:
                log = folder / f"steps-{checkouts.index(checkout)}-{number}.txt"
                steps = one_run(checkout, folder, db, log)
                if steps is not None:
                    results[checkout].append(steps)
    for checkout, runs in results.items():
        print(f"{checkout}: {len(runs)} runs, processor ms, median (least–most)")
        for name in runs[0] if runs else ():
            values = [run[name] for run in runs]
            print(
                f"  {name:24} {statistics.median(values):6.1f}"
                f" ({min(values):.1f}–{max(values):.1f})"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
