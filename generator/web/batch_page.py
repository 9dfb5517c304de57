"""Web edge (list): a roster upload to every card, the sheet and the report, as one ZIP.

The roster goes through `api.make_batch`, as `handouts batch` does; the ZIP comes back
in the answer itself (a data: link, or a Blob made by the page's script from the
streamed answer), so nothing is kept on the server between requests.
"""
from __future__ import annotations

import asyncio
import base64
import csv
import io
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

from starlette.responses import Response, StreamingResponse

from .. import api
from .i18n import N_, problem_text
from .views import Pages
from .work import cpu_count

MAX_ROWS = 5_000
STATUS = {api.WRITTEN: N_("Made"), api.UNCHANGED: N_("Made"), api.FAILED: N_("Not made")}
EXAMPLE_HEADER = ("namn", "tilltalsnamn", "anhörig", "språk", "rutiner", "undvik", "musik",
                  "mat", "minnen", "kontakt_roll", "kontakt_namn", "kontakt_telefon",
                  "anteckning")
# Two invented persons; the phone numbers are from the range kept for fiction.
EXAMPLE_ROWS = (
    ("Astrid Berg", "Astrid", "Karin, dotter", "sv", "ogonkontakt, maltid, musik",
     "Vänster handled – ömmar", "Abba", "Räkmacka", "Skärgården på somrarna", "Dotter",
     "Karin Berg", "070-174 06 55", "Hör bäst på vänster öra."),
    ("Gunnar Lund", "", "", "sv", "sitta-nara, utomhus", "", "Dragspel", "Kroppkakor",
     "Åren på varvet", "Son", "Per Lund", "070-174 06 56", ""),
)


def example_csv() -> bytes:
    """The example list as Swedish Excel saves CSV: ';', UTF-8 with BOM, CRLF."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(EXAMPLE_HEADER)
    writer.writerows(EXAMPLE_ROWS)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def example_xlsx() -> bytes:
    """The example list as an Excel workbook; the phone column is text, so its 0 stays."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Lista"
    sheet.append(EXAMPLE_HEADER)
    for row in EXAMPLE_ROWS:
        sheet.append(row)
    for cell in sheet["L"]:
        cell.number_format = "@"
    for column, width in zip("ABCDEFGHIJKLM", (16, 12, 16, 6, 30, 26, 12, 14, 24, 10, 14, 16,
                                               28), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@dataclass
class BatchPage:
    """The list page for one project and language."""

    project: api.Project
    pages: Pages

    def layouts(self) -> list[tuple[str, str]]:
        return [(name, self.pages.layout_label(name)) for name in api.card_layouts(self.project)]

    def show(self, status: int = 200, errors: list[str] | None = None, layout: str = "card-a6",
             result: dict[str, Any] | None = None) -> Response:
        return self.pages.page("batch.html", status, here="batch", errors=errors or [],
                               layouts=self.layouts(), layout=layout, result=result)

    async def post(self, upload: Any, layout: str, stream: bool) -> Response:
        """A roster posted with the form: the result page, or NDJSON lines for the script."""
        names = [name for name, _ in self.layouts()]
        if layout not in names:
            return self.pages.message(400, N_("There is no card layout called “{0}”."),
                                      layout[:40])
        if upload is None or isinstance(upload, str) or not upload.filename:
            return self._refuse(400, [self.pages.gettext(N_("Choose a list file first."))],
                                layout)
        data = await upload.read()
        file_name = _plain_name(upload.filename)
        try:
            count = await asyncio.to_thread(api.count_roster, data, file_name=file_name)
        except api.HandoutsError as error:
            return self._refuse(422, self._messages(error), layout)
        if count > MAX_ROWS:
            text = self.pages.gettext(N_("The list has {0} persons; at most {1} can be made "
                                         "at a time. Split it into smaller lists."))
            return self._refuse(413, [text.format(_grouped(count), _grouped(MAX_ROWS))], layout)
        if stream:
            return StreamingResponse(self._lines(data, file_name, layout, count),
                                     media_type="application/x-ndjson",
                                     headers={"cache-control": "no-store"})
        outcome = await asyncio.to_thread(self._make, data, file_name, layout, None)
        if isinstance(outcome, list):
            return self._refuse(422, outcome, layout)
        return self.show(200 if not outcome.failed else 422, layout=layout,
                         result=self._result(outcome, file_name))

    def _refuse(self, status: int, errors: list[str], layout: str) -> Response:
        return self.show(status, errors, layout)

    def _messages(self, error: api.HandoutsError) -> list[str]:
        texts = []
        for problem in error.problems:
            texts.append(problem_text(problem, self.pages.language))
        return texts

    def _make(self, data: bytes, file_name: str, layout: str,
              progress: Any) -> api.BatchOutcome | list[str]:
        try:
            return api.make_batch(data, file_name=file_name, project=self.project, layout=layout,
                                  jobs=cpu_count(), progress=progress,
                                  language=self.pages.language)
        except api.HandoutsError as error:
            return self._messages(error)

    def _result(self, outcome: api.BatchOutcome, file_name: str) -> dict[str, Any]:
        gettext, language = self.pages.gettext, self.pages.language
        rows = [{"number": row.number, "name": row.name, "ok": row.status != api.FAILED,
                 "status": gettext(STATUS.get(row.status, row.status)),
                 "reason": " ".join(_row_reason(p, language) for p in row.problems)}
                for row in outcome.rows]
        archive = outcome.zip()
        stem = file_name.rsplit(".", 1)[0] or "lista"
        return {"rows": rows, "made": len(rows) - outcome.failed, "failed": outcome.failed,
                "zip": base64.b64encode(archive).decode("ascii"), "zip_name": f"{stem}-kort.zip",
                "zip_kb": max(1, len(archive) // 1024)}

    async def _lines(self, data: bytes, file_name: str, layout: str,
                     count: int) -> AsyncIterator[bytes]:
        """Progress lines while the cards are made, then the result as HTML and the ZIP."""
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[int] = asyncio.Queue()

        def progress(done: int, total: int) -> None:
            loop.call_soon_threadsafe(queue.put_nowait, done)

        work = asyncio.ensure_future(asyncio.to_thread(self._make, data, file_name, layout,
                                                       progress))
        done = 0
        yield _line({"done": 0, "total": count})
        while not work.done() or not queue.empty():
            try:
                done += await asyncio.wait_for(queue.get(), timeout=0.2)
            except TimeoutError:
                continue
            yield _line({"done": done, "total": count})
        outcome = work.result()
        if isinstance(outcome, list):
            html = self.pages.text("_batch_errors.html", errors=outcome)
            yield _line({"error": True, "html": html})
            return
        result = self._result(outcome, file_name)
        html = self.pages.text("_batch_result.html", result=result, inline_zip=False)
        yield _line({"html": html, "zip": result["zip"], "zip_name": result["zip_name"]})


def _row_reason(problem: api.Problem, language: str) -> str:
    """A failed row's reason: the column it is about, then what is wrong and what to do."""
    text = problem_text(problem, language)
    return f"{api.roster_column(problem.field)}: {text}" if problem.field else text


def _line(value: dict[str, Any]) -> bytes:
    return (json.dumps(value, ensure_ascii=False) + "\n").encode("utf-8")


def _plain_name(name: str) -> str:
    """The upload's own name without folders, for the sheet and report names in the ZIP."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1].strip()
    return name[:120] or "lista.csv"


def _grouped(number: int) -> str:
    return f"{number:,}".replace(",", "\u00a0")
