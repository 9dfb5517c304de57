"""A folder's record of its cards (issue 11): rosters never replace each other's cards,
stale cards are moved aside, `-2` stays with its person, one batch at a time."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pypdf
import pytest

from generator.batch import run_batch
from generator.batch_record import LOCK, RECORD, folder_lock
from generator.errors import OutputError
from generator.i18n import translator
from generator.manifest import Project

HEADER = "namn;rutiner;undvik;anhörig"


def roster(folder: Path, name: str, rows: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(("\r\n".join([HEADER, *rows]) + "\r\n").encode("cp1252"))
    return path


def run(path: Path, out: Path):  # type: ignore[no-untyped-def]
    return run_batch(Project(None), path, "fridge-a5", out, 1, display=path.name,
                     translate=translator("sv"))


def avoid_on(card: Path) -> str:
    return " ".join(pypdf.PdfReader(card).pages[0].extract_text().split())


def report(out: Path, stem: str) -> list[list[str]]:
    text = (out / f"{stem}-rapport.csv").read_bytes().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_two_rosters_never_replace_each_others_card(tmp_path: Path) -> None:
    out = tmp_path / "ut"
    first = roster(tmp_path / "a", "avd1.csv", ["Anna Andersson;musik;VÄNSTER-AXEL;"])
    second = roster(tmp_path / "b", "avd2.csv", ["Anna Andersson;musik;HÖGER-KNÄ;"])
    assert [r.file for r in run(first, out).rows] == ["anna-andersson.pdf"]
    result = run(second, out)
    assert [r.file for r in result.rows] == ["anna-andersson-2.pdf"]
    assert "anna-andersson.pdf belongs to the list avd1.csv; this card was written as " \
           "anna-andersson-2.pdf instead" in result.messages[0].format()
    assert "VÄNSTER-AXEL" in avoid_on(out / "anna-andersson.pdf")
    assert "HÖGER-KNÄ" in avoid_on(out / "anna-andersson-2.pdf")
    again = run(first, out)  # each roster keeps its own file on every later run
    assert [(r.file, r.status) for r in again.rows] == [("anna-andersson.pdf", "unchanged")]
    assert report(out, "avd2")[1][4].startswith("anna-andersson.pdf hör till listan avd1")


def test_a_removed_row_s_card_is_moved_aside_and_suffixes_stay(tmp_path: Path) -> None:
    out = tmp_path / "ut"
    rows = ["Anna Lind;musik;FÖRSTA;Erik", "Bo Ek;musik;;", "Anna Lind;musik;ANDRA;Maj"]
    path = roster(tmp_path, "boende.csv", rows)
    assert [r.file for r in run(path, out).rows] == [
        "anna-lind.pdf", "bo-ek.pdf", "anna-lind-2.pdf"]
    roster(tmp_path, "boende.csv", rows[1:])  # the first Anna left the home
    result = run(path, out)
    assert [(r.number, r.file, r.status) for r in result.rows] == [
        (2, "bo-ek.pdf", "unchanged"), (3, "anna-lind-2.pdf", "unchanged"),
        (2, "gamla/anna-lind.pdf", "moved")]
    assert not (out / "anna-lind.pdf").exists()
    assert "FÖRSTA" in avoid_on(out / "gamla" / "anna-lind.pdf")
    assert "ANDRA" in avoid_on(out / "anna-lind-2.pdf")
    assert "anna-lind.pdf was made for a row that is no longer in the list" in \
           result.messages[0].format()
    listed = {row[2] for row in report(out, "boende")[1:]}
    assert listed == {"bo-ek.pdf", "anna-lind-2.pdf", "gamla/anna-lind.pdf"}


def test_an_edited_row_keeps_its_file(tmp_path: Path) -> None:
    out = tmp_path / "ut"
    path = roster(tmp_path, "boende.csv", ["Bo Ek;musik;;Eva"])
    run(path, out)
    roster(tmp_path, "boende.csv", ["Bo Ek;musik, maltid;Knät;Lena"])
    assert [(r.file, r.status) for r in run(path, out).rows] == [("bo-ek.pdf", "created")]
    assert not (out / "gamla").exists()


def test_a_card_made_by_hand_is_not_replaced(tmp_path: Path) -> None:
    out = tmp_path / "ut"
    out.mkdir()
    (out / "bo-ek.pdf").write_bytes(b"made by handouts card")
    path = roster(tmp_path, "boende.csv", ["Bo Ek;musik;;"])
    assert [r.file for r in run(path, out).rows] == ["bo-ek-2.pdf"]
    assert (out / "bo-ek.pdf").read_bytes() == b"made by handouts card"


def test_one_batch_at_a_time_in_a_folder(tmp_path: Path) -> None:
    out = tmp_path / "ut"
    path = roster(tmp_path, "boende.csv", ["Bo Ek;musik;;"])
    out.mkdir()
    with folder_lock(out), pytest.raises(OutputError) as caught:
        run(path, out)
    assert "another batch is writing into this folder right now" in str(caught.value)
    assert not (out / RECORD).exists() and (out / LOCK).exists()
    assert [r.file for r in run(path, out).rows] == ["bo-ek.pdf"]  # free again
