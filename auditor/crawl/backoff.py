"""Retries of rate limits and server errors, with backoff, honouring ``Retry-After``.

Scrapy's RetryMiddleware retries a 429 or a 503 at once, which is exactly what an overloaded
server asked us not to do. This middleware takes over the HTTP retries (RETRY_HTTP_CODES is
emptied in settings.py; Scrapy's keeps retrying network errors):

* the wait is the server's ``Retry-After`` (seconds or an HTTP date), or else an exponential
  backoff, ``AUDITOR_BACKOFF_BASE * 2**attempt`` seconds;
* the whole site waits, not only the one request: the site's download slot is held (see
  ``throttle.hold_slot``) and its pace halved. The hold is taken on Scrapy's
  ``response_downloaded`` signal, which the downloader sends before it starts the slot's next
  queued request; a downloader middleware sees the answer only after that request has left, so
  holding the slot there alone let one request through right after a 429 whenever the slot's
  delay had already run out (fast answers bring AutoThrottle's delay down to the latency);
* a ``Retry-After`` longer than ``AUDITOR_RETRY_AFTER_MAX`` is not waited for: the answer is
  kept, and the page (or, on the home page, the site) is reported as rate-limited;
* after ``AUDITOR_HTTP_RETRIES`` retries the last answer is kept and recorded as it is.
"""

from __future__ import annotations

import time
from email.utils import parsedate_to_datetime

from scrapy import signals

from auditor.crawl.throttle import hold_slot

RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504, 522, 524})
TRIES_KEY = "backoff_retries"
REFUSED_KEY = "retry_after_refused"  # request meta: the Retry-After (s) we would not wait for


def retry_after_seconds(value: bytes | str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: a number of seconds or an HTTP date."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None or when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - (now if now is not None else time.time()))


class BackoffRetryMiddleware:
    def __init__(self, crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.max_retries = settings.getint("AUDITOR_HTTP_RETRIES")
        self.base = settings.getfloat("AUDITOR_BACKOFF_BASE")
        self.max_wait = settings.getfloat("AUDITOR_RETRY_AFTER_MAX")
        self.max_delay = settings.getfloat("AUTOTHROTTLE_MAX_DELAY")
        crawler.signals.connect(self.response_downloaded, signal=signals.response_downloaded)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def response_downloaded(self, response, request, spider=None):
        """Hold the slot the moment the answer is in, before the next request can leave."""
        wait = self.wait_for(request, response)
        if wait:
            hold_slot(self.crawler, request.meta.get("download_slot", ""), wait, self.max_delay)

    def wait_for(self, request, response) -> float | None:
        """How long the site must wait before this request is retried; None: no retry."""
        if not _retryable(request, response):
            return None
        return self._wait(request.meta, retry_after_seconds(response.headers.get("Retry-After")))

    def _wait(self, meta, asked: float | None) -> float | None:
        """The wait before a retry, given the Retry-After the server asked for (or None)."""
        if (asked is not None and asked > self.max_wait) or meta.get(TRIES_KEY, 0) >= self.max_retries:
            return None
        return asked if asked is not None else self.base * 2 ** meta.get(TRIES_KEY, 0)

    def process_response(self, request, response, spider=None):
        if not _retryable(request, response):
            return response
        meta = request.meta
        asked = retry_after_seconds(response.headers.get("Retry-After"))  # read once
        if asked is not None and asked > self.max_wait:
            meta[REFUSED_KEY] = asked
            return response
        wait = self._wait(meta, asked)
        if wait is None:  # out of retries: the last answer is kept
            return response
        hold_slot(self.crawler, meta.get("download_slot", ""), wait, self.max_delay)
        retry = request.replace(dont_filter=True)
        retry.meta[TRIES_KEY] = meta.get(TRIES_KEY, 0) + 1
        return retry


def _retryable(request, response) -> bool:
    """An answer this middleware retries: a site's request, a retry status, not opted out."""
    meta = request.meta
    return response.status in RETRY_STATUSES and not meta.get("dont_retry") and "site" in meta
