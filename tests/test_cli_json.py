"""--format json and exit codes: what another program reads from the command line."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from conftest import edit
from generator.cli import cli
from generator.defaults import default_dir

ANNA = str(default_dir("content") / "people" / "anna-lind.yaml")


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args))


def test_check_json_on_good_content_is_ok_and_exits_0() -> None:
    result = invoke("check", "--format", "json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert found["ok"] is True and found["problems"] == []
    assert {f["file"] for f in found["files"]} >= {"rutinkort-a6.pdf"}
    assert all(f["ok"] and f["findings"] == [] for f in found["files"])


def test_check_json_lists_content_problems_and_exits_1(project: Path) -> None:
    edit(project / "content/handouts.yaml", "layout: card-a6", "layout: card-a7")
    result = invoke("check", "--project", str(project), "--format", "json")
    assert result.exit_code == 1
    found = json.loads(result.stdout)
    assert found["ok"] is False and found["exit_code"] == 1
    problem = next(p for p in found["problems"] if p["code"] == "layout.unknown")
    assert problem["params"] == {"name": "card-a7"}
    assert problem["file"] == "content/handouts.yaml" and problem["line"] is not None
    assert problem["message"] == "no layout named 'card-a7'"
    assert problem["hint"] == "did you mean 'card-a6'?"


def test_card_json_and_an_unknown_layout_exits_2(tmp_path: Path) -> None:
    result = invoke("card", ANNA, "--out", str(tmp_path / "a.pdf"), "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["ok"] is True
    result = invoke("card", ANNA, "--layout", "kylskap", "--format", "json")
    assert result.exit_code == 2
    found = json.loads(result.stdout)
    assert [(p["code"], p["file"]) for p in found["problems"]] == [("layout.unknown", "--layout")]
    text = invoke("card", ANNA, "--layout", "kylskap")
    assert text.exit_code == 2
    assert text.stderr.startswith("--layout: error: no layout named 'kylskap'")


def test_batch_json_gives_each_rows_outcome_and_exits_1_when_a_row_failed(tmp_path: Path) -> None:
    roster = tmp_path / "boende.csv"
    roster.write_text("namn;rutiner\nAnna Lind;musik\nSven Ek;maltider\n", encoding="utf-8")
    result = invoke("batch", str(roster), "--layout", "fridge-a5", "--out", str(tmp_path / "ut"),
                    "--jobs", "1", "--format", "json")
    assert result.exit_code == 1
    found = json.loads(result.stdout)
    assert (found["ok"], found["made"], found["failed"]) == (False, 1, 1)
    assert [(r["row"], r["status"], r["file"]) for r in found["rows"]] == [
        (2, "created", "anna-lind.pdf"), (3, "failed", "")]
    [problem] = found["rows"][1]["problems"]
    assert (problem["code"], problem["field"], problem["row"]) == ("routine.unknown", "rutiner", 3)
    assert found["sheet"].endswith("boende-ark.pdf") and found["sheet_pages"] == 1
    assert result.stderr == ""  # JSON on stdout only; no progress bar, no text messages


def test_batch_json_exits_0_when_every_row_is_made(tmp_path: Path) -> None:
    roster = tmp_path / "boende.csv"
    roster.write_text("namn;rutiner\nAnna Lind;musik\n", encoding="utf-8")
    result = invoke("batch", str(roster), "--layout", "fridge-a5", "--out", str(tmp_path / "ut"),
                    "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["ok"] is True


def test_a_missing_roster_is_bad_input_in_json_too(tmp_path: Path) -> None:
    result = invoke("batch", str(tmp_path / "finns-inte.csv"), "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["problems"][0]["code"] == "file.missing"
