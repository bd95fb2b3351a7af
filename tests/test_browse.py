"""`auditor browse`: Datasette on 127.0.0.1 over a store of two audits; every canned query
fetched as JSON answers with the right rows."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from auditor.demo.server import closed_port
from auditor.registry import load_registry
from auditor.spiders.facts import Link, PageFacts
from auditor.store.database import Store
from conftest import write_registry

pytest.importorskip("datasette", reason="the browse extra (Datasette) is not installed")

REGISTRY = "".join(f'[[site]]\nid = "{key}"\nname = "UBND xã {key}"\nlevel = "xa"\n'
                   f'url = "https://{key}.quangtri.gov.vn/"\n' for key in ("a", "b", "c"))


def _finding(site_id, rule, severity, url, key=""):
    return {"site_id": site_id, "rule": rule, "severity": severity, "url": url, "title": rule,
            "message": f"{rule} on {url}", "basis": "", "evidence": "{}",
            "fingerprint": f"{rule}|{url}|{key}"}


def _audit(store, registry, findings_of) -> int:
    audit_id = store.new_audit(registry, pack="nd224-2026", settings={}, version="test", pid=0)
    ids = store.site_ids(audit_id)
    for key, row_id in ids.items():
        store.update_site(row_id, crawl_status="ok")
    store.add_findings(audit_id, [_finding(ids[key], *f) for key, f in findings_of])
    store.finish_audit(audit_id)
    return audit_id


def _page_with_links(store) -> None:
    """Pages of the latest audit's site a, each with its links (read by rowid range)."""
    audit_id = store.audit()["id"]
    site_row_id = store.site_ids(audit_id)["a"]
    pages = [PageFacts(site="a", url=f"https://a.quangtri.gov.vn/{n}", final_url=f"https://a.quangtri.gov.vn/{n}",
                       status=200, depth=n, links=[Link(f"https://a.quangtri.gov.vn/{n}/{k}", f"Mục {k}", "nav")
                                                   for k in range(3)]) for n in range(2)]
    store.write_pages(audit_id, [(facts, site_row_id) for facts in pages])


@pytest.fixture(scope="module")
def browsing(tmp_path_factory):
    folder = tmp_path_factory.mktemp("browse")
    registry = load_registry(write_registry(folder, REGISTRY))
    db = folder / "store.db"
    store = Store(db)
    _audit(store, registry, [("a", ("SEC-003", "error", None)), ("b", ("ADS-003", "error", "https://b/x"))])
    _audit(store, registry, [
        ("a", ("SEC-003", "error", None)),  # still open
        ("a", ("FTR-002", "warning", None)),  # new
        ("b", ("ADS-003", "error", "https://b/y")),  # new fingerprint (another page)
        ("c", ("ACC-001", "info", "https://c/")),  # new
    ])
    _page_with_links(store)
    store.close()
    port = closed_port()
    process = subprocess.Popen([sys.executable, "-m", "auditor", "browse", "--db", str(db),
                                "--port", str(port), "--read-only"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=dict(os.environ))
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        yield base, db
    finally:
        process.terminate()
        process.wait(timeout=10)


def _rows(base: str, path: str) -> list[dict]:
    with urllib.request.urlopen(f"{base}{path}{'&' if '?' in path else '?'}_shape=objects", timeout=10) as r:
        return json.load(r)["rows"]


def test_a_sites_findings_in_the_latest_audit(browsing):
    base, _ = browsing
    rows = _rows(base, "/store/phat_hien_cua_website.json?site=a")
    assert [(r["rule"], r["severity"]) for r in rows] == [("SEC-003", "error"), ("FTR-002", "warning")]


def test_findings_new_since_the_previous_audit(browsing):
    base, _ = browsing
    rows = _rows(base, "/store/phat_hien_moi.json")
    assert {(r["site"], r["rule"]) for r in rows} == {("a", "FTR-002"), ("b", "ADS-003"), ("c", "ACC-001")}


def test_sites_ranked_by_score(browsing):
    base, _ = browsing
    rows = _rows(base, "/store/xep_hang_website.json?audit=")
    assert [(r["site"], r["score"]) for r in rows] == [("a", 86), ("b", 90), ("c", 99)]


def test_one_rule_across_the_province(browsing):
    base, _ = browsing
    rows = _rows(base, "/store/mot_quy_tac_toan_tinh.json?rule=ADS-003")
    assert [(r["site"], r["url"]) for r in rows] == [("b", "https://b/y")]


def test_the_links_of_one_page(browsing):
    base, db = browsing
    with sqlite3.connect(db) as conn:
        second = conn.execute("select id from pages where url = 'https://a.quangtri.gov.vn/1'").fetchone()[0]
    rows = _rows(base, f"/store/lien_ket_cua_trang.json?page={second}")
    assert [(r["url"], r["text"]) for r in rows] == [(f"https://a.quangtri.gov.vn/1/{k}", f"Mục {k}")
                                                     for k in range(3)]


def test_tables_are_titled_in_vietnamese_with_facets(browsing):
    base, _ = browsing
    with urllib.request.urlopen(base + "/store/findings_view.json?_facet=family&_shape=objects") as r:
        data = json.load(r)
    families = {f["value"]: f["count"] for f in data["facet_results"]["family"]["results"]}
    assert families == {"SEC": 2, "ADS": 2, "FTR": 1, "ACC": 1}
    with urllib.request.urlopen(base + "/-/metadata.json") as r:
        meta = json.load(r)
    assert meta["databases"]["store"]["tables"]["findings"]["title"] == "Phát hiện"


def test_listens_on_loopback_by_default():
    from auditor.cli.browse import command

    assert next(p for p in command.params if p.name == "host").default == "127.0.0.1"
