"""The gate (fail-on, per-rule levels, baseline, waivers) on findings in a real store."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from auditor.exit_codes import EXIT_FINDINGS, EXIT_OK
from auditor.gate.baseline import BaselineError, load_baseline, write_baseline
from auditor.errors import UsageError
from auditor.judge.findings import Finding
from auditor.gate.formats.json_doc import audit_document
from auditor.gate.verdict import GatePolicy, annotate, apply_gate, gate_policy
from auditor.judge.config import load_config
from auditor.gate.waivers import WaiverError, load_waivers

from stored_findings import SITE_URL, document_with, store_with

TODAY = date(2026, 9, 1)


def verdicts(document, **policy) -> dict[str, str]:
    result = apply_gate(document, GatePolicy(today=TODAY, **policy))
    return {f["rule"]: result.verdicts.get(f["fingerprint"], "off") for f in document["findings"]}


@pytest.mark.parametrize("fail_on, failing", [
    ("error", {"ADS-003"}),
    ("warning", {"ADS-003", "MED-001", "ADS-002"}),
    ("info", {"ADS-003", "MED-001", "ADS-002", "FTR-003"}),
    ("never", set()),
])
def test_fail_on_threshold(tmp_path, fail_on, failing):
    document = document_with(tmp_path)
    result = apply_gate(document, GatePolicy(fail_on=fail_on, today=TODAY))
    failed = {f["rule"] for f in document["findings"] if result.verdicts[f["fingerprint"]] == "fail"}
    assert failed == failing
    assert result.exit_code == (1 if failing else 0)


def test_per_rule_levels_work_as_lighthouse_assertions(tmp_path):
    document = document_with(tmp_path)
    levels = {"ADS-003": "warn", "FTR-003": "error", "MED-001": "off"}
    assert verdicts(document, rule_levels=levels) == {
        "ADS-003": "pass",  # an error, but its rule is set to warn
        "FTR-003": "fail",  # only info, but its rule is set to error
        "MED-001": "off",  # not reported at all
        "ADS-002": "pass",  # a warning under --fail-on error
    }
    result = apply_gate(document, GatePolicy(rule_levels=levels, today=TODAY))
    assert [f["rule"] for f in result.reported(document["findings"])].count("MED-001") == 0
    assert verdicts(document, fail_on="never", rule_levels=levels)["FTR-003"] == "pass"


def test_a_baseline_counts_only_new_findings(tmp_path):
    document = document_with(tmp_path)
    write_baseline(tmp_path / "baseline.json", document)
    known = load_baseline(tmp_path / "baseline.json")
    assert known == {f["fingerprint"] for f in document["findings"]}
    result = apply_gate(document, GatePolicy(fail_on="info", baseline=known, today=TODAY))
    assert set(result.verdicts.values()) == {"baseline"} and result.exit_code == EXIT_OK
    # A new violation on another page is not in the baseline: it fails.
    new_store, audit_id = store_with(tmp_path / "later", findings=[
        Finding(rule="ADS-003", site="xa-a", message="m", url=SITE_URL + "tin-tuc/bai-9.html",
                severity="error", title="t", basis="b")])
    later = audit_document(new_store, audit_id)
    result = apply_gate(later, GatePolicy(baseline=known, today=TODAY))
    assert list(result.verdicts.values()) == ["fail"] and result.exit_code == EXIT_FINDINGS


def test_fingerprints_do_not_depend_on_scheme_host_or_port():
    def fingerprint(url):
        return Finding(rule="MED-001", site="xa-a", message="", url=url, key="baomoi.com").fingerprint

    same = {fingerprint(u) for u in ("http://127.0.0.1:8123/xa-a/tin-tuc/bai-2.html",
                                     "http://127.0.0.1:40999/xa-a/tin-tuc/bai-2.html",
                                     "https://xaa.quangtri.gov.vn/xa-a/tin-tuc/bai-2.html")}
    assert len(same) == 1
    assert fingerprint("http://127.0.0.1:8123/xa-a/tin-tuc/bai-3.html") not in same


def write_waivers(tmp_path, text: str):
    path = tmp_path / "waivers.toml"
    path.write_text(text, encoding="utf-8")
    return path


def waiver(rule: str, url: str, expires: date, site: str = "") -> str:
    return (f'[[waiver]]\nrule = "{rule}"\nurl = "{url}"\n' + (f'site = "{site}"\n' if site else "")
            + f'reason = "Đối tác được Sở cho phép"\napprover = "Nguyễn Văn A"\nexpires = {expires}\n\n')


def test_an_active_waiver_suppresses_and_an_expired_one_says_so(tmp_path):
    document = document_with(tmp_path)
    path = write_waivers(tmp_path, "# waivers of xa A\n\n"
                         + waiver("ADS-003", "*/tin-tuc/*", TODAY)  # last day: still holds
                         + waiver("ADS-*", "/lien-ket/*", TODAY - timedelta(days=1)))
    result = apply_gate(document, GatePolicy(fail_on="warning", waivers=load_waivers(path), today=TODAY))
    by_rule = {f["rule"]: result.verdicts[f["fingerprint"]] for f in document["findings"]}
    assert by_rule["ADS-003"] == "waived"
    assert by_rule["ADS-002"] == "fail"  # its waiver expired yesterday
    assert result.exit_code == EXIT_FINDINGS
    [warning] = result.warnings
    assert f"{path}:10" in warning and "expired on 2026-08-31" in warning
    assert "no longer suppresses" in warning and "1 now counted again" in warning
    annotated = annotate(document, result)
    waived = next(f for f in annotated["findings"] if f["rule"] == "ADS-003")
    assert waived["gate"] == "waived"
    assert waived["waived"] == {"reason": "Đối tác được Sở cho phép", "approver": "Nguyễn Văn A",
                                "expires": "2026-09-01", "waiver": f"{path}:3"}
    assert annotated["gate"]["counts"]["waived"] == 1 and annotated["gate"]["passed"] is False


def test_waivers_match_site_wide_findings_through_the_site_url_and_respect_site(tmp_path):
    document = document_with(tmp_path)
    later = TODAY + timedelta(days=30)
    path = write_waivers(tmp_path, waiver("FTR-003", SITE_URL + "*", later)
                         + waiver("MED-001", "*", later, site="xa-b"))
    result = apply_gate(document, GatePolicy(fail_on="info", waivers=load_waivers(path), today=TODAY))
    by_rule = {f["rule"]: result.verdicts[f["fingerprint"]] for f in document["findings"]}
    assert by_rule["FTR-003"] == "waived"
    assert by_rule["MED-001"] == "fail"  # its waiver is for another site


def test_waived_findings_are_stored_and_exported(tmp_path):
    store, audit_id = store_with(tmp_path)
    document = audit_document(store, audit_id)
    path = write_waivers(tmp_path, waiver("MED-001", "*", TODAY))
    result = apply_gate(document, GatePolicy(waivers=load_waivers(path), today=TODAY))
    store.mark_waived(audit_id, {fp: w.note() for fp, w in result.waived_by.items()})
    exported = {f["rule"]: f["waived"] for f in audit_document(store, audit_id)["findings"]}
    assert exported["MED-001"]["approver"] == "Nguyễn Văn A"
    assert exported["ADS-003"] is None
    store.mark_waived(audit_id, {})  # a later gate without the waiver clears it
    assert all(f["waived"] is None for f in audit_document(store, audit_id)["findings"])


@pytest.mark.parametrize("text, message", [
    ('[[waiver]]\nrule = "ADS-003"\nreason = "r"\nexpires = 2026-01-01\n', ":1: `approver` is required"),
    ('\n[[waiver]]\nrule = "A"\nreason = "r"\napprover = "a"\nexpires = "soon"\n',
     ":2: `expires` must be a date such as 2026-12-31, not 'soon'"),
    ('[[waiver]]\nrule = "A"\nreason = "r"\napprover = "a"\nexpires = 2026-01-01\nurls = "*"\n',
     ":1: unknown keys urls"),
    ('[[waiver]\nrule = "A"\n', "not valid TOML"),
    ('[waiver]\nrule = "A"\n', "[[waiver]] table"),
])
def test_bad_waiver_files_name_the_file_and_line(tmp_path, text, message):
    path = write_waivers(tmp_path, text)
    with pytest.raises(WaiverError) as error:
        load_waivers(path)
    assert str(error.value).startswith(str(path)) and message in str(error.value)
    assert isinstance(error.value, UsageError)


@pytest.mark.parametrize("text, message", [
    ('{"kind": "vngov-auditor-baseline",\n "findings": [}', ":2:15: not valid JSON"),
    ('{"findings": []}', "not a baseline written by `auditor baseline`"),
    ('{"kind": "vngov-auditor-baseline", "format": 1, "findings": [{"fingerprint": "a"}, {"rule": "X"}]}',
     "findings[1] has no \"fingerprint\""),
    ('{"kind": "vngov-auditor-baseline", "format": 9, "findings": []}', "format 9 is not supported"),
])
def test_bad_baseline_files_name_the_file(tmp_path, text, message):
    path = tmp_path / "baseline.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BaselineError) as error:
        load_baseline(path)
    assert str(error.value).startswith(str(path)) and message in str(error.value)


def test_missing_files_are_usage_errors(tmp_path):
    with pytest.raises(BaselineError, match="cannot read the baseline"):
        load_baseline(tmp_path / "nope.json")
    with pytest.raises(WaiverError, match="cannot read the waiver file"):
        load_waivers(tmp_path / "nope.toml")


def test_the_config_file_gives_rule_levels_and_gate_defaults(tmp_path):
    document = document_with(tmp_path)
    write_baseline(tmp_path / "known.json", document)
    (tmp_path / "ci").mkdir()
    path = tmp_path / "ci" / "auditor.toml"
    path.write_text('[rules]\n"ADS-002" = "warn"\n"MED-001" = { level = "off" }\n\n'
                    '[gate]\nfail_on = "info"\nbaseline = "../known.json"\n', encoding="utf-8")
    policy = gate_policy(load_config(path))
    assert policy.fail_on == "info" and policy.rule_levels == {"ADS-002": "warn", "MED-001": "off"}
    assert policy.baseline == {f["fingerprint"] for f in document["findings"]}
    # the command line wins over the file
    assert gate_policy(load_config(path), fail_on="never").fail_on == "never"


@pytest.mark.parametrize("gate, message", [
    ('fail_on = "warnings"', "[gate] fail_on 'warnings': expected one of error, warning, info, never"),
    ('fail-on = "error"', "[gate]: unknown keys fail-on"),
    ('waivers = "nope.toml"', "nope.toml: cannot read the waiver file"),
])
def test_a_bad_gate_table_is_a_usage_error(tmp_path, gate, message):
    path = tmp_path / "auditor.toml"
    path.write_text(f"[gate]\n{gate}\n", encoding="utf-8")
    with pytest.raises(UsageError) as error:
        gate_policy(load_config(path))
    assert message in str(error.value)


def test_baseline_file_is_readable_by_people(tmp_path):
    document = document_with(tmp_path)
    write_baseline(tmp_path / "b.json", document)
    data = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))
    assert {"rule", "site", "url", "fingerprint"} <= set(data["findings"][0])
    assert [e["rule"] for e in data["findings"]] == sorted(e["rule"] for e in data["findings"])


@pytest.mark.parametrize("findings", [None, ()], ids=["findings", "none"])
def test_findings_json_streamed_from_the_store_is_the_document_as_dumped(tmp_path, findings):
    """``write_document`` streams findings one at a time (memory flat with a national audit's
    findings) and writes byte for byte what ``dumps(audit_document(...))`` writes."""
    from auditor.gate.formats.json_doc import dumps, write_document

    store, audit_id = store_with(tmp_path) if findings is None else store_with(tmp_path, findings)
    write_document(store, audit_id, tmp_path / "findings.json")
    document = audit_document(store, audit_id)
    assert (tmp_path / "findings.json").read_text(encoding="utf-8") == dumps(document)
    assert len(document["findings"]) == (0 if findings == () else 4)
    assert json.loads((tmp_path / "findings.json").read_text(encoding="utf-8")) == document
