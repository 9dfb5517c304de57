"""JSON edge: results and problems as plain JSON values for other programs (--format json)."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import EXIT_INPUT, HandoutsError, Problem

if TYPE_CHECKING:  # (the batch and the preflight take a tenth of a second to import)
    from .batch import BatchResult
    from .preflight import Report


def error_json(error: HandoutsError) -> dict[str, Any]:
    return {"ok": False, "exit_code": error.exit_code,
            "problems": [p.as_dict() for p in error.problems]}


def check_json(reports: list[Report], failure: HandoutsError | None) -> dict[str, Any]:
    return {"ok": failure is None, "exit_code": 0 if failure is None else EXIT_INPUT,
            "problems": [p.as_dict() for p in failure.problems] if failure else [],
            "files": [report_json(report) for report in reports]}


def report_json(report: Report) -> dict[str, Any]:
    return {"file": report.name, "ok": report.ok, "pages": report.pages, "floor": report.floor,
            "findings": [{"page": f.page, "check": f.check, "message": f.message}
                         for f in report.findings]}


def batch_json(result: BatchResult, shown: Callable[[Path], str]) -> dict[str, Any]:
    """Each row's outcome with its problems, and the files written, for other programs."""

    def problems(found: tuple[Problem, ...]) -> list[dict[str, Any]]:
        return [p.as_dict() for p in found]

    return {"ok": not result.failed, "exit_code": EXIT_INPUT if result.failed else 0,
            "made": result.persons - result.failed, "failed": result.failed,
            "rows": [{"row": r.number, "name": r.name, "file": r.file, "status": r.status,
                      "problems": problems(r.problems)} for r in result.rows],
            "sheet": shown(result.sheet) if result.sheet else None,
            "sheet_pages": result.sheet_pages,
            "report": shown(result.report) if result.report else None}
