"""What changed between audits: the history module, the reports' history sections, `auditor diff`
and `auditor report`, on a real store of two audits (one finding fixed, one new on xa-a)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from auditor.exit_codes import EXIT_OK, EXIT_USAGE
from auditor.store.history import diff_audits, latest_two, previous_inspection, since_previous
from conftest import run_cli
from reportdata import province_store


@pytest.fixture
def two_audits(tmp_path):
    store, audits = province_store(tmp_path / "audit.db")
    yield store, audits, tmp_path / "audit.db"
    store.close()


def rules_of(rows) -> list[str]:
    return sorted(row["rule"] for row in rows)


def test_two_audits_differ_by_one_fixed_and_one_new_finding(two_audits):
    store, (first, second), _ = two_audits
    diffs = {d.key: d for d in diff_audits(store, first, second)}
    assert rules_of(diffs["xa-a"].new) == ["FRS-002"]
    assert rules_of(diffs["xa-a"].fixed) == ["TEC-004"]
    assert rules_of(diffs["xa-a"].still_open) == ["ADS-002", "ADS-003", "MED-002", "XYZ-901"]
    assert [len(diffs["huong-hoa"].new), len(diffs["huong-hoa"].fixed), len(diffs["huong-hoa"].still_open)] == [0, 0, 2]
    # Unreachable both times: nothing is known, so nothing is called new or fixed.
    assert not diffs["xa-b"].comparable and not diffs["xa-b"].new and not diffs["xa-b"].fixed
    assert latest_two(store) == (first, second)


def test_the_previous_inspection_skips_audits_where_the_site_was_not_reached(two_audits):
    store, (first, second), _ = two_audits
    assert previous_inspection(store, second, "xa-a")["audit_id"] == first
    assert previous_inspection(store, second, "xa-b") is None  # unreachable in audit 1
    assert previous_inspection(store, first, "xa-a") is None
    third_id = store.db["audits"].insert({"started_at": "2026-12-01T00:00:00+00:00", "status": "complete"}).last_pk
    row = store.db["sites"].insert({"audit_id": third_id, "key": "xa-a", "name": "UBND xã Hướng Lập",
                                    "level": "xa", "url": "http://127.0.0.1:9/xa-a/",
                                    "crawl_status": "unreachable"}).last_pk
    assert previous_inspection(store, third_id + 1, "xa-a")["audit_id"] == second
    assert not since_previous(store, third_id, store.db["sites"].get(row)).comparable


def test_the_site_report_shows_what_was_fixed_and_what_is_new(two_audits, tmp_path):
    store, (_, second), _ = two_audits
    from auditor.reports import render_audit

    paths = render_audit(store, second, tmp_path / "out")
    soup = BeautifulSoup((tmp_path / "out" / "sites" / "xa-a.html").read_text("utf-8"), "lxml")
    history = soup.find(id="history")
    subsections = {h.get_text(strip=True): h.find_next("table") for h in history.find_all("h3")}
    assert set(subsections) == {"Đã khắc phục (1)", "Mới phát sinh (1)"}
    assert "TEC-004" in subsections["Đã khắc phục (1)"].get_text()
    assert "FRS-002" in subsections["Mới phát sinh (1)"].get_text()
    new_badges = [block.select_one(".rule-id").get_text() for block in soup.select("#issues .rule-block")
                  if block.select_one(".chip.new")]
    assert new_badges == ["FRS-002"]
    overview = BeautifulSoup(paths[0].read_text("utf-8"), "lxml")
    row = next(tr for tr in overview.find(id="history").find_all("tr") if "UBND xã Hướng Lập" in tr.get_text())
    assert [td.get_text(strip=True) for td in row.find_all("td")][-3:] == ["1", "1", "4"]


def test_auditor_diff_prints_new_and_fixed_findings(two_audits):
    _, (first, second), db = two_audits
    result = run_cli("diff", "--db", db)
    assert result.returncode == EXIT_OK, result.stderr
    assert f"Audit {first} → audit {second}" in result.stdout
    assert "new   FRS-002" in result.stdout and "fixed TEC-004" in result.stdout
    assert "Total: 1 new, 1 fixed, 7 still open (4 of 5 sites comparable)." in result.stdout
    only = run_cli("diff", str(first), str(second), "--db", db, "--site", "huong-hoa")
    assert only.returncode == EXIT_OK and "xa-a" not in only.stdout and "huong-hoa" in only.stdout


def test_auditor_diff_needs_two_audits(two_audits, tmp_path):
    _, (first, _), db = two_audits
    assert run_cli("diff", str(first), "--db", db).returncode == EXIT_USAGE
    assert run_cli("diff", str(first), "99", "--db", db).returncode == EXIT_USAGE
    store, _ = province_store(tmp_path / "one.db", audits=1)
    store.close()
    lonely = run_cli("diff", "--db", tmp_path / "one.db")
    assert lonely.returncode == EXIT_USAGE and "needs two audits" in lonely.stderr


def test_auditor_report_writes_the_reports_and_prints_the_overview(two_audits, tmp_path):
    _, (first, _), db = two_audits
    out = tmp_path / "reports"
    result = run_cli("report", "--db", db, "--audit", str(first), "--out", out, "--lang", "en")
    assert result.returncode == EXIT_OK, result.stderr
    assert f"Overview: {(out / 'index.html').resolve()}" in result.stdout
    assert len(list((out / "sites").glob("*.html"))) == 5
    html = (out / "index.html").read_text("utf-8")
    assert '<html lang="en">' in html and "Kiểm tra định kỳ lần 1" in html


def test_report_pdf_without_weasyprint_is_a_clear_error(two_audits, tmp_path, monkeypatch):
    _, _, db = two_audits
    blocker = tmp_path / "blocked"  # a module that fails to import, ahead of any installed one
    blocker.mkdir()
    (blocker / "weasyprint.py").write_text("raise ImportError('No module named weasyprint')\n")
    monkeypatch.setenv("PYTHONPATH", str(blocker))
    result = run_cli("report", "--db", db, "--out", tmp_path / "out", "--pdf")
    assert result.returncode == EXIT_USAGE
    assert "pip install 'vngov-auditor[pdf]'" in result.stderr
    assert not (tmp_path / "out").exists()  # said before any work


def test_report_pdf_keeps_the_vietnamese_text(two_audits, tmp_path):
    from auditor.reports.pdf import PdfUnavailable, check_available

    try:
        check_available()
    except PdfUnavailable as error:
        pytest.skip(str(error))
    pypdf = pytest.importorskip("pypdf")
    _, _, db = two_audits
    result = run_cli("report", "--db", db, "--out", tmp_path / "out", "--pdf")
    assert result.returncode == EXIT_OK, result.stderr
    pdf = tmp_path / "out" / "sites" / "huong-hoa.pdf"
    reader = pypdf.PdfReader(pdf)
    text = "\n".join(page.extract_text() for page in reader.pages)
    for phrase in ("BÁO CÁO KẾT QUẢ KIỂM TRA", "UBND huyện Hướng Hóa", "Tồn tại, hạn chế".upper(),
                   "Kiến nghị".upper(), "Độc lập - Tự do - Hạnh phúc"):
        assert phrase in text
    assert (tmp_path / "out" / "index.pdf").stat().st_size > 10_000


def test_auditor_audit_writes_the_reports_of_a_real_crawl(tmp_path, shared_host):
    _, registry = shared_host
    out = tmp_path / "out"
    result = run_cli("audit", registry, "--db", tmp_path / "audit.db", "--out", out, "--quiet")
    assert result.returncode == EXIT_OK, result.stderr[-3000:]
    assert f"Overview: {(out / 'index.html').resolve()}" in result.stdout
    assert sorted(p.name for p in (out / "sites").glob("*.html")) == ["tinh.html", "xa-a.html", "xa-b.html"]
    overview = BeautifulSoup((out / "index.html").read_text("utf-8"), "lxml")
    names = [a.get_text() for a in overview.find(id="ranking").find_all("a")]
    assert sorted(names) == ["Cổng thông tin điện tử tỉnh", "UBND xã A", "UBND xã B"]
    site = BeautifulSoup((out / "sites" / "xa-a.html").read_text("utf-8"), "lxml")
    assert "Bình thường" in site.find(id="general").get_text()
    assert (out / "findings.json").is_file()


@pytest.mark.slow
def test_a_changed_fixture_shows_fixed_and_new_findings_after_a_second_audit(tmp_path):
    """The demo province audited, then changed (the gambling links removed from Tân Lập, a
    free-mail contact added to Hướng Lập) and audited again into the same store."""
    import re
    import shutil

    from auditor.demo.server import DEMO_ROOT, serve_province

    province = tmp_path / "province"
    shutil.copytree(DEMO_ROOT, province)
    db = tmp_path / "audit.db"

    def audit(out):
        with serve_province(province) as served:
            registry = served.write_registry(tmp_path / "sites.toml")
            result = run_cli("audit", registry, "--db", db, "--out", out, "--quiet")
        assert result.returncode == EXIT_OK, result.stderr[-3000:]

    audit(tmp_path / "out1")
    for page in (province / "hosts" / "portal" / "xa-tan-lap").rglob("*.html"):  # the spam links removed
        page.write_text(re.sub(r'<a href="https://[^"]*\.example\.(?:com|net|org)/">.*?</a>', "",
                               page.read_text("utf-8")), "utf-8")
    huong_lap = province / "hosts" / "portal" / "xa-huong-lap" / "index.html"
    huong_lap.write_text(huong_lap.read_text("utf-8").replace(
        "huonglap@quangtri.gov.vn</a></p>", "huonglap@quangtri.gov.vn</a> – Hộp thư góp ý: xahuonglap@gmail.com</p>"),
        "utf-8")
    audit(tmp_path / "out2")

    diff = run_cli("diff", "--db", db, "--site", "tan-lap")
    assert diff.returncode == EXIT_OK, diff.stderr
    fixed = [line for line in diff.stdout.splitlines() if line.strip().startswith("fixed")]
    assert any("ADS-004" in line for line in fixed) and any("ADS-003" in line for line in fixed), diff.stdout
    new = run_cli("diff", "--db", db, "--site", "huong-lap").stdout
    assert re.search(r"new +FTR-004", new), new

    report = BeautifulSoup((tmp_path / "out2" / "sites" / "tan-lap.html").read_text("utf-8"), "lxml")
    history = report.find(id="history")
    assert "Đã khắc phục" in history.get_text() and "ADS-004" in history.get_text()
    overview = BeautifulSoup((tmp_path / "out2" / "index.html").read_text("utf-8"), "lxml")
    row = next(tr for tr in overview.find(id="history").find_all("tr") if "UBND xã Hướng Lập" in tr.get_text())
    new_count, fixed_count, _ = [int(td.get_text()) for td in row.find_all("td")[-3:]]
    assert new_count >= 1 and fixed_count == 0
