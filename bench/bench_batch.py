"""Benchmark `handouts batch`: persons and cards per second, bytes per file, peak memory.

Not a test: run it by hand and copy its figures into the README.

    .venv/bin/python bench/bench_batch.py            # 1,000, 10,000 and 100,000 persons
    .venv/bin/python bench/bench_batch.py --skip-100k  # 1,000 and 10,000, ~5 minutes
    .venv/bin/python bench/bench_batch.py --quick    # 200 persons, one run each

For 1,000 persons it runs the real command (`handouts batch --jobs 2`, sheet file and
report included) several times for the A6 deck (cover + one card per routine) and for
the one-page A5 fridge card, and reports medians; it times a plain ReportLab script
that draws the same A6 pages as the floor of this stack, in this process and spread
over as many processes as the batch has workers; it times Typst making the same decks
and sheet (`bench/typst_peer.py`, when `pip install -e '.[bench]'` has installed
Typst's Python binding): the peer the speed target was set against; and it runs 10,000 persons
(A6) once, and 100,000 unless --skip-100k or --quick, for peak memory and the rate at
scale. It also times start-up (`--help`, `list`, `build` of the default set: wall and
CPU, medians of 3) and a re-run of each roster into the folder it filled. Peak memory
is the largest sum of resident memory over the batch's whole process tree, sampled
every 20 ms in one more run at 1,000 (and in the runs at scale): sampling takes CPU the
timed runs should not lose.
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
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).parent))
from peers import children_cpu, floor_in_processes, typst_available, typst_run
from plain_reportlab import draw_plain_cards
from roster_gen import write_roster

HANDOUTS = Path(sys.executable).with_name("handouts")


class Peak(NamedTuple):
    """Peak memory of a process tree. `rss` adds up each process's resident bytes, so a
    page the forked workers still share with their parent counts once per process;
    `pss` (proportional set size) counts a shared page once, split among its sharers:
    what the tree really takes from the machine."""

    rss: int
    pss: int

    def __str__(self) -> str:
        return f"{self.rss / 1e6:.0f} MB resident, {self.pss / 1e6:.0f} MB proportional"


def _pss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _tree_rss(root: int) -> Peak:
    """Resident and proportional bytes of `root` and all its descendants (Linux /proc)."""
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
    total, proportional, stack = 0, 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        proportional += _pss(pid)
        stack.extend(children.get(pid, []))
    return Peak(total, proportional)


def run_batch(roster: Path, out: Path, jobs: int, layout: str = "card-a6",
              sampled: bool = True) -> tuple[float, Peak]:
    """Seconds and (when `sampled`) peak tree memory of one `handouts batch` into `out`.

    Sampling reads /proc for every process 50 times a second: some 1.5 ms of CPU each
    time, which on two cores slows the batch it watches. Timed runs are not sampled.
    """
    start = time.perf_counter()
    process = subprocess.Popen([str(HANDOUTS), "batch", str(roster), "--out", str(out),
                                "--jobs", str(jobs), "--layout", layout],
                               stdout=subprocess.DEVNULL)
    peak = Peak(0, 0)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            now = _tree_rss(process.pid)
            peak = Peak(max(peak.rss, now.rss), max(peak.pss, now.pss))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    if sampled:
        sampler.start()
    code = process.wait()
    seconds = time.perf_counter() - start
    done.set()
    if sampled:
        sampler.join()
    if code != 0:
        raise SystemExit(f"handouts batch exited with {code}")
    return seconds, peak


def command_times(args: list[str], runs: int, cwd: Path) -> tuple[float, float]:
    """Median wall and CPU seconds (user + sys of the process) of `handouts ARGS`."""
    walls, cpus = [], []
    for _ in range(runs):
        before, start = children_cpu(), time.perf_counter()
        subprocess.run([str(HANDOUTS), *args], cwd=cwd, stdout=subprocess.DEVNULL, check=True)
        walls.append(time.perf_counter() - start)
        cpus.append(children_cpu() - before)
    return statistics.median(walls), statistics.median(cpus)


def start_up(work: Path, runs: int) -> None:
    """How long the commands a person types first take, start-up included."""
    for label, args, target in (("handouts --help", ["--help"], 0.25),
                                ("handouts list", ["list"], 0.25),
                                ("handouts build (default set)",
                                 ["build", "--out", str(work / "build")], 1.0)):
        wall, cpu = command_times(args, runs, work)
        print(f"{label}: {wall:.2f} s wall, {cpu:.2f} s CPU (median of {runs}; "
              f"target < {target} s wall)")


def card_sizes(out: Path) -> list[int]:
    return [p.stat().st_size for p in out.glob("*.pdf") if not p.name.endswith("-ark.pdf")]


@dataclass
class Figures:
    times: list[float]
    peak: Peak
    file_bytes: float  # median bytes per person file
    sheet_bytes: int
    rerun: float  # median seconds of a re-run with nothing changed

    @property
    def seconds(self) -> float:
        return statistics.median(self.times)


def measure(roster: Path, work: Path, layout: str, runs: int, jobs: int) -> Figures:
    times = []
    for run in range(runs):
        out = work / f"out-{layout}-{run}"
        times.append(run_batch(roster, out, jobs, layout, sampled=False)[0])
    sheet = next(out.glob("*-ark.pdf")).stat().st_size
    reruns = [run_batch(roster, work / f"out-{layout}-{run}", jobs, layout, sampled=False)[0]
              for run in range(runs)]  # the same roster into the folder it filled
    _, peak = run_batch(roster, work / f"out-{layout}-sampled", jobs, layout)  # one more
    return Figures(times, peak, statistics.median(card_sizes(out)), sheet,
                   statistics.median(reruns))


def report(label: str, count: int, cards: int, figures: Figures) -> float:
    """Print one layout's figures; return its cards per second."""
    rate = count / figures.seconds
    each = ", ".join(f"{t:.1f}" for t in figures.times)
    print(f"{label}, {count} persons: {figures.seconds:.1f} s median ({each})")
    print(f"    {rate:.0f} persons/s, {rate * cards / count:.0f} cards/s end to end "
          f"({cards / count:.0f} card(s) per person)")
    print(f"    bytes per person file: median {figures.file_bytes / 1024:.1f} KB; "
          f"sheet file {figures.sheet_bytes / 1e6:.1f} MB")
    print(f"    peak memory (whole process tree): {figures.peak}; "
          f"re-run with nothing changed: {figures.rerun:.1f} s (target < 2 s at 1,000)")
    return rate * cards / count


def peer(roster: Path, work: Path, runs: int, cards: int, a6_rate: float) -> None:
    """Typst making the same decks and sheet (bench/typst_peer.py), against handouts."""
    timed = [typst_run(roster, work / f"typst-{run}") for run in range(runs)]
    wall = statistics.median(t[0] for t in timed)
    cpu = statistics.median(t[1] for t in timed)
    sizes = card_sizes(work / "typst-0")
    sheet = (work / "typst-0" / "sheet-ark.pdf").stat().st_size
    print(f"Typst (one compiler, one PDF per person, then the sheet): {wall:.1f} s median "
          f"({', '.join(f'{t[0]:.1f}' for t in timed)}), {cpu:.1f} s CPU = "
          f"{cards / wall:.0f} cards/s; {statistics.median(sizes) / 1024:.1f} KB per person "
          f"file, sheet {sheet / 1e6:.1f} MB; handouts / Typst = {a6_rate / (cards / wall):.2f} "
          f"(target: about 2)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="200 persons, one run each")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--skip-100k", action="store_true",
                        help="leave out the 100,000-person run (about 15 minutes, 2 GB)")
    arguments = parser.parse_args()
    count = 200 if arguments.quick else 1000
    runs = 1 if arguments.quick else arguments.runs
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1795305600")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        roster = work / f"roster-{count}.csv"
        routines = write_roster(roster, count)
        print(f"machine: {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}; handouts "
              f"batch --jobs {arguments.jobs}, {runs} run(s) each")
        start_up(work, max(runs, 3))
        a6 = measure(roster, work, "card-a6", runs, arguments.jobs)
        a6_rate = report("A6 deck (card-a6)", count, count + routines, a6)
        fridge = measure(roster, work, "fridge-a5", runs, arguments.jobs)
        report("A5 fridge card (fridge-a5)", count, count, fridge)
        plain_seconds = []
        for _ in range(runs):
            start = time.perf_counter()
            draw_plain_cards(roster, work / "plain")
            plain_seconds.append(time.perf_counter() - start)
        plain_rate = (count + routines) / statistics.median(plain_seconds)
        plain_size = statistics.median(card_sizes(work / "plain"))
        best = plain_rate * arguments.jobs  # the floor, were it spread over as many processes
        print(f"plain ReportLab floor (A6 pages, no checks, no sheet): {plain_rate:.0f} "
              f"cards/s in 1 process, {plain_size / 1024:.1f} KB per person file; "
              f"x {arguments.jobs} processes = {best:.0f} cards/s at best; "
              f"handouts / that = {a6_rate / best:.2f}")
        spread = statistics.median(floor_in_processes(roster, work, arguments.jobs, run)
                                   for run in range(runs))
        spread_rate = (count + routines) / spread
        print(f"    the floor in {arguments.jobs} processes side by side, start-up included: "
              f"{spread:.1f} s = {spread_rate:.0f} cards/s; handouts / that = "
              f"{a6_rate / spread_rate:.2f}")
        if typst_available():
            peer(roster, work, runs, count + routines, a6_rate)
        else:
            print("Typst (the peer the speed target was set against): not installed; "
                  "pip install -e '.[bench]'")
        if not arguments.quick:  # once each, for the rate at scale and peak memory
            for persons in (10_000,) if arguments.skip_100k else (10_000, 100_000):
                big = work / f"roster-{persons}.csv"
                write_roster(big, persons)
                seconds, peak = run_batch(big, work / f"out-{persons}", arguments.jobs)
                print(f"A6 deck, {persons} persons: {seconds:.1f} s, "
                      f"{persons / seconds:.0f} persons/s, peak memory {peak} "
                      f"(1,000 persons: {a6.peak})")

if __name__ == "__main__":
    main()
