"""`auditor check` end to end, over real HTTP on 127.0.0.1, on the demo province's sites:
the compliant commune passes, the hacked one fails, an unreachable one fails with its finding;
a baseline makes a second run pass and a newly planted violation fail it; waivers expire."""

from __future__ import annotations

import json
import shutil
import socket
import xml.etree.ElementTree as ET
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path


from auditor.exit_codes import EXIT_FINDINGS, EXIT_OK
from auditor.demo.server import DEMO_ROOT, serve_province
from conftest import run_cli
from sarif_schema import assert_valid_sarif

PORTAL = DEMO_ROOT / "hosts" / "portal"
COMPLIANT = ("/xa-huong-lap/", "huonglap.quangtri.gov.vn")
HACKED = ("/xa-tan-lap/", "tanlap.quangtri.gov.vn")


@contextmanager
def served_portal(root: Path):
    """The demo portal host served from ``root`` (a copy the test may change), on a new port."""
    with serve_province(root) as served:
        yield served.hosts["portal"]


def portal_copy(tmp_path: Path) -> Path:
    root = tmp_path / "province"
    shutil.copytree(PORTAL, root / "hosts" / "portal")
    (root / "sites.toml").write_text('[[site]]\nid = "p"\nname = "p"\nlevel = "tinh"\n'
                                     'url = "{host:portal}/"\n', encoding="utf-8")
    return root


def check(base: str, site: tuple[str, str], *args, cwd: Path):
    path, domain = site
    return run_cli("check", base + path, "--domain", domain, "--quiet", *args, cwd=cwd)


def findings_of(result) -> list[dict]:
    return json.loads(result.stdout)["findings"]


def test_the_compliant_site_passes(tmp_path):
    with serve_province(DEMO_ROOT) as served:
        result = check(served.hosts["portal"], COMPLIANT, cwd=tmp_path)
    assert result.returncode == EXIT_OK, result.stdout + result.stderr
    assert "ĐẠT — " in result.stdout and "mã thoát 0" in result.stdout
    assert "Kiểm tra: UBND xã Hướng Lập" in result.stdout  # the name, from the home page
    report = tmp_path / "check-out" / "xa-huong-lap.html"
    assert f"Báo cáo HTML: {report}" in result.stdout
    assert "UBND xã Hướng Lập" in report.read_text(encoding="utf-8")


def test_the_hacked_site_fails_and_says_what_to_fix(tmp_path):
    with serve_province(DEMO_ROOT) as served:
        text = check(served.hosts["portal"], HACKED, "--lang", "vi", cwd=tmp_path)
    assert text.returncode == EXIT_FINDINGS, text.stdout + text.stderr
    errors = text.stdout[text.stdout.index("LỖI ("):text.stdout.index("CẢNH BÁO (")]
    warnings = text.stdout[text.stdout.index("CẢNH BÁO ("):]
    assert "✗ ADS-003" in errors and "nhà cái" in errors
    assert "Khắc phục: Đề nghị khẩn trương gỡ bỏ" in errors and "Căn cứ: Luật Quảng cáo" in errors
    assert "• ADS-004" in warnings  # reported, not failing under --fail-on error
    assert "KHÔNG ĐẠT" in text.stdout and "mã thoát 1" in text.stdout


def test_an_unreachable_site_is_a_failure_with_its_finding_not_a_crash(tmp_path):
    with socket.socket() as sock:  # a port where nothing listens
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = run_cli("check", f"http://127.0.0.1:{port}/", "--format", "json", "--quiet", cwd=tmp_path)
    assert result.returncode == EXIT_FINDINGS, result.stderr
    assert "Traceback" not in result.stderr
    document = json.loads(result.stdout)
    assert document["sites"][0]["status"] == "unreachable"
    assert f"auditor: HTML report: {tmp_path / 'check-out' / 'site.html'}" in result.stderr
    assert [(f["rule"], f["gate"]) for f in document["findings"]] == [("FRS-004", "fail")]


def test_one_crawl_writes_every_format(tmp_path):
    with serve_province(DEMO_ROOT) as served:
        result = check(served.hosts["portal"], HACKED, "-o", "sarif:out.sarif", "-o", "junit:out.xml",
                       "-o", "json:out.json", "--format", "text", cwd=tmp_path)
    assert result.returncode == EXIT_FINDINGS, result.stderr
    assert "LỖI (" in result.stdout  # the summary still reaches the job log
    document = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    failing = {f["rule"] for f in document["findings"] if f["gate"] == "fail"}
    assert failing == {"ADS-003"}  # gambling spam is an error
    assert {f["gate"] for f in document["findings"] if f["rule"] == "ADS-004"} == {"pass"}  # a warning
    junit = ET.parse(tmp_path / "out.xml").getroot()
    failed_cases = {case.get("name").split()[0] for case in junit.iter("testcase")
                    if case.find("failure") is not None}
    assert failed_cases == failing
    assert junit.get("failures") == str(len(failing))
    sarif = json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))
    assert_valid_sarif(sarif)
    results = sarif["runs"][0]["results"]
    assert {r["ruleId"] for r in results} == {f["rule"] for f in document["findings"]}
    assert all(r["partialFingerprints"]["vngovAuditor/v1"] in
               {f["fingerprint"] for f in document["findings"]} for r in results)


def test_a_baseline_makes_the_next_run_pass_and_a_new_violation_fail_it(tmp_path):
    root = portal_copy(tmp_path)
    with served_portal(root) as first:
        made = run_cli("baseline", first + HACKED[0], "--domain", HACKED[1], "--quiet",
                       "-o", tmp_path / "baseline.json")
    assert made.returncode == EXIT_OK, made.stderr
    recorded = json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))["findings"]
    assert {"ADS-003", "ADS-004"} <= {entry["rule"] for entry in recorded}

    # The same site on another port: every finding is known, the check passes.
    with served_portal(root) as second:
        again = check(second, HACKED, "--baseline", tmp_path / "baseline.json", "--format", "json",
                      cwd=tmp_path)
    assert second != first
    assert again.returncode == EXIT_OK, again.stdout + again.stderr
    assert {f["gate"] for f in findings_of(again)} == {"baseline"}
    assert len(findings_of(again)) == len(recorded)

    # A press photo hot-linked on a page that had none: a new finding, and the gate fails.
    page = root / "hosts" / "portal" / "xa-tan-lap" / "lien-he.html"
    html = page.read_text(encoding="utf-8")
    planted = '<p><img src="https://cdn.tuoitre.vn/2026/anh-moi.jpg" alt="Ảnh báo Tuổi Trẻ"></p>'
    page.write_text(html.replace("</body>", planted + "</body>"), encoding="utf-8")
    with served_portal(root) as third:
        later = check(third, HACKED, "--baseline", tmp_path / "baseline.json", "--format", "json",
                      "--fail-on", "warning", cwd=tmp_path)
    assert later.returncode == EXIT_FINDINGS, later.stdout + later.stderr
    new = [f for f in findings_of(later) if f["gate"] != "baseline"]
    assert [(f["rule"], f["gate"]) for f in new] == [("MED-001", "fail")]
    assert new[0]["url"].startswith(third + "/xa-tan-lap/lien-he")


def test_waivers_suppress_until_they_expire(tmp_path):
    def waivers(expires: date) -> Path:
        path = tmp_path / f"waivers-{expires}.toml"
        path.write_text("".join(
            f'[[waiver]]\nrule = "{rule}"\nurl = "*"\nreason = "Đang xử lý sự cố bảo mật"\n'
            f'approver = "Trưởng Ban biên tập"\nexpires = {expires}\n\n' for rule in ("ADS-003", "ADS-004")),
            encoding="utf-8")
        return path

    with serve_province(DEMO_ROOT) as served:
        base = served.hosts["portal"]
        active = check(base, HACKED, "--waivers", waivers(date.today()), "--format", "json", cwd=tmp_path)
        expired = check(base, HACKED, "--waivers", waivers(date.today() - timedelta(days=1)),
                        cwd=tmp_path)
    assert active.returncode == EXIT_OK, active.stdout + active.stderr
    waived = {f["rule"] for f in findings_of(active) if f["gate"] == "waived"}
    assert {"ADS-003", "ADS-004"} <= waived
    assert all(f["waived"]["approver"] == "Trưởng Ban biên tập" for f in findings_of(active)
               if f["gate"] == "waived")
    assert expired.returncode == EXIT_FINDINGS
    assert "expired on" in expired.stdout and ".toml:1 (ADS-003" in expired.stdout
