"""A check that runs in a thread beside the crawl (the certificate check, the IPv6 look-up).

Started when the spider opens, with the crawl's shared state; its result is recorded into the
sites' crawl state (a site finished meanwhile keeps its crawl state until then: CrawlState's
``checks_running``); the spider stays open until it is done, since the result is part of the
audit's record. A timeout setting of 0 turns the check off.
"""

from __future__ import annotations

import logging

from scrapy import signals
from scrapy.exceptions import DontCloseSpider, NotConfigured
from twisted.internet.threads import deferToThread

logger = logging.getLogger(__name__)


class BesideCrawl:
    timeout_setting: str  # e.g. "AUDITOR_TLS_CHECK_TIMEOUT"
    what: str  # for the log: "certificate check"

    def __init__(self, crawler):
        self.crawler = crawler
        self.timeout = crawler.settings.getfloat(self.timeout_setting)
        self.running = None  # the Deferred of the check, while it runs
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_idle, signal=signals.spider_idle)

    @classmethod
    def from_crawler(cls, crawler):
        if crawler.settings.getfloat(cls.timeout_setting) <= 0:
            raise NotConfigured
        return cls(crawler)

    def spider_opened(self, spider=None) -> None:
        from auditor.crawl.state import CrawlState

        state = CrawlState.of(self.crawler)
        if state is None or not state.active:
            return
        state.checks_running += 1  # the sites finished meanwhile wait for its result
        self.running = deferToThread(self.check, state)
        self.running.addCallback(lambda result: self.record(state, result))
        self.running.addErrback(lambda failure: logger.error("%s failed: %s", self.what, failure))
        self.running.addBoth(lambda _: self._done(state))

    @staticmethod
    def _done(state) -> None:
        state.checks_running -= 1
        state.hand_on_finished()

    def spider_idle(self, spider=None) -> None:
        if self.running is not None and not self.running.called:
            raise DontCloseSpider

    def check(self, state):
        """Runs in a thread: the check itself, from the sites of the crawl state."""
        raise NotImplementedError

    def record(self, state, result) -> None:
        """Back in the crawl's thread: the result into each site's crawl state."""
        raise NotImplementedError
