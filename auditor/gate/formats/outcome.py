"""What every output format of `auditor check` renders: the audit, the gate's verdicts, the rules.

One object, built once, so that text, JSON, JUnit and SARIF tell the same story.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from auditor.gate.formats.catalogue import RuleInfo, rules_for
from auditor.gate.verdict import GateResult, annotate


@dataclass
class CheckOutcome:
    document: dict  # the JSON contract of DESIGN.md, annotated by the gate
    gate: GateResult
    rules: dict[str, RuleInfo]  # the pack's rules and any rule a finding names
    lang: str = "vi"
    report: Path | None = None  # the HTML report, when one was written

    @classmethod
    def build(cls, document: dict, gate: GateResult, lang: str = "vi",
              report: Path | None = None) -> "CheckOutcome":
        annotated = annotate(document, gate)
        rules = rules_for(annotated["findings"], document["audit"]["pack"] or "")
        return cls(document=annotated, gate=gate, rules=rules, lang=lang, report=report)

    @property
    def findings(self) -> list[dict]:
        """The reported findings (rules set to off left out), each with its ``gate`` verdict."""
        return self.document["findings"]

    @property
    def pack(self) -> str:
        return self.document["audit"]["pack"] or ""

    def site(self, site_id: str) -> dict:
        return next(site for site in self.document["sites"] if site["id"] == site_id)

    def rule(self, rule_id: str) -> RuleInfo:
        return self.rules[rule_id]

    def active_rules(self) -> dict[str, RuleInfo]:
        """The rules the check applied: the pack's, less those set to off."""
        levels = self.gate.policy.rule_levels
        return {rid: info for rid, info in self.rules.items() if levels.get(rid) != "off"}
