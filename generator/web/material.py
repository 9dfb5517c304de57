"""Web edge (materials): the project's products built once, kept in memory, rebuilt on edits.

Products hold no personal data, so they are built once and kept. In a project folder
a `watchfiles` watcher on content/ and layouts/ rebuilds them after an edit and tells
open pages (server-sent events) to reload, like `mkdocs serve`.
"""
from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path

from .. import api
from .i18n import N_, problem_text

PICTURE_DPI = 40
# What each file is and how to print it: (kind, layout kind, on sheets) -> texts.
ABOUT = {
    ("routine-cards", "routine-card", False): (
        N_("One A6 card per routine, front and back."),
        N_("For a print shop: the file has 3 mm bleed and crop marks.")),
    ("routine-cards", "routine-card", True): (
        N_("The same cards, four on each A4 sheet, backs behind their fronts."),
        N_("Print double-sided, flip on the long edge, at 100 % (“Actual size”). Cut on the "
           "marks.")),
    ("leaflet", "leaflet", False): (
        N_("The leaflet: one A4 sheet folded in three."),
        N_("Print double-sided, flip on the short edge, at 100 %. Fold on the marks.")),
    ("leaflet", "booklet", False): (
        N_("The leaflet as an A5 booklet, pages in reading order."),
        N_("For reading on a screen, or for a print shop.")),
    ("leaflet", "booklet", True): (
        N_("The booklet two pages to each A4 sheet, in booklet order."),
        N_("Print double-sided, flip on the short edge, at 100 %. Stack the sheets and fold "
           "once.")),
    ("fridge-card", "fridge-card", False): (
        N_("The fridge card: the routines in large print on one page."),
        N_("Print single-sided at 100 %, on thick paper if you have it.")),
}


SHORT = {
    ("routine-card", False): N_("A6 cards"), ("routine-card", True): N_("A6 cards on A4 sheets"),
    ("leaflet", False): N_("folded A4"), ("booklet", False): N_("A5 booklet"),
    ("booklet", True): N_("booklet on A4 sheets"), ("fridge-card", False): N_("fridge card"),
}


def headings(files: list[api.ProductFile],
             gettext: Callable[[str], str]) -> list[tuple[str, str]]:
    """Each file's heading: its title and what form it takes (with the file name if two
    are still alike); apart, so a title in another language is isolated from the rest."""
    shorts = [gettext(SHORT[key]) if (key := (item.layout_kind, item.sheet)) in SHORT else ""
              for item in files]
    found = []
    for item, short in zip(files, shorts, strict=True):
        if sum(1 for other, s in zip(files, shorts, strict=True)
               if other.title == item.title and s == short) > 1:
            short = f"{short}, {item.file_name}" if short else item.file_name
        found.append((item.title, short))
    return found


@dataclass
class Built:
    """The products as they were last built, or the problems that stopped the build."""

    files: dict[str, bytes] = field(default_factory=dict)
    pictures: dict[str, bytes] = field(default_factory=dict)
    about: list[api.ProductFile] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    generation: int = 0


def build(project: api.Project, generation: int, language: str,
          content_language: str | None = None) -> Built:
    """Build every product (in `content_language`, default the manifest's) and the picture
    of each file's first page; problems are told in the page's `language`."""
    try:
        about = api.product_files(project, content_language)
        documents = api.build_products(project, language=content_language)
    except api.HandoutsError as error:
        texts = [f"{p.file}{':' + str(p.line) if p.line else ''}: "
                 f"{problem_text(p, language)}" for p in error.problems]
        return Built(problems=texts, generation=generation)
    files = {d.name: d.data for d in documents}
    pictures = {}
    for name, data in files.items():
        pictures[name] = api.preview_pages(_first_page(data), dpi=PICTURE_DPI)[0]
    return Built(files, pictures, [a for a in about if a.file_name in files], [], generation)


def _first_page(pdf: bytes) -> bytes:
    import io

    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter()
    writer.add_page(reader.pages[0])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


class Materials:
    """The built products, and the watcher that keeps them fresh in a project folder."""

    def __init__(self, project: api.Project, language: str) -> None:
        self.project, self.language = project, language
        self.built: Built | None = None  # the manifest's language
        self.other: dict[str, Built] = {}  # other content languages, built when asked for
        self.changed = asyncio.Condition()
        self._lock = asyncio.Lock()
        self._watcher: asyncio.Task[None] | None = None

    async def current(self, content_language: str | None = None) -> Built:
        """The products in `content_language` (None: the manifest's), built once."""
        async with self._lock:
            if content_language is not None:
                if content_language not in self.other:
                    generation = self.built.generation if self.built else 1
                    self.other[content_language] = await asyncio.to_thread(
                        build, self.project, generation, self.language, content_language)
                return self.other[content_language]
            if self.built is None:
                self.built = await asyncio.to_thread(build, self.project, 1, self.language)
            return self.built

    def start(self) -> None:
        """Build in the background, and watch the project's folders when there is one."""
        self._watcher = asyncio.ensure_future(self._watch())

    async def stop(self) -> None:
        if self._watcher is not None:
            self._watcher.cancel()
            try:
                await self._watcher
            except asyncio.CancelledError:
                pass

    async def _watch(self) -> None:
        await self.current()
        root = self.project.root
        if root is None:
            return
        from watchfiles import awatch

        folders = [str(p) for p in (root / "content", root / "layouts", root / "fonts")
                   if Path(p).is_dir()]
        async for _ in awatch(*folders, debounce=300):
            generation = (self.built.generation if self.built else 0) + 1
            fresh = await asyncio.to_thread(build, self.project, generation, self.language)
            async with self._lock:
                self.built, self.other = fresh, {}  # other languages rebuild when asked
            async with self.changed:
                self.changed.notify_all()

    async def events(self) -> AsyncIterator[str]:
        """Server-sent events: the build's number now, then each time it is rebuilt."""
        built = await self.current()
        yield f"retry: 2000\nevent: build\ndata: {built.generation}\n\n"
        while True:
            async with self.changed:
                try:
                    await asyncio.wait_for(self.changed.wait(), timeout=15)
                except TimeoutError:
                    yield ": still here\n\n"
                    continue
            yield f"event: build\ndata: {self.built.generation if self.built else 0}\n\n"
