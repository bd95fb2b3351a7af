"""The reports opened in a real browser: headless Chromium renders them (screenshots), the DOM it
builds holds the Vietnamese text, and its Content-Security-Policy refuses a planted script."""

from __future__ import annotations


import pytest
from bs4 import BeautifulSoup

import browser
from auditor.exit_codes import EXIT_OK
from auditor.reports import render_audit
from reportdata import HOSTILE_TITLE, province_store

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(browser.chromium() is None, reason="chromium is not installed")]

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    root = tmp_path_factory.mktemp("browser")
    store, audits = province_store(root / "audit.db")
    try:
        paths = render_audit(store, audits[-1], root / "out")
    finally:
        store.close()
    return root, paths


def png_size(path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == PNG_MAGIC
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


@pytest.mark.parametrize("name", ["index.html", "units/huong-hoa.html", "findings/ADS-002.html",
                                  "sites/xa-a.html", "sites/huong-hoa.html"])
def test_chromium_renders_a_screenshot(reports, name):
    root, _ = reports
    png = root / (name.replace("/", "-") + ".png")
    result = browser.screenshot(root / "out" / name, png)
    assert result.returncode == EXIT_OK, result.stderr[-2000:]
    assert png_size(png) == (1280, 2000)
    assert png.stat().st_size > 50_000  # a page of text and tables, not a blank sheet


def test_the_dom_holds_the_expected_vietnamese_text(reports):
    root, _ = reports
    result = browser.dump_dom(root / "out" / "sites" / "xa-a.html")
    assert result.returncode == EXIT_OK, result.stderr[-2000:]
    dom = BeautifulSoup(result.stdout, "lxml")
    assert dom.html["lang"] == "vi"
    h2 = [h.get_text(" ", strip=True) for h in dom.find_all("h2")]
    for section in ("I. Thông tin chung", "IV. Kết quả kiểm tra", "V. Ưu điểm", "VI. Tồn tại, hạn chế",
                    "VII. Kiến nghị"):
        assert section in h2
    text = dom.get_text(" ", strip=True)
    assert "Sở Khoa học và Công nghệ tỉnh Quảng Trị đề nghị UBND xã Hướng Lập:" in text
    assert HOSTILE_TITLE in text  # the page's title as text, not markup
    assert dom.find("script") is None and dom.find("b") is None
    assert "Content Security Policy" not in result.stderr  # the stylesheet's hash matches: nothing blocked


def test_the_policy_refuses_a_script_even_if_one_got_in(reports):
    """Defence in depth: a report with a script injected after rendering still runs nothing."""
    root, paths = reports
    tampered = root / "tampered.html"
    html = paths[0].read_text("utf-8")
    tampered.write_text(html.replace("</main>", "<script>document.body.setAttribute('data-pwned', '1')"
                                                "</script><img src=x onerror=\"document.body.setAttribute("
                                                "'data-pwned', '2')\"></main>"), "utf-8")
    result = browser.dump_dom(tampered)
    assert result.returncode == EXIT_OK, result.stderr[-2000:]
    body = BeautifulSoup(result.stdout, "lxml").body
    assert body.get("data-pwned") is None
    violations = [line for line in result.stderr.splitlines() if "Content Security Policy" in line]
    assert any("script-src 'none'" in line for line in violations)  # the inline script, refused
    assert any("img-src data:" in line for line in violations)  # the image that would fire onerror
