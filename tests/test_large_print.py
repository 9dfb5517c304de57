"""Layouts and preflight: the large-print leaflet is held to 18 pt body and 24 pt headings.

Issue 12, point 7: readers with low vision need more than 14 pt. The layout says
`large_print: true`; validation refuses type that could shrink below the floors, and
the PDF names its floor (`layout:large-print`) so preflight checks it at 18 pt.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from test_preflight import findings, page_pdf, text

from conftest import edit
from generator.errors import ContentError
from generator.layout import BookletLayout, load_layout
from generator.preflight import body_floor, preflight

STORSTIL = "oxytocin-och-beroring-storstil.pdf"


def _error(path: Path) -> str:
    with pytest.raises(ContentError) as caught:
        load_layout(path, path.name)
    return caught.value.format_message()


def test_the_shipped_large_print_layout_says_so(project: Path) -> None:
    layout = load_layout(project / "layouts/leaflet-storstil.yaml")
    assert isinstance(layout, BookletLayout) and layout.large_print
    assert layout.floor_name == "large-print"
    assert layout.type.body.smallest >= 18
    assert min(layout.type.heading.smallest, layout.type.title.smallest) >= 24


def test_body_below_18_pt_is_refused_in_large_print(project: Path) -> None:
    path = project / "layouts/leaflet-storstil.yaml"
    edit(path, "body: {size: 18, leading: 27, min_size: 18}",
         "body: {size: 18, leading: 27, min_size: 16}")
    assert ("type.body: body type may shrink to 16 pt, below the floor of 18 pt"
            in _error(path))


def test_headings_below_24_pt_are_refused_in_large_print(project: Path) -> None:
    path = project / "layouts/leaflet-storstil.yaml"
    edit(path, "heading: {size: 26, leading: 33, min_size: 24}",
         "heading: {size: 26, leading: 33, min_size: 20}")
    message = _error(path)
    assert ("type.heading: heading type may shrink to 20 pt, below the large-print floor of "
            "24 pt for headings") in message
    assert "hint: raise it to 24 pt or more" in message


def test_the_same_sizes_pass_in_an_ordinary_booklet(project: Path) -> None:
    path = project / "layouts/leaflet-storstil.yaml"
    edit(path, "large_print: true", "large_print: false")
    edit(path, "body: {size: 18, leading: 27, min_size: 18}",
         "body: {size: 18, leading: 27, min_size: 16}")
    assert load_layout(path).type.body.smallest == 16


def test_preflight_checks_large_print_at_18_pt(shipped: dict[str, bytes]) -> None:
    report = preflight(shipped[STORSTIL], STORSTIL)
    assert report.ok, report.format()
    assert report.floor == 18
    assert "type ≥ 18 pt" in report.format()
    assert body_floor("beröring, layout:large-print") == 18
    assert findings(page_pdf(text(16), keywords="layout:large-print")) == [
        "type size: text at 16 pt is below the 18 pt floor: ”Lugn beröring”"]
