"""Small HTTP servers for the tests, on 127.0.0.1 and a free port: real sockets, real HTTP.

``Route`` servers answer from a table of paths (or functions of the request) and record every
request with its time, so a test can measure a crawler's spacing or see what it fetched. A body
may be an iterable of chunks (a 50 MB page is streamed, never held), and ``delay`` slows every
answer (a site slow enough to be interrupted mid-crawl).

``raw_server`` hands each connection to a function that misbehaves below HTTP: resets, silence,
a drip of one byte at a time, garbage instead of TLS. Every loop in it is bounded in count and
time, and closing the server ends them all.
"""

from __future__ import annotations

import socket
import struct
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Iterable, Iterator
from urllib.parse import urlsplit

Answer = tuple[int, dict, "bytes | Iterable[bytes]"]


@dataclass
class Hit:
    at: float
    method: str
    path: str
    user_agent: str
    referer: str = ""

    @property
    def by_auditor(self) -> bool:
        """Asked under the auditor's own name, not by a variant fetch (spiders/variants.py)."""
        from auditor.identity import ROBOTS_TOKEN

        return ROBOTS_TOKEN in self.user_agent


@dataclass
class ByVisitor:
    """A route whose answer depends on who asks (the request's headers): a cloaking site's."""

    choose: Callable[[str, dict], Answer]


@dataclass
class RouteServer:
    routes: dict[str, Answer | Callable[[str], Answer]]
    fallback: Callable[[str], Answer] | None = None
    hits: list[Hit] = field(default_factory=list)
    url: str = ""
    port: int = 0

    def answer(self, path: str, headers: dict | None = None) -> Answer:
        route = self.routes.get(path) or self.routes.get(urlsplit(path).path)
        if isinstance(route, ByVisitor):
            return route.choose(path, headers or {})
        if route is None and self.fallback is not None:
            return self.fallback(path)
        if route is None:
            return 404, {"Content-Type": "text/html"}, b"<html><body>not found</body></html>"
        return route(path) if callable(route) else route

    def paths(self, method: str | None = None, own: bool = False) -> list[str]:
        """The paths asked for; ``own``: under the auditor's name only (no variant fetch)."""
        return [hit.path for hit in self.hits
                if (method is None or hit.method == method) and (hit.by_auditor or not own)]


def html(body: str, status: int = 200, **headers: str) -> Answer:
    return status, {"Content-Type": "text/html; charset=utf-8", **headers}, body.encode("utf-8")


def raw(body: bytes, content_type: str = "text/html", status: int = 200, **headers: str) -> Answer:
    """Bytes as they are, with the Content-Type given (no charset unless it says one)."""
    return status, {"Content-Type": content_type, **headers}, body


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        """A crawler that hangs up (it was killed, it read enough) is no error of the test."""
        import sys

        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


@contextmanager
def serve(routes: dict, fallback=None, delay: float = 0.0, tls: bool = False) -> Iterator[RouteServer]:
    """Serve the routes; ``tls`` serves HTTPS with a throwaway self-signed certificate."""
    state = RouteServer(routes=routes, fallback=fallback)
    stopping = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def _reply(self, with_body: bool):
            state.hits.append(Hit(time.monotonic(), self.command, self.path,
                                  self.headers.get("User-Agent", ""), self.headers.get("Referer", "")))
            if delay:
                stopping.wait(delay)
            status, headers, body = state.answer(self.path, dict(self.headers.items()))
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            if isinstance(body, bytes):
                if "Content-Length" not in headers:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if with_body:
                    self.wfile.write(body)
                return
            if "Content-Length" not in headers:  # a stream of unknown length ends with the connection
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            if with_body:
                try:
                    for chunk in body:
                        if stopping.is_set():
                            break
                        self.wfile.write(chunk)
                except OSError:  # the crawler hung up: it had read enough
                    self.close_connection = True

        def do_GET(self):
            self._reply(True)

        def do_HEAD(self):
            self._reply(False)

    server = _QuietServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    if tls:
        from auditor.demo.tls import self_signed_context

        server.socket = self_signed_context().wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    state.port = server.server_address[1]
    state.url = f"{'https' if tls else 'http'}://127.0.0.1:{state.port}"
    try:
        yield state
    finally:
        stopping.set()
        server.shutdown()
        server.server_close()


def chunks(total: int, piece: bytes = b"<p>" + b"x" * 1020 + b"</p>\n") -> Iterator[bytes]:
    """``total`` bytes of HTML paragraphs, 64 KB at a time."""
    block = piece * (65536 // len(piece))
    sent = 0
    while sent < total:
        part = block[: total - sent]
        sent += len(part)
        yield part


# -- below HTTP ------------------------------------------------------------------------------
@dataclass
class RawServer:
    url: str
    port: int
    connections: int = 0


@contextmanager
def raw_server(handle: Callable[[socket.socket, threading.Event], None]) -> Iterator[RawServer]:
    """A TCP server on 127.0.0.1 that gives each connection to ``handle(conn, stopping)``."""
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    listener.settimeout(0.2)
    port = listener.getsockname()[1]
    state = RawServer(url=f"http://127.0.0.1:{port}", port=port)
    stopping = threading.Event()

    def serve_one(conn: socket.socket) -> None:
        with conn:
            conn.settimeout(5)
            try:
                handle(conn, stopping)
            except OSError:
                pass

    def accept_loop() -> None:
        while not stopping.is_set():
            try:
                conn, _ = listener.accept()
            except (socket.timeout, OSError):
                continue
            state.connections += 1
            threading.Thread(target=serve_one, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=accept_loop, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        stopping.set()
        thread.join(2)
        listener.close()


def read_request(conn: socket.socket) -> bytes:
    """Read up to the end of the request's headers (bounded: 64 KB, the socket's timeout)."""
    data = b""
    while b"\r\n\r\n" not in data and len(data) < 65536:
        chunk = conn.recv(4096)
        if not chunk:
            break
        data += chunk
    return data


def reset(conn: socket.socket, stopping) -> None:
    """Read the request, then abort the connection: the client sees ECONNRESET."""
    read_request(conn)
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def hang_up(conn: socket.socket, stopping) -> None:
    """Read the request and close without a word: an empty reply."""
    read_request(conn)


def silent(conn: socket.socket, stopping) -> None:
    """Accept and never answer (up to 60 s, or until the test ends)."""
    read_request(conn)
    stopping.wait(60)


def drip(conn: socket.socket, stopping, every: float = 0.2, limit: float = 60) -> None:
    """Answer 200 at once, then the body one byte every ``every`` seconds, never ending."""
    read_request(conn)
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n<html>")
    until = time.monotonic() + limit
    while not stopping.is_set() and time.monotonic() < until:
        conn.sendall(b" ")
        stopping.wait(every)


def not_tls(conn: socket.socket, stopping) -> None:
    """Garbage where a TLS ServerHello belongs."""
    conn.recv(4096)
    conn.sendall(b"\x15\x03\x01\x00\x02\x02\x28" + b"garbage, not TLS\r\n" * 4)
