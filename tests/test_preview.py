"""Preview: page pictures and a contact sheet, from named PDFs or from the products."""
from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from generator.cli import cli
from generator.preview import CONTACT_SHEET, preview


def test_each_page_becomes_a_picture_and_the_contact_sheet_shows_them_all(
        shipped: dict[str, bytes]) -> None:
    pictures = preview([("kylskapskort-a5.pdf", shipped["kylskapskort-a5.pdf"]),
                        ("folder.pdf", shipped["oxytocin-och-beroring.pdf"])], dpi=20)
    assert [d.name for d in pictures] == ["kylskapskort-a5-01.png", "folder-01.png",
                                          "folder-02.png", CONTACT_SHEET]
    page = Image.open(io.BytesIO(pictures[0].data))
    expected = ((148 + 6) / 25.4 * 20, (210 + 6) / 25.4 * 20)  # the bleed box at 20 dpi
    assert all(abs(got - want) <= 1 for got, want in zip(page.size, expected, strict=True))
    sheet = Image.open(io.BytesIO(pictures[-1].data))
    assert sheet.width > sheet.height  # three pages in one row
    assert pictures[-1].summary == "3 pages from 2 file(s)"


def test_preview_command_writes_pictures_of_named_files(
        shipped: dict[str, bytes], tmp_path: Path, runner) -> None:  # type: ignore[no-untyped-def]
    pdf = tmp_path / "kort.pdf"
    pdf.write_bytes(shipped["kylskapskort-dl.pdf"])
    out = tmp_path / "titt"
    result = runner.invoke(cli, ["preview", str(pdf), "--out", str(out), "--dpi", "20"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [CONTACT_SHEET, "kort-01.png"]
    assert "wrote 1 page picture(s) and" in result.output


def test_preview_without_files_shows_every_product(
        project: Path, runner) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(cli, ["preview", "-C", str(project), "--dpi", "10"])
    assert result.exit_code == 0, result.output
    names = {p.name for p in (project / "output/preview").iterdir()}
    assert {"oxytocin-och-beroring-01.png", "oxytocin-och-beroring-02.png",
            "kylskapskort-dl-01.png", CONTACT_SHEET} <= names
    assert not list((project / "output").glob("*.pdf"))


def test_a_resolution_out_of_range_is_refused(
        shipped: dict[str, bytes], tmp_path: Path, runner) -> None:  # type: ignore[no-untyped-def]
    pdf = tmp_path / "kort.pdf"
    pdf.write_bytes(shipped["kylskapskort-dl.pdf"])
    result = runner.invoke(cli, ["preview", str(pdf), "--dpi", "5000"])
    assert result.exit_code == 1
    assert "error: --dpi 5000 is outside 10–600" in result.output


def test_a_broken_pdf_is_named(tmp_path: Path, runner) -> None:  # type: ignore[no-untyped-def]
    pdf = tmp_path / "trasig.pdf"
    pdf.write_bytes(b"%PDF-1.4 nothing")
    result = runner.invoke(cli, ["preview", str(pdf), "--out", str(tmp_path / "p")])
    assert result.exit_code == 1
    assert f"{pdf}: error: this is not a readable PDF" in result.output
