"""What is built from the web archive (docs/evidence.md): the inert copy of a page, evidence
bundles with screenshots rendered from the archive, and pruning old audits' archives.

Real servers on 127.0.0.1, real audits in a child process, the system's Chromium through
Playwright (skipped where it is missing), pixels read back with Pillow.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from scrapy.http import Request, Response
from warcio.archiveiterator import ArchiveIterator

from auditing import FAST, registry_for
from browser import chromium
from conftest import run_cli
from servers import html, serve
from auditor.archive.inert import Capture, inert_html
from auditor.archive.screenshot import OUTLINE
from auditor.archive.warcfile import SiteWarc, archive_root, read_answer
from auditor.exit_codes import EXIT_OK, EXIT_USAGE
from auditor.identity import VERSION

# Playwright's client (the `browser` extra), Debian's Chromium, and Pillow (the `pdf` extra) to read pixels.
MISSING = [name for name, absent in (("chromium", chromium() is None),
                                     ("playwright", importlib.util.find_spec("playwright") is None),
                                     ("Pillow", importlib.util.find_spec("PIL") is None)) if absent]


def needs_chromium(test):
    return pytest.mark.browser(pytest.mark.skipif(bool(MISSING), reason=f"missing: {', '.join(MISSING)}")(test))


PLANTED = "https://nhacai-vip.example/keo-bong-da"
BEFORE = "".join(f"<p>Thông báo số {i} của Ủy ban nhân dân xã.</p>" for i in range(80))
AFTER = "".join(f"<p>Tin tức số {i}.</p>" for i in range(60))
HOME = ("<html><head><title>Trang chủ</title></head><body><a href='/tin'>Tin tức</a>" + BEFORE
        + f"<p>Liên kết: <a href='{PLANTED}'>Nhà cái cá cược bóng đá uy tín</a></p>" + AFTER
        + "</body></html>")


def hostile_page(beacon: str) -> str:
    """Every way we know for a page to run code or reach out, each aimed at ``beacon``."""
    return f"""<!DOCTYPE html><html><head><title>Gốc</title>
<base href="{beacon}/base/"><meta http-equiv="refresh" content="0;url={beacon}/refresh">
<link rel="stylesheet" href="{beacon}/style.css"><link rel="prefetch" href="{beacon}/prefetch">
<style>@import url({beacon}/import.css); body {{ background: url({beacon}/bg.png) }}
@font-face {{ font-family: x; src: url({beacon}/font.woff) }}</style>
<script>window.__ran = 1; fetch("{beacon}/fetch"); document.title = "ran";</script>
<script src="{beacon}/script.js"></script></head>
<body onload="window.__ran = 2; new Image().src = '{beacon}/onload'">
<p style="background-image: url('{beacon}/inline.png')">Nội dung trang</p>
<img src="{beacon}/img.png" srcset="{beacon}/img2x.png 2x" onerror="window.__ran = 3">
<img src="javascript:window.__ran=4"><input type="image" src="{beacon}/input.png">
<picture><source srcset="{beacon}/source.webp"><img src="{beacon}/picture.png"></picture>
<video poster="{beacon}/poster.png" src="{beacon}/video.mp4" autoplay></video>
<audio src="{beacon}/audio.mp3" autoplay></audio>
<iframe src="{beacon}/frame"></iframe><iframe srcdoc="<script>parent.__ran=5</script>"></iframe>
<object data="{beacon}/object.swf"></object><embed src="{beacon}/embed.swf">
<svg><script>window.__ran = 6</script><image href="{beacon}/svg.png"/><use href="{beacon}/use.svg#x"/></svg>
<a href="{beacon}/link" ping="{beacon}/ping">liên kết</a><a href="javascript:window.__ran=7">js</a>
<form action="{beacon}/form"><input autofocus onfocus="window.__ran = 8"></form>
<details open ontoggle="window.__ran = 9"><summary>x</summary></details>
<noscript><img src="{beacon}/noscript.png"></noscript>
<table background="{beacon}/table.png"><tr><td>ô</td></tr></table>
</body></html>"""


def archived_exchange(tmp_path: Path, url: str, body: bytes, **headers: str):
    request = Request(url, meta={"site": "xa", "role": "page"})
    response = Response(url, status=200, body=body, request=request,
                        headers={"Content-Type": "text/html; charset=utf-8", **headers})
    warc = SiteWarc(tmp_path, "1/xa.warc.gz", None)
    archived = warc.write(("GET", "/", "HTTP/1.1"), [], response, "page", False)
    warc.close()
    return tmp_path / "1" / "xa.warc.gz", archived


@needs_chromium
def test_an_archived_hostile_page_runs_no_script_and_makes_no_request_in_chromium(tmp_path):
    from playwright.sync_api import sync_playwright

    with serve({}, fallback=lambda path: html("<p>beacon</p>")) as beacon:
        page_url = beacon.url + "/trang"
        path, archived = archived_exchange(tmp_path, page_url, gzip.compress(hostile_page(beacon.url).encode()),
                                           **{"Content-Encoding": "gzip"})
        answer = read_answer(path, archived.warc_offset)
        assert answer.payload_sha256 == archived.payload_sha256  # over the gzip bytes received
        copy = tmp_path / "copy.html"
        copy.write_text(inert_html(answer.body, answer.content_type,
                                   Capture(page_url, archived.warc_date, archived.payload_sha256)), encoding="utf-8")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium(), headless=True,
                                                 args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            requests, console = [], []
            page.on("request", lambda request: requests.append(request.url))
            page.on("console", lambda message: console.append(message.text))
            page.goto(copy.as_uri(), wait_until="load")
            page.focus("input")  # an onfocus handler would fire now
            time.sleep(1.5)  # time for a refresh, a lazy load or a timer to go out
            state = page.evaluate("[window.__ran, document.title, location.href]")
            banner = page.inner_text("#auditor-archived-banner")
            browser.close()
        assert beacon.hits == []
    assert requests == [copy.as_uri()]
    assert state == [None, "Gốc", copy.as_uri()]
    assert f"Bản lưu của {page_url} lúc {archived.warc_date}" in banner
    # The copy alone is clean: the CSP, there as a second wall, had nothing to block.
    assert not [text for text in console if "Content Security Policy" in text], console


def bundle_audits(folder: Path, count: int) -> Path:
    with serve({"/": html(HOME), "/tin": html("<html><body><p>Tin tức</p></body></html>")},
               fallback=lambda path: html("<p>x</p>", 404)) as site:
        (folder / "sites.toml").write_text(registry_for(("xa", site.url + "/")), encoding="utf-8")
        for _ in range(count):
            result = run_cli("audit", folder / "sites.toml", "--db", folder / "audit.db", "--out",
                             folder / "out", "--quiet", *FAST)
            assert result.returncode == EXIT_OK, result.stderr[-2000:]
    return folder / "audit.db"


@pytest.fixture(scope="module")
def two_audits(tmp_path_factory) -> Path:
    return bundle_audits(tmp_path_factory.mktemp("bundle"), 2)


def rows(db: Path, sql: str, *args) -> list[dict]:
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(row) for row in conn.execute(sql, args)]


def planted_finding(manifest: dict) -> dict:
    return next(item for item in manifest["findings"] if item["locator"] == {"href": PLANTED})


def magenta(pixel) -> bool:
    red, green, blue = pixel[:3]
    wanted = tuple(int(OUTLINE[i:i + 2], 16) for i in (1, 3, 5))
    return (red, green, blue) == wanted


@needs_chromium
def test_a_bundle_screenshot_outlines_the_planted_link_rendered_from_the_archive(two_audits, tmp_path):
    from PIL import Image

    out = tmp_path / "bundle"
    result = run_cli("evidence", "--db", two_audits, "--site", "xa", "--out", out)
    assert result.returncode == EXIT_OK, result.stdout + result.stderr
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    finding = planted_finding(manifest)
    stored = rows(two_audits, "select * from findings where audit_id = 2 and fingerprint = ?", finding["fingerprint"])[0]
    assert manifest["tool"]["version"] == VERSION and finding["rule"] == "ADS-003"
    assert finding["basis"] == stored["basis"] and finding["basis"]
    assert (finding["page_sha256"], finding["captured_at"]) == (stored["page_sha256"], stored["captured_at"])
    page = next(page for page in manifest["pages"] if page["number"] == finding["page"])
    assert page["payload_sha256"] == finding["page_sha256"]
    # The bundle's WARC holds the page's request and response, the response at the offset given.
    with (out / "records.warc.gz").open("rb") as stream:
        kinds = [(record.rec_type, record.rec_headers.get_header("WARC-Record-ID")) for record in ArchiveIterator(stream)]
    assert ("response", page["warc_record_id"]) in kinds and [kind for kind, _ in kinds].count("request") == len(manifest["pages"])
    assert read_answer(out / "records.warc.gz", page["records_offset"]).payload_sha256 == page["payload_sha256"]
    # The outline: a ring of the outline colour around the link's box, which was scrolled into view.
    shot = finding["screenshot"]
    box = shot["box"]
    image = Image.open(out / shot["file"]).convert("RGB")
    assert 0 < box["y"] < image.height - box["height"]  # in view, though it lies far down the page
    ring = [(x, y) for x in range(int(box["x"]) - 5, int(box["x"] + box["width"]) + 5)
            for y in (int(box["y"]) - 4, int(box["y"] + box["height"]) + 3)]
    ring += [(x, y) for y in range(int(box["y"]), int(box["y"] + box["height"]))
             for x in (int(box["x"]) - 4, int(box["x"] + box["width"]) + 3)]
    hits = sum(magenta(image.getpixel(point)) for point in ring)
    assert hits >= 0.9 * len(ring), (hits, len(ring))
    above = image.crop((0, 0, image.width, max(1, int(box["y"]) - 12))).getcolors(maxcolors=1 << 24)
    elsewhere = sum(count for count, colour in above if magenta(colour))
    assert elsewhere == 0  # the colour is the outline's alone
    unlocated = next(item for item in manifest["findings"] if item.get("screenshot") and not item["locator"])
    assert unlocated["screenshot"]["outlined"] is False


def test_bundle_verify_passes_then_names_the_altered_file(two_audits, tmp_path):
    out = tmp_path / "bundle"
    env = {**os.environ, "PATH": str(tmp_path / "no-browser")}  # no Chromium on this PATH
    result = subprocess.run([sys.executable, "-m", "auditor", "evidence", "--db", str(two_audits), "--finding",
                             rows(two_audits, "select fingerprint from findings where audit_id = 2 and rule = 'ADS-003'")[0]["fingerprint"],
                             "--out", str(out)], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == EXIT_OK, result.stderr
    assert "Chromium was not found: no screenshots" in result.stderr
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [item["rule"] for item in manifest["findings"]] == ["ADS-003"] and not (out / "screenshots").exists()
    result = run_cli("evidence", "verify", out)
    assert result.returncode == EXIT_OK and "match the manifest" in result.stdout, result.stdout
    copy = out / manifest["pages"][0]["copy"]
    copy.write_text(copy.read_text(encoding="utf-8").replace("cá cược", "ca cuoc"), encoding="utf-8")
    result = run_cli("evidence", "verify", out)
    assert result.returncode == EXIT_USAGE
    assert f"MISMATCH {manifest['pages'][0]['copy']}" in result.stdout and "differs from the manifest" in result.stdout


def test_the_report_links_each_page_to_its_inert_copy_until_the_archive_is_pruned(two_audits, tmp_path):
    db = tmp_path / "audit.db"
    shutil.copy(two_audits, db)
    shutil.copytree(archive_root(two_audits), archive_root(db))
    before = rows(db, "select id, page_sha256, captured_at from findings where audit_id = 1 order by id")
    result = run_cli("report", "--db", db, "--audit", "1", "--out", tmp_path / "kept")
    assert result.returncode == EXIT_OK, result.stderr
    report = (tmp_path / "kept" / "sites" / "xa.html").read_text(encoding="utf-8")
    link = report.split('· <a href="', 1)[1].split('"', 1)[0]
    copy = (tmp_path / "kept" / "sites" / link).read_text(encoding="utf-8")
    assert "Bản lưu của http://127.0.0.1:" in copy and "default-src 'none'" in copy

    result = run_cli("prune", "--db", db, "--keep", "1")
    assert result.returncode == EXIT_OK and "pruned the archives of audits 1" in result.stdout, result.stdout
    assert not (archive_root(db) / "1").exists() and (archive_root(db) / "2").is_dir()
    assert rows(db, "select id, page_sha256, captured_at from findings where audit_id = 1 order by id") == before
    result = run_cli("report", "--db", db, "--audit", "1", "--out", tmp_path / "pruned")
    assert result.returncode == EXIT_OK, result.stderr
    report = (tmp_path / "pruned" / "sites" / "xa.html").read_text(encoding="utf-8")
    assert "archive pruned" in report and "bản lưu</a>" not in report
    result = run_cli("evidence", "verify", archive_root(db), "--db", db, "--audit", "1")
    assert result.returncode == EXIT_USAGE and "audit 1: archive pruned on" in result.stdout, result.stdout
    assert "Traceback" not in result.stderr
    assert run_cli("evidence", "verify", archive_root(db), "--db", db, "--audit", "2").returncode == EXIT_OK
    result = run_cli("evidence", "--db", db, "--audit", "1", "--site", "xa", "--out", tmp_path / "old")
    assert result.returncode == EXIT_OK and "archive pruned on" in result.stderr, result.stderr


def test_odd_pages_still_give_a_copy_with_the_banner():
    capture = Capture("http://xa.example/cu/", "2026-01-02T03:04:05Z", "ab" * 32)
    xhtml = inert_html('<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml">'
                       '<body><p>Xin chào</p></body></html>'.encode(), "application/xhtml+xml", capture)
    frames = inert_html(b'<html><frameset cols="20%,*"><frame src="menu.htm"><frame src="/chinh.htm">'
                        b'</frameset></html>', "text/html", capture)
    empty = inert_html(b"", "text/html", capture)
    for copy in (xhtml, frames, empty):
        assert "Bản lưu của http://xa.example/cu/ lúc 2026-01-02T03:04:05Z" in copy
    assert "Xin chào" in xhtml
    assert frames.index("auditor-archived-banner") < frames.index('data-archived-src="http://xa.example/cu/menu.htm"')
    assert 'data-archived-src="http://xa.example/chinh.htm"' in frames and "<frame " not in frames
