"""The crawl over real HTTP on 127.0.0.1: scope, robots.txt, Crawl-delay, traps, bounds, status."""

from __future__ import annotations

import re
import socket

import sqlite_utils

from conftest import export, run_cli, write_registry
from servers import html, serve
from auditor.exit_codes import EXIT_OK


def registry_for(*sites: tuple[str, str, str]) -> str:
    return "\n".join(
        f'[[site]]\nid = "{sid}"\nname = "Site {sid}"\nlevel = "{level}"\nurl = "{url}"\n'
        for sid, level, url in sites)


def audit(tmp_path, registry_text: str, *options: str) -> tuple[dict, sqlite_utils.Database]:
    path = write_registry(tmp_path, registry_text)
    db = tmp_path / "audit.db"
    result = run_cli("audit", path, "--db", db, "--out", tmp_path / "out", "--quiet", *options)
    assert result.returncode == EXIT_OK, result.stderr[-3000:]
    return export(db), sqlite_utils.Database(db)


def pages_of(db, site: str) -> list[str]:
    return [row["url"] for row in db.query(
        "select p.url from pages p join sites s on s.id = p.site_id where s.key = ? order by p.url", [site])]


def test_the_store_holds_what_was_crawled(tmp_path, shared_host):
    _, registry = shared_host
    document, db = audit(tmp_path, registry.read_text())
    sites = {site["id"]: site for site in document["sites"]}
    assert set(sites) == {"tinh", "xa-a", "xa-b"}
    assert all(site["status"] == "ok" for site in sites.values())
    for site_id, site in sites.items():
        assert site["pages"] == len(pages_of(db, site_id)) > 0
    home = next(db.query("select * from pages where url like '%/xa-a/'"))
    assert home["title"] == "Xã a" and home["status"] == 200 and home["lang"] == "vi"
    nav = [row["text"] for row in db.query(
        "select text from links where page_id = ? and region = 'nav'", [home["id"]])]
    assert nav == ["Giới thiệu", "Tin tức"]
    assert db["pages"].foreign_keys and db["links"].foreign_keys and db["findings"].foreign_keys
    assert db.execute("pragma journal_mode").fetchone()[0] == "wal"
    audit_row = next(db.query("select * from audits"))
    assert audit_row["status"] == "complete" and audit_row["finished_at"]


def test_sites_on_a_shared_host_stay_within_their_prefix(tmp_path, shared_host):
    _, registry = shared_host
    _, db = audit(tmp_path, registry.read_text())
    a, b, tinh = pages_of(db, "xa-a"), pages_of(db, "xa-b"), pages_of(db, "tinh")
    assert a and all(re.search(r":\d+/xa-a(/|$)", url) for url in a)
    assert b and all(re.search(r":\d+/xa-b(/|$)", url) for url in b)
    assert not any("/xa-a" in url or "/xa-b" in url for url in tinh)
    assert not any("/admin/" in url for url in tinh)  # robots.txt Disallow: /admin/
    # /xa-b redirects to /xa-b/: one page, not two
    assert len([u for u in b if re.search(r"/xa-b/?$", u)]) == 1


def test_attachments_are_checked_with_head_not_downloaded(tmp_path):
    pdf = b"%PDF-1.4\n" + b"0" * 200_000
    routes = {
        "/": html('<a href="/a.pdf">A</a> <a href="/b.docx">B</a> <a href="/page">P</a>'),
        "/page": html("<p>page</p>"),
        "/a.pdf": (200, {"Content-Type": "application/pdf"}, pdf),
    }
    with serve(routes) as server:
        _, db = audit(tmp_path, registry_for(("s", "xa", server.url + "/")))
    assert "/a.pdf" in server.paths("HEAD") and "/a.pdf" not in server.paths("GET")
    checks = {row["url"].rsplit("/", 1)[1]: row["status"] for row in db["attachments"].rows}
    assert checks == {"a.pdf": 200, "b.docx": 404}


def test_robots_disallow_and_crawl_delay_are_honoured(tmp_path):
    links = " ".join(f'<a href="/p{i}">{i}</a>' for i in range(5))
    routes = {
        "/robots.txt": (200, {"Content-Type": "text/plain"},
                        b"User-agent: *\nDisallow: /private/\nCrawl-delay: 1\n"),
        "/": html(f'{links} <a href="/private/x">secret</a>'),
        **{f"/p{i}": html(f"<p>page {i}</p>") for i in range(5)},
    }
    with serve(routes) as server:
        audit(tmp_path, registry_for(("s", "xa", server.url + "/")), "--contact", "https://so.example/lien-he")
    hits = [hit for hit in server.hits if hit.path != "/robots.txt"]
    assert not any(hit.path.startswith("/private") for hit in hits)
    assert {f"/p{i}" for i in range(5)} <= {hit.path for hit in hits}
    gaps = [b.at - a.at for a, b in zip(hits, hits[1:])]
    assert len(gaps) >= 5 and min(gaps) >= 0.9, gaps  # Crawl-delay: 1 second between requests
    user_agent = hits[0].user_agent
    assert "vngov-auditor" in user_agent and "https://so.example/lien-he" in user_agent


def test_a_site_that_robots_txt_closes_is_blocked_not_crawled(tmp_path):
    routes = {"/robots.txt": (200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /\n"),
              "/": html("<p>home</p>")}
    with serve(routes) as server:
        document, _ = audit(tmp_path, registry_for(("s", "xa", server.url + "/")))
    site = document["sites"][0]
    assert site["status"] == "blocked" and "robots.txt" in site["reason"] and site["pages"] == 0
    assert server.paths() == ["/robots.txt"]


def _calendar(path: str):
    """An endless calendar, session ids and a path loop: every page links to new URLs."""
    n = int(re.findall(r"\d+", path)[-1]) if re.findall(r"\d+", path) else 0
    return html(f'<a href="/lich?thang={n + 1}">sau</a> <a href="/vi/vi{path}">vi</a>'
                f' <a href="/tin/{n + 1};jsessionid={n}">tin</a> <a href="/loc?a={n}&b={n + 1}">lọc</a>')


def test_a_trap_site_stays_within_its_budget_and_is_partial(tmp_path):
    with serve({}, fallback=_calendar) as server:
        document, db = audit(tmp_path, registry_for(("trap", "xa", server.url + "/")),
                             "--max-pages", "40")
    site = document["sites"][0]
    assert site["status"] == "partial" and "page budget" in site["reason"]
    assert site["pages"] <= 41  # the budget, plus sitemap.xml
    fetched = server.paths("GET")
    assert not any(p.count("/vi") > 2 for p in fetched)  # repeated segments refused
    assert not any("jsessionid" in p for p in fetched)  # session ids canonicalised away


def test_an_unreachable_site_says_why(tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    document, _ = audit(tmp_path, registry_for(("gone", "xa", f"http://127.0.0.1:{port}/")))
    site = document["sites"][0]
    assert site["status"] == "unreachable" and site["reason"].startswith("refused")


def test_a_forbidden_home_page_is_blocked(tmp_path):
    with serve({"/": html("<p>no</p>", status=403)}) as server:
        document, _ = audit(tmp_path, registry_for(("s", "xa", server.url + "/")))
    assert document["sites"][0]["status"] == "blocked"
    assert "403" in document["sites"][0]["reason"]
