"""The scheduler's queue: hosts by fewest downloads in flight, then the host's sites in turn.

Scrapy's ``DownloaderAwarePriorityQueue`` keeps one priority queue per download slot and pops
from the slot with the fewest active downloads, so a slow host cannot fill the downloader while
others wait. With one slot per host (``hosts.py``), the sites under a host would then share one
queue, breadth first by priority: the first site's pages, found first, would come before the
second site's home page, and a province of communes under one portal would be crawled one
commune after another. Here each slot's queue is a ring of per-site priority queues: the slot
gives its next turn to the next site with work waiting, so every site progresses from the
start, and within a site the priorities (robots.txt, home page, breadth first) hold as before.
"""

from __future__ import annotations

from collections import OrderedDict

from scrapy.pqueues import DownloaderAwarePriorityQueue, ScrapyPriorityQueue, _path_safe


class SiteRing:
    """One host slot's requests: a priority queue per site, popped round robin."""

    def __init__(self, crawler, downstream_queue_cls, key: str, startprios=None, *,
                 start_queue_cls=None):
        self.crawler = crawler
        self.downstream_queue_cls = downstream_queue_cls
        self.start_queue_cls = start_queue_cls
        self.key = key
        self.sites: OrderedDict[str, ScrapyPriorityQueue] = OrderedDict()  # next turn first
        for site, prios in (startprios or {}).items():
            self.sites[site] = self._queue(site, prios)

    def _queue(self, site: str, startprios=()) -> ScrapyPriorityQueue:
        key = self.key + "/" + _path_safe(site) if self.key else ""
        return ScrapyPriorityQueue(self.crawler, self.downstream_queue_cls, key, startprios,
                                   start_queue_cls=self.start_queue_cls)

    def push(self, request) -> None:
        site = str(request.meta.get("site", ""))
        queue = self.sites.get(site)
        if queue is None:  # a site with no work waiting joins at the end of the ring
            queue = self.sites[site] = self._queue(site)
        queue.push(request)

    def pop(self):
        while self.sites:
            site, queue = next(iter(self.sites.items()))
            request = queue.pop()
            if len(queue):
                self.sites.move_to_end(site)  # its turn is over
            else:
                del self.sites[site]
                queue.close()
            if request is not None:
                return request
        return None

    def peek(self):
        for queue in self.sites.values():
            return queue.peek()
        return None

    def close(self) -> dict:
        return {site: queue.close() for site, queue in self.sites.items()}

    def __len__(self) -> int:
        return sum(len(queue) for queue in self.sites.values())


class HostFairQueue(DownloaderAwarePriorityQueue):
    """``SCHEDULER_PRIORITY_QUEUE``: DownloaderAwarePriorityQueue with a site ring per slot."""

    def pqfactory(self, slot: str, startprios=()) -> SiteRing:
        key = self.key + "/" + _path_safe(slot) if self.key else ""
        return SiteRing(self.crawler, self.downstream_queue_cls, key, startprios or None,
                        start_queue_cls=self._start_queue_cls)
