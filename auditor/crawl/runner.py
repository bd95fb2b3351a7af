"""Runs the portal spider over a registry in this process and leaves the result in the store."""

from __future__ import annotations

import os

from scrapy import signals
from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from auditor.crawl import settings as default_settings
from auditor.identity import user_agent
from auditor.registry import Registry
from auditor.store.database import Store


# Overrides that belong to one run, not to the audit (not replayed by --resume).
RUN_ONLY = frozenset({"AUDITOR_PROGRESS", "AUDITOR_DB"})


def crawl_settings(db: str, overrides: dict | None = None) -> Settings:
    settings = Settings()
    settings.setmodule(default_settings, priority="project")
    settings.set("AUDITOR_DB", str(db), priority="cmdline")
    if os.environ.get("AUDITOR_A11Y_PAGES", "").isdigit():  # a cron job's or CI's standing choice
        settings.set("AUDITOR_A11Y_PAGES", int(os.environ["AUDITOR_A11Y_PAGES"]), priority="cmdline")
    for name, value in (overrides or {}).items():
        if value is not None:
            settings.set(name, value, priority="cmdline")
    if "USER_AGENT" not in (overrides or {}):
        agent = user_agent(settings.get("AUDITOR_CONTACT"), settings.get("AUDITOR_VERSION"))
        settings.set("USER_AGENT", agent, priority="cmdline")
    return settings


def start_audit(store: Store, registry: Registry, pack: str, settings: Settings,
                overrides: dict | None = None) -> int:
    recorded = {name: settings.get(name) for name in (
        "USER_AGENT", "AUDITOR_MAX_PAGES", "AUDITOR_MAX_DEPTH", "AUDITOR_SITE_SECONDS",
        "DOWNLOAD_MAXSIZE", "CONCURRENT_REQUESTS_PER_DOMAIN")}
    # What the command line set, so that a resumed audit runs with the same bounds.
    recorded["overrides"] = {name: value for name, value in (overrides or {}).items()
                             if value is not None and name not in RUN_ONLY}
    return store.new_audit(registry, pack=pack, settings=recorded,
                           version=settings.get("AUDITOR_VERSION"), pid=os.getpid())


def run_crawl(registry: Registry, settings: Settings, audit_id: int,
              resume_urls: dict | None = None, resume: dict | None = None) -> str:
    """Crawl every site of the registry; blocks until the crawl ends (or Ctrl-C stops it).

    ``resume`` (site id -> auditor.app.resume.SiteResume) continues an interrupted audit. Returns
    why the crawl ended: Scrapy's close reason ("finished", "shutdown" ...).
    """
    from auditor.spiders.portal import PortalSpider

    process = CrawlerProcess(settings)
    crawler = process.create_crawler(PortalSpider)
    ended = {}
    crawler.signals.connect(lambda spider, reason: ended.setdefault("reason", reason),
                            signal=signals.spider_closed, weak=False)
    process.crawl(crawler, registry=registry, audit_id=audit_id, resume_urls=resume_urls,
                  resume=resume)
    process.start()
    return ended.get("reason", "killed")
