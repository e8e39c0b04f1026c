"""Benchmarks at family scale, each figure beside its reference measured in the same run.

    pip install ".[bench]"
    python benchmarks/run.py                 # all sizes, 5 repeats, writes benchmarks/RESULTS.md
    python benchmarks/run.py --quick         # 1,000 and 5,000 entries, 3 repeats, to try it out

The machine is shared and noisy, so each figure is reported as a median with its spread
and as a ratio to a reference taken in the same run, interleaved with it.  Workbooks are
built with the sample generator (``sen_workbook.demo.generate``) in a temporary folder.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sen_workbook import demo, model  # noqa: E402
from sen_workbook.files import atomic_write  # noqa: E402
from sen_workbook.storage import serialise  # noqa: E402
from sen_workbook.timeline import TimelineOptions, render_timeline  # noqa: E402
from sen_workbook.workbook import Workbook  # noqa: E402

AS_OF = dt.date(2026, 8, 31)


@dataclass
class Figure:
    name: str
    size: int
    unit: str
    values: list[float] = field(default_factory=list)
    reference: list[float] = field(default_factory=list)
    reference_name: str = ""
    target: str = ""
    limit: Callable[[float, float | None], bool] | None = None
    # Processor time (user + system) of the processes timed, in ms: on a shared, loaded
    # machine the wall clock measures the queue as much as the work; this does not.
    cpu: list[float] = field(default_factory=list)
    cpu_reference: list[float] = field(default_factory=list)
    # Calls that wait for the disk (fsync, fdatasync, sync) in each repeat, where counted.
    counts: list[int] = field(default_factory=list)
    counts_reference: list[int] = field(default_factory=list)
    # Where each repeat's figure and its reference were taken side by side (the start-up
    # rounds), the ratio is read round by round: the median of the rounds' ratios rather
    # than the ratio of the two medians, so that a round the whole machine ran slow or
    # quick moves both sides of its ratio alike.
    paired: bool = False

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def ref_median(self) -> float | None:
        return statistics.median(self.reference) if self.reference else None

    @property
    def ratio(self) -> float | None:
        if self.paired and self.reference:
            return statistics.median(round_ratios(self.values, self.reference))
        ref = self.ref_median
        return self.median / ref if ref else None

    @property
    def ratio_of_medians(self) -> float | None:
        """The median ÷ the reference's median: how every ratio was read before the
        rounds were paired, shown beside the paired one."""
        ref = self.ref_median
        return self.median / ref if ref else None

    @property
    def cpu_ratio(self) -> float | None:
        """The ratio in processor time, read as :attr:`ratio` is."""
        if not (self.cpu and self.cpu_reference):
            return None
        if self.paired:
            return statistics.median(round_ratios(self.cpu, self.cpu_reference))
        return statistics.median(self.cpu) / statistics.median(self.cpu_reference)

    def spread(self, values: list[float]) -> str:
        return f"{min(values):.1f}–{max(values):.1f}"

    @property
    def met(self) -> str:
        if self.limit is None:
            return ""
        return "yes" if self.limit(self.median, self.ratio) else "**no**"


def round_ratios(values: list[float], reference: list[float]) -> list[float]:
    """Each round's figure ÷ its reference of the same round."""
    return [value / ref for value, ref in zip(values, reference, strict=True) if ref]


def quartiles(values: list[float]) -> tuple[float, float]:
    """The lower and upper quartiles: the spread of the middle half, which one round
    stopped by the machine's other work does not stretch as it stretches min–max."""
    if len(values) < 2:
        return values[0], values[0]
    low, _, high = statistics.quantiles(values, n=4)
    return low, high


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def children_cpu_ms() -> float:
    """Processor time (user + system) used so far by the finished child processes."""
    import resource

    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (used.ru_utime + used.ru_stime) * 1000


def timed_process(
    command: list[str], env: dict[str, str] | None, wall: list[float], cpu: list[float]
) -> None:
    """Run ``command`` once, noting its wall-clock time and the processor time it used."""
    before = children_cpu_ms()
    wall.append(timed(lambda: run_quiet(command, env)))
    cpu.append(children_cpu_ms() - before)


def build_workbook(
    folder: Path,
    size: int,
    *,
    children: int = 3,
    attachments: int | None = None,
    pdf_exhibits: int = 0,
    shape: str = "",
) -> Path:
    sample = demo.generate(size, children=children, attachments=attachments)
    if shape:
        SHAPES[shape](sample)
    # The sample draws its texts from a small pool; a real diary's are all different, so
    # give every entry its own title and details, or caches would flatter the figures.
    for number, entry in enumerate(sample.entries, 1):
        entry["title"] = f"{entry['title']} (note {number})"
        entry["details"] = f"{entry['details']} Written up as note {number}."
    if pdf_exhibits:
        with_pdf_exhibits(sample, pdf_exhibits)
    path = folder / "workbook.json"
    with Workbook(path) as book:
        book.load_sample(sample.children, sample.entries, sample.files)
    return path


# --- shapes of case: the same number of entries, kept differently --------------------------

_WORDS = (
    "he was calm at the gate and walked in with his friend but at lunch the hall was loud "
    "so he covered his ears and would not eat teacher said the visual timetable helped in "
    "the morning and he finished his reading book at home he asked to go to bed early after "
    "the swimming lesson and cried when the bus was late the assistant sat with him in "
    "maths and he used the number line without help"
).split()


# The sample's own plans and reviews name each other; the shapes leave them as they are.
_STORY_KINDS = ("plan", "review")


def _sentence(pick: Callable[[], float], words: int) -> str:
    chosen = [_WORDS[int(pick() * len(_WORDS))] for _ in range(words)]
    return " ".join(chosen).capitalize() + "."


def shape_short_observations(sample: demo.Sample) -> None:
    """(a) Mostly short observations: nine entries in ten become an observation of a
    sentence or two, as a parent jotting a line a day writes them."""
    import random

    pick = random.Random(1).random
    for number, entry in enumerate(sample.entries):
        if number % 10 == 9 or entry.get("attachments") or entry["kind"] in _STORY_KINDS:
            continue
        sample.entries[number] = model.new_entry(
            "observation",
            entry["child_id"],
            id=entry["id"],
            date=entry["date"],
            created_at=entry["created_at"],
            updated_at=entry["updated_at"],
            title=_sentence(pick, 4)[:-1],
            details=_sentence(pick, 8 + int(pick() * 12)),
            areas=entry["areas"],
        )


def shape_plans_and_reviews(sample: demo.Sample) -> None:
    """(b) A plan every 50 entries with four targets (three carried over from the plan
    before, keeping their ids) and provision, and 25 entries later a review of it with a
    result for each target, so that targets run across plans and are not met in a row."""
    import random

    pick = random.Random(2).random
    latest: dict[str, dict] = {}  # child id -> its latest plan
    targets: dict[str, list[dict]] = {}
    serial = 0
    for number, entry in enumerate(sample.entries):
        if entry.get("attachments") or entry["kind"] in _STORY_KINDS:
            continue
        child_id = entry["child_id"]
        common = dict(
            id=entry["id"],
            date=entry["date"],
            created_at=entry["created_at"],
            updated_at=entry["updated_at"],
            areas=entry["areas"],
            title=entry["title"],
            details=entry["details"],
        )
        if number % 50 == 0:
            serial += 1
            carried = targets.get(child_id, [])[1:]
            fresh = {
                "id": f"target-{serial}",
                "text": _sentence(pick, 7),
                "area": "communication_interaction",
                "success_measure": _sentence(pick, 5),
                "by_date": "",
            }
            targets[child_id] = [*carried, fresh][-4:]
            day = model.entry_day(entry)
            plan = model.new_entry(
                "plan",
                child_id,
                **common,
                start_date=day.isoformat(),
                review_date=(day + dt.timedelta(weeks=6)).isoformat(),
                targets=[dict(t) for t in targets[child_id]],
                provision=[
                    {
                        "what": _sentence(pick, 5),
                        "who": "Teaching assistant",
                        "frequency": "Daily",
                        "start": day.isoformat(),
                        "end": "",
                    }
                ],
            )
            sample.entries[number] = latest[child_id] = plan
        elif number % 50 == 25 and child_id in latest:
            results = ("met", "partly", "not_met", "not_met", "not_met", "not_assessed")
            sample.entries[number] = model.new_entry(
                "review",
                child_id,
                **common,
                plan_id=latest[child_id]["id"],
                outcomes=[
                    {
                        "target_id": t["id"],
                        "result": results[int(pick() * len(results))],
                        "evidence": _sentence(pick, 6),
                    }
                    for t in latest[child_id]["targets"]
                ],
                parent_views=_sentence(pick, 10),
                next_steps=_sentence(pick, 8),
            )


def shape_long_details(sample: demo.Sample) -> None:
    """(c) Long details: one to four paragraphs of 60 words each."""
    import random

    pick = random.Random(3).random
    for entry in sample.entries:
        paragraphs = 1 + int(pick() * 4)
        entry["details"] = "\n\n".join(
            " ".join(_sentence(pick, 12) for _ in range(5)) for _ in range(paragraphs)
        )


SHAPES: dict[str, Callable[[demo.Sample], None]] = {
    "a": shape_short_observations,
    "b": shape_plans_and_reviews,
    "c": shape_long_details,
}


def multi_page_pdf(pages: int, title: str) -> bytes:
    """A report of ``pages`` A4 pages of text, as a scanner or a school's system writes."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    pdf.set_font("Helvetica", size=11)
    for number in range(1, pages + 1):
        pdf.add_page()
        pdf.multi_cell(0, 6, f"{title}, page {number} of {pages}. " + "Observed in class. " * 120)
    return bytes(pdf.output())


def with_pdf_exhibits(sample: demo.Sample, count: int) -> None:
    """Turn ``count`` of the sample's attached text files into PDFs of 2 to 9 pages."""
    import hashlib

    done = 0
    for entry in sample.entries:
        for attachment in entry["attachments"]:
            if done == count or not attachment["filename"].endswith(".txt"):
                continue
            data = multi_page_pdf(2 + done % 8, attachment["filename"][:-4])
            sha = hashlib.sha256(data).hexdigest()
            sample.files[sha] = data
            attachment.update(
                sha256=sha, size=len(data), filename=attachment["filename"][:-4] + ".pdf"
            )
            done += 1
    if done < count:
        raise SystemExit(f"only {done} text attachments to turn into PDFs, not {count}")


def env_for(db: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env["SEN_WORKBOOK_DB"] = str(db)
    return env


# --- timeline against jrnl ------------------------------------------------------------


def jrnl_journal(folder: Path, entries: list[dict]) -> list[str]:
    """The same titles and texts as a jrnl journal, and the command that exports it."""
    journal = folder / "journal.txt"
    lines = []
    for entry in entries:
        when = entry["date"] if len(entry["date"]) > 10 else entry["date"] + " 09:00"
        title = entry["title"].replace("\n", " ")
        lines.append(f"[{when}] {title}\n{entry['details']}\n")
    journal.write_text("\n".join(lines), encoding="utf-8")
    config = folder / "jrnl.yaml"
    config.write_text(
        "colors: {body: none, date: none, tags: none, title: none}\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\nhighlight: false\n"
        "indent_character: '|'\n"
        f"journals: {{default: {{journal: {journal}}}}}\n"
        "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\ntimeformat: '%F %r'\nversion: v4.6\n",
        encoding="utf-8",
    )
    jrnl = shutil.which("jrnl") or str(Path(sys.executable).parent / "jrnl")
    return [jrnl, "--config-file", str(config), "--export", "markdown"]


def sen_workbook_command() -> list[str]:
    """The installed ``sen-workbook`` command, as a parent runs it (and as jrnl is run);
    ``python -m sen_workbook`` from the checkout when it is not installed."""
    script = Path(sys.executable).parent / "sen-workbook"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "sen_workbook"]


def run_quiet(command: list[str], env: dict[str, str] | None = None) -> None:
    result = subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, timeout=600
    )
    if result.returncode != 0:
        raise SystemExit(f"{command[0]} failed: {result.stderr.decode()[-500:]}")


def bench_timeline(work: Path, size: int, repeat: int, shape: str = "") -> Figure:
    folder = work / f"timeline{shape}-{size}"
    folder.mkdir()
    db = build_workbook(folder, size, children=1, shape=shape)
    with Workbook(db, read_only=True) as book:
        child = book.children()[0]
        entries = book.entries(child["id"])
    jrnl = jrnl_journal(folder, entries)
    ours = [
        *sen_workbook_command(),
        "--db",
        str(db),
        "timeline",
        child["id"],
        "--purpose",
        "ehcna",
        "--as-of",
        AS_OF.isoformat(),
    ]
    named = f", shape ({shape})" if shape else ""
    figure = Figure(
        f"timeline Markdown, whole process{named}",
        size,
        "ms",
        reference_name="jrnl --export markdown, same titles and texts",
        target="≤ 0.5 × jrnl",
        limit=lambda m, r: r is not None and r <= 0.5,
    )
    env = env_for(db)
    run_quiet(jrnl)  # jrnl rewrites its config on first use; keep that out of the timings
    for _ in range(repeat):
        timed_process(ours, env, figure.values, figure.cpu)
        timed_process(jrnl, None, figure.reference, figure.cpu_reference)
    return figure


# --- saving one edited entry against the floor ---------------------------------------------


def bench_save(work: Path, size: int, repeat: int) -> Figure:
    folder = work / f"save-{size}"
    folder.mkdir()
    db = build_workbook(folder, size)
    figure = Figure(
        "save one edited entry",
        size,
        "ms",
        reference_name="write the same bytes, already serialised, with fsync and os.replace",
        target="≤ 3 × floor",
        limit=lambda m, r: r is not None and r <= 3,
    )
    floor_target = folder / "floor.json"
    with Workbook(db) as book:
        entries = book.entries()
        victim = entries[len(entries) // 2]
        book.update_entry(victim["id"], {"title": victim["title"] + " (warm-up)"})
        payload = db.read_bytes()
        for n in range(repeat * 4):
            figure.values.append(
                timed(
                    lambda n=n: book.update_entry(
                        victim["id"], {"details": victim["details"] + f" edit {n}"}
                    )
                )
            )
            figure.reference.append(timed(lambda: atomic_write(floor_target, payload)))
    return figure


# --- import against one save ---------------------------------------------------------------


def bench_import(work: Path, size: int, repeat: int) -> Figure:
    folder = work / f"import-{size}"
    folder.mkdir()
    db = build_workbook(folder, size, attachments=0)
    archive = folder / "archive.zip"
    with Workbook(db, read_only=True) as book:
        book.write_archive(archive)
    figure = Figure(
        "import an archive",
        size,
        "ms",
        reference_name="one save of the same data (serialise + atomic write)",
        target="≤ 2.5 × one save",
        limit=lambda m, r: r is not None and r <= 2.5,
    )
    for n in range(repeat):
        target = folder / f"into-{n}" / "workbook.json"

        def do_import(target: Path = target) -> None:
            # As `sen-workbook import` into a new path opens it: written by the import's save.
            with Workbook(target, write_on_first_save=True) as book:
                book.import_archive(archive)

        with fsyncs_counted() as count:
            cpu = time.process_time()
            figure.values.append(timed(do_import))
            figure.cpu.append((time.process_time() - cpu) * 1000)
        figure.counts.append(count[0])
        data = json.loads(target.read_bytes())
        with fsyncs_counted() as count:
            cpu = time.process_time()
            figure.reference.append(
                timed(lambda data=data: atomic_write(folder / "one-save.json", serialise(data)))
            )
            figure.cpu_reference.append((time.process_time() - cpu) * 1000)
        figure.counts_reference.append(count[0])
        shutil.rmtree(target.parent)
    return figure


@contextmanager
def fsyncs_counted() -> Iterator[list[int]]:
    """Count the calls that wait for the disk (``fsync``, ``fdatasync``, ``sync``) made
    inside the block, in this process: on a shared disk their number says more than the
    time they took."""
    count = [0]
    originals = {name: getattr(os, name) for name in ("fsync", "fdatasync", "sync")}

    def counting(call: Callable[..., Any]) -> Callable[..., Any]:
        def counted(*args: Any) -> Any:
            count[0] += 1
            return call(*args)

        return counted

    for name, call in originals.items():
        setattr(os, name, counting(call))
    try:
        yield count
    finally:
        for name, call in originals.items():
            setattr(os, name, call)


# --- bundle against copying the files and writing the timeline -----------------------------


def bench_bundle(work: Path, size: int, repeat: int) -> Figure:
    folder = work / f"bundle-{size}"
    folder.mkdir()
    db = build_workbook(folder, size, children=1, attachments=200)
    figure = Figure(
        "evidence bundle with 200 attachments",
        size,
        "ms",
        reference_name="copy those files and write the timeline",
        target="≤ 1.5 × reference",
        limit=lambda m, r: r is not None and r <= 1.5,
    )
    options = TimelineOptions(as_of=AS_OF, purpose="ehcna")
    with Workbook(db, read_only=True) as book:
        child = book.children()[0]
        entries = book.entries(child["id"])
        shas = sorted({a["sha256"] for e in entries for a in e["attachments"]})
        for n in range(repeat):
            out = folder / f"bundle-{n}"
            figure.values.append(
                timed(lambda out=out: book.export_bundle(child, options, out, include_pdf=False))
            )
            copy_to = folder / f"copy-{n}"

            def reference(copy_to: Path = copy_to) -> None:
                copy_to.mkdir()
                (copy_to / "timeline.md").write_text(
                    render_timeline(child, book.entries(child["id"]), options), encoding="utf-8"
                )
                for sha in shas:
                    shutil.copyfile(book.attachment_path(sha), copy_to / sha)

            figure.reference.append(timed(reference))
            shutil.rmtree(out)
            shutil.rmtree(copy_to)
    return figure


# --- email import against storing its files and one save ------------------------------------


def write_mbox(path: Path, messages: int, attachments: int) -> None:
    """An mbox of ``messages`` emails, ``attachments`` of them with a file of 20 to 60 KB
    each (different bytes), made with the standard library's ``email`` package."""
    import mailbox
    import random
    from email.message import EmailMessage

    rng = random.Random(14)
    box = mailbox.mbox(path)
    every = max(1, messages // max(1, attachments))
    given = 0
    for n in range(messages):
        message = EmailMessage()
        sent = n % 3 == 0
        message["From"] = (
            "parent@example.org" if sent else f"Staff {n % 17} <staff{n % 17}@school.example>"
        )
        message["To"] = "senco@school.example" if sent else "parent@example.org"
        message["Subject"] = f"Re: week {n} at school"
        day = dt.datetime(2024, 1, 1, 9, 0, tzinfo=dt.UTC) + dt.timedelta(hours=7 * n)
        message["Date"] = day.strftime("%a, %d %b %Y %H:%M:%S +0000")
        message["Message-ID"] = f"<m{n}@school.example>"
        message.set_content(f"Message {n}. " + "How the week went, in a few lines. " * 12)
        if given < attachments and n % every == 0:
            size = rng.randrange(20_000, 60_000)
            message.add_attachment(
                rng.randbytes(size),
                maintype="application",
                subtype="pdf",
                filename=f"report-{n}.pdf",
            )
            given += 1
        box.add(message)
    box.flush()
    box.close()


def bench_mbox(work: Path, size: int, repeat: int) -> Figure:
    from sen_workbook import mail
    from sen_workbook.files import fsync_folder

    attachments = size // 4
    folder = work / f"mbox-{size}"
    folder.mkdir()
    source = folder / "family.mbox"
    write_mbox(source, size, attachments)
    figure = Figure(
        f"import an mbox of {size:,} emails with {attachments} attachments",
        size,
        "ms",
        reference_name="store those attachments and make one save of the result",
        target="≤ 3 × reference",
        limit=lambda m, r: r is not None and r <= 3,
    )
    for n in range(repeat):
        target = folder / f"into-{n}" / "workbook.json"
        with Workbook(target) as book:
            child = book.add_child({"name": "Sam Jones"})

            def do_import(book: Workbook = book, child_id: str = child["id"]) -> None:
                found = mail.read_mail(source, child_id, my_addresses=["parent@example.org"])
                book.add_entries(
                    [item.entry for item in found.new],
                    [content for item in found.new for content in item.files],
                )

            figure.values.append(timed(do_import))
        data = json.loads(target.read_bytes())
        files = [p.read_bytes() for p in sorted((target.parent / "files").iterdir())]
        assert len(data["entries"]) == size and len(files) == attachments
        copy_to = folder / f"reference-{n}"

        def reference(copy_to: Path = copy_to, data: dict = data, files: list = files) -> None:
            (copy_to / "files").mkdir(parents=True)
            for number, content in enumerate(files):
                atomic_write(copy_to / "files" / str(number), content, sync_folder=False)
            fsync_folder(copy_to / "files")
            atomic_write(copy_to / "workbook.json", serialise(data))

        figure.reference.append(timed(reference))
        shutil.rmtree(target.parent)
        shutil.rmtree(copy_to)
    return figure


# --- the bundle as one PDF against the folder bundle -----------------------------------------


def bench_pdf(work: Path, size: int, repeat: int) -> Figure:
    folder = work / f"pdf-{size}"
    folder.mkdir()
    db = build_workbook(folder, size, children=1, attachments=200, pdf_exhibits=50)
    figure = Figure(
        "PDF bundle, 200 attachments of which 50 multi-page PDFs",
        size,
        "ms",
        reference_name="the folder bundle (timeline, HTML, files, manifest)",
        target="≤ 2 × reference",
        limit=lambda m, r: r is not None and r <= 2,
    )
    options = TimelineOptions(as_of=AS_OF, purpose="ehcna")
    with Workbook(db, read_only=True) as book:
        child = book.children()[0]
        for n in range(repeat):
            out = folder / f"bundle-{n}.pdf"
            # Processor time of this process, every thread of it, beside the wall clock.
            cpu = time.process_time()
            figure.values.append(timed(lambda out=out: book.export_bundle(child, options, out)))
            figure.cpu.append((time.process_time() - cpu) * 1000)
            copy_to = folder / f"folder-{n}"
            cpu = time.process_time()
            figure.reference.append(
                timed(
                    lambda copy_to=copy_to: book.export_bundle(
                        child, options, copy_to, include_pdf=False
                    )
                )
            )
            figure.cpu_reference.append((time.process_time() - cpu) * 1000)
            out.unlink()
            shutil.rmtree(copy_to)
    return figure


PEAK_OF_EXPORT = """
import datetime, os, sys
from pathlib import Path
from sen_workbook.timeline import TimelineOptions
from sen_workbook.workbook import Workbook
with Workbook(Path(os.environ["SEN_WORKBOOK_DB"]), read_only=True) as book:
    child = book.children()[0]
    book.export_bundle(child, TimelineOptions(as_of=datetime.date(2026, 8, 31), purpose="ehcna"),
                       Path(sys.argv[1]), include_pdf=False)
for line in open("/proc/self/status"):
    if line.startswith("VmHWM:"):
        print(int(line.split()[1]) / 1024)
"""


def bench_pdf_memory(work: Path, size: int, repeat: int) -> Figure:
    folder = work / f"pdf-memory-{size}"
    folder.mkdir()
    db = build_workbook(folder, size, children=1, attachments=200, pdf_exhibits=50)
    figure = Figure(
        "peak memory (RSS) of the PDF bundle",
        size,
        "MB",
        reference_name="peak memory of the folder bundle, in the same way",
        target="≤ reference + 200 MB",
        limit=lambda m, r: r is not None and m - m / r <= 200,
    )
    env = env_for(db)

    def peak(out: Path) -> float:
        result = subprocess.run(
            [sys.executable, "-c", PEAK_OF_EXPORT, str(out)],
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=True,
        )
        return float(result.stdout.split()[-1])

    for n in range(repeat):
        figure.values.append(peak(folder / f"bundle-{n}.pdf"))
        figure.reference.append(peak(folder / f"folder-{n}"))
    return figure


# --- the report -----------------------------------------------------------------------------


def machine() -> str:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, {cpu}, "
        f"Python {platform.python_version()}"
    )


def report(figures: list[Figure], command: str, elapsed: float) -> str:
    lines = [
        "# Benchmark results",
        "",
        f"Machine: {machine()}. Run on {dt.date.today().isoformat()} in {elapsed:.0f} s.",
        "",
        f"Rerun with: `{command}`",
        "",
        "Times in milliseconds (memory in MB): median (min–max) over the repeats, each figure",
        "interleaved with its reference in the same run; the ratio is median ÷ reference median,",
        "except for the start-up figures, taken round by round with their reference: there it",
        "is the median of each round's own ratio.",
        "Every entry has its own title and details, as in a real diary.",
        "",
        "| figure | entries | median (spread) | reference | reference median (spread) | ratio | target | met |",
        "|---|---:|---:|---|---:|---:|---|---|",
    ]
    for f in figures:
        ref = f"{f.ref_median:.1f} ({f.spread(f.reference)})" if f.reference else ""
        ratio = f"{f.ratio:.2f}" if f.ratio is not None else ""
        lines.append(
            f"| {f.name} | {f.size:,} | {f.median:.1f} ({f.spread(f.values)}) | {f.reference_name} "
            f"| {ref} | {ratio} | {f.target} | {f.met} |"
        )
    with_cpu = [f for f in figures if f.cpu and f.cpu_reference]
    if with_cpu:
        lines += [
            "",
            "## Processor time",
            "",
            "User and system time of the processes timed, median (min–max) in ms: "
            "what the work costs, whatever else the machine is doing.",
            "",
            "The ratio is the median ÷ the reference's median; where the figure and its",
            "reference were taken in the same rounds, the median of each round's own ratio",
            "follows, with its quartiles (the middle half of the rounds).",
            "",
            "| figure | entries | ours | reference | ratio of the medians "
            "| median of the rounds' ratios (quartiles) |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for f in with_cpu:
            ours, ref = statistics.median(f.cpu), statistics.median(f.cpu_reference)
            paired = ""
            if f.paired:
                rounds = round_ratios(f.cpu, f.cpu_reference)
                low, high = quartiles(rounds)
                paired = f"{statistics.median(rounds):.2f} ({low:.2f}–{high:.2f})"
            lines.append(
                f"| {f.name} | {f.size:,} | {ours:.0f} ({f.spread(f.cpu)}) "
                f"| {ref:.0f} ({f.spread(f.cpu_reference)}) | {ours / ref:.2f} | {paired} |"
            )
    with_counts = [f for f in figures if f.counts and f.counts_reference]
    if with_counts:
        lines += [
            "",
            "## Waits for the disk",
            "",
            "Calls to `fsync`, `fdatasync` and `sync` in one repeat, median (min–max).",
            "",
            "| figure | entries | ours | reference |",
            "|---|---:|---:|---:|",
        ]
        for f in with_counts:
            lines.append(
                f"| {f.name} | {f.size:,} | {statistics.median(f.counts):g} "
                f"({min(f.counts)}–{max(f.counts)}) | {statistics.median(f.counts_reference):g} "
                f"({min(f.counts_reference)}–{max(f.counts_reference)}) |"
            )
    lines += ["", "## Growth with size", ""]
    by_name: dict[str, list[Figure]] = {}
    for f in figures:
        by_name.setdefault(f.name, []).append(f)
    for name, group in by_name.items():
        if len(group) < 2:
            continue
        group.sort(key=lambda f: f.size)
        first = group[0]
        steps = ", ".join(
            f"{g.size:,}: {g.median:.1f} {g.unit} ({g.median / first.median:.1f}× for "
            f"{g.size / first.size:.0f}× the entries)"
            for g in group
        )
        lines.append(f"- {name}: {steps}.")
    return "\n".join(lines) + "\n"


BENCHES: dict[str, Callable[[Path, int, int], Figure]] = {
    "timeline": bench_timeline,
    "timeline-a": lambda work, size, repeat: bench_timeline(work, size, repeat, "a"),
    "timeline-b": lambda work, size, repeat: bench_timeline(work, size, repeat, "b"),
    "timeline-c": lambda work, size, repeat: bench_timeline(work, size, repeat, "c"),
    "save": bench_save,
    "import": bench_import,
    "bundle": bench_bundle,
    "mbox": bench_mbox,
    "pdf": bench_pdf,
    "pdf-memory": bench_pdf_memory,
}
SIZES = {
    "timeline": (1000, 5000, 10000, 20000),
    "timeline-a": (1000, 5000, 20000),
    "timeline-b": (1000, 5000, 20000),
    "timeline-c": (1000, 5000, 20000),
    "save": (1000, 5000, 10000, 20000),
    "import": (1000, 5000, 10000, 20000),
    "bundle": (1000, 5000, 10000),
    "mbox": (2000,),
    "pdf": (1000, 5000),
    "pdf-memory": (5000,),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--repeat",
        type=int,
        help=f"repeats of each figure (default 5; {STARTUP_REPEAT} rounds for the start-up figures)",
    )
    parser.add_argument("--quick", action="store_true", help="sizes 1,000 and 5,000, 3 repeats")
    parser.add_argument("--only", action="append", choices=tuple(BENCHES) + tuple(EXTRA))
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "RESULTS.md"))
    parser.add_argument("--sizes", type=int, nargs="+", help="only these sizes (entries)")
    args = parser.parse_args()
    repeat = args.repeat or (3 if args.quick else 5)
    # The start-up figures move by more from round to round: more rounds by default.
    startup_repeat = args.repeat or (5 if args.quick else STARTUP_REPEAT)
    # An installed package has its bytecode compiled by pip; the checkout may not (for
    # instance with PYTHONDONTWRITEBYTECODE set), and jrnl is installed.  Compile it here
    # so that processes started from the checkout do not compile every module each time.
    compileall.compile_dir(str(ROOT / "sen_workbook"), quiet=1)
    chosen = args.only or list(BENCHES) + list(EXTRA)
    figures: list[Figure] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="sen-workbook-bench-") as temp:
        work = Path(temp)
        for name in chosen:
            bench = BENCHES.get(name) or EXTRA[name]
            sizes = SIZES.get(name, (10000,))
            if args.quick:
                sizes = tuple(s for s in sizes if s <= 5000) or (sizes[0],)
            if args.sizes:
                sizes = tuple(args.sizes)
            for size in sizes:
                print(f"{name} at {size:,} entries...", flush=True)
                figure = bench(work, size, startup_repeat if name in STARTUP else repeat)
                print(f"  {figure.median:.1f} ms, ratio {figure.ratio}", flush=True)
                figures.append(figure)
    command = "python " + " ".join(["benchmarks/run.py", *sys.argv[1:]])
    text = report(figures, command, time.perf_counter() - started)
    Path(args.out).write_text(text, encoding="utf-8")
    print(text)
    return 0


# --- the app: start-up to a child's journal, and memory, against a minimal Textual app ------

MINIMAL_APP = """
from textual.app import App
from textual.widgets import Static


class Minimal(App):
    def compose(self):
        yield Static("minimal app ready")


Minimal().run()
"""


# What start-up cannot go below: the app's modules imported and the workbook read, with
# nothing drawn.  Shown beside the start-up figures to say how much is left to the screen.
# Read as the app reads it (``run_app``): with the cycle collector paused, whose passes
# over the records just read would otherwise be counted in the limit and not in the app.
FLOOR = """
import os, time
from pathlib import Path
import sen_workbook.tui.app
from sen_workbook.collector import collector_paused
from sen_workbook.workbook import Workbook
with collector_paused(freeze=True):
    Workbook(Path(os.environ["SEN_WORKBOOK_DB"]), read_only=True)
print("floor ready", flush=True)
time.sleep(60)
"""


# What Textual itself takes to draw the journal's screen: the same widgets (header, summary
# line, four tabs, search box, a table of one page of 100 rows, status line, footer with the
# same keys) in a plain Textual app that reads nothing.  No start-up of this screen can be
# quicker, whatever the storage.  Its status line, once drawn, says the screen is up.
SAME_SCREEN_READY = "3,334 entries · newest first"
SAME_SCREEN = """
from textual.app import App
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Header, Input, Static, TabbedContent, TabPane


class SameScreen(App):
    TITLE = "SEN Workbook"
    CSS = (
        "#summary { height: 1; padding: 0 1; background: $boost; }"
        "TabbedContent, ContentSwitcher, TabPane, #pane { height: 1fr; padding: 0; }"
        "#filters { height: 1; margin: 0 1; } DataTable { height: 1fr; }"
        "#status { height: 1; padding: 0 1; }"
    )
    BINDINGS = [Binding(key, "bell", label) for key, label in (
        ("n", "New entry"), ("r", "Review plan"), ("p", "New plan"), ("escape", "Back"),
        ("slash", "Search"), ("o", "Order"), ("enter", "Open"), ("question_mark", "Help"))]

    def compose(self):
        yield Header()
        yield Static("Alex Example (Alex) · born 2016-03-14 · Year 5 · SEN Support",
                     id="summary", markup=False)
        with TabbedContent(initial="journal"):
            for tab in ("Overview", "Journal", "Cycles", "Timeline"):
                with TabPane(tab, id=tab.lower()):
                    if tab == "Journal":
                        with Vertical(id="pane"):
                            with Horizontal(id="filters"):
                                yield Input(placeholder="Search titles and notes", compact=True)
                            yield DataTable(cursor_type="row", zebra_stripes=True)
                            yield Static("", id="status", markup=False)
        yield Footer(compact=True)

    def on_mount(self):
        table = self.query_one(DataTable)
        for name, width in (("Date", 10), ("Kind", 11), ("Title", 58), ("Areas", 14),
                            ("Files", 5)):
            table.add_column(name, width=width)
        for n in range(100):
            table.add_row(f"2026-{n % 12 + 1:02d}-{n % 28 + 1:02d}", "Meeting",
                          f"Meeting with the class teacher about reading (note {n})",
                          "Cognition", str(n % 3) if n % 3 else "", key=str(n))
        self.query_one("#status", Static).update(READY)


SameScreen().run()
""".replace("READY", repr(SAME_SCREEN_READY))


# A tmux server of the benchmark's own (its own socket): on a machine shared with other
# work, a server others stop or fill with sessions of the same names stopped runs here
# halfway ("the screen did not show what was awaited").
# Named for this run, so that two runs at once (of two checkouts) do not stop each other's
# sessions.
TMUX = ["tmux", "-L", f"sen-workbook-bench-{os.getpid()}"]


def _tmux(*args: str) -> str:
    return subprocess.run([*TMUX, *args], capture_output=True, text=True, timeout=30).stdout


@contextmanager
def _tmux_server() -> Iterator[None]:
    """The benchmark's tmux server, kept running while its runs come and go.

    Left to itself the server stops when its last session is closed, as each run's is,
    and the next run starts it again: a run started while it was stopping was lost with
    it ("the screen did not show what was awaited", its screen empty), a run in a dozen
    or so once the rounds ran one session's runs one after the other.  An idle session
    keeps it up for the whole benchmark.
    """
    _tmux("new-session", "-d", "-s", "bench-keep", "sleep 86400")
    try:
        yield
    finally:
        _tmux("kill-server")


def _wait_on_screen(
    session: str, wanted: Callable[[str], bool], *, timeout: float = 60.0, pause: float = 0.0
) -> None:
    """Capture the terminal until ``wanted`` holds for what it shows, ``pause`` seconds
    apart (0: as fast as tmux answers, a capture taking a few milliseconds)."""
    deadline = time.perf_counter() + timeout
    shown = ""
    while time.perf_counter() < deadline:
        shown = _tmux("capture-pane", "-p", "-t", session)
        if wanted(shown):
            return
        time.sleep(pause)
    # Said with what was on the screen instead, so that a run stopped can be told apart:
    # a key lost, the app stopped with a fault, or the terminal's server gone (nothing).
    lines = [line for line in shown.splitlines() if line.strip()]
    last = "\n".join(lines[-6:]) if lines else "(nothing: no terminal)"
    raise SystemExit(
        f"the screen did not show what was awaited in {timeout:.0f} s ({session}); "
        f"it showed, last:\n{last}"
    )


def _wait_for(session: str, text: str) -> None:
    _wait_on_screen(session, lambda screen: text in screen, pause=0.01)


def _pane_pid(session: str) -> str:
    return _tmux("display-message", "-p", "-t", session, "#{pane_pid}").strip()


def _peak_rss_mb(pid: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise SystemExit("no VmHWM for the app process")


def _cpu_ms(pid: str) -> float:
    """Processor time (user + system, all threads, those ended included) the process has
    used so far, in ms: what the start-up cost, whatever else the shared machine was
    doing meanwhile.

    Read from the process's own processor clock (``clock_gettime`` of its CPU clock id,
    as ``clock_getcpuclockid`` makes it on Linux: the kernel's count in nanoseconds of
    the time its threads ran), which is what ``/proc/PID/stat`` gives in ticks of 10 ms
    (rounded, each start-up read to ±10 ms); that is read where the clock cannot be.
    """
    try:
        # MAKE_PROCESS_CPUCLOCK(pid, CPUCLOCK_SCHED) of the kernel's posix-timers.h.
        return time.clock_gettime(((~int(pid)) << 3) | 2) * 1000
    except (OSError, OverflowError, ValueError):
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        utime, stime = int(fields[11]), int(fields[12])  # fields 14 and 15 of proc(5)
        return (utime + stime) * 1000 / os.sysconf("SC_CLK_TCK")


# From the start: the children list, enter on the first child, then its journal tab.
TO_JOURNAL = [("", "Stage"), ("Enter", "Overview"), ("2", " entries · ")]


def _start_in_tmux(
    command: list[str], env: dict[str, str], steps: list[tuple[str, str]], session: str
) -> None:
    """Start ``command`` in a 120x40 terminal; for each (keys, text) step send the keys and
    wait for the text."""
    _tmux("kill-session", "-t", session)
    exports = " ".join(
        f"{k}={shlex.quote(v)}"
        for k, v in env.items()
        if k in ("PYTHONPATH", "SEN_WORKBOOK_DB", "SEN_WORKBOOK_CONFIG")
    )
    shell = f"env {exports} " + " ".join(shlex.quote(c) for c in command)
    _tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", shell)
    for keys, text in steps:
        if keys:
            _tmux("send-keys", "-t", session, keys)
        _wait_for(session, text)


def _run_in_tmux(
    command: list[str], env: dict[str, str], steps: list[tuple[str, str]], session: str
) -> tuple[float, float, float]:
    """:func:`_start_in_tmux`, then (ms from start to the last text, peak RSS in MB,
    processor ms used by then)."""
    start = time.perf_counter()
    _start_in_tmux(command, env, steps, session)
    elapsed = (time.perf_counter() - start) * 1000
    pid = _pane_pid(session)
    cpu = _cpu_ms(pid)
    rss = _peak_rss_mb(pid)
    _tmux("kill-session", "-t", session)
    return elapsed, rss, cpu


def _app_runs(work: Path, size: int, repeat: int) -> dict[str, list[float]]:
    """Start-up and memory of the app, both ways to its journal, of the floor, the
    plain-Textual screen and the minimal app, in rounds: each round runs each of the five
    once, so that the app's figure and the limit (floor + screen − minimal) of the same
    round meet the same load.  The rounds run the five in turn forwards and backwards, so
    that a machine growing busier or quieter through a round weighs on both sides alike,
    and a first round, whose processes find nothing in the system's caches, is run and
    left out."""
    folder = work / f"app-{size}"
    folder.mkdir(exist_ok=True)
    db = folder / "workbook.json"
    if not db.exists():
        build_workbook(folder, size)
    minimal = folder / "minimal.py"
    minimal.write_text(MINIMAL_APP)
    env = env_for(db)
    # From the children list: settings with no place to reopen (the sessions are killed,
    # so the app never writes one).
    env["SEN_WORKBOOK_CONFIG"] = str(folder / "config.json")
    # Reopening: settings left by a parent who closed the app on the first child's journal.
    with Workbook(db, read_only=True) as book:
        first = min(book.children(), key=lambda c: c["name"].casefold())
    reopening = folder / "reopen.json"
    reopening.write_text(
        json.dumps(
            {"last_place": {"workbook": str(db.absolute()), "child": first["id"], "tab": "journal"}}
        )
    )
    reopen_env = dict(env, SEN_WORKBOOK_CONFIG=str(reopening))
    floor = folder / "floor.py"
    floor.write_text(FLOOR)
    same_screen = folder / "same_screen.py"
    same_screen.write_text(SAME_SCREEN)
    runs: dict[str, list[float]] = {
        key: []
        for name in ("keys", "reopen", "floor", "screen", "ref")
        for key in (f"{name}_ms", f"{name}_mb", f"{name}_cpu")
    }

    def note(name: str, measured: tuple[float, float, float]) -> None:
        for suffix, value in zip(("ms", "mb", "cpu"), measured, strict=True):
            runs[f"{name}_{suffix}"].append(value)

    app = [sys.executable, "-m", "sen_workbook"]
    each: list[tuple[str, Callable[[], tuple[float, float, float]]]] = [
        ("keys", lambda: _run_in_tmux(app, env, TO_JOURNAL, "bench-app")),
        (
            "ref",
            lambda: _run_in_tmux(
                [sys.executable, str(minimal)], env, [("", "minimal app ready")], "bench-minimal"
            ),
        ),
        (
            "reopen",
            lambda: _run_in_tmux(app, reopen_env, [("", " entries · ")], "bench-reopen"),
        ),
        (
            "floor",
            lambda: _run_in_tmux(
                [sys.executable, str(floor)], env, [("", "floor ready")], "bench-floor"
            ),
        ),
        (
            "screen",
            lambda: _run_in_tmux(
                [sys.executable, str(same_screen)], env, [("", SAME_SCREEN_READY)], "bench-screen"
            ),
        ),
    ]
    with _tmux_server():
        for _, run in each:
            run()  # the cold round, left out
        for number in range(repeat):
            for name, run in each if number % 2 == 0 else reversed(each):
                note(name, run())
    return runs


_APP_CACHE: dict[tuple[int, int], dict[str, list[float]]] = {}


def _app_figures(work: Path, size: int, repeat: int) -> dict[str, list[float]]:
    if (size, repeat) not in _APP_CACHE:
        _APP_CACHE[(size, repeat)] = _app_runs(work, size, repeat)
    return _APP_CACHE[(size, repeat)]


def _startup_figure(
    name: str,
    size: int,
    values: list[float],
    reference: list[float],
    cpu: list[float],
    cpu_reference: list[float],
) -> Figure:
    return Figure(
        name,
        size,
        "ms",
        values=values,
        reference=reference,
        cpu=cpu,
        cpu_reference=cpu_reference,
        reference_name="minimal Textual app showing one line, started the same way",
        target="≤ 1.5 × minimal app",
        limit=lambda m, r: r is not None and r <= 1.5,
        paired=True,
    )


def bench_startup(work: Path, size: int, repeat: int) -> Figure:
    runs = _app_figures(work, size, repeat)
    return _startup_figure(
        "start to a child's journal on screen, from the children list: enter, 2 (tmux, 120x40)",
        size,
        runs["keys_ms"],
        runs["ref_ms"],
        runs["keys_cpu"],
        runs["ref_cpu"],
    )


def bench_reopen(work: Path, size: int, repeat: int) -> Figure:
    runs = _app_figures(work, size, repeat)
    return _startup_figure(
        "start to a child's journal on screen, reopening where the app was closed (tmux, 120x40)",
        size,
        runs["reopen_ms"],
        runs["ref_ms"],
        runs["reopen_cpu"],
        runs["ref_cpu"],
    )


def bench_floor(work: Path, size: int, repeat: int) -> Figure:
    runs = _app_figures(work, size, repeat)
    return Figure(
        "for comparison: import the app and read the workbook, nothing drawn (tmux)",
        size,
        "ms",
        values=runs["floor_ms"],
        reference=runs["ref_ms"],
        cpu=runs["floor_cpu"],
        cpu_reference=runs["ref_cpu"],
        reference_name="minimal Textual app showing one line, started the same way",
        target="none: the least start-up could take",
        paired=True,
    )


def bench_screen(work: Path, size: int, repeat: int) -> Figure:
    runs = _app_figures(work, size, repeat)
    return Figure(
        "for comparison: the journal's screen (header, tabs, search box, a page of "
        "100 rows, footer) in a plain Textual app that reads nothing (tmux)",
        size,
        "ms",
        values=runs["screen_ms"],
        reference=runs["ref_ms"],
        cpu=runs["screen_cpu"],
        cpu_reference=runs["ref_cpu"],
        reference_name="minimal Textual app showing one line, started the same way",
        target="none: what Textual takes to draw this screen",
        paired=True,
    )


def _limit(runs: dict[str, list[float]], unit: str = "ms") -> list[float]:
    """What start-up cannot go below, run by run: the floor (the app imported and the
    workbook read) plus what plain Textual needs to draw the journal's screen beyond the
    one-line app, each term from the same round of the interleaved runs."""
    return [
        floor + screen - minimal
        for floor, screen, minimal in zip(
            runs[f"floor_{unit}"], runs[f"screen_{unit}"], runs[f"ref_{unit}"], strict=True
        )
    ]


def _limit_figure(
    name: str,
    size: int,
    values: list[float],
    limit: list[float],
    cpu: list[float],
    cpu_limit: list[float],
) -> Figure:
    return Figure(
        name,
        size,
        "ms",
        values=values,
        reference=limit,
        reference_name="the limit: floor + (the journal's screen in plain Textual − one-line app)",
        target="≤ 1.2 × the limit",
        limit=lambda m, r: r is not None and r <= 1.2,
        cpu=cpu,
        cpu_reference=cpu_limit,
        paired=True,
    )


def bench_startup_limit(work: Path, size: int, repeat: int) -> Figure:
    runs = _app_figures(work, size, repeat)
    return _limit_figure(
        "start to a child's journal on screen, from the children list, against the limit",
        size,
        runs["keys_ms"],
        _limit(runs),
        runs["keys_cpu"],
        _limit(runs, "cpu"),
    )


def bench_reopen_limit(work: Path, size: int, repeat: int) -> Figure:
    runs = _app_figures(work, size, repeat)
    return _limit_figure(
        "start to a child's journal on screen, reopening, against the limit",
        size,
        runs["reopen_ms"],
        _limit(runs),
        runs["reopen_cpu"],
        _limit(runs, "cpu"),
    )


def bench_memory(work: Path, size: int, repeat: int) -> Figure:
    runs = _app_figures(work, size, repeat)
    ours_mb, ref_mb = runs["keys_mb"], runs["ref_mb"]
    figure = Figure(
        "peak memory (RSS) with the journal open",
        size,
        "MB",
        values=ours_mb,
        reference=ref_mb,
        reference_name="minimal Textual app (same start)",
        target="≤ minimal + 100 MB",
        limit=lambda m, r: m - statistics.median(ref_mb) <= 100,
    )
    return figure


# --- search as you type ---------------------------------------------------------------------


def bench_search(work: Path, size: int, repeat: int) -> Figure:
    """A key typed into the journal's search box, to the table and its status line showing
    the matches for the new text, in the same terminal as the start-up figure.

    The status line names the search ("... entries matching “hom” ..."), so the time is
    taken when the screen shows the table for exactly what has been typed.  It includes
    tmux passing the key on and drawing the screen, as a parent's terminal would.
    """
    folder = work / f"search-{size}"
    folder.mkdir()
    db = build_workbook(folder, size)
    env = env_for(db)
    env["SEN_WORKBOOK_CONFIG"] = str(folder / "config.json")
    figure = Figure(
        "search keystroke to updated journal table (tmux)",
        size,
        "ms",
        target="50 ms median",
        limit=lambda m, r: m <= 50,
    )
    session = "bench-search"
    with _tmux_server():
        _type_searches(session, env, figure, repeat)
    return figure


def _type_searches(session: str, env: dict[str, str], figure: Figure, repeat: int) -> None:
    """The search figure's runs: the app started on a journal, then each word typed."""
    try:
        _start_in_tmux([sys.executable, "-m", "sen_workbook"], env, TO_JOURNAL, session)
        _tmux("send-keys", "-t", session, "/")
        time.sleep(0.5)
        for word in ["home", "school", "sleep", "email", "tired", "meeting"] * repeat:
            for length in range(1, len(word) + 1):
                shown = f"matching \u201c{word[:length]}\u201d"
                start = time.perf_counter()
                _tmux("send-keys", "-t", session, "-l", word[length - 1])
                _wait_on_screen(session, lambda screen, shown=shown: shown in screen, timeout=30)
                figure.values.append((time.perf_counter() - start) * 1000)
            _tmux("send-keys", "-t", session, "C-u")  # clear the search box
            _wait_on_screen(session, lambda screen: "matching" not in screen, timeout=30)
            time.sleep(0.2)
    finally:
        _tmux("kill-session", "-t", session)


EXTRA: dict[str, Callable[[Path, int, int], Figure]] = {
    "startup": bench_startup,
    "reopen": bench_reopen,
    "floor": bench_floor,
    "screen": bench_screen,
    "startup-limit": bench_startup_limit,
    "reopen-limit": bench_reopen_limit,
    "memory": bench_memory,
    "search": bench_search,
}
# The figures taken in the start-up rounds, and how many rounds by default.
STARTUP = frozenset(EXTRA) - {"search"}
STARTUP_REPEAT = 15
SIZES.update(
    {
        "startup": (1000, 10000),
        "reopen": (1000, 10000),
        "floor": (1000, 10000),
        "screen": (10000,),
        "startup-limit": (10000,),
        "reopen-limit": (10000,),
        "memory": (1000, 10000, 20000),
        "search": (10000,),
    }
)

if __name__ == "__main__":
    raise SystemExit(main())
