"""Property: any roster (CSV in every encoding and delimiter Excel writes) gives cards or
clear problems with positions; never an exception, never a hang, no file outside --out."""
from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.batch import FAILED, run_batch
from generator.errors import HandoutsError
from generator.manifest import Project
from guards import time_limit

COLUMNS = ["namn", "rutiner", "undvik", "anteckning", "kontakt_telefon", "kontakt_roll",
           "kontakt_namn", "kontakt_namn_2", "Rum", "Personnummer", "name", "routines", ""]
cells = st.one_of(st.text(max_size=40), st.sampled_from(
    ["musik", "Måltid, sitt nära", "701740650", "+46 70 174 06 50", "a;b", 'x "y" z',
     "rad 1\nrad 2", "=1+1", "19400101-1234", "0" * 30]))
rosters = st.tuples(
    st.lists(st.sampled_from(COLUMNS), min_size=1, max_size=6),
    st.lists(st.lists(cells, max_size=7), max_size=3),
    st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "utf-16-le"]),
    st.sampled_from([";", ",", "\t"]),
    st.booleans(),  # Excel's sep= first line
    st.sampled_from(["\r\n", "\n"]))


def csv_text(header: list[str], rows: list[list[str]], delimiter: str, sep: bool,
             newline: str) -> str:
    def cell(value: str) -> str:
        if any(c in value for c in (delimiter, '"', "\n", "\r")):
            return '"' + value.replace('"', '""') + '"'
        return value
    lines = [f"sep={delimiter}"] if sep else []
    lines += [delimiter.join(cell(c) for c in row) for row in [header, *rows]]
    return newline.join(lines) + newline


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rosters)
@example((["namn", "rutiner"], [["Anna Lind;ogonkontakt", "musik"]], "cp1252", ";", True,
          "\r\n"))
@example((["Anna Lind", "musik", "HEMLIG"], [], "utf-16-le", ";", False, "\n"))
def test_any_roster_gives_cards_or_located_problems(roster: tuple) -> None:  # type: ignore[type-arg]
    header, rows, encoding, delimiter, sep, newline = roster
    data = csv_text(header, rows, delimiter, sep, newline).encode(encoding, "replace")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        path = root / "lista.csv"
        path.write_bytes(data)
        with time_limit(60):
            try:
                result = run_batch(Project(None), path, "fridge-a5", root / "ut", 1)
            except HandoutsError as error:
                assert all(p.file and p.message for p in error.problems), error.problems
                return
        for row in result.rows:
            if row.status == FAILED:
                assert row.problems and all(p.row == row.number for p in row.problems)
        outside = {p for p in root.rglob("*") if root / "ut" not in (p, *p.parents)}
        assert outside == {path}
