"""Small HTTP servers for the tests, on 127.0.0.1 and a free port: real sockets, real HTTP.

``Route`` servers answer from a table of paths (or functions of the request) and record every
request with its time, so a test can measure a crawler's spacing or see what it fetched.
"""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Iterator
from urllib.parse import urlsplit

Answer = tuple[int, dict, bytes]


@dataclass
class Hit:
    at: float
    method: str
    path: str
    user_agent: str


@dataclass
class RouteServer:
    routes: dict[str, Answer | Callable[[str], Answer]]
    fallback: Callable[[str], Answer] | None = None
    hits: list[Hit] = field(default_factory=list)
    url: str = ""

    def answer(self, path: str) -> Answer:
        route = self.routes.get(path) or self.routes.get(urlsplit(path).path)
        if route is None and self.fallback is not None:
            return self.fallback(path)
        if route is None:
            return 404, {"Content-Type": "text/html"}, b"<html><body>not found</body></html>"
        return route(path) if callable(route) else route

    def paths(self, method: str | None = None) -> list[str]:
        return [hit.path for hit in self.hits if method is None or hit.method == method]


def html(body: str, status: int = 200, **headers: str) -> Answer:
    return status, {"Content-Type": "text/html; charset=utf-8", **headers}, body.encode("utf-8")


@contextmanager
def serve(routes: dict, fallback=None) -> Iterator[RouteServer]:
    state = RouteServer(routes=routes, fallback=fallback)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def _reply(self, with_body: bool):
            state.hits.append(Hit(time.monotonic(), self.command, self.path,
                                  self.headers.get("User-Agent", "")))
            status, headers, body = state.answer(self.path)
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if with_body:
                self.wfile.write(body)

        def do_GET(self):
            self._reply(True)

        def do_HEAD(self):
            self._reply(False)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
