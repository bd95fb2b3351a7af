"""Judges each page as it arrives (the page rules) and stores it with its findings, in one
transaction per batch.

Pages are buffered at most ``AUDITOR_BATCH`` at a time, so memory stays flat however large the
audit, and a crash loses at most one batch (which a resumed audit fetches again). A page and the
findings judged on it are written together: a crash keeps both or neither, so a resumed audit
neither loses nor double-counts a finding. A site's own row (status, reasons, robots.txt, probe,
totals) is written with the next batch once its crawl is over (``SITE_FINISHED``), after its
last pages, and its judging context is let go: nothing of a finished site is kept. The engine
built here is left on the crawl's state (auditor/crawl/state.py) for the AuditFinisher, which
runs the site rules once the crawl is over: both judge with the same pack, config and audit date.

The pack is the first of: the audit row's (``auditor audit`` resolved it already),
``AUDITOR_PACK``, the registry's ``[audit] pack``, the config's ``pack``, and the regime in
force on the audit date; it is written back to the audit row, so every audit says which law
it was judged by. The config's rule levels go to the audit's settings (``rule_levels``).
"""

from __future__ import annotations

import json
import logging
import os
from datetime import date

from auditor.crawl.finish import site_result, store_site_result
from auditor.crawl.state import SITE_FINISHED, CrawlState
from auditor.judge.config import load_config
from auditor.judge.engine import Engine
from auditor.judge.applicable import audit_day, chosen_pack
from auditor.spiders.facts import PageFacts
from auditor.spiders.variants import LATE_EVIDENCE, LATE_FACTS
from auditor.spiders.outcomes import dump as dump_reason
from auditor.store.database import Store, utcnow

log = logging.getLogger("auditor.judge")


def audit_date(settings, audit: dict) -> date:
    """The day the audit is judged as of (auditor/judge/applicable.py's ``audit_day``)."""
    return audit_day(settings.get("AUDITOR_AUDIT_DATE"), (audit or {}).get("started_at"))


def build_engine(store: Store, audit_id: int, registry, settings, sites=None) -> Engine:
    audit = store.audit(audit_id) or {}
    day = audit_date(settings, audit)
    config = load_config(settings.get("AUDITOR_CONFIG") or None)
    pack = chosen_pack(day, audit.get("pack"), settings.get("AUDITOR_PACK"), registry.pack, config.pack)
    if audit.get("pack") != pack.id:
        store.update_audit(audit_id, pack=pack.id)
    if config.path:
        record_config(store, audit_id, audit, config)
    return Engine(pack, config, day, sites if sites is not None else registry.sites)


def record_config(store: Store, audit_id: int, audit: dict, config) -> None:
    """The config's file and rule levels in the audit's settings: a report can then tell a rule
    switched off from a rule passed."""
    try:
        settings = json.loads(audit.get("settings") or "{}")
    except ValueError:
        settings = {}
    settings.update(AUDITOR_CONFIG=config.path, rule_levels=config.rules)
    store.update_audit(audit_id, settings=json.dumps(settings, default=str))


def page_evidence(facts: PageFacts) -> dict:
    """What a page finding carries of its page's archived copy (docs/evidence.md)."""
    return {"page_sha256": facts.payload_sha256 or None, "captured_at": facts.warc_date or None}


class AuditPipeline:
    def __init__(self, crawler):
        self.crawler = crawler
        self.batch_size = crawler.settings.getint("AUDITOR_BATCH")
        self.store: Store | None = None
        self.engine: Engine | None = None
        self.pages: list[tuple[PageFacts, int]] = []  # (facts, site row id), not yet written
        self.findings: list[dict] = []  # the page findings judged on them
        self.attachments: list[dict] = []
        self.finished_sites: list[tuple[int, dict]] = []  # (site row id, its row), not yet written
        crawler.signals.connect(self.site_finished, signal=SITE_FINISHED)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self, spider=None):
        state = CrawlState.of(self.crawler)
        self.store = Store(self.crawler.settings.get("AUDITOR_DB"),
                           row_base=self.crawler.settings.getint("AUDITOR_ROW_BASE"))
        if state.audit_id is None:  # `scrapy crawl` without the CLI: the audit starts here
            settings = self.crawler.settings
            state.audit_id = self.store.new_audit(
                state.registry, pack=settings.get("AUDITOR_PACK", ""), settings={},
                version=settings.get("AUDITOR_VERSION"), pid=os.getpid())
        self.state, self.audit_id = state, state.audit_id
        self.engine = state.engine = build_engine(self.store, self.audit_id, state.registry,
                                                  self.crawler.settings, state.registry_sites)
        self.sites = {site.id: site for site in state.registry.sites}
        self.site_rows = self.store.site_ids(self.audit_id)
        self.store.start_sites(self.audit_id)

    def site_finished(self, site_id: str, crawl) -> None:
        """A site's crawl is over: its row goes with the next batch, after its last pages."""
        if self.store is None or site_id not in self.site_rows:
            return
        self.finished_sites.append((self.site_rows[site_id], site_result(crawl)))
        self.engine.forget_site(self.sites[site_id])
        if len(self.finished_sites) >= self.batch_size:
            self.flush()

    def process_item(self, item, spider=None):
        if isinstance(item, PageFacts) and item.site in self.sites:
            if len(self.pages) >= self.batch_size:
                self.flush()
            row_id = self.site_rows[item.site]
            findings = self.engine.judge_page(item, self.sites[item.site])
            self.pages.append((item, row_id))
            self.findings.extend({**finding.to_row(row_id), **page_evidence(item)}
                                 for finding in findings)
        elif isinstance(item, dict) and item.get("item") == LATE_EVIDENCE and item["site"] in self.sites:
            # What a sampled page's variant fetches and script files showed, after the page
            # itself was judged and stored: judged by the rules that read it, written with the
            # next batch (spiders/variants.py).
            row_id = self.site_rows[item["site"]]
            findings = self.engine.judge_page(item["facts"], self.sites[item["site"]], reading=LATE_FACTS)
            self.findings.extend({**finding.to_row(row_id), **page_evidence(item["facts"])}
                                 for finding in findings)
        elif isinstance(item, dict) and item.get("item") == "attachment":
            row = {k: v for k, v in item.items() if k not in ("item", "site")}
            row["error"] = dump_reason(row.get("error"))
            row["site_id"] = self.site_rows[item["site"]]
            self.attachments.append(row)
        return item

    def flush(self) -> None:
        if self.pages or self.findings:
            self.store.write_pages(self.audit_id, self.pages, self.findings)
            self.pages, self.findings = [], []
        if self.attachments:
            self.store.write_attachments(self.audit_id, self.attachments)
            self.attachments = []
        if self.finished_sites:
            now = utcnow()
            for row_id, result in self.finished_sites:
                store_site_result(self.store, row_id, result, now)
            self.finished_sites = []

    def close_spider(self, spider=None):
        self.state.closing = True  # the sites not stored yet are the AuditFinisher's
        self.flush()
        self.store.close()
