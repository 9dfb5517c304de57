"""Every page: axe-core finds nothing serious, text is large, screenshots at 1280 and 360 px."""
from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest

from .conftest import screenshot


def serious(page) -> list[str]:  # type: ignore[no-untyped-def]
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])})" for v in results.response["violations"]
            if v.get("impact") in ("serious", "critical")]


def card_with_errors(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/kort")
    page.get_by_role("group", name="Kontakt 1").get_by_label("Telefon").fill("ring mig")
    page.get_by_role("button", name="Förhandsgranska", exact=True).last.click()
    page.locator("#f-name[aria-invalid=true]").wait_for(timeout=15_000)


def card_with_preview(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/kort")
    page.get_by_label("Namn", exact=True).first.fill("Anna Lind")
    page.get_by_label("Ögonkontakt först").check()
    page.locator("#preview .pages img").first.wait_for(timeout=15_000)


def batch_result(page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "lista.csv"
    path.write_bytes("namn;rutiner\r\nAnna Lind;musik\r\nBo Ek;maltider\r\n".encode("cp1252"))
    page.goto("/lista")
    page.get_by_label("Lista (Excel eller CSV)").set_input_files(str(path))
    page.get_by_role("button", name="Gör korten").click()
    page.locator("table.rows").wait_for(timeout=30_000)


@pytest.mark.parametrize("name,open_page", [
    ("start", lambda page, tmp: page.goto("/")),
    ("kort", lambda page, tmp: page.goto("/kort")),
    ("kort-med-fel", lambda page, tmp: card_with_errors(page)),
    ("kort-med-bilder", lambda page, tmp: card_with_preview(page)),
    ("lista", lambda page, tmp: page.goto("/lista")),
    ("lista-med-rader", batch_result),
    ("material", lambda page, tmp: page.goto("/material")),
    ("material-arabiska", lambda page, tmp: page.goto("/material?sprak=ar")),
    ("saknas", lambda page, tmp: page.goto("/finns-inte")),
])
def test_no_serious_accessibility_finding(page, tmp_path, name, open_page) -> None:  # type: ignore[no-untyped-def]
    open_page(page, tmp_path)
    assert serious(page) == []
    size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert size >= 18
    screenshot(page, name)


def test_at_360_px_nothing_is_wider_than_the_screen(page) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": 360, "height": 800})
    for address in ("/", "/kort", "/lista", "/material"):
        page.goto(address)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, (address, width)
        assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= 18


def test_the_material_page_offers_every_product(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/material")
    items = page.locator(".product")
    assert items.count() == 8  # 7 products' files and the large-print leaflet
    for file in ("rutinkort-a6.pdf", "oxytocin-och-beroring.pdf", "kylskapskort-a5.pdf",
                 "oxytocin-och-beroring-a5-ark.pdf", "oxytocin-och-beroring-storstil.pdf"):
        link = page.get_by_role("link", name=f"Ladda ner {file}")
        assert link.count() == 1
    pictures = page.locator(".product img")
    assert all(pictures.nth(i).evaluate("img => img.naturalWidth > 50")
               for i in range(pictures.count()))
    assert "dubbelsidigt" in page.locator(".products").inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner kylskapskort-a5.pdf").click()
    assert download.value.suggested_filename == "kylskapskort-a5.pdf"


def test_the_materials_come_in_every_language_the_project_has(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/material")
    page.get_by_label("Materialets språk").select_option(label="Finska (suomi)")
    page.get_by_role("button", name="Visa").click()
    assert page.url.endswith("/material?sprak=fi")
    assert page.locator(".product").count() == 8
    title = page.locator(".product h2 bdi").first
    assert title.get_attribute("lang") == "fi"
    assert title.inner_text() == "Rutiinikortit – rauhallinen kosketus arjessa"
    assert page.get_by_label("Materialets språk").input_value() == "fi"
    pictures = page.locator(".product img")
    assert all(pictures.nth(i).evaluate("img => img.naturalWidth > 50")
               for i in range(pictures.count()))
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner oxytocin-och-beroring-fi.pdf").click()
    data = Path(download.value.path()).read_bytes()
    assert str(pypdf.PdfReader(io.BytesIO(data)).trailer["/Root"]["/Lang"]).startswith("fi")
    assert "Ladda ner" in page.locator(".products").inner_text()  # the page stays Swedish


def test_the_language_is_chosen_by_keyboard_alone(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/material")
    for _ in range(20):  # Tab from the top of the page to the choice, with a visible focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "f-sprak":
            break
    assert page.evaluate("document.activeElement.id") == "f-sprak"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("End")  # the last language in the list
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Visa"
    page.keyboard.press("Enter")
    page.wait_for_url("**/material?sprak=*")
    assert page.locator(".product").count() == 8
    assert serious(page) == []


def test_a_language_the_project_lacks_is_a_clear_400(served) -> None:  # type: ignore[no-untyped-def]
    import httpx

    for address in ("/material?sprak=xx", "/material/fil/rutinkort-a6.pdf?sprak=zz"):
        response = httpx.get(served.url + address)
        assert response.status_code == 400
        assert "Det finns inget material på språket" in response.text
    assert httpx.get(served.url + "/material/fil/rutinkort-a6-fi.pdf").status_code == 404
    found = httpx.get(served.url + "/material/fil/rutinkort-a6-fi.pdf?sprak=fi")
    assert found.status_code == 200 and found.content.startswith(b"%PDF")


def test_fonts_styles_and_scripts_come_from_the_app(page, served) -> None:  # type: ignore[no-untyped-def]
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto("/kort")
    page.wait_for_load_state("networkidle")
    outside = [url for url in requested if not url.startswith(served.url)
               and not url.startswith("data:")]
    assert outside == []
    assert any(url.endswith("/typsnitt/regular.ttf") for url in requested)
    assert page.evaluate("document.fonts.check('20px \"Atkinson Hyperlegible\"')")


COLOURS = """() => [...document.querySelectorAll('main *, .top a, .bottom p')]
  .filter(el => [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
  .map(el => {
    let back = el, colour = 'rgba(0, 0, 0, 0)';
    while (back && (colour === 'rgba(0, 0, 0, 0)' || colour === 'transparent')) {
      colour = getComputedStyle(back).backgroundColor; back = back.parentElement;
    }
    return [el.tagName + '.' + el.className, getComputedStyle(el).color, colour];
  })"""


def _luminance(rgb: str) -> float:
    red, green, blue = (int(float(v)) for v in rgb[rgb.index("(") + 1:].rstrip(")").split(",")[:3])

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast(fore: str, back: str) -> float:
    light, dark = sorted((_luminance(fore), _luminance(back)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_is_measured_right() -> None:
    assert round(contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)"), 1) == 21.0
    assert contrast("rgb(119, 119, 119)", "rgb(255, 255, 255)") < 7


@pytest.mark.parametrize("name,open_page", [
    ("start", lambda page, tmp: page.goto("/")),
    ("kort-med-fel", lambda page, tmp: card_with_errors(page)),
    ("lista-med-rader", batch_result),
    ("material", lambda page, tmp: page.goto("/material")),
])
def test_every_text_has_a_contrast_of_7_to_1(page, tmp_path, name, open_page) -> None:  # type: ignore[no-untyped-def]
    open_page(page, tmp_path)
    texts = page.evaluate(COLOURS)
    assert len(texts) > 5
    low = [(what, fore, back) for what, fore, back in texts if contrast(fore, back) < 7]
    assert low == []
