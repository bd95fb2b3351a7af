"""Resuming audits interrupted by Ctrl-C (SIGINT) or killed outright (kill -9).

Real processes, real signals: `auditor audit` runs in a child process against a site slowed
down enough to be interrupted mid-crawl; `auditor audit --resume` then finishes the audit. The
result must hold the same pages as an uninterrupted audit of the same site, none lost, none
stored twice, and no page already stored may be fetched again.
"""

from __future__ import annotations

import signal
import sqlite3
import time
from collections import Counter
from pathlib import Path

import pytest

from auditing import FAST, cli, finish, registry_for
from conftest import export, run_cli
from servers import html, serve
from auditor.exit_codes import EXIT_OK, EXIT_USAGE

SECTIONS = ("gioi-thieu", "tin-tuc", "van-ban", "thu-tuc", "lien-he")


def portal_routes() -> dict:
    """A portal of 56 pages: sections of ten articles, each article linking to the next."""
    routes = {"/": _page(*(f"/{section}/" for section in SECTIONS), "/tai-lieu/ke-hoach.pdf")}
    for section in SECTIONS:
        routes[f"/{section}/"] = _page("/", *(f"/{section}/bai-{n}" for n in range(10)))
        for n in range(10):
            routes[f"/{section}/bai-{n}"] = _page(f"/{section}/", f"/{section}/bai-{(n + 1) % 10}")
    routes["/tai-lieu/ke-hoach.pdf"] = (200, {"Content-Type": "application/pdf"}, b"%PDF-1.4")
    return routes


def _page(*paths: str) -> tuple:
    return html("<html><body>" + " ".join(f'<a href="{p}">{p}</a>' for p in paths) + "</body></html>")


# Small batches: a kill -9 lands between or during writes. Timeouts are not under test here.
SLOW = ("-s", "AUDITOR_BATCH=2", "-s", "DOWNLOAD_TIMEOUT=10")


@pytest.fixture(scope="module")
def portal():
    """The slow portal and a small fast site, served for the module's audits."""
    with serve(portal_routes(), delay=0.12) as slow, serve({"/": _page("/a"), "/a": _page()}) as fast:
        yield slow, fast, registry_for(("cham", slow.url + "/"), ("nhanh", fast.url + "/"))


@pytest.fixture(scope="module")
def uninterrupted(portal, tmp_path_factory):
    slow, _, registry = portal
    folder = tmp_path_factory.mktemp("whole")
    (folder / "sites.toml").write_text(registry, encoding="utf-8")
    result = run_cli("audit", folder / "sites.toml", "--db", folder / "audit.db", "--out",
                     folder / "out", "--quiet", *FAST, *SLOW)
    assert result.returncode == EXIT_OK, result.stderr[-2000:]
    return stored(folder / "audit.db"), findings(folder / "audit.db")


def stored(db: Path) -> dict[str, list[str]]:
    """Per site, the URL of every stored page (a list: doubles would show)."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute("select s.key, p.url from pages p join sites s on s.id = p.site_id").fetchall()
    pages: dict[str, list[str]] = {}
    for site, url in rows:
        pages.setdefault(site, []).append(url.split("/", 3)[3])
    return pages


def findings(db: Path) -> dict[str, tuple[str, int]]:
    """Each finding's rule and count, by fingerprint: a page judged twice would count twice."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute("select fingerprint, rule, count from findings").fetchall()
    return {fingerprint: (rule, count) for fingerprint, rule, count in rows}


def pages_stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("select count(*) from pages").fetchone()[0]
    except sqlite3.Error:
        return 0


def interrupt(folder: Path, registry: str, how: int, after_pages: int) -> tuple[int, str]:
    """Start an audit, send ``how`` once ``after_pages`` pages are stored; (exit code, stderr)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sites.toml").write_text(registry, encoding="utf-8")
    db = folder / "audit.db"
    process = cli("audit", folder / "sites.toml", "--db", db, "--out", folder / "out", "--quiet",
                  *FAST, *SLOW)
    deadline = time.monotonic() + 60
    while pages_stored(db) < after_pages:
        assert process.poll() is None, "the audit ended before it could be interrupted"
        assert time.monotonic() < deadline, "the audit stored no pages"
        time.sleep(0.05)
    process.send_signal(how)
    code, _, stderr, _ = finish(process, 60)
    return code, stderr


def resume(folder: Path, *options: str) -> tuple[int, str]:
    process = cli("audit", "--resume", *options, "--db", folder / "audit.db", "--out",
                  folder / "out", "--quiet", *FAST, *SLOW)
    code, _, stderr, _ = finish(process, 120)
    return code, stderr


def integrity(db: Path) -> tuple[str, list]:
    with sqlite3.connect(db) as conn:
        return conn.execute("pragma integrity_check").fetchone()[0], \
            conn.execute("pragma foreign_key_check").fetchall()


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGKILL], ids=["sigint", "kill-9"])
def test_an_interrupted_audit_resumes_to_the_same_pages(portal, uninterrupted, tmp_path, how):
    slow, fast, registry = portal
    whole_pages, whole_findings = uninterrupted
    slow.hits.clear()
    code, stderr = interrupt(tmp_path, registry, how, after_pages=14)
    db = tmp_path / "audit.db"
    assert integrity(db) == ("ok", [])
    before = stored(db)
    assert 14 <= sum(map(len, before.values())) < sum(map(len, whole_pages.values()))
    if how == signal.SIGINT:
        assert code == 2 and "auditor audit --resume 1" in stderr
        assert export(db)["audit"]["status"] == "interrupted"
    else:
        assert code == -signal.SIGKILL
    hits_before = len(slow.hits)

    code, stderr = resume(tmp_path)
    assert code == 0, stderr[-2000:]
    after = stored(db)
    for site in ("cham", "nhanh"):
        assert Counter(after[site]) == Counter(whole_pages[site])  # same pages, none doubled
    assert findings(db) == whole_findings and whole_findings  # same findings, counted once
    fetched_again = [hit.path for hit in slow.hits[hits_before:] if hit.method == "GET"]
    assert not set(fetched_again) & {"/" + url for url in before.get("cham", [])}
    document = export(db)
    assert document["audit"]["status"] == "complete" and len(document["sites"]) == 2
    assert {site["id"]: site["status"] for site in document["sites"]} == {"cham": "ok", "nhanh": "ok"}
    assert integrity(db) == ("ok", [])
    with sqlite3.connect(db) as conn:
        attachments = conn.execute("select url from attachments").fetchall()
    assert len(attachments) == 1  # checked once, whichever run did it


def test_resume_keeps_the_page_budget_counting_stored_pages(portal, tmp_path):
    _, _, registry = portal
    interrupt(tmp_path, registry, signal.SIGINT, after_pages=10)
    code, stderr = resume(tmp_path, "--max-pages", "20")
    assert code == 0, stderr[-2000:]
    document = export(tmp_path / "audit.db")
    slow_site = next(site for site in document["sites"] if site["id"] == "cham")
    assert slow_site["status"] == "partial" and slow_site["pages"] <= 20
    assert slow_site["reason"].startswith("page budget")


def test_resume_refuses_when_there_is_nothing_to_resume(tmp_path, portal):
    _, fast, _ = portal
    (tmp_path / "sites.toml").write_text(registry_for(("nhanh", fast.url + "/")), encoding="utf-8")
    db = tmp_path / "audit.db"
    assert run_cli("audit", tmp_path / "sites.toml", "--db", db, "--quiet", "--out",
                   tmp_path / "out", *FAST).returncode == EXIT_OK
    result = run_cli("audit", "--resume", "--db", db, "--quiet", "--out", tmp_path / "out")
    assert result.returncode == EXIT_USAGE
    assert "no interrupted audit to resume" in result.stderr
    result = run_cli("audit", "--resume", "1", "--db", db, "--quiet", "--out", tmp_path / "out")
    assert result.returncode == EXIT_USAGE and "audit 1 is complete; nothing to resume" in result.stderr
    result = run_cli("audit", "--resume", "--db", tmp_path / "nothing.db", "--out", tmp_path / "out")
    assert result.returncode == EXIT_USAGE and "nothing.db: no such audit store to resume" in result.stderr
    assert not (tmp_path / "nothing.db").exists()
    result = run_cli("audit", "--db", db, "--out", tmp_path / "out")
    assert result.returncode == EXIT_USAGE and "give a REGISTRY file (sites.toml), or --resume" in result.stderr
