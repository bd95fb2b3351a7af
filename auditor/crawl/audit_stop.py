"""Ending the whole audit early, quickly and on the record: ``--max-time`` and Ctrl-C / SIGTERM.

Scrapy's own ways (CLOSESPIDER_TIMEOUT, its shutdown handler) close the spider gracefully,
which means finishing every request already queued in the downloader: up to
CONCURRENT_REQUESTS of them, each perhaps a full timeout on a slow site. Here both triggers
first stop every site that still has work (``CrawlState.stop_sites``): queued requests are
dropped, and each such site is recorded ``partial`` with the reason. Then:

* at ``AUDITOR_MAX_TIME`` seconds the crawl simply runs dry and ends as ``finished``: the audit
  is complete, as bounded as the inspector asked;
* on SIGINT or SIGTERM, Scrapy's handler runs next, as before: the audit ends ``interrupted``,
  to be continued with ``auditor audit --resume``. A second Ctrl-C still forces the end.
"""

from __future__ import annotations

import signal

from scrapy import signals
from scrapy.utils.asyncio import call_later

from auditor.crawl.state import CrawlState
from auditor.spiders.outcomes import Reason

MAX_TIME_REASON = Reason("audit-time-limit")
SIGNAL_REASON = Reason("audit-interrupted")


class AuditStop:
    def __init__(self, crawler) -> None:
        self.crawler = crawler
        self.max_time = crawler.settings.getfloat("AUDITOR_MAX_TIME")
        self.previous: dict[int, object] = {}
        crawler.signals.connect(self.engine_started, signal=signals.engine_started)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def engine_started(self) -> None:
        if self.max_time > 0:
            call_later(self.max_time, self.stop, MAX_TIME_REASON)
        # Scrapy has installed its shutdown handlers by now; ours runs first, then hands over.
        for signum in (signal.SIGINT, signal.SIGTERM):
            previous = signal.getsignal(signum)
            if callable(previous):
                self.previous[signum] = previous
                signal.signal(signum, self._on_signal)

    def _on_signal(self, signum, frame) -> None:
        from twisted.internet import reactor

        for number, handler in self.previous.items():  # once: a second signal goes to Scrapy
            signal.signal(number, handler)
        reactor.callFromThread(self.stop, SIGNAL_REASON)
        self.previous[signum](signum, frame)

    def stop(self, reason: Reason) -> None:
        state = CrawlState.of(self.crawler)
        if state is not None:
            state.stop_sites(reason)
