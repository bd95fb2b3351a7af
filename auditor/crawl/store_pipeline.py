"""Writes what the spider gathers into the store as it arrives, in small transactions.

Pages are buffered at most ``AUDITOR_BATCH`` at a time, so memory stays flat however large the
audit, and a crash loses at most one batch (which a resumed audit fetches again). The page
findings the JudgePipeline (next in line) puts in ``spider.finding_rows`` are written in the
same transaction as their pages: a crash keeps a page with its findings or neither, so a
resumed audit neither loses nor double-counts a finding. What happens once the crawl is over
is the AuditFinisher's (``finish.py``).
"""

from __future__ import annotations

import json
import os

from auditor.spiders.facts import PageFacts
from auditor.store.database import Store, utcnow

# Footer text kept per page: long enough for the lines that follow long link lists (editor,
# address, phone, e-mail), which a cut at 3,000 characters lost on real portals.
FOOTER_KEPT = 12_000


def page_row(facts: PageFacts) -> tuple[dict, list[tuple], list[tuple]]:
    page = {
        "site_id": None, "url": facts.url, "final_url": facts.final_url, "status": facts.status,
        "content_type": facts.content_type, "depth": facts.depth, "bytes": facts.bytes,
        "truncated": int(facts.truncated), "encoding": facts.encoding or None,
        "fetched_at": facts.fetched_at,
        "redirects": json.dumps(facts.redirects) if facts.redirects else None,
        "error": facts.error or None, "title": facts.title, "lang": facts.lang,
        "generator": facts.generator, "text_length": len(facts.main_text),
        "text_sample": facts.main_text[:1000],
        "headings": json.dumps([[h.level, h.text] for h in facts.headings[:50]], ensure_ascii=False),
        "published": facts.published or None,
        "dates": json.dumps([[d.raw, d.iso, d.region] for d in facts.dates[:40]], ensure_ascii=False),
        "author": facts.author or None, "source": facts.source or None,
        "has_search_form": int(facts.has_search_form),
        "emails": json.dumps(facts.emails) if facts.emails else None,
        "header_text": facts.header_text[:2000], "footer_text": facts.footer_text[:FOOTER_KEPT],
        "kind": facts.kind or None, "cms": facts.cms or None,
    }
    links = [(l.url, l.text, l.region, int(l.hidden), l.rel, int(l.has_image), l.label)
             for l in facts.links]
    media = [(m.kind, m.src, m.alt, m.region, int(m.hidden)) for m in facts.media]
    return page, links, media


class StorePipeline:
    def __init__(self, crawler):
        self.crawler = crawler
        self.batch_size = crawler.settings.getint("AUDITOR_BATCH")
        self.store: Store | None = None
        self.pages: list = []
        self.attachments: list[dict] = []
        self.site_rows: dict[str, int] = {}
        self.finding_rows: list[dict] = []  # shared with the JudgePipeline (spider.finding_rows)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self, spider=None):
        spider = spider or self.crawler.spider
        self.store = Store(self.crawler.settings.get("AUDITOR_DB"))
        if spider.audit_id is None:  # `scrapy crawl` without the CLI: the audit starts here
            spider.audit_id = self.store.new_audit(
                spider.registry, pack=self.crawler.settings.get("AUDITOR_PACK", ""),
                settings={}, version=self.crawler.settings.get("AUDITOR_VERSION"), pid=os.getpid())
        self.audit_id = spider.audit_id
        spider.finding_rows = self.finding_rows
        self.site_rows = self.store.site_ids(self.audit_id)
        now = utcnow()
        for site_id in self.site_rows.values():
            self.store.update_site(site_id, started_at=now)

    def process_item(self, item, spider=None):
        if isinstance(item, PageFacts):
            # A full batch is written when the next page comes: by then the pipelines after
            # this one have judged every page of the batch.
            if len(self.pages) >= self.batch_size:
                self.flush()
            page, links, media = page_row(item)
            page["site_id"] = self.site_rows[item.site]
            self.pages.append((page, links, media))
        elif isinstance(item, dict) and item.get("item") == "attachment":
            row = {k: v for k, v in item.items() if k not in ("item", "site")}
            row["site_id"] = self.site_rows[item["site"]]
            self.attachments.append(row)
        return item

    def flush(self) -> None:
        if self.pages or self.finding_rows:
            self.store.write_pages(self.audit_id, self.pages, self.finding_rows)
            self.pages = []
            self.finding_rows.clear()  # the same list the JudgePipeline fills
        if self.attachments:
            self.store.write_attachments(self.audit_id, self.attachments)
            self.attachments = []

    def close_spider(self, spider=None):
        self.flush()
        self.store.close()
