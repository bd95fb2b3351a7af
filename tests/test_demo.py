"""`auditor demo` end to end: serve the demo province, audit it, say where the results are."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from auditor.exit_codes import EXIT_OK
from auditor import toml
from auditor.demo.server import DEMO_ROOT
from conftest import export, run_cli


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    result = run_cli("demo", "--out", out, "--quiet")
    assert result.returncode == EXIT_OK, result.stderr[-3000:]
    return out, result


def test_the_demo_prints_where_its_database_and_reports_are(demo):
    out, result = demo
    db = re.search(r"Database: (.+)", result.stdout).group(1).strip()
    reports = re.search(r"Reports: +(.+)", result.stdout).group(1).strip()
    assert Path(db) == (out / "demo.db").resolve() and Path(db).is_file()
    assert Path(reports).is_dir()


def test_export_lists_every_demo_site_with_its_status_and_pages(demo):
    out, _ = demo
    document = export(out / "demo.db")
    registry = toml.loads((DEMO_ROOT / "sites.toml").read_text(encoding="utf-8"))
    expected_ids = [site["id"] for site in registry["site"]]
    sites = {site["id"]: site for site in document["sites"]}
    assert list(sites) == expected_ids
    assert sites["vinh-o"]["status"] == "unreachable" and sites["vinh-o"]["reason"].startswith("refused")
    for site_id in expected_ids:
        if site_id != "vinh-o":
            assert sites[site_id]["status"] == "ok" and sites[site_id]["pages"] >= 8, sites[site_id]
    assert {site["level"] for site in sites.values()} == {"tinh", "huyen", "xa"}


def test_the_portal_and_its_components_are_crawled_apart_over_https(demo):
    out, _ = demo
    document = export(out / "demo.db")
    portal = next(site for site in document["sites"] if site["id"] == "quang-tri")
    assert portal["url"].startswith("https://127.0.0.1:")
    import sqlite_utils

    db = sqlite_utils.Database(out / "demo.db")
    urls = [row["url"] for row in db.query(
        "select p.url from pages p join sites s on s.id = p.site_id where s.key = 'quang-tri'")]
    assert urls and not any("/xa-huong-lap" in url or "/xa-tan-lap" in url for url in urls)
