"""Closes an audit when the crawl ends: each site's crawl status, the site rules' findings, then
the audit's own status.

It runs on ``spider_closed``, after every pipeline has flushed, so the store is complete. An
audit stopped before the end (Ctrl-C, a time limit) is marked ``interrupted`` and its sites
that were still being crawled ``partial``.
"""

from __future__ import annotations

import json

from scrapy import signals

from auditor.store.database import Store, utcnow


# What ended the crawl (Scrapy's close reason), in the words a site's status gives for it.
STOPPED_BY = {
    "finished": "",
    "closespider_timeout": "the audit's time limit (--max-time) was reached",
    "shutdown": "the audit was interrupted (Ctrl-C or a signal)",
}


class AuditFinisher:
    def __init__(self, crawler):
        self.crawler = crawler
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def spider_closed(self, spider, reason):
        if getattr(spider, "audit_id", None) is None:
            return
        store = Store(self.crawler.settings.get("AUDITOR_DB"))
        try:
            # --max-time ends an audit as asked (complete, unfinished sites partial); Ctrl-C,
            # a signal or an error leaves it interrupted, to be resumed (auditor/app/resume.py).
            interrupted = reason not in ("finished", "closespider_timeout")
            self.write_site_statuses(store, spider, STOPPED_BY.get(reason, reason))
            if not interrupted:  # site rules need the whole crawl; a resumed audit judges at its end
                self.judge_sites(store, spider)
            store.finish_audit(spider.audit_id, "interrupted" if interrupted else "complete")
        finally:
            store.close()

    def judge_sites(self, store: Store, spider) -> None:
        """The site rules, over the facts the store now holds (auditor/judge/sitefacts.py)."""
        from auditor.crawl.judge_pipeline import build_engine
        from auditor.judge.sitefacts import judge_sites

        engine = getattr(spider, "engine", None) or build_engine(store, spider, self.crawler.settings)
        judge_sites(store, spider.audit_id, engine)

    @staticmethod
    def write_site_statuses(store: Store, spider, stopped_by: str) -> None:
        site_rows = store.site_ids(spider.audit_id)
        now = utcnow()
        for site_id, crawl in spider.crawls.items():
            status, why = crawl.final_status(stopped_by)
            probe = {**crawl.probe, **({"certificate": crawl.certificate} if crawl.certificate else {}),
                     **({"ipv6": crawl.ipv6} if crawl.ipv6 else {})}
            row_id = site_rows[site_id]
            pages, size = store.site_totals(row_id)
            store.update_site(
                row_id, crawl_status=status, reason=why, finished_at=now, pages=pages, bytes=size,
                robots=crawl.robots_text[:20_000] or None, crawl_delay=crawl.crawl_delay or None,
                probe=json.dumps(probe) if probe else None,
            )
