"""Rosters: CSV as Excel saves it (encodings, BOM, delimiters, Swedish headers) and YAML."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPO
from generator.errors import ContentError
from generator.messages import format_problem
from generator.roster import decode, read_roster, sniff_delimiter

SWEDISH_HEADER = "namn;anhörig;rutiner;undvik;musik;mat;minnen;kontakt_roll;kontakt_namn;" \
                 "kontakt_telefon;anteckning"
ROW = "Åsa Öberg;Måns, make;musik, maltid;Höger axel;Taube;Ärtsoppa;Gotland;Make;Måns Öberg;" \
      "070-174 06 60;Hör dåligt"


def roster(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "boende.csv",
           newline: str = "\r\n") -> Path:
    path = tmp_path / name
    path.write_bytes(text.replace("\n", newline).encode(encoding))
    return path


def message(path: Path) -> str:
    with pytest.raises(ContentError) as caught:
        read_roster(path, path.name)
    return caught.value.format_message()


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8", "utf-8-sig", "utf-16"])
def test_excel_csv_in_every_encoding_reads_the_same(tmp_path: Path, encoding: str) -> None:
    path = roster(tmp_path, f"{SWEDISH_HEADER}\n{ROW}\n", encoding)
    row = read_roster(path).rows[0]
    assert row.number == 2
    assert row.value["name"] == "Åsa Öberg"
    assert row.value["routines"] == ["musik", "maltid"]
    assert row.value["likes"] == {"music": "Taube", "food": "Ärtsoppa", "memories": "Gotland"}
    assert row.value["contacts"] == [{"role": "Make", "name": "Måns Öberg",
                                      "phone": "070-174 06 60"}]


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_the_delimiter_is_detected(tmp_path: Path, delimiter: str) -> None:
    d = delimiter
    text = f"name{d}routines{d}avoid\nBo Ek{d}\"musik, maltid\"{d}Nacken\n"
    row = read_roster(roster(tmp_path, text)).rows[0]
    assert row.value["routines"] == ["musik", "maltid"]
    assert row.value["avoid"] == ["Nacken"]


def test_sniffing_prefers_the_most_used_delimiter() -> None:
    assert sniff_delimiter("namn;rutiner;undvik") == ";"
    assert sniff_delimiter("name,routines") == ","
    assert sniff_delimiter("name\troutines,x") == "\t"


def test_english_headers_with_any_case_and_spaces(tmp_path: Path) -> None:
    text = ("Name;Routines;Contact Phone;Contact-Name;contact_role\n"
            "Bo Ek;musik;0701740650;Lars;Son\n")
    row = read_roster(roster(tmp_path, text)).rows[0]
    assert row.value["contacts"] == [{"phone": "0701740650", "name": "Lars", "role": "Son"}]


def test_lists_split_on_commas_and_line_breaks(tmp_path: Path) -> None:
    text = 'namn;rutiner;undvik\nBo Ek;"musik\nmaltid, minnen";"Nacken\nFötterna"\n'
    row = read_roster(roster(tmp_path, text)).rows[0]
    assert row.value["routines"] == ["musik", "maltid", "minnen"]
    assert row.value["avoid"] == ["Nacken", "Fötterna"]


def test_a_bom_does_not_become_part_of_the_first_header(tmp_path: Path) -> None:
    path = roster(tmp_path, "namn;rutiner\nBo Ek;musik\n", "utf-8-sig")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert read_roster(path).rows[0].value["name"] == "Bo Ek"


def test_rows_keep_their_spreadsheet_numbers_past_empty_rows(tmp_path: Path) -> None:
    text = "namn;rutiner\nBo Ek;musik\n;\nEva Ek;minnen\n;;\n"
    rows = read_roster(roster(tmp_path, text)).rows
    assert [(r.number, r.name) for r in rows] == [(2, "Bo Ek"), (4, "Eva Ek")]


def test_windows_1252_is_not_mistaken_for_another_code_page() -> None:
    raw = "Åsa Öberg;Sjöberg;Västerås".encode("cp1252")
    assert decode(raw) == "Åsa Öberg;Sjöberg;Västerås"


def test_empty_roster(tmp_path: Path) -> None:
    assert message(roster(tmp_path, "")) == (
        "boende.csv: error: the roster is empty\n"
        "  hint: the first row names the columns, e.g. namn;rutiner")


def test_header_only(tmp_path: Path) -> None:
    assert message(roster(tmp_path, "namn;rutiner\n")) == (
        "boende.csv:1: error: the roster names no persons\n"
        "  hint: add one row per person below the header")


def test_missing_column(tmp_path: Path) -> None:
    assert message(roster(tmp_path, "namn;undvik\nBo Ek;Nacken\n")) == (
        "boende.csv:1: error: the column 'routines' is missing\n"
        "  hint: add a column named routines or rutiner")


def warnings(path: Path) -> str:
    return "\n".join(format_problem(p) for p in read_roster(path, path.name).warnings)


def test_unknown_column_is_ignored_with_did_you_mean(tmp_path: Path) -> None:
    assert warnings(roster(tmp_path, "namn;rutiner;musk\nBo Ek;musik;Taube\n")) == (
        "boende.csv:1: warning: the column 'musk' is not used and was ignored; nothing in it "
        "is printed\n  hint: did you mean 'musik'?")


def test_an_unknown_column_far_from_any_is_ignored_without_a_guess(tmp_path: Path) -> None:
    text = warnings(roster(tmp_path, "namn;rutiner;Avdelning\nBo Ek;musik;Eken\n"))
    assert text == ("boende.csv:1: warning: the column 'Avdelning' is not used and was "
                    "ignored; nothing in it is printed")


def test_a_tilltalsnamn_column_is_read(tmp_path: Path) -> None:
    row = read_roster(roster(tmp_path, "namn;tilltalsnamn;rutiner\nAnna Lind;Annie;musik\n"),
                      "boende.csv").rows[0]
    assert row.value["call_name"] == "Annie"


def test_a_column_given_twice(tmp_path: Path) -> None:
    assert message(roster(tmp_path, "namn;name;rutiner\nBo;Bo;musik\n")) == (
        "boende.csv:1: error: the column 'name' appears twice (columns 1 and 2)\n"
        "  hint: keep one of them")


def test_a_row_with_more_cells_than_columns_carries_its_problem(tmp_path: Path) -> None:
    path = roster(tmp_path, "namn;rutiner\nBo Ek;musik;extra\n")
    row = read_roster(path, path.name).rows[0]
    assert [p.format() for p in row.problems] == [
        "boende.csv:2: error: the row has 3 cells, the header names 2 columns\n"
        "  hint: look for a stray delimiter or a column without a name"]


def test_yaml_roster(tmp_path: Path) -> None:
    path = tmp_path / "boende.yaml"
    path.write_text("- name: Bo Ek\n  routines: [musik]\n- name: Eva Ek\n  routines: [minnen]\n",
                    encoding="utf-8")
    rows = read_roster(path).rows
    assert [(r.number, r.line, r.name) for r in rows] == [(1, 1, "Bo Ek"), (2, 3, "Eva Ek")]


def test_yaml_roster_must_be_a_list(tmp_path: Path) -> None:
    path = tmp_path / "boende.yaml"
    path.write_text("name: Bo Ek\n", encoding="utf-8")
    assert message(path) == ("boende.yaml:1: error: a roster is a list of persons\n"
                             "  hint: start each person with '- name:'")


def test_the_example_roster_is_saved_as_swedish_excel_does() -> None:
    path = REPO / "content" / "people" / "exempel-roster.csv"
    raw = path.read_bytes()
    assert b"\r\n" in raw and b";" in raw.splitlines()[0]
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # Windows-1252, as "CSV (semikolonavgränsad)" saves it
    rows = read_roster(path).rows
    assert rows[0].name == "Anna Lind" and len(rows) == 5


def test_the_column_a_field_came_from(tmp_path: Path) -> None:
    row = read_roster(roster(tmp_path, f"{SWEDISH_HEADER}\n{ROW}\n")).rows[0]
    assert row.column("contacts[0].phone") == "kontakt_telefon"
    assert row.column("routines[1]") == "rutiner"
    assert row.column("likes.music") == "musik"


def test_a_missing_roster(tmp_path: Path) -> None:
    assert message(tmp_path / "boende.csv") == "boende.csv: error: the file does not exist"
