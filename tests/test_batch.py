"""Batch: per-row isolation, safe names, atomic writes, re-runs, same bytes for any --jobs."""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner

from generator import batch
from generator.batch import FAILED, UNCHANGED, WRITTEN, run_batch
from generator.cli import cli
from generator.errors import OutputError
from generator.i18n import translator
from generator.manifest import Project

HEADER = "namn;rutiner;undvik;anteckning"
GOOD = ["Anna Lind;musik, maltid;HEMLIG-AXEL;HEMLIG-NOT",
        "Bo Ek;sitta-nara;;",
        "Eva Holm;minnen;;"]
ODD_NAMES = ["../../etc/passwd;musik;;", "Anna/Lind;musik;;", "<b>Bo & Co</b>;musik;;",
             "Anna Lind;musik;;", "CON;musik;;"]


def write_roster(tmp_path: Path, rows: list[str], name: str = "boende.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(("\r\n".join([HEADER, *rows]) + "\r\n").encode("cp1252", "replace"))
    return path


def write_utf8_roster(tmp_path: Path, rows: list[str]) -> Path:
    path = tmp_path / "boende.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8-sig")
    return path


def report(out: Path, stem: str = "boende") -> list[list[str]]:
    text = (out / f"{stem}-rapport.csv").read_bytes().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def run(roster: Path, out: Path, layout: str = "fridge-a5", jobs: int = 1) -> batch.BatchResult:
    return run_batch(Project(None), roster, layout, out, jobs, display=roster.name,
                     translate=translator("sv"))


def visible(folder: Path) -> list[str]:
    """The files a person sees in the folder (not the batch's own record and lock)."""
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def test_a_bad_row_is_reported_and_every_other_row_is_made(tmp_path: Path) -> None:
    roster = write_utf8_roster(tmp_path, [
        GOOD[0], "Sven Ek;maltider;;", ";musik;;", "Greta Åkesson;musik;;" + "x" * 241,
        "Nils 😀 Berg;musik;;", GOOD[1]])
    result = run(roster, tmp_path / "ut")
    assert [(r.number, r.status) for r in result.rows] == [
        (2, WRITTEN), (3, FAILED), (4, FAILED), (5, FAILED), (6, FAILED), (7, WRITTEN)]
    rows = report(tmp_path / "ut")
    assert rows[0] == ["rad", "namn", "fil", "status", "fel"]
    assert rows[1] == ["2", "Anna Lind", "anna-lind.pdf", "skapad", ""]
    assert rows[2] == ["3", "Sven Ek", "", "fel",  # the report speaks Swedish throughout
                       "rutiner: det finns ingen rutin som heter ”maltider” "
                       "(menade du ”maltid”?)"]
    assert rows[3] == ["4", "", "", "fel", "namn: fyll i det här fältet"]
    assert rows[4][4] == "anteckning: texten är 241 tecken; högst 240 får plats här (korta texten)"
    assert rows[5][4] == ("namn: typsnittet har inget tecken för ”😀” (U+1F600 GRINNING FACE) "
                          "(skriv texten utan det, eller med ord)")
    assert result.messages[0].format() == (
        "boende.csv:3: error: rutiner: unknown routine 'maltider'\n"
        "  hint: did you mean 'maltid'?")
    assert visible(tmp_path / "ut") == [
        "anna-lind.pdf", "bo-ek.pdf", "boende-ark.pdf", "boende-rapport.csv"]


def test_a_row_that_does_not_fit_its_card_is_named(tmp_path: Path) -> None:
    long_lines = "\n".join(["Vänster axel och hela armen ned till handleden"] * 6)
    roster = write_roster(tmp_path, [f'Bo Ek;musik;"{long_lines}";'])
    result = run(roster, tmp_path / "ut")
    assert result.rows[0].status == FAILED
    assert result.rows[0].error.startswith("kylskåpskortet: ")
    assert "får inte plats" in result.rows[0].error and "Vänster" not in result.rows[0].error
    assert result.messages[0].format().startswith("boende.csv:2: error: fridge card: ")


def test_cli_exit_status_summary_and_messages(tmp_path: Path) -> None:
    roster = write_roster(tmp_path, [GOOD[0], "Sven Ek;maltider;;"])
    result = CliRunner().invoke(cli, ["batch", str(roster), "--layout", "fridge-a5",
                                      "--out", str(tmp_path / "ut"), "--jobs", "1"])
    assert result.exit_code == 1
    assert result.stdout.strip().endswith("report: " + str(tmp_path / "ut" / "boende-rapport.csv"))
    assert result.stdout.startswith("1 of 2 cards made (1 written, 0 unchanged), 1 failed, "
                                    "sheets: ")
    assert "boende.csv:3: error: rutiner: unknown routine 'maltider'" in result.stderr
    ok = CliRunner().invoke(cli, ["batch", str(write_roster(tmp_path, GOOD[:1], "ok.csv")),
                                  "--layout", "fridge-a5", "--out", str(tmp_path / "ok")])
    assert ok.exit_code == 0, ok.output


def test_health_details_stay_out_of_report_messages_and_metadata(tmp_path: Path) -> None:
    roster = write_roster(tmp_path, [GOOD[0], "Sven Ek;maltider;HEMLIG-AXEL;HEMLIG-NOT"])
    result = run(roster, tmp_path / "ut", layout="card-a6")
    assert "HEMLIG" not in (tmp_path / "ut" / "boende-rapport.csv").read_text("utf-8-sig")
    assert not any("HEMLIG" in m.format() for m in result.messages)
    for name in ("anna-lind.pdf", "boende-ark.pdf"):
        reader = pypdf.PdfReader(tmp_path / "ut" / name)
        assert reader.metadata is not None
        assert "HEMLIG" not in repr(dict(reader.metadata)) and "Anna" not in repr(
            dict(reader.metadata))
        printer = "Tryckark – " if name.endswith("-ark.pdf") else ""
        assert reader.metadata.title == printer + "Personligt rutinkort"
    card_text = pypdf.PdfReader(tmp_path / "ut" / "anna-lind.pdf").pages[0].extract_text()
    assert "HEMLIG-AXEL" in card_text  # on the card itself, where it belongs


def test_names_are_safe_and_duplicates_numbered_never_overwritten(tmp_path: Path) -> None:
    roster = write_utf8_roster(tmp_path, [*ODD_NAMES, "Anna\u202eLind;musik;;"])
    out = tmp_path / "ut"
    result = run(roster, out)
    assert [r.file for r in result.rows] == [
        "etc-passwd.pdf", "anna-lind.pdf", "b-bo-co-b.pdf", "anna-lind-2.pdf", "kort-con.pdf", ""]
    assert result.rows[-1].error.startswith(
        "namn: texten har ett tecken som inte kan skrivas ut (U+202E)")
    assert {p.parent for p in out.rglob("*")} == {out}
    text = pypdf.PdfReader(out / "b-bo-co-b.pdf").pages[0].extract_text()
    assert "<b>Bo & Co</b>" in text  # printed as typed, not as markup


def test_names_in_other_scripts_are_files_spelt_in_latin_letters(tmp_path: Path) -> None:
    """A Greek, a Russian and an Arabic name: three files a nurse can tell apart."""
    roster = write_utf8_roster(tmp_path, ["Νίκος Παπαδόπουλος;musik;;", "Сергей Иванов;musik;;",
                                          "فاطمة حسن;musik;;"])
    result = run(roster, tmp_path / "ut")
    assert [r.file for r in result.rows] == [
        "nikos-papadopoylos.pdf", "sergey-ivanov.pdf", "ftmh-hsn.pdf"]
    text = pypdf.PdfReader(tmp_path / "ut" / "nikos-papadopoylos.pdf").pages[0].extract_text()
    assert "Νίκος Παπαδόπουλος" in text


def test_outputs_are_the_same_bytes_for_one_and_two_jobs(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "CHUNK_ROWS", 2)  # several chunks, so two processes share them
    roster = write_roster(tmp_path, [*GOOD, "Sven Ek;maltider;;", "Ida Berg;musik;;"])
    run(roster, tmp_path / "one", layout="card-a6", jobs=1)
    run(roster, tmp_path / "two", layout="card-a6", jobs=2)
    names = sorted(p.name for p in (tmp_path / "one").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "two").iterdir())
    for name in names:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_the_sheet_holds_every_card_with_backs_after_fronts(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "CHUNK_ROWS", 2)
    roster = write_roster(tmp_path, GOOD)
    result = run(roster, tmp_path / "ut", layout="card-a6")
    sheet = pypdf.PdfReader(tmp_path / "ut" / "boende-ark.pdf")
    # Anna: cover + 2 routines (one sheet), Bo: 2 cards, Eva: 2 cards (one sheet, next chunk)
    assert len(sheet.pages) == result.sheet_pages == 6
    texts = [page.extract_text() for page in sheet.pages]
    assert "Anna Lind" in texts[0] and "Bo Ek" in texts[2] and "Eva Holm" in texts[4]
    assert "Ring vid behov" not in texts[0]
    for page in sheet.pages:
        # exactly A4 (595.3 x 841.9 pt), the four cards' block 0.5 mm in at top and bottom
        assert [round(float(v), 1) for v in page.mediabox] == [0, 0, 595.3, 841.9]
        assert [round(float(v), 1) for v in page.trimbox] == [0, 1.4, 595.3, 840.5]


def test_each_chunks_sheet_is_joined_under_the_numbers_set_aside_for_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "CHUNK_ROWS", 2)  # three chunks
    roster = write_roster(tmp_path, [*GOOD, "Sven Ek;maltider;;", "Ida Berg;musik;;"])
    result = run(roster, tmp_path / "ut", layout="card-a6", jobs=2)
    data = (tmp_path / "ut" / "boende-ark.pdf").read_bytes()
    numbers = {int(n) for n in re.findall(rb"(?m)^(\d+) 0 obj", data)}
    for chunk in range(3):  # copied as made, in one piece: none renumbered after the ranges
        assert numbers & set(batch.SHEET_NUMBERS.numbers(chunk))
    assert max(numbers) < batch.SHEET_NUMBERS.spare(3)
    assert len(pypdf.PdfReader(io.BytesIO(data)).pages) == result.sheet_pages == 8


def test_a_person_never_splits_across_two_sheets_when_one_would_hold_them() -> None:
    slots: list = []
    batch.place_cards(slots, ["a1", "a2", "a3"], 4)  # type: ignore[list-item]
    batch.place_cards(slots, ["b1", "b2"], 4)  # type: ignore[list-item]
    batch.place_cards(slots, ["c1"], 4)  # type: ignore[list-item]
    assert slots == ["a1", "a2", "a3", None, "b1", "b2", "c1"]


def test_a_rerun_leaves_unchanged_cards_alone_and_finishes_the_rest(tmp_path: Path) -> None:
    roster = write_roster(tmp_path, GOOD)
    out = tmp_path / "ut"
    run(roster, out)
    before = {p.name: p.stat().st_mtime_ns for p in out.glob("*.pdf")}
    (out / "bo-ek.pdf").unlink()  # as if the first run had been stopped before Bo
    result = run(roster, out)
    assert [r.status for r in result.rows] == [UNCHANGED, WRITTEN, UNCHANGED]
    assert (out / "anna-lind.pdf").stat().st_mtime_ns == before["anna-lind.pdf"]
    assert (out / "bo-ek.pdf").is_file()


def test_an_interrupted_batch_leaves_only_whole_files(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "CHUNK_ROWS", 1)
    roster = write_roster(tmp_path, GOOD)
    out = tmp_path / "ut"

    def stop_after_two(done: int, total: int, seen: list[int] = []) -> None:  # noqa: B006
        seen.append(done)
        if len(seen) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch(Project(None), roster, "fridge-a5", out, 1, stop_after_two)
    assert visible(out) == ["anna-lind.pdf", "bo-ek.pdf"]
    for path in out.glob("*.pdf"):
        assert len(pypdf.PdfReader(path).pages) == 1
    result = run(roster, out)
    assert [r.status for r in result.rows] == [UNCHANGED, UNCHANGED, WRITTEN]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch
                                                              ) -> None:
    roster = write_roster(tmp_path, GOOD[:1])
    out = tmp_path / "ut"
    run(roster, out)  # the card is this roster's: a later run may replace it
    for made in out.glob("boende-*"):
        made.unlink()
    (out / "anna-lind.pdf").write_bytes(b"old card")

    def broken_replace(source: str, target: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("generator.write.os.replace", broken_replace)
    with pytest.raises(OutputError, match="No space left on device"):
        run(roster, out)
    assert (out / "anna-lind.pdf").read_bytes() == b"old card"
    assert visible(out) == ["anna-lind.pdf"]
    assert not list(out.glob(".*.tmp"))


def test_a_batch_that_keeps_no_rows_counts_them_and_the_report_lists_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line's batch holds no row in memory: its counts, its report and its
    record (written from the journal) still cover every row, after an interruption too."""
    monkeypatch.setattr(batch, "CHUNK_ROWS", 1)
    roster = write_roster(tmp_path, [*GOOD, "Sven Ek;maltider;;"])
    out = tmp_path / "ut"

    def stop_after_one(done: int, total: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch(Project(None), roster, "fridge-a5", out, 1, stop_after_one, keep_rows=False)
    result = run_batch(Project(None), roster, "fridge-a5", out, 1, display=roster.name,
                       translate=translator("sv"), keep_rows=False)
    assert result.rows == []
    assert (result.count(UNCHANGED), result.count(WRITTEN), result.failed,
            result.persons) == (1, 2, 1, 4)
    assert [row[3] for row in report(out)[1:]] == ["oförändrad", "skapad", "skapad", "fel"]
    record = json.loads((out / ".handouts-batch.json").read_text(encoding="utf-8"))
    (cards,) = (r["cards"] for r in record["rosters"].values())
    assert sorted((c["row"], c["file"]) for c in cards.values()) == [
        (2, "anna-lind.pdf"), (3, "bo-ek.pdf"), (4, "eva-holm.pdf")]
    assert not (out / ".handouts-batch.journal").exists()


def test_a_person_named_like_the_sheet_file_gets_another_name(tmp_path: Path) -> None:
    roster = write_roster(tmp_path, ["Boende Ark;musik;;", GOOD[1]])
    result = run(roster, tmp_path / "ut")
    assert [r.file for r in result.rows] == ["boende-ark-2.pdf", "bo-ek.pdf"]
    assert len(pypdf.PdfReader(tmp_path / "ut" / "boende-ark-2.pdf").pages) == 1
    sheet = pypdf.PdfReader(tmp_path / "ut" / "boende-ark.pdf")
    assert sheet.metadata.title.startswith("Tryckark")
