"""Model (content): the typed, frozen objects that one language's validated content becomes.

Nothing here knows YAML, ReportLab or Click. Field metadata carries the limits that
validation enforces (see constraints.py), so the rules stand beside the data.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from .constraints import between, items, text

if TYPE_CHECKING:
    from ..locale import Locale


class Pictogram(StrEnum):
    """The pictograms the project draws as vector graphics."""

    EYE_CONTACT = "eye-contact"
    HAND_ON_SHOULDER = "hand-on-shoulder"
    HOLDING_HANDS = "holding-hands"
    OUTDOORS = "outdoors"
    COOKING = "cooking"
    MEAL = "meal"
    STANDING_UP = "standing-up"
    MEMORIES = "memories"
    MUSIC = "music"
    SHOWER = "shower"
    HAIR = "hair"
    FOOT_BATH = "foot-bath"
    SELF_TOUCH = "self-touch"


@dataclass(frozen=True)
class Organisation:
    name: str = field(metadata=text(80))
    website: str = field(metadata=text(80))
    email: str = field(metadata=text(80))
    phone: str = field(metadata=text(20, digits=True))
    language: str = "sv"  # of its name: tagged as such on a card in another language


@dataclass(frozen=True)
class Step:
    """One numbered step; durations and pressures are data, printed by placeholders."""

    SHORTHAND = "text"  # a plain string in YAML means {text: string}

    text: str = field(metadata=text(160, template=True))
    seconds: float | None = field(default=None, metadata=between(0.5, 600))
    pressure_kg: float | None = field(default=None, metadata=between(0.1, 20))


@dataclass(frozen=True)
class Routine:
    id: str = field(metadata=text(40, slug=True))
    title: str = field(metadata=text(40))
    purpose: str = field(metadata=text(90, template=True))
    short: str = field(metadata=text(60, template=True))
    pictogram: Pictogram
    steps: tuple[Step, ...] = field(metadata=items(1, 8))
    why: str = field(metadata=text(400, template=True))


@dataclass(frozen=True)
class RoutineBook:
    routines: tuple[Routine, ...] = field(metadata=items(1))


@dataclass(frozen=True)
class Activity:
    title: str = field(metadata=text(50, template=True))
    text: str = field(metadata=text(200, template=True))


@dataclass(frozen=True)
class Activities:
    title: str = field(metadata=text(60, template=True))
    intro: str = field(metadata=text(300, template=True))
    items: tuple[Activity, ...] = field(metadata=items(1))


@dataclass(frozen=True)
class SelfCare:
    title: str = field(metadata=text(60, template=True))
    intro: str = field(metadata=text(400, template=True))
    tips: tuple[str, ...] = field(metadata=items(1, item_max_len=200, template=True))


class LeafletPart(StrEnum):
    """Other content files a leaflet section can take in whole."""

    SELF_CARE = "self-care"
    ACTIVITIES = "activities"


@dataclass(frozen=True)
class LeafletSection:
    """One section of running text; it may list routines' short forms or take in a part."""

    id: str = field(metadata=text(40, slug=True))
    heading: str | None = field(default=None, metadata=text(60, template=True))
    paragraphs: tuple[str, ...] = field(default=(), metadata=items(item_max_len=700,
                                                                   template=True))
    routines: tuple[str, ...] = ()  # ids: their short forms, printed as a list
    include: LeafletPart | None = None


@dataclass(frozen=True)
class Leaflet:
    title: str = field(metadata=text(60, template=True))
    subtitle: str = field(metadata=text(120, template=True))
    sections: tuple[LeafletSection, ...] = field(metadata=items(1))


@dataclass(frozen=True)
class PictogramTexts:
    """What each pictogram shows, in words, for a screen reader (the figure's /Alt).

    The defaults are the Swedish source's words, for a project folder made before these
    labels existed (its labels.yaml lacks them); the shipped content gives them itself.
    """

    eye_contact: str = field(default="ett öga, för ögonkontakt", metadata=text(120))
    hand_on_shoulder: str = field(metadata=text(120),
                                  default="två personer, den ena med handen på den andras axel")
    holding_hands: str = field(metadata=text(120),
                               default="två personer som håller varandra i handen")
    outdoors: str = field(default="ett träd i solsken", metadata=text(120))
    cooking: str = field(default="en kastrull med ånga", metadata=text(120))
    meal: str = field(default="en tallrik med gaffel och sked", metadata=text(120))
    standing_up: str = field(default="en person som reser sig från en stol", metadata=text(120))
    memories: str = field(default="en tavla med berg och sol, för minnen", metadata=text(120))
    music: str = field(default="två musiknoter", metadata=text(120))
    shower: str = field(default="ett duschmunstycke med vattendroppar", metadata=text(120))
    hair: str = field(default="en kam", metadata=text(120))
    foot_bath: str = field(default="en balja med varmt vatten", metadata=text(120))
    self_touch: str = field(default="en person som kramar om sig själv", metadata=text(120))

    def of(self, pictogram: Pictogram) -> str:
        return str(getattr(self, pictogram.value.replace("-", "_")))


@dataclass(frozen=True)
class Labels:
    """The fixed words printed on the products, per language."""

    person_default: str = field(metadata=text(40))
    why_heading: str = field(metadata=text(40))
    contact_heading: str = field(metadata=text(60))
    phone_label: str = field(metadata=text(20))
    everyday_heading: str = field(metadata=text(40))
    notes_heading: str = field(metadata=text(40))
    made_with: str = field(metadata=text(120, template=True))
    # Personal cards (issue 4): headings and labels around one person's details.
    personal_title: str = field(metadata=text(60))
    carer_default: str = field(metadata=text(40))
    carer_label: str = field(metadata=text(40))
    routines_heading: str = field(metadata=text(40))
    avoid_heading: str = field(metadata=text(30))
    avoid_none: str = field(metadata=text(80))
    avoid_check: str = field(metadata=text(90))  # issue 15: the list alone is not enough
    likes_heading: str = field(metadata=text(30))
    music_label: str = field(metadata=text(20))
    food_label: str = field(metadata=text(20))
    memories_label: str = field(metadata=text(20))
    contacts_heading: str = field(metadata=text(40))
    note_heading: str = field(metadata=text(40))
    advice_note: str = field(metadata=text(90))  # issue 15: cards do not replace advice
    # What the drawings show, for a screen reader, in the card's language (issue 12):
    # "Piktogram: ett öga, för ögonkontakt", "QR-kod till www.beroring.se".
    figure_pictogram: str = field(default="Piktogram", metadata=text(40))
    figure_qr: str = field(default="QR-kod till", metadata=text(40))
    pictograms: PictogramTexts = field(default_factory=PictogramTexts)
    # What each link does, before its address (the link's description, issue 12).
    link_web: str = field(default="Webbplats", metadata=text(30))
    link_email: str = field(default="E-post till", metadata=text(30))
    link_phone: str = field(default="Ring", metadata=text(30))
    # Before the build date on every personal card (issue 10): an old card shows its age.
    updated: str = field(default="Uppdaterad", metadata=text(30))

    def pictogram_alt(self, pictogram: Pictogram) -> str:
        """The alternative text of a pictogram: "Piktogram: ett öga, för ögonkontakt"."""
        return f"{self.figure_pictogram}: {self.pictograms.of(pictogram)}"


@dataclass(frozen=True)
class Content:
    """Everything one language's content folder says, validated."""

    language: str
    organisation: Organisation
    routines: tuple[Routine, ...]
    activities: Activities
    self_care: SelfCare
    labels: Labels
    leaflet: Leaflet
    locale: Locale  # the language's rules for printed text (generator/locale)

    def routine(self, routine_id: str) -> Routine:
        for routine in self.routines:
            if routine.id == routine_id:
                return routine
        raise KeyError(routine_id)

    @property
    def routine_ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.routines)
