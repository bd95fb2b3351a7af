"""Politeness per host: sites under one host share one download slot, its robots.txt (read once)
and its Crawl-delay, and take turns in it (auditor/crawl/hosts.py, fair_queue.py)."""

from __future__ import annotations

import sqlite3
import statistics

from conftest import run_cli, write_registry
from servers import html, serve

SITES = 20


def commune_routes(count: int, pages: int) -> dict:
    """``count`` commune sites under /xa-N/, each a home page linking ``pages`` pages."""
    routes = {"/robots.txt": (200, {"Content-Type": "text/plain"},
                              b"User-agent: *\nCrawl-delay: 1\n")}
    for n in range(count):
        links = " ".join(f'<a href="/xa-{n}/p{i}">{i}</a>' for i in range(pages))
        routes[f"/xa-{n}/"] = html(f"<h1>Xã {n}</h1>{links}")
        routes.update({f"/xa-{n}/p{i}": html(f"<p>xã {n} trang {i}</p>") for i in range(pages)})
    return routes


def registry_of(base: str, count: int) -> str:
    return "\n".join(f'[[site]]\nid = "xa-{n}"\nname = "Xã {n}"\nlevel = "xa"\nurl = "{base}/xa-{n}/"\n'
                     for n in range(count))


def test_twenty_sites_under_one_host_get_one_request_a_second_in_all_and_each_its_turn(tmp_path):
    with serve(commune_routes(SITES, pages=1)) as server:
        registry = write_registry(tmp_path, registry_of(server.url, SITES))
        # --max-time bounds the test: 20 s of crawling are enough to see the spacing and turns.
        result = run_cli("audit", registry, "--db", tmp_path / "a.db", "--out", tmp_path / "out",
                         "--quiet", "--max-time", "22", "-s", "AUDITOR_TLS_CHECK_TIMEOUT=0")
    assert result.returncode == 0, result.stderr[-3000:]
    hits = server.hits
    assert [hit.path for hit in hits].count("/robots.txt") == 1  # read once for the host
    gaps = [later.at - earlier.at for earlier, later in zip(hits, hits[1:])]
    assert len(gaps) >= 15, len(gaps)
    # One request a second to the host in all (not one per site): the 10th percentile too.
    assert min(gaps) >= 0.9 and statistics.median(gaps) < 1.5, gaps
    first_turns = [path for path in (hit.path for hit in hits[:SITES + 3])]
    homes = {path for path in first_turns if path.count("/") == 2 and path.endswith("/")}
    assert homes == {f"/xa-{n}/" for n in range(SITES)}, first_turns  # no site waits for another


def test_host_concurrency_lets_an_owner_allow_more(tmp_path):
    """Without Crawl-delay, --host-concurrency raises the host's requests in flight."""
    routes = commune_routes(4, pages=6)
    del routes["/robots.txt"]
    with serve(routes, delay=0.2) as server:
        registry = write_registry(tmp_path, registry_of(server.url, 4))
        result = run_cli("audit", registry, "--db", tmp_path / "a.db", "--out", tmp_path / "out",
                         "--quiet", "--host-concurrency", "127.0.0.1=6",
                         "-s", "AUDITOR_TLS_CHECK_TIMEOUT=0", "-s", "AUTOTHROTTLE_START_DELAY=0.01")
    assert result.returncode == 0, result.stderr[-3000:]
    starts = sorted(hit.at for hit in server.hits)
    # Requests that began within one 0.2 s answer of each other were in flight together.
    most = max(sum(1 for other in starts if start <= other < start + 0.19) for start in starts)
    assert most > 2, most  # the default would hold the host to 2


def test_host_concurrency_must_be_a_count(tmp_path):
    registry = write_registry(tmp_path, registry_of("http://127.0.0.1:9", 1))
    result = run_cli("audit", registry, "--db", tmp_path / "a.db", "--host-concurrency", "x=lots")
    assert result.returncode == 2 and "--host-concurrency" in result.stderr


def test_the_sites_of_a_host_take_turns_whatever_their_backlog():
    """A site with a long queue does not hold back one found later: turns alternate, and each
    site's own priorities (robots.txt, home page, breadth first) still order its requests."""
    from scrapy import Request
    from scrapy.squeues import FifoMemoryQueue
    from scrapy.utils.test import get_crawler

    from auditor.crawl.fair_queue import SiteRing

    ring = SiteRing(get_crawler(), FifoMemoryQueue, "")
    for i in range(30):
        ring.push(Request(f"http://h/big/{i}", meta={"site": "big"}, priority=-1))
    ring.push(Request("http://h/small/deep", meta={"site": "small"}, priority=-2))
    ring.push(Request("http://h/small/", meta={"site": "small"}, priority=50))
    order = [ring.pop().url for _ in range(5)]
    assert order == ["http://h/big/0", "http://h/small/", "http://h/big/1", "http://h/small/deep",
                     "http://h/big/2"]
    assert len(ring) == 27 and ring.close() is not None


def most_sites_open_at_once(hits) -> int:
    """The most sites whose first and last request to the server enclose one moment."""
    spans: dict[str, list[float]] = {}
    for hit in hits:
        site = hit.path.split("/")[1]
        if site.startswith("xa-"):
            spans.setdefault(site, [hit.at, hit.at])[1] = hit.at
    return max(sum(1 for first, last in spans.values() if first <= start <= last)
               for start, _ in spans.values())


def test_a_host_with_hundreds_of_sites_crawls_a_window_of_them_at_a_time(tmp_path):
    """AUDITOR_HOST_ACTIVE_SITES: a host's sites begin as others finish (memory flat with
    sites: auditor/crawl/site_window.py), and every one of them is audited."""
    count, window = 210, 6
    routes = commune_routes(count, pages=1)
    del routes["/robots.txt"]  # no Crawl-delay: the test is fast
    with serve(routes) as server:
        registry = write_registry(tmp_path, registry_of(server.url, count))
        result = run_cli("audit", registry, "--db", tmp_path / "a.db", "--out", tmp_path / "out",
                         "--quiet", "--host-concurrency", "127.0.0.1=8",
                         "-s", f"AUDITOR_HOST_ACTIVE_SITES={window}", "-s", "AUTOTHROTTLE_ENABLED=false",
                         "-s", "AUDITOR_TLS_CHECK_TIMEOUT=0", "-s", "AUDITOR_IPV6_CHECK_TIMEOUT=0",
                         "-s", "AUDITOR_A11Y_PAGES=0")
    assert result.returncode == 0, result.stderr[-3000:]
    paths = server.paths()
    assert all(f"/xa-{n}/p0" in paths for n in range(count))  # every site crawled to its page
    # The window holds, and sites inside it take turns (more than one crawls at a time).
    assert 1 < most_sites_open_at_once(server.hits) <= window
    store = sqlite3.connect(tmp_path / "a.db")
    statuses = dict(store.execute("SELECT crawl_status, COUNT(*) FROM sites GROUP BY crawl_status"))
    judged = store.execute("SELECT COUNT(DISTINCT site_id) FROM findings WHERE url IS NULL").fetchone()[0]
    assert statuses == {"ok": count} and judged == count, (statuses, judged)
