"""The engine: grouping, failures that must not stop an audit, which rules judge which pages and
sites, and dates as the seed documents write them."""

from __future__ import annotations

import json
import logging
from datetime import date

import lxml.html
import pytest

from auditor.judge.engine import Engine
from auditor.judge.packs import load_pack
from auditor.registry import Site
from auditor.rules import rule_by_id
from auditor.spiders.extract import extract
from auditor.spiders.facts import PageFacts, SiteFacts
from auditor.store.database import Store
from conftest import SHARED
from rulecases import DEFAULTS, Case, run_case

SITE = Site(id="xa", name="UBND xã Hướng Lập", level="xa", url="https://huonglap.quangtri.gov.vn/")
AD_PAGE = """<!DOCTYPE html><html lang="vi"><head><title>Tin {n}</title></head><body>
<h1>Tin số {n}</h1><div id="sidebar"><a href="https://nhakhoa-abc.com.vn/"><img src="/qc.png" alt="Nha khoa"></a></div>
</body></html>"""


def page(html: str, path: str = "tin-tuc/1.html", status: int = 200, site: Site = SITE) -> PageFacts:
    url = site.url + path
    facts = PageFacts(site=site.id, url=url, final_url=url, status=status, is_html=True, depth=1)
    return extract(facts, lxml.html.document_fromstring(html), url)


def engine(pack: str = "nd224-2026", day: date = date(2026, 11, 20)) -> Engine:
    return Engine(load_pack(pack), None, day, [SITE])


def test_the_same_sidebar_ad_on_five_pages_is_one_finding_counted_five_times(tmp_path):
    judge = engine()
    store = Store(tmp_path / "a.db")
    from auditor.registry import Registry

    audit = store.new_audit(Registry(path="x", sites=[SITE]), "nd224-2026", {}, "test", 0)
    row = store.site_ids(audit)["xa"]
    for n in range(5):
        findings = [f for f in judge.judge_page(page(AD_PAGE.format(n=n), f"tin-tuc/{n}.html"), SITE)
                    if f.rule == "ADS-002"]
        assert len(findings) == 1
        store.add_findings(audit, [f.to_row(row) for f in findings])
    (stored,) = [f for f in store.findings(audit) if f["rule"] == "ADS-002"]
    assert stored["count"] == 5
    assert len(json.loads(stored["sample_urls"])) == 5
    assert json.loads(stored["evidence"])["href"] == "https://nhakhoa-abc.com.vn/"
    store.close()


def test_a_cause_twice_on_one_page_counts_once():
    html = AD_PAGE.format(n=1).replace("</div>", '<a href="https://nhakhoa-abc.com.vn/km">Khuyến mãi</a></div>')
    findings = [f for f in engine().judge_page(page(html), SITE) if f.rule == "ADS-002"]
    assert len(findings) == 1


def test_fingerprints_do_not_change_with_the_test_port():
    a = Site(id="xa", name="x", level="xa", url="http://127.0.0.1:4001/", domain="huonglap.quangtri.gov.vn")
    b = Site(id="xa", name="x", level="xa", url="http://127.0.0.1:4999/", domain="huonglap.quangtri.gov.vn")
    html = '<html><body><h1>T</h1><img src="/anh.png"></body></html>'
    first = {f.fingerprint for f in engine().judge_page(page(html, site=a), a)}
    second = {f.fingerprint for f in engine().judge_page(page(html, site=b), b)}
    assert first and first == second


def test_a_rule_that_raises_is_logged_and_recorded_and_the_others_still_judge(monkeypatch, caplog):
    def broken(self, facts, ctx):
        raise ValueError("boom")
        yield  # a generator, as rules are

    monkeypatch.setattr(type(rule_by_id("ACC-002")), "check", broken)
    html = '<html><body><h1>T</h1><marquee>chạy</marquee><img src="/a.png"></body></html>'
    judge = engine()
    with caplog.at_level(logging.ERROR, logger="auditor.judge.engine"):
        findings = judge.judge_page(page(html), SITE) + judge.judge_page(page(html, "tin-tuc/2.html"), SITE)
    failed = [f for f in findings if f.rule == "ACC-002"]
    assert {f.key for f in failed} == {"internal-error"} and {f.severity for f in failed} == {"info"}
    assert len({f.fingerprint for f in failed}) == 1  # one per site, counted over pages
    assert "ValueError: boom" in failed[0].evidence["error"]
    assert any(f.rule == "ACC-001" for f in findings)  # the other rules went on
    assert judge.failures == {"ACC-002": 2}
    assert "rule ACC-002 failed" in caplog.text


def test_error_pages_are_judged_only_for_leaked_debug_text():
    html = ('<html><body><h1>Lỗi</h1><p>nhà cái uy tín</p>'
            '<pre>Traceback (most recent call last):\n  File "app.py"</pre></body></html>')
    rules = {f.rule for f in engine().judge_page(page(html, status=500), SITE)}
    assert rules == {"TEC-003"}


def test_under_decree_43_a_commune_is_judged_only_by_always_applicable_laws():
    html = '<html><body><h1>T</h1><marquee>chạy</marquee><p>nhà cái uy tín</p></body></html>'
    rules = {f.rule for f in engine("nd43-2011", date(2020, 6, 1)).judge_page(page(html), SITE)}
    assert "ADS-003" in rules  # Advertising Law: always
    assert "ACC-002" not in rules  # Circular 32/2017 did not reach communes


def site_facts(**values) -> SiteFacts:
    base = dict(site="xa", name="UBND xã Hướng Lập", level="xa", url=SITE.url,
                registry_status="active", crawl_status="ok", audit_date="2026-11-20")
    return SiteFacts(**{**base, **values})


def test_an_unreachable_site_gets_frs_004_and_no_list_of_missing_sections():
    findings = engine().judge_site(site_facts(crawl_status="unreachable", crawl_reason="dns"))
    assert {f.rule for f in findings} == {"FRS-004"}


def test_an_abolished_unit_is_not_asked_for_sections_freshness_or_a_masthead():
    findings = engine().judge_site(site_facts(registry_status="abolished"))
    families = {f.rule.split("-")[0] for f in findings}
    assert "SEC" not in families and not {f.rule for f in findings} & {"FRS-001", "FTR-001"}
    live = engine().judge_site(site_facts())
    assert any(f.rule.startswith("SEC") for f in live)  # the same empty site, active


# --- Dates as the seed documents write them ---------------------------------------------------
SEEDS = SHARED / "seeds"


@pytest.mark.parametrize("prefix, newest", [
    ("000", "2022-05-08"),  # 7:57, Chủ Nhật, 8-5-2022
    ("001", "2016-03-10"),  # (07:56 | 10/03/2016)
    ("002", "2017-04-11"),  # Cập nhật ngày : 11-04-2017
    ("003", "2021-02-27"),  # Thứ bảy, ngày 27 tháng 02 năm 2021 ("Ngày 14/10" has no year)
    ("004", "2023-03-23"),  # 8:39, Thứ Năm, 23-3-2023 ("Hôm nay3,036" is a visitor counter)
])
def test_freshness_reads_the_seed_documents_dates(tmp_path, prefix, newest):
    if not SEEDS.is_dir():
        pytest.skip(f"seed texts not found at {SEEDS}")
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    paragraphs = "".join(f"<p>{line}</p>" for line in path.read_text(encoding="utf-8").splitlines())
    day = date.fromisoformat(newest)
    case = {"rule": "FRS-001", "level": "huyen", "site_name": "UBND huyện Hướng Hóa",
            "path": "/tin-tuc/bai-viet-tu-trang-cu.html", "body": paragraphs, "pack": "nd43-2011"}
    fresh = run_case(Case("seed", 1, {**DEFAULTS, **case, "audit_date": _plus(day, 5)}), tmp_path / "fresh")
    assert not fresh.findings  # a district's limit is 15 days
    late = run_case(Case("seed", 2, {**DEFAULTS, **case, "audit_date": _plus(day, 100)}), tmp_path / "late")
    (stale,) = late.findings
    assert stale.evidence["newest"] == newest and stale.evidence["age_days"] == 100


def _plus(day: date, days: int) -> str:
    return date.fromordinal(day.toordinal() + days).isoformat()


# --- Hostile markup ---------------------------------------------------------------------------
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = st.sampled_from([
    "<a href='{}'>{}</a>", "<img src='{}' alt='{}'>", "<iframe src='{}'>{}</iframe>", "<h2>{}{}</h2>",
    "<div style='display:none'>{}{}</div>", "<script src='{}'>{}</script>", "<p>{} {}</p>",
    "<footer>{}{}</footer>", "<aside><h3>Quảng cáo</h3><a href='{}'>{}</a></aside>", "<marquee>{}{}</marquee>",
])
_WORDS = st.sampled_from([
    "", "javascript:void(0)", "http://[::1", "https://nhà-cái.vn/ổ", "//cdn.tuoitre.vn/a.jpg", "mailto:x@gmail.com",
    "nhà cái uy tín", "Tin tức", "07:56 | 10/03/2016", "hôm nay", "Theo báo Tuổi Trẻ", "\u0301\u0323", "%%%",
    "https://www.youtube.com/embed/x", "pageHolder.getStart()", "Tác giả: A", "x" * 300, "https://127.0.0.1:0/",
])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_PIECES, _WORDS, _WORDS), max_size=25), st.sampled_from([200, 404, 500]))
def test_no_rule_breaks_on_hostile_markup(pieces, status):
    body = "".join(template.format(a, b) for template, a, b in pieces)
    html = f"<html><head><title>{body[:50]}</title></head><body>{body}</body></html>"
    try:
        facts = page(html, status=status)
    except (ValueError, TypeError):
        return  # lxml refused the document: nothing reaches the rules
    findings = engine().judge_page(facts, SITE)
    assert not [f for f in findings if f.key == "internal-error"], [f.evidence for f in findings]


def test_the_page_rules_of_a_site_are_worked_out_per_level_and_status_not_once_for_all():
    """One engine judges sites of every level and status in turn: the rules kept for one must
    not leak to the next (the cached page_rules_covering)."""
    decree_43 = engine("nd43-2011", date(2020, 6, 1))
    province = Site(id="tinh", name="UBND tỉnh", level="tinh", url="https://quangtri.gov.vn/")
    merged = Site(id="cu", name="UBND xã cũ", level="xa", url="https://cu.quangtri.gov.vn/",
                  status="merged")
    html = '<html><body><h1>T</h1><marquee>chạy</marquee><p>nhà cái uy tín</p></body></html>'
    for site in (SITE, province, merged, SITE, province):
        ctx = decree_43.context(site)
        expected = tuple(r for r in decree_43.page_rules if decree_43.covers(r, ctx))
        assert decree_43.page_rules_covering(ctx) == expected
        judged = {f.rule for f in decree_43.judge_page(page(html, site=site), site)}
        assert judged <= {r.id for r in expected}
    commune_rules = {r.id for r in decree_43.page_rules_covering(decree_43.context(SITE))}
    province_rules = {r.id for r in decree_43.page_rules_covering(decree_43.context(province))}
    assert "ACC-002" in province_rules - commune_rules  # Circular 32/2017 did not reach communes
    merged_rules = {r.id for r in decree_43.page_rules_covering(decree_43.context(merged))}
    assert all(rule_by_id(r).judges_abolished for r in merged_rules)
