"""Hacked sites as they really are (issue 12): cloaked spam, doorway pages, injected scripts.

Each site is its own server on 127.0.0.1 (robots.txt and sitemaps are a host's), audited once
in one process with the variant fetches on. The spam sites must be found with both variants in
the evidence; the decoy site shows every ordinary difference between visitors (a mobile menu, a
cookie banner, a date and a counter, a CSRF token, an A/B banner of its own, harmless scripts)
and must give no finding of the new rules, the same findings as with the variant fetches off,
and no request beyond the sample and its sitemap's in-scope pages (counted from its log).
"""

from __future__ import annotations

import base64
import gzip
import itertools
import random
from datetime import date, timedelta

from auditor.identity import ROBOTS_TOKEN as AUDITOR
from contextlib import ExitStack

import pytest

from auditing import FAST, audit, registry_for
from servers import ByVisitor, html, raw, serve

NEW_RULES = {"ADS-005", "ADS-006", "ADS-007"}
VARIANTS = 4  # Googlebot desktop and smartphone, a search visitor, a mobile browser
SPAM_DOMAIN = "nhacai88win.example.com"
SPAM_BLOCK = (f'<div class="seo"><a href="https://{SPAM_DOMAIN}/">nhà cái uy tín</a> '
              f'<a href="https://{SPAM_DOMAIN}/no-hu">nổ hũ đổi thưởng</a></div>')
COUNTER = itertools.count(1000)
OFF_SCOPE = "http://127.0.0.2:9"  # another host: its sitemaps and pages are never fetched


def page(title: str, body: str, nav: str = "", extra: str = "", head: str = "") -> str:
    return (f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">{head}<title>{title}</title></head>'
            f'<body><div id="header"><p>ỦY BAN NHÂN DÂN XÃ HƯỚNG LẬP</p></div>'
            f'<div class="nav">{nav or MENU}</div><div id="content"><h1>{title}</h1>{body}</div>'
            f'<div id="footer"><p>Bản quyền thuộc về UBND xã Hướng Lập.</p>{extra}</div></body></html>')


MENU = ('<a href="/">Trang chủ</a> <a href="/gioi-thieu.html">Giới thiệu</a> '
        '<a href="/tin-tuc.html">Tin tức</a>')
NEWS = '<ul><li><a href="/tin-tuc/hoi-nghi.html">Hội nghị tổng kết công tác năm 2025 của xã</a></li></ul>'
# The sites' dates follow the day the tests run, so that no site ever goes stale (FRS-001's 30
# days): a date written into the fixture made the decoy's findings depend on the calendar.
TODAY = date.today()
ARTICLE = f"<p>Ngày {TODAY - timedelta(days=14):%d/%m/%Y}, UBND xã tổ chức hội nghị tổng kết công tác năm 2025.</p>"


def is_bot(headers) -> bool:
    return "Googlebot" in headers.get("User-Agent", "")


def is_mobile(headers) -> bool:
    return "Android" in headers.get("User-Agent", "")


def from_search(headers) -> bool:
    return "google." in headers.get("Referer", "")


def cloaked(title: str, body: str, shows_spam) -> ByVisitor:
    """A page that adds the spam block for the visitors ``shows_spam`` picks."""
    return ByVisitor(lambda path, headers: html(page(title, body, extra=SPAM_BLOCK if shows_spam(headers) else "")))


def ordinary_site(**changes) -> dict:
    routes = {
        "/robots.txt": raw(b"User-agent: *\nAllow: /\n", "text/plain"),
        "/": html(page("Trang chủ", NEWS)),
        "/gioi-thieu.html": html(page("Giới thiệu", "<p>Xã Hướng Lập nằm ở phía tây huyện Hướng Hóa.</p>")),
        "/tin-tuc.html": html(page("Tin tức", NEWS)),
        "/tin-tuc/hoi-nghi.html": html(page("Hội nghị tổng kết công tác năm 2025 của xã", ARTICLE)),
    }
    return {**routes, **changes}


def decoy_page(path: str, headers: dict) -> tuple:
    """Every ordinary difference between two visitors, and no spam."""
    mobile = is_mobile(headers)
    nav = ('<a href="/">Trang chủ</a> <a href="/m/menu.html">Danh mục</a>' if mobile else MENU)
    banner = "" if is_bot(headers) else '<div id="cookie">Trang này dùng cookie. Đồng ý</div>'
    if mobile:
        banner += '<div class="lang">Tiếng Việt | English</div>'
    token = base64.b64encode(random.randbytes(24)).decode()
    ab = ('<a href="/dich-vu-cong.html"><img src="/b1.png" alt="Dịch vụ công"></a>' if AUDITOR in headers.get("User-Agent", "")
          else '<a href="/hoi-dap.html"><img src="/b2.png" alt="Hỏi đáp"></a>')  # the site's own A/B test
    scripts = ("<script>var ga=document.createElement('script');ga.src=('https:'==document.location.protocol"
               "?'https://':'http://')+'www.google-analytics.com/ga.js';</script>"
               "<script>function dvc(){window.open('https://dichvucong.gov.vn/p/home/dvc-trang-chu.html');}</script>"
               "<script>if(/Android/.test(navigator.userAgent)){document.body.className+=' mobile';}</script>"
               "<script>var font='d09GRgABAAAAAAZIAAsAAAAACfQAAQAAAAAAAAAAAAAAAAAAAAAAAAAAAABHU1VCAAABCAAAADM';</script>")
    body = (f'{NEWS}<form><input type="hidden" name="csrf" value="{token}"></form>{ab}'
            f'<p>Hôm nay: {TODAY - timedelta(days=next(COUNTER) % 7):%d/%m/%Y} — Lượt truy cập: {next(COUNTER)}</p>{scripts}')
    return html(page("Trang chủ", body, nav=nav, extra=banner, head='<script src="/js/main.js"></script>'))


LIBRARY = ("/*! a site script */ var ie=/MSIE/.test(navigator.userAgent);" + "function f(){return 1;}" * 40
           + "function menu(el){el.innerHTML='<a href=\"/tim-kiem.html\">Tìm kiếm</a>';}"
           + "function search(q){window.location.href='/tim-kiem.html?q='+encodeURIComponent(q);}")
FILE_SPAM = "https://w88vip.example.net/"
INJECTED_FILE = (LIBRARY + ";var _0x=['" + "".join(f"\\x{ord(c):02x}" for c in FILE_SPAM) + "'];"
                 "if(/google|bing|coccoc/.test(document.referrer)){top.location.replace(_0x[0]);}")


def spam_routes() -> dict[str, dict]:
    redirect_script = ('<script>var r=document.referrer;if(r.indexOf("google")>-1||r.indexOf("coccoc")>-1)'
                       '{window.location.href="https://' + SPAM_DOMAIN + '/?ref=gov";}</script>')
    hidden_block = base64.b64encode(
        f'<div style="display:none"><a href="https://{SPAM_DOMAIN}/">nhà cái uy tín</a></div>'.encode()).decode()
    index = gzip.compress(b'<?xml version="1.0" encoding="UTF-8"?><sitemapindex '
                          b'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>/sitemaps/'
                          b'pages.xml.gz</loc></sitemap><sitemap><loc>' + OFF_SCOPE.encode() + b'/sitemap.xml'
                          b'</loc></sitemap></sitemapindex>')
    return {
        "ua": ordinary_site(**{"/": cloaked("Trang chủ", NEWS, is_bot)}),
        "referrer": ordinary_site(**{"/tin-tuc.html": cloaked("Tin tức", NEWS, from_search)}),
        "mobile": ordinary_site(**{
            "/": cloaked("Trang chủ", NEWS, is_mobile),
            "/tin-tuc/hoi-nghi.html": ByVisitor(lambda path, headers: (
                (302, {"Location": f"https://{SPAM_DOMAIN}/m"}, b"") if is_mobile(headers)
                else html(page("Hội nghị tổng kết công tác năm 2025 của xã", ARTICLE))))}),
        "scripts": ordinary_site(**{
            "/": html(page("Trang chủ", NEWS + redirect_script, head='<script src="/js/jquery.min.js"></script>')),
            "/js/jquery.min.js": raw(INJECTED_FILE.encode(), "application/javascript"),
            "/gioi-thieu.html": html(page("Giới thiệu", "<p>Giới thiệu chung.</p>"
                                          f"<script>document.write(atob('{hidden_block}'));</script>"))}),
        "doorway": ordinary_site(**{
            "/robots.txt": raw(b"User-agent: *\nAllow: /\nSitemap: /sitemap_index.xml.gz\n", "text/plain"),
            "/sitemap_index.xml.gz": raw(index, "application/x-gzip"),
            "/sitemaps/pages.xml.gz": "sitemap",  # filled in below: its URLs name the server
            "/wp-content/uploads/2026/slot/index.html": html(page(
                "Nhà cái uy tín - nổ hũ đổi thưởng", "<p>Nhà cái uy tín, nổ hũ đổi thưởng, tỷ lệ kèo hôm nay.</p>"
                f'<p><a href="https://{SPAM_DOMAIN}/">Link vào nhà cái</a></p>')),
        }),
        "decoy": ordinary_site(**{"/": ByVisitor(decoy_page), "/sitemap.xml": "sitemap",
                                  "/js/main.js": raw(LIBRARY.encode(), "application/javascript")}),
    }


def sitemap_of(base: str, paths: list[str], gz: bool) -> tuple:
    body = ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            + "".join(f"<url><loc>{base}{path}</loc></url>" for path in paths) + "</urlset>").encode()
    return raw(gzip.compress(body), "application/x-gzip") if gz else raw(body, "application/xml")


@pytest.fixture(scope="module")
def audited(tmp_path_factory):
    with ExitStack() as stack:
        servers = {name: stack.enter_context(serve(routes)) for name, routes in spam_routes().items()}
        doorway, decoy = servers["doorway"], servers["decoy"]
        doorway.routes["/sitemaps/pages.xml.gz"] = sitemap_of(doorway.url, [
            "/", "/tin-tuc.html", "/wp-content/uploads/2026/slot/index.html", f"{OFF_SCOPE}/slot.html"], gz=True)
        decoy.routes["/sitemap.xml"] = sitemap_of(decoy.url, ["/", "/gioi-thieu.html", "/tin-tuc.html",
                                                              f"{OFF_SCOPE}/off-scope.html"], gz=False)
        registry = registry_for(*((name, server.url + "/") for name, server in servers.items()))
        with_variants = audit(tmp_path_factory.mktemp("hacked"), registry, *FAST)
        hits = {name: list(server.hits) for name, server in servers.items()}
        for server in servers.values():
            server.hits.clear()
        without = audit(tmp_path_factory.mktemp("plain"), registry, *FAST, "--variant-pages", "0")
        yield with_variants, without, hits, servers


def findings(audited, site_id: str, rules=None) -> list[dict]:
    return [f for f in audited.document["findings"]
            if f["site"] == site_id and (rules is None or f["rule"] in rules)]


def by_signal(found: list[dict]) -> dict[str, dict]:
    """Cloaking findings by what they show: "links", "redirect" or "text" (the export has no key)."""
    return {("links" if "links" in f["evidence"] else "redirect" if "redirects" in f["evidence"] else "text"): f
            for f in found}


def test_user_agent_cloaking_is_found_with_both_variants(audited):
    result, *_ = audited
    found = by_signal(findings(result, "ua", {"ADS-005"}))
    assert set(found) == {"links"}, found  # the block's words go with its links: one finding
    link = found["links"]
    assert "nhà cái uy tín" in link["evidence"]["terms"]
    assert set(link["evidence"]["variants"]) == {"googlebot", "googlebot-smartphone"}
    assert any(SPAM_DOMAIN in url for url in link["evidence"]["links"])
    assert link["evidence"]["own"]["as"] == "auditor" and "nhà cái" not in link["evidence"]["own"]["text"]
    assert link["severity"] == "error"
    assert not findings(result, "ua", {"ADS-003"}), "the auditor's own fetch shows no spam"


def test_referrer_cloaking_is_found(audited):
    result, *_ = audited
    found = findings(result, "referrer", {"ADS-005"})
    assert found and all(f["evidence"]["variants"] == ["search-visitor"] for f in found), found
    assert {f["url"].rsplit("/", 1)[-1] for f in found} == {"tin-tuc.html"}


def test_mobile_only_spam_and_redirect_are_found(audited):
    result, *_ = audited
    by_key = by_signal(findings(result, "mobile", {"ADS-005"}))
    assert set(by_key) == {"links", "redirect"}, by_key
    assert set(by_key["links"]["evidence"]["variants"]) == {"googlebot-smartphone", "mobile-browser"}
    redirect = by_key["redirect"]["evidence"]
    assert redirect["redirects"][-1] == f"https://{SPAM_DOMAIN}/m" and redirect["redirects"][0].endswith("/hoi-nghi.html")


def test_injected_scripts_are_found_with_decoded_evidence(audited):
    result, *_ = audited
    found = {(f["evidence"]["kind"], f["evidence"]["script"]): f for f in findings(result, "scripts", {"ADS-006"})}
    script_file = next(script for _, script in found if script.endswith("/js/jquery.min.js"))
    assert set(found) == {("redirect", "inline"), ("write", "inline"), ("redirect", script_file)}, found
    in_file = found[("redirect", script_file)]["evidence"]
    assert in_file["conditions"] == ["referrer"] and in_file["decoded"] == FILE_SPAM
    found = {kind: f for (kind, script), f in found.items() if script == "inline"}
    redirect = found["redirect"]["evidence"]
    assert redirect["conditions"] == ["referrer"] and SPAM_DOMAIN in redirect["targets"][0]
    written = found["write"]["evidence"]
    assert "nhà cái uy tín" in written["decoded"] and SPAM_DOMAIN in written["decoded"]


def test_doorway_page_only_in_the_gzipped_sitemap_index_is_found(audited):
    result, *_ = audited
    found = findings(result, "doorway", {"ADS-007", "ADS-003"})
    assert [f["rule"] for f in found] == ["ADS-007"], found
    assert found[0]["url"].endswith("/wp-content/uploads/2026/slot/index.html")
    pages = result.pages("doorway")
    assert pages["/wp-content/uploads/2026/slot/index.html"]["sitemap_only"] == 1
    assert pages["/tin-tuc.html"]["sitemap_only"] == 0  # in the sitemap, and linked


def test_decoys_give_no_finding_and_the_same_findings_as_without_variants(audited):
    result, without, _, _ = audited
    assert not findings(result, "decoy", NEW_RULES | {"ADS-003", "ADS-004"})
    for site_id in ("decoy",):
        before = {(f["rule"], f["message"]) for f in findings(without, site_id)}
        after = {(f["rule"], f["message"]) for f in findings(result, site_id)}
        assert before == after


def test_no_request_beyond_the_sample_and_the_sitemaps(audited):
    result, _, hits, servers = audited
    decoy = [hit for hit in hits["decoy"] if hit.method == "GET"]
    pages = {"/", "/gioi-thieu.html", "/tin-tuc.html", "/tin-tuc/hoi-nghi.html", "/sitemap.xml"}
    own = [hit for hit in decoy if hit.by_auditor]
    assert sorted(hit.path for hit in own) == sorted(["/robots.txt", "/dich-vu-cong.html", "/js/main.js", *pages])
    variant = [hit for hit in decoy if hit not in own]
    html_pages = pages - {"/sitemap.xml"}
    assert sorted(hit.path for hit in variant) == sorted(p for p in html_pages for _ in range(VARIANTS))
    assert sum(1 for hit in variant if hit.referer.startswith("https://www.google.com/search")) == len(html_pages)
    doorway = [hit.path for hit in hits["doorway"] if hit.by_auditor]
    assert sorted(set(doorway)) == ["/", "/gioi-thieu.html", "/robots.txt", "/sitemap.xml", "/sitemap_index.xml.gz",
                                    "/sitemaps/pages.xml.gz", "/tin-tuc.html", "/tin-tuc/hoi-nghi.html",
                                    "/wp-content/uploads/2026/slot/index.html"]
    assert len(doorway) == len(set(doorway))  # each once
    for site_id in ("doorway", "decoy"):  # nothing of the other host, its sitemap or its pages
        assert all(url.startswith(servers[site_id].url) for (url,) in result.query(
            "select p.url from pages p join sites s on s.id = p.site_id where s.key = ?", site_id))


def test_variant_fetches_count_against_the_page_budget(tmp_path):
    sections = [f"/muc-{n}.html" for n in range(6)]
    routes = ordinary_site(**{"/": html(page("Trang chủ", " ".join(f'<a href="{p}">Mục {p}</a>' for p in sections)))},
                           **{p: html(page(p, "<p>Nội dung.</p>")) for p in sections})
    with serve(routes) as server:
        result = audit(tmp_path, registry_for(("budget", server.url + "/")), *FAST, "--max-pages", "9")
        gets = [hit for hit in server.hits if hit.method == "GET" and hit.path != "/robots.txt"]
    variants = [hit for hit in gets if not hit.by_auditor]
    assert [hit.path for hit in variants] == ["/"] * VARIANTS  # the home page's come first
    assert len(gets) == 9  # the home page, /sitemap.xml, three sections and four variant fetches
    assert result.site("budget")["status"] == "partial"


def test_the_variant_fetches_are_archived_and_the_finding_names_its_pages_capture(audited):
    """The evidence holds up (issue 13): what Googlebot was shown is in the site's WARC, fetched
    with Googlebot's user agent, and the cloaking finding carries the digest of its page."""
    import hashlib
    import sqlite3

    from warcio.archiveiterator import ArchiveIterator

    from auditor.archive.warcfile import ROLE_HEADER, archive_root

    result, *_ = audited
    roles_and_agents = []
    for warc in archive_root(result.db).rglob("ua.warc.gz"):
        with warc.open("rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type == "request":
                    roles_and_agents.append((record.rec_headers.get_header(ROLE_HEADER),
                                             record.http_headers.get_header("User-Agent") or ""))
    assert any(role == "variant" and "Googlebot" in agent for role, agent in roles_and_agents), roles_and_agents
    assert any(role == "page" and AUDITOR in agent for role, agent in roles_and_agents)
    with sqlite3.connect(result.db) as db:
        digests = db.execute("select page_sha256, captured_at from findings where rule = 'ADS-005'").fetchall()
    assert digests and all(len(sha or "") == 64 and captured for sha, captured in digests), digests
    # And what Googlebot was served: the finding names the variant's record and its digest.
    payloads = {}
    for warc in archive_root(result.db).rglob("ua.warc.gz"):
        with warc.open("rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type == "response":
                    # the payload as received (still content-encoded): what payload_sha256 digests
                    payloads[record.rec_headers.get_header("WARC-Record-ID")] = hashlib.sha256(
                        record.raw_stream.read()).hexdigest()
    captures = [capture for finding in findings(result, "ua", {"ADS-005"})
                for capture in finding["evidence"]["captures"]]
    assert {capture["as"] for capture in captures} == {"googlebot", "googlebot-smartphone"}
    assert all(payloads[capture["record"]] == capture["sha256"] for capture in captures), (captures, payloads)
