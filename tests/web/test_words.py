"""The message catalogue is complete and current; library problems come out in Swedish."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

from generator import api
from generator.messages import CATALOGUE
from generator.web.forms import CardForm, field_id, form_from_values, person_yaml
from generator.web.i18n import problem_text

I18N = Path(__file__).parents[2] / "generator" / "web" / "i18n"
# The library's codes a person can meet in the web app: each must read in Swedish.
REACHABLE = ("value.", "key.", "person.", "text.", "roster.", "routine.unknown",
             "routine.twice", "file.not_utf8", "hint.did_you_mean", "hint.choose_one",
             "hint.roster_columns", "layout.overflow", "font.no_glyph", "yaml.invalid")


def msgids(path: Path) -> set[str]:
    with path.open("rb") as stream:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(stream) if m.id}


def test_the_template_is_what_extraction_finds_now(tmp_path: Path) -> None:
    fresh = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F",
                    str(I18N / "babel.cfg"), "-k", "N_", "--no-location", "--omit-header",
                    "-o", str(fresh), str(I18N.parents[1])], check=True, capture_output=True)
    assert msgids(fresh) == msgids(I18N / "messages.pot"), "run the extraction in README"


def test_every_interface_text_and_reachable_problem_has_swedish() -> None:
    with (I18N / "sv.po").open("rb") as stream:
        catalog = read_po(stream, locale="sv")
    library = {text for code, entry in CATALOGUE.items() for text in (entry.text, entry.hint)
               if text}
    reachable = {text for code, entry in CATALOGUE.items() if code.startswith(REACHABLE)
                 for text in (entry.text, entry.hint) if text}
    missing = [m.id for m in catalog if m.id and (not m.string or m.fuzzy)
               and (m.id not in library or m.id in reachable)]
    assert missing == []


def test_library_problems_come_out_in_swedish() -> None:
    problem = api.Problem("routine.unknown", {"routine": "maltider"}, field="routines[0]",
                          suggestion=("hint.did_you_mean", {"close": "maltid"}))
    assert problem_text(problem) == ("Det finns ingen rutin som heter ”maltider”. "
                                     "Menade du ”maltid”?")
    too_long = api.Problem("value.too_long", {"length": 100000, "limit": 60}, field="name")
    assert problem_text(too_long).startswith("Texten är 100000 tecken; högst 60 får plats")


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
