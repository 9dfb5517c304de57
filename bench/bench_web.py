"""Benchmark of the web app (not a test): preview latency, a 300-row list, 20 clients at once.

Starts `handouts serve`'s app with Uvicorn on a free port of 127.0.0.1 and talks HTTP to
it as a browser would (same-origin form posts). Every loop is bounded.

    .venv/bin/python bench/bench_web.py            # about a minute
    .venv/bin/python bench/bench_web.py --quick    # shorter: 10 s of 20 clients
"""
from __future__ import annotations

import argparse
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from roster_gen import write_roster

CARD = {"name": "Anna Lind", "call_name": "Anna", "carer": "Erik, hennes make",
        "routines": ["ogonkontakt", "maltid", "musik"], "avoid": "Höger axel",
        "music": "Evert Taube", "contacts": "1", "contact-0-role": "Make",
        "contact-0-name": "Erik Lind", "contact-0-phone": "070-174 06 50", "layout": "card-a6"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start() -> tuple[str, object, threading.Thread]:
    import uvicorn

    from generator.web.app import create_app

    port = free_port()
    config = uvicorn.Config(create_app(None, "127.0.0.1", port), host="127.0.0.1", port=port,
                            log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(600):
        if server.started:
            break
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", server, thread


def preview_latency(url: str, count: int) -> list[float]:
    times = []
    with httpx.Client(base_url=url, timeout=60) as client:
        client.post("/kort", data={**CARD, "action": "preview"})  # warm the workers
        for _ in range(count):
            began = time.perf_counter()
            response = client.post("/kort", data={**CARD, "action": "preview"})
            times.append(time.perf_counter() - began)
            assert response.status_code == 200 and "data:image/png" in response.text
    return times


def list_to_zip(url: str, rows: int) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "boende.csv"
        write_roster(path, rows)
        data = path.read_bytes()
    with httpx.Client(base_url=url, timeout=300) as client:
        began = time.perf_counter()
        response = client.post("/lista", files={"lista": ("boende.csv", data)},
                               data={"layout": "card-a6"})
        elapsed = time.perf_counter() - began
    assert response.status_code == 200, response.status_code
    return elapsed, len(response.content)


def many_clients(url: str, clients: int, seconds: float) -> tuple[list[float], int, int]:
    times: list[float] = []
    failures = [0]
    deadline = time.monotonic() + seconds
    lock = threading.Lock()

    def client_loop() -> None:
        with httpx.Client(base_url=url, timeout=60) as client:
            for _ in range(10_000):  # bounded
                if time.monotonic() >= deadline:
                    return
                began = time.perf_counter()
                try:
                    response = client.post("/kort", data={**CARD, "action": "pdf"})
                    ok = response.status_code == 200 and response.content.startswith(b"%PDF")
                except httpx.HTTPError:
                    ok = False
                with lock:
                    times.append(time.perf_counter() - began)
                    failures[0] += 0 if ok else 1

    threads = [threading.Thread(target=client_loop) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return times, failures[0], len(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    quick = parser.parse_args().quick
    url, server, thread = start()
    try:
        latency = preview_latency(url, 10 if quick else 30)
        print(f"preview (A6 deck, 3 routines, page pictures): median "
              f"{statistics.median(latency) * 1000:.0f} ms, max {max(latency) * 1000:.0f} ms "
              f"over {len(latency)} requests (target: median <= 300 ms)")
        runs = [list_to_zip(url, 300) for _ in range(1 if quick else 3)]
        zip_seconds = sorted(elapsed for elapsed, _ in runs)
        print(f"300-row list to its ZIP page: median {statistics.median(zip_seconds):.1f} s "
              f"({', '.join(f'{s:.2f}' for s in zip_seconds)}), {runs[0][1] / 1e6:.1f} MB answer "
              "(target: <= 3 s)")
        seconds = 10 if quick else 30
        times, failed, count = many_clients(url, 20, seconds)
        print(f"20 clients making A6 decks for {seconds} s: {count} cards, {failed} errors, "
              f"median {statistics.median(times) * 1000:.0f} ms, "
              f"p90 {sorted(times)[int(len(times) * 0.9)] * 1000:.0f} ms "
              f"(target: no error, median < 1 s)")
    finally:
        server.should_exit = True  # type: ignore[attr-defined]
        thread.join(10)


if __name__ == "__main__":
    main()
