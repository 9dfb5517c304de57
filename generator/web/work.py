"""Web edge (work): make cards and previews in worker processes, so requests run in parallel.

Laying out a card is CPU work that holds Python's lock; one worker process per CPU
lets twenty people make cards at once without queueing behind each other. Workers
hold no person data between requests: bytes in, bytes (or problems) out. They ignore
Ctrl-C, which the server handles, so stopping prints no traceback.
"""
from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .. import api

PREVIEW_DPI = 60  # page pictures beside the form: about their size on screen, quick to make


@dataclass(frozen=True)
class CardOutcome:
    """A card made from a person file, or why not, and its page pictures when asked for."""

    card: api.Card | None
    problems: list[api.Problem] = field(default_factory=list)
    pages: list[bytes] = field(default_factory=list)


def card_outcome(source: bytes, root: str | None, layout: str, preview: bool) -> CardOutcome:
    """The card for a person file's bytes (runs in a worker process)."""
    project = api.open_project(Path(root) if root else None)
    try:
        card = api.make_card(source, project=project, layout=layout)
    except api.HandoutsError as error:
        return CardOutcome(None, list(error.problems))
    pages = api.preview_pages(card.pdf, dpi=PREVIEW_DPI) if preview else []
    return CardOutcome(card, [], pages)


def _quiet() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _warm(root: str | None) -> None:
    """Read the inputs once in a worker, so the first person's card is not the slow one."""
    for layout in ("card-a6",):
        api.check_person(b"name: Prov\nroutines: [ogonkontakt]\n",
                         project=api.open_project(Path(root) if root else None), layout=layout)


def cpu_count() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


class Workers:
    """A pool of worker processes (started lazily, one per CPU) for card work."""

    def __init__(self, root: Path | None, processes: int | None = None) -> None:
        self.root = str(root) if root else None
        count = processes or cpu_count()
        self.count = max(1, count)
        self.pool = ProcessPoolExecutor(self.count, mp_context=multiprocessing.get_context(
            "spawn"), initializer=_quiet)

    def warm(self) -> None:
        for _ in range(self.count):
            self.pool.submit(_warm, self.root)

    async def card(self, source: bytes, layout: str, preview: bool) -> CardOutcome:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.pool, card_outcome, source, self.root, layout,
                                          preview)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
