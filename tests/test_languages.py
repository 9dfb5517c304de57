"""Languages (issue 13): Finnish, English and Arabic beside the Swedish source.

Translations are complete and up to date, `--lang` builds name their files and set
/Lang, a person's card follows their language, each language has its typography, and
a Finnish and an Arabic card and leaflet look as reviewed.
"""
from __future__ import annotations

from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner

from conftest import REFERENCES, edit
from generator.build import build_project
from generator.cli import cli
from generator.content import load_content
from generator.defaults import default_dir
from generator.errors import ContentError
from generator.locale import LEFT_TO_RIGHT, NBSP, POP, load_locale
from generator.manifest import Project
from generator.personal import personal_card_document
from generator.personalise import base_context, personalise_routine
from generator.translations import check_translation, check_translations
from pictures import assert_pictures

CONTENT = default_dir("content")
TRANSLATIONS = ("fi", "en", "ar")


def test_the_shipped_translations_are_complete_and_up_to_date() -> None:
    errors, warnings = check_translations(CONTENT)
    assert [p.format() for p in errors] == []
    assert [p.format() for p in warnings] == []


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_every_routine_and_section_exists_in_every_language(language: str) -> None:
    source, translated = load_content(CONTENT, "sv"), load_content(CONTENT, language)
    assert translated.routine_ids == source.routine_ids
    assert [s.id for s in translated.leaflet.sections] == [
        s.id for s in source.leaflet.sections]
    assert translated.organisation.name == "Skola för Beröring EK"
    for mine, theirs in zip(translated.routines, source.routines, strict=True):
        assert mine.title != theirs.title  # translated, not copied
        assert [(s.seconds, s.pressure_kg) for s in mine.steps] == [
            (s.seconds, s.pressure_kg) for s in theirs.steps]


def test_a_missing_routine_is_named_with_its_file(project: Path) -> None:
    routines = project / "content/fi/routines.yaml"
    text = routines.read_text(encoding="utf-8")
    start = text.index("  - id: musik")
    end = text.index("  - id: dusch-och-bad")
    routines.write_text(text[:start] + text[end:], encoding="utf-8")
    errors, _ = check_translation(project / "content", "fi")
    assert [(p.file, p.field) for p in errors] == [("content/fi/routines.yaml", "musik")]
    assert "is missing" in errors[0].message


def test_a_missing_label_is_named(project: Path) -> None:
    edit(project / "content/en/labels.yaml", "avoid_heading: Avoid\n", "")
    errors, _ = check_translation(project / "content", "en")
    assert [(p.file, p.field) for p in errors] == [("content/en/labels.yaml", "avoid_heading")]


def test_a_changed_number_is_an_error(project: Path) -> None:
    edit(project / "content/ar/routines.yaml", "pressure_kg: 3.5", "pressure_kg: 4")
    errors, _ = check_translation(project / "content", "ar")
    assert [p.field for p in errors] == ["dusch-och-bad"]


def test_a_swedish_text_changed_after_translation_warns(project: Path) -> None:
    edit(project / "content/sv/routines.yaml", "title: Sitt nära", "title: Sitt tätt intill")
    errors, warnings = check_translation(project / "content", "fi")
    assert errors == []
    assert [(p.file, p.field) for p in warnings] == [("content/fi/routines.yaml", "sitta-nara")]
    assert "changed after this translation" in warnings[0].message


def test_check_warns_and_marking_clears_it(project: Path) -> None:
    edit(project / "content/sv/labels.yaml", "notes_heading: Anteckningar",
         "notes_heading: Egna anteckningar")
    runner = CliRunner()
    result = runner.invoke(cli, ["check", "-C", str(project)])
    assert result.exit_code == 0, result.output
    assert "content/fi/labels.yaml:9: warning: notes_heading:" in result.stderr
    result = runner.invoke(cli, ["check", "-C", str(project), "--mark-translated", "fi"])
    assert "content/fi/labels.yaml" not in result.stderr
    assert "content/en/labels.yaml:9: warning: notes_heading:" in result.stderr


def test_build_in_finnish_names_its_files_and_language(tmp_path: Path) -> None:
    documents = {d.name: d.data for d in build_project(Project(None), language="fi")}
    assert sorted(documents) == sorted([
        "rutinkort-a6-fi.pdf", "rutinkort-a4-ark-fi.pdf", "oxytocin-och-beroring-fi.pdf",
        "oxytocin-och-beroring-a5-fi.pdf", "oxytocin-och-beroring-a5-ark-fi.pdf",
        "kylskapskort-a5-fi.pdf", "kylskapskort-dl-fi.pdf",
        "oxytocin-och-beroring-storstil-fi.pdf"])
    reader = pypdf.PdfReader(__import__("io").BytesIO(documents["oxytocin-och-beroring-fi.pdf"]))
    assert reader.trailer["/Root"]["/Lang"] == "fi-SE"
    assert reader.metadata.title == "Oksitosiini ja kosketus"
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Mitä oksitosiini on?" in text


def test_an_unknown_language_gets_did_you_mean_and_the_list() -> None:
    with pytest.raises(ContentError) as caught:
        build_project(Project(None), language="fy")
    assert ("did you mean 'fi'? (the languages are: ar, en, fi, sv)"
            in caught.value.format_message())


PERSON = """\
name: {name}
language: {language}
routines: [ogonkontakt, resa-sig, dusch-och-bad]
avoid: [{avoid}]
contacts:
  - role: {role}
    name: {contact}
    phone: "070-174 06 60"
"""


def person_file(tmp_path: Path, language: str, name: str, **extra: str) -> Path:
    values = {"avoid": "Oikea olkapää", "role": "Puoliso", "contact": "Matti Virtanen"}
    values.update(extra)
    path = tmp_path / f"{language}.yaml"
    path.write_text(PERSON.format(name=name, language=language, **values), encoding="utf-8")
    return path


def test_language_fi_makes_the_whole_card_finnish(tmp_path: Path) -> None:
    document, = personal_card_document(Project(None), person_file(tmp_path, "fi", "Aino"),
                                       "card-a6")
    reader = pypdf.PdfReader(__import__("io").BytesIO(document.data))
    text = " ".join(page.extract_text() for page in reader.pages)
    for words in ("Vältä", "Kysy uudelleen.", "Katse ensin", f"3{NBSP}sekuntia", "3,5"):
        assert words.replace(NBSP, " ") in text.replace(NBSP, " "), words
    # the backs end in the organisation line (issue 14), not the labelled contact block
    assert "Lisätietoja" not in text and "www.beroring.se" in text
    assert reader.trailer["/Root"]["/Lang"] == "fi-SE"


@pytest.mark.parametrize(("language", "seconds", "kilograms", "quoted"), [
    ("sv", f"3{NBSP}sekunder", f"3,5{NBSP}kg", "”lugn”"),
    ("fi", f"3{NBSP}sekuntia", f"3,5{NBSP}kg", "”lugn”"),
    ("en", f"3{NBSP}seconds", f"3.5{NBSP}kg", "“lugn”"),
    ("ar", f"3{NBSP}ثوانٍ", f"3.5{NBSP}كغ", "«lugn»"),
])
def test_each_language_has_its_typography(language: str, seconds: str, kilograms: str,
                                          quoted: str) -> None:
    locale = load_locale(CONTENT, language)
    assert locale.seconds(3) == seconds
    assert locale.kilograms(3.5) == kilograms
    assert locale.text('"lugn"') == quoted


def test_arabic_punctuation_and_phone_numbers() -> None:
    arabic = load_locale(CONTENT, "ar")
    assert arabic.text("هل تريد, أو لا?") == "هل تريد، أو لا؟"
    assert arabic.text("Genes & Development, 2022") == "Genes & Development, 2022"
    assert arabic.phone("0723010853") == f"{LEFT_TO_RIGHT}072-301{NBSP}08{NBSP}53{POP}"
    assert arabic.tag == "ar-SE" and arabic.rtl


def test_the_arabic_routine_prints_its_numbers() -> None:
    content = load_content(CONTENT, "ar")
    rising = personalise_routine(content.routine("resa-sig"), base_context(content, "ليلى"))
    assert f"3{NBSP}ثوانٍ" in rising.steps[0].text


@pytest.fixture(scope="module")
def pictures_fi_ar(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    import os
    os.environ["SOURCE_DATE_EPOCH"] = "1795305600"
    folder = tmp_path_factory.mktemp("people")
    found: dict[str, bytes] = {}
    for language in ("fi", "ar"):
        built = {d.name: d.data for d in build_project(
            Project(None), ("folder", "rutinkort"), language)}
        found[f"leaflet-{language}"] = built[f"oxytocin-och-beroring-{language}.pdf"]
        name = "Aino Virtanen" if language == "fi" else "ليلى حداد"
        found[f"personal-{language}"] = personal_card_document(
            Project(None), person_file(folder, language, name), "card-a6")[0].data
    return found


@pytest.mark.parametrize("name", ["leaflet-fi", "personal-fi", "leaflet-ar", "personal-ar"])
def test_finnish_and_arabic_pages_look_as_reviewed(pictures_fi_ar: dict[str, bytes], name: str,
                                                   regenerate: bool) -> None:
    assert_pictures(pictures_fi_ar[name], name, REFERENCES, regenerate, 40)
