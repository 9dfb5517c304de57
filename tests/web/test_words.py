"""The message catalogue is complete and current; library problems come out in Swedish."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

from generator.web.forms import CardForm, field_id, form_from_values, person_yaml
from generator.web.i18n import PROBLEM_TEXTS, translate_problem, translate_row_error

I18N = Path(__file__).parents[2] / "generator" / "web" / "i18n"


def msgids(path: Path) -> set[str]:
    with path.open("rb") as stream:
        return {m.id for m in read_po(stream) if m.id}


def test_the_template_is_what_extraction_finds_now(tmp_path: Path) -> None:
    fresh = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F",
                    str(I18N / "babel.cfg"), "-k", "N_", "--no-location", "--omit-header",
                    "-o", str(fresh), str(I18N.parent)], check=True, capture_output=True)
    assert msgids(fresh) == msgids(I18N / "messages.pot"), "run the extraction in README"


def test_every_text_has_a_swedish_translation() -> None:
    with (I18N / "sv.po").open("rb") as stream:
        catalog = read_po(stream, locale="sv")
    missing = [m.id for m in catalog if m.id and (not m.string or m.fuzzy)]
    assert missing == []
    assert msgids(I18N / "messages.pot") <= {m.id for m in catalog if m.id}
    assert all(msgid in {m.id for m in catalog} for _, msgid in PROBLEM_TEXTS)


def test_library_problems_come_out_in_swedish() -> None:
    assert translate_problem("unknown routine 'maltider'") == \
        "Det finns ingen rutin som heter ”maltider”."
    assert translate_problem("did you mean 'maltid'?") == "Menade du ”maltid”?"
    assert translate_problem("the text is 100000 characters, at most 60 fit here") == \
        "Texten är 100000 tecken; högst 60 får plats här."
    assert translate_problem("something the catalogue has not met") == \
        "something the catalogue has not met"


def test_a_report_reason_comes_out_in_swedish() -> None:
    text = translate_row_error("rutiner: unknown routine 'maltider' (did you mean 'maltid'?); "
                               "kontakt_telefon: 'x' is not a phone number (write the digits, "
                               "like 0701234567 or +46701234567)")
    assert text == ("rutiner: Det finns ingen rutin som heter ”maltider”. Menade du ”maltid”? "
                    "kontakt_telefon: ”x” är inget telefonnummer. Skriv siffrorna, till "
                    "exempel 070-174 06 50.")


def test_field_paths_name_form_fields() -> None:
    assert field_id("name") == "f-name"
    assert field_id("routines[2]") == "f-routines"
    assert field_id("contacts[1].phone") == "f-contact-1-phone"
    assert field_id("likes.music") == "f-music"
    assert field_id("avoid[0]") == "f-avoid"
    assert field_id("layout") is None


def test_the_form_and_the_person_file_round_trip() -> None:
    import yaml

    form = CardForm(name="Anna Lind", call_name="Anna", routines=["musik", "maltid"],
                    avoid="Höger axel\n\n  Kalla händer ", music="Taube",
                    contacts=[{"role": "Make", "name": "Erik", "phone": "0701740650"},
                              {"role": "", "name": "", "phone": ""}], note="Hör bäst höger")
    values = yaml.safe_load(person_yaml(form))
    assert values == {"name": "Anna Lind", "call_name": "Anna", "language": "sv",
                      "routines": ["musik", "maltid"], "avoid": ["Höger axel", "Kalla händer"],
                      "likes": {"music": "Taube"},
                      "contacts": [{"role": "Make", "name": "Erik", "phone": "0701740650"}],
                      "note": "Hör bäst höger"}
    again = form_from_values(values, "card-a6")
    assert person_yaml(again) == person_yaml(form)
