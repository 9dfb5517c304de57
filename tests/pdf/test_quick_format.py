"""Object syntax: the quick formatter writes exactly the bytes ReportLab's own would."""
from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFString

from generator import api
from generator.pdf import quick_format

PEOPLE = Path(__file__).parents[2] / "content" / "people"


@contextmanager
def reportlab_formatting() -> Iterator[None]:
    assert pdfdoc.format is quick_format.quick_format  # render.py installs it
    pdfdoc.format = quick_format._REPORTLAB
    try:
        yield
    finally:
        quick_format.use_quick_format()


def both_ways(make: Callable[[], list[bytes]]) -> tuple[list[bytes], list[bytes]]:
    quick = make()
    with reportlab_formatting():
        plain = make()
    return quick, plain


def test_every_product_and_its_sheets_are_the_same_bytes() -> None:
    project = api.open_project()
    quick, plain = both_ways(lambda: [d.data for d in api.build_products(project)])
    assert len(quick) >= 6
    assert quick == plain


@pytest.mark.parametrize("layout", ["card-a6", "fridge-a5"])
def test_a_personal_card_is_the_same_bytes(layout: str) -> None:
    source = (PEOPLE / "anna-lind.yaml").read_bytes()
    project = api.open_project()
    quick, plain = both_ways(lambda: [api.make_card(source, project=project,
                                                    layout=layout).pdf])
    assert quick == plain


def test_a_batch_with_its_joined_sheet_is_the_same_bytes() -> None:
    source = (PEOPLE / "exempel-roster.csv").read_bytes()
    project = api.open_project()

    def batch() -> list[bytes]:
        outcome = api.make_batch(source, file_name="lista.csv", project=project)
        return [d.data for d in outcome.documents]

    quick, plain = both_ways(batch)
    assert len(quick) >= 3
    assert quick == plain


class _Document:
    idToObjectNumberAndVersion = {"R7": (7, 0)}
    encrypt = pdfdoc.NoEncryption()


@pytest.mark.parametrize("value", [
    "/Name", "plain text", "", "tab\tand\nnewline", "åäö – ”citat”", "\x18breve",
    0, 12, -3, 0.5, 12.345678912, 1e-7, 2.0,
    b"raw bytes",
    PDFArray([1, 2.5, "/N", PDFArray(list(range(25)))]),
    PDFArray([0.25, True, 3]), PDFArray([297.6377952755906, -0.0, 1e-7] * 7),
    PDFDictionary({"Type": "/Page", "Z": 1, "A": PDFArray([0, 0, 10, 10]),
                   "K1": 1, "K2": 2, "K3": 3, "K4": 4, "K5": 5, "K6": 6, "K7": 7}),
    PDFDictionary(OrderedDict([("Z", 1), ("A", 2)])),
    PDFDictionary({PDFName("Odd Key")[1:]: PDFString("text (with) brackets")}),
    pdfdoc.PDFObjectReference("R7"),
])
def test_each_kind_of_value_as_reportlab_writes_it(value: object) -> None:
    document = _Document()
    try:
        with reportlab_formatting():  # containers format their items through it too
            expected = pdfdoc.format(value, document)
    except UnicodeEncodeError:
        with pytest.raises(UnicodeEncodeError):
            quick_format.quick_format(value, document)
        return
    assert quick_format.quick_format(value, document) == expected
