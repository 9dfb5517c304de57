"""Compose (leaflet): the A4 tri-fold and the A5 booklet, as a person folding them sees them."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REFERENCES, edit
from generator.build import build_project, read_inputs
from generator.compose.booklet import compose_booklet
from generator.compose.leaflet import compose_leaflet, panel_edges
from generator.errors import ContentError, LayoutOverflow
from generator.layout import MM, PanelRole
from generator.manifest import Project
from generator.pdf.impose import booklet_order
from pictures import assert_pictures
from products import boxes_mm, size_mm, text_in

TRIFOLD = "oxytocin-och-beroring.pdf"
BOOKLET = "oxytocin-och-beroring-a5.pdf"
BOOKLET_SHEETS = "oxytocin-och-beroring-a5-ark.pdf"


@pytest.fixture(scope="module")
def inputs():  # type: ignore[no-untyped-def]
    return read_inputs(Project(None))


def test_trifold_is_two_a4_landscape_sides_with_bleed(shipped: dict[str, bytes]) -> None:
    pages = boxes_mm(shipped[TRIFOLD])
    assert len(pages) == 2
    for page in pages:
        assert size_mm(page["trimbox"]) == (297.0, 210.0)
        assert size_mm(page["bleedbox"]) == (303.0, 216.0)
        media = page["mediabox"]
        assert media[2] > page["bleedbox"][2] and media[3] > page["bleedbox"][3]


def test_panels_stand_in_fold_order(inputs) -> None:  # type: ignore[no-untyped-def]
    outside, inside = inputs.layouts["leaflet-a4"].sides
    assert [round(x / MM) for x in panel_edges(outside)] == [0, 97, 197, 297]
    assert [round(x / MM) for x in panel_edges(inside)] == [0, 100, 200, 297]
    assert [p.role for p in outside.panels] == [PanelRole.TEXT, PanelRole.BACK, PanelRole.COVER]


def test_folded_the_cover_is_on_the_front_and_the_inside_reads_in_order(
        shipped: dict[str, bytes], inputs) -> None:  # type: ignore[no-untyped-def]
    """Flip on the short edge: what stands at x on the outside backs 297 - x on the inside."""
    data = shipped[TRIFOLD]
    outside, inside = inputs.layouts["leaflet-a4"].sides
    cover_left = panel_edges(outside)[2] / MM
    # behind the cover (197-297 mm) lies inside 0-100 mm: the first panel, which folds last
    assert round(297 - cover_left) == round(panel_edges(inside)[1] / MM) == 100
    assert inside.panels[0].flow == 1
    # behind the 97 mm flap lies the 97 mm inside panel that folds in first
    assert outside.panels[0].width_mm == inside.panels[2].width_mm == 97
    assert "Beröring som stärker" in text_in(data, 0, 197, 297)
    assert "Skola för Beröring EK" in text_in(data, 0, 197, 297)
    first, second, third = (text_in(data, 1, a, b) for a, b in ((0, 100), (100, 200), (200, 297)))
    assert first.startswith("Vad är oxytocin?")
    assert "När rollerna ändras" in second and "När beröring känns fel" in second
    assert "Beröring i vardagen" in third
    assert "Det här höjer oxytocinet" in text_in(data, 0, 0, 97)
    back = text_in(data, 0, 97, 197)
    assert "Bra att veta" in back and "www.beroring.se" in back


def test_text_per_panel_follows_the_content_order(inputs) -> None:  # type: ignore[no-untyped-def]
    folded = compose_leaflet(inputs.content, inputs.layouts["leaflet-a4"], inputs.fonts, "folder")
    order = [section for name in ("inside-1", "inside-2", "inside-3", "flap", "back")
             for section in folded.panels[name].sections]
    expected = [s.id for s in inputs.content.leaflet.sections]
    assert list(dict.fromkeys(order)) == expected
    assert folded.panels["back"].sections[-1] == "bra-att-veta"


def test_a_heading_never_ends_a_panel(inputs) -> None:  # type: ignore[no-untyped-def]
    folded = compose_leaflet(inputs.content, inputs.layouts["leaflet-a4"], inputs.fonts, "folder")
    booklet = compose_booklet(inputs.content, inputs.layouts["leaflet-a5"], inputs.fonts, "a5")
    for filled in list(folded.panels.values()) + booklet.text_pages:
        assert filled.placed and not filled.placed[-1].item.keep_with_next, filled.box.name


def test_everyday_touch_prints_the_routines_short_forms(
        shipped: dict[str, bytes], inputs) -> None:  # type: ignore[no-untyped-def]
    third = text_in(shipped[TRIFOLD], 1, 200, 297)
    for routine_id in ("ogonkontakt", "maltid", "forflyttning"):
        assert inputs.content.routine(routine_id).short in third


def test_too_much_text_names_the_section_and_what_is_left(project: Path) -> None:
    paragraph = "      - " + "Lång text här. " * 30 + "\n"
    edit(project / "content/sv/leaflet.yaml", "  - id: ta-hand-om-dig\n",
         "  - id: extra\n    heading: Mer\n    paragraphs:\n" + paragraph * 4
         + "\n  - id: ta-hand-om-dig\n")
    with pytest.raises(LayoutOverflow) as caught:
        build_project(Project(project), ("folder",))
    message = caught.value.format_message()
    assert message.startswith("folder: error: the 5 text panels: section '")
    assert "after it does not fit:" in message
    assert "mm too much text, even at the minimum 14 pt" in message
    assert "lines of 14 pt are left over" in message


def test_overflow_fails_the_build_command(
        project: Path, runner) -> None:  # type: ignore[no-untyped-def]
    from generator.cli import cli

    edit(project / "content/sv/leaflet.yaml", "      - Vissa tycker inte om",
         ("      - " + "Och mer. " * 60 + "\n") * 3 + "      - Vissa tycker inte om")
    result = runner.invoke(cli, ["build", "-C", str(project), "-p", "folder"])
    assert result.exit_code == 1
    assert ("folder: error: the 5 text panels: section 'aktiviteter' and 1 after it does "
            "not fit") in result.output


def test_an_unknown_routine_in_the_leaflet_gets_did_you_mean(project: Path) -> None:
    edit(project / "content/sv/leaflet.yaml", "routines: [ogonkontakt, sitta-nara,",
         "routines: [ogonkontakt, sitta-nera,")
    with pytest.raises(ContentError) as caught:
        build_project(Project(project))
    message = caught.value.format_message()
    assert "content/sv/leaflet.yaml:" in message
    assert "sections[5].routines[1]: unknown routine 'sitta-nera'" in message
    assert "hint: did you mean 'sitta-nara'?" in message


def test_a_section_needs_a_heading_and_something_to_say(project: Path) -> None:
    edit(project / "content/sv/leaflet.yaml", "    heading: När rollerna ändras\n", "")
    edit(project / "content/sv/leaflet.yaml", "include: activities", "include: aktiviteter")
    with pytest.raises(ContentError) as caught:
        build_project(Project(project))
    message = caught.value.format_message()
    assert "sections[3].heading: the key 'heading' is missing" in message
    assert "'aktiviteter' is not one of the choices" in message and "2 errors" in message


def test_a5_booklet_is_chosen_by_the_layout_name_alone(project: Path) -> None:
    edit(project / "content/handouts.yaml", "layout: leaflet-a4 ", "layout: leaflet-a5 ")
    (document,) = build_project(Project(project), ("folder",))
    pages = boxes_mm(document.data)
    assert len(pages) % 4 == 0
    assert all(size_mm(p["trimbox"]) == (148.0, 210.0) for p in pages)


def test_booklet_pages_are_padded_and_imposed_in_booklet_order(shipped: dict[str, bytes]) -> None:
    assert booklet_order(8) == [(7, 0), (1, 6), (5, 2), (3, 4)]
    pages = boxes_mm(shipped[BOOKLET])
    assert len(pages) % 4 == 0 and size_mm(pages[0]["bleedbox"]) == (154.0, 216.0)
    sheets = shipped[BOOKLET_SHEETS]
    assert len(boxes_mm(sheets)) == len(pages) // 2
    # exactly A4; the two pages (2 x 148 mm) are the TrimBox, 0.5 mm in from left and right
    assert size_mm(boxes_mm(sheets)[0]["mediabox"]) == (297.0, 210.0)
    assert size_mm(boxes_mm(sheets)[0]["trimbox"]) == (296.0, 210.0)
    front_right = text_in(sheets, 0, 148.5, 297)
    back_left = text_in(sheets, 1, 0, 148.5)
    assert "Beröring som stärker" in front_right
    assert "Vill du veta mer?" in text_in(sheets, 0, 0, 148.5)
    assert back_left.startswith("Vad är oxytocin?")


def test_a_booklet_sheet_must_turn_like_a_page(project: Path) -> None:
    edit(project / "layouts/sheet-a4-booklet.yaml", "duplex: short-edge", "duplex: long-edge")
    with pytest.raises(ContentError) as caught:
        build_project(Project(project), ("folder-a5",))
    assert "a booklet needs a sheet of 2 columns and 1 row that turns over like a book's page" \
        in caught.value.format_message()


def test_a_trifold_is_not_imposed(project: Path) -> None:
    edit(project / "content/handouts.yaml", "    output: oxytocin-och-beroring.pdf\n",
         "    output: oxytocin-och-beroring.pdf\n"
         "    sheet: {layout: sheet-a4-4up, output: x.pdf}\n")
    with pytest.raises(ContentError) as caught:
        build_project(Project(project))
    assert "folder.sheet: a layout of kind 'leaflet' is printed as it is, not on sheets" \
        in caught.value.format_message()


@pytest.mark.parametrize("name", [TRIFOLD, BOOKLET, BOOKLET_SHEETS])
def test_pictures(shipped: dict[str, bytes], name: str, regenerate: bool) -> None:
    assert_pictures(shipped[name], Path(name).stem, REFERENCES, regenerate, dpi=30)
