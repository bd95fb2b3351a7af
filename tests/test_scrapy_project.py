"""The repository is a Scrapy project: `scrapy list` and `scrapy crawl portal` work from its root."""

from __future__ import annotations

import subprocess
import sys

import sqlite_utils

from conftest import REPO, SITES
from auditor.exit_codes import EXIT_OK
from auditor.demo.server import serve_province


def scrapy(*args, cwd=REPO):
    return subprocess.run([sys.executable, "-m", "scrapy", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


def test_scrapy_list_names_the_spiders():
    result = scrapy("list")
    assert result.returncode == EXIT_OK, result.stderr
    # discover: registry discovery; portal: the audit; shard: one job of an audit (Scrapyd)
    assert result.stdout.split() == ["discover", "portal", "shard"]


def test_scrapy_crawl_portal_stores_an_audit(tmp_path):
    db = tmp_path / "crawl.db"
    with serve_province(SITES / "shared") as served:
        registry = served.write_registry(tmp_path / "sites.toml")
        result = scrapy("crawl", "portal", "-a", f"registry={registry}", "-s", f"AUDITOR_DB={db}")
    assert result.returncode == EXIT_OK, result.stderr[-2000:]
    store = sqlite_utils.Database(db)
    statuses = {row["key"]: (row["crawl_status"], row["pages"]) for row in store["sites"].rows}
    assert set(statuses) == {"tinh", "xa-a", "xa-b"}
    assert all(status == "ok" and pages > 0 for status, pages in statuses.values())
    assert next(store.query("select status from audits"))["status"] == "complete"
