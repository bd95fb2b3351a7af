"""The browser pass (issue 16): axe-core in headless Chromium over a sample of each site's pages.

A site with planted accessibility defects and the same site fixed (tests/a11ysite.py) are
audited with the browser pass on: every planted defect is an ACC finding with its WCAG
criterion, the findings are what axe-core itself reports for the pages, the fixed site has
none, and the static rules and the browser rules never report one defect twice. Without a
browser the audit runs as before and the report says the browser checks were not run.
"""

from __future__ import annotations

import json
import sqlite3
import time

import pytest

import a11ysite
from auditor.browser.chromium import find_chromium, unavailable
from auditor.browser.rendered import RenderedPage, SampledPage
from auditor.browser.sample import Sampler
from auditor.browser.session import RequestGuard
from auditor.browser.worker import BrowserPass
from auditor.crawl.a11y import merged_outcome
from auditor.judge.engine import Engine
from auditor.judge.packs import load_pack
from auditor.registry import Site
from auditor.rules._axe import STATIC_OWNERS, criteria_of, owner_of
from auditor.spiders.facts import PageFacts
from conftest import export, run_cli, write_registry
from servers import serve

BROWSER_MISSING = unavailable()
needs_browser = pytest.mark.skipif(bool(BROWSER_MISSING), reason=f"browser pass unavailable: {BROWSER_MISSING}")
BROWSER_RULES = {"ACC-004", "ACC-005", "ACC-006", "ACC-007", "ACC-008", "ACC-009"}
SITE = Site(id="xa-a", name="UBND xã A", level="xa", url="http://127.0.0.1:1/")


def axe_result(axe_id: str, tags: list[str], count: int = 1) -> dict:
    nodes = [{"target": f"#n{i}", "html": f"<a id=\"n{i}\"></a>", "summary": ""} for i in range(count)]
    return {"id": axe_id, "impact": "serious", "tags": tags, "help": "help", "count": count, "nodes": nodes}


# -- which rule reports what ------------------------------------------------------------------
@pytest.mark.parametrize("axe_id, tags, rule", [
    ("color-contrast", ["cat.color", "wcag2aa", "wcag143"], "ACC-004"),
    ("link-name", ["wcag2a", "wcag244", "wcag412"], "ACC-005"),
    ("button-name", ["wcag2a", "wcag412"], "ACC-005"),
    ("label", ["wcag2a", "wcag412"], "ACC-006"),  # tagged 4.1.2 by axe, a label by name
    ("html-xml-lang-mismatch", ["wcag2a", "wcag311"], "ACC-007"),
    ("duplicate-id", ["cat.parsing", "wcag411", "deprecated"], "ACC-008"),
    ("bypass", ["wcag2a", "wcag241"], "ACC-009"),  # no family of its own: the catch-all
])
def test_each_axe_result_goes_to_the_rule_of_its_criterion(axe_id, tags, rule):
    assert owner_of(axe_result(axe_id, tags)).id == rule


def test_static_rules_own_what_they_judge_on_every_page():
    assert STATIC_OWNERS == {"image-alt": "ACC-001", "marquee": "ACC-002", "blink": "ACC-002",
                             "html-has-lang": "ACC-003"}
    assert owner_of(axe_result("image-alt", ["wcag2a", "wcag111"])) is None
    assert criteria_of(["wcag2aa", "wcag143", "wcag1412", "cat.color"]) == ["1.4.3", "1.4.12"]


def engine() -> Engine:
    return Engine(load_pack("nd224-2026"), audit_date="2026-07-15", sites=[SITE])


def test_violations_are_warnings_and_incomplete_results_are_info():
    page = RenderedPage(site="xa-a", url="http://127.0.0.1:1/", violations=[
        axe_result("color-contrast", ["wcag2aa", "wcag143"], count=3)],
        incomplete=[axe_result("color-contrast", ["wcag2aa", "wcag143"])])
    findings = {f.key: f for f in engine().judge_rendered(page, SITE)}
    assert set(findings) == {"color-contrast", "review:color-contrast"}
    violation, review = findings["color-contrast"], findings["review:color-contrast"]
    assert violation.rule == review.rule == "ACC-004"
    assert (violation.severity, review.severity) == ("warning", "info")
    assert violation.grouped and violation.evidence["wcag"] == ["1.4.3"]
    assert violation.evidence["count_on_page"] == 3 and len(violation.evidence["elements"]) == 3
    # The basis is the law data's (rules/law/basis.toml): Circular 26/2020, its appendix not read
    # in full; the WCAG criterion is the finding's own (message and evidence).
    assert "Thông tư 26/2020/TT-BTTTT" in violation.basis and "1.4.3" in violation.message
    assert "chưa kiểm chứng toàn văn" in violation.basis
    # axe's English help stays in the evidence; the message says it in Vietnamese.
    assert "Độ tương phản màu" in violation.message and violation.evidence["axe_help"] == "help"


def test_every_rule_of_the_shipped_axe_core_has_a_vietnamese_help_text():
    """axe-core's build carries each rule's English help in its locale table; a newer axe-core
    that adds a rule fails here until rules/data/axe_help_vi.toml says it in Vietnamese."""
    import re
    from pathlib import Path

    from auditor.rules._axe import _help_vi

    package = pytest.importorskip("axe_playwright_python", reason="the browser extra is not installed")
    build = (Path(package.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
    shipped = set(re.findall(r'"?([a-z0-9-]+)"?:\{description:"[^"]*",help:"', build))
    assert len(shipped) > 80, "axe-core's locale table was not found: the build's layout changed"
    assert shipped - set(_help_vi()) == set()


def test_a_page_that_could_not_be_rendered_yields_no_finding():
    page = RenderedPage(site="xa-a", url="http://127.0.0.1:1/", error="HTTP 500",
                        violations=[axe_result("color-contrast", ["wcag143"])])
    assert engine().judge_rendered(page, SITE) == []


@pytest.mark.parametrize("lang, text, reported", [
    ("vn", a11ysite.PARAGRAPH, False),  # ACC-003 reports a Vietnamese page declared "vn"
    ("vn", "Commune news and notices in English only, no Vietnamese letters at all here.", True),
])
def test_acc007_steps_aside_where_acc003_reports_the_page_language(lang, text, reported):
    page = RenderedPage(site="xa-a", url="http://127.0.0.1:1/", lang=lang, text=text,
                        violations=[axe_result("html-lang-valid", ["wcag2a", "wcag311"])])
    assert bool(engine().judge_rendered(page, SITE)) is reported


# -- the sample -------------------------------------------------------------------------------
def facts(url: str, title: str, depth: int = 1, text: str = "", published: str = "") -> PageFacts:
    page = PageFacts(site="xa-a", url=url, final_url=url, status=200, content_type="text/html",
                     depth=depth, is_html=True)
    page.title, page.main_text, page.published = title, text, published
    return page


def test_the_sample_is_home_one_page_per_section_and_two_articles():
    ctx = engine().context(SITE)
    sampler = Sampler(max_pages=16, articles=2)
    base = "http://127.0.0.1:1/"
    pages = [facts(base, "UBND xã A", depth=0), facts(base + "gioi-thieu/", "Giới thiệu | UBND xã A"),
             facts(base + "gioi-thieu/lich-su/", "Giới thiệu | Lịch sử"), facts(base + "tin-tuc/", "Tin tức")]
    pages += [facts(base + f"tin-tuc/bai-viet-so-{n}-ve-cau-moi-{n}001.html", f"Bài viết {n}",
                    text=a11ysite.PARAGRAPH * 4 + " Ngày 05/01/2026.", depth=2) for n in range(4)]
    chosen = [sampler.consider(page, ctx) for page in pages]
    reasons = [sample.why if sample else None for sample in chosen]
    # one page per section (the first reached), then the first two articles
    assert reasons == ["home", "section:SEC-001", None, "section:SEC-002", "article", "article", None, None]
    capped = Sampler(max_pages=2)
    assert [bool(capped.consider(page, ctx)) for page in pages[:3]] == [True, True, False]
    assert Sampler(max_pages=0).consider(pages[0], ctx) is None


# -- politeness and safety --------------------------------------------------------------------
class ClockRenderer:
    """Records when each page is rendered (the scheduling is under test, not the browser)."""

    def __init__(self):
        self.calls: list[tuple[str, float]] = []

    def render(self, sample):
        self.calls.append((sample.url, time.monotonic()))
        return RenderedPage.of(sample, seconds=0.01)

    def close(self):
        pass


def test_renders_of_one_site_are_spaced_by_its_delay_and_other_sites_fill_the_gap():
    renderer = ClockRenderer()
    browser = BrowserPass(lambda: renderer).start()
    for url in ("a/1", "a/2", "a/3"):
        browser.submit(SampledPage(site="a", url=url, why="home"), delay=0.3)
    browser.submit(SampledPage(site="b", url="b/1", why="home"), delay=0.3)
    browser.finish(timeout=10)
    order = [url for url, _ in renderer.calls]
    assert order.index("b/1") < order.index("a/2")  # b did not wait behind a's delay
    times = {url: at for url, at in renderer.calls}
    assert times["a/2"] - times["a/1"] >= 0.29 and times["a/3"] - times["a/2"] >= 0.29
    assert len(browser.drain()) == 4


def test_a_browser_that_does_not_start_leaves_a_reason_and_no_result():
    def broken():
        raise RuntimeError("no display")
    browser = BrowserPass(broken).start()
    browser.submit(SampledPage(site="a", url="a/1", why="home"), delay=0)
    browser.finish(timeout=10)
    assert "no display" in browser.failure and browser.drain() == []


def test_the_request_guard_keeps_the_browser_on_the_site_and_off_private_addresses():
    guard = RequestGuard("http://127.0.0.1:8080/tin-tuc/")
    assert guard.allows("http://127.0.0.1:8080/style.css", "stylesheet")
    assert guard.allows("http://127.0.0.1:8080/", "document")
    assert not guard.allows("http://127.0.0.1:8080/logo.png", "image")  # no axe rule needs it
    assert not guard.allows("http://127.0.0.1:9090/style.css", "stylesheet")  # another port, private
    assert not guard.allows("http://10.0.0.1/admin.js", "script")
    assert not guard.allows("http://192.168.1.1/", "document")  # a redirect into a LAN
    assert not guard.allows("http://localhost/x.css", "stylesheet")


def test_without_a_browser_the_reason_is_known():
    assert "not found" in unavailable("/nonexistent/chromium") or "not installed" in unavailable("/nonexistent/chromium")
    assert find_chromium("/nonexistent/chromium") is None


def test_the_jobs_outcomes_of_the_pass_add_up():
    """An audit run as jobs records the pass once: each shard's pages and seconds added."""
    rendered = {"run": True, "reason": "", "engine": "axe 4", "pages": {"a": 2}, "failed": {"a": 1},
                "seconds": 1.0, "seconds_per_page": 0.5}
    not_run = {"run": False, "reason": "Chromium was not found", "engine": "", "pages": {"b": 3},
               "failed": {}, "seconds": 2.0, "seconds_per_page": 0.667}
    assert merged_outcome({}, not_run) == not_run
    merged = merged_outcome(rendered, not_run)
    assert merged == {"run": True, "reason": "Chromium was not found", "engine": "axe 4",
                      "pages": {"a": 2, "b": 3}, "failed": {"a": 1}, "seconds": 3.0, "seconds_per_page": 0.6}
    assert rendered["pages"] == {"a": 2}  # the audit's record so far is not changed in place


# -- end to end -------------------------------------------------------------------------------
def audit(tmp_path, *extra: str) -> tuple[dict, dict, sqlite3.Connection]:
    with serve(a11ysite.routes(broken=True)) as bad, serve(a11ysite.routes(broken=False)) as good:
        registry = write_registry(tmp_path, "".join(
            f'[[site]]\nid = "{sid}"\nname = "UBND xã {sid}"\nlevel = "xa"\nurl = "{server.url}"\n'
            for sid, server in (("bad", bad), ("good", good))))
        result = run_cli("audit", registry, "--db", tmp_path / "a.db", "--out", tmp_path / "out", "-q",
                         "-s", "AUDITOR_TLS_CHECK_TIMEOUT=0", "-s", "AUDITOR_A11Y_DELAY=0.2", *extra)
    assert result.returncode == 0, result.stderr[-3000:]
    db = sqlite3.connect(tmp_path / "a.db")
    outcome = json.loads(db.execute("select settings from audits").fetchone()[0])["a11y"]
    return export(tmp_path / "a.db"), outcome, db


@pytest.fixture(scope="module")
def audited(tmp_path_factory):
    if BROWSER_MISSING:
        pytest.skip(f"browser pass unavailable: {BROWSER_MISSING}")
    tmp_path = tmp_path_factory.mktemp("a11y")
    document, outcome, db = audit(tmp_path, "--a11y-pages", "16")
    return tmp_path, document, outcome, db


def browser_findings(document: dict, site: str) -> list[dict]:
    return [f for f in document["findings"] if f["site"] == site and f["rule"] in BROWSER_RULES]


@needs_browser
def test_every_planted_violation_is_found_with_its_wcag_criterion(audited):
    _, document, outcome, _ = audited
    assert outcome["run"] and outcome["engine"].startswith("axe-core")
    assert outcome["pages"] == {"bad": 3, "good": 3}  # home, the introduction, the article
    found = {f["evidence"]["axe_rule"]: f for f in browser_findings(document, "bad")}
    assert {axe_id: f["rule"] for axe_id, f in found.items()} == a11ysite.PLANTED
    assert found["color-contrast"]["evidence"]["wcag"] == ["1.4.3"]
    assert found["duplicate-id"]["evidence"]["wcag"] == ["4.1.1"]
    assert found["html-xml-lang-mismatch"]["evidence"]["wcag"] == ["3.1.1"]
    assert all(f["severity"] == "warning" for f in found.values())
    element = found["label"]["evidence"]["elements"][0]
    assert element["selector"] == "input" and element["snippet"].startswith("<input")


@needs_browser
def test_a_defect_on_every_page_is_one_finding_counted_over_the_pages(audited):
    _, document, _, _ = audited
    link = next(f for f in browser_findings(document, "bad") if f["evidence"]["axe_rule"] == "link-name")
    assert link["count"] == 3 and link["evidence"]["elements"][0]["selector"] == ".icon-mail"


@needs_browser
def test_the_fixed_site_has_no_browser_finding(audited):
    _, document, _, _ = audited
    assert browser_findings(document, "good") == []
    assert not [f for f in document["findings"] if f["site"] == "good" and f["rule"].startswith("ACC")]


@needs_browser
def test_the_findings_are_what_axe_core_reports_for_the_pages(audited):
    """axe-core run by hand on the broken home page (all its rules, WCAG 2.0 A/AA and the
    deprecated 4.1.1 ones) reports the planted defects and the image; the audit has them all,
    the image as the static ACC-001's only."""
    from auditor.browser.session import Renderer

    with serve(a11ysite.routes(broken=True)) as bad:
        renderer = Renderer(find_chromium(), "test").start()
        try:
            renderer.rules = None
            sample = SampledPage(site="bad", url=bad.url, why="home")
            page = renderer.render(sample)
            raw = {rule for rule in _all_axe_violations(renderer, bad.url)}
        finally:
            renderer.close()
    assert raw == set(a11ysite.PLANTED) | {"image-alt"}
    assert {v["id"] for v in page.violations} == set(a11ysite.PLANTED)  # image-alt not run
    _, document, _, _ = audited
    acc001 = [f for f in document["findings"] if f["site"] == "bad" and f["rule"] == "ACC-001"]
    assert len(acc001) == 1  # the image, once, by the static rule


def _all_axe_violations(renderer, url: str) -> list[str]:
    context = renderer.browser.new_context()
    try:
        page = context.new_page()
        page.goto(url)
        page.evaluate(renderer.axe.axe_script)
        return page.evaluate("""async () => {
            const ids = axe.getRules(['wcag2a', 'wcag2aa']).map(r => r.ruleId)
                .concat(['duplicate-id', 'duplicate-id-active']);
            const results = await axe.run(document, {runOnly: {type: 'rule', values: ids}});
            return results.violations.map(v => v.id);
        }""")
    finally:
        context.close()


@needs_browser
def test_incomplete_results_become_info_findings():
    """Text over a background image: axe cannot tell the contrast and asks for a review."""
    from auditor.browser.session import Renderer
    from servers import html

    body = ('<html lang="vi"><head><title>Ảnh nền</title></head><body><main><h1>Tin</h1>'
            '<p style="color:#777;background-image:url(/nen.png)">Chữ trên ảnh nền</p></main></body></html>')
    with serve({"/": html(body)}) as site:
        renderer = Renderer(find_chromium(), "test").start()
        try:
            page = renderer.render(SampledPage(site="xa-a", url=site.url, why="home"))
        finally:
            renderer.close()
    assert not page.error and not page.violations
    findings = engine().judge_rendered(page, SITE)
    assert [(f.rule, f.key, f.severity) for f in findings] == [("ACC-004", "review:color-contrast", "info")]


def test_without_a_browser_the_audit_runs_and_the_report_says_not_run(tmp_path):
    document, outcome, db = audit(tmp_path, "--a11y-pages", "4", "-s", "AUDITOR_CHROMIUM=/nonexistent/chromium")
    assert outcome["run"] is False and outcome["pages"] == {}
    assert "Chromium was not found" in outcome["reason"] or "not installed" in outcome["reason"]
    assert not [f for f in document["findings"] if f["rule"] in BROWSER_RULES]
    assert [f["rule"] for f in document["findings"] if f["site"] == "bad" and f["rule"] == "ACC-001"]
    report = (tmp_path / "out" / "sites" / "bad.html").read_text("utf-8")
    assert "chưa được kiểm tra" in report
    for rule in sorted(BROWSER_RULES):  # each browser criterion "không xác định", never "đạt"
        start = report.index(f">{rule}<")
        row = report[start:report.index("</tr>", start)]
        assert "Không xác định" in row and "Đạt<" not in row
