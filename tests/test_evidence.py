"""The audit's web archive (docs/evidence.md): every judged answer kept as WARC records beside
the store, each page row pointing to its record with the payload's SHA-256, each finding
carrying its page's digest and capture time; `auditor evidence verify` re-checks them.

Real servers on 127.0.0.1, real audits in a child process, the WARCs read back with warcio.
"""

from __future__ import annotations

import gzip
import hashlib
import zlib
import re
import signal
import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from scrapy.http import Request, Response
from warcio.archiveiterator import ArchiveIterator

from auditing import FAST, registry_for
from conftest import export, run_cli
from servers import html, raw, serve
from test_resume import interrupt, portal_routes, resume
from auditor.archive.warcfile import ROLE_HEADER, SiteWarc, archive_root
from auditor.archive.verify import read_payload
from auditor.exit_codes import EXIT_OK, EXIT_USAGE

PAGE = "<html><head><title>Trang chủ</title></head><body><a href='/tin'>Tin</a> <a href='/nen'>Nén</a></body></html>"


def gzipped_page() -> tuple:
    body = gzip.compress(b"<html><head><title>Nen</title></head><body><p>noi dung</p></body></html>")
    return raw(body, "text/html; charset=utf-8", **{"Content-Encoding": "gzip"})


@pytest.fixture(scope="module")
def audited(tmp_path_factory):
    routes = {"/": html(PAGE), "/tin": html("<html><body><p>Tin tức</p></body></html>"),
              "/nen": gzipped_page(), "/robots.txt": raw(b"User-agent: *\nAllow: /\n", "text/plain")}
    folder = tmp_path_factory.mktemp("evidence")
    with serve(routes) as site:
        (folder / "sites.toml").write_text(registry_for(("xa", site.url + "/")), encoding="utf-8")
        result = run_cli("audit", folder / "sites.toml", "--db", folder / "audit.db", "--out",
                         folder / "out", "--quiet", *FAST)
    assert result.returncode == EXIT_OK, result.stderr[-2000:]
    return folder / "audit.db"


def rows(db: Path, sql: str) -> list[dict]:
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(row) for row in conn.execute(sql)]


def records(path: Path) -> list:
    """(type, role, target URI) of every record; reading to the end proves the file whole."""
    with path.open("rb") as stream:
        return [(r.rec_type, r.rec_headers.get_header(ROLE_HEADER), r.rec_headers.get_header("WARC-Target-URI"))
                for r in ArchiveIterator(stream)]


def exchange(body: bytes):
    request = Request("http://127.0.0.1:1/trang", meta={"site": "xa", "role": "page"})
    return Response(request.url, status=200, headers={"Content-Type": "text/html"}, body=body,
                    request=request)


def test_the_digest_changes_with_one_byte_of_the_body(tmp_path):
    warc = SiteWarc(tmp_path, "1/xa.warc.gz", None)
    first = warc.write(("GET", "/trang", "HTTP/1.1"), [], exchange(b"<p>Ngay 1/1/2026</p>"), "page", False)
    second = warc.write(("GET", "/trang", "HTTP/1.1"), [], exchange(b"<p>Ngay 2/1/2026</p>"), "page", False)
    warc.close()
    assert first.payload_sha256 != second.payload_sha256
    assert first.payload_sha256 == hashlib.sha256(b"<p>Ngay 1/1/2026</p>").hexdigest()
    path = tmp_path / "1" / "xa.warc.gz"
    assert read_payload(path, second.warc_offset) == ("response", second.warc_record_id, b"<p>Ngay 2/1/2026</p>")


def test_each_page_row_points_to_its_record_and_digest(audited):
    pages = rows(audited, "select url, status, warc_file, warc_record_id, warc_offset, warc_date, "
                          "payload_sha256 from pages")
    assert {page["url"].rsplit("/", 1)[1] for page in pages} >= {"", "tin", "nen", "sitemap.xml"}
    root = archive_root(audited)
    for page in pages:
        assert page["warc_file"] == "1/xa.warc.gz" and page["warc_date"].endswith("Z")
        kind, record_id, payload = read_payload(root / page["warc_file"], page["warc_offset"])
        assert (kind, record_id) == ("response", page["warc_record_id"])
        assert hashlib.sha256(payload).hexdigest() == page["payload_sha256"]
    compressed = next(page for page in pages if page["url"].endswith("/nen"))
    payload = read_payload(root / compressed["warc_file"], compressed["warc_offset"])[2]
    assert payload[:2] == b"\x1f\x8b"  # archived as received: still gzip, before decompression
    kinds = Counter((kind, role) for kind, role, _ in records(root / "1" / "xa.warc.gz"))
    assert kinds[("response", "robots")] == 1 and kinds[("request", "page")] == kinds[("response", "page")]


def test_findings_carry_their_pages_digest_and_capture_time(audited):
    pages = {row["url"]: row for row in rows(audited, "select url, final_url, payload_sha256, warc_date from pages")}
    findings = rows(audited, "select rule, url, page_sha256, captured_at from findings")
    on_pages = [finding for finding in findings if finding["url"] in pages]
    assert on_pages
    for finding in on_pages:
        page = pages[finding["url"]]
        assert (finding["page_sha256"], finding["captured_at"]) == (page["payload_sha256"], page["warc_date"])
    # The JSON export (and SARIF, built from it) carries them too: CI keeps the proof.
    exported = {(f["rule"], f["url"]): f for f in export(audited)["findings"]}
    for finding in on_pages:
        mine = exported[(finding["rule"], finding["url"])]
        assert (mine["page_sha256"], mine["captured_at"]) == (finding["page_sha256"], finding["captured_at"])


def test_verify_passes_then_names_the_altered_record_and_the_missing_file(audited, tmp_path):
    result = run_cli("evidence", "verify", archive_root(audited), "--db", audited)
    assert result.returncode == EXIT_OK, result.stdout + result.stderr
    assert "match their WARC records" in result.stdout
    # Alter one byte of the last page's payload, in its own gzip member (records of the sitemap
    # or robots.txt may follow it; the members after it are kept as they were).
    last = rows(audited, "select warc_file, warc_record_id, warc_offset from pages order by warc_offset desc limit 1")[0]
    original = (archive_root(audited) / last["warc_file"]).read_bytes()
    reader = zlib.decompressobj(wbits=31)
    member = reader.decompress(original[last["warc_offset"]:])
    rest = reader.unused_data
    altered = member[:-5] + bytes([member[-5] ^ 1]) + member[-4:]  # a body byte before the record's CRLFs
    copy = tmp_path / "xa.warc.gz"
    copy.write_bytes(original[:last["warc_offset"]] + gzip.compress(altered) + rest)
    result = run_cli("evidence", "verify", copy, "--db", audited)
    assert result.returncode == EXIT_USAGE
    assert f"MISMATCH 1/xa.warc.gz {last['warc_record_id']}" in result.stdout
    assert "differs from the stored" in result.stdout and "Traceback" not in result.stderr
    copy.unlink()
    (tmp_path / "1").mkdir()
    result = run_cli("evidence", "verify", tmp_path, "--db", audited)
    assert result.returncode == EXIT_USAGE and "the WARC file is missing" in result.stdout


def test_a_check_archives_only_when_asked(tmp_path):
    with serve({"/": html(PAGE)}, fallback=lambda path: html("<p>x</p>", 404)) as site:
        for flag, expected in (((), False), (("--archive",), True)):
            db = tmp_path / f"check{len(flag)}.db"
            result = run_cli("check", site.url + "/", "--db", db, "--no-report", "--quiet", *flag)
            assert result.returncode in (0, 1), result.stderr[-2000:]  # pass, or findings
            assert archive_root(db).exists() is expected


def test_an_audit_archives_unless_told_not_to(tmp_path):
    with serve({"/": html(PAGE)}, fallback=lambda path: html("<p>x</p>", 404)) as site:
        registry = tmp_path / "sites.toml"
        registry.write_text(registry_for(("xa", site.url + "/")), encoding="utf-8")
        for flag, expected in ((("--no-archive",), False), ((), True)):
            db = tmp_path / f"audit{len(flag)}.db"
            result = run_cli("audit", registry, "--db", db, "--out", tmp_path / "out", "--quiet",
                             "--variant-pages", "0", *flag)
            assert result.returncode == 0, result.stderr[-2000:]
            assert archive_root(db).exists() is expected


def test_kill_9_then_resume_leaves_a_readable_warc_with_each_page_once(tmp_path):
    with serve(portal_routes(), delay=0.12) as slow:
        registry = registry_for(("cham", slow.url + "/"))
        code, _ = interrupt(tmp_path, registry, signal.SIGKILL, after_pages=10)
        assert code == -signal.SIGKILL
        code, stderr = resume(tmp_path)
    assert code == 0, stderr[-2000:]
    db = tmp_path / "audit.db"
    warc = archive_root(db) / "1" / "cham.warc.gz"
    pages = [kind_role_uri[2] for kind_role_uri in records(warc) if kind_role_uri[:2] == ("response", "page")]
    assert pages and max(Counter(pages).values()) == 1  # no page archived twice
    stored = rows(db, "select final_url from pages where warc_file != ''")
    assert sorted(pages) == sorted(row["final_url"] for row in stored)
    result = run_cli("evidence", "verify", archive_root(db), "--db", db)
    assert result.returncode == EXIT_OK, result.stdout


def test_the_reports_appendix_shows_each_pages_capture_and_the_warc_payloads_digest(audited):
    from bs4 import BeautifulSoup

    report = next((audited.parent / "out").rglob("*xa*.html"))
    soup = BeautifulSoup(report.read_text(encoding="utf-8"), "lxml")
    captures = [span.get_text(" ", strip=True) for span in soup.select("#appendix .capture")]
    root = archive_root(audited)
    archived = {hashlib.sha256(read_payload(root / page["warc_file"], page["warc_offset"])[2]).hexdigest():
                page["warc_date"] for page in rows(audited, "select warc_file, warc_offset, warc_date from pages")}
    assert captures
    for text in captures:  # "lưu lúc <time>, SHA-256 <digest> · bản lưu"
        digest = re.search(r"SHA-256 ([0-9a-f]{64})", text).group(1)
        assert digest in archived and archived[digest] in text


def test_reopening_cuts_a_torn_tail_and_the_records_no_page_points_to(tmp_path):
    warc = SiteWarc(tmp_path, "1/xa.warc.gz", None)
    kept = warc.write(("GET", "/a", "HTTP/1.1"), [], exchange(b"<p>a</p>"), "page", False)
    lost = warc.write(("GET", "/b", "HTTP/1.1"), [], exchange(b"<p>b</p>"), "page", False)
    warc.close()
    path = tmp_path / "1" / "xa.warc.gz"
    whole = path.read_bytes()
    path.write_bytes(whole + whole[lost.warc_offset:lost.warc_offset + 40])  # a member torn by a kill
    warc = SiteWarc(tmp_path, "1/xa.warc.gz", kept.warc_offset)  # the store points to /a only
    again = warc.write(("GET", "/b", "HTTP/1.1"), [], exchange(b"<p>b</p>"), "page", False)
    warc.close()
    assert read_payload(path, kept.warc_offset)[2] == b"<p>a</p>"
    assert read_payload(path, again.warc_offset)[:2] == ("response", again.warc_record_id)
    assert [kind for kind, _, _ in records(path)] == ["warcinfo", "request", "response", "request", "response"]


def test_an_archive_that_cannot_be_written_stops_the_audit_resumable(tmp_path):
    """As a full disk would: the audit stops (interrupted, exit 2) and --resume finishes it."""
    archive_root(tmp_path / "audit.db").write_text("not a folder")  # every write fails
    routes = {"/": html(PAGE), "/tin": html("<p>Tin</p>")}
    with serve(routes, fallback=lambda path: html("<p>x</p>", 404)) as site:
        (tmp_path / "sites.toml").write_text(registry_for(("xa", site.url + "/")), encoding="utf-8")
        common = ("--db", tmp_path / "audit.db", "--out", tmp_path / "out", "--quiet", *FAST)
        result = run_cli("audit", tmp_path / "sites.toml", *common)
        assert result.returncode == EXIT_USAGE and "web archive cannot be written" in result.stderr
        assert "Traceback" not in result.stderr
        archive_root(tmp_path / "audit.db").unlink()
        result = run_cli("audit", "--resume", *common)
    assert result.returncode == EXIT_OK, result.stderr[-2000:]
    pages = rows(tmp_path / "audit.db", "select url, payload_sha256 from pages")
    assert pages and all(page["payload_sha256"] for page in pages)
    assert run_cli("evidence", "verify", archive_root(tmp_path / "audit.db"), "--db",
                   tmp_path / "audit.db").returncode == EXIT_OK


def test_an_audit_run_as_jobs_archives_into_the_audits_own_folder(tmp_path):
    """Each job crawls into a shard store of its own; its pages still point to <db>.warc/<audit>/."""
    with serve({"/": html(PAGE)}, fallback=lambda path: html("<p>x</p>", 404)) as one, \
            serve({"/": html(PAGE)}, fallback=lambda path: html("<p>x</p>", 404)) as two:
        (tmp_path / "sites.toml").write_text(registry_for(("mot", one.url + "/"), ("hai", two.url + "/")),
                                             encoding="utf-8")
        result = run_cli("audit", tmp_path / "sites.toml", "--db", tmp_path / "audit.db", "--out",
                         tmp_path / "out", "--quiet", *FAST[2:], "--workers", "2")
    assert result.returncode == EXIT_OK, result.stderr[-2000:]
    db = tmp_path / "audit.db"
    files = {row["warc_file"] for row in rows(db, "select warc_file from pages")}
    assert files == {"1/mot.warc.gz", "1/hai.warc.gz"}
    result = run_cli("evidence", "verify", archive_root(db), "--db", db)
    assert result.returncode == EXIT_OK, result.stdout + result.stderr
