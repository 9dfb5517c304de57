"""Replayed pages: a routine front drawn once per process gives the bytes of a fresh drawing."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas

from generator import api
from generator.compose import routine_card
from generator.pdf import replay

ANNA = Path(__file__).parents[2] / "content" / "people" / "anna-lind.yaml"
# Persons who share call names and routines (replayed fronts), in Swedish with a Greek
# call name (a fallback font inside the routine's steps), in Arabic (shaped text) and in
# Finnish; the same routine front appears in several files of the batch.
PEOPLE = [
    ("Anna Lind", "sv", "ogonkontakt, maltid, musik"),
    ("Anna Berg", "sv", "ogonkontakt, maltid, minnen"),
    ("Anna Holm", "sv", "musik, sitta-nara"),
    ("Karl Ek", "sv", "ogonkontakt, maltid"),
    ("Ελένη Παππά", "sv", "ogonkontakt, resa-sig"),
    ("Ελένη Wik", "sv", "resa-sig, musik"),
    ("Leila Haddad", "ar", "ogonkontakt, maltid"),
    ("Leila Nasser", "ar", "ogonkontakt, minnen"),
    ("Aino Virtanen", "fi", "ogonkontakt, maltid"),
    ("Aino Laine", "fi", "maltid, musik"),
]


def roster() -> bytes:
    lines = ["namn;språk;rutiner;kontakt_roll;kontakt_namn;kontakt_telefon"]
    for number, (name, language, routines) in enumerate(PEOPLE):
        lines.append(f"{name};{language};{routines};Anhörig;Erik Lind;070-174 06 {50 + number}")
    return ("\n".join(lines) + "\n").encode("utf-8")


@pytest.fixture
def fresh_recordings() -> Iterator[None]:
    replay._RECORDINGS.clear()
    routine_card._FRONTS.clear()
    yield
    replay._RECORDINGS.clear()


def _write(canvas: Canvas, font: str, y: float, words: str) -> None:
    """One line of `words` in `font` at 12 pt, in a text object of its own."""
    text = canvas.beginText(10, y)
    text.setFont(font, 12)
    text.textLine(words)
    canvas.drawText(text)


def without_replay(make: Callable[[], list[bytes]], monkeypatch: pytest.MonkeyPatch
                   ) -> list[bytes]:
    with monkeypatch.context() as patch:
        patch.setattr(replay, "_REPLAYING", False)
        return make()


def test_a_batch_is_the_same_bytes_replayed_or_drawn(fresh_recordings: None,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    project = api.open_project()

    def batch() -> list[bytes]:
        outcome = api.make_batch(roster(), file_name="lista.csv", project=project)
        assert outcome.failed == 0
        return [document.data for document in outcome.documents]

    drawn = without_replay(batch, monkeypatch)
    assert not replay._RECORDINGS
    replayed = batch()
    recorded: dict[str, int] = {}
    for key, recording in replay._RECORDINGS.items():
        assert recording is not None, key[0][0]  # none of these draws what a file owns
        recorded[key[0][0]] = recorded.get(key[0][0], 0) + 1
    # fewer recordings than cards: the shared fronts, backs' texts below the owner's
    # name and backs' feet (contact lines, links, QR code) were replayed, not drawn again
    cards = sum(len(routines.split(",")) for _, _, routines in PEOPLE)
    assert 0 < recorded["routine front"] < cards
    assert 0 < recorded["routine back"] < cards
    assert recorded["card foot"] == 3  # one per language: Swedish, Arabic, Finnish
    # and laid out once per process: each row names its own place for errors only
    assert 0 < len(routine_card._FRONTS) < cards
    assert replayed == drawn


def test_a_card_recorded_then_replayed_keeps_its_tags_and_bookmarks(
        fresh_recordings: None, monkeypatch: pytest.MonkeyPatch) -> None:
    source = ANNA.read_bytes()
    project = api.open_project()

    def card() -> list[bytes]:
        return [api.make_card(source, project=project, layout="card-a6").pdf]

    drawn = without_replay(card, monkeypatch)
    first = card()  # each front recorded on a scratch canvas, then replayed
    second = card()  # replayed from the recordings
    assert first == second == drawn


def test_every_product_is_the_same_bytes_replayed_or_drawn(
        fresh_recordings: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """In one file too: the routine deck's first back makes the QR code's form as it is
    drawn; the other backs' feet are replayed into the same file, naming that form."""
    project = api.open_project()

    def products() -> list[bytes]:
        return [document.data for document in api.build_products(project)]

    drawn = without_replay(products, monkeypatch)
    replayed = products()
    assert any(key[0][0] == "card foot" for key in replay._RECORDINGS)
    assert replayed == drawn


def test_a_page_that_names_a_font_as_its_file_numbers_it_is_drawn_not_replayed(
        fresh_recordings: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """A Type 1 font set on the canvas is written under a name the file gives it, so a
    recording of it could name the wrong font in another file: such a page is drawn."""
    from generator.pdf.page import Page
    from generator.pdf.render import Metadata, render_pdf

    def draw(painter: object) -> None:
        canvas = painter.canvas  # type: ignore[attr-defined]
        with painter.artifact():  # type: ignore[attr-defined]
            canvas.setFont("Times-Roman", 12)
            canvas.drawString(10, 10, "Tryckt")

    page = Page("test", 100, 100, 0, draw, reuse=("test page",))
    meta = Metadata("T", "A", "S")

    def pdf() -> list[bytes]:
        return [render_pdf([page, page], meta, "Times-Roman")]

    drawn = without_replay(pdf, monkeypatch)
    assert pdf() == drawn
    assert list(replay._RECORDINGS.values()) == [None]


def test_a_frozen_block_writes_each_element_as_a_drawn_one_would() -> None:
    """The template a recording's elements are written from, against `_element` on the
    same elements: a % in an alternative text, content on another page (MCR), a link's
    annotation (OBJR), nested elements and the parent outside the block."""
    from types import SimpleNamespace

    from generator.pdf.structure import _element, freeze
    from generator.pdf.tagging import Annotation, Element, Marked, Role

    link = Annotation(2, "L2.0", "tel:+46701740650", "Ring", (0, 0, 1, 1), 0)
    figure = Element(Role.FIGURE, kids=[Marked(2, 3)], alt="100 % lugn (tyst)", page=2)
    linked = Element(Role.LINK, kids=[Marked(2, 4), link], page=2)
    loose = Element(Role.P, kids=[Marked(2, 5)], lang="fi-FI")  # its page never set
    sect = Element(Role.SECT, kids=[figure, linked], page=2)
    elements = [sect, figure, linked, loose]
    nodes = [SimpleNamespace(role=e.role, alt=e.alt, lang=e.lang, on_page=e.page is not None,
                             kids=tuple((0,) if k is link else elements.index(k)
                                        if isinstance(k, Element) else -1 - k.mcid
                                        for k in e.kids)) for e in elements]
    template = freeze(nodes, [0, 3])
    first, outer = 40, 7
    pages = [b"1 0 R", b"2 0 R", b"5 0 R"]
    number = {id(e): first + i for i, e in enumerate(elements)}
    parents = {id(sect): outer, id(loose): outer}  # (the others noted as sect is written)
    document = SimpleNamespace(annotationName=lambda name: name)
    drawn = [_element(e, number, parents, pages, {"L2.0": b"9 0 R"}, document)
             for e in elements]
    assert template.bodies(first, outer, pages[2], [b"9 0 R"]) == drawn
    assert template.top == (0, 3) and template.size == 4
    assert b"/Alt(100 % lugn \\(tyst\\))" in drawn[1]
    assert b"<</Type/MCR/Pg 5 0 R/MCID 5>>" in drawn[3]


@pytest.mark.parametrize("form_last", [True, False])
def test_a_form_the_file_lacks_is_made_when_replayed_only_where_drawing_made_it(
        fresh_recordings: None, monkeypatch: pytest.MonkeyPatch, form_last: bool) -> None:
    """A part whose form comes after all its text is replayed into a file that has not
    made the form yet (the form is made then, numbered as drawing numbers it); a part
    that uses the form before more text is drawn there instead."""
    from generator.pdf.fonts import load_fonts
    from generator.pdf.page import Page, Painter
    from generator.pdf.render import Metadata, render_pdf
    from generator.pdf.tagging import Role

    font = load_fonts(api.open_project().fonts).regular

    def mark(canvas: Canvas) -> None:
        canvas.rect(0, 0, 5, 5, fill=1)

    def part(painter: Painter) -> None:
        with painter.tag(Role.P):
            _write(painter.canvas, font, 40, "Före")
        if not form_last:
            painter.static("mark", mark)
        with painter.tag(Role.P):
            _write(painter.canvas, font, 20, "Efter")
        if form_last:
            with painter.tag(Role.FIGURE, alt="Märke"):
                painter.static("mark", mark)

    def draw(painter: Painter) -> None:
        with painter.group(Role.SECT):
            replay.draw_reused(painter, ("test part", form_last), part)

    page = Page("test", 100, 100, 0, draw)

    def pdf() -> list[bytes]:
        return [render_pdf([page, page], Metadata("T", "A", "S"), font) for _ in range(2)]

    drawn = without_replay(pdf, monkeypatch)
    replayed: list[int] = []
    real = replay._replay
    monkeypatch.setattr(replay, "_replay", lambda *a: (replayed.append(1), real(*a)))
    assert pdf() == drawn
    (recording,) = replay._RECORDINGS.values()
    assert recording is not None and recording.forms == ["mark"]
    assert list(recording.makers) == (["mark"] if form_last else [])
    # in each of the two files the first page lacks the form, the second has it
    assert len(replayed) == (4 if form_last else 2)


def test_a_links_box_on_the_page_is_reportlabs() -> None:
    """`on_page` against ReportLab's own `_absRect` under moved, turned, scaled spaces."""
    import io
    import random

    from generator.pdf.tagging import on_page

    canvas = Canvas(io.BytesIO())
    chance = random.Random(7)
    for _ in range(200):
        canvas.saveState()
        canvas.translate(chance.uniform(-50, 50), chance.uniform(-50, 50))
        canvas.rotate(chance.choice([0, 90, 180, 33]))
        canvas.scale(chance.uniform(0.5, 2), chance.uniform(-2, 2))
        rect = (chance.uniform(-99, 99), chance.uniform(-99, 99),
                chance.uniform(-99, 99), chance.uniform(-99, 99))
        assert on_page(canvas, rect) == tuple(canvas._absRect(rect, relative=1))
        canvas.restoreState()


def test_a_parts_text_is_encoded_once_for_files_that_name_its_fonts_alike(
        fresh_recordings: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """Fixed glyph codes make a replayed part's text the same bytes in every file that
    names its fonts alike; a file that named them otherwise (bold first) gets its own."""
    from generator.pdf.fonts import load_fonts
    from generator.pdf.page import Page, Painter
    from generator.pdf.render import Metadata, render_pdf
    from generator.pdf.tagging import Role

    fonts = load_fonts(api.open_project().fonts)

    def part(painter: Painter) -> None:
        with painter.tag(Role.P):
            _write(painter.canvas, fonts.regular, 40, "Sätt dig nära – ”så”.")
            _write(painter.canvas, fonts.bold, 20, "Därför hjälper det")

    def page(bold_first: bool) -> Page:
        def draw(painter: Painter) -> None:
            if bold_first:  # (an artifact: the part has the same MCIDs before it, and
                with painter.artifact():  # so the same recording, in either file)
                    _write(painter.canvas, fonts.bold, 80, "Åke")
            with painter.group(Role.SECT):
                replay.draw_reused(painter, ("test fonts",), part)
        return Page("test", 100, 100, 0, draw)

    def pdfs() -> list[bytes]:
        return [render_pdf([page(bold_first)], Metadata("T", "A", "S"), fonts.regular)
                for bold_first in (False, True, False, True)]

    drawn = without_replay(pdfs, monkeypatch)
    encoded: list[int] = []
    real = replay._encoded
    monkeypatch.setattr(replay, "_encoded", lambda *a: (encoded.append(1), real(*a))[1])
    assert pdfs() == drawn
    assert drawn[0] != drawn[1]  # (the fonts named the other way round)
    # encoded for the first file, again for the second (other names), then each time the
    # names change: never reused for a file that names the fonts otherwise
    assert len(encoded) == 4
    monkeypatch.setattr(replay, "_REPLAYING", True)
    same = [render_pdf([page(False)], Metadata("T", "A", "S"), fonts.regular)
            for _ in range(3)]
    assert same == [drawn[0]] * 3 and len(encoded) == 5  # encoded once for all three
