"""The sample workbook: valid at every size, exactly the size asked, the same for a seed,
and telling the story a new user and the analysis expect to find."""

from __future__ import annotations

import hashlib
import json
import struct
import uuid
import zlib
from collections import Counter, defaultdict
from datetime import date, timedelta

import pytest

from sen_workbook import demo, model


@pytest.fixture(scope="module")
def default() -> demo.Sample:
    return demo.generate()


@pytest.fixture(scope="module")
def thousand() -> demo.Sample:
    return demo.generate(1000, children=3)


def by_child(sample: demo.Sample) -> dict[str, list[dict]]:
    """Entries per child's preferred name (or first name), in date order."""
    names = {c["id"]: c["preferred_name"] or c["name"].split()[0] for c in sample.children}
    grouped: dict[str, list[dict]] = defaultdict(list)
    for entry in sorted(sample.entries, key=lambda e: e["date"]):
        grouped[names[entry["child_id"]]].append(entry)
    return grouped


def results_by_target(entries: list[dict]) -> dict[str, list[str]]:
    """Each target's results, review by review, in date order."""
    results: dict[str, list[str]] = defaultdict(list)
    for review in (e for e in entries if e["kind"] == "review"):
        for outcome in review["outcomes"]:
            results[outcome["target_id"]].append(outcome["result"])
    return results


@pytest.mark.parametrize(
    ("size", "children", "seed"),
    [(30, 2, 7), (30, 3, 1), (120, 2, 7), (120, 3, 2), (1000, 2, 3), (1000, 3, 7)],
)
def test_sample_is_valid(size: int, children: int, seed: int) -> None:
    sample = demo.generate(size, children=children, seed=seed)
    assert model.validate_records(sample.children, sample.entries) == []


def test_largest_benchmark_sample_is_valid() -> None:
    sample = demo.generate(20000, children=3, seed=5)
    assert len(sample.entries) == 20000
    assert model.validate_records(sample.children, sample.entries) == []


def test_every_cut_of_the_story_is_valid() -> None:
    # Sizes that stop part-way through the story must never keep a review without its plan.
    for children in (1, 2, 3):
        for size in range(0, 140, 5):
            sample = demo.generate(size, children=children)
            assert len(sample.entries) == size
            assert model.validate_records(sample.children, sample.entries) == [], (size, children)


@pytest.mark.parametrize("size", [0, 1, 29, 30, 31, 57, 120, 333, 1000])
@pytest.mark.parametrize("children", [1, 2, 3])
def test_exactly_the_size_asked(size: int, children: int) -> None:
    sample = demo.generate(size, children=children)
    assert len(sample.entries) == size
    assert len(sample.children) == children


def test_children_of_the_sample_family(default: demo.Sample) -> None:
    tobi, amara = default.children
    assert (tobi["name"], tobi["preferred_name"]) == ("Oluwatobi Okafor-Bennett", "Tobi")
    assert tobi["areas"] == ["communication_interaction", "semh"]
    assert amara["name"] == "Amara Okafor-Bennett"
    # Tobi is in Year 4 in September 2023: born 1 Sep 2014 to 31 Aug 2015.
    assert date(2014, 9, 1) <= date.fromisoformat(tobi["date_of_birth"]) <= date(2015, 8, 31)
    # Amara is older, in Year 8 that September: born 1 Sep 2010 to 31 Aug 2011.
    assert date(2010, 9, 1) <= date.fromisoformat(amara["date_of_birth"]) <= date(2011, 8, 31)
    # The record shows the child at the end of the journal, three school years on.
    assert tobi["year_group"] == "Year 6"
    third = demo.generate(120, children=3).children[2]
    assert third["name"] == "Femi Okafor-Bennett"


def test_ages_follow_the_start_date() -> None:
    later = demo.generate(60, start=date(2025, 9, 1))
    tobi = later.children[0]
    # Year 4 in 2025/26: born 1 Sep 2016 to 31 Aug 2017.
    assert date(2016, 9, 1) <= date.fromisoformat(tobi["date_of_birth"]) <= date(2017, 8, 31)


def test_same_seed_gives_the_same_sample_byte_for_byte() -> None:
    first = demo.generate(400, seed=3, children=3)
    second = demo.generate(400, seed=3, children=3)
    assert first == second
    dump = json.dumps([first.children, first.entries], sort_keys=True)
    assert dump == json.dumps([second.children, second.entries], sort_keys=True)
    assert first.files == second.files


def test_different_seed_gives_a_different_sample() -> None:
    first = demo.generate(400, seed=3)
    other = demo.generate(400, seed=4)
    assert {e["id"] for e in first.entries}.isdisjoint({e["id"] for e in other.entries})
    # The filler differs too, not just the ids.
    assert [e["details"] for e in first.entries] != [e["details"] for e in other.entries]


def test_ids_are_version_4_uuids_and_stamps_follow_the_entry_date(thousand: demo.Sample) -> None:
    for record in thousand.children + thousand.entries:
        assert uuid.UUID(record["id"]).version == 4
    for entry in thousand.entries:
        assert entry["created_at"] == entry["updated_at"] == entry["date"][:10] + "T20:00:00"
    target_ids = [t["id"] for e in thousand.entries if e["kind"] == "plan" for t in e["targets"]]
    assert all(uuid.UUID(t).version == 4 for t in target_ids)


@pytest.mark.parametrize(("size", "children"), [(30, 2), (30, 3), (120, 2), (1000, 3)])
def test_every_child_has_every_kind(size: int, children: int) -> None:
    sample = demo.generate(size, children=children)
    for name, entries in by_child(sample).items():
        assert {e["kind"] for e in entries} == set(model.KINDS), name
    assert len(by_child(sample)) == children


@pytest.mark.parametrize(("size", "children"), [(30, 3), (120, 2), (1000, 3)])
def test_a_target_is_not_met_at_two_reviews_in_a_row(size: int, children: int) -> None:
    tobi = by_child(demo.generate(size, children=children))["Tobi"]
    texts = {t["id"]: t["text"] for e in tobi if e["kind"] == "plan" for t in e["targets"]}
    twice = [
        texts[target]
        for target, results in results_by_target(tobi).items()
        if any(a == b == "not_met" for a, b in zip(results, results[1:], strict=False))
    ]
    assert twice == [
        "Follow a two-step instruction given to the whole class, using the prompt card on his desk"
    ]


def test_plans_carry_unmet_targets_with_their_ids(thousand: demo.Sample) -> None:
    carried = 0
    for name, entries in by_child(thousand).items():
        plans = sorted((e for e in entries if e["kind"] == "plan"), key=lambda e: e["start_date"])
        for plan, following in zip(plans, plans[1:], strict=False):
            reviews = [e for e in entries if e["kind"] == "review" and e["plan_id"] == plan["id"]]
            assert reviews, f"{name}: {plan['title']} has no review"
            unmet = {
                o["target_id"]
                for o in reviews[-1]["outcomes"]
                if o["result"] in ("not_met", "partly")
            }
            next_ids = {t["id"] for t in following["targets"]}
            assert unmet <= next_ids, f"{name}: {following['title']} drops an unmet target"
            carried += len(unmet)
    assert carried >= 8


def test_reviews_follow_their_plans_by_about_a_term(thousand: demo.Sample) -> None:
    plans = {e["id"]: e for e in thousand.entries if e["kind"] == "plan"}
    reviews = [e for e in thousand.entries if e["kind"] == "review"]
    # Tobi's four SEN Support plans, Amara's three (the first reviewed twice), Femi's two.
    assert len(reviews) == 4 + 4 + 2
    for review in reviews:
        plan = plans[review["plan_id"]]
        waited = model.entry_day(review) - date.fromisoformat(plan["start_date"])
        assert timedelta(weeks=8) <= waited <= timedelta(weeks=30), review["title"]


def test_the_formal_steps_of_the_story(default: demo.Sample) -> None:
    requests = [e for e in default.entries if e["kind"] == "request"]
    types = Counter(e["request_type"] for e in requests)
    assert types["ehcna"] == 1 and types["mediation"] == 1 and types["complaint"] >= 2
    ehcna = next(e for e in requests if e["request_type"] == "ehcna")
    assert ehcna["outcome"].startswith("Refused")
    # The decision came within the 6 weeks the regulations allow.
    decided = date.fromisoformat(ehcna["outcome_date"]) - model.entry_day(ehcna)
    assert timedelta(0) < decided <= timedelta(weeks=6)
    mediation = next(e for e in requests if e["request_type"] == "mediation")
    assert ehcna["id"] in mediation["links"] and mediation["outcome_date"]
    access = next(e for e in requests if e["request_type"] == "subject_access")
    assert access["outcome"] == "" and access["outcome_date"] == ""


def test_incidents_meetings_letters_and_reports(default: demo.Sample) -> None:
    entries = default.entries
    incidents = [e for e in entries if e["kind"] == "incident"]
    types = {e["incident_type"] for e in incidents}
    assert {"sent_home", "part_time_timetable", "suspension"} <= types
    assert all(e["days_lost"] > 0 for e in incidents if e["incident_type"] == "sent_home")
    actions = [a for e in entries if e["kind"] == "meeting" for a in e["actions"]]
    assert any(not a["done"] and a["due"] for a in actions)
    assert any(a["done"] for a in actions)
    letters = [e for e in entries if e["kind"] == "correspondence"]
    assert {e["direction"] for e in letters} == {"sent", "received"}
    assert any(e["direction"] == "sent" and e["reply_due"] for e in letters)
    implemented = {
        r["implemented"] for e in entries if e["kind"] == "assessment" for r in e["recommendations"]
    }
    assert implemented == {"yes", "partly", "no", "unknown"}
    reviews = [e for e in entries if e["kind"] == "review"]
    assert all(r["parent_views"] and r["child_views"] for r in reviews)
    plans = [e for e in entries if e["kind"] == "plan"]
    assert all(p["targets"] and p["provision"] for p in plans)


def test_attachments_match_their_files(thousand: demo.Sample) -> None:
    attached = [a for e in thousand.entries for a in e["attachments"]]
    # About one entry in 25 carries a file.
    assert len(attached) == 40
    assert {a["sha256"] for a in attached} == set(thousand.files)
    for item in attached:
        content = thousand.files[item["sha256"]]
        assert hashlib.sha256(content).hexdigest() == item["sha256"]
        assert item["size"] == len(content)
        assert "/" not in item["filename"] and "\\" not in item["filename"]
    kinds = Counter(a["filename"].rsplit(".", 1)[1] for a in attached)
    assert set(kinds) == {"txt", "pdf", "png"}
    assert "SALT report February 2024.pdf" in {a["filename"] for a in attached}


def test_attachment_count_follows_the_parameter() -> None:
    for limit in (0, 5, 60):
        sample = demo.generate(1000, attachments=limit)
        assert sum(len(e["attachments"]) for e in sample.entries) == limit
        assert len(sample.files) == limit
    assert sum(len(e["attachments"]) for e in demo.generate(120).entries) == 8


def test_generated_pngs_and_pdfs_are_well_formed(thousand: demo.Sample) -> None:
    for name, content in (
        (a["filename"], thousand.files[a["sha256"]])
        for e in thousand.entries
        for a in e["attachments"]
    ):
        if name.endswith(".png"):
            check_png(content)
        elif name.endswith(".pdf"):
            check_pdf(content)
        else:
            assert content.decode("utf-8").strip()


def check_png(content: bytes) -> None:
    assert content[:8] == b"\x89PNG\r\n\x1a\n"
    at, chunks = 8, {}
    while at < len(content):
        (length,) = struct.unpack(">I", content[at : at + 4])
        tag, data = content[at + 4 : at + 8], content[at + 8 : at + 8 + length]
        (crc,) = struct.unpack(">I", content[at + 8 + length : at + 12 + length])
        assert crc == zlib.crc32(tag + data) & 0xFFFFFFFF
        chunks[tag] = data
        at += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    assert (depth, colour) == (8, 2)
    assert len(zlib.decompress(chunks[b"IDAT"])) == height * (1 + width * 3)
    assert b"IEND" in chunks


def check_pdf(content: bytes) -> None:
    assert content.startswith(b"%PDF-1.4\n") and content.endswith(b"%%EOF\n")
    start = int(content.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    assert content[start : start + 4] == b"xref"
    rows = content[start:].split(b"\n")[3:8]
    for number, row in enumerate(rows, 1):
        offset = int(row[:10])
        assert content[offset:].startswith(f"{number} 0 obj".encode())


def test_dates_stay_in_three_school_years_and_off_weekends_at_school(thousand: demo.Sample) -> None:
    days = [model.entry_day(e) for e in thousand.entries]
    assert min(days) >= date(2023, 9, 4)
    assert max(days) <= date(2026, 7, 31)
    school_side = [
        e for e in thousand.entries if e["kind"] in ("meeting", "incident", "plan", "review")
    ]
    assert all(model.entry_day(e).weekday() < 5 for e in school_side)
    assert days == sorted(days)


def test_a_start_that_is_not_a_monday() -> None:
    start = date(2024, 9, 4)  # a Wednesday
    sample = demo.generate(300, start=start)
    assert model.validate_records(sample.children, sample.entries) == []
    assert min(model.entry_day(e) for e in sample.entries) >= start


def test_filler_is_spread_evenly_over_the_years() -> None:
    sample = demo.generate(3000, children=3)
    years = Counter(
        min(2, (model.entry_day(e) - date(2023, 9, 4)).days // 364) for e in sample.entries
    )
    for year in range(3):
        assert 0.28 <= years[year] / 3000 <= 0.39, years


def test_details_read_at_a_realistic_length(thousand: demo.Sample) -> None:
    lengths = [len(e["details"]) for e in thousand.entries]
    assert min(lengths) >= 100 and max(lengths) <= 600
    titles = Counter(e["title"] for e in thousand.entries)
    assert len(titles) >= 100  # varied, not one title repeated


def test_filler_uses_each_childs_own_people(thousand: demo.Sample) -> None:
    grouped = by_child(thousand)
    amara_text = " ".join(e["details"] for e in grouped["Amara"])
    femi_text = " ".join(e["details"] for e in grouped["Femi"])
    patel_for_amara = "Miss Patel" in amara_text
    morton_for_femi = "Ms Morton" in femi_text
    assert not patel_for_amara and not morton_for_femi
    quoted_as_he = "He said:" in amara_text
    assert "She said:" in amara_text and not quoted_as_he
    assert "homework" not in " ".join(e["title"].lower() for e in grouped["Femi"])


@pytest.mark.parametrize(
    "arguments", [{"size": -1}, {"children": 0}, {"children": 4}, {"attachments": -2}]
)
def test_impossible_requests_are_refused(arguments: dict) -> None:
    with pytest.raises(ValueError):
        demo.generate(**arguments)
