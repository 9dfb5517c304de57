"""The personal card in a real browser: labels, preview, errors, PDF, save and open."""
from __future__ import annotations

import io
import re
from pathlib import Path

import yaml
from pypdf import PdfReader

from .conftest import screenshot


def pdf_text(path: str | Path) -> str:
    return " ".join(page.extract_text() for page in PdfReader(path).pages)


def fill_anna(page) -> None:  # type: ignore[no-untyped-def]
    page.get_by_label("Namn", exact=True).first.fill("Anna Lind")
    page.get_by_label("Tilltalsnamn").fill("Annie")
    page.get_by_label("Vem ger beröringen").fill("Erik, hennes make")
    page.get_by_label("Ögonkontakt först").check()
    page.get_by_label("Undvik", exact=True).fill("Höger axel\nKalla händer")
    page.get_by_label("Mat", exact=True).fill("Kanelbullar")
    contact = page.get_by_role("group", name="Kontakt 1")
    contact.get_by_label("Roll").fill("Make")
    contact.get_by_label("Namn").fill("Erik Lind")
    contact.get_by_label("Telefon").fill("070-174 06 50")


def test_the_form_has_every_field_by_its_label(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/kort")
    for label in ("Tilltalsnamn", "Vem ger beröringen", "Språk", "Undvik", "Mat", "Minnen",
                  "Anteckning", "A6-kort", "Kylskåpskort A5"):
        assert page.get_by_label(label, exact=True).count() == 1, label
    assert page.get_by_label("Namn", exact=True).count() == 2  # the person and contact 1
    contact = page.get_by_role("group", name="Kontakt 1")
    for label in ("Roll", "Namn", "Telefon"):
        assert contact.get_by_label(label, exact=True).count() == 1
    for button in ("Förhandsgranska", "Ladda ner PDF", "Spara som fil", "Öppna fil"):
        assert page.get_by_role("button", name=button, exact=True).count() >= 1, button
    from generator import api

    count = len(api.routines(api.open_project()))
    assert page.locator(".routine-list input[type=checkbox]").count() == count
    assert page.locator(".routine-list img").count() == count
    screenshot(page, "kort-tomt")


def test_a_filled_card_downloads_with_the_name_and_routines(page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    page.goto("/kort")
    fill_anna(page)
    page.get_by_label("Väck handen före maten").check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Ladda ner PDF").click()
    saved = tmp_path / "kort.pdf"
    download.value.save_as(saved)
    assert download.value.suggested_filename == "anna-lind.pdf"
    text = pdf_text(saved)
    assert "Anna Lind" in text
    assert "Ögonkontakt först" in text and "Väck handen före maten" in text
    assert "Annie" in text  # the call name in the steps
    assert "Höger axel" in text


def test_the_preview_appears_by_itself(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/kort")
    fill_anna(page)
    pictures = page.locator("#preview .pages img")
    pictures.first.wait_for(timeout=15_000)
    assert pictures.count() >= 4
    assert pictures.first.get_attribute("src").startswith("data:image/png;base64,")
    assert re.search(r"Kortet har \d+ sidor", page.locator("#preview").inner_text())
    screenshot(page, "kort-forhandsgranskning")


def test_the_preview_works_without_javascript(browser, served) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False, base_url=served.url)
    page = context.new_page()
    page.goto("/kort")
    fill_anna(page)
    page.get_by_role("button", name="Lägg till en kontakt").click()
    page.get_by_role("group", name="Kontakt 2").wait_for()
    assert page.get_by_label("Namn", exact=True).first.input_value() == "Anna Lind"
    page.get_by_role("button", name="Förhandsgranska", exact=True).last.click()
    page.locator("#preview .pages img").first.wait_for()
    assert page.locator("#preview .pages img").count() >= 4
    context.close()


def test_errors_stand_beside_their_fields(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/kort")
    page.get_by_label("Ögonkontakt först").check()
    contact = page.get_by_role("group", name="Kontakt 1")
    contact.get_by_label("Roll").fill("Son")
    contact.get_by_label("Telefon").fill("ring mig")
    page.get_by_role("button", name="Förhandsgranska", exact=True).last.click()
    page.locator("#f-name[aria-invalid=true]").wait_for(timeout=15_000)
    name = page.locator("#f-name")
    described = name.get_attribute("aria-describedby").split()
    message = page.locator(f"#{described[-1]}").inner_text()
    assert "Fyll i det här fältet" in message
    phone = page.locator("#f-contact-0-phone")
    assert phone.get_attribute("aria-invalid") == "true"
    assert "inget telefonnummer" in page.locator("#f-contact-0-phone-error").inner_text()
    assert page.locator("#f-contact-0-name").get_attribute("aria-invalid") == "true"
    screenshot(page, "kort-fel")


def test_a_misspelt_routine_gets_did_you_mean(served) -> None:  # type: ignore[no-untyped-def]
    import httpx

    response = httpx.post(f"{served.url}/kort", data={
        "name": "Bo", "routines": ["maltider"], "layout": "card-a6", "action": "preview"})
    assert response.status_code == 422
    assert "Menade du ”maltid”?" in response.text
    assert 'id="f-routines-error"' in response.text


def test_save_and_open_the_person_file(page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    page.goto("/kort")
    fill_anna(page)
    page.get_by_label("Kylskåpskort A5").check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Spara som fil").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    values = yaml.safe_load(saved.read_text(encoding="utf-8"))
    assert values["name"] == "Anna Lind" and values["call_name"] == "Annie"
    assert values["routines"] == ["ogonkontakt"]
    assert values["contacts"] == [{"role": "Make", "name": "Erik Lind", "phone": "070-174 06 50"}]
    assert values["avoid"] == ["Höger axel", "Kalla händer"]

    page.goto("/kort")
    page.get_by_label("En personfil du har sparat förut").set_input_files(str(saved))
    page.get_by_role("button", name="Öppna fil").click()
    assert page.get_by_label("Namn", exact=True).first.input_value() == "Anna Lind"
    assert page.get_by_label("Ögonkontakt först").is_checked()
    assert page.get_by_role("group", name="Kontakt 1").get_by_label("Telefon").input_value() \
        == "070-174 06 50"
    assert page.locator("#preview .pages img").count() >= 2


def test_the_cli_reads_the_saved_file(served, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import httpx

    from generator import api

    response = httpx.post(f"{served.url}/kort", data={
        "name": "Åsa Öberg", "routines": ["musik"], "contacts": "1", "contact-0-role": "Dotter",
        "contact-0-name": "Lena", "contact-0-phone": "0701740651", "action": "save"})
    assert response.status_code == 200
    assert 'filename="asa-oberg.yaml"' in response.headers["content-disposition"]
    card = api.make_card(response.content, project=api.open_project())
    assert card.file_name == "asa-oberg.pdf"
    assert "Åsa Öberg" in " ".join(p.extract_text() for p in PdfReader(io.BytesIO(card.pdf)).pages)


def test_keyboard_alone_makes_a_card(page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    page.goto("/kort")
    keyboard = page.keyboard

    def tab_to(selector: str, limit: int = 80) -> None:
        for _ in range(limit):
            keyboard.press("Tab")
            if page.evaluate("(s) => document.activeElement.matches(s)", selector):
                return
        raise AssertionError(f"Tab never reached {selector}")

    tab_to("#f-name")
    keyboard.type("Karl Berg")
    tab_to("#r-maltid")
    keyboard.press("Space")
    assert page.locator("#r-maltid").is_checked()
    focused = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert focused != "none"  # the focus can be seen
    tab_to(".actions button[value=pdf]")
    with page.expect_download() as download:
        keyboard.press("Enter")
    saved = tmp_path / "k.pdf"
    download.value.save_as(saved)
    assert "Karl Berg" in pdf_text(saved)


def test_contact_rows_are_added_and_removed_at_once(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/kort")
    page.get_by_role("group", name="Kontakt 1").get_by_label("Roll").fill("Make")
    page.get_by_role("button", name="Lägg till en kontakt").click()
    second = page.get_by_role("group", name="Kontakt 2")
    assert second.count() == 1
    assert page.evaluate("document.activeElement.id") == "f-contact-1-role"  # focus moved
    second.get_by_label("Roll").fill("Dotter")
    second.get_by_label("Telefon").fill("070-174 06 51")
    page.get_by_role("button", name="Ta bort kontakt 1").click()
    first = page.get_by_role("group", name="Kontakt 1")
    assert first.get_by_label("Roll").input_value() == "Dotter"
    assert page.get_by_role("group", name="Kontakt 2").count() == 0
    assert page.locator("input[name=contacts]").input_value() == "1"
    assert first.get_by_label("Telefon").get_attribute("name") == "contact-0-phone"
