"""The Python API as an integrator calls it: bytes in, bytes (or Problems) out."""
from __future__ import annotations

import io
import zipfile

import pypdf
import pytest

from generator import api
from generator.defaults import default_dir
from generator.i18n import translator

PEOPLE = default_dir("content") / "people"
ANNA = (PEOPLE / "anna-lind.yaml").read_bytes()
ROSTER = ("namn;rutiner;undvik\r\nAnna Lind;musik, maltid;\r\nSven Ek;maltider;\r\n"
          ).encode("cp1252")


@pytest.fixture(scope="module")
def project() -> api.Project:
    return api.open_project()


def test_a_person_with_problems_gives_problems_with_codes_and_field_paths(project) -> None:  # type: ignore[no-untyped-def]
    source = b"name: Bo Ek\nroutines:\n  - musik\n  - maltider\nfavourite: kaffe\n"
    problems = api.check_person(source, project=project, name="bo.yaml")
    found = {(p.code, p.field, p.line) for p in problems}
    assert ("routine.unknown", "routines[1]", 4) in found
    assert ("key.unknown", "favourite", 5) in found
    unknown = next(p for p in problems if p.code == "routine.unknown")
    assert unknown.params == {"routine": "maltider"}
    assert unknown.message == "unknown routine 'maltider'"
    assert unknown.hint == "did you mean 'maltid'?"
    assert api.format_problem(unknown) == (
        "bo.yaml:4:5: error: routines, item 2: unknown routine 'maltider'\n"
        "  hint: did you mean 'maltid'?")


def test_a_good_person_has_no_problems_and_makes_a_card(project) -> None:  # type: ignore[no-untyped-def]
    assert api.check_person(ANNA, project=project) == []
    card = api.make_card(ANNA, project=project, layout="fridge-a5")
    assert card.file_name == "anna-lind.pdf" and card.pages == 1
    assert len(pypdf.PdfReader(io.BytesIO(card.pdf)).pages) == 1


def test_make_card_raises_an_error_carrying_problems(project) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(api.HandoutsError) as caught:
        api.make_card(b"\xff\xfe not utf-8 \xff", project=project, name="x.yaml")
    assert [p.code for p in caught.value.problems] == ["file.not_utf8"]
    assert caught.value.exit_code == 1


def test_an_unknown_layout_is_a_usage_problem(project) -> None:  # type: ignore[no-untyped-def]
    problems = api.check_person(ANNA, project=project, layout="kylskap")
    assert [(p.code, p.params["name"]) for p in problems] == [("layout.unknown", "kylskap")]
    with pytest.raises(api.HandoutsError) as caught:
        api.make_card(ANNA, project=project, layout="kylskap")
    assert caught.value.exit_code == 2


def test_a_batch_comes_back_as_rows_with_problems_and_a_zip(project) -> None:  # type: ignore[no-untyped-def]
    outcome = api.make_batch(ROSTER, file_name="boende.csv", project=project,
                             layout="fridge-a5")
    assert [(r.number, r.status) for r in outcome.rows] == [(2, "created"), (3, "failed")]
    assert outcome.failed == 1
    failed = outcome.rows[1]
    assert [(p.code, p.field, p.row) for p in failed.problems] == [
        ("routine.unknown", "rutiner", 3)]
    assert failed.error == ("rutiner: det finns ingen rutin som heter ”maltider” "
                            "(menade du ”maltid”?)")
    names = zipfile.ZipFile(io.BytesIO(outcome.zip())).namelist()
    assert names == ["anna-lind.pdf", "boende-ark.pdf", "boende-rapport.csv"]


def test_a_batch_is_the_same_bytes_as_the_command_writes(project, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from generator.batch import run_batch

    roster = tmp_path / "boende.csv"
    roster.write_bytes(ROSTER)
    # the command's report is in its reader's language; make_batch's is Swedish by default
    run_batch(project, roster, "fridge-a5", tmp_path / "ut", 1, display="boende.csv",
              translate=translator("sv"))
    outcome = api.make_batch(ROSTER, file_name="boende.csv", project=project,
                             layout="fridge-a5")
    for document in outcome.documents:
        assert (tmp_path / "ut" / document.name).read_bytes() == document.data


def test_a_roster_with_a_bad_header_gives_problems() -> None:
    problems = api.check_roster(b"namn;rutiner;skostorlek\r\nAnna;musik;38\r\n",
                                file_name="boende.csv")
    assert [(p.code, p.params, p.line) for p in problems] == [
        ("roster.column_ignored", {"column": "skostorlek"}, 1)]
    missing = api.check_roster(b"namn;rutinr\r\nAnna;musik\r\n", file_name="boende.csv")
    assert [(p.code, p.hint) for p in missing] == [
        ("roster.column_missing", "is the column 'rutinr' meant to be rutiner?")]
    assert api.check_roster(ROSTER, file_name="boende.csv") == []


def test_preflight_takes_bytes(project) -> None:  # type: ignore[no-untyped-def]
    card = api.make_card(ANNA, project=project)
    assert api.preflight_pdf(card.pdf, "anna.pdf").ok
    bad = api.preflight_pdf(b"%PDF-1.4 nothing", "trasig.pdf")
    assert not bad.ok and bad.findings[0].message.startswith("this is not a readable PDF")
