"""AutoThrottle that never goes below a host's robots.txt Crawl-delay.

Scrapy ignores Crawl-delay. The spider gives every host its own download slot (hosts.py) and
calls ``set_crawl_delay`` once it has read the host's robots.txt; this extension then keeps
AutoThrottle's adaptive delay at or above that floor for the slot. AutoThrottle aims at as many
requests in flight as the slot allows (2, or what ``--host-concurrency`` grants the host).
"""

from __future__ import annotations

import time

from scrapy.extensions.throttle import AutoThrottle


def set_crawl_delay(crawler, slot_key: str, delay: float) -> None:
    """Make ``delay`` seconds the least spacing between two requests of the slot."""
    downloader = crawler.engine.downloader
    # A fixed spacing: the default ±50% jitter would break the site's stated delay.
    downloader.per_slot_settings.setdefault(slot_key, {}).update(delay=delay, jitter=0)
    slot = downloader.slots.get(slot_key)
    if slot is not None:  # slots are created lazily and garbage-collected when idle
        slot.delay = max(slot.delay, delay)
        slot.jitter = 0


class PoliteThrottle(AutoThrottle):
    def _adjust_delay(self, slot, latency, response) -> None:
        target = self.target_concurrency
        self.target_concurrency = max(target, slot.concurrency)
        try:
            super()._adjust_delay(slot, latency, response)
        finally:
            self.target_concurrency = target

    def _response_downloaded(self, response, request, spider) -> None:
        super()._response_downloaded(response, request, spider)
        key, slot = self._get_slot(request, spider)
        if slot is None:
            return
        floor = self.crawler.engine.downloader.per_slot_settings.get(key, {}).get("delay", 0.0)
        if slot.delay < floor:
            slot.delay = floor


def hold_slot(crawler, slot_key: str, seconds: float, max_delay: float) -> None:
    """No request of the slot starts in the next ``seconds``, and later ones come no faster.

    For a 429 or a 5xx: the slot's next start is pushed past the wait the server asked for
    (or the backoff chose), and its delay raised to that wait (up to ``max_delay``) so that the
    whole site slows down, not only the request retried; AutoThrottle brings the delay down
    again, halving the gap to the latency-based target with each good answer.
    """
    slot = crawler.engine.downloader.slots.get(slot_key)
    if slot is None:
        return
    slot.delay = min(max(slot.delay, seconds, 0.05), max(max_delay, 0.05))
    # The downloader waits ``delay - now + lastseen`` before the next request: a lastseen in
    # the future holds the slot until then, whatever the delay's jitter.
    slot.lastseen = max(slot.lastseen, time.monotonic() + seconds)
