"""Benchmark a big roster: cards per second by size, peak memory, and resuming.

Not a test. Runs `handouts batch --layout fridge-a5` on invented rosters of growing size
(default 1,000, 10,000 and 100,000 rows), prints for each the rate (cards per second of
wall time, and per second of CPU time of the whole process tree, which a busy machine
disturbs less) and the peak memory of the whole process tree. Then it interrupts a run
of the largest (SIGINT, as Ctrl-C) when `--stop-at` of the first run's time has passed
and runs it again, counting the cards the second run found unchanged.

    .venv/bin/python bench/bench_big.py                      # about 20 minutes on 2 CPUs
    .venv/bin/python bench/bench_big.py --sizes 1000 20000   # a quicker look
    .venv/bin/python bench/bench_big.py --resume-size 10000  # resume a smaller run
"""
from __future__ import annotations

import argparse
import csv
import io
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_batch import HANDOUTS, _children_cpu, run_batch
from roster_gen import write_roster


def statuses(out: Path, stem: str) -> dict[str, int]:
    text = (out / f"{stem}-rapport.csv").read_bytes().decode("utf-8-sig")
    counts: dict[str, int] = {}
    for row in list(csv.reader(io.StringIO(text), delimiter=";"))[1:]:
        counts[row[3]] = counts.get(row[3], 0) + 1
    return counts


def _interruptible() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--stop-at", type=float, default=0.5,
                        help="interrupt the resumed run after this share of the first run's time")
    parser.add_argument("--resume-size", type=int, default=None,
                        help="the roster size to interrupt and resume (default: the largest)")
    arguments = parser.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1795305600")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        took: dict[int, float] = {}
        for size in arguments.sizes:
            roster = work / f"roster-{size}.csv"
            write_roster(roster, size)
            cpu = _children_cpu()
            seconds, peak = run_batch(roster, work / f"out-{size}", arguments.jobs, "fridge-a5")
            cpu = _children_cpu() - cpu
            took[size] = seconds
            print(f"{size} rows: {seconds:.0f} s, {size / seconds:.0f} cards/s; CPU {cpu:.0f} s, "
                  f"{size / cpu:.1f} cards per CPU second; peak memory {peak}",
                  flush=True)
        size = arguments.resume_size or max(arguments.sizes)
        if size not in took:
            write_roster(work / f"roster-{size}.csv", size)
            took[size] = run_batch(work / f"roster-{size}.csv", work / f"out-{size}",
                                   arguments.jobs, "fridge-a5")[0]
        roster, out = work / f"roster-{size}.csv", work / "out-resume"
        start = time.perf_counter()
        # Ctrl-C as a terminal sends it: a shell starts background jobs with SIGINT
        # ignored, and Python leaves an ignored SIGINT ignored, so it is set back here.
        process = subprocess.Popen([str(HANDOUTS), "batch", str(roster), "--out", str(out),
                                    "--jobs", str(arguments.jobs), "--layout", "fridge-a5"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   preexec_fn=_interruptible)
        time.sleep(max(5.0, took[size] * arguments.stop_at))
        process.send_signal(signal.SIGINT)
        signalled = time.perf_counter()
        process.wait()
        stopped = time.perf_counter() - signalled
        made = len(list(out.glob("*.pdf")))
        seconds, _ = run_batch(roster, out, arguments.jobs, "fridge-a5")
        counts = statuses(out, roster.stem)
        print(f"resume: interrupted after {time.perf_counter() - start - seconds - stopped:.0f} s"
              f" (stopped {stopped:.1f} s after Ctrl-C, exit status {process.returncode}) with "
              f"{made} cards; the second run took {seconds:.0f} s: {counts}", flush=True)


if __name__ == "__main__":
    main()
