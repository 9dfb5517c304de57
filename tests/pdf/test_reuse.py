"""Reusing rendered cards on sheets: the same sheet as drawing them again, never drawn twice."""
from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium

from generator.pdf import classic
from generator.personal import check_person, personal_cards, render_deck, render_sheets
from pictures import difference, render_pages
from products import boxes_mm


def test_a_sheet_of_reused_cards_looks_like_one_drawn_again(chunk) -> None:  # type: ignore[no-untyped-def]
    slots, files, placed, content, inputs = chunk
    drawn = render_sheets(slots, content, inputs)
    reused = render_sheets(slots, content, inputs, (files, placed))
    assert reused != drawn  # (the reused one places forms: it is not the drawn one)
    assert boxes_mm(reused) == boxes_mm(drawn)  # trim, bleed and media boxes, every side
    for mine, theirs in zip(render_pages(reused, 100), render_pages(drawn, 100), strict=True):
        mean, changed = difference(mine, theirs)
        assert mean < 0.05 and changed == 0  # crop marks, backs and cards where they were
    with pikepdf.open(io.BytesIO(reused)) as sheet, pikepdf.open(io.BytesIO(drawn)) as other:
        assert sheet.docinfo.Title == other.docinfo.Title
        assert sorted(sheet.Root.keys()) == sorted(other.Root.keys())
        # Anna 3 cards, Bo 2, Åsa 4 (on a sheet of her own): 3 sheets, fronts and backs
        assert len(sheet.pages) == len(other.pages) == 6


def test_reused_sheets_are_reproducible(chunk) -> None:  # type: ignore[no-untyped-def]
    slots, files, placed, content, inputs = chunk
    first = render_sheets(slots, content, inputs, (files, placed))
    assert render_sheets(slots, content, inputs, (list(files), list(placed))) == first


def test_a_file_hands_over_its_objects_as_reading_it_would_split_them(chunk, people) -> None:  # type: ignore[no-untyped-def]
    slots, files, placed, content, inputs = chunk
    cards = personal_cards(check_person(people[0], "boende.csv", inputs), inputs, "boende.csv")
    data, written = render_deck(cards, content, inputs)
    read = classic.read_classic(data)
    assert written is not None and read is not None and data == files[0]
    assert (written.root, written.info, written.pages, written.kids, written.version) == (
        read.root, read.info, read.pages, read.kids, read.version)
    assert dict(written.objects.items()) == dict(read.objects.items())  # byte for byte
    assert len(written.objects) > 100  # the structure elements in the object stream too
    handed = render_sheets(slots, content, inputs, ([written, *files[1:]], placed))
    assert handed == render_sheets(slots, content, inputs, (files, placed))


def test_a_card_file_of_another_shape_is_drawn_instead(chunk, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    slots, files, placed, content, inputs = chunk
    with pikepdf.open(io.BytesIO(files[0])) as pdf:  # saved with object streams
        pdf.save(tmp_path / "other.pdf", object_stream_mode=pikepdf.ObjectStreamMode.generate)
    other = (tmp_path / "other.pdf").read_bytes()
    assert classic.read_classic(other) is None
    assert classic.read_classic(files[0]) is not None
    assert render_sheets(slots, content, inputs, ([other, *files[1:]], placed)) == (
        render_sheets(slots, content, inputs))


def _font_programs(sheet: bytes) -> list[str]:
    with pikepdf.open(io.BytesIO(sheet)) as pdf:
        return sorted(str(o.FontName) for o in pdf.objects
                      if isinstance(o, pikepdf.Dictionary) and o.get("/Type") == "/FontDescriptor")


def test_a_sheet_embeds_one_font_per_face_for_all_its_cards(chunk, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Each file's first subset is replaced by the sheet's one font per face, which holds
    every character the cards draw: the pages render as the drawn sheet's (above)."""
    from generator.pdf import sheet_fonts

    slots, files, placed, content, inputs = chunk
    shared = render_sheets(slots, content, inputs, (files, placed))
    assert _font_programs(shared) == ["/AAAAAA+AtkinsonHyperlegible-Bold",
                                      "/AAAAAA+AtkinsonHyperlegible-Regular"]
    text = "".join(page.get_textpage().get_text_range()
                   for page in pdfium.PdfDocument(shared))
    for word in ("Anna Lind", "Höger axel", "Skola för Beröring", "oxytocin, och det ger lugn"):
        assert word in text
    monkeypatch.setattr(sheet_fonts, "fixed_font", lambda name: None)  # cannot remake it
    copied = render_sheets(slots, content, inputs, (files, placed))
    assert len(_font_programs(copied)) == 2 * len(files)  # each file's own, as before
    assert len(shared) < 0.7 * len(copied)
    for mine, theirs in zip(render_pages(shared, 100), render_pages(copied, 100), strict=True):
        assert difference(mine, theirs) == (0, 0)
