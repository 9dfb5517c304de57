"""The benchmark's peers, each run as its own processes: the plain ReportLab floor spread
over as many processes as the batch has workers, and Typst making the same decks.

Both are timed as a person would meet them: wall time from starting the processes to
the last one's end, start-up included, as `handouts batch` is timed.
"""
from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent


def children_cpu() -> float:
    """User and system CPU seconds of the finished child processes so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _split(roster: Path, parts: int, work: Path) -> list[Path]:
    """The roster cut into `parts` rosters of consecutive rows, each with the header."""
    header, *rows = roster.read_bytes().split(b"\r\n")
    rows = [row for row in rows if row]
    size = -(-len(rows) // parts)
    paths = []
    for index in range(parts):
        path = work / f"{roster.stem}-part{index}.csv"
        path.write_bytes(b"\r\n".join([header, *rows[index * size:(index + 1) * size]]) + b"\r\n")
        paths.append(path)
    return paths


def floor_in_processes(roster: Path, work: Path, processes: int, run: int) -> float:
    """Seconds for the plain ReportLab floor in `processes` processes side by side."""
    parts = _split(roster, processes, work)
    start = time.perf_counter()
    running = [subprocess.Popen([sys.executable, str(HERE / "plain_reportlab.py"), str(part),
                                 str(work / f"plain-{run}-{index}")])
               for index, part in enumerate(parts)]
    if any(process.wait() != 0 for process in running):
        raise SystemExit("the plain ReportLab floor failed")
    return time.perf_counter() - start


def typst_available() -> bool:
    try:
        import typst  # noqa: F401
    except ImportError:
        return False
    return True


def typst_run(roster: Path, out: Path) -> tuple[float, float]:
    """Wall and CPU seconds of Typst making every person's deck and the sheet."""
    before, start = children_cpu(), time.perf_counter()
    subprocess.run([sys.executable, str(HERE / "typst_peer.py"), str(roster), str(out)],
                   check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start, children_cpu() - before
