"""`check --format sarif`: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

- ``tool.driver.rules``: every rule of the pack, with id, a PascalCase name, short and full
  description, help (the fix and the legal basis) and, in ``properties``, the legal basis under
  the audit's regime, the family, scope and severity.
- ``results``: one per finding, with ``ruleId``/``ruleIndex``, ``level`` (error, warning, note),
  the message, the page as location (the other pages of a grouped finding as related
  locations), our fingerprint in ``partialFingerprints``, ``suppressions`` for a waived finding
  and ``baselineState`` (``new`` or ``unchanged``) when a baseline was given.

Locations are the page URLs, written as their path (``/xa-a/tin-tuc.html``) with a ``uriBaseId``
whose ``originalUriBaseIds`` entry is the origin (SARIF §3.4.4, §3.14.14): they resolve to
exactly the page URL, and GitHub code scanning accepts them, while it rejects an absolute
``http`` URI ("SARIF URI scheme did not match the checkout URI scheme") and an empty one.
"""

from __future__ import annotations

import json
import re
from urllib.parse import quote, urlsplit

from auditor.rules._text import fold
from auditor.gate.formats.outcome import CheckOutcome
from auditor.gate.verdict import GateResult
from auditor.identity import NAME, VERSION

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
RULE_LEVEL = {"error": "error", "warn": "warning"}  # a per-rule level in the config wins
FINGERPRINT_KEY = "vngovAuditor/v1"
URI_SAFE = "/?#[]@!$&'()*+,;=:%-._~"  # RFC 3986 reserved and unreserved: kept as they are
HELP_LABELS = {"vi": ("Khắc phục", "Căn cứ pháp lý"), "en": ("Fix", "Legal basis")}


def render_sarif(outcome: CheckOutcome) -> str:
    return json.dumps(sarif_log(outcome), ensure_ascii=False, indent=2) + "\n"


def sarif_log(outcome: CheckOutcome) -> dict:
    rules = outcome.active_rules()
    index = {rule_id: i for i, rule_id in enumerate(rules)}
    bases = _origins(outcome)
    run = {
        "tool": {"driver": {"name": NAME, "version": VERSION,
                            "semanticVersion": VERSION,
                            "rules": [_descriptor(rule, outcome) for rule in rules.values()]}},
        "automationDetails": {"id": "vngov-auditor/check/" + ",".join(
            s["id"] for s in outcome.document["sites"]) + "/"},
        "invocations": [_invocation(outcome.gate)],
        "originalUriBaseIds": {base_id: {"uri": origin} for origin, base_id in bases.items()},
        "results": [_result(f, index, bases, outcome) for f in outcome.findings],
        "properties": {"pack": outcome.pack, "audit": outcome.document["audit"]["id"],
                       "failOn": outcome.gate.policy.fail_on},
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def rule_name(title_en: str, rule_id: str) -> str:
    """A PascalCase name, as SARIF wants one (``GamblingOrBettingSpam``)."""
    words = re.findall(r"[A-Za-z0-9]+", fold(title_en))
    return "".join(w[:1].upper() + w[1:] for w in words) or rule_id.replace("-", "")


def _descriptor(rule, outcome: CheckOutcome) -> dict:
    lang = outcome.lang
    fix_label, basis_label = HELP_LABELS.get(lang, HELP_LABELS["vi"])
    parts = [(label, text) for label, text in ((fix_label, rule.remedy(lang)),
                                               (basis_label, rule.citation(lang))) if text]
    help_text = "\n\n".join(f"{label}: {text}" for label, text in parts) or rule.title(lang)
    help_markdown = "\n\n".join(f"**{label}**: {text}" for label, text in parts) or help_text
    return {
        "id": rule.id,
        "name": rule_name(rule.title_en, rule.id),
        "shortDescription": {"text": rule.title(lang)},
        "fullDescription": {"text": f"{rule.title_vi} ({rule.title_en})" if rule.title_en
                            and rule.title_en != rule.title_vi else rule.title(lang)},
        "help": {"text": help_text, "markdown": help_markdown},
        "defaultConfiguration": {"level": LEVEL.get(rule.severity, "warning")},
        "properties": {"legalBasis": rule.basis, "legalBasisEn": rule.citation("en"),
                       "family": rule.family, "scope": rule.scope,
                       "severity": rule.severity, "pack": outcome.pack,
                       "tags": ["compliance", rule.family]},
    }


def _invocation(gate: GateResult) -> dict:
    return {
        "executionSuccessful": True,  # the tool did its work; the verdict is in exitCode
        "exitCode": gate.exit_code,
        "toolExecutionNotifications": [{"level": "warning", "message": {"text": warning}}
                                       for warning in gate.warnings],
    }


def _origins(outcome: CheckOutcome) -> dict[str, str]:
    """One base id per origin (scheme, host, port) of the sites and findings: SITE, SITE2, ..."""
    urls = [s["url"] for s in outcome.document["sites"]] + [f["url"] for f in outcome.findings if f["url"]]
    origins: dict[str, str] = {}
    for url in urls:
        origin = _origin(url)
        if origin not in origins:
            origins[origin] = "SITE" if not origins else f"SITE{len(origins) + 1}"
    return origins


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"


def _location(url: str, bases: dict[str, str], message: str = "") -> dict:
    parts = urlsplit(url)
    # An absolute-path reference ("/xa-a/tin-tuc.html", "/" for the home page): GitHub rejects
    # an empty URI, and quoted so that it is a uri-reference (no raw spaces or Vietnamese letters).
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    location = {"physicalLocation": {"artifactLocation": {
        "uri": quote(path, safe=URI_SAFE), "uriBaseId": bases[_origin(url)]}}}
    if message:
        location["message"] = {"text": message}
    return location


def _result(finding: dict, index: dict[str, int], bases: dict[str, str], outcome: CheckOutcome) -> dict:
    site = outcome.site(finding["site"])
    level = RULE_LEVEL.get(outcome.gate.policy.rule_levels.get(finding["rule"], ""),
                           LEVEL.get(finding["severity"], "warning"))
    message = finding["message"] or finding["title"]
    if finding.get("count", 1) > 1:
        message += f" ({finding['count']} trang)" if outcome.lang == "vi" else f" ({finding['count']} pages)"
    result = {
        "ruleId": finding["rule"],
        "level": level,
        "message": {"text": message},
        "locations": [_location(finding["url"] or site["url"], bases)],
        "partialFingerprints": {FINGERPRINT_KEY: finding["fingerprint"]},
        "properties": {"site": finding["site"], "severity": finding["severity"],
                       "gate": finding["gate"], "url": finding["url"], "basis": finding["basis"],
                       "basisKind": finding.get("basis_kind", ""), "evidence": finding["evidence"], "count": finding.get("count", 1)},
    }
    if finding.get("page_sha256"):  # the page as archived (docs/evidence.md)
        result["properties"].update(pageSha256=finding["page_sha256"], capturedAt=finding["captured_at"])
    if finding["rule"] in index:
        result["ruleIndex"] = index[finding["rule"]]
    samples = [u for u in finding.get("sample_urls") or [] if u != finding["url"]]
    if samples:
        result["relatedLocations"] = [{"id": i, **_location(u, bases, "cùng vấn đề / same cause")}
                                      for i, u in enumerate(samples, start=1)]
    if finding["gate"] == "waived":
        note = finding["waived"]
        result["suppressions"] = [{
            "kind": "external", "status": "accepted",
            "justification": f"{note['reason']} (approved by {note['approver']}, until {note['expires']})",
            "properties": note,
        }]
    if outcome.gate.policy.baseline is not None:
        known = finding["fingerprint"] in outcome.gate.policy.baseline
        result["baselineState"] = "unchanged" if known else "new"
    return result
