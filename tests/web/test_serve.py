"""`handouts serve`: prints its address, warns on 0.0.0.0, stops cleanly on Ctrl-C."""
from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from .conftest import free_port

HANDOUTS = Path(sys.executable).parent / "handouts"


def run_until_ctrl_c(*arguments: str) -> tuple[str, str, int]:
    port = free_port()
    process = subprocess.Popen([str(HANDOUTS), "serve", "--port", str(port), *arguments],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert time.monotonic() < deadline, "the server did not answer"
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/lista?namn=Hemlig", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        assert response.status_code == 200
        assert "Kort för en lista" in response.text
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    return out, err, process.returncode


def test_serve_prints_the_address_and_stops_on_ctrl_c() -> None:
    out, err, code = run_until_ctrl_c()
    assert "http://127.0.0.1:" in out
    assert "VARNING" not in out
    assert code == 0
    assert "Traceback" not in err
    log = out + err
    assert "INFO:     GET /lista 200" in log  # method, path and status only
    assert "Hemlig" not in log and "HTTP/1.1" not in log


def test_serve_on_every_address_warns() -> None:
    out, err, code = run_until_ctrl_c("--host", "0.0.0.0")
    assert "VARNING: alla i samma nätverk" in out
    assert code == 0 and "Traceback" not in err
