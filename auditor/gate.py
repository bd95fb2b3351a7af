"""The gate: which findings fail a check, and so the exit code (0 pass, 1 fail).

Each finding of a check gets one verdict, decided in this order:

``off``       its rule is set to ``off`` in the config file: not reported at all;
``waived``    an active waiver covers it: reported as waived, never failing;
``baseline``  its fingerprint is in the baseline: known before, reported, not failing;
``fail``      its rule is set to ``error``, or (no per-rule level) its severity is at or
              above ``--fail-on``;
``pass``      otherwise (below the threshold, or its rule set to ``warn``): reported only.

Per-rule levels work as Lighthouse CI assertions do: ``error`` fails the gate whatever the
finding's severity, ``warn`` reports without failing, ``off`` ignores the rule. ``--fail-on never``
fails on nothing (a report-only run).

An expired waiver suppresses nothing and yields a warning naming it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from auditor.findings import SEVERITY_RANK
from auditor.waivers import Waiver

FAIL_ON = ("error", "warning", "info", "never")
RULE_LEVELS = ("off", "warn", "error")
VERDICTS = ("fail", "pass", "baseline", "waived")


@dataclass
class GatePolicy:
    fail_on: str = "error"
    rule_levels: dict[str, str] = field(default_factory=dict)  # rule id -> off | warn | error
    baseline: set[str] | None = None  # fingerprints; None when no baseline was given
    waivers: list[Waiver] = field(default_factory=list)
    today: date = field(default_factory=date.today)


@dataclass
class GateResult:
    policy: GatePolicy
    verdicts: dict[str, str]  # fingerprint -> verdict (off findings are absent)
    waived_by: dict[str, Waiver]  # fingerprint -> the waiver that covers it
    warnings: list[str]

    @property
    def counts(self) -> Counter:
        return Counter(self.verdicts.values())

    @property
    def failed(self) -> bool:
        return self.counts["fail"] > 0

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0

    def reported(self, findings: list[dict]) -> list[dict]:
        """The findings the check reports: all but those of rules set to off."""
        return [f for f in findings if f["fingerprint"] in self.verdicts]

    def summary(self) -> dict:
        """The gate as the JSON output carries it."""
        counts = self.counts
        return {"fail_on": self.policy.fail_on, "passed": not self.failed,
                "exit_code": self.exit_code, "with_baseline": self.policy.baseline is not None,
                "counts": {verdict: counts[verdict] for verdict in VERDICTS},
                "warnings": list(self.warnings)}


def apply_gate(document: dict, policy: GatePolicy) -> GateResult:
    """Decide every finding of an audit document (the JSON contract of DESIGN.md)."""
    site_urls = {site["id"]: site["url"] for site in document["sites"]}
    active = [w for w in policy.waivers if not w.expired(policy.today)]
    expired = [w for w in policy.waivers if w.expired(policy.today)]
    verdicts: dict[str, str] = {}
    waived_by: dict[str, Waiver] = {}
    would_have_waived: Counter = Counter()
    for finding in document["findings"]:
        level = policy.rule_levels.get(finding["rule"])
        if level == "off":
            continue
        fingerprint = finding["fingerprint"]
        site_url = site_urls.get(finding["site"], "")
        waiver = next((w for w in active if w.matches(finding, site_url)), None)
        if waiver is not None:
            verdicts[fingerprint], waived_by[fingerprint] = "waived", waiver
            continue
        for old in expired:
            if old.matches(finding, site_url):
                would_have_waived[old] += 1
        if policy.baseline is not None and fingerprint in policy.baseline:
            verdicts[fingerprint] = "baseline"
        else:
            verdicts[fingerprint] = "fail" if _fails(finding, level, policy.fail_on) else "pass"
    warnings = [f"waiver {w.describe()} expired on {w.expires.isoformat()}: it no longer "
                f"suppresses findings ({would_have_waived[w]} now counted again)" for w in expired]
    return GateResult(policy=policy, verdicts=verdicts, waived_by=waived_by, warnings=warnings)


def _fails(finding: dict, level: str | None, fail_on: str) -> bool:
    if fail_on == "never":
        return False
    if level in ("error", "warn"):
        return level == "error"
    return SEVERITY_RANK.get(finding["severity"], 0) >= SEVERITY_RANK[fail_on]


def annotate(document: dict, result: GateResult) -> dict:
    """The audit document as `check --format json` writes it: the contract of DESIGN.md, with
    each reported finding's verdict in ``gate`` (and ``waived`` filled), and the gate's summary."""
    findings = []
    for finding in result.reported(document["findings"]):
        fingerprint = finding["fingerprint"]
        waiver = result.waived_by.get(fingerprint)
        findings.append({**finding, "gate": result.verdicts[fingerprint],
                         "waived": waiver.note() if waiver else None})
    return {**document, "findings": findings, "gate": result.summary()}
