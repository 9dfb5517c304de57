"""Model: the Colour value type and the typed limits that validation reads."""
from __future__ import annotations

import dataclasses
import typing

import pytest
from reportlab.lib.colors import HexColor

from generator import model
from generator.locale import Locale
from generator.model import Colour, limits_of, text
from generator.model import layout as layout_model
from generator.model import locale as locale_model
from generator.model.constraints import Limits


@pytest.mark.parametrize("written", ["#1a1a1a", "#E8EFF4", "#123f5c", "#ffffff"])
def test_a_colour_draws_as_hexcolor_did_to_the_8_bit_step(written: str) -> None:
    """Three decimals a channel, each back to the same 8-bit value."""
    drawn, before = Colour.parse(written).reportlab, HexColor(written)
    for mine, theirs in zip((drawn.red, drawn.green, drawn.blue), (before.red, before.green,
                                                                   before.blue), strict=True):
        assert round(mine * 255) == round(theirs * 255)
        assert mine == round(mine, 3)
    assert drawn.alpha == before.alpha
    assert Colour.parse(written).hex == written.lower()


def test_every_8_bit_channel_survives_three_decimals() -> None:
    for value in range(256):
        channel = Colour.rgb(value, 0, 0).reportlab.red
        assert round(channel * 255) == value, value


def test_contrast_is_wcag() -> None:
    black, white = Colour.parse("#000000"), Colour.parse("#ffffff")
    assert black.contrast(white) == pytest.approx(21)
    assert white.contrast(black) == pytest.approx(21)
    assert Colour.rgb(0x77, 0x77, 0x77).contrast(white) == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("written", ["1a1a1a", "#1a1a1", "#gggggg", "red", ""])
def test_what_is_not_a_colour_is_refused(written: str) -> None:
    with pytest.raises(ValueError, match="is not a colour"):
        Colour.parse(written)


def test_a_misspelt_limit_is_an_error_at_once() -> None:
    with pytest.raises(TypeError):
        text(10, slgu=True)  # type: ignore[call-arg]


def test_old_style_metadata_is_refused_not_ignored() -> None:
    with pytest.raises(TypeError, match="not a limit"):
        limits_of({"max_lenght": 10})
    assert limits_of({}) == Limits()


def _model_classes() -> list[type]:
    modules = (model.content, model.person, layout_model, locale_model)
    return [c for m in modules for c in vars(m).values()
            if dataclasses.is_dataclass(c) and isinstance(c, type)]


def test_every_model_field_has_typed_limits() -> None:
    classes = _model_classes()
    assert len(classes) > 25
    for cls in classes:
        typing.get_type_hints(cls, localns={"Locale": Locale})  # every annotation resolves
        for spec in dataclasses.fields(cls):
            assert isinstance(limits_of(spec), Limits), f"{cls.__name__}.{spec.name}"


def test_a_colour_carries_the_print_shops_inks_and_draws_them_only_in_print() -> None:
    from reportlab.lib.colors import CMYKColor

    from generator.model.colour import print_inks

    accent = Colour.parse("#123f5c").with_inks((100, 60, 20, 45))
    assert accent.cmyk == (100.0, 60.0, 20.0, 45.0)
    assert not isinstance(accent.reportlab, CMYKColor)  # screen and office printer: sRGB
    with print_inks():
        inks = accent.reportlab
        assert isinstance(inks, CMYKColor)
        assert (inks.cyan, inks.magenta, inks.yellow, inks.black) == (1.0, 0.6, 0.2, 0.45)
        with pytest.raises(ValueError, match="no CMYK values"):
            _ = Colour.parse("#123f5c").reportlab
    assert not isinstance(accent.reportlab, CMYKColor)


@pytest.mark.parametrize("inks", [(100, 60, 20), (120, 0, 0, 0), (100, 100, 100, 10),
                                  (-1, 0, 0, 0)])
def test_inks_a_press_cannot_print_are_refused(inks: tuple[float, ...]) -> None:
    with pytest.raises(ValueError):
        Colour.parse("#000000").with_inks(inks)
