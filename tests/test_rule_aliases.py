"""A renamed rule (sqlfluff's aliases): ADS-003 becomes ADS-903 with ``aliases = ("ADS-003",)``.
Its findings keep their fingerprints, so history, baselines and waivers written for ADS-003 still
match, and a config naming ADS-003 still sets it."""

from __future__ import annotations

from datetime import date

import pytest

import auditor.judge.applicable
import auditor.rules
from auditor.judge.applicable import pack_rules
from auditor.gate.verdict import GatePolicy, apply_gate
from auditor.gate.waivers import Waiver
from auditor.judge.config import load_config
from auditor.judge.packs import load_pack
from auditor.rules.ads_003_gambling import GamblingSpam
from auditor.store.history import split_by_fingerprint
from rulecases import Case, load_cases, run_case


class RenamedGamblingSpam(GamblingSpam):
    id = "ADS-903"
    aliases = ("ADS-003",)


def first_failing_case(rule: str) -> Case:
    return next(case for case in load_cases() if case.rule == rule and case.expect == "fail")


def rename(patch: pytest.MonkeyPatch) -> None:
    """The catalogue with ADS-003 renamed ADS-903, everywhere the rules are listed."""
    rules = tuple(sorted((RenamedGamblingSpam() if rule.id == "ADS-003" else rule
                          for rule in auditor.rules.all_rules()), key=lambda rule: rule.id))
    patch.setattr(auditor.rules, "all_rules", lambda: rules)
    patch.setattr(auditor.judge.applicable, "all_rules", lambda: rules)


def rows(findings) -> list[dict]:
    return [{"rule": f.rule, "site": f.site, "url": f.url, "fingerprint": f.fingerprint,
             "severity": f.severity} for f in findings]


def test_a_renamed_rule_keeps_fingerprints_history_baselines_and_waivers(tmp_path):
    case = first_failing_case("ADS-003")
    before = run_case(case, tmp_path / "before").findings
    assert before and {f.rule for f in before} == {"ADS-003"}
    stored = rows(before)  # what an audit of the former release stored

    with pytest.MonkeyPatch.context() as patch:
        rename(patch)
        renamed_case = Case(case.file, case.index, {**case.spec, "rule": "ADS-903"})
        after = run_case(renamed_case, tmp_path / "after").findings
        assert after and {f.rule for f in after} == {"ADS-903"}
        assert {f.fingerprint for f in after} == {row["fingerprint"] for row in stored}

        new, fixed, still_open = split_by_fingerprint(stored, rows(after))
        assert (new, fixed, len(still_open)) == ([], [], len(after))  # history: still open

        document = {"sites": [{"id": "case", "url": case.spec["url"]}], "findings": rows(after)}
        baselined = apply_gate(document, GatePolicy(baseline={row["fingerprint"] for row in stored}))
        assert set(baselined.verdicts.values()) == {"baseline"}

        waiver = Waiver(rule="ADS-003", url="*", reason="known", approver="Sở", expires=date(2099, 1, 1))
        waived = apply_gate(document, GatePolicy(waivers=[waiver]))
        assert set(waived.verdicts.values()) == {"waived"}


def test_a_config_naming_the_former_id_sets_the_renamed_rule(tmp_path, monkeypatch):
    rename(monkeypatch)
    config_path = tmp_path / "auditor.toml"
    config_path.write_text('[rules]\n"ADS-003" = "off"\n', encoding="utf-8")
    config = load_config(config_path)
    assert config.rules == {"ADS-903": "off"}
    assert auditor.rules.rule_by_id("ADS-003").id == "ADS-903"
    assert auditor.rules.current_id("ADS-003") == "ADS-903"
    assert "ADS-903" not in {rule.id for rule in pack_rules(load_pack("nd224-2026"), config)}
