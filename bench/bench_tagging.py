"""Benchmark of what tagging costs (issue 12, point 8): bytes and time, tagged against untagged.

Not a test: run it by hand and copy its figures into the README.

    .venv/bin/python bench/bench_tagging.py            # 300 persons, batch 3 times each way
    .venv/bin/python bench/bench_tagging.py --persons 1000 --runs 3

"Untagged" is the same code with the tagging switched off for the run (no marked
content, no structure tree, no PDF/A parts, as before the accessibility work):
`render.Marker` replaced by nothing, in this process and in the batch's workers.
It reports Anna's personal cards (A6 deck and A5 fridge card): bytes and the CPU to
render each (median of many), and a `handouts batch --jobs 2` of a generated roster:
CPU of the whole process tree and wall time (medians), bytes per person file and the
sheet file's size.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from roster_gen import write_roster

ROOT = Path(__file__).resolve().parent.parent
ANNA = ROOT / "content" / "people" / "anna-lind.yaml"
# Runs `handouts ARGS` with the tagging off when UNTAGGED is set (workers fork from it).
_LAUNCH = """
import os, sys
if os.environ.get("BENCH_UNTAGGED"):
    from generator.pdf import render
    render.Marker = lambda canvas: None
from generator.cli import main
sys.argv = ["handouts", *sys.argv[1:]]
main()
"""


def untag() -> None:
    from generator.pdf import render
    render.Marker = lambda canvas: None  # type: ignore[assignment,misc,return-value]


def card_figures(layout: str, repeats: int) -> tuple[int, float]:
    """Bytes of Anna's card and the median CPU milliseconds to make it."""
    from generator import api
    project = api.open_project()
    source = ANNA.read_bytes()
    card = api.make_card(source, project=project, layout=layout)  # warm the caches
    times = []
    for _ in range(repeats):
        start = time.process_time()
        api.make_card(source, project=project, layout=layout)
        times.append(time.process_time() - start)
    return len(card.pdf), statistics.median(times) * 1000


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def batch(roster: Path, out: Path, untagged: bool) -> tuple[float, float]:
    """Wall and CPU seconds (whole process tree) of one `handouts batch --jobs 2`."""
    env = dict(os.environ, BENCH_UNTAGGED="1" if untagged else "")
    before, start = _children_cpu(), time.perf_counter()
    subprocess.run([sys.executable, "-c", _LAUNCH, "batch", str(roster), "--out", str(out),
                    "--jobs", "2"], env=env, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - start, _children_cpu() - before


def person_bytes(out: Path) -> float:
    return statistics.median(p.stat().st_size for p in out.glob("*.pdf")
                             if not p.name.endswith("-ark.pdf"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--persons", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=40, help="renders per card figure")
    parser.add_argument("--cards-only", action="store_true")
    parser.add_argument("--untagged", action="store_true", help="(internal) cards untagged")
    arguments = parser.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1795305600")
    if arguments.untagged:
        untag()
        for layout in ("card-a6", "fridge-a5"):
            size, ms = card_figures(layout, arguments.repeats)
            print(f"{layout} {size} {ms:.2f}")
        return
    print(f"machine: {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}")
    untagged = subprocess.run([sys.executable, __file__, "--untagged", "--repeats",
                               str(arguments.repeats)], capture_output=True, text=True,
                              check=True).stdout.split()
    for index, layout in enumerate(("card-a6", "fridge-a5")):
        size, ms = card_figures(layout, arguments.repeats)
        plain_size, plain_ms = int(untagged[3 * index + 1]), float(untagged[3 * index + 2])
        print(f"Anna, {layout}: {plain_size / 1000:.1f} KB untagged, {size / 1000:.1f} KB "
              f"tagged ({size / plain_size - 1:+.0%}); CPU {plain_ms:.1f} ms untagged, "
              f"{ms:.1f} ms tagged ({ms / plain_ms - 1:+.0%}), medians of {arguments.repeats}")
    if arguments.cards_only:
        return
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        roster = work / "roster.csv"
        write_roster(roster, arguments.persons)
        figures: dict[bool, list[tuple[float, float]]] = {False: [], True: []}
        for run in range(arguments.runs):  # interleaved, so both see the same load
            for untagged_run in (True, False):
                out = work / f"out-{untagged_run}-{run}"
                figures[untagged_run].append(batch(roster, out, untagged_run))
        for untagged_run, label in ((True, "untagged"), (False, "tagged")):
            walls = [w for w, _ in figures[untagged_run]]
            cpus = [c for _, c in figures[untagged_run]]
            out = work / f"out-{untagged_run}-0"
            sheet = next(out.glob("*-ark.pdf")).stat().st_size
            print(f"batch {arguments.persons} persons, {label}: CPU {statistics.median(cpus):.1f}"
                  f" s ({', '.join(f'{c:.1f}' for c in cpus)}), wall "
                  f"{statistics.median(walls):.1f} s; person file {person_bytes(out) / 1024:.1f}"
                  f" KiB; sheet {sheet / 1e6:.2f} MB")
        ratio = statistics.median(c for _, c in figures[False]) / statistics.median(
            c for _, c in figures[True])
        # each tagged run against the untagged run just before it: the machine's drift
        # between runs falls out of the pair
        pairs = [t / u for (_, u), (_, t) in zip(figures[True], figures[False], strict=True)]
        print(f"tagged / untagged batch CPU: {ratio - 1:+.1%} (medians); run by run "
              f"{statistics.median(pairs) - 1:+.1%} (median of "
              f"{', '.join(f'{p - 1:+.0%}' for p in pairs)})")


if __name__ == "__main__":
    main()
