"""The browser pass in the audit: samples pages as the crawl yields them, has them rendered and
checked with axe-core beside the crawl (auditor/browser/), and stores the ACC findings.

A Scrapy extension, before the AuditFinisher (settings.py, EXTENSIONS), so that when the crawl
closes its findings are in the store before the audit is finished. Settings:
``AUDITOR_A11Y_PAGES`` pages per site at most (0: off), ``AUDITOR_A11Y_ARTICLES`` articles in
the sample, ``AUDITOR_A11Y_DELAY`` seconds between two renders of a site (a robots.txt
Crawl-delay raises it), ``AUDITOR_A11Y_TIMEOUT`` per page, ``AUDITOR_A11Y_TAGS`` the axe tags
(WCAG levels), ``AUDITOR_CHROMIUM`` the browser (default: ``chromium`` on PATH).

What happened is recorded in the audit's settings under ``a11y`` (``record``): run or not and
why, the engine, the pages rendered per site. A report then tells "not run" from "đạt".
"""

from __future__ import annotations

import json
import logging

from scrapy import signals

from auditor.browser.chromium import find_chromium, unavailable
from auditor.browser.sample import Sampler
from auditor.crawl.state import CrawlState
from auditor.spiders.facts import PageFacts
from auditor.store.database import Store

log = logging.getLogger("auditor.browser")
SETTINGS_KEY = "a11y"


class A11yPass:
    def __init__(self, crawler):
        self.crawler = crawler
        settings = crawler.settings
        self.sampler = Sampler(settings.getint("AUDITOR_A11Y_PAGES"), settings.getint("AUDITOR_A11Y_ARTICLES"))
        self.browser = None  # a BrowserPass while it runs
        self.not_run = ""  # why the pass does not run, when it does not
        self.rendered: dict[str, int] = {}  # site -> pages rendered and judged
        self.failed: dict[str, int] = {}  # site -> pages the browser could not render
        self.seconds = 0.0
        self.findings: list = []  # (registry id, Finding), written when the crawl closes
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def spider_opened(self, spider):
        settings = self.crawler.settings
        if self.sampler.max_pages <= 0:
            self.not_run = "the browser checks are switched off (AUDITOR_A11Y_PAGES = 0)"
            return
        self.not_run = unavailable(settings.get("AUDITOR_CHROMIUM"))
        if self.not_run:
            log.warning("browser checks not run: %s", self.not_run)
            return
        from auditor.browser.session import Renderer
        from auditor.browser.worker import BrowserPass

        renderer = Renderer(find_chromium(settings.get("AUDITOR_CHROMIUM")), settings.get("USER_AGENT"),
                            timeout=settings.getfloat("AUDITOR_A11Y_TIMEOUT"),
                            pins=settings.getdict("AUDITOR_RESOLVE"),
                            tags=settings.getlist("AUDITOR_A11Y_TAGS"))
        self.browser = BrowserPass(renderer.start).start()
        self.sites = {site.id: site for site in CrawlState.of(self.crawler).registry.sites}

    def item_scraped(self, item, response, spider):
        if self.browser is None or not isinstance(item, PageFacts) or item.site not in self.sites:
            return
        state = CrawlState.of(self.crawler)
        engine = state.engine if state is not None else None
        if engine is None:
            return
        sample = self.sampler.consider(item, engine.context(self.sites[item.site]))
        if sample is not None:
            crawl = state.crawls.get(item.site)
            delay = max(self.crawler.settings.getfloat("AUDITOR_A11Y_DELAY"),
                        getattr(crawl, "crawl_delay", 0.0) or 0.0)
            self.browser.submit(sample, delay)
        self._judge(spider, self.browser.drain())

    def spider_closed(self, spider, reason):
        state = CrawlState.of(self.crawler)
        if state is None or state.audit_id is None:
            return
        if self.browser is not None:
            if reason == "finished":
                self.browser.finish()
            else:  # Ctrl-C or --max-time: the pages still waiting are not rendered
                self.browser.abort()
            self._judge(spider, self.browser.drain())
            if self.browser.failure:
                self.not_run = self.browser.failure
        store = Store(self.crawler.settings.get("AUDITOR_DB"))
        try:
            self._write(store, state.audit_id)
            self._record(store, state.audit_id, reason)
        finally:
            store.close()

    def _judge(self, spider, pages) -> None:
        engine = CrawlState.of(self.crawler).engine
        for page in pages:
            self.seconds += page.seconds
            if page.error:
                self.failed[page.site] = self.failed.get(page.site, 0) + 1
                log.info("browser pass: %s not rendered: %s", page.url, page.error)
                continue
            self.rendered[page.site] = self.rendered.get(page.site, 0) + 1
            found = engine.judge_rendered(page, self.sites[page.site])
            self.findings.extend((page.site, finding) for finding in found)

    def _write(self, store: Store, audit_id: int) -> None:
        site_rows = store.site_ids(audit_id)
        store.add_findings(audit_id, [finding.to_row(site_rows[site]) for site, finding in self.findings])
        self.findings = []

    def _record(self, store: Store, audit_id: int, reason: str) -> None:
        """The pass's outcome in the audit's settings (a resumed audit's earlier pass is kept)."""
        audit = store.audit(audit_id) or {}
        try:
            settings = json.loads(audit.get("settings") or "{}")
        except ValueError:
            settings = {}
        before = settings.get(SETTINGS_KEY) or {}
        pages = dict(before.get("pages") or {})
        for site, count in self.rendered.items():
            pages[site] = pages.get(site, 0) + count
        rendered = sum(self.rendered.values())
        settings[SETTINGS_KEY] = {
            "run": self.browser is not None and not self.browser.failure,
            "reason": self.not_run or ("" if reason == "finished" else f"crawl ended: {reason}"),
            "engine": self.browser.engine if self.browser is not None else "",
            "pages": pages, "failed": self.failed, "seconds": round(self.seconds, 3),
            "seconds_per_page": round(self.seconds / rendered, 3) if rendered else None,
        }
        store.update_audit(audit_id, settings=json.dumps(settings, default=str))


def merged_outcome(audit: dict, job: dict) -> dict:
    """The pass's outcome over an audit's jobs merged so far (``audit``) and one job more (``job``,
    its shard's record): pages rendered and failed per site added up, seconds summed. It ran if
    it ran in a job; the reason it did not is the first one a job gave (the report says it for
    the sites no job rendered)."""
    if not audit:
        return dict(job)
    pages, failed = _added(audit.get("pages"), job.get("pages")), _added(audit.get("failed"), job.get("failed"))
    seconds = round((audit.get("seconds") or 0.0) + (job.get("seconds") or 0.0), 3)
    rendered = sum(pages.values())
    return {"run": bool(audit.get("run") or job.get("run")),
            "reason": audit.get("reason") or job.get("reason") or "",
            "engine": audit.get("engine") or job.get("engine") or "",
            "pages": pages, "failed": failed, "seconds": seconds,
            "seconds_per_page": round(seconds / rendered, 3) if rendered else None}


def _added(counts: dict | None, more: dict | None) -> dict[str, int]:
    total = dict(counts or {})
    for site, count in (more or {}).items():
        total[site] = total.get(site, 0) + count
    return total
