"""Progress on the terminal while a crawl runs: pages fetched, per site, refreshed a few times a
second on standard error. Off with --quiet (``AUDITOR_PROGRESS = False``)."""

from __future__ import annotations

import time
from collections import Counter

from rich.console import Console
from scrapy import signals
from scrapy.exceptions import NotConfigured

from auditor.crawl.state import CrawlState
from auditor.spiders.facts import PageFacts


class CrawlProgress:
    def __init__(self, crawler):
        self.crawler = crawler
        self.pages: Counter = Counter()
        self.console = Console(stderr=True)
        self.status = None
        self.last = 0.0
        crawler.signals.connect(self.opened, signal=signals.spider_opened)
        crawler.signals.connect(self.scraped, signal=signals.item_scraped)
        crawler.signals.connect(self.closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("AUDITOR_PROGRESS"):
            raise NotConfigured
        return cls(crawler)

    def opened(self, spider):
        state = CrawlState.of(self.crawler)
        self.sites = len(state.crawls) if state is not None else 0
        self.status = self.console.status(f"Crawling {self.sites} sites…")
        self.status.start()

    def scraped(self, item, response, spider):
        if not isinstance(item, PageFacts):
            return
        self.pages[item.site] += 1
        now = time.monotonic()
        if now - self.last < 0.25:
            return
        self.last = now
        busiest = ", ".join(f"{site} {count}" for site, count in self.pages.most_common(3))
        self.status.update(f"Crawling {self.sites} sites: {sum(self.pages.values())} pages ({busiest})")

    def closed(self, spider, reason):
        if self.status is not None:
            self.status.stop()
        self.console.print(f"Crawled {sum(self.pages.values())} pages from {len(self.pages)} sites ({reason}).")
