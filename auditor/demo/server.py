"""Serve the demo province (or any fixture province) on 127.0.0.1, one port per host folder.

A fixture province is a folder::

    sites.toml         the registry, with ``{host:NAME}`` where the URL of host NAME goes
    hosts/NAME/...     the files of one web host; ``index.html`` answers for a folder

A host folder holding an empty file ``_tls`` is served over HTTPS with a self-signed certificate
(the crawler, like a browser told to, accepts it). ``{closed}`` in sites.toml is the base URL of
a port where nothing listens: an unreachable site.

HTML files are templates for dates only: ``{{date:-3:FORMAT}}`` is replaced by the date three
days before today, written the way Vietnamese portals write it, so that a fixture stays "fresh"
or "stale" whatever day the demo runs. FORMAT is one of the keys of ``DATE_FORMATS``.
"""

from __future__ import annotations

import re
import socket
import threading
from auditor import toml
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from io import BytesIO
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

from auditor.demo.tls import self_signed_context

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")

DATE_FORMATS = {
    # 7:57, Chủ Nhật, 8-5-2022  (NukeViet-like)
    "nukeviet": lambda d: f"{d.hour}:{d.minute:02d}, {WEEKDAYS[d.weekday()]}, {d.day}-{d.month}-{d.year}",
    # (07:56 | 10/03/2016)  (Liferay-like)
    "liferay": lambda d: f"({d:%H:%M} | {d:%d/%m/%Y})",
    # Cập nhật ngày : 11-04-2017  (older ASP portals)
    "updated": lambda d: f"Cập nhật ngày : {d:%d-%m-%Y}",
    # Thứ bảy, ngày 27 tháng 02 năm 2021  (masthead date)
    "long": lambda d: f"{WEEKDAYS[d.weekday()].capitalize()}, ngày {d:%d} tháng {d:%m} năm {d.year}",
    # 23/03/2023
    "short": lambda d: f"{d:%d/%m/%Y}",
    # 2023-03-23 (machine-readable, for <time datetime>)
    "iso": lambda d: f"{d:%Y-%m-%d}",
}

_DATE_PLACEHOLDER = re.compile(r"\{\{date:(-?\d+):(\w+)\}\}")
_HOST_PLACEHOLDER = re.compile(r"\{host:([\w-]+)\}")
HIDDEN_FILES = ("_tls",)  # markers for the server, never served


def render_dates(text: str, today: datetime) -> str:
    def replace(match: re.Match[str]) -> str:
        day = today + timedelta(days=int(match.group(1)))
        return DATE_FORMATS[match.group(2)](day)

    return _DATE_PLACEHOLDER.sub(replace, text)


class _FixtureHandler(SimpleHTTPRequestHandler):
    """Static files, with date templates rendered and no directory listings."""

    today: datetime = datetime.now()

    def log_message(self, format: str, *args: object) -> None:  # quiet: tests read no logs
        pass

    def list_directory(self, path):  # a folder without index.html is a 404, as on a CMS
        self.send_error(404)
        return None

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.name in HIDDEN_FILES:
            self.send_error(404)
            return None
        if not path.exists() and path.with_suffix(".html").is_file():
            path = path.with_suffix(".html")  # pretty URLs: /gioi-thieu -> gioi-thieu.html
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the stock 301 to the slash form
            path = path / "index.html"
        if path.suffix not in (".html", ".htm") or not path.is_file():
            return super().send_head()
        body = render_dates(path.read_text(encoding="utf-8"), self.today).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()

        return BytesIO(body)


@dataclass
class ServedProvince:
    root: Path
    hosts: dict[str, str] = field(default_factory=dict)  # host name -> base URL
    registry_text: str = ""

    def write_registry(self, path: Path) -> Path:
        path.write_text(self.registry_text, encoding="utf-8")
        return path

    @property
    def resolve(self) -> dict[str, str]:
        """The province's name pins (``resolve.toml`` beside sites.toml: public name -> address):
        what DNS would answer for the sites' public domains (their IPv6, TEC-006), so that the
        demo never asks the network."""
        path = self.root / "resolve.toml"
        return toml.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}

    def resolve_args(self) -> list[str]:
        """The pins as ``auditor audit`` options."""
        return [arg for name, address in self.resolve.items() for arg in ("--resolve", f"{name}={address}")]


@contextmanager
def serve_province(root: Path, today: datetime | None = None) -> Iterator[ServedProvince]:
    """Start one server per host folder on a free port; stop them all on exit."""
    handler_today = today or datetime.now()
    servers: list[ThreadingHTTPServer] = []
    served = ServedProvince(root=root)
    tls = None
    try:
        for host_dir in sorted(p for p in (root / "hosts").iterdir() if p.is_dir()):
            handler = type(
                "Handler",
                (_FixtureHandler,),
                {"today": handler_today, "__init__": _bind_directory(host_dir)},
            )
            server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
            server.daemon_threads = True
            scheme = "http"
            if (host_dir / "_tls").exists():
                tls = tls or self_signed_context()
                server.socket = tls.wrap_socket(server.socket, server_side=True)
                scheme = "https"
            threading.Thread(target=server.serve_forever, daemon=True).start()
            servers.append(server)
            served.hosts[host_dir.name] = f"{scheme}://127.0.0.1:{server.server_address[1]}"
        template = (root / "sites.toml").read_text(encoding="utf-8")
        template = template.replace("{closed}", f"http://127.0.0.1:{closed_port()}")
        served.registry_text = _HOST_PLACEHOLDER.sub(lambda m: served.hosts[m.group(1)], template)
        yield served
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()


def closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _bind_directory(directory: Path):
    def __init__(self, *args, **kwargs):
        SimpleHTTPRequestHandler.__init__(self, *args, directory=str(directory), **kwargs)

    return __init__


DEMO_ROOT = Path(__file__).parent / "province"
