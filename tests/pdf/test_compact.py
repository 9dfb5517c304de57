"""Compact reading files: object streams qpdf and the joiner read alike, in the size budget."""
from __future__ import annotations

import io
import re
import zlib
from pathlib import Path

import pikepdf
import pytest

from generator import api
from generator.pdf import classic, render

ANNA = Path(__file__).parents[2] / "content" / "people" / "anna-lind.yaml"


def _card(layout: str) -> bytes:
    return api.make_card(ANNA.read_bytes(), project=api.open_project(), layout=layout).pdf


@pytest.fixture(scope="module")
def deck() -> bytes:
    return _card("card-a6")


def test_a_reading_file_keeps_its_small_objects_in_an_object_stream(deck: bytes) -> None:
    with pikepdf.open(io.BytesIO(deck)) as pdf:
        assert float(pdf.pdf_version) >= 1.5
        streams = [o for o in pdf.objects if isinstance(o, pikepdf.Stream)]
        assert any(s.get("/Type") == "/ObjStm" for s in streams)
        assert pdf.Root.StructTreeRoot.K.S == "/Document"
        assert pdf.Root.Metadata.read_bytes().startswith(b"<?xpacket begin=")


def test_the_joiner_reads_every_object_as_qpdf_does(deck: bytes) -> None:
    shape = classic.read_classic(deck)
    assert shape is not None
    with pikepdf.open(io.BytesIO(deck)) as pdf:
        assert [p.objgen[0] for p in pdf.pages] == shape.kids
        assert pdf.Root.objgen[0] == shape.root
        for number, (head, tail) in shape.objects.items():
            obj = pdf.get_object(number, 0)
            if isinstance(obj, pikepdf.Stream):
                assert tail.lstrip().startswith(b"stream")
                assert obj.read_raw_bytes() in tail
            else:
                assert tail == b""
                refs = re.compile(rb"(\d+) 0 R")
                assert set(refs.findall(head)) == set(refs.findall(obj.unparse(resolved=True)))
                if isinstance(obj, pikepdf.Dictionary):
                    assert all(key.encode() in head for key in obj.keys())


def test_same_input_same_bytes(deck: bytes) -> None:
    assert _card("card-a6") == deck


def test_tagging_costs_a_deck_at_most_15_percent(deck: bytes,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 12, point 8, for the A6 deck (the A5 card's budget is not met: README)."""
    monkeypatch.setattr(render, "Marker", lambda canvas: None)
    untagged = _card("card-a6")
    assert b"/StructTreeRoot" not in untagged
    assert len(deck) <= 1.15 * len(untagged)


def _filters(stream: pikepdf.Stream) -> list[str]:
    named = stream.get("/Filter")
    return [str(n) for n in named] if isinstance(named, pikepdf.Array) else [str(named)]


def test_every_flate_stream_is_libdeflates_and_inflates_with_zlib(deck: bytes) -> None:
    """Pages, fonts, metadata and the object stream: made by libdeflate (pdf/deflate.py),
    read back by the standard zlib any PDF reader uses."""
    import deflate as libdeflate

    with pikepdf.open(io.BytesIO(deck)) as pdf:
        raws = [(obj.read_raw_bytes(), str(obj.get("/Type", ""))) for obj in pdf.objects
                if isinstance(obj, pikepdf.Stream) and "/FlateDecode" in _filters(obj)]
    kinds = {kind for _, kind in raws}
    assert "/ObjStm" in kinds and len(raws) >= 12  # eight pages, two fonts, the XMP…
    for raw, kind in raws:
        if kind == "/XRef":
            continue  # (pikepdf remakes the cross-reference stream)
        data = zlib.decompress(raw)
        level = 9 if raw == libdeflate.zlib_compress(data, 9) else 6  # the ICC profile: 9
        assert raw == libdeflate.zlib_compress(data, level), kind


def _pages(pdf_bytes: bytes) -> list[dict[str, str]]:
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        return [{str(key): repr(page.obj[key]) for key in page.obj.keys()
                 if key not in ("/ProcSet", "/Rotate", "/Trans", "/Parent")}
                | {"/Resources": repr({str(k): v for k, v in page.Resources.items()
                                       if k != "/ProcSet"})}
                for page in pdf.pages]


def test_a_page_written_directly_says_what_reportlabs_would(
        deck: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    """Boxes, resources, contents, links, tagging entries: the same as ReportLab's page
    dictionaries, and not its empty /Trans, /Rotate 0 or obsolete /ProcSet."""
    from generator.pdf import compact

    monkeypatch.setattr(compact, "page_body", lambda document, page: None)
    by_reportlab = _card("card-a6")
    assert b"/ProcSet" in zlib.decompress(by_reportlab.split(b"/ObjStm")[1].split(
        b"stream\n", 1)[1].split(b"\nendstream")[0])
    assert _pages(deck) == _pages(by_reportlab)
    with pikepdf.open(io.BytesIO(deck)) as pdf:
        first = pdf.pages[1].obj
        assert "/Rotate" not in first and "/Trans" not in first
        assert "/ProcSet" not in first.Resources
        assert len(first.Annots) == 3 and first.Tabs == "/S"


def test_a_page_with_what_it_does_not_write_is_left_to_reportlab() -> None:
    from reportlab.pdfgen.canvas import Canvas

    from generator.pdf.page_dict import page_body

    canvas = Canvas(io.BytesIO())
    canvas.setPageRotation(90)
    canvas.drawString(10, 10, "x")
    canvas.showPage()
    canvas.setPageTransition("Dissolve", 1)
    canvas.drawString(10, 10, "x")
    canvas.showPage()
    turned, dissolving = canvas._doc.Pages.pages
    assert page_body(canvas._doc, turned) is None
    assert page_body(canvas._doc, dissolving) is None


def _streams(pdf_bytes: bytes) -> list[tuple[dict[str, str], bytes]]:
    """Each stream's plain entries (not those that hold other objects) and its data."""
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        return [({str(k): str(v) for k, v in o.items() if k not in ("/Length", "/Filter")
                  and not isinstance(v, pikepdf.Dictionary | pikepdf.Array)}, o.read_bytes())
                for o in pdf.objects
                if isinstance(o, pikepdf.Stream) and o.get("/Type") not in ("/ObjStm", "/XRef")]


def test_a_stream_written_directly_holds_what_reportlabs_would(
        deck: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.pdf import compact

    monkeypatch.setattr(compact, "_stream_body", lambda document, stream: None)
    by_reportlab = _card("card-a6")
    streams = _streams(deck)
    assert streams == _streams(by_reportlab)
    assert len(deck) < len(by_reportlab) - 7 * len(streams)  # ten bytes fewer a stream
    assert deck.count(b"/Filter/FlateDecode/Length ") >= 12
