"""Benchmark `handouts batch`: cards per second, bytes per card, peak memory.

Not a test: run it by hand and copy its figures into the README.

    .venv/bin/python bench/bench_batch.py            # 1,000 and 10,000 persons
    .venv/bin/python bench/bench_batch.py --quick    # 200 persons, to try it out

For 1,000 persons it runs the real command (`handouts batch --jobs 2`, the A6 deck,
sheet file and report included) several times and reports medians; it times a plain
ReportLab script that draws the same cards as the floor of this stack; and it runs
10,000 persons once for peak memory. Peak memory is the largest sum of resident
memory over the batch's whole process tree, sampled every 20 ms.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from plain_reportlab import draw_plain_cards
from roster_gen import write_roster

HANDOUTS = Path(sys.executable).with_name("handouts")


def _tree_rss(root: int) -> int:
    """Resident bytes of `root` and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, parent = int(entry), int(fields[1])
        children.setdefault(parent, []).append(pid)
        rss[pid] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def run_batch(roster: Path, out: Path, jobs: int) -> tuple[float, int]:
    """Seconds and peak tree memory of one `handouts batch` run into an empty folder."""
    start = time.perf_counter()
    process = subprocess.Popen([str(HANDOUTS), "batch", str(roster), "--out", str(out),
                                "--jobs", str(jobs)], stdout=subprocess.DEVNULL)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(process.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    code = process.wait()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    if code != 0:
        raise SystemExit(f"handouts batch exited with {code}")
    return seconds, peak


def card_sizes(out: Path) -> list[int]:
    return [p.stat().st_size for p in out.glob("*.pdf") if not p.name.endswith("-ark.pdf")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="200 persons, one run each")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    arguments = parser.parse_args()
    count = 200 if arguments.quick else 1000
    runs = 1 if arguments.quick else arguments.runs
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1795305600")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        roster = work / f"roster-{count}.csv"
        write_roster(roster, count)
        times, peaks = [], []
        for run in range(runs):
            seconds, peak = run_batch(roster, work / f"out-{run}", arguments.jobs)
            times.append(seconds)
            peaks.append(peak)
        sizes = card_sizes(work / "out-0")
        sheet = (work / "out-0" / f"roster-{count}-ark.pdf").stat().st_size
        median = statistics.median(times)
        rate = count / median
        plain_seconds = []
        for _ in range(runs):
            start = time.perf_counter()
            draw_plain_cards(roster, work / "plain")
            plain_seconds.append(time.perf_counter() - start)
        plain_rate = count / statistics.median(plain_seconds)
        plain_size = statistics.median(card_sizes(work / "plain"))
        print(f"machine: {os.cpu_count()} CPUs; handouts batch --jobs {arguments.jobs}, "
              f"A6 deck (cover + 3 routines, 8 pages) per person, {runs} run(s)")
        each = ", ".join(f"{t:.1f}" for t in times)
        print(f"{count:>6} persons: {median:6.1f} s median ({each}), {rate:6.0f} cards/s "
              "end to end")
        print(f"        bytes per personal card: median {statistics.median(sizes) / 1024:.1f} KB,"
              f" max {max(sizes) / 1024:.1f} KB; sheet file {sheet / 1e6:.1f} MB")
        print(f"        peak memory (whole process tree): {max(peaks) / 1e6:.0f} MB")
        print(f"plain ReportLab floor (1 process, same pages, no checks, no sheet): "
              f"{plain_rate:.0f} cards/s, {plain_size / 1024:.1f} KB per card; "
              f"handouts/floor = {rate / plain_rate:.2f}")
        if not arguments.quick:
            big = work / "roster-10000.csv"
            write_roster(big, 10_000)
            seconds, peak = run_batch(big, work / "out-big", arguments.jobs)
            print(f" 10000 persons: {seconds:6.1f} s, {10_000 / seconds:6.0f} cards/s, "
                  f"peak memory {peak / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
