"""The ``shard`` spider: one job of an audit (auditor/jobs/), crawled and judged into a shard.

``scrapy crawl shard -a job=JOB.json -s AUDITOR_DB=SHARD.db.part -s AUDITOR_SITE_RULES=false``,
as a local worker (auditor/jobs/worker.py) or a Scrapyd node runs it. The job file names the
audit's registry file, the job's sites and its shard; the spider crawls those sites as the
portal spider does, into an audit of their own in the shard, judges the sites (the site rules:
auditor/jobs/site_rules.py) and seals the shard when the crawl ended as it should
(auditor/jobs/shard.py).
"""

from __future__ import annotations

import json
import os

from scrapy import signals

from auditor.jobs.plan import read_registry_file
from auditor.jobs.shard import seal_shard
from auditor.jobs.site_rules import judge_shard_sites
from auditor.registry import Registry
from auditor.spiders.portal import PortalSpider
from auditor.store.database import Store

# Crawls that end as an audit does: the shard is whole and may be merged.
SEALED_ENDINGS = ("finished", "closespider_timeout")


class ShardSpider(PortalSpider):
    name = "shard"

    def __init__(self, job: str | None = None, **kwargs):
        if not job:
            raise ValueError("the shard spider needs a job: -a job=JOB.json")
        with open(job, encoding="utf-8") as handle:
            self.job = json.load(handle)
        whole = read_registry_file(self.job["registry"])
        wanted = set(self.job["sites"])
        mine = Registry(path=whole.path, sites=[site for site in whole.sites if site.id in wanted],
                        name=whole.name, inspector=whole.inspector, pack=whole.pack)
        super().__init__(registry=mine, **kwargs)
        self._inputs["registry_sites"] = whole.sites  # links are judged against the whole registry

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        store = Store(crawler.settings.get("AUDITOR_DB"))
        try:
            spider._inputs["audit_id"] = store.new_audit(
                spider.registry, pack=crawler.settings.get("AUDITOR_PACK", ""),
                settings={"job": spider.job["key"]}, version=crawler.settings.get("AUDITOR_VERSION"),
                pid=os.getpid())
        finally:
            store.close()
        # Sealed once the engine stopped: after the pipelines and the AuditFinisher are done.
        crawler.signals.connect(spider._seal, signal=signals.engine_stopped)
        return spider

    def closed(self, reason: str) -> None:
        self.ended = reason

    def _seal(self) -> None:
        if getattr(self, "ended", "") in SEALED_ENDINGS:
            judge_shard_sites(self.crawler)  # on this worker's core, not the dispatcher's
            seal_shard(self.job["shard"], self.job, self.ended)
