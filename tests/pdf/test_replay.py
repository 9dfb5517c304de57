"""Replayed pages: a routine front drawn once per process gives the bytes of a fresh drawing."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from generator import api
from generator.pdf import render, replay

ANNA = Path(__file__).parents[2] / "content" / "people" / "anna-lind.yaml"
# Persons who share call names and routines (replayed fronts), in Swedish with a Greek
# call name (a fallback font inside the routine's steps), in Arabic (shaped text) and in
# Finnish; the same routine front appears in several files of the batch.
PEOPLE = [
    ("Anna Lind", "sv", "ogonkontakt, maltid, musik"),
    ("Anna Berg", "sv", "ogonkontakt, maltid, minnen"),
    ("Anna Holm", "sv", "musik, sitta-nara"),
    ("Karl Ek", "sv", "ogonkontakt, maltid"),
    ("Ελένη Παππά", "sv", "ogonkontakt, resa-sig"),
    ("Ελένη Wik", "sv", "resa-sig, musik"),
    ("Leila Haddad", "ar", "ogonkontakt, maltid"),
    ("Leila Nasser", "ar", "ogonkontakt, minnen"),
    ("Aino Virtanen", "fi", "ogonkontakt, maltid"),
    ("Aino Laine", "fi", "maltid, musik"),
]


def roster() -> bytes:
    lines = ["namn;språk;rutiner;kontakt_roll;kontakt_namn;kontakt_telefon"]
    for number, (name, language, routines) in enumerate(PEOPLE):
        lines.append(f"{name};{language};{routines};Anhörig;Erik Lind;070-174 06 {50 + number}")
    return ("\n".join(lines) + "\n").encode("utf-8")


@pytest.fixture
def fresh_recordings() -> Iterator[None]:
    replay._RECORDINGS.clear()
    yield
    replay._RECORDINGS.clear()


def without_replay(make: Callable[[], list[bytes]], monkeypatch: pytest.MonkeyPatch
                   ) -> list[bytes]:
    with monkeypatch.context() as patch:
        patch.setattr(render, "draw_page", lambda page, painter: page.draw(painter))
        return make()


def test_a_batch_is_the_same_bytes_replayed_or_drawn(fresh_recordings: None,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    project = api.open_project()

    def batch() -> list[bytes]:
        outcome = api.make_batch(roster(), file_name="lista.csv", project=project)
        assert outcome.failed == 0
        return [document.data for document in outcome.documents]

    drawn = without_replay(batch, monkeypatch)
    assert not replay._RECORDINGS
    replayed = batch()
    recorded = [r for r in replay._RECORDINGS.values() if r is not None]
    # fewer recordings than fronts: the shared ones were replayed, not drawn again
    fronts = sum(len(routines.split(",")) for _, _, routines in PEOPLE)
    assert 0 < len(recorded) < fronts
    assert replayed == drawn


def test_a_card_recorded_then_replayed_keeps_its_tags_and_bookmarks(
        fresh_recordings: None, monkeypatch: pytest.MonkeyPatch) -> None:
    source = ANNA.read_bytes()
    project = api.open_project()

    def card() -> list[bytes]:
        return [api.make_card(source, project=project, layout="card-a6").pdf]

    drawn = without_replay(card, monkeypatch)
    first = card()  # each front recorded on a scratch canvas, then replayed
    second = card()  # replayed from the recordings
    assert first == second == drawn
