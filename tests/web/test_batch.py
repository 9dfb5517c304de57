"""Cards for a list in a real browser: CSV and Excel uploads, every bad row shown, the ZIP."""
from __future__ import annotations

import io
import zipfile

import openpyxl

from .conftest import screenshot

HEADER = ["namn", "tilltalsnamn", "rutiner", "kontakt_roll", "kontakt_namn", "kontakt_telefon"]
ROWS = [
    ["Anna Lind", "Anna", "ogonkontakt, maltid", "Make", "Erik Lind", "070-174 06 50"],
    ["Bo Ek", "", "maltider", "", "", ""],
    ["Cecilia Holm", "", "musik", "Dotter", "Lena Holm", "ring mig"],
    ["Dan Berg", "", "sitta-nara", "", "", ""],
]


def roster_csv() -> bytes:
    lines = [";".join(HEADER)] + [";".join(row) for row in ROWS]
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def roster_xlsx() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in ROWS:
        sheet.append(row)
    sheet.append([None] * 6)  # an empty row, as Excel leaves them
    sheet.append(["Eva Sund", "", "musik", "Son", "Olle Sund", 701740657])  # lost its 0
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(page, name: str, data: bytes, tmp_path):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_bytes(data)
    page.goto("/lista")
    page.get_by_label("Lista (Excel eller CSV)").set_input_files(str(path))
    page.get_by_role("button", name="Gör korten").click()
    page.locator("table.rows").wait_for(timeout=30_000)
    rows = page.locator("table.rows tbody tr")
    return [[cell.inner_text() for cell in rows.nth(i).locator("td").all()]
            for i in range(rows.count())]


def zip_names(page, tmp_path) -> list[str]:  # type: ignore[no-untyped-def]
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner alla (ZIP)").click()
    path = tmp_path / "alla.zip"
    download.value.save_as(path)
    with zipfile.ZipFile(path) as archive:
        return archive.namelist()


def test_csv_every_bad_row_in_the_table_good_ones_in_the_zip(page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    table = upload(page, "boende.csv", roster_csv(), tmp_path)
    assert [row[0] for row in table] == ["2", "3", "4", "5"]
    by_name = {row[1]: row for row in table}
    assert "Inte klart" in by_name["Bo Ek"][2] and "Menade du ”maltid”?" in by_name["Bo Ek"][3]
    assert "inget telefonnummer" in by_name["Cecilia Holm"][3]
    assert "Klart" in by_name["Anna Lind"][2]
    screenshot(page, "lista-resultat")
    names = zip_names(page, tmp_path)
    assert sorted(names) == ["anna-lind.pdf", "boende-ark.pdf", "boende-rapport.csv",
                             "dan-berg.pdf"]


def test_xlsx_rows_keep_excels_numbers_and_phone_numbers(page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    table = upload(page, "boende.xlsx", roster_xlsx(), tmp_path)
    assert [row[0] for row in table] == ["2", "3", "4", "5", "7"]
    assert "Klart" in table[-1][2]  # 701740657 became 070-174 06 57
    names = zip_names(page, tmp_path)
    assert "eva-sund.pdf" in names and "bo-ek.pdf" not in names
    assert "boende-ark.pdf" in names


def test_the_progress_bar_moves(page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    rows = [[f"Person {i}", "", "ogonkontakt", "", "", ""] for i in range(100)]
    data = ("\r\n".join([";".join(HEADER)] + [";".join(r) for r in rows]) + "\r\n").encode()
    path = tmp_path / "stor.csv"
    path.write_bytes(data)
    page.goto("/lista")
    page.get_by_label("Lista (Excel eller CSV)").set_input_files(str(path))
    seen = []
    page.expose_function("seen", lambda value: seen.append(value))
    page.evaluate("""() => new MutationObserver(() => window.seen(
        document.getElementById('progress-bar').value)).observe(
        document.getElementById('progress-bar'), {attributes: true})""")
    page.get_by_role("button", name="Gör korten").click()
    page.locator("table.rows").wait_for(timeout=60_000)
    assert any(0 < value < 100 for value in seen), seen
    assert page.locator("table.rows tbody tr").count() == 100


def test_a_broken_list_gets_a_message_beside_the_field(page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "lista.xlsx"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    page.goto("/lista")
    page.get_by_label("Lista (Excel eller CSV)").set_input_files(str(path))
    page.get_by_role("button", name="Gör korten").click()
    page.locator("#f-list-error").wait_for(timeout=15_000)
    assert "ingen Excel-arbetsbok" in page.locator("#f-list-error").inner_text()
    assert page.get_by_label("Lista (Excel eller CSV)").get_attribute("aria-invalid") == "true"
    screenshot(page, "lista-fel")


def test_example_lists_have_the_headers_and_two_persons(served) -> None:  # type: ignore[no-untyped-def]
    import httpx

    from generator import api

    csv_bytes = httpx.get(f"{served.url}/lista/exempel.csv").content
    assert csv_bytes.startswith(b"\xef\xbb\xbf") and b"\r\n" in csv_bytes
    assert csv_bytes.decode("utf-8-sig").splitlines()[0].startswith("namn;tilltalsnamn;")
    xlsx_bytes = httpx.get(f"{served.url}/lista/exempel.xlsx").content
    for data, name in ((csv_bytes, "exempel.csv"), (xlsx_bytes, "exempel.xlsx")):
        outcome = api.make_batch(data, file_name=name, project=api.open_project())
        assert [row.status for row in outcome.rows] == ["created", "created"], outcome.rows
