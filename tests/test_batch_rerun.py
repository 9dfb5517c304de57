"""Re-runs decide before they draw (issue 16 point 2): a card whose inputs' digest and file
are as the folder's record says is `unchanged` (oförändrad) without being laid out or rendered; a
changed row, layout, content file or build date remakes exactly the cards it affects,
and the sheet file is then made again, the same bytes as a fresh run's."""
from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import generator.batch as batch
from generator.batch import run_batch
from generator.batch_record import RECORD
from generator.defaults import default_dir
from generator.manifest import Project

HEADER = "namn;rutiner;undvik;anhörig;kontakt_roll;kontakt_namn;kontakt_telefon"
ROWS = [f"{name};musik, maltid;{avoid};Personalen;Dotter;Karin Ek;070-174 06 5{n}"
        for n, (name, avoid) in enumerate([("Anna Lind", "Nacken"), ("Bo Ek", "Fötterna"),
                                           ("Cilla Berg", ""), ("Anna Lind", "Nacken"),
                                           ("Dan Holm", "Höger axel")])]


def write_roster(path: Path, rows: list[str]) -> Path:
    path.write_bytes(("\r\n".join([HEADER, *rows]) + "\r\n").encode("cp1252"))
    return path


def run(path: Path, out: Path, project: Project | None = None):  # type: ignore[no-untyped-def]
    return run_batch(project or Project(None), path, "fridge-a5", out, 1, display=path.name)


def counting(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the cards rendered from here on (a list: one entry per rendered card)."""
    rendered: list[int] = []
    real: Callable[..., tuple[bytes, object]] = batch.render_deck

    def render(*args: Any) -> tuple[bytes, object]:
        rendered.append(1)
        return real(*args)

    monkeypatch.setattr(batch, "render_deck", render)
    return rendered


def snapshot(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.glob("*.pdf")}


@pytest.fixture(autouse=True)
def _fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795305600")


def test_unchanged_rerun_neither_lays_out_nor_renders(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    path, out = write_roster(tmp_path / "boende.csv", ROWS), tmp_path / "ut"
    first = run(path, out)
    assert first.failed == 0
    before = snapshot(out)

    def refuse(*args: Any) -> None:
        raise AssertionError("laid out or rendered on a re-run with nothing changed")

    for name in ("render_deck", "render_sheets", "personal_cards", "check_person"):
        monkeypatch.setattr(batch, name, refuse)
    again = run(path, out)
    assert [r.status for r in again.rows] == ["unchanged"] * len(ROWS)
    assert [r.file for r in again.rows] == [r.file for r in first.rows]
    assert again.sheet == out / "boende-ark.pdf" and again.sheet_pages == first.sheet_pages
    assert snapshot(out) == before


def test_one_changed_row_remakes_one_card_and_the_sheet(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    path, out = write_roster(tmp_path / "boende.csv", ROWS), tmp_path / "ut"
    run(path, out)
    edited = [row.replace("Fötterna", "Ryggen") for row in ROWS]
    write_roster(path, edited)
    rendered = counting(monkeypatch)
    again = run(path, out)
    assert len(rendered) == 1
    assert [r.status for r in again.rows] == ["unchanged", "created", "unchanged",
                                              "unchanged", "unchanged"]
    fresh = tmp_path / "nytt"
    run(write_roster(tmp_path / "nytt.csv", edited), fresh)
    assert (out / "boende-ark.pdf").read_bytes() == (fresh / "nytt-ark.pdf").read_bytes()
    assert snapshot(out)["bo-ek.pdf"] == snapshot(fresh)["bo-ek.pdf"]


def test_a_changed_layout_remakes_every_card(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    project_root = tmp_path / "projekt"
    shutil.copytree(default_dir("layouts"), project_root / "layouts")
    project = Project(project_root)
    path, out = write_roster(tmp_path / "boende.csv", ROWS), tmp_path / "ut"
    run(path, out, project)
    layout = project_root / "layouts" / "fridge-a5.yaml"
    layout.write_text(layout.read_text().replace("margin_mm: 10", "margin_mm: 12"))
    rendered = counting(monkeypatch)
    again = run(path, out, project)
    assert len(rendered) == len(ROWS)
    assert [r.status for r in again.rows] == ["created"] * len(ROWS)


def test_a_changed_content_file_or_build_date_remakes_every_card(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project_root = tmp_path / "projekt"
    shutil.copytree(default_dir("content"), project_root / "content")
    project = Project(project_root)
    path, out = write_roster(tmp_path / "boende.csv", ROWS), tmp_path / "ut"
    run(path, out, project)
    any_file = sorted((project_root / "content").rglob("*.yaml"))[0]
    any_file.write_text(any_file.read_text() + "\n# en rad till\n")
    rendered = counting(monkeypatch)
    run(path, out, project)
    assert len(rendered) == len(ROWS)  # a comment: the bytes are the same, yet checked
    run(path, out, project)
    assert len(rendered) == len(ROWS)  # and then nothing changed
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795392000")  # the next day
    run(path, out, project)
    assert len(rendered) == 2 * len(ROWS)


def test_a_card_file_changed_by_hand_is_made_again(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    path, out = write_roster(tmp_path / "boende.csv", ROWS), tmp_path / "ut"
    run(path, out)
    before = snapshot(out)
    (out / "cilla-berg.pdf").write_bytes(before["cilla-berg.pdf"][:-10])
    rendered = counting(monkeypatch)
    again = run(path, out)
    assert len(rendered) == 1 and again.rows[2].status == "created"
    assert snapshot(out) == before


def test_the_same_person_twice_keeps_both_files_on_a_rerun(tmp_path: Path) -> None:
    path, out = write_roster(tmp_path / "boende.csv", ROWS), tmp_path / "ut"
    first = run(path, out)
    assert first.rows[0].file != first.rows[3].file
    again = run(path, out)
    assert [r.file for r in again.rows] == [r.file for r in first.rows]
    assert not again.messages  # no "belongs to another file": each row has its own key
    keys = json.loads((out / RECORD).read_text())["rosters"]
    assert len(next(iter(keys.values()))["cards"]) == len(ROWS)


def test_a_failed_row_is_checked_again_and_still_reported(tmp_path: Path) -> None:
    rows = [*ROWS, "Eva Dahl;flyga;;"]
    path, out = write_roster(tmp_path / "boende.csv", rows), tmp_path / "ut"
    run(path, out)
    again = run(path, out)
    assert again.rows[-1].status == "failed" and "flyga" in again.rows[-1].error
    assert [r.status for r in again.rows[:-1]] == ["unchanged"] * len(ROWS)
