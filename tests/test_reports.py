"""The HTML reports, rendered from a real store with real Jinja2 and read back with lxml."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import unicodedata
from collections import Counter

import pytest
from bs4 import BeautifulSoup

from auditor.reports import render_audit, render_site_report
from auditor.reports.model import site_file
from auditor.reports.score import score_site
from reportdata import HOSTILE_SNIPPET, HOSTILE_TITLE, province_store

SITE_SECTIONS_VI = ["Thông tin chung", "Kết luận", "Thay đổi so với lần kiểm tra trước",
                    "Kết quả kiểm tra", "Ưu điểm", "Tồn tại, hạn chế", "Kiến nghị",
                    "Phụ lục: Danh sách phát hiện theo trang"]


@pytest.fixture(scope="module")
def province(tmp_path_factory):
    """Two audits of the demo-like province, rendered in Vietnamese and in English."""
    root = tmp_path_factory.mktemp("province")
    store, audits = province_store(root / "audit.db")
    paths = {lang: render_audit(store, audits[-1], root / lang, lang) for lang in ("vi", "en")}
    yield store, audits, root, paths
    store.close()


def soup_of(path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def headings(soup, level="h2") -> list[str]:
    return [re.sub(r"^[IVX]+\.\s*", "", h.get_text(" ", strip=True)) for h in soup.find_all(level)]


def open_counts(store, audit_id) -> dict[str, Counter]:
    counts: dict[str, Counter] = {}
    for row in store.db.query(
            "select s.key, f.severity from findings f join sites s on s.id = f.site_id "
            "where f.audit_id = ? and (f.waived is null or f.waived = '')", [audit_id]):
        counts.setdefault(row["key"], Counter())[row["severity"]] += 1
    return counts


def test_render_audit_writes_the_overview_and_one_report_per_site(province):
    store, audits, root, paths = province
    vi = paths["vi"]
    assert vi[0] == root / "vi" / "index.html"
    sites = [p for p in vi[1:] if p.parent.name == "sites"]
    assert sorted(p.name for p in sites) == sorted(site_file(s["key"]) for s in store.sites(audits[-1]))
    assert sorted(p.name for p in vi[1:] if p.parent.name == "units") == ["huong-hoa.html", "quang-tri.html"]
    assert {p.parent.name for p in vi[1:]} == {"sites", "units", "findings"}


def test_a_site_report_has_the_sections_of_the_departments_review(province):
    _, _, root, _ = province
    soup = soup_of(root / "vi" / "sites" / "xa-a.html")
    assert soup.html["lang"] == "vi"
    assert headings(soup)[: len(SITE_SECTIONS_VI)] == SITE_SECTIONS_VI
    assert soup.find("h1").get_text(strip=True) == "BÁO CÁO KẾT QUẢ KIỂM TRA"
    general = soup.find(id="general").get_text(" ", strip=True)
    for expected in ("Sở Khoa học và Công nghệ tỉnh Quảng Trị", "UBND xã Hướng Lập", "Cấp xã",
                     "http://127.0.0.1:9/xa-a/", "nd224-2026", "Nghị định 224/2026/NĐ-CP",
                     "UBND huyện Hướng Hóa"):
        assert expected in general
    # The document head names the province's committee above the department (Decree 30/2020).
    assert soup.select_one(".doc-head .superior").get_text() == "UBND tỉnh Quảng Trị"


def test_criteria_show_pass_fail_and_the_score_follows_the_formula(province):
    store, audits, root, _ = province
    soup = soup_of(root / "vi" / "sites" / "xa-a.html")
    results = {}
    for row in soup.find(id="results").select("tbody tr"):
        cells = row.find_all("td")
        if cells:
            results[cells[0].get_text(strip=True)] = cells[3].get_text(" ", strip=True)
    failing = {row["rule"] for row in store.findings(audits[-1]) if row["site"] == "xa-a"}
    assert failing == {"ADS-002", "ADS-003", "MED-002", "FRS-002", "XYZ-901"}
    assert {rule for rule, result in results.items() if result.startswith("Không đạt")} == failing
    assert results["SEC-003"] == "Đạt" and results["FTR-004"] == "Đạt"
    # 1 error (ADS-003), 3 warnings (ADS-002, MED-002, FRS-002), 1 info (XYZ-901)
    conclusion = soup.find(id="conclusion").get_text(" ", strip=True)
    assert "77/100" in conclusion and "100 - 10×1 - 4×3 - 1×1 = 77" in conclusion
    assert "Không đạt" in conclusion


def test_shortcomings_carry_evidence_samples_and_citation(province):
    _, _, root, _ = province
    soup = soup_of(root / "vi" / "sites" / "xa-a.html")
    issues = soup.find(id="issues")
    families = headings(issues, "h3")
    assert families == ["1. Cập nhật thông tin (FRS)", "2. Bản quyền nội dung, báo chí (MED)",
                        "3. Quảng cáo và nội dung rác (ADS)", "4. Tiêu chí khác (XYZ)"]
    block = next(b for b in issues.select(".rule-block") if b.select_one(".rule-id").get_text() == "ADS-002")
    assert "Nghị định 224/2026/NĐ-CP, Điều 9" in block.select_one(".basis-line").get_text()
    banner, = block.select("li.issue")  # one cause, grouped over its pages
    text = banner.get_text(" ", strip=True)
    assert "Xuất hiện trên 3 trang" in text and "Cột bên" in text
    samples = [a["href"] for a in banner.select("ul.samples a")]
    assert samples == ["http://127.0.0.1:9/xa-a/tin-tuc.html", "http://127.0.0.1:9/xa-a/gioi-thieu.html"]
    assert '<a href="https://khachsansepon.vn">' in banner.find("pre").get_text()


def test_a_rule_without_metadata_is_reported_from_its_finding_row(province):
    _, _, root, _ = province
    soup = soup_of(root / "vi" / "sites" / "xa-a.html")
    row = next(tr for tr in soup.find(id="results").select("tr") if "XYZ-901" in tr.get_text())
    assert "Quy tắc bổ sung của tỉnh: thiếu biểu tượng Quốc huy" in row.get_text()
    assert "Quy định của UBND tỉnh (thử nghiệm)" in row.get_text()
    requests = soup.find(id="requests").get_text(" ", strip=True)
    assert "Khắc phục: Quy tắc bổ sung của tỉnh: thiếu biểu tượng Quốc huy" in requests


def test_counts_in_the_overview_equal_the_database(province):
    store, audits, root, _ = province
    soup = soup_of(root / "vi" / "index.html")
    expected = open_counts(store, audits[-1])
    seen = {}
    for row in soup.find(id="ranking").find_all("tr"):
        cells = row.find_all("td")
        if not cells:
            continue
        key = cells[1].find("a")["href"].rsplit("/", 1)[1].removesuffix(".html")
        seen[key] = tuple(int(cells[i].get_text(strip=True)) for i in (6, 7, 8))
    assert set(seen) == {s["key"] for s in store.sites(audits[-1])}
    for key, (errors, warnings, infos) in seen.items():
        counts = expected.get(key, Counter())
        assert (errors, warnings, infos) == (counts["error"], counts["warning"], counts["info"]), key
    total = sum(sum(c.values()) for c in expected.values())
    figures = soup.find(id="summary").get_text(" ", strip=True)
    assert f"{total} Tổng số phát hiện" in figures


def test_the_appendix_lists_every_finding_under_each_of_its_pages(province):
    store, audits, root, _ = province
    soup = soup_of(root / "vi" / "sites" / "xa-a.html")
    listed = Counter()
    for body in soup.find(id="appendix").select("tbody"):
        for row in body.find_all("tr")[1:]:
            listed[row.find("td").get_text(strip=True)] += 1
    expected = Counter()
    for row in store.findings(audits[-1]):
        if row["site"] == "xa-a":
            pages = {row["url"], *json.loads(row["sample_urls"])} - {None}
            expected[row["rule"]] += max(1, len(pages))
    assert listed == expected and listed["ADS-002"] == 3


def test_vietnamese_diacritics_are_intact(province):
    _, _, root, _ = province
    raw = (root / "vi" / "sites" / "huong-hoa.html").read_bytes()
    text = raw.decode("utf-8")
    assert '<meta charset="utf-8">' in text
    for phrase in ("Tồn tại, hạn chế", "Kiến nghị", "UBND huyện Hướng Hóa", "Độc lập - Tự do - Hạnh phúc",
                   "huonghoa.vhtt@gmail.com", "Chỉ đạo điều hành"):
        assert unicodedata.normalize("NFC", phrase).encode("utf-8") in raw
    assert "&#" not in BeautifulSoup(text, "lxml").find(id="requests").decode_contents()


def test_hostile_page_content_is_escaped_and_cannot_run(province):
    _, _, root, _ = province
    html = (root / "vi" / "sites" / "xa-a.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "lxml")
    assert soup.find("script") is None and soup.find("img") is None
    assert not soup.find_all(attrs={"onerror": True})
    assert all(not a["href"].lower().startswith(("javascript:", "data:")) for a in soup.find_all("a", href=True))
    text = soup.get_text()
    assert HOSTILE_TITLE in text and HOSTILE_SNIPPET in text  # shown as text, to the letter
    assert "javascript:alert(3)" in text  # the planted link target, shown, not linked
    assert "&lt;script&gt;alert(" in html


def test_a_content_security_policy_forbids_scripts_and_names_the_one_stylesheet(province):
    _, _, root, paths = province
    for path in paths["vi"] + paths["en"]:
        soup = soup_of(path)
        policy = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
        assert "script-src 'none'" in policy and "default-src 'none'" in policy
        styles = soup.find_all("style")
        assert len(styles) == 1
        digest = base64.b64encode(hashlib.sha256(styles[0].string.encode("utf-8")).digest()).decode()
        assert f"style-src 'sha256-{digest}'" in policy
        assert not soup.find_all(style=True)  # an inline style attribute would be refused


def test_reports_load_nothing_from_anywhere(province):
    _, _, _, paths = province
    for path in paths["vi"]:
        soup = soup_of(path)
        assert not soup.find_all(["link", "script", "img", "iframe", "object", "embed"])
        assert not soup.find_all(src=True)
        assert "url(" not in soup.find("style").string and "@import" not in soup.find("style").string


def test_an_unreachable_site_is_not_determined_not_passed(province):
    _, _, root, paths = province
    soup = soup_of(root / "vi" / "sites" / "xa-b.html")
    results = [tr.find_all("td") for tr in soup.find(id="results").select("tr") if tr.find("td")]
    outcome = {cells[0].get_text(strip=True): cells[3].get_text(strip=True) for cells in results}
    assert outcome.pop("FRS-004") == "Không đạt"
    assert outcome and set(outcome.values()) == {"Không xác định"}
    conclusion = soup.find(id="conclusion").get_text(" ", strip=True)
    assert "Không kiểm tra được" in conclusion and "không xác định" in conclusion
    assert "máy chủ từ chối kết nối" in conclusion
    overview = soup_of(paths["vi"][0])
    row = next(tr for tr in overview.find(id="ranking").find_all("tr") if "UBND xã Tân Hợp" in tr.get_text())
    assert row.find("td").get_text(strip=True) == "—"  # not ranked


def test_the_ranking_follows_the_verdicts_then_the_scores(province):
    _, _, _, paths = province
    soup = soup_of(paths["vi"][0])
    order = {"Đạt": 0, "Cơ bản đạt": 1, "Không đạt": 2}
    ranked = []
    for row in soup.find(id="ranking").find_all("tr"):
        cells = row.find_all("td")
        if cells and cells[0].get_text(strip=True) != "—":
            ranked.append((int(cells[0].get_text(strip=True)), order[cells[5].get_text(strip=True)],
                           int(cells[4].get_text(strip=True))))
    assert [rank for rank, _, _ in ranked] == [1, 2, 3, 4]
    assert [(verdict, -score) for _, verdict, score in ranked] == sorted(
        (verdict, -score) for _, verdict, score in ranked)
    assert ranked[0] == (1, 0, 100) and ranked[1] == (2, 1, 99)


def test_a_district_is_asked_to_direct_its_communes(province):
    _, _, root, _ = province
    requests = soup_of(root / "vi" / "sites" / "huong-hoa.html").find(id="requests").get_text(" ", strip=True)
    assert "Sở Khoa học và Công nghệ tỉnh Quảng Trị đề nghị UBND huyện Hướng Hóa:" in requests
    assert "Hướng dẫn, chỉ đạo các xã, thị trấn trực thuộc chấn chỉnh trang thông tin điện tử" in requests
    assert "UBND xã Hướng Lập (Không đạt, 5 tiêu chí không đạt)" in requests
    assert "UBND xã Tân Hợp (Không kiểm tra được" in requests
    commune = soup_of(root / "vi" / "sites" / "xa-a.html").find(id="requests").get_text()
    assert "chỉ đạo các" not in commune


def test_the_units_partition_the_sites_under_their_parents(province):
    """A site counts in its direct parent's unit; a parent's own site heads its unit."""
    _, _, root, paths = province
    rows = soup_of(paths["vi"][0]).find(id="units").select("tbody tr")
    assert [row.find("a").get_text() for row in rows] == [
        "Cổng thông tin điện tử tỉnh Quảng Trị", "UBND huyện Hướng Hóa"]
    district = [cell.get_text(" ", strip=True) for cell in rows[1].find_all("td")]
    assert district[1:4] == ["3", "2", "1"]  # sites, reached, not reached
    assert district[8] == "81.5"  # mean of 86 and 77; the unreachable commune has no score
    page = soup_of(root / "vi" / "units" / "huong-hoa.html")
    listed = [a["href"] for a in page.find(id="ranking").select("td a")]
    assert sorted(listed) == ["../sites/huong-hoa.html", "../sites/xa-a.html", "../sites/xa-b.html"]


def test_charts_are_inline_svg_with_every_site_and_family(province):
    store, audits, _, paths = province
    soup = soup_of(paths["vi"][0])
    charts = soup.find(id="charts").find_all("svg")
    assert len(charts) == 2 and all(svg.get("role") == "img" for svg in charts)
    labels = [t.get_text() for t in charts[0].find_all("text")]
    for site in store.sites(audits[-1]):
        assert site["name"] in labels
    assert "77 · Không đạt" in labels and "không xác định" in labels
    family_titles = [g.find("title").get_text() for g in charts[1].find_all("g")]
    assert "ADS: Quảng cáo và nội dung rác: 2" in family_titles


def test_english_reports(province):
    _, _, root, _ = province
    soup = soup_of(root / "en" / "sites" / "xa-a.html")
    assert soup.html["lang"] == "en"
    assert headings(soup)[:8] == ["General information", "Conclusion", "Changes since the previous audit",
                                  "Inspection results", "Strengths", "Shortcomings", "Requests",
                                  "Appendix: findings by page"]
    assert "SOCIALIST REPUBLIC OF VIET NAM" in soup.get_text()


def test_render_site_report_writes_one_standalone_report(province, tmp_path):
    store, audits, _, _ = province
    path = render_site_report(store, audits[-1], "xa-a", tmp_path, "vi")
    assert path == tmp_path / "xa-a.html"
    soup = soup_of(path)
    assert not soup.select("p.back")  # no overview to go back to
    assert "UBND xã Hướng Lập" in soup.find("h1").find_parent().get_text()
    with pytest.raises(KeyError):
        render_site_report(store, audits[-1], "no-such-site", tmp_path)


@pytest.mark.parametrize("results, assessed, expected", [
    ([("fail", "error"), ("fail", "error"), ("fail", "warning"), ("fail", "info"), ("pass", "error")],
     True, (75, "noncompliant")),
    ([("fail", "warning"), ("pass", "error"), ("unknown", "error")], True, (96, "largely")),
    ([("pass", "error"), ("pass", "info")], True, (100, "compliant")),
    ([("fail", "error")] * 12, True, (0, "noncompliant")),
    ([("fail", "error"), ("unknown", "warning")], False, (None, "unassessed")),
    ([], True, (None, "unassessed")),
])
def test_score_and_verdict(results, assessed, expected):
    score = score_site(results, assessed)
    assert (score.value, score.verdict) == expected


def contrast(foreground: str, background: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_text_colours_keep_a_contrast_of_at_least_4_5():
    from auditor.reports.charts import SEVERITY_FILL, SEVERITY_INK
    from auditor.reports.render import stylesheet

    palette = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", stylesheet()))
    pairs = [(palette[f"{name}-ink"], palette[f"{name}-bg"]) for name in ("fail", "warn", "info", "pass", "unknown")]
    pairs += [(palette[ink], "#ffffff") for ink in ("ink", "muted", "link", "fail-ink", "warn-ink")]
    pairs += [("#ffffff", palette["fail-ink"])]  # the "new" badge
    pairs += [(SEVERITY_INK[sev], SEVERITY_FILL[sev]) for sev in SEVERITY_FILL]  # counts on the bars
    assert len(pairs) == 14
    for foreground, background in pairs:
        assert contrast(foreground, background) >= 4.5, (foreground, background)


def test_rules_switched_off_by_the_config_are_no_criteria(tmp_path):
    """The engine records the config's rule levels with the audit; the report follows them."""
    store, audits = province_store(tmp_path / "audit.db", audits=1)
    levels = {"SEC-003": "off", "SEC-001": "warn"}
    store.update_audit(audits[0], settings=json.dumps({"rule_levels": levels}))
    path = render_site_report(store, audits[0], "xa-a", tmp_path / "out")
    store.close()
    rows = {tr.find("td").get_text(strip=True): tr for tr in soup_of(path).find(id="results").select("tr")
            if tr.find("td")}
    assert "SEC-003" not in rows and "SEC-002" in rows
    assert rows["SEC-001"].find_all("td")[2].get_text(strip=True) == "Cảnh báo"
    assert rows["SEC-002"].find_all("td")[2].get_text(strip=True) == "Lỗi"


def test_the_criteria_table_cites_what_binds_the_sites_level(province):
    """A commune's criteria cite the basis for communes only: a rule judged differently for
    provinces (TEC-008 under Decree 224) must not show the province's citation beside it."""
    from auditor.rules import all_rules

    _, _, root, _ = province
    rules = {rule.id: rule for rule in all_rules()}
    soup = soup_of(root / "vi" / "sites" / "xa-a.html")
    cells = {row.find_all("td")[0].get_text(strip=True): row.find_all("td")[4].get_text(" ", strip=True)
             for row in soup.find(id="results").select("tbody tr") if row.find_all("td")}
    split = [rule_id for rule_id in cells if rule_id in rules and " | " in rules[rule_id].citation("nd224-2026")]
    assert split, "no rule is judged differently per level under nd224-2026: the test proves nothing"
    for rule_id in split:
        assert cells[rule_id] == rules[rule_id].citation("nd224-2026", "vi", "xa")
        assert "tỉnh:" not in cells[rule_id] and " | " not in cells[rule_id]
