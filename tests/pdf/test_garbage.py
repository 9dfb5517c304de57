"""A made card leaves (almost) nothing for the cycle collector.

A batch worker makes thousands of files in one process. Objects that hold each other
are freed only by the cycle collector, whose full passes walk the worker's whole heap:
when every file's document waited for them, they were a tenth of a batch's time. What
is left per person is ReportLab's own (a Paragraph's text object holds a method bound
to itself), a few dozen small objects; a document, a structure tree or a card file's
objects left in a cycle are a thousand and more.
"""
from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.batch import _chunks, lay_out_rows, run_batch
from generator.manifest import Project
from generator.personal import read_personal_inputs
from generator.roster import read_roster

ROWS = ["namn;rutiner;undvik", "Anna Lind;musik, maltid;Nacken", "Bo Ek;sitta-nara;",
        "Åsa Öberg;musik, maltid, sitta-nara;Fötterna", "Leila Haddad;maltid;"]
LEFT_PER_PERSON = 60  # measured: 32 (ReportLab's text objects and their released canvas)


@pytest.fixture()
def collector_off() -> Iterator[None]:
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def test_a_batch_chunk_leaves_no_document_for_the_cycle_collector(
        tmp_path: Path, collector_off: None) -> None:
    roster_path = tmp_path / "boende.csv"
    roster_path.write_bytes(("\r\n".join(ROWS) + "\r\n").encode("cp1252"))
    inputs = read_personal_inputs(Project(None), "card-a6")
    task = next(_chunks(read_roster(roster_path)))
    lay_out_rows(task, inputs)  # warm: recordings, paragraph caches, fonts
    gc.collect()
    outcome = lay_out_rows(task, inputs)
    assert outcome.sheet is not None and all(row.data for row in outcome.rows)
    left = gc.collect()
    assert left < LEFT_PER_PERSON * (len(ROWS) - 1), f"{left} objects left in cycles"


def test_a_batch_in_this_process_gives_the_collector_back_as_it_was(tmp_path: Path) -> None:
    roster_path = tmp_path / "boende.csv"
    roster_path.write_bytes(("\r\n".join(ROWS[:3]) + "\r\n").encode("cp1252"))
    before = gc.get_threshold()
    seen: list[tuple[int, ...]] = []
    result = run_batch(Project(None), roster_path, "card-a6", tmp_path / "ut", 1,
                       lambda *_: seen.append(gc.get_threshold()))
    assert result.failed == 0 and seen and seen[0] != before  # tuned while it ran
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
