"""The rule catalogue against its data-driven cases (tests/rules/*.toml, run by rulecases.py):
every case through the real extractor, store, SiteFacts builder and engine."""

from __future__ import annotations

import pytest

from auditor.rules import all_rules, rule_by_id
from rulecases import load_cases, run_case

CASES = load_cases()


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_rule_case(case, tmp_path):
    outcome = run_case(case, tmp_path)
    spec = case.spec
    rule = rule_by_id(case.rule)
    for kind in ("reads", "limits", "lists"):  # Lighthouse's requiredArtifacts: declared, then used
        undeclared = getattr(outcome.used, kind) - set(getattr(rule, kind))
        assert not undeclared, f"{case.rule} uses {kind} it does not declare: {sorted(undeclared)}"
    shown = [(f.key, f.severity, f.message) for f in outcome.findings]
    if case.expect == "pass":
        assert not outcome.findings, f"{case.file}#{case.index}: unexpected findings {shown}"
        return
    assert outcome.findings, f"{case.file}#{case.index}: {case.rule} did not fire"
    assert set(spec.get("keys", ())) <= outcome.keys, shown
    if "severity" in spec:
        assert {f.severity for f in outcome.findings} == {spec["severity"]}, shown
    first = outcome.findings[0]
    if "count" in spec:
        assert first.count == spec["count"], shown
    for name, value in spec.get("evidence", {}).items():
        assert first.evidence.get(name) == value, (name, first.evidence)
    assert first.title and first.basis and first.message, first


def test_every_rule_has_a_passing_and_a_failing_case():
    covered = {(case.rule, case.expect) for case in CASES}
    missing = [f"{rule.id} {expect}" for rule in all_rules() for expect in ("pass", "fail")
               if (rule.id, expect) not in covered]
    assert not missing, f"rules without cases: {missing}"


def test_cases_name_existing_rules():
    known = {rule.id for rule in all_rules()}
    assert {case.rule for case in CASES} <= known
