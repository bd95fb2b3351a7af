"""The browser pass runs beside the crawl: a thread fed with sampled pages as the crawl finds
them, rendering one page at a time, politely per site.

Politeness: two renders of one site are at least the site's delay apart (the larger of the
pass's own delay and the site's robots.txt Crawl-delay, as the crawl honours it); meanwhile
another site's page may be rendered. Each sampled page is one of the pages the crawl fetched
within the site's bounds (robots.txt, scope, page budget), rendered once.

The crawl never waits for the browser: ``submit`` only queues. At the end of the crawl
``finish`` waits for the queue to empty; ``abort`` (Ctrl-C, --max-time) drops what waits.
Results are picked up with ``drain``, on the crawl's thread, which writes them.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections import deque
from typing import Callable

from auditor.browser.rendered import RenderedPage, SampledPage

log = logging.getLogger("auditor.browser")
_END = object()


class BrowserPass:
    def __init__(self, start_renderer: Callable[[], object]):
        self.start_renderer = start_renderer  # returns a started Renderer (session.py)
        self.inbox: queue.Queue = queue.Queue()
        self.results: queue.Queue = queue.Queue()
        self.failure = ""  # why the browser could not start, or died
        self.engine = ""
        self._aborted = threading.Event()
        self._thread = threading.Thread(target=self._run, name="browser-pass", daemon=True)

    def start(self) -> "BrowserPass":
        self._thread.start()
        return self

    def submit(self, sample: SampledPage, delay: float) -> None:
        self.inbox.put((sample, delay))

    def finish(self, timeout: float | None = None) -> None:
        """Render what is queued, then stop; returns when done (or after ``timeout``)."""
        self.inbox.put(_END)
        self._thread.join(timeout)
        if self._thread.is_alive():
            self.abort()

    def abort(self) -> None:
        self._aborted.set()
        self.inbox.put(_END)
        self._thread.join(60)

    def drain(self) -> list[RenderedPage]:
        out = []
        while True:
            try:
                out.append(self.results.get_nowait())
            except queue.Empty:
                return out

    # -- the thread ----------------------------------------------------------------------
    def _run(self) -> None:
        try:
            renderer = self.start_renderer()
        except Exception as error:  # noqa: BLE001 - no browser: the audit goes on without it
            self.failure = f"the browser did not start: {type(error).__name__}: {error}"[:300]
            log.error("%s", self.failure)
            return
        try:
            self._loop(renderer)
        except Exception as error:  # noqa: BLE001
            self.failure = f"the browser pass failed: {type(error).__name__}: {error}"[:300]
            log.exception("browser pass failed")
        finally:
            self.engine = getattr(renderer, "engine", "")
            try:
                renderer.close()
            except Exception:  # noqa: BLE001 - closing a dead browser
                log.debug("closing the browser failed", exc_info=True)

    def _loop(self, renderer) -> None:
        waiting: dict[str, deque] = {}
        ready_at: dict[str, float] = {}
        ending = False
        while not self._aborted.is_set():
            site = _next_site(waiting, ready_at)
            if site is None and ending:
                return
            wait = None if site is None else max(0.0, ready_at.get(site, 0.0) - time.monotonic())
            if site is None or wait > 0:
                ending = self._receive(waiting, timeout=wait) or ending
                continue
            ending = self._receive(waiting, timeout=0) or ending
            sample, delay = waiting[site].popleft()
            self.results.put(renderer.render(sample))
            ready_at[site] = time.monotonic() + delay

    def _receive(self, waiting: dict[str, deque], timeout: float | None) -> bool:
        """Move queued samples into ``waiting``; True when the end was announced."""
        ended = False
        block = timeout is None or timeout > 0
        try:
            item = self.inbox.get(block=block, timeout=timeout if block else None)
            while True:
                if item is _END:
                    ended = True
                else:
                    waiting.setdefault(item[0].site, deque()).append(item)
                item = self.inbox.get_nowait()
        except queue.Empty:
            return ended


def _next_site(waiting: dict[str, deque], ready_at: dict[str, float]) -> str | None:
    """The site with a page waiting that may be rendered soonest."""
    candidates = [site for site, pages in waiting.items() if pages]
    return min(candidates, key=lambda site: ready_at.get(site, 0.0)) if candidates else None
