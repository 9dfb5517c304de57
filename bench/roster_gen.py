"""A generated roster of invented persons, for the benchmark (names are made up)."""
from __future__ import annotations

import random
from pathlib import Path

FIRST = ("Anna", "Bertil", "Greta", "Sven", "Ingrid", "Karl", "Maj", "Olle", "Elsa", "Gösta",
         "Britt", "Åke", "Märta", "Nils", "Solveig", "Tage")
LAST = ("Lind", "Öberg", "Åkesson", "Ek", "Holm", "Berg", "Sjöberg", "Dahl", "Nyström", "Wik")
ROUTINES = ("ogonkontakt", "sitta-nara", "utomhus", "laga-mat", "maltid", "resa-sig",
            "minnen", "musik", "dusch-och-bad", "har-och-skagg", "fot-och-handbad")
AVOID = ("Höger axel – öm sedan ett fall", "Fötterna, de kittlas", "Hastiga rörelser bakifrån",
         "Nacken", "Vänster handled")
MUSIC = ("Evert Taube", "Dansband", "Psalmer", "Bellman", "Jazz från 50-talet")
FOOD = ("Kanelbullar", "Sill och potatis", "Ärtsoppa", "Pannkakor med sylt")
MEMORIES = ("Sommarstugan", "Åren som snickare", "Körsången", "Trädgården", "Resan till Rom")
HEADER = ("namn;anhörig;rutiner;undvik;musik;mat;minnen;kontakt_roll;kontakt_namn;"
          "kontakt_telefon;anteckning")


def write_roster(path: Path, count: int, seed: int = 4) -> int:
    """`count` persons with three routines each, saved as Swedish Excel does (cp1252, ;).

    Returns the number of routines named in all (one A6 card each besides the cover).
    """
    pick = random.Random(seed)
    lines = [HEADER]
    for number in range(count):
        name = f"{pick.choice(FIRST)} {pick.choice(LAST)}"
        routines = ", ".join(pick.sample(ROUTINES, 3))
        phone = f"070-174 06 {50 + number % 50:02d}"
        lines.append(";".join((name, "Personalen", routines, pick.choice(AVOID),
                               pick.choice(MUSIC), pick.choice(FOOD), pick.choice(MEMORIES),
                               "Anhörig", f"{pick.choice(FIRST)} {name.split()[1]}", phone,
                               "")))
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return 3 * count
