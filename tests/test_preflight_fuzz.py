"""Preflight on damaged PDFs: findings or "not a readable PDF", never an exception or a hang."""
from __future__ import annotations

import collections
from pathlib import Path

import pytest
from click.testing import CliRunner

import generator.pdf.render
import generator.preflight_page
from conftest import FIXTURES
from generator import api
from generator.cli import cli
from generator.preflight import preflight
from guards import time_limit
from pdf_mutants import mutants

MUTANTS = 260


@pytest.fixture(scope="module")
def product() -> bytes:
    """A real product: a personal fridge card, one page, small enough to check 260 times."""
    person = (FIXTURES / "people" / "valid-minimal.yaml").read_bytes()
    # written the classic way (no object stream), so the mutants and the edits below
    # reach the objects' syntax rather than compressed bytes
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(generator.pdf.render, "use_compact_writing", lambda canvas: None)
        card = api.make_card(person, project=api.open_project(), layout="fridge-a5")
    assert preflight(card.pdf, "card.pdf").ok
    return card.pdf


def test_every_mutant_ends_in_findings_or_not_readable(product: bytes,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    # Pixels at 36 dpi keep 260 files inside ~20 s; every check still runs on them.
    monkeypatch.setattr(generator.preflight_page, "RENDER_DPI", 36)
    outcomes: collections.Counter[str] = collections.Counter()
    for name, data in mutants(product, MUTANTS, seed=11):
        with time_limit(10):
            report = preflight(data, name)
        text = report.format()  # every finding can be shown
        assert text.startswith(name), text
        unreadable = any(f.page == 0 and f.check == "file" and "not a readable PDF"
                         in f.message for f in report.findings)
        outcomes["unreadable" if unreadable else "findings" if report.findings else "ok"] += 1
        for finding in report.findings:
            assert finding.message and finding.check, (name, finding)
            assert 0 <= finding.page <= max(report.pages, 1), (name, finding)
    # the damage is real: most mutants are refused, some are not even readable
    assert outcomes["findings"] > MUTANTS // 3 and outcomes["unreadable"] > 10, outcomes


@pytest.mark.parametrize("box", ["MediaBox", "BleedBox", "TrimBox"])
@pytest.mark.parametrize("value", [b"[ -nan -nan -nan -nan ]", b"[ 0 0 nan nan ]",
                                   b"[ 0 0 0 0 ]", b"[ 0 0 ]", b"[ /a /b /c /d ]", b"null",
                                   b"( not a box )"])
def test_a_broken_box_is_named_on_its_page(product: bytes, box: str, value: bytes) -> None:
    start = product.index(f"/{box} [".encode())
    end = product.index(b"]", start) + 1
    report = preflight(product[:start] + f"/{box} ".encode() + value + product[end:], "x.pdf")
    messages = [f"{f.page}: {f.check}: {f.message}" for f in report.findings]
    assert any(m.startswith("1: page boxes: ") for m in messages), messages


def test_the_nan_card_that_once_said_internal_error(tmp_path: Path, product: bytes) -> None:
    """A card written from `bleed_mm: .nan` had -nan in every box; pypdf found no pages."""
    broken = tmp_path / "nan.pdf"
    broken.write_bytes(product.replace(b"/MediaBox [ 0 0", b"/MediaBox [ -nan -nan")
                       .replace(b"/TrimBox [", b"/TrimBox [ -nan -nan -nan -nan ] /X ["))
    result = CliRunner().invoke(cli, ["check", str(broken)])
    assert result.exit_code == 1, result.output
    assert "internal error" not in result.output
    assert f"{broken}: page 1: error: page boxes: the MediaBox is empty" in result.output


def test_a_page_larger_than_a0_is_named_not_rendered(product: bytes) -> None:
    huge = product
    for box in (b"/MediaBox", b"/CropBox"):
        start = huge.index(box + b" [")
        end = huge.index(b"]", start) + 1
        huge = huge[:start] + box + b" [ 0 0 99999 99999 ]" + huge[end:]
    with time_limit(10):
        report = preflight(huge, "huge.pdf")
    assert [f.message for f in report.findings if f.check == "page boxes"] == [
        "the page is 35277 x 35277 mm; pages larger than A0 are not checked"]
