"""Web edge (guard): refuse what a care-home computer must not answer, before any work.

- a `Host` that is not the address served (a web page elsewhere reaching the app
  through DNS rebinding): 400;
- a POST from another site (a page elsewhere posting a form here): 403, judged by
  `Sec-Fetch-Site` and `Origin`, which browsers set and pages cannot forge;
- a body over the limit: 413, by its declared length and again while it arrives.
The messages are in the reader's language; nothing about the request is logged.
"""
from __future__ import annotations

import ipaddress
import socket
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

from .i18n import N_, translations

MAX_BODY = 10 * 1024 * 1024
TOO_LARGE = N_("The file is larger than 10 MB. Split the list into smaller files.")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]


class BodyTooLarge(Exception):
    """The request body grew past the limit while it arrived."""


def allowed_hosts(host: str, port: int) -> set[str]:
    """The Host header values that name this server (with and without the port)."""
    names = {host, "localhost", "127.0.0.1", "[::1]"}
    if host in ("0.0.0.0", "::"):
        hostname = socket.gethostname()
        names |= {hostname, f"{hostname}.local", socket.getfqdn()}
    found = set()
    for name in names:
        found.add(f"{name}:{port}".lower())
        if port == 80:
            found.add(name.lower())
    return found


def _is_ip_literal(host: str) -> bool:
    name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    try:
        ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        return False
    return True


class Guard:
    """ASGI middleware: the Host, cross-site and body-size checks of this module."""

    def __init__(self, app: App, hosts: set[str], any_ip: bool = False,
                 max_body: int = MAX_BODY, language: str = "sv") -> None:
        self.app, self.hosts, self.any_ip = app, hosts, any_ip
        self.max_body, self.language = max_body, language

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1")
                   for k, v in scope.get("headers", [])}
        host = headers.get("host", "").lower()
        if host not in self.hosts and not (self.any_ip and _is_ip_literal(host)):
            await self._refuse(send, 400, N_("This address is not the one the app serves. "
                                             "Open the address the app printed when it "
                                             "started."))
            return
        if scope["method"] not in ("GET", "HEAD") and self._cross_site(headers, host):
            await self._refuse(send, 403, N_("The form was sent from another web site, so "
                                             "it was refused. Open the app's own page and "
                                             "try again."))
            return
        length = headers.get("content-length", "")
        if length and (not length.isdigit() or int(length) > self.max_body):
            await self._refuse(send, 413, TOO_LARGE)
            return
        await self.app(scope, self._counting(receive), send)

    def _counting(self, receive: Receive) -> Receive:
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_body:
                raise BodyTooLarge
            return message

        return counted

    @staticmethod
    def _cross_site(headers: dict[str, str], host: str) -> bool:
        site = headers.get("sec-fetch-site")
        if site is not None and site not in ("same-origin", "none"):
            return True
        origin = headers.get("origin")
        if origin is None:
            return False  # not a browser's cross-site post: browsers send Origin on POST
        return origin == "null" or urlsplit(origin).netloc.lower() != host

    async def _refuse(self, send: Send, status: int, msgid: str) -> None:
        text = translations(self.language).gettext(msgid)
        body = _plain_page(text, self.language)
        await send({"type": "http.response.start", "status": status, "headers": [
            (b"content-type", b"text/html; charset=utf-8"),
            (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


def _plain_page(text: str, language: str) -> bytes:
    from html import escape

    return (f'<!doctype html><html lang="{language}"><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{escape(text[:60])}</title>'
            f'<body style="font: 20px/1.5 sans-serif; max-width: 40em; margin: 2em auto; '
            f'padding: 0 1em; color: #111; background: #fff">'
            f'<h1 style="font-size: 1.4em">{escape(text)}</h1></body></html>').encode()
