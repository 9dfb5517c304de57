"""The batch report speaks its reader's language (issue 13.5): column names, status words
and errors come from the interface catalogue, as the terminal's messages do."""
from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from generator import api

ROSTER = "namn;rutiner\r\nAnna Lind;musik\r\nSven Ek;maltider\r\n".encode("cp1252")
SWEDISH = ["rad", "namn", "fil", "status", "fel"]
ENGLISH = ["row", "name", "card file", "status", "error"]


def report(out: Path) -> list[list[str]]:
    text = (out / "boende-rapport.csv").read_bytes().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def batch(tmp_path: Path, out: Path, args: list[str], env: dict[str, str]) -> list[list[str]]:
    """`handouts ARGS batch` as a person runs it (main() reads --lang-ui and the locale)."""
    roster = tmp_path / "boende.csv"
    roster.write_bytes(ROSTER)
    environment = {k: v for k, v in os.environ.items()
                   if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    result = subprocess.run([sys.executable, "-c", "from generator.cli import main; main()",
                             *args, "batch", str(roster), "--out", str(out),
                             "--layout", "fridge-a5"], env={**environment, **env},
                            capture_output=True, text=True, check=False)
    assert result.returncode == 1, result.stderr  # the second row fails
    return report(out)


@pytest.mark.parametrize(("args", "env"), [
    (["--lang-ui", "sv"], {}), ([], {"LANG": "sv_SE.UTF-8"})])
def test_a_swedish_reader_gets_a_swedish_report(tmp_path: Path, args: list[str],
                                                env: dict[str, str]) -> None:
    rows = batch(tmp_path, tmp_path / "ut", args, env)
    assert rows[0] == SWEDISH
    assert rows[1][3] == "skapad" and rows[2][3] == "fel"
    assert rows[2][4] == ("rutiner: det finns ingen rutin som heter ”maltider” "
                          "(menade du ”maltid”?)")


@pytest.mark.parametrize(("args", "env"), [
    (["--lang-ui", "en"], {}), ([], {"LANG": "C"})])
def test_an_english_or_c_locale_gets_an_english_report(tmp_path: Path, args: list[str],
                                                         env: dict[str, str]) -> None:
    rows = batch(tmp_path, tmp_path / "ut", args, env)
    assert rows[0] == ENGLISH
    assert rows[1][3] == "created" and rows[2][3] == "failed"
    assert rows[2][4] == "rutiner: unknown routine 'maltider' (did you mean 'maltid'?)"


def test_a_rerun_in_the_other_language_still_finds_the_cards_unchanged(tmp_path: Path) -> None:
    out = tmp_path / "ut"
    batch(tmp_path, out, ["--lang-ui", "en"], {})
    rows = batch(tmp_path, out, ["--lang-ui", "sv"], {})
    assert rows[0] == SWEDISH and rows[1][3] == "oförändrad"
    rows = batch(tmp_path, out, ["--lang-ui", "en"], {})
    assert rows[1][3] == "unchanged"


def test_the_web_app_s_zip_holds_a_swedish_report() -> None:
    outcome = api.make_batch(ROSTER, file_name="boende.csv", project=api.open_project(),
                             layout="fridge-a5")
    with zipfile.ZipFile(io.BytesIO(outcome.zip())) as archive:
        text = archive.read("boende-rapport.csv").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == SWEDISH and [row[3] for row in rows[1:]] == ["skapad", "fel"]
    assert [row.status for row in outcome.rows] == [api.WRITTEN, api.FAILED]
    assert outcome.rows[1].error.startswith("rutiner: det finns ingen rutin")
