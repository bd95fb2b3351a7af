"""The crawl's shared state, and its one owner: a crawler-level component.

Everything that more than one Scrapy component reads or changes during an audit lives here: the
registry and its URL scope, the audit id, each site's :class:`SiteCrawl` (bounds, status,
reasons, requests in flight), the judging engine once built. A site's crawl state lives while
the site is crawled: once it is over, ``finish_site`` hands it to the components that keep its
result (``SITE_FINISHED``: the pipeline stores its row, the WARC recorder closes its file) and
drops it, so that memory stays flat however many sites the registry has. Middlewares,
extensions and pipelines reach it with ``CrawlState.of(crawler)`` (Scrapy's ``crawler.get_extension``); the
spider only schedules requests and extracts facts.

The inputs come from the spider's arguments (``-a registry=...``, or ``auditor audit``), which
Scrapy creates before its extensions; a crawl of another spider (the benchmark's bare Scrapy)
finds the state ``active`` False and every component then stays out of the way.
"""

from __future__ import annotations

from scrapy import signals

from auditor.crawl.deadline import drop_queued
from auditor.crawl.hosts import slot_key
from auditor.registry import Registry
from auditor.spiders.outcomes import Reason
from auditor.spiders.sitecrawl import SiteCrawl
from auditor.spiders.urls import Scope

# Sent with ``site_id`` and ``crawl`` (its SiteCrawl) when a site's crawl is over: no request
# of it is in flight or waiting, and none will come (auditor/crawl/site_window.py).
SITE_FINISHED = object()


class CrawlState:
    def __init__(self, crawler, registry: Registry | None = None, audit_id: int | None = None,
                 resume: dict | None = None, resume_urls: dict | None = None,
                 registry_sites: list | None = None):
        self.crawler = crawler
        self.registry = registry
        # The sites links are judged against: the whole registry's, also when a job
        # (auditor/jobs/) crawls only some of them.
        self.registry_sites = registry_sites or (registry.sites if registry else [])
        self.audit_id = audit_id
        self.resume = resume or {}  # site id -> auditor.app.resume.SiteResume
        self.resume_urls = resume_urls or {}  # site id -> [(url, depth)]: a bare frontier
        self.engine = None  # the judging engine (auditor/crawl/pipeline.py builds it)
        self.crawls: dict[str, SiteCrawl] = {}
        self.scope = Scope({site.id: site.url for site in registry.sites}) if registry else None
        self._purged: set[str] = set()  # sites whose queued requests were dropped
        self.stopping = False  # the whole audit is being stopped: no site begins any more
        # Checks beside the crawl (beside.py) still to record into the sites' crawls: a site
        # finished meanwhile is handed on once they have.
        self.checks_running = 0
        self._finished: list[str] = []
        # The pipeline has written its last batch (the crawl is closing): a site that ends now
        # keeps its crawl state for the AuditFinisher, which stores what is left.
        self.closing = False
        for site in registry.sites if registry else ():
            self.crawls[site.id] = self._site_crawl(site)
        crawler.signals.connect(self._request_dropped, signal=signals.request_dropped)

    @classmethod
    def from_crawler(cls, crawler):
        inputs = getattr(crawler.spider, "crawl_inputs", None)  # the spider's arguments
        return cls(crawler, **(inputs() if inputs else {}))

    @staticmethod
    def of(crawler) -> "CrawlState | None":
        """The crawl's state, or None when there is none (the extension is off, or the spider
        is not the portal's)."""
        try:
            state = crawler.get_extension(CrawlState)
        except (RuntimeError, AttributeError):  # before the extensions exist, or no crawler
            return None
        return state if state is not None and state.active else None

    @property
    def active(self) -> bool:
        return self.registry is not None

    # -- set-up -------------------------------------------------------------------------
    def _site_crawl(self, site) -> SiteCrawl:
        crawl = SiteCrawl.from_settings(site, self.crawler.settings)
        resumed = self.resume.get(site.id)
        if resumed is not None:
            crawl.restore(resumed.stored)
            crawl.attachments.update(resumed.attachments)
        return crawl

    # -- requests in flight -------------------------------------------------------------
    def answered(self, site_id: str) -> SiteCrawl:
        """Every callback and errback starts here: one request of the site fewer in flight."""
        crawl = self.crawls[site_id]
        crawl.pending -= 1
        return crawl

    def _request_dropped(self, request, spider=None):
        if request.meta.get("site") in self.crawls:  # e.g. a redirect the duplicate filter dropped
            self.crawls[request.meta["site"]].pending -= 1

    # -- stopping sites -----------------------------------------------------------------
    def site_stop_reason(self, site_id: str) -> Reason | None:
        """Why the site's remaining requests are dropped (see auditor/crawl/deadline.py)."""
        crawl = self.crawls.get(site_id)
        if crawl is None:
            return None
        reason = crawl.stop_reason()
        if reason and site_id not in self._purged:
            self._purged.add(site_id)
            drop_queued(self.crawler, slot_key(crawl.site.url), reason, site_id)
        return reason

    def note_answer(self, site_id: str, failure: dict | None) -> None:
        """An answer (None when real) or a failure of the site (auditor/crawl/breaker.py)."""
        crawl = self.crawls.get(site_id)
        if crawl is not None:
            crawl.count_answer(failure)
            self.site_stop_reason(site_id)

    def stop_sites(self, reason: Reason) -> None:
        """End every site that still has work, now (auditor/crawl/audit_stop.py); a site still
        waiting its turn under its host (auditor/crawl/site_window.py) never begins."""
        self.stopping = True
        for site_id, crawl in self.crawls.items():
            if crawl.pending > 0 or crawl.status == "pending":
                crawl.stop(reason)
                self.site_stop_reason(site_id)

    # -- finished sites -------------------------------------------------------------------
    def finish_site(self, site_id: str) -> None:
        """The site's crawl is over: its result goes to the components that keep it
        (SITE_FINISHED), then its crawl state is dropped."""
        crawl = self.crawls.get(site_id)
        if crawl is None or self.closing:
            return
        crawl.release()
        self._finished.append(site_id)
        self.hand_on_finished()

    def hand_on_finished(self) -> None:
        """Send on the sites finished so far, unless a check beside the crawl has yet to
        record its result into them."""
        if self.checks_running or self.closing:
            return
        finished, self._finished = self._finished, []
        for site_id in finished:
            crawl = self.crawls.pop(site_id)
            self._purged.discard(site_id)
            self.resume.pop(site_id, None)  # a resumed audit's stored pages and frontier of it
            self.resume_urls.pop(site_id, None)
            self.crawler.signals.send_catch_log(SITE_FINISHED, site_id=site_id, crawl=crawl)


class crawl_state:
    """A component's ``state`` attribute: ``CrawlState.of(self.crawler)``, looked up once it
    exists (Scrapy creates some components before the extensions, some after)."""

    def __set_name__(self, owner, name):
        self.slot = "_" + name

    def __get__(self, component, owner=None):
        if component is None:
            return self
        state = component.__dict__.get(self.slot)
        if state is None:
            state = CrawlState.of(component.crawler)
            if state is not None:
                component.__dict__[self.slot] = state
        return state
