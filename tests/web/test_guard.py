"""Bad requests of every kind get a Swedish message and a 4xx; the server keeps serving."""
from __future__ import annotations

import httpx
import pytest

CARD = {"name": "Anna Lind", "routines": ["ogonkontakt"], "layout": "card-a6",
        "action": "preview"}


def post(served, path: str, **kwargs) -> httpx.Response:  # type: ignore[no-untyped-def]
    return httpx.post(f"{served.url}{path}", timeout=60, **kwargs)


def test_a_foreign_host_is_refused(served) -> None:  # type: ignore[no-untyped-def]
    response = httpx.get(f"{served.url}/", headers={"host": f"evil.example:{served.port}"})
    assert response.status_code == 400
    assert "Appen svarar inte på den här adressen" in response.text
    assert httpx.get(f"{served.url}/", headers={"host": f"localhost:{served.port}"}
                     ).status_code == 200


@pytest.mark.parametrize("headers", [
    {"origin": "http://evil.example"},
    {"sec-fetch-site": "cross-site"},
    {"origin": "null"},
])
def test_a_cross_site_post_is_refused(served, headers) -> None:  # type: ignore[no-untyped-def]
    response = post(served, "/kort", data=CARD, headers=headers)
    assert response.status_code == 403
    assert "annan webbplats" in response.text


def test_a_same_origin_post_is_served(served) -> None:  # type: ignore[no-untyped-def]
    response = post(served, "/kort", data=CARD, headers={"origin": served.url,
                                                          "sec-fetch-site": "same-origin"})
    assert response.status_code == 200


def test_an_oversized_upload_is_refused_before_work(served) -> None:  # type: ignore[no-untyped-def]
    big = b"namn;rutiner\r\n" + b"x" * (10 * 1024 * 1024 + 10)
    response = post(served, "/lista", files={"lista": ("stor.csv", big)})
    assert response.status_code == 413
    assert "större än 10 MB" in response.text


def test_more_than_5000_rows_is_refused(served) -> None:  # type: ignore[no-untyped-def]
    rows = b"".join(b"P%d;ogonkontakt\r\n" % i for i in range(5001))
    response = post(served, "/lista", files={"lista": ("lang.csv", b"namn;rutiner\r\n" + rows)})
    assert response.status_code == 413
    assert "högst 5\u00a0000" in response.text


@pytest.mark.parametrize("name,data,words", [
    ("lista.xlsx", b"%PDF-1.7 not a workbook", "ingen Excel-arbetsbok"),
    ("lista.xlsx", b"PK\x03\x04broken zip", "ingen Excel-arbetsbok"),
    ("lista.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "lösenord"),
    ("lista.csv", b"", "Listan är tom"),
    ("lista.csv", b"namn;rutiner\r\n", "inga personer"),
    ("lista.csv", b"nman;rutiner\r\nAnna;musik\r\n", "Ska kolumnen ”nman” vara ”namn”?"),
])
def test_a_broken_list_gets_a_swedish_message(served, name, data, words) -> None:  # type: ignore[no-untyped-def]
    response = post(served, "/lista", files={"lista": (name, data)})
    assert 400 <= response.status_code < 500
    assert words in response.text


@pytest.mark.parametrize("data,status,words", [
    ({}, 422, "Fyll i det här fältet"),  # an empty form
    ({**CARD, "name": "A" * 100_000}, 422, "högst 60 får plats"),
    ({**CARD, "note": "x" * 100_000}, 422, "högst 240 får plats"),
    ([("name", "Anna"), ("name", "Bo"), ("routines", "musik")], 400, "mer än en gång"),
    ({**CARD, "layout": "a3-poster"}, 400, "ingen kortutformning"),
    ({**CARD, "contacts": "999"}, 400, "fel antal kontaktrader"),
    ({**CARD, "secret": "x"}, 400, "ett fält som inte finns"),
    ({**CARD, "action": "drop-tables"}, 400, "en knapp som inte finns"),
])
def test_a_bad_form_gets_a_swedish_message(served, data, status, words) -> None:  # type: ignore[no-untyped-def]
    if isinstance(data, list):  # a field twice: sent as a script would
        from urllib.parse import urlencode

        response = post(served, "/kort", content=urlencode(data), headers={
            "content-type": "application/x-www-form-urlencoded"})
    else:
        response = post(served, "/kort", data=data)
    assert response.status_code == status
    assert words in response.text
    assert "Traceback" not in response.text


def test_a_broken_person_file_gets_a_message(served) -> None:  # type: ignore[no-untyped-def]
    response = post(served, "/kort/oppna", files={"fil": ("anna.yaml", b"name: [unclosed\n")})
    assert response.status_code == 422
    assert 'id="f-file-error"' in response.text
    response = post(served, "/kort/oppna", files={"fil": ("anna.yaml", b"\xff\xfe\x00bad")})
    assert response.status_code == 422
    assert "UTF-8" in response.text


def test_a_file_where_text_belongs_is_refused(served) -> None:  # type: ignore[no-untyped-def]
    response = post(served, "/kort", files={"name": ("x.txt", b"Anna")},
                    data={"routines": "musik"})
    assert response.status_code == 400


def test_the_server_keeps_serving_and_logs_no_person(served, caplog) -> None:  # type: ignore[no-untyped-def]
    import logging

    caplog.set_level(logging.INFO, logger="uvicorn.access")
    post(served, "/kort", data={**CARD, "name": "Hemlig Person"})
    assert httpx.get(f"{served.url}/").status_code == 200
    assert "Hemlig" not in caplog.text
    assert httpx.get(f"{served.url}/finns-inte").status_code == 404
    assert httpx.put(f"{served.url}/kort").status_code == 405
