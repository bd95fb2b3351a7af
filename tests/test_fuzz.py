"""Fuzzing the way a page goes from bytes to findings: random bytes, and realistic portal pages
(the demo province's) mutated, re-encoded and cut, go through the spider's own path (binary
sniffing, charset detection, lxml parsing, fact extraction) and then the rules' page checks.

No exception may escape, no rule may fail (an ``internal-error`` finding), and the facts keep
their promises: NFC text, bounded links.
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.response import get_meta_refresh

from auditor.crawl.decode import DecodeMiddleware
from auditor.demo.server import DEMO_ROOT, render_dates
from auditor.judge.engine import Engine
from auditor.judge.packs import load_pack
from auditor.registry import Site
from auditor.spiders.extract import LINK_LIMIT
from auditor.spiders.facts import PageFacts
from auditor.spiders.portal import PortalSpider

SITE = Site(id="xa", name="UBND xã Hướng Lập", level="xa", url="https://huonglap.quangtri.gov.vn/")
FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

SEEDS = sorted(path for path in (DEMO_ROOT / "hosts").rglob("*.html"))
HOSTILE_BYTES = [
    b"<", b">", b"</div>", b"<div>" * 50, b"\x00", b"\x00\x01\x02\x1b", b"&#x", b"&#99999999;", b"&bogus",
    b"<!--", b"-->", b"<![CDATA[", b"<script>", b"</script>", b"<style>", b"<a href='http://[::1'>",
    b"<a href='javascript:alert(1)'>", b"<meta charset='tcvn3'>", b"<meta charset='x-bogus'>",
    b"<meta http-equiv='refresh' content='0;url=http://127.0.0.1/'>", b"\xef\xbb\xbf", b"\xff\xfe",
    b"\xc3", b"\xe1\xbb", b"\xb8\xb5\xae", b"\xcc\xec\xd2", b"<font face='.VnTime'>", b"<base href='::'>",
    b"<img src='data:,x'>", b"<a href='" + b"/a" * 300 + b"'>", b"\r\n\t", "ệ".encode("utf-16"),
    b"<meta charset='zlib'>", b"<meta charset='idna'>", b"<meta charset='unicode_escape'>",
    b"<meta charset='utf-16'>", b"<meta http-equiv='refresh' content='0;url=/tin-tuc/bai-1.html'>",
]
CONTENT_TYPES = ["text/html", "text/html; charset=utf-8", "text/html; charset=iso-8859-1",
                 "text/html; charset=windows-1258", "text/html; charset=TCVN3", "text/html; charset=x-bogus",
                 "text/html; charset=utf-16", "application/xhtml+xml", "text/html; charset=zlib",
                 "text/html; charset=idna", "text/html; charset=undefined"]


@lru_cache(maxsize=None)
def seed(index: int) -> bytes:
    text = render_dates(SEEDS[index].read_text(encoding="utf-8"), datetime(2026, 11, 20))
    return text.encode("utf-8")


@lru_cache(maxsize=None)
def engine() -> Engine:
    return Engine(load_pack("nd224-2026"), None, date(2026, 11, 20), [SITE])


def reencode(body: bytes, codec: str) -> bytes:
    if codec == "utf-8":
        return body
    return body.decode("utf-8", "replace").encode(codec, "replace")


@st.composite
def mutated_pages(draw) -> bytes:
    from auditor.spiders import tcvn3  # noqa: F401  (registers the codec)

    body = reencode(seed(draw(st.integers(0, len(SEEDS) - 1))),
                    draw(st.sampled_from(["utf-8", "utf-8", "cp1258", "tcvn3", "cp1252"])))
    for _ in range(draw(st.integers(0, 8))):
        at = draw(st.integers(0, len(body)))
        size = draw(st.integers(0, 400))
        operation = draw(st.sampled_from(["insert", "delete", "duplicate", "truncate", "flip"]))
        if operation == "insert":
            body = body[:at] + draw(st.sampled_from(HOSTILE_BYTES)) + body[at:]
        elif operation == "delete":
            body = body[:at] + body[at + size:]
        elif operation == "duplicate":
            body = body[:at] + body[at:at + size] * draw(st.integers(2, 20)) + body[at:]
        elif operation == "truncate":
            body = body[:at]
        elif body:
            index = min(at, len(body) - 1)
            body = body[:index] + bytes([draw(st.integers(0, 255))]) + body[index + 1:]
    return body


def judge(body: bytes, content_type: str, status: int = 200) -> PageFacts:
    """The spider's way with a page: decode (DecodeMiddleware), scan for a meta refresh (as
    ScopedRedirect and Scrapy's MetaRefresh do), read and extract; then the page rules."""
    url = SITE.url + "tin-tuc/bai-1.html"
    request = Request(url, meta={"site": SITE.id, "role": "page"})
    response = HtmlResponse(url=url, body=body, headers={"Content-Type": content_type}, status=status,
                            request=request)
    response = DecodeMiddleware().process_response(request, response)
    get_meta_refresh(response)
    facts = PageFacts(site=SITE.id, url=url, final_url=url, status=status, content_type="text/html")
    PortalSpider._read_html(facts, response, content_type)
    assert facts.error is None or facts.error.code != "extraction-failed", facts.error
    findings = engine().judge_page(facts, SITE)
    assert not [f for f in findings if f.key == "internal-error"], [f.evidence for f in findings]
    assert unicodedata.is_normalized("NFC", facts.text) and unicodedata.is_normalized("NFC", facts.title)
    assert len(facts.links) <= LINK_LIMIT
    return facts


@FUZZ
@given(st.binary(max_size=4096), st.sampled_from(CONTENT_TYPES))
def test_random_bytes_never_break_the_page_path(body, content_type):
    judge(body, content_type)


@settings(FUZZ, max_examples=300)
@given(mutated_pages(), st.sampled_from(CONTENT_TYPES), st.sampled_from([200, 200, 404, 500]))
def test_mutated_portal_pages_never_break_the_page_path(body, content_type, status):
    judge(body, content_type, status)


@FUZZ
@given(st.text(max_size=2000), st.sampled_from(["utf-8", "utf-16", "cp1258", "tcvn3"]))
def test_any_text_in_any_encoding_decodes_to_nfc(text, codec):
    from auditor.spiders import tcvn3  # noqa: F401

    body = f"<html><body><p>{text}</p></body></html>".encode(codec, "replace")
    judge(body, "text/html")


def test_the_seeds_are_the_demo_province_pages():
    assert len(SEEDS) > 20 and all(isinstance(path, Path) for path in SEEDS)
    facts = judge(seed(0), "text/html; charset=utf-8")
    assert facts.is_html and facts.title
