"""`check --format junit`: JUnit XML, as CI servers (GitLab, Jenkins, Azure) show test results.

One ``<testsuite>`` per site, one ``<testcase>`` per rule of the pack on that site:

- a rule with failing findings is a ``<failure>`` whose text carries the evidence of each
  (page, message, element or snippet, sample pages, legal basis, fix);
- a rule whose findings are all waived is ``<skipped>``, naming the waiver;
- any other finding (below the threshold, or known from the baseline) is listed in the
  testcase's ``<system-out>``: reported, not failing;
- on a site that could not be crawled (unreachable, blocked) a rule with nothing to say is
  ``<skipped>``: it was not checked, which is not the same as passed.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import defaultdict

from auditor.gate.formats.outcome import CheckOutcome

# XML 1.0 forbids most control characters; a crawled page may well contain them.
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
UNCHECKED = ("unreachable", "blocked")


def clean(text) -> str:
    return _NOT_XML.sub("\ufffd", str(text))


def render_junit(outcome: CheckOutcome) -> str:
    by_site_rule: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for finding in outcome.findings:
        by_site_rule[(finding["site"], finding["rule"])].append(finding)
    root = ET.Element("testsuites", name="vngov-auditor check")
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for site in outcome.document["sites"]:
        suite = _suite(root, site, outcome)
        counts = {"tests": 0, "failures": 0, "skipped": 0}
        for rule_id, rule in outcome.active_rules().items():
            findings = by_site_rule.get((site["id"], rule_id), [])
            state = _testcase(suite, site, rule_id, rule.title(outcome.lang), findings, outcome)
            counts["tests"] += 1
            if state != "passed":
                counts[state] += 1
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
        suite.set("errors", "0")
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("errors", "0")
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _suite(root: ET.Element, site: dict, outcome: CheckOutcome) -> ET.Element:
    audit = outcome.document["audit"]
    suite = ET.SubElement(root, "testsuite", name=clean(f"{site['id']}: {site['name']}"),
                          timestamp=audit["started_at"] or "")
    properties = ET.SubElement(suite, "properties")
    for name, value in (("url", site["url"]), ("level", site["level"]), ("pack", outcome.pack),
                        ("crawl", site["status"]), ("crawl_reason", site["reason"]),
                        ("pages", site["pages"]), ("fail_on", outcome.gate.policy.fail_on)):
        ET.SubElement(properties, "property", name=name, value=clean(value))
    return suite


def _testcase(suite: ET.Element, site: dict, rule_id: str, title: str, findings: list[dict],
              outcome: CheckOutcome) -> str:
    case = ET.SubElement(suite, "testcase", classname=clean(site["id"]), name=clean(f"{rule_id} {title}"))
    failing = [f for f in findings if f["gate"] == "fail"]
    waived = [f for f in findings if f["gate"] == "waived"]
    others = [f for f in findings if f["gate"] in ("pass", "baseline")]
    if failing:
        failure = ET.SubElement(case, "failure", type=failing[0]["severity"],
                                message=clean(f"{len(failing)} × {failing[0]['title'] or title}"))
        failure.text = clean("\n\n".join(_evidence(f, outcome) for f in failing))
    elif waived and not others:
        note = waived[0]["waived"]
        ET.SubElement(case, "skipped", message=clean(
            f"waived: {note['reason']} (approved by {note['approver']}, until {note['expires']}; "
            f"{note['waiver']})"))
    elif not findings and site["status"] in UNCHECKED:
        ET.SubElement(case, "skipped", message=clean(
            f"not checked: the site is {site['status']} ({site['reason']})"))
    if others or (failing and waived):
        out = ET.SubElement(case, "system-out")
        out.text = clean("\n\n".join(_evidence(f, outcome) for f in others + waived))
    if failing:
        return "failures"
    return "skipped" if case.find("skipped") is not None else "passed"


def _evidence(finding: dict, outcome: CheckOutcome) -> str:
    rule = outcome.rule(finding["rule"])
    lines = [f"[{finding['severity']}] [{finding['gate']}] {finding['url'] or '(site-wide)'}",
             f"  {finding['message']}"]
    if finding["evidence"]:
        lines.append("  evidence: " + json.dumps(finding["evidence"], ensure_ascii=False, sort_keys=True))
    if finding.get("count", 1) > 1:
        samples = ", ".join(finding.get("sample_urls") or [])
        lines.append(f"  on {finding['count']} pages, e.g. {samples}")
    if finding["basis"]:
        lines.append(f"  basis: {finding['basis']}")
    if rule.remedy(outcome.lang):
        lines.append(f"  fix: {rule.remedy(outcome.lang)}")
    if finding["gate"] == "waived":
        note = finding["waived"]
        lines.append(f"  waived: {note['reason']} (approved by {note['approver']}, until {note['expires']})")
    lines.append(f"  fingerprint: {finding['fingerprint']}")
    return "\n".join(lines)
