"""Hostile content, one province audited once: malformed HTML, a 50 MB page, binary served as
HTML, compression bombs, wrong and legacy charsets, a page with 20,000 links.

Each site is a prefix of one test server on 127.0.0.1. The audit must complete, each site and
page must say what happened, and the crawl must stay within its bounds (time and memory).
"""

from __future__ import annotations

import gzip
import os
import zlib

import pytest

from auditing import FAST, audit, registry_for
from servers import chunks, html, raw, serve

VIET = "Ủy ban nhân dân xã Hướng Lập tổ chức hội nghị tổng kết công tác năm 2025 và triển khai nhiệm vụ"
VIET_LOWER = VIET.lower()  # TCVN3 has no capitals with tone marks: pages were typed in lowercase
CAP = 1_000_000  # DOWNLOAD_MAXSIZE in this audit
BIG = 50_000_000
BOMB = 200_000_000  # bytes a bomb decompresses to


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese editors wrote it: base letters, tone marks as combining bytes."""
    import unicodedata

    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out.append(base + "".join(c for c in parts if c in tones))
    return "".join(out).encode("cp1258")


def page(title: str, body: str, head: str = "") -> str:
    return f"<html><head>{head}<title>{title}</title></head><body>{body}</body></html>"


def links(*paths: str) -> str:
    return " ".join(f'<a href="{path}">{path}</a>' for path in paths)


def big_page() -> tuple[bytes, ...]:
    return (b"<html><head><title>Trang l\xe1\xbb\x9bn</title></head><body>"
            b"<nav><a href='/lon/sau-trang-lon'>Sau</a></nav><p>M\xe1\xbb\x9f \xc4\x91\xe1\xba\xa7u</p>",)


def streamed(path):
    return 200, {"Content-Type": "text/html; charset=utf-8"}, (c for part in (big_page(), chunks(BIG)) for c in part)


def streamed_with_length(path):
    head = big_page()[0]
    return (200, {"Content-Type": "text/html; charset=utf-8", "Content-Length": str(len(head) + BIG)},
            (c for part in ((head,), chunks(BIG)) for c in part))


def routes() -> dict:
    tcvn3 = page(VIET_LOWER, f"<p>{VIET_LOWER}</p>")
    return {
        # Malformed HTML: unclosed tags, broken entities, NUL and control bytes, deep nesting.
        "/loi/": raw(b"<html><head><title>L\xe1\xbb\x97i &amp;&bogus; &#xZZ; \x00 x</title><body><div><p>"
                     b"M\xe1\xbb\x9f <b>\xc4\x91\xe1\xba\xadm <i>nghi\xc3\xaang &#99999999; \x00\x01\x02 "
                     b"<a href='/loi/sau'>s\x00au</a> <a href='/loi/rat-sau'>x</a> <a href='/loi/ma-la'>m</a>"
                     b"<table><tr><td>\xc3\xb4<td>\xc3\xb4 2</body>", "text/html"),
        "/loi/sau": raw(b"<<<>>>\x00\x00<a href=http://[bad/>x</a><a href='http://127.0.0.1:99999/'>"
                        b"c\xe1\xbb\x95ng</a>" + b"<div>" * 1_500 + b"s\xc3\xa2u", "text/html"),
        # A charset no page can be in: Scrapy's own response.text would raise on it.
        "/loi/ma-la": raw(b"<html><head><meta charset='zlib'><meta http-equiv='refresh' content="
                          b"'1;url=/loi/ma-la'><title>M\xc3\xa3 l\xe1\xba\xa1</title></head></html>",
                          "text/html; charset=idna"),
        # Deeper than libxml2 goes (2,048): what lies below is lost, as in the parser, no more.
        "/loi/rat-sau": raw(b"<p>tr\xc3\xaan</p>" + b"<div><span>" * 20_000 + b"s\xc3\xa2u", "text/html"),
        # A 50 MB page, streamed without a length and with one.
        "/lon/": html(page("Lớn", links("/lon/khong-do-dai", "/lon/co-do-dai"))),
        "/lon/khong-do-dai": streamed,
        "/lon/co-do-dai": streamed_with_length,
        "/lon/sau-trang-lon": html(page("Sau trang lớn", "<p>sau</p>")),
        # Binary served as text/html.
        "/nhi-phan/": html(page("Nhị phân", links("/nhi-phan/anh", "/nhi-phan/rac"))),
        "/nhi-phan/anh": raw(b"\x89PNG\r\n\x1a\n" + os.urandom(20_000), "text/html"),
        "/nhi-phan/rac": raw(bytes(range(32)) * 500, "text/html; charset=utf-8"),
        # Compression bombs: a few hundred KB that decompress to 200 MB.
        "/bom/": html(page("Bom", links("/bom/gzip", "/bom/deflate"))),
        "/bom/gzip": (200, {"Content-Type": "text/html", "Content-Encoding": "gzip"}, GZIP_BOMB),
        "/bom/deflate": (200, {"Content-Type": "text/html", "Content-Encoding": "deflate"}, DEFLATE_BOMB),
        # Charsets: missing, wrong, windows-1258 and TCVN3, declared or not.
        "/ma/": html(page("Mã", links("/ma/utf8-khong-khai", "/ma/utf8-khai-sai", "/ma/1258",
                                       "/ma/1258-khong-khai", "/ma/tcvn3", "/ma/tcvn3-font",
                                       "/ma/tcvn3-khong-khai"))),
        "/ma/utf8-khong-khai": raw(page(VIET, f"<p>{VIET}</p>").encode("utf-8"), "text/html"),
        "/ma/utf8-khai-sai": raw(page(VIET, f"<p>{VIET}</p>").encode("utf-8"), "text/html; charset=iso-8859-1"),
        "/ma/1258": raw(to_cp1258(page(VIET, f"<p>{VIET}</p>", '<meta charset="windows-1258">')), "text/html"),
        "/ma/1258-khong-khai": raw(to_cp1258(page(VIET, f"<p>{VIET}</p>")), "text/html"),
        "/ma/tcvn3": raw(page(VIET_LOWER, f"<p>{VIET_LOWER}</p>", '<meta http-equiv="Content-Type" '
                              'content="text/html; charset=TCVN3">').encode("tcvn3"), "text/html"),
        "/ma/tcvn3-font": raw(page(VIET_LOWER, f'<p><font face=".VnTime">{VIET_LOWER}</font></p>')
                              .encode("tcvn3"), "text/html; charset=iso-8859-1"),
        "/ma/tcvn3-khong-khai": raw(tcvn3.encode("tcvn3"), "text/html"),
        # 20,000 links on one page.
        "/lien-ket/": html(page("Liên kết", "<ul>" + "".join(
            f'<li><a href="/lien-ket/p/{n}">Trang {n}</a></li>' for n in range(20_000)) + "</ul>")),
    }


GZIP_BOMB = gzip.compress(b"\0" * BOMB, 9)
DEFLATE_BOMB = zlib.compress(b"\0" * BOMB, 9)
SITES = ("loi", "lon", "nhi-phan", "bom", "ma", "lien-ket")


@pytest.fixture(scope="module")
def province(tmp_path_factory):
    from auditor.spiders import tcvn3  # noqa: F401  (the codec the fixtures are written with)

    with serve(routes(), fallback=lambda path: html(page("Trang", "<p>trang</p>"))) as server:
        yield audit(tmp_path_factory.mktemp("content"),
                    registry_for(*((site, f"{server.url}/{site}/") for site in SITES)),
                    "--max-pages", "25", "-s", f"DOWNLOAD_MAXSIZE={CAP}", *FAST)


def test_the_audit_completes_within_bounds_of_time_and_memory(province):
    assert province.document["audit"]["status"] == "complete"
    assert province.seconds < 60, province.seconds
    # 50 MB pages and 200 MB bombs never sit in memory: the crawl stays near its resting size.
    assert province.max_rss_mb < 200, province.max_rss_mb


def test_malformed_html_is_read_as_a_browser_would(province):
    assert province.site("loi")["status"] == "ok"
    pages = province.pages("loi")
    home, deep, deepest = pages["/loi/"], pages["/loi/sau"], pages["/loi/rat-sau"]
    assert home["error"] is None and home["title"].startswith("Lỗi &")
    assert "Mở" in home["text_sample"] and "đậm" in home["text_sample"] and "\x00" not in home["text_sample"]
    assert deep["status"] == 200 and deep["error"] is None  # 1,500 nested divs, bad hrefs
    assert "sâu" in deep["text_sample"] and "cổng" in deep["text_sample"]
    assert deepest["error"] is None and "trên" in deepest["text_sample"]
    strange = pages["/loi/ma-la"]
    assert strange["error"] is None and strange["title"] == "Mã lạ" and strange["encoding"] == "utf-8 (detected)"


@pytest.mark.parametrize("path", ["/lon/khong-do-dai", "/lon/co-do-dai"])
def test_a_50_mb_page_is_cut_at_the_size_cap_and_read(province, path):
    row = province.pages("lon")[path]
    assert row["truncated"] == 1 and row["bytes"] == CAP and row["status"] == 200
    assert row["title"] == "Trang lớn" and row["error"] is None


def test_links_in_the_kept_part_of_a_cut_page_are_followed(province):
    assert "/lon/sau-trang-lon" in province.pages("lon")
    assert province.site("lon")["status"] == "ok"


@pytest.mark.parametrize("path, kind", [("/nhi-phan/anh", "a PNG image"), ("/nhi-phan/rac", "binary data")])
def test_binary_served_as_html_is_recorded_not_parsed(province, path, kind):
    row = province.pages("nhi-phan")[path]
    assert row["status"] == 200 and row["error"] == f"binary content served as text/html: {kind}"
    assert row["title"] == "" and row["text_length"] == 0


@pytest.mark.parametrize("path", ["/bom/gzip", "/bom/deflate"])
def test_a_compression_bomb_is_refused_at_the_size_cap(province, path):
    row = province.pages("bom")[path]
    assert row["error"] == "cut: the page decompresses to more than 1 MB (a compression bomb)"
    assert province.site("bom")["status"] == "ok"  # the site's other pages are fine


@pytest.mark.parametrize("path, text, encoding", [
    ("/ma/utf8-khong-khai", VIET, "utf-8 (detected)"),
    ("/ma/utf8-khai-sai", VIET, "utf-8 (detected; declared cp1252)"),
    ("/ma/1258", VIET, "cp1258"),
    ("/ma/1258-khong-khai", VIET, "cp1258 (detected)"),
    ("/ma/tcvn3", VIET_LOWER, "tcvn3"),
    ("/ma/tcvn3-font", VIET_LOWER, "tcvn3 (detected; declared cp1252)"),
    ("/ma/tcvn3-khong-khai", VIET_LOWER, "tcvn3 (detected)"),
])
def test_vietnamese_pages_are_decoded_whatever_their_charset(province, path, text, encoding):
    row = province.pages("ma")[path]
    assert row["encoding"] == encoding
    assert row["title"] == text  # NFC, as the rules' word lists are written
    assert row["text_sample"] == text


def test_a_page_with_20000_links_keeps_the_page_budget_and_bounded_work(province):
    site = province.site("lien-ket")
    assert site["status"] == "partial" and site["reason"].startswith("page budget")
    assert site["pages"] <= 25
    kept = province.query("select count(*) from links l join pages p on p.id = l.page_id "
                          "where p.url like '%/lien-ket/'")[0][0]
    assert kept == 2_000  # extract.LINK_LIMIT: evidence enough, and bounded rows
