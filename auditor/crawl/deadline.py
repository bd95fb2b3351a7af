"""Drop the queued requests of a site that has been stopped, so one bad site cannot hold the
audit: past its wall time, over its byte budget, or failing page after page (a 5xx storm, a
server that only times out). Its pending pages are not fetched, nothing is recorded for them
(they were never seen), and the site is reported ``partial`` with the reason.
"""

from __future__ import annotations

from scrapy.exceptions import IgnoreRequest
from twisted.python.failure import Failure


class SiteStopped(IgnoreRequest):
    """The request belongs to a site whose crawl was stopped; it is dropped, not recorded."""


class SiteDeadlineMiddleware:
    @property
    def state(self):
        if self._state is None:  # looked up once it exists
            from auditor.crawl.state import CrawlState  # state.py imports drop_queued from here

            self._state = CrawlState.of(self.crawler)
        return self._state

    def __init__(self, crawler) -> None:
        self.crawler = crawler
        self._state = None

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_request(self, request, spider=None):
        site = request.meta.get("site")
        if site is not None and self.state is not None:
            reason = self.state.site_stop_reason(site)
            if reason:
                raise SiteStopped(f"site {site} was stopped: {reason}")
        return None


def drop_queued(crawler, slot_key: str, reason: str, site: str) -> int:
    """Fail the requests of a stopped site that already wait in its host's download slot.

    The downloader takes up to CONCURRENT_REQUESTS requests at once and queues them per slot,
    past every middleware's ``process_request``: without this, a stopped site would still
    fetch up to thirty pages, each perhaps a full timeout. Their errbacks get SiteStopped and
    record nothing. Transfers already under way end by themselves (DOWNLOAD_TIMEOUT). The other
    sites of the host keep their place in the slot.
    """
    slot = crawler.engine.downloader.slots.get(slot_key)
    if slot is None:
        return 0
    waiting = [entry for entry in slot.queue if entry[0].meta.get("site") == site]
    if not waiting:
        return 0
    kept = [entry for entry in slot.queue if entry[0].meta.get("site") != site]
    slot.queue.clear()
    slot.queue.extend(kept)
    for request, deferred in waiting:
        deferred.errback(Failure(SiteStopped(f"site {site} was stopped: {reason}")))
    return len(waiting)
