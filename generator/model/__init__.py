"""Model: the typed, frozen objects that validated content, persons and layouts become.

Compose and render import these types, never the validators. content.py holds one
language's content, person.py one person cared for, layout.py how a product is
printed, colour.py one colour, constraints.py the typed limits validation enforces.
"""
from __future__ import annotations

from .colour import Colour
from .constraints import Limits, between, items, limits_of, text
from .content import (
    Activities,
    Activity,
    Content,
    Labels,
    Leaflet,
    LeafletPart,
    LeafletSection,
    Organisation,
    Pictogram,
    Routine,
    RoutineBook,
    SelfCare,
    Step,
)
from .person import Contact, Likes, Person

__all__ = ["Activities", "Activity", "Colour", "Contact", "Content", "Labels", "Leaflet",
           "LeafletPart", "LeafletSection", "Likes", "Limits", "Organisation", "Person",
           "Pictogram", "Routine", "RoutineBook", "SelfCare", "Step", "between", "items",
           "limits_of", "text"]
