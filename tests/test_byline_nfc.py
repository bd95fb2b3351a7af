"""Bylines read on NFC text whatever the page's bytes (issue 11): a windows-1258 page writes its
tones as combining marks after the letter ("Nguyê\u0303n"), an NFD page splits every letter;
"Tác giả bài viết:", "Nguồn tin:" and "Theo báo …" at the end of an article must be found all
the same, and what is stored must be NFC. The bytes go through the crawler's own steps:
spiders/charset.py's decode_html, parsel's Selector (as spiders/portal.py parses) and extract().
"""

from __future__ import annotations

import unicodedata

import pytest
from parsel import Selector

from auditor.spiders.charset import decode_html
from auditor.spiders.extract import extract
from auditor.spiders.facts import PageFacts

URL = "http://huonglap.quangtri.gov.vn/tin-tuc/ra-quan-tong-ve-sinh-moi-truong.html"
TONES = "\u0300\u0301\u0303\u0309\u0323"


def article(closing: str) -> str:
    return ("<html><head><title>Ra quân tổng vệ sinh môi trường</title></head><body>"
            "<div id='content'><h1>Ra quân tổng vệ sinh môi trường</h1><p>Thứ hai, 16/11/2026</p>"
            "<p>Sáng ngày 15/11, UBND xã Hướng Lập tổ chức lễ ra quân tổng vệ sinh môi trường tại "
            "các thôn, với sự tham gia của hơn 300 đoàn viên, hội viên và người dân trên địa bàn. "
            "Các lực lượng đã thu gom rác thải, phát quang bụi rậm dọc các tuyến đường liên thôn "
            f"và khơi thông cống rãnh trước mùa mưa lũ.</p>{closing}</div></body></html>")


def windows_1258(text: str) -> bytes:
    """As Vietnamese Windows writes it: the base letter precomposed where cp1258 has it, the
    tone as a combining mark after it."""
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
                   + "".join(c for c in parts if c in TONES))
    return "".join(out).encode("cp1258")


def facts_from_bytes(body: bytes, content_type: str) -> PageFacts:
    decoded = decode_html(body, content_type)
    facts = PageFacts(site="xa", url=URL, final_url=URL, status=200, is_html=True)
    return extract(facts, Selector(text=decoded.text, type="html", base_url=URL).root, URL)


CLOSINGS = [
    ("<p><strong>Tác giả bài viết: Nguyễn Thị Hằng</strong></p><p>Nguồn tin: Đài truyền thanh xã</p>",
     "Nguyễn Thị Hằng", "Đài truyền thanh xã"),
    ("<p>Tác giả: Lê Quốc Việt</p><p>Theo báo Quảng Trị</p>", "Lê Quốc Việt", "báo Quảng Trị"),
]


@pytest.mark.parametrize("closing, author, source", CLOSINGS)
def test_byline_of_a_windows_1258_page_with_combining_tones(closing, author, source):
    body = windows_1258(article(closing))
    assert "\u0303".encode("cp1258") in body  # the tones really are separate marks in the bytes
    facts = facts_from_bytes(body, "text/html; charset=windows-1258")
    assert (facts.author, facts.source) == (author, source)
    assert unicodedata.is_normalized("NFC", facts.main_text)


@pytest.mark.parametrize("closing, author, source", CLOSINGS)
def test_byline_of_an_nfd_page(closing, author, source):
    body = unicodedata.normalize("NFD", article(closing)).encode("utf-8")
    facts = facts_from_bytes(body, "text/html; charset=utf-8")
    assert (facts.author, facts.source) == (author, source)
    assert unicodedata.is_normalized("NFC", facts.author + facts.source + facts.main_text)


def test_an_undeclared_windows_1258_page_is_detected_and_its_byline_read():
    facts = facts_from_bytes(windows_1258(article(CLOSINGS[0][0])), "text/html")
    assert facts.author == "Nguyễn Thị Hằng"
