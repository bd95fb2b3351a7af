"""The outputs of `auditor check`: JUnit parses with the right counts, SARIF validates against the
official 2.1.0 schema, JSON keeps the contract, text groups by severity. Findings come from a
real store (Store.add_findings), the way the rule engine leaves them."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from urllib.parse import urljoin


from auditor.gate.formats.outcome import CheckOutcome
from auditor.gate.formats.junit import render_junit
from auditor.gate.formats.sarif import render_sarif, rule_name
from auditor.gate.formats.text import text_string
from auditor.gate.verdict import GatePolicy, apply_gate
from auditor.gate.waivers import load_waivers

from sarif_schema import assert_valid_sarif
from stored_findings import DEFAULT_FINDINGS, SITE_URL, document_with, finding

TODAY = date.today()


def outcome_for(tmp_path, findings=DEFAULT_FINDINGS, lang="vi", **policy) -> CheckOutcome:
    document = document_with(tmp_path, findings)
    return CheckOutcome.build(document, apply_gate(document, GatePolicy(**policy)), lang)


def waiver_file(tmp_path, rule: str, expires: date):
    path = tmp_path / "waivers.toml"
    path.write_text(f'[[waiver]]\nrule = "{rule}"\nurl = "*"\nreason = "Được phép"\n'
                    f'approver = "Trần B"\nexpires = {expires}\n', encoding="utf-8")
    return load_waivers(path)


# -- JUnit -------------------------------------------------------------------------------
def test_junit_parses_with_a_testcase_per_rule_and_the_right_counts(tmp_path):
    outcome = outcome_for(tmp_path, waivers=waiver_file(tmp_path, "FTR-003", TODAY))
    root = ET.fromstring(render_junit(outcome))
    [suite] = root.findall("testsuite")
    cases = {case.get("name").split()[0]: case for case in suite.findall("testcase")}
    assert set(cases) == set(outcome.active_rules()) >= {"ADS-003", "MED-001", "ADS-002", "FTR-003"}
    assert all(case.get("classname") == "xa-a" for case in cases.values())
    failed = {rid for rid, case in cases.items() if case.find("failure") is not None}
    skipped = {rid for rid, case in cases.items() if case.find("skipped") is not None}
    assert failed == {"ADS-003"}  # --fail-on error: only the error fails
    assert skipped == {"FTR-003"}  # all its findings waived
    for element in (root, suite):
        assert element.get("tests") == str(len(cases))
        assert element.get("failures") == "1" and element.get("skipped") == "1"
        assert element.get("errors") == "0"
    failure = cases["ADS-003"].find("failure")
    assert "nhà cái uy tín" in failure.text  # the evidence
    assert SITE_URL + "tin-tuc/bai-1.html" in failure.text
    assert "Nghị định 42/2022/NĐ-CP" in failure.text
    assert "Trần B" in cases["FTR-003"].find("skipped").get("message")
    # a warning under --fail-on error is reported in the testcase's output, not failed
    assert "baomoi.com/anh.jpg" in cases["MED-001"].find("system-out").text
    properties = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert properties["url"] == SITE_URL and properties["crawl"] == "ok"


def test_junit_counts_follow_the_threshold(tmp_path):
    root = ET.fromstring(render_junit(outcome_for(tmp_path, fail_on="warning")))
    assert root.get("failures") == "3"  # ADS-003, MED-001, ADS-002
    grouped = next(c for c in root.iter("testcase") if c.get("name").startswith("ADS-002"))
    assert "on 2 pages" in grouped.find("failure").text


def test_junit_survives_control_characters_from_a_page(tmp_path):
    dirty = finding("ADS-004", "error", "a.html", snippet="ẩn\x0b\x00<b>spam</b>")
    root = ET.fromstring(render_junit(outcome_for(tmp_path, findings=[dirty])))
    text = next(root.iter("failure")).text
    assert "<b>spam</b>" in text and "\x0b" not in text and "\x00" not in text


# -- SARIF -------------------------------------------------------------------------------
def test_sarif_validates_against_the_official_schema(tmp_path):
    known = {"never-seen"}
    vietnamese = finding("MED-003", "warning", "tin-tức/bài viết 1.html")
    outcome = outcome_for(tmp_path, findings=[*DEFAULT_FINDINGS, vietnamese], baseline=known,
                          waivers=waiver_file(tmp_path, "FTR-003", TODAY - timedelta(days=1))
                          + waiver_file(tmp_path, "MED-001", TODAY))
    log = json.loads(render_sarif(outcome))
    assert_valid_sarif(log)
    assert log["version"] == "2.1.0"
    [run] = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(outcome.active_rules())
    for rule in rules:
        assert rule["name"] and rule["shortDescription"]["text"] and rule["help"]["text"]
        assert "legalBasis" in rule["properties"]
    results = {r["ruleId"]: r for r in run["results"]}
    assert {rid: r["level"] for rid, r in results.items()} == {
        "ADS-003": "error", "MED-001": "warning", "ADS-002": "warning", "FTR-003": "note",
        "MED-003": "warning"}
    for result in results.values():
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["partialFingerprints"]["vngovAuditor/v1"]
        assert result["baselineState"] == "new"
    assert results["MED-001"]["suppressions"][0]["kind"] == "external"
    assert "Trần B" in results["MED-001"]["suppressions"][0]["justification"]
    assert "suppressions" not in results["FTR-003"]  # its waiver expired
    [note] = run["invocations"][0]["toolExecutionNotifications"]
    assert "expired" in note["message"]["text"]
    assert run["invocations"][0]["exitCode"] == 1


def test_sarif_locations_resolve_to_the_page_urls(tmp_path):
    outcome = outcome_for(tmp_path)
    [run] = json.loads(render_sarif(outcome))["runs"]
    bases = {key: value["uri"] for key, value in run["originalUriBaseIds"].items()}

    def resolve(location):
        artifact = location["physicalLocation"]["artifactLocation"]
        return urljoin(bases[artifact["uriBaseId"]], artifact["uri"])

    pages = {f["rule"]: f["url"] or SITE_URL for f in outcome.findings}
    for result in run["results"]:
        assert resolve(result["locations"][0]) == pages[result["ruleId"]]
        assert not result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("http")
    grouped = next(r for r in run["results"] if r["ruleId"] == "ADS-002")
    assert [resolve(loc) for loc in grouped["relatedLocations"]] == [SITE_URL + "gioi-thieu.html"]


def test_sarif_with_a_baseline_marks_known_results_unchanged(tmp_path):
    document = document_with(tmp_path)
    known = {f["fingerprint"] for f in document["findings"] if f["rule"] != "ADS-003"}
    gate = apply_gate(document, GatePolicy(baseline=known, rule_levels={"FTR-003": "error"}))
    log = json.loads(render_sarif(CheckOutcome.build(document, gate)))
    assert_valid_sarif(log)
    states = {r["ruleId"]: (r["baselineState"], r["level"]) for r in log["runs"][0]["results"]}
    assert states == {"ADS-003": ("new", "error"), "MED-001": ("unchanged", "warning"),
                      "ADS-002": ("unchanged", "warning"), "FTR-003": ("unchanged", "error")}


def test_rule_names_are_pascal_case():
    assert rule_name("Gambling spam (nhà cái, đá gà)", "ADS-003") == "GamblingSpamNhaCaiDaGa"
    assert rule_name("", "FTR-003") == "FTR003"


# -- JSON and text -----------------------------------------------------------------------
def test_json_keeps_the_contract_and_adds_the_gate(tmp_path):
    outcome = outcome_for(tmp_path, fail_on="warning", waivers=waiver_file(tmp_path, "MED-001", TODAY))
    document = outcome.document
    assert {"audit", "sites", "findings"} <= set(document)
    for f in document["findings"]:
        assert {"rule", "severity", "site", "url", "title", "message", "basis", "evidence",
                "fingerprint", "gate", "waived"} <= set(f)
    gates = {f["rule"]: f["gate"] for f in document["findings"]}
    assert gates == {"ADS-003": "fail", "MED-001": "waived", "ADS-002": "fail", "FTR-003": "pass"}
    assert document["gate"] == {"fail_on": "warning", "passed": False, "exit_code": 1,
                                "with_baseline": False, "warnings": [],
                                "counts": {"fail": 2, "pass": 1, "baseline": 0, "waived": 1}}


def test_text_groups_by_severity_and_says_what_to_do(tmp_path):
    text = text_string(outcome_for(tmp_path, fail_on="warning",
                                   waivers=waiver_file(tmp_path, "FTR-003", TODAY)))
    errors, warnings = text.index("LỖI (1)"), text.index("CẢNH BÁO (2)")
    assert errors < text.index("ADS-003") < warnings < text.index("MED-001")
    assert "THÔNG TIN" not in text  # the only info finding is waived
    assert "miễn trừ: Được phép — Trần B" in text
    assert "Căn cứ: Nghị định 42/2022/NĐ-CP" in text
    assert "và 1 trang khác" in text  # the grouped finding on two pages
    assert "KHÔNG ĐẠT" in text and "mã thoát 1" in text
    english = text_string(outcome_for(tmp_path / "en", lang="en"))
    assert "ERRORS (1)" in english and "FAIL" in english and "exit code 1" in english


def test_text_on_a_clean_site_passes(tmp_path):
    text = text_string(outcome_for(tmp_path, findings=[]))
    assert "Không có phát hiện nào." in text and "ĐẠT — " in text and "mã thoát 0" in text
