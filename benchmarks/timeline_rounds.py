"""The timeline command's processor time, this checkout against another, round by round.

    python benchmarks/timeline_rounds.py /path/to/other/checkout [--sizes 5000 20000] [--rounds 7]
        [--jrnl]

On a machine shared with other work the same command can take 10 % longer from one
minute to the next, more than most single changes to the timeline.  This builds the
benchmark's three shapes of case (see ``run.py``) and runs ``sen-workbook timeline CHILD
--purpose ehcna`` with each checkout's code in turn, shape by shape, round after round,
so that both meet the same load; it prints each one's median and least processor time
(user + system) and the speed-up of the medians.  With ``--jrnl`` each round also runs
``jrnl --export markdown`` of the same texts (as ``run.py`` does), and each checkout's
median is given as a ratio of jrnl's.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def processor_ms(checkout: Path, db: Path, child_id: str) -> float:
    """One run of the timeline command with ``checkout``'s code, its processor time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        [sys.executable, "-m", "sen_workbook", "--db", str(db), "timeline", child_id]
        + ["--purpose", "ehcna", "--as-of", "2026-08-31"],
        env=dict(os.environ, PYTHONPATH=str(checkout)),
        # In the checkout's folder: ``python -m`` puts the folder it runs in before
        # PYTHONPATH, so run from another checkout's root it would time that one's code.
        cwd=checkout,
        stdout=subprocess.DEVNULL,
        check=True,
        timeout=600,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return used * 1000


def jrnl_ms(command: list[str]) -> float:
    """One run of jrnl's export, its processor time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)) * 1000


def main() -> int:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from run import build_workbook, jrnl_journal  # the benchmark's own shapes and reference

    from sen_workbook.workbook import Workbook

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("other", type=Path, help="the other checkout (its root folder)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 20000])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument(
        "--jrnl",
        action="store_true",
        help="run jrnl --export markdown of the same texts in each round too (needs jrnl)",
    )
    args = parser.parse_args()
    checkouts = {"this": ROOT, "other": args.other.resolve()}
    for checkout in checkouts.values():  # as pip does on install (see README.md)
        compileall.compile_dir(str(checkout / "sen_workbook"), quiet=1)
    with tempfile.TemporaryDirectory(prefix="sen-workbook-rounds-") as temp:
        cases = []
        for size in args.sizes:
            for shape in "abc":
                folder = Path(temp) / f"{shape}-{size}"
                folder.mkdir()
                db = build_workbook(folder, size, children=1, shape=shape)
                with Workbook(db, read_only=True) as book:
                    child = book.children()[0]
                    jrnl = jrnl_journal(folder, book.entries(child["id"])) if args.jrnl else []
                cases.append((f"({shape}) {size:,}", db, child["id"], jrnl))
        for *_, jrnl in cases:
            if jrnl:  # jrnl rewrites its settings on first use: kept out of the rounds
                jrnl_ms(jrnl)
        times: dict[tuple[str, str], list[float]] = {}
        for _ in range(args.rounds):
            for name, db, child_id, jrnl in cases:
                for which, checkout in checkouts.items():
                    times.setdefault((name, which), []).append(processor_ms(checkout, db, child_id))
                if jrnl:
                    times.setdefault((name, "jrnl"), []).append(jrnl_ms(jrnl))
    print("shape, entries: this checkout | the other, median (least) ms | speed-up")
    for name, *_ in cases:
        ours, theirs = times[(name, "this")], times[(name, "other")]
        line = (
            f"{name}: {statistics.median(ours):.0f} ({min(ours):.0f}) | "
            f"{statistics.median(theirs):.0f} ({min(theirs):.0f}) | "
            f"{statistics.median(theirs) / statistics.median(ours):.2f} ×"
        )
        if (name, "jrnl") in times:
            jrnl_times = times[(name, "jrnl")]
            line += (
                f" | jrnl {statistics.median(jrnl_times):.0f} ({min(jrnl_times):.0f}): "
                f"{statistics.median(ours) / statistics.median(jrnl_times):.2f} and "
                f"{statistics.median(theirs) / statistics.median(jrnl_times):.2f} × jrnl"
            )
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
