"""Web edge (routes): the local web app's addresses, each a few lines over the page modules.

Stateless: whatever concerns a person arrives in a POST body and leaves in the answer;
nothing is stored between requests, and no address carries personal data.
"""
from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartParser
from starlette.requests import Request
from starlette.responses import FileResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from .. import api
from .batch_page import BatchPage, example_csv, example_xlsx
from .card_page import CardPage
from .guard import MAX_BODY, TOO_LARGE, BodyTooLarge, Guard, allowed_hosts
from .i18n import N_, language_name
from .material import ABOUT, Materials, headings
from .views import Pages
from .work import Workers

STATIC = Path(__file__).parent / "static"
FONTS = {"regular.ttf": 400, "bold.ttf": 700}
NO_STORE = {"cache-control": "no-store"}
SOURCE_LANGUAGE = "sv"  # the content's source; other languages' files carry their code
UNREADABLE = N_("The form could not be read. Open the page again and send it once more.")
Handler = Callable[[list[tuple[str, Any]]], Awaitable[Response]]
# Uploads stay in memory (at most the body limit), never in a temporary file on disk.
MultiPartParser.spool_max_size = MAX_BODY


def _font_path(weight: int) -> Path:
    import fontpkg

    return Path(fontpkg.path("Atkinson Hyperlegible", weight=weight))


class Web:
    """The app's parts for one project: pages, workers, materials."""

    def __init__(self, project: api.Project, language: str, workers: Workers) -> None:
        self.pages = Pages(language)
        self.card = CardPage(project, self.pages, workers)
        self.batch = BatchPage(project, self.pages)
        self.materials = Materials(project, language)
        self.workers = workers

    async def with_form(self, request: Request, handle: Handler) -> Response:
        """`handle` the posted fields (uploads closed after), or say why they cannot be read."""
        try:
            async with request.form(max_files=2, max_fields=200,
                                    max_part_size=MAX_BODY) as form:
                return await handle(list(form.multi_items()))
        except BodyTooLarge:
            return self.pages.message(413, TOO_LARGE)
        except HTTPException:
            return self.pages.message(400, UNREADABLE)

    # -- pages ---------------------------------------------------------------------------
    async def start(self, request: Request) -> Response:
        return self.pages.page("start.html", here="start")

    async def card_form(self, request: Request) -> Response:
        return self.card.show()

    async def card_post(self, request: Request) -> Response:
        return await self.with_form(request, self.card.post)

    async def card_open(self, request: Request) -> Response:
        return await self.with_form(request, self.open_items)

    async def open_items(self, items: list[tuple[str, Any]]) -> Response:
        uploads = [value for key, value in items if key == "fil"]
        if len(uploads) > 1:
            return self.pages.message(400, N_("The form sent the field “{0}” more than once."),
                                      "fil")
        return await self.card.open_file(uploads[0] if uploads else None, "card-a6")

    async def batch_form(self, request: Request) -> Response:
        return self.batch.show()

    async def batch_post(self, request: Request) -> Response:
        stream = "application/x-ndjson" in request.headers.get("accept", "")

        async def handle(items: list[tuple[str, Any]]) -> Response:
            return await self.batch_items(items, stream)

        return await self.with_form(request, handle)

    async def batch_items(self, items: list[tuple[str, Any]], stream: bool) -> Response:
        files = [value for key, value in items if key == "lista"]
        layouts = [value for key, value in items if key == "layout"]
        if len(files) > 1 or len(layouts) > 1 or any(k not in ("lista", "layout")
                                                     for k, _ in items):
            return self.pages.message(400, UNREADABLE)
        upload = files[0] if files and isinstance(files[0], UploadFile) else None
        layout = layouts[0] if layouts and isinstance(layouts[0], str) else "card-a6"
        return await self.batch.post(upload, layout, stream)

    async def example(self, request: Request) -> Response:
        kind = request.path_params["kind"]
        if kind not in ("xlsx", "csv"):
            return self.pages.message(404, N_("There is no such file."))
        if kind == "xlsx":
            return Response(example_xlsx(), media_type="application/vnd.openxmlformats-"
                            "officedocument.spreadsheetml.sheet",
                            headers=_download("exempel-lista.xlsx"))
        return Response(example_csv(), media_type="text/csv; charset=utf-8",
                        headers=_download("exempel-lista.csv"))

    def _content_language(self, request: Request,
                          languages: tuple[str, ...]) -> str | None | Response:
        """The materials' language from `?sprak=`: None for the Swedish source, else its
        code, or a 400 page when the project has no content in it."""
        code = request.query_params.get("sprak", SOURCE_LANGUAGE) or SOURCE_LANGUAGE
        if code not in languages:
            return self.pages.message(400, N_("There are no materials in the language “{0}”."),
                                      code[:12])
        return None if code == SOURCE_LANGUAGE else code

    async def material(self, request: Request) -> Response:
        languages = api.languages(self.materials.project)
        language = self._content_language(request, languages)
        if isinstance(language, Response):
            return language
        built = await self.materials.current(language)
        gettext = self.pages.gettext
        items = []
        for a, (title, form) in zip(built.about, headings(built.about, gettext), strict=True):
            what, how = ABOUT.get((a.kind, a.layout_kind, a.sheet), ("", ""))
            items.append({"file": a.file_name, "title": title, "form": form,
                          "what": gettext(what), "print": gettext(how),
                          "kb": max(1, len(built.files[a.file_name]) // 1024)})
        choices = [(code, language_name(code, self.pages.language))
                   for code in languages]
        return self.pages.page("material.html", here="material", items=items,
                               problems=built.problems, generation=built.generation,
                               watching=self.materials.project.root is not None,
                               languages=choices, chosen=language or SOURCE_LANGUAGE,
                               asked="" if language is None else f"?sprak={language}")

    async def material_file(self, request: Request) -> Response:
        language = self._content_language(request, api.languages(self.materials.project))
        if isinstance(language, Response):
            return language
        built = await self.materials.current(language)
        name = request.path_params["name"]
        picture = request.path_params.get("picture", False)
        source = built.pictures if picture else built.files
        if name not in source:
            return self.pages.message(404, N_("There is no such file."))
        if picture:
            return Response(source[name], media_type="image/png")
        return Response(source[name], media_type="application/pdf",
                        headers={"content-disposition": f'attachment; filename="{name}"'})

    async def material_picture(self, request: Request) -> Response:
        request.path_params["picture"] = True
        return await self.material_file(request)

    async def material_events(self, request: Request) -> Response:
        return StreamingResponse(self.materials.events(), media_type="text/event-stream",
                                 headers=NO_STORE)

    async def pictogram(self, request: Request) -> Response:
        picture = self.card.pictograms.get(request.path_params["id"])
        if picture is None:
            return self.pages.message(404, N_("There is no such file."))
        return Response(picture, media_type="image/png",
                        headers={"cache-control": "max-age=3600"})

    async def font(self, request: Request) -> Response:
        weight = FONTS.get(request.path_params["name"])
        if weight is None:
            return self.pages.message(404, N_("There is no such file."))
        return FileResponse(_font_path(weight), media_type="font/ttf",
                            headers={"cache-control": "max-age=86400"})


def create_app(project_dir: Path | None = None, host: str = "127.0.0.1", port: int = 8000,
               language: str = "sv", workers: Workers | None = None) -> Guard:
    """The app for the project in `project_dir` (else the built-in content), guarded."""
    project = api.open_project(project_dir)
    web = Web(project, language, workers or Workers(project.root))

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        web.workers.warm()
        web.materials.start()
        yield
        await web.materials.stop()
        await asyncio.to_thread(web.workers.close)

    async def unexpected(request: Request, error: Exception) -> Response:
        return web.pages.message(500, N_("Something went wrong in the app. Try again; if it "
                                         "happens again, restart the app."))

    routes = [
        Route("/", web.start), Route("/kort", web.card_form, methods=["GET"]),
        Route("/kort", web.card_post, methods=["POST"]),
        Route("/kort/oppna", web.card_open, methods=["POST"]),
        Route("/lista", web.batch_form, methods=["GET"]),
        Route("/lista", web.batch_post, methods=["POST"]),
        Route("/lista/exempel.{kind:str}", web.example),
        Route("/material", web.material), Route("/material/handelser", web.material_events),
        Route("/material/fil/{name:str}", web.material_file),
        Route("/material/bild/{name:str}", web.material_picture),
        Route("/typsnitt/{name:str}", web.font), Route("/rutin/{id:str}.png", web.pictogram),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(routes=routes, lifespan=lifespan,
                    exception_handlers={Exception: unexpected, 404: _not_found(web),
                                        405: _not_allowed(web)})
    app.state.web = web
    return Guard(app, allowed_hosts(host, port), any_ip=host in ("0.0.0.0", "::"),
                 language=language)


def _download(name: str) -> dict[str, str]:
    return {"content-disposition": f'attachment; filename="{name}"'}


def _not_found(web: Web) -> Any:
    async def handler(request: Request, error: Exception) -> Response:
        return web.pages.message(404, N_("There is no page at this address."))
    return handler


def _not_allowed(web: Web) -> Any:
    async def handler(request: Request, error: Exception) -> Response:
        return web.pages.message(405, N_("This page cannot be sent to. Open it and use its "
                                         "buttons."))
    return handler
