"""The WARC recorder: a downloader middleware nearest the downloader (see DOWNLOADER_MIDDLEWARES
in auditor/crawl/settings.py), so it sees each answer before anything of ours or Scrapy's
changes it: before HttpCompressionMiddleware decompresses the body, before the charset is
decoded and before SizeCapMiddleware cuts an oversized body to the cap.

It archives the answers the audit judges (requests of role ``page``, which includes every
redirect hop, ``robots``, the scheme ``probe``, the ``sitemap`` files, and the hacked-site
checks' ``variant`` fetches and site ``script`` files: each record's ``WARC-Auditor-Role`` and
request headers say which user agent and Referer it was fetched as), never the attachments'
HEAD checks. A site's file is open while the site is crawled. Where each answer went is left in the request's meta (``ARCHIVED_KEY``) for the spider,
which copies it into the page's facts. What is exact and what is rebuilt: docs/evidence.md.

A failed write (a full disk) stops the audit the way Ctrl-C does: what was stored is kept and
``auditor audit --resume`` continues it.
"""

from __future__ import annotations

import logging
from pathlib import Path
from dataclasses import asdict
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import deferred_from_coro

from auditor.archive.warcfile import SiteWarc, archive_root, site_file
from auditor.crawl.state import SITE_FINISHED, crawl_state
from auditor.store.database import Store
from auditor.store.queries import last_archived_offset

log = logging.getLogger(__name__)

ARCHIVED_KEY = "archived"  # request meta: the Archived fields of the answer, as a dict
ARCHIVED_ROLES = ("page", "robots", "probe", "sitemap", "variant", "script")


class WarcRecorder:
    state = crawl_state()

    def __init__(self, crawler):
        if not crawler.settings.getbool("AUDITOR_ARCHIVE"):
            raise NotConfigured("AUDITOR_ARCHIVE is off")
        self.crawler = crawler
        settings = crawler.settings
        # A job's crawl (auditor/jobs/) archives into its audit's folder, not beside its shard.
        self.root = Path(settings.get("AUDITOR_ARCHIVE_ROOT") or archive_root(settings.get("AUDITOR_DB")))
        self.audit_override = settings.getint("AUDITOR_ARCHIVE_AUDIT", 0)
        self.files: dict[str, SiteWarc] = {}  # the sites being crawled: their files, open
        self.failed = False
        crawler.signals.connect(self.site_finished, signal=SITE_FINISHED)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_response(self, request, response, spider=None):
        meta = request.meta
        if self.failed or meta.get("role") not in ARCHIVED_ROLES or self.state is None:
            return response
        try:
            archived = self._site_file(meta["site"]).write(
                request_line(request), request_headers(request), response, meta["role"],
                truncated="download_stopped" in response.flags)
        except OSError as error:
            self._stop(error)
            return response
        meta[ARCHIVED_KEY] = asdict(archived)
        return response

    def _site_file(self, site_key: str) -> SiteWarc:
        warc = self.files.get(site_key)
        if warc is None:
            relative = site_file(self.audit_override or self.state.audit_id, site_key)
            warc = self.files[site_key] = SiteWarc(self.root, relative, self._last_stored(relative))
        return warc

    def _last_stored(self, relative: str) -> int | None:
        store = Store(self.crawler.settings.get("AUDITOR_DB"))
        try:
            return last_archived_offset(store, self.state.audit_id, relative)
        finally:
            store.close()

    def _stop(self, error: OSError) -> None:
        """The archive cannot be written: the audit stops, resumable, rather than go on unproven."""
        self.failed = True
        log.error("auditor: the web archive cannot be written (%s); the audit stops here and "
                  "can be resumed with --resume once there is room", error)
        deferred_from_coro(self.crawler.engine.close_spider_async(reason="archive-failed"))

    def site_finished(self, site_id: str, crawl=None) -> None:
        """No more answers of the site will come: its file is closed, not kept open (a file
        handle and its buffer) to the crawl's end."""
        warc = self.files.pop(site_id, None)
        if warc is not None:
            warc.close()

    def spider_closed(self, spider=None, reason=None):
        for warc in self.files.values():
            warc.close()
        self.files.clear()


def request_line(request) -> tuple[str, str, str]:
    parts = urlsplit(request.url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return request.method, target, "HTTP/1.1"


def request_headers(request) -> list[tuple[str, str]]:
    """The headers Scrapy sends, with the Host line the HTTP client adds (rebuilt)."""
    lines = [("Host", urlsplit(request.url).netloc)]
    for name, values in request.headers.items():
        lines.extend((name.decode("latin-1"), value.decode("latin-1")) for value in values)
    return lines


__all__ = ["ARCHIVED_KEY", "WarcRecorder"]
