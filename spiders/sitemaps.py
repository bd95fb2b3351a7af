"""The sitemaps a site declares, read for the pages only they lead to (issue 12: doorway pages).

Spam pages planted on a hacked site (under an upload or cache folder, ``/?slot=...``) are linked
from no page; search engines find them through the sitemap the spammer added to. The spider
reads robots.txt's ``Sitemap:`` lines and ``/sitemap.xml``, follows sitemap indexes and
gzipped sitemaps (Scrapy's ``scrapy.utils.sitemap`` and ``scrapy.utils.gz``, as its
SitemapSpider does), and audits the in-scope pages found there like any page.

Bounded as hostile sites need: ``AUDITOR_MAX_SITEMAPS`` sitemap files per site, each read up
to ``SITEMAP_BYTES`` (decompressed too: a gzip bomb stops there), and ``URL_LIMIT`` entries
per file; the pages themselves count against the page budget.
"""

from __future__ import annotations

from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots

SITEMAP_BYTES = 10 * 1024 * 1024  # the sitemap protocol's own limit per file
URL_LIMIT = 50_000  # the protocol's limit of entries per file
GZIP_MAGIC = b"\x1f\x8b"

__all__ = ["SITEMAP_BYTES", "declared_sitemaps", "read_sitemap"]


def declared_sitemaps(robots_text: str, base_url: str) -> list[str]:
    """The ``Sitemap:`` lines of robots.txt, absolute."""
    return list(dict.fromkeys(sitemap_urls_from_robots(robots_text.encode("utf-8"), base_url=base_url)))


def sitemap_body(body: bytes) -> bytes:
    """The XML of a sitemap answer, gunzipped when it is gzip (a ``.xml.gz`` file); b"" when it
    is no sitemap or too large once decompressed."""
    if body[:2] == GZIP_MAGIC:
        try:
            body = gunzip(body, max_size=SITEMAP_BYTES)
        except (OSError, EOFError, ValueError):  # corrupt, or a bomb past the size
            return b""
    head = body[:2000].lower()
    return body if b"<urlset" in head or b"<sitemapindex" in head else b""


def read_sitemap(body: bytes, limit: int = URL_LIMIT) -> tuple[str, list[str]]:
    """("urlset" or "sitemapindex", its <loc> URLs, at most ``limit``); ("", []) for no sitemap."""
    xml = sitemap_body(body)
    if not xml:
        return "", []
    try:
        sitemap = Sitemap(xml)
        locs = []
        for entry in sitemap:
            if len(locs) >= limit:
                break
            if entry.get("loc"):
                locs.append(entry["loc"].strip())
    except Exception:  # noqa: BLE001 - lxml's errors on a hostile file: whatever was read counts
        return "", []
    return sitemap.type, locs
