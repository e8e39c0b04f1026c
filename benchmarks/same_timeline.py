"""Whether this checkout writes the same timelines, byte for byte, as another one.

    python benchmarks/same_timeline.py /path/to/other/checkout [--sizes 5000]

Work on the timeline's speed must not change a byte of what it writes.  This builds the
benchmark's three shapes of case (short observations; plans and reviews; long details,
see ``run.py``) and the demo workbook, and writes every timeline of them (each purpose,
with and without a pseudonym and filters, on two preparation days) with each checkout's
code in its own process, then compares the bytes.  Exit code 0 when all are the same.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Run by each checkout's code: every timeline of the workbook given, one after another.
WRITE_ALL = """
import datetime as dt, sys
from pathlib import Path
from sen_workbook.workbook import Workbook
from sen_workbook.timeline import TimelineOptions, render_timeline

choices = (
    {},
    {"pseudonym": "Child A"},
    {"date_from": dt.date(2024, 1, 1), "areas": ("semh",)},
    {"kinds": ("concern", "meeting", "request")},
)
out = sys.stdout.buffer
with Workbook(Path(sys.argv[1]), read_only=True) as book:
    for child in book.children():
        entries = book.stored_entries(child["id"])
        for purpose in ("ehcna", "complaint", "chronology"):
            for chosen in choices:
                for as_of in (dt.date(2025, 6, 30), dt.date(2026, 8, 31)):
                    options = TimelineOptions(purpose=purpose, as_of=as_of, **chosen)
                    out.write(render_timeline(child, entries, options).encode("utf-8"))
                    out.write(b"\\n=====\\n")
"""


def timelines(checkout: Path, db: Path) -> bytes:
    env = dict(os.environ, PYTHONPATH=str(checkout))
    # Run in the checkout's folder: ``python -c`` puts the folder it runs in before
    # PYTHONPATH, so run from another checkout's root it would read that one's code.
    done = subprocess.run(
        [sys.executable, "-c", WRITE_ALL, str(db)],
        env=env,
        cwd=checkout,
        capture_output=True,
        timeout=3600,
    )
    if done.returncode:
        raise SystemExit(f"{checkout} could not write the timelines: {done.stderr.decode()[-800:]}")
    return done.stdout


def main() -> int:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from run import build_workbook  # the benchmark's own shapes

    from sen_workbook import demo
    from sen_workbook.workbook import Workbook

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("other", type=Path, help="the other checkout (its root folder)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000])
    args = parser.parse_args()
    different = 0
    with tempfile.TemporaryDirectory(prefix="sen-workbook-same-") as temp:
        books: list[tuple[str, Path]] = []
        folder = Path(temp) / "demo"
        folder.mkdir()
        sample = demo.generate()
        with Workbook(folder / "workbook.json") as book:
            book.load_sample(sample.children, sample.entries, sample.files)
        books.append(("demo workbook", folder / "workbook.json"))
        for size in args.sizes:
            for shape in "abc":
                folder = Path(temp) / f"{shape}-{size}"
                folder.mkdir()
                books.append(
                    (
                        f"shape ({shape}), {size:,} entries",
                        build_workbook(folder, size, children=1, shape=shape),
                    )
                )
        for name, db in books:
            ours, theirs = timelines(ROOT, db), timelines(args.other.resolve(), db)
            same = ours == theirs
            different += not same
            digest = hashlib.sha256(ours).hexdigest()[:16]
            print(f"{name}: {len(ours):,} bytes, {'the same' if same else 'DIFFERENT'} ({digest})")
    return 1 if different else 0


if __name__ == "__main__":
    raise SystemExit(main())
