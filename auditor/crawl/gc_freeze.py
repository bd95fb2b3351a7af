"""Freezes what start-up allocated, so that Python's garbage collector stops re-scanning it,
and lets a page's short-lived objects die young.

A crawl allocates most of its long-lived objects before the first page: Scrapy, lxml and
Twisted's modules, the rule pack, the ad-host and public-suffix lists, the rule engine. The
cyclic collector scanned all of them at every full collection, about once per fifty pages: 7%
of an audit's CPU (bench/, 10 sites x 300 pages). ``gc.freeze()`` once the spider is open
moves them out of the collector's sight; they were never garbage. Everything allocated later
is collected as before.

A page then allocates a few thousand container objects that die with it (its elements' proxies,
links, media, dates, findings). At Python's default of 700 allocations the young generation was
collected several times a page, each time while the page's objects were alive: they were
scanned, moved to the older generations and scanned again there. ``AUDITOR_GC_YOUNG``
allocations (20,000) outlast a page, so most of them are freed before any collection looks at
them (bench/run.py (b): 19.2 -> 17.9 ms of CPU a page, median of four runs each; peak memory
the same). The collector still runs: cyclic garbage waits at most that many allocations.
"""

from __future__ import annotations

import gc

from scrapy import signals
from scrapy.exceptions import NotConfigured


class GcFreeze:
    def __init__(self, freeze: bool, young: int):
        self.freeze = freeze
        self.young = young

    @classmethod
    def from_crawler(cls, crawler):
        freeze = crawler.settings.getbool("AUDITOR_GC_FREEZE")
        young = crawler.settings.getint("AUDITOR_GC_YOUNG")
        if not freeze and young <= 0:
            raise NotConfigured
        extension = cls(freeze, young)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        return extension

    def spider_opened(self, spider) -> None:
        if self.freeze:
            gc.collect()  # what start-up left as garbage goes first, not into the frozen set
            gc.freeze()
        if self.young > 0:
            # The process's setting: a crawl's process (or a worker's jobs) is the crawl's.
            gc.set_threshold(self.young, *gc.get_threshold()[1:])
