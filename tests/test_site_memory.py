"""Memory flat with the number of sites (issue 14): once a site's crawl is over, nothing of it
is kept by the crawl (its crawl state, WARC file, judging context, time limit); its result is
in the store by then, as complete as when every site was kept to the crawl's end."""

from __future__ import annotations

import gzip
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from conftest import write_registry
from servers import html, serve

TESTS = Path(__file__).resolve().parent
SITES, WINDOW = 24, 3


def commune_routes(count: int) -> dict:
    routes = {"/robots.txt": (200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /admin/\n")}
    for n in range(count):
        routes[f"/xa-{n}/"] = html(f'<h1>UBND xã {n}</h1><a href="/xa-{n}/tin-tuc">Tin tức</a>')
        routes[f"/xa-{n}/tin-tuc"] = html(f"<h1>Tin tức xã {n}</h1><p>Lịch tiếp công dân.</p>")
    return routes


def registry_of(base: str, count: int) -> str:
    return "\n".join(f'[[site]]\nid = "xa-{n}"\nname = "UBND xã {n}"\nlevel = "xa"\nurl = "{base}/xa-{n}/"\n'
                     for n in range(count))


def test_a_finished_site_leaves_nothing_in_the_crawl_and_all_of_it_in_the_store(tmp_path):
    db, out = tmp_path / "a.db", tmp_path / "left.json"
    with serve(commune_routes(SITES)) as server:
        registry = write_registry(tmp_path, registry_of(server.url, SITES))
        result = subprocess.run(
            [sys.executable, str(TESTS / "crawl_leftovers.py"), str(out), "audit", str(registry),
             "--db", str(db), "--out", str(tmp_path / "out"), "--quiet", "--workers", "1",
             "--host-concurrency", "127.0.0.1=4", "-s", f"AUDITOR_HOST_ACTIVE_SITES={WINDOW}",
             "-s", "AUTOTHROTTLE_ENABLED=false", "-s", "AUDITOR_TLS_CHECK_TIMEOUT=0",
             "-s", "AUDITOR_A11Y_PAGES=0"],
            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    left = json.loads(out.read_text())
    # At most the last window's sites may still be held when the crawl ends (the spider can
    # close before its next turn hands them on); every other site was let go as it finished.
    crawled_last = set(left["crawls"])
    assert len(crawled_last) <= WINDOW, left
    for structure in ("warc_files", "judging_contexts", "time_limits"):
        assert set(left[structure]) <= crawled_last, (structure, left)
    assert left["rows_not_written"] == []

    # The store holds every site's result, whether it was written as the site finished or
    # at the crawl's end, and every site's WARC file was closed whole.
    store = sqlite3.connect(db)
    store.row_factory = sqlite3.Row
    rows = store.execute("SELECT * FROM sites ORDER BY key").fetchall()
    assert len(rows) == SITES
    for row in rows:
        assert row["crawl_status"] == "ok" and row["reason"] in ("", "[]", None), dict(row)
        assert (row["pages"], row["finished_at"] is not None) == (3, True), dict(row)  # + sitemap.xml
        assert json.loads(row["probe"])["status"] == 0  # no HTTPS on the test server
    assert "Disallow: /admin/" in rows[0]["robots"]  # the host's robots.txt, read with the first site
    judged = store.execute("SELECT COUNT(DISTINCT site_id) FROM findings WHERE url IS NULL").fetchone()[0]
    assert judged == SITES
    for row in rows:
        warc = tmp_path / "a.db.warc" / "1" / f"{row['key']}.warc.gz"
        assert gzip.decompress(warc.read_bytes()).count(b"WARC-Type: response") >= 3
