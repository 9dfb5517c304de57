"""Web edge (server): run the app with Uvicorn on this computer; Ctrl-C stops it."""
from __future__ import annotations

import logging
import threading
import webbrowser
from pathlib import Path

WIDE_OPEN = ("0.0.0.0", "::")


class _MethodPathStatus(logging.Filter):
    """The access log says method, path and status: no client address, no query string."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) == 5:
            _client, method, path, _version, status = args
            record.msg = "%s %s %s"
            record.args = (method, str(path).split("?", 1)[0], status)
        return True


def log_config() -> dict[str, object]:
    from uvicorn.config import LOGGING_CONFIG

    config: dict[str, object] = {**LOGGING_CONFIG}
    config["filters"] = {"plain": {"()": _MethodPathStatus}}
    handlers = dict(LOGGING_CONFIG["handlers"])  # type: ignore[arg-type]
    handlers["access"] = {**handlers["access"], "filters": ["plain"]}
    config["handlers"] = handlers
    formatters = dict(LOGGING_CONFIG["formatters"])  # type: ignore[arg-type]
    formatters["access"] = {"()": "uvicorn.logging.DefaultFormatter",
                            "fmt": "%(levelprefix)s %(message)s", "use_colors": None}
    config["formatters"] = formatters
    return config


def serve(project_dir: Path | None, host: str, port: int, open_browser: bool,
          echo: object = print) -> None:
    """Serve until Ctrl-C; print the address (and a warning when the whole network may use it)."""
    import uvicorn

    from .app import create_app

    app = create_app(project_dir, host, port)
    shown = "127.0.0.1" if host in WIDE_OPEN else host
    address = f"http://{shown}:{port}/"
    say = echo if callable(echo) else print
    say(f"Appen körs på {address}  (stoppa med Ctrl-C)")
    if host in WIDE_OPEN:
        say("VARNING: alla i samma nätverk kan nu öppna appen och se det som skrivs i den. "
            "Använd det bara i vårdboendets eget, skyddade nätverk.")
    if open_browser:
        threading.Timer(1.0, webbrowser.open, (address,)).start()
    uvicorn.run(app, host=host, port=port, log_config=log_config(),
                timeout_graceful_shutdown=2, server_header=False)
