"""Capture an already-running website into a fixture host folder (``hosts/NAME/...``).

Generic: it knows no CMS. It crawls the pages of one origin breadth-first, saves each HTML page
byte-for-byte except that absolute links to the capture origin become root-relative (so they
resolve on the fixture server), and saves the CSS, JS and images the pages use. Images larger than
``--max-image`` bytes are replaced by a tiny PNG at the same path, to keep the corpus small.

Pretty URLs map to files the fixture server serves: ``/a/b/`` -> ``a/b/index.html``,
``/a/b.html`` -> ``a/b.html``, ``/`` -> ``index.html``. Query strings are dropped, since the fixture
server ignores them; a page whose query string matters must be given a pretty URL by its CMS.

    python tests/cms/capture_site.py http://127.0.0.1:8088/ tests/cms/nukeviet/hosts/tanthanh \
        --skip /admin/ --extra /khong-co-trang-nay/
"""

from __future__ import annotations

import argparse
import re
import struct
import urllib.error
import urllib.request
import zlib
from collections import deque
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from lxml import html as lxml_html

ASSET_ATTRIBUTES = (("link", "href"), ("script", "src"), ("img", "src"))
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".ico", ".bmp")
FONT_SUFFIXES = (".woff", ".woff2", ".ttf", ".eot", ".otf")


def tiny_png() -> bytes:
    """A 4x3 grey PNG: stands in for any image too large to keep."""
    raw = b"".join(b"\x00" + b"\x90\x90\x90" * 4 for _ in range(3))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 4, 3, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def local_path(url_path: str) -> str:
    """The file under the host folder that the fixture server answers ``url_path`` from."""
    path = url_path.lstrip("/")
    if path == "" or path.endswith("/"):
        return path + "index.html"
    return path


class SiteCapture:
    def __init__(self, start: str, out: Path, skip: list[str], max_pages: int, max_image: int, aliases=(),
                 rewrite_text_assets: bool = False):
        parts = urlsplit(start)
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.aliases = list(aliases)  # other spellings of the origin the CMS prints (e.g. without the port)
        self.out, self.skip, self.max_pages, self.max_image = out, skip, max_pages, max_image
        self.rewrite_text_assets = rewrite_text_assets  # robots.txt, sitemaps, feeds: see --rewrite-text-assets
        self.pages_seen: set[str] = set()
        self.assets_seen: set[str] = set()
        self.saved_pages: list[tuple[str, int]] = []

    def same_origin_path(self, url: str) -> str | None:
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != self.origin:
            return None
        return parts.path or "/"

    def fetch(self, url: str) -> tuple[int, bytes, str]:
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                return response.status, response.read(), response.headers.get_content_type()
        except urllib.error.HTTPError as error:  # a CMS's 404 page is a page too
            return error.code, error.read(), error.headers.get_content_type()

    def rewrite_origin(self, body: bytes) -> bytes:
        """Absolute links to the capture origin become root-relative; nothing else changes."""
        escaped = self.origin.replace("/", "\\/")  # as JSON in inline scripts writes it
        body = body.replace(escaped.encode() + b"\\/", b"\\/").replace(escaped.encode(), b"\\/")
        body = body.replace(self.origin.encode() + b"/", b"/").replace(self.origin.encode(), b"/")
        for alias in self.aliases:  # only whole attribute values: the alias may prefix other hosts
            body = body.replace(f'"{alias}"'.encode(), b'"/"').replace(f'"{alias}/'.encode(), b'"/')
        return body

    def save(self, url_path: str, body: bytes) -> None:
        target = self.out / local_path(url_path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)

    def crawl(self, extra: list[str]) -> None:
        queue = deque([self.origin + "/"] + [self.origin + path for path in extra])
        while queue and len(self.saved_pages) < self.max_pages:
            url = queue.popleft()
            path = self.same_origin_path(url)
            if path is None or path in self.pages_seen or any(path.startswith(s) for s in self.skip):
                continue
            self.pages_seen.add(path)
            status, body, content_type = self.fetch(url)
            if content_type != "text/html":
                self.save_asset(url)
                continue
            self.save(path, self.rewrite_origin(body))
            self.saved_pages.append((path, status))
            document = lxml_html.fromstring(body, base_url=url)
            for tag, attribute in ASSET_ATTRIBUTES:
                for element in document.iter(tag):
                    if element.get(attribute) and (tag != "link" or "stylesheet" in (element.get("rel") or "") or "icon" in (element.get("rel") or "")):
                        self.save_asset(urljoin(url, element.get(attribute)))
            for anchor in document.iter("a"):
                href = anchor.get("href")
                if href and not href.startswith(("mailto:", "tel:", "javascript:", "#")):
                    queue.append(urljoin(url, href).split("#", 1)[0])

    def save_asset(self, url: str) -> None:
        path = self.same_origin_path(url)
        if path is None or path in self.assets_seen or path.lower().endswith(FONT_SUFFIXES):
            return
        self.assets_seen.add(path)
        status, body, content_type = self.fetch(url)
        if status != 200:
            return
        if self.rewrite_text_assets and (content_type.startswith("text/") or content_type.endswith("xml")):
            body = self.rewrite_origin(body)
        if path.lower().endswith(IMAGE_SUFFIXES) and len(body) > self.max_image:
            body = tiny_png()
        self.save(path, body)
        if path.endswith(".css"):
            for reference in CSS_URL.findall(body.decode("utf-8", "replace")):
                if not reference.startswith("data:"):
                    self.save_asset(urljoin(url, reference))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("start", help="the running site's home URL, e.g. http://127.0.0.1:8088/")
    parser.add_argument("out", type=Path, help="the host folder to write, e.g. tests/cms/x/hosts/NAME")
    parser.add_argument("--skip", action="append", default=[], help="path prefix not to crawl")
    parser.add_argument("--extra", action="append", default=[], help="path to capture besides those linked")
    parser.add_argument("--alias", action="append", default=[], help="another origin to rewrite, e.g. http://127.0.0.1")
    parser.add_argument("--rewrite-text-assets", action="store_true",
                        help="rewrite the origin in robots.txt, sitemaps and feeds too (the WordPress corpus does; "
                             "the NukeViet corpus keeps its RSS as served)")
    parser.add_argument("--max-pages", type=int, default=80)
    parser.add_argument("--max-image", type=int, default=2048, help="bytes; larger images become a tiny PNG")
    args = parser.parse_args()
    capture = SiteCapture(args.start, args.out, args.skip, args.max_pages, args.max_image, args.alias,
                          args.rewrite_text_assets)
    capture.crawl(args.extra)
    for path, status in capture.saved_pages:
        print(status, path)
    print(f"{len(capture.saved_pages)} pages, {len(capture.assets_seen)} assets")


if __name__ == "__main__":
    main()
