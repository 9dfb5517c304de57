"""Joining our own PDFs page after page, streaming: the result is a sound PDF."""
from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pikepdf
import pypdf
import pypdfium2
import pytest

from generator.pdf.join import JoinError, join_pdfs


@pytest.fixture(scope="module")
def parts(shipped: dict[str, bytes]) -> list[bytes]:
    """The printer's sheets, which are what a batch joins; reading files are tagged, and
    joining refuses a second structure tree (see the test of that below)."""
    return [data for name, data in shipped.items() if name.endswith("-ark.pdf")]


def test_joined_file_has_every_page_with_its_boxes(parts: list[bytes]) -> None:
    stream = io.BytesIO()
    pages = join_pdfs(parts, stream)
    joined = pypdf.PdfReader(io.BytesIO(stream.getvalue()), strict=True)
    originals = [pypdf.PdfReader(io.BytesIO(p)) for p in parts]
    assert pages == len(joined.pages) == sum(len(r.pages) for r in originals)
    flat = [page for reader in originals for page in reader.pages]
    for mine, theirs in zip(joined.pages, flat, strict=True):
        assert mine.trimbox == theirs.trimbox and mine.bleedbox == theirs.bleedbox
        assert mine.extract_text() == theirs.extract_text()
    assert joined.metadata is not None
    assert joined.metadata.title == "Tryckark – Rutinkort – lugn beröring i vardagen"
    assert len(pypdfium2.PdfDocument(stream.getvalue())) == pages


def test_joining_is_reproducible(parts: list[bytes]) -> None:
    first, second = io.BytesIO(), io.BytesIO()
    join_pdfs(parts, first)
    join_pdfs(parts, second)
    assert first.getvalue() == second.getvalue()


def test_something_else_is_refused() -> None:
    with pytest.raises(JoinError, match="part 1 is not a readable PDF"):
        join_pdfs([b"%PDF-1.7\n not ours"], io.BytesIO())


def _part(pages: int, *, tagged: bool = False) -> bytes:
    """A small PDF whose catalogue has what a PDF/A or PDF/UA file carries."""
    pdf = pikepdf.new()
    for _ in range(pages):
        pdf.add_blank_page(page_size=(200, 300))
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["dc:title"] = "Kort"
    profile = pdf.make_stream(b"not really an ICC profile")
    pdf.Root.OutputIntents = pikepdf.Array([pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFA1,
        OutputConditionIdentifier="sRGB IEC61966-2.1", DestOutputProfile=profile)])
    pdf.Root.Lang = "sv-SE"
    pdf.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
    pdf.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
    if tagged:
        pdf.Root.StructTreeRoot = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.StructTreeRoot))
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True)
    return out.getvalue()


def test_joining_keeps_the_first_parts_catalogue() -> None:
    parts = [_part(2), _part(3)]
    stream = io.BytesIO()
    assert join_pdfs(parts, stream) == 5
    with pikepdf.open(io.BytesIO(stream.getvalue())) as joined, \
            pikepdf.open(io.BytesIO(parts[0])) as first:
        assert len(joined.pages) == 5
        assert str(joined.Root.Lang) == "sv-SE"
        assert bool(joined.Root.ViewerPreferences.DisplayDocTitle) is True
        assert bool(joined.Root.MarkInfo.Marked) is True
        assert joined.Root.Metadata.read_bytes() == first.Root.Metadata.read_bytes()
        intent = joined.Root.OutputIntents[0]
        assert str(intent.OutputConditionIdentifier) == "sRGB IEC61966-2.1"
        assert intent.DestOutputProfile.read_bytes() == b"not really an ICC profile"
        assert set(joined.Root.keys()) == set(first.Root.keys())


def test_a_later_part_with_its_own_structure_tree_is_refused() -> None:
    with pytest.raises(JoinError, match="part 2 has /StructTreeRoot"):
        join_pdfs([_part(1, tagged=True), _part(1, tagged=True)], io.BytesIO())


def test_text_that_looks_like_a_reference_is_copied_as_it_is() -> None:
    pdf = pikepdf.open(io.BytesIO(_part(1)))
    title = "Kort (se 12 0 R) \\ slut"
    pdf.docinfo["/Title"] = title
    pdf.pages[0].obj["/Note"] = pikepdf.String("4 0 R")
    part = io.BytesIO()
    pdf.save(part, deterministic_id=True)
    joined = io.BytesIO()
    join_pdfs([part.getvalue()], joined)
    with pikepdf.open(io.BytesIO(joined.getvalue())) as result:
        assert str(result.docinfo["/Title"]) == title
        assert str(result.pages[0].obj["/Note"]) == "4 0 R"


def test_what_a_page_inherits_from_its_tree_is_kept() -> None:
    pdf = pikepdf.open(io.BytesIO(_part(2)))
    pdf.Root.Pages.MediaBox = pikepdf.Array([0, 0, 123, 456])
    for page in pdf.pages:
        del page.obj["/MediaBox"]
    part = io.BytesIO()
    pdf.save(part, deterministic_id=True)
    joined = io.BytesIO()
    join_pdfs([part.getvalue(), _part(1)], joined)
    with pikepdf.open(io.BytesIO(joined.getvalue())) as result:
        assert [list(p.mediabox) for p in result.pages] == [[0, 0, 123, 456]] * 2 + [
            [0, 0, 200, 300]]


def test_joining_gives_the_same_bytes_in_separate_processes(tmp_path: Path) -> None:
    """Nothing may depend on the order of a set or dict that Python shuffles per process."""
    part = tmp_path / "part.pdf"
    part.write_bytes(_part(2))
    script = ("import io, sys; from pathlib import Path; from generator.pdf.join import join_pdfs; "
              "out = io.BytesIO(); join_pdfs([Path(sys.argv[1]).read_bytes()] * 2, out); "
              "sys.stdout.buffer.write(out.getvalue())")
    runs = [subprocess.run([sys.executable, "-c", script, str(part)], capture_output=True,
                           check=True, env={**os.environ, "PYTHONHASHSEED": seed}).stdout
            for seed in ("1", "2", "3")]
    assert runs[0] == runs[1] == runs[2] and runs[0].startswith(b"%PDF-")


def test_parts_copied_from_their_bytes_join_as_qpdf_copies_them(
        parts: list[bytes], monkeypatch: pytest.MonkeyPatch) -> None:
    """ReportLab's parts take the quick path (bytes split into objects); the result has
    the same pages, boxes, text, catalogue and information as qpdf's object-by-object copy."""
    from generator.pdf import classic, join
    assert all(classic.read_classic(part) is not None for part in parts)
    quick = io.BytesIO()
    join_pdfs(parts, quick)
    monkeypatch.setattr(join, "read_classic", lambda data: None)
    slow = io.BytesIO()
    join_pdfs(parts, slow)
    assert quick.getvalue() != slow.getvalue()  # (two ways of copying, really both taken)
    mine, theirs = (pypdf.PdfReader(io.BytesIO(s.getvalue()), strict=True) for s in (quick, slow))
    assert len(mine.pages) == len(theirs.pages)
    for a, b in zip(mine.pages, theirs.pages, strict=True):
        assert (a.trimbox, a.bleedbox, a.mediabox) == (b.trimbox, b.bleedbox, b.mediabox)
        assert a.extract_text() == b.extract_text()
    assert mine.metadata == theirs.metadata
    with pikepdf.open(quick) as one, pikepdf.open(slow) as other:
        assert {k: repr(v) for k, v in one.Root.items() if k != "/Pages"} == {
            k: repr(v) for k, v in other.Root.items() if k != "/Pages"}
