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

from pathlib import Path

from auditor.gate.baseline import load_baseline
from auditor.judge.config import Config, rule_levels
from auditor.errors import UsageError
from auditor.exit_codes import EXIT_FINDINGS, EXIT_OK
from auditor.judge.findings import SEVERITY_RANK
from auditor.gate.waivers import Waiver, load_waivers

FAIL_ON = ("error", "warning", "info", "never")
VERDICTS = ("fail", "pass", "baseline", "waived")
GATE_KEYS = ("fail_on", "baseline", "waivers")


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
        return EXIT_FINDINGS if self.failed else EXIT_OK

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


def gate_policy(config: Config, fail_on: str | None = None, baseline: Path | None = None,
                waivers: Path | None = None) -> GatePolicy:
    """The gate from the command line, else the config file's ``[gate]`` table, else defaults::

        [gate]
        fail_on = "warning"
        baseline = "baseline.json"     # relative to the config file
        waivers = "waivers.toml"

    Per-rule levels come from its ``[rules]`` table (auditor/judge/config.py). The files are read
    here, before any crawl: a mistake in them is exit code 2 at once.
    """
    table = config.gate
    unknown = sorted(set(table) - set(GATE_KEYS))
    if unknown:
        raise UsageError(f"{config.path}: [gate]: unknown keys {', '.join(unknown)} "
                         f"(expected {', '.join(GATE_KEYS)})")
    fail_on = fail_on or table.get("fail_on", "error")
    if fail_on not in FAIL_ON:
        raise UsageError(f"{config.path}: [gate] fail_on {fail_on!r}: expected one of {', '.join(FAIL_ON)}")
    baseline = baseline or _config_file(config, "baseline")
    waivers = waivers or _config_file(config, "waivers")
    return GatePolicy(fail_on=fail_on, rule_levels=rule_levels(config),
                      baseline=load_baseline(baseline) if baseline else None,
                      waivers=load_waivers(waivers) if waivers else [])


def _config_file(config: Config, key: str) -> Path | None:
    value = config.gate.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        raise UsageError(f"{config.path}: [gate] {key}: expected a file name")
    return Path(config.path).parent / value


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
