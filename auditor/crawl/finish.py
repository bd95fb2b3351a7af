"""Closes an audit when the crawl ends: each site's crawl status, the site rules' findings, then
the audit's own status.

It runs on ``spider_closed``, after every pipeline has flushed, so the store is complete. An
audit stopped before the end (Ctrl-C, a time limit) is marked ``interrupted`` and its sites
that were still being crawled ``partial``.
"""

from __future__ import annotations

import json

from scrapy import signals

from auditor.crawl.state import CrawlState
from auditor.spiders.outcomes import Reason, dump_all
from auditor.store.database import Store, utcnow


def stopped_by(close_reason: str) -> Reason | None:
    """What ended the crawl (Scrapy's close reason), as the reason a site's status gives."""
    if close_reason == "finished":
        return None
    if close_reason == "closespider_timeout":
        return Reason("audit-time-limit")
    if close_reason == "shutdown":
        return Reason("audit-interrupted")
    return Reason("audit-stopped", {"why": close_reason})


class AuditFinisher:
    def __init__(self, crawler):
        self.crawler = crawler
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def spider_closed(self, spider, reason):
        state = CrawlState.of(self.crawler)
        if state is None or state.audit_id is None:
            return
        store = Store(self.crawler.settings.get("AUDITOR_DB"))
        try:
            # --max-time ends an audit as asked (complete, unfinished sites partial); Ctrl-C,
            # a signal or an error leaves it interrupted, to be resumed (auditor/app/resume.py).
            interrupted = reason not in ("finished", "closespider_timeout")
            self.write_site_statuses(store, state, stopped_by(reason))
            # Site rules need the whole crawl: a resumed audit judges at its end; a job judges
            # its shard's sites before the seal (auditor/jobs/site_rules.py, AUDITOR_SITE_RULES off).
            if not interrupted and self.crawler.settings.getbool("AUDITOR_SITE_RULES", True):
                self.judge_sites(store, state)
            store.finish_audit(state.audit_id, "interrupted" if interrupted else "complete")
        finally:
            store.close()

    def judge_sites(self, store: Store, state: CrawlState) -> None:
        """The site rules, over the facts the store now holds (auditor/judge/sitefacts.py)."""
        from auditor.crawl.pipeline import build_engine
        from auditor.judge.sitefacts import judge_sites

        engine = state.engine or build_engine(store, state.audit_id, state.registry,
                                              self.crawler.settings, state.registry_sites)
        judge_sites(store, state.audit_id, engine)
        store.link_findings_to_pages(state.audit_id)

    @staticmethod
    def write_site_statuses(store: Store, state: CrawlState, stopped: Reason | None) -> None:
        """The sites still crawled (or never begun) when the crawl ended; those finished before
        were stored as each finished (AuditPipeline.site_finished)."""
        site_rows = store.site_ids(state.audit_id)
        now = utcnow()
        for site_id, crawl in state.crawls.items():
            store_site_result(store, site_rows[site_id], site_result(crawl, stopped), now)


def site_result(crawl, stopped: Reason | None = None) -> dict:
    """A site's row once its crawl is over (its pages and bytes apart: ``store_site_result``)."""
    status, reasons = crawl.final_status(stopped)
    probe = {**crawl.probe, **({"certificate": crawl.certificate} if crawl.certificate else {}),
             **({"ipv6": crawl.ipv6} if crawl.ipv6 else {})}
    return dict(crawl_status=status, reason=dump_all(reasons), robots=crawl.robots_text[:20_000] or None,
                crawl_delay=crawl.crawl_delay or None, probe=json.dumps(probe) if probe else None)


def store_site_result(store: Store, row_id: int, result: dict, finished_at: str) -> None:
    """The site's row, with the totals of its pages, all stored by now."""
    pages, size = store.site_totals(row_id)
    store.update_site(row_id, **result, finished_at=finished_at, pages=pages, bytes=size)
