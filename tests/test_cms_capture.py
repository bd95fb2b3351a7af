"""The corpus tools of tests/cms/: capture_site.py against a real server, compare_capture.py on folders."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

from servers import html, raw, serve

CMS = Path(__file__).parent / "cms"


def load(name: str):
    spec = importlib.util.spec_from_file_location(name, CMS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


capture_site = load("capture_site")
compare_capture = load("compare_capture")


def site_routes(origin: list[str]) -> dict:
    """A home page printing its origin in a link and as JSON (as WordPress's inline scripts do)."""
    escaped = lambda: origin[0].replace("/", "\\/")  # noqa: E731
    return {
        "/": lambda _: html(f'<a href="{origin[0]}/tin-tuc/">Tin</a><a href="{origin[0]}">Trang chủ</a>'
                            f'<script>var s = {{"src":"{escaped()}\\/wp-includes\\/e.js","home":"{escaped()}"}};</script>'),
        "/tin-tuc/": lambda _: html("<p>Tin tức</p>"),
        "/robots.txt": lambda _: raw(f"Sitemap: {origin[0]}/wp-sitemap.xml\n".encode(), "text/plain"),
    }


def capture(tmp_path: Path, rewrite_text_assets: bool) -> Path:
    origin: list[str] = []
    with serve(site_routes(origin)) as server:
        origin.append(server.url.rstrip("/"))
        out = tmp_path / ("rewritten" if rewrite_text_assets else "as-served")
        site = capture_site.SiteCapture(server.url, out, [], 10, 2048, rewrite_text_assets=rewrite_text_assets)
        site.crawl(["/robots.txt"])
        return out


def test_capture_makes_the_origin_root_relative_also_json_escaped(tmp_path):
    out = capture(tmp_path, rewrite_text_assets=False)
    home = (out / "index.html").read_text()
    assert '<a href="/tin-tuc/">' in home and '<a href="/">' in home
    # the escaped origin keeps JSON's escaped slash: "\/wp-includes\/e.js", never "/\/wp-includes"
    assert '"src":"\\/wp-includes\\/e.js"' in home and '"home":"\\/"' in home
    assert "127.0.0.1" not in home
    assert (out / "tin-tuc" / "index.html").read_text() == "<p>Tin tức</p>"


def test_robots_txt_is_rewritten_only_when_asked(tmp_path):
    as_served = (capture(tmp_path, rewrite_text_assets=False) / "robots.txt").read_text()
    rewritten = (capture(tmp_path, rewrite_text_assets=True) / "robots.txt").read_text()
    assert re.fullmatch(r"Sitemap: http://127\.0\.0\.1:\d+/wp-sitemap\.xml\n", as_served)
    assert rewritten == "Sitemap: /wp-sitemap.xml\n"


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def test_compare_sorts_files_into_equal_masked_and_different(tmp_path, capsys):
    committed = write(tmp_path / "old", {"a.html": "same\n", "b.html": "<p>t=1796290820</p>\n",
                                        "c.html": "<h1>Tin</h1>\n", "gone.css": "x"})
    rebuilt = write(tmp_path / "new", {"a.html": "same\n", "b.html": "<p>t=1796305035</p>\n",
                                      "c.html": "<h1>Tin mới</h1>\n", "extra.js": "y"})
    left = compare_capture.compare(committed, rebuilt, [("install-time", re.compile(r"t=\d{10}"))])
    printed = capsys.readouterr().out
    assert "only committed: gone.css" in printed and "only rebuilt:   extra.js" in printed
    assert "3 files on both sides: 1 byte-equal, 1 equal once masked, 1 still different" in printed
    assert "still different: c.html" in printed
    assert left == {"-<h1>Tin</h1>": 1, "+<h1>Tin mới</h1>": 1}
