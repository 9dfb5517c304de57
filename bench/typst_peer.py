"""The peer: the same A6 decks and 4-up sheet made by Typst, for the benchmark.

The issue that set the speed target measured handouts against Typst on the same work:
one Typst compiler reused, one PDF per person, then one sheet of every card. This does
that work with Typst's Python binding (`pip install -e '.[bench]'`), from the same
roster and routine texts, so the benchmark can report handouts against Typst measured
on the same machine in the same run, not against a figure from another machine.
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import fontpkg
import yaml

CONTENT = Path(__file__).parents[1] / "content"
TEMPLATES = Path(__file__).parent / "typst"


def _routines() -> dict[str, dict[str, object]]:
    routines = yaml.safe_load((CONTENT / "sv" / "routines.yaml").read_text(encoding="utf-8"))
    return {r["id"]: r for r in routines["routines"]}


def _person(row: dict[str, str], routines: dict[str, dict[str, object]]) -> dict[str, object]:
    call_name = row["namn"].split()[0]
    chosen = []
    for routine_id in row["rutiner"].split(", "):
        routine = routines[routine_id]
        steps = [s if isinstance(s, str) else s["text"] for s in routine["steps"]]  # type: ignore[attr-defined]
        chosen.append({"title": routine["title"], "purpose": routine["purpose"],
                       "why": routine["why"],
                       "steps": [s.replace("{{ person.call_name }}", call_name)
                                 for s in steps]})
    return {"name": row["namn"], "giver": row["anhörig"], "avoid": row["undvik"],
            "music": row["musik"], "food": row["mat"], "memories": row["minnen"],
            "contact_role": row["kontakt_roll"], "contact_name": row["kontakt_namn"],
            "contact_phone": row["kontakt_telefon"], "routines": chosen}


def read_persons(roster: Path) -> list[dict[str, object]]:
    """The roster's persons as the templates read them (a Swedish Excel CSV)."""
    routines = _routines()
    rows = csv.DictReader(io.StringIO(roster.read_bytes().decode("cp1252")), delimiter=";")
    return [_person(row, routines) for row in rows]


def make_typst_cards(roster: Path, out: Path) -> None:
    """One PDF per person and the sheet, from one Typst compiler."""
    import typst

    out.mkdir(parents=True, exist_ok=True)
    persons = read_persons(roster)
    fonts = str(Path(fontpkg.path("Atkinson Hyperlegible", weight=400)).parent)
    compiler = typst.Compiler(root=str(TEMPLATES), font_paths=[fonts], ignore_system_fonts=True)
    deck = str(TEMPLATES / "deck.typ")
    for number, person in enumerate(persons):
        compiler.compile(input=deck, output=str(out / f"{number}.pdf"),
                         sys_inputs={"person": json.dumps(person)})
    compiler.compile(input=str(TEMPLATES / "sheet.typ"), output=str(out / "sheet-ark.pdf"),
                     sys_inputs={"persons": json.dumps(persons)})


if __name__ == "__main__":
    import sys
    import time
    start = time.perf_counter()
    make_typst_cards(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"{time.perf_counter() - start:.2f} s")
