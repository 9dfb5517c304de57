"""Joining our own PDFs page after page, streaming: the result is a sound PDF."""
from __future__ import annotations

import io

import pypdf
import pypdfium2
import pytest

from generator.build import build_project
from generator.manifest import Project
from generator.pdf.join import JoinError, join_pdfs


@pytest.fixture(scope="module")
def parts() -> list[bytes]:
    return [d.data for d in build_project(Project(None))]


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
    assert joined.metadata.title == "Rutinkort – lugn beröring i vardagen"
    assert len(pypdfium2.PdfDocument(stream.getvalue())) == pages


def test_joining_is_reproducible(parts: list[bytes]) -> None:
    first, second = io.BytesIO(), io.BytesIO()
    join_pdfs(parts, first)
    join_pdfs(parts, second)
    assert first.getvalue() == second.getvalue()


def test_something_else_is_refused() -> None:
    with pytest.raises(JoinError, match="no classic cross-reference table"):
        join_pdfs([b"%PDF-1.7\n not ours"], io.BytesIO())
