"""Drop the queued requests of a site that ran out of wall time, so one slow site cannot hold
the audit: its pending pages are not fetched and the site is recorded as ``partial``."""

from __future__ import annotations

from scrapy.exceptions import IgnoreRequest


class SiteDeadlineMiddleware:
    def __init__(self, crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_request(self, request, spider=None):
        site = request.meta.get("site")
        expired = getattr(self.crawler.spider, "site_expired", None)
        if site is not None and expired is not None and expired(site):
            raise IgnoreRequest(f"site {site} is past its time limit")
        return None
