"""Tilltalsnamn: the routine steps call the person by it; the cover keeps the full name."""
from __future__ import annotations

import io

from pypdf import PdfReader

from generator import api


def card_text(source: bytes) -> list[str]:
    card = api.make_card(source, project=api.open_project())
    return [page.extract_text() for page in PdfReader(io.BytesIO(card.pdf)).pages]


def test_the_steps_use_the_call_name_and_the_cover_the_full_name() -> None:
    pages = card_text(b"name: Anna-Karin Lind\ncall_name: Kajsa\nroutines: [ogonkontakt]\n"
)
    assert "Anna-Karin Lind" in pages[0]
    assert "så att Kajsa ser dig" in pages[2]
    assert "Anna-Karin Lind ser" not in pages[2]


def test_without_a_call_name_the_steps_use_the_first_word() -> None:
    pages = card_text("name: Bertil Öberg\nroutines: [ogonkontakt]\n".encode())
    assert "så att Bertil ser dig" in pages[2]


def test_the_file_name_keeps_the_full_name() -> None:
    card = api.make_card(b"name: Anna Lind\ncall_name: Annie\nroutines: [musik]\n",
                         project=api.open_project())
    assert card.file_name == "anna-lind.pdf"


def test_a_roster_column_tilltalsnamn(tmp_path) -> None:  # type: ignore[no-untyped-def]
    roster = "namn;tilltalsnamn;rutiner\r\nAnna Lind;Annie;ogonkontakt\r\n".encode("cp1252")
    outcome = api.make_batch(roster, file_name="lista.csv", project=api.open_project())
    assert outcome.rows[0].status == "created"
    pdf = next(d.data for d in outcome.documents if d.name == "anna-lind.pdf")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "så att Annie ser dig" in text


def test_a_call_name_too_long_is_refused() -> None:
    problems = api.check_person(b"name: Anna\ncall_name: " + b"A" * 40 + b"\nroutines: [musik]\n",
                                project=api.open_project())
    assert [p.field for p in problems] == ["call_name"]
