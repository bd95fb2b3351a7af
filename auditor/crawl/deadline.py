"""Drop the queued requests of a site that ran out of wall time, so one slow site cannot hold
the audit: its pending pages are not fetched and the site is recorded as ``partial``."""

from __future__ import annotations

from scrapy import signals
from scrapy.exceptions import IgnoreRequest


class SiteDeadlineMiddleware:
    def __init__(self) -> None:
        self.spider = None

    @classmethod
    def from_crawler(cls, crawler):
        middleware = cls()
        crawler.signals.connect(middleware.spider_opened, signal=signals.spider_opened)
        return middleware

    def spider_opened(self, spider) -> None:
        self.spider = spider if hasattr(spider, "site_expired") else None

    def process_request(self, request, spider=None):
        site = request.meta.get("site")
        if site is not None and self.spider is not None and self.spider.site_expired(site):
            raise IgnoreRequest(f"site {site} is past its time limit")
        return None
