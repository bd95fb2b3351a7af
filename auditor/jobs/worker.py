"""A local worker: ``python -m auditor.jobs.worker JOB.json`` runs one job's crawl in this
process (a fresh one per job: Twisted's reactor starts once per process, and a job's memory
is given back when it ends)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from auditor.jobs.shard import part_path


def job_settings(job: dict) -> dict:
    """The settings a job's crawl runs with, whoever runs it (local worker or Scrapyd)."""
    return {**job["settings"], "AUDITOR_DB": str(part_path(job["shard"])),
            "AUDITOR_SITE_RULES": False, "AUDITOR_PROGRESS": False}


def main(job_file: str) -> int:
    from scrapy.crawler import CrawlerProcess

    from auditor.crawl.runner import crawl_settings
    from auditor.spiders.shard import ShardSpider

    job = json.loads(Path(job_file).read_text(encoding="utf-8"))
    part_path(job["shard"]).unlink(missing_ok=True)  # a fresh shard for every attempt
    settings = job_settings(job)
    process = CrawlerProcess(crawl_settings(settings.pop("AUDITOR_DB"), settings))
    process.crawl(ShardSpider, job=job_file)
    process.start()
    return 0 if Path(job["shard"]).is_file() else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
