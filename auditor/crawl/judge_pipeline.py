"""Judges each page as it arrives (the page rules) and stores the findings in small batches.

Runs after the StorePipeline (auditor/crawl/settings.py, ITEM_PIPELINES), which has opened the audit.
The engine it builds is left on the spider for the AuditFinisher, which runs the site rules
once the crawl is over: both judge with the same pack, config and audit date.

The pack is the first of: the audit row's (``auditor audit`` resolved it already),
``AUDITOR_PACK``, the registry's ``[audit] pack``, the config's ``pack``, and the regime in
force on the audit date; it is written back to the audit row, so every audit says which law
it was judged by. The config's rule levels go to the audit's settings (``rule_levels``).
"""

from __future__ import annotations

import json
import logging
from datetime import date, datetime

from auditor.judge.config import load_config
from auditor.judge.engine import Engine
from auditor.judge.packs import resolve_pack
from auditor.spiders.facts import PageFacts
from auditor.store.database import Store

log = logging.getLogger("auditor.judge")


def audit_date(settings, audit: dict) -> date:
    """The day the audit is judged as of: AUDITOR_AUDIT_DATE, else the local day it started."""
    forced = settings.get("AUDITOR_AUDIT_DATE")
    if forced:
        return date.fromisoformat(str(forced))
    started = audit.get("started_at") if audit else None
    if started:
        return datetime.fromisoformat(started).astimezone().date()
    return date.today()


def build_engine(store: Store, spider, settings) -> Engine:
    audit = store.audit(spider.audit_id) or {}
    day = audit_date(settings, audit)
    config = load_config(settings.get("AUDITOR_CONFIG") or None)
    registry = spider.registry
    wanted = (audit.get("pack") or settings.get("AUDITOR_PACK") or registry.pack or config.pack)
    pack = resolve_pack(wanted, day)
    if audit.get("pack") != pack.id:
        store.update_audit(spider.audit_id, pack=pack.id)
    if config.path:
        record_config(store, spider.audit_id, audit, config)
    # A job's spider crawls some sites but judges links against the whole registry's.
    return Engine(pack, config, day, getattr(spider, "registry_sites", registry.sites))


def record_config(store: Store, audit_id: int, audit: dict, config) -> None:
    """The config's file and rule levels in the audit's settings: a report can then tell a rule
    switched off from a rule passed."""
    try:
        settings = json.loads(audit.get("settings") or "{}")
    except ValueError:
        settings = {}
    settings.update(AUDITOR_CONFIG=config.path, rule_levels=config.rules)
    store.update_audit(audit_id, settings=json.dumps(settings, default=str))


class JudgePipeline:
    def __init__(self, crawler):
        self.crawler = crawler
        self.batch_size = crawler.settings.getint("AUDITOR_BATCH")
        self.store: Store | None = None
        self.engine: Engine | None = None
        self.rows: list[dict] = []

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self, spider=None):
        spider = spider or self.crawler.spider
        self.store = Store(self.crawler.settings.get("AUDITOR_DB"))
        self.audit_id = spider.audit_id
        self.engine = spider.engine = build_engine(self.store, spider, self.crawler.settings)
        self.sites = {site.id: site for site in spider.registry.sites}
        self.site_rows = self.store.site_ids(self.audit_id)
        # With the StorePipeline before it, findings go out with their pages, in one
        # transaction (store_pipeline.py); alone, this pipeline writes them itself.
        self.with_pages = isinstance(getattr(spider, "finding_rows", None), list)
        if self.with_pages:
            self.rows = spider.finding_rows

    def process_item(self, item, spider=None):
        if isinstance(item, PageFacts) and item.site in self.sites:
            findings = self.engine.judge_page(item, self.sites[item.site])
            row_id = self.site_rows[item.site]
            self.rows.extend(finding.to_row(row_id) for finding in findings)
            if not self.with_pages and len(self.rows) >= self.batch_size:
                self.flush()
        return item

    def flush(self) -> None:
        if self.rows:
            self.store.add_findings(self.audit_id, self.rows)
            self.rows.clear()

    def close_spider(self, spider=None):
        self.flush()
        self.store.close()
