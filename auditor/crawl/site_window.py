"""A bounded window of active sites per host: memory flat with the sites under one host.

A province whose communes are folders of its portal is one host with hundreds, nationally
thousands, of sites. Begun all at once, every one of them holds its crawl state, its queued
requests and its scheduler queue for the whole crawl. Here at most ``AUDITOR_HOST_ACTIVE_SITES``
sites of a host are crawled at once (they share the host's slot in turns: ``fair_queue.py``);
the others wait in registry order and each begins as an active one finishes. Politeness is the
host slot's and does not change; with fewer sites than the window, every site begins at once,
as before.

A site is finished when none of its requests is in flight (``SiteCrawl.pending``) and none of
its answers is still being read by the spider (Scrapy's scraper slot): only then can no new
request of the site appear.
"""

from __future__ import annotations

from collections import deque


class HostWindows:
    """Per host: the sites crawling now (at most ``size``) and the sites waiting their turn."""

    def __init__(self, size: int):
        self.size = max(1, size)
        self.active: dict[str, set[str]] = {}  # host slot -> site ids crawling now
        self.waiting: dict[str, deque[str]] = {}  # host slot -> site ids in registry order
        self.host_of: dict[str, str] = {}  # site id -> host slot
        self.most_active = 0  # the most sites of one host crawling at once (tests, benchmarks)

    def enqueue(self, host: str, site_ids) -> list[str]:
        """Queue a host's sites; returns those that begin now."""
        self.waiting.setdefault(host, deque()).extend(site_ids)
        for site_id in site_ids:
            self.host_of[site_id] = host
        return self._admit(host)

    def finish(self, site_id: str) -> list[str]:
        """A site is over: its place goes to the host's next waiting site (returned)."""
        host = self.host_of.pop(site_id, None)
        if host is None or site_id not in self.active.get(host, ()):
            return []
        self.active[host].discard(site_id)
        return self._admit(host)

    def _admit(self, host: str) -> list[str]:
        active, waiting = self.active.setdefault(host, set()), self.waiting[host]
        begun = []
        while waiting and len(active) < self.size:
            site_id = waiting.popleft()
            active.add(site_id)
            begun.append(site_id)
        self.most_active = max(self.most_active, len(active))
        return begun

    def crawling(self) -> list[str]:
        return [site_id for sites in self.active.values() for site_id in sites]

    def has_waiting(self) -> bool:
        return any(self.waiting.values())

    def drop_waiting(self) -> None:
        """The audit is stopping: no site begins any more."""
        for waiting in self.waiting.values():
            waiting.clear()


def scraping_sites(crawler) -> set[str]:
    """Sites with an answer that the spider's callbacks are still reading."""
    slot = getattr(crawler.engine.scraper, "slot", None)
    return {request.meta.get("site") for request in (slot.active if slot else ())}
