"""The single-file app (``sen-workbook.pyz``) beside the installed app: its size, and its
start-up measured the same way for both.

    python benchmarks/single_file.py [--pyz FILE] [--repeat N]

Without ``--pyz`` the file is built first (``.ci/release.py``).  The installed app is the
``sen-workbook`` beside this Python.  Start-up is the median of N runs of ``--version``,
of ``timeline`` on the sample family, and of the app from its start to the children list
in a 120x40 tmux terminal; the single file's very first start, which unpacks it, is shown
apart.  Needs tmux.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SESSION = "bench-single-file"


def _seconds(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        command,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=True,
        timeout=120,
    )
    return time.perf_counter() - start


def _to_children_list(command: list[str], env: dict[str, str]) -> float:
    """Seconds from starting ``command`` in tmux to the children list on its screen."""
    subprocess.run(["tmux", "kill-session", "-t", SESSION], capture_output=True)
    exports = [f"{k}={v}" for k, v in env.items() if k.startswith(("SHIV_", "SEN_WORKBOOK_"))]
    start = time.perf_counter()
    subprocess.run(
        [
            "tmux",
            "new-session",
            "-d",
            "-s",
            SESSION,
            "-x",
            "120",
            "-y",
            "40",
            shlex.join(["env", *exports, *command]),
        ],
        check=True,
    )
    try:
        while time.perf_counter() - start < 60:
            screen = subprocess.run(
                ["tmux", "capture-pane", "-p", "-t", SESSION], capture_output=True, text=True
            ).stdout
            if "Amara Okafor-Bennett" in screen:
                return time.perf_counter() - start
            time.sleep(0.01)
        raise SystemExit("the children list did not appear within 60 s")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", SESSION], capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pyz", type=Path)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sen-workbook-single-file-"))
    try:
        pyz = args.pyz
        if pyz is None:
            subprocess.run(
                [sys.executable, str(ROOT / ".ci" / "release.py"), str(work / "dist")],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            pyz = work / "dist" / "sen-workbook.pyz"
        installed = shutil.which("sen-workbook", path=str(Path(sys.executable).parent))
        if installed is None:
            raise SystemExit("sen-workbook is not installed beside this Python")
        from sen_workbook.demo import generate
        from sen_workbook.workbook import Workbook

        db = work / "sample" / "workbook.json"
        sample = generate()
        with Workbook(db) as book:
            book.load_sample(sample.children, sample.entries, sample.files)
        env = dict(
            os.environ,
            SHIV_ROOT=str(work / "shiv"),
            SEN_WORKBOOK_DB=str(db),
            SEN_WORKBOOK_CONFIG=str(work / "config.json"),
        )
        single = [sys.executable, str(pyz)]
        first = _seconds([*single, "--version"], env)
        unpacked = sum(p.stat().st_size for p in (work / "shiv").rglob("*") if p.is_file())
        print(
            f"sen-workbook.pyz: {pyz.stat().st_size / 1e6:.2f} MB, unpacked "
            f"{unpacked / 1e6:.1f} MB; first start (unpacking) {first:.2f} s"
        )
        cases = {
            "--version": lambda cmd: _seconds([*cmd, "--version"], env),
            "timeline of the sample child": lambda cmd: _seconds(
                [*cmd, "timeline", "Amara", "--as-of", "2026-11-30"], env
            ),
            "app to the children list": lambda cmd: _to_children_list(cmd, env),
        }
        print(f"median of {args.repeat} runs, seconds: single file / installed")
        for name, measure in cases.items():
            ours = [measure(single) for _ in range(args.repeat)]
            theirs = [measure([installed]) for _ in range(args.repeat)]
            print(f"  {name}: {statistics.median(ours):.3f} / {statistics.median(theirs):.3f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
