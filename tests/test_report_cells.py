"""The batch report cannot attack Excel: no formulas, no control or bidi characters in a cell."""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.report_cells import safe_cell

FORMULA = ("=", "+", "-", "@", "\t", "\r")
UNSEEN = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
HOSTILE_NAMES = ['=HYPERLINK("http://example.com";"Klicka")', "+46 Anna", "-Bo Ek", "@SUM(A1)",
                 "=1+1", "Anna\u202eLind", "\u2066Bo\u2069 Ek", "Eva\x07Holm", "Ulf\x85Berg",
                 "Åsa\u202a=Ek"]


@pytest.mark.parametrize(("value", "cell"), [
    ("=1+1", "'=1+1"), ("+46", "'+46"), ("-Bo", "'-Bo"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "' =1"), ("\r=1", "' =1"), ("\tBo", "' Bo"), (" =1", "' =1"),
    ("\u202e=1", "'=1"), ("Anna\u202eLind", "AnnaLind"), ("\u2066Bo\u2069", "Bo"),
    ("Eva\x07Holm", "EvaHolm"), ("Ulf\x9bBerg", "UlfBerg"), ("rad 1\nrad 2", "rad 1 rad 2"),
    ("Anna Lind", "Anna Lind"), ("'=redan", "'=redan"), (7, 7), ("", ""),
])
def test_a_cell_is_defused_and_cleaned(value: object, cell: object) -> None:
    assert safe_cell(value) == cell


def write_roster(path: Path, rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["namn", "rutiner"])
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8-sig")


def test_every_cell_of_a_hostile_batch_report_is_safe(tmp_path: Path) -> None:
    roster = tmp_path / "boende.csv"
    rows = [[name, "musik"] for name in HOSTILE_NAMES]
    rows += [["Gun Ek", "=cmd|' /C calc'!A0"], ["Per Ek", "-musik\u202e"], ["", "@musik"]]
    write_roster(roster, rows)
    result = CliRunner().invoke(cli, ["batch", str(roster), "--out", str(tmp_path / "ut")])
    assert result.exit_code in (0, 1), result.output
    assert "internal error" not in result.output
    text = (tmp_path / "ut" / "boende-rapport.csv").read_bytes().decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert len(table) == 1 + len(rows)
    for line in table:
        for cell in line:
            assert not cell.startswith(FORMULA), line
            assert not cell.lstrip().startswith(FORMULA), line
            assert not UNSEEN.search(cell), line
    names = [line[1] for line in table[1:]]
    # the text is still there to read, only defused
    assert names[:5] == ["'" + name for name in HOSTILE_NAMES[:5]]
    assert names[5:8] == ["AnnaLind", "Bo Ek", "EvaHolm"]
