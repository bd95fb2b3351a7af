"""Baselines: the fingerprints of findings already known, so that a gate counts only new ones.

The file is JSON, written by ``auditor baseline``::

    {"format": 1, "kind": "vngov-auditor-baseline", "created_at": "...", "tool_version": "...",
     "audit": {"id": 3, "pack": "nd224-2026"},
     "findings": [{"fingerprint": "…", "rule": "ADS-002", "site": "xa-a", "url": "…"}, …]}

Only ``fingerprint`` matters to the gate; rule, site, URL and title are there for the human who
reviews the file in a pull request. A fingerprint leaves out scheme, host and port (see
``findings.normalise_url``), so a baseline taken on a staging address holds in production.
"""

from __future__ import annotations

import json
from pathlib import Path

from auditor.errors import UsageError
from auditor.store.database import utcnow

FORMAT = 1
KIND = "vngov-auditor-baseline"


class BaselineError(UsageError):
    """The baseline file cannot be used as written."""


def baseline_document(document: dict) -> dict:
    """A baseline of every finding of an audit document (the JSON contract of DESIGN.md)."""
    entries = [{"fingerprint": f["fingerprint"], "rule": f["rule"], "site": f["site"],
                "url": f["url"], "severity": f["severity"], "title": f["title"]}
               for f in document["findings"]]
    entries.sort(key=lambda e: (e["site"], e["rule"], e["url"] or "", e["fingerprint"]))
    audit = document["audit"]
    return {"format": FORMAT, "kind": KIND, "created_at": utcnow(),
            "tool_version": audit.get("tool_version"),
            "audit": {"id": audit["id"], "pack": audit["pack"]},
            "sites": [{"id": s["id"], "url": s["url"]} for s in document["sites"]],
            "findings": entries}


def write_baseline(path: Path, document: dict) -> int:
    baseline = baseline_document(document)
    try:
        path.write_text(json.dumps(baseline, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    except OSError as error:
        raise BaselineError(f"{path}: cannot write the baseline: {error}") from None
    return len(baseline["findings"])


def load_baseline(path: Path) -> set[str]:
    """The fingerprints a baseline file records."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise BaselineError(f"{path}: cannot read the baseline: {error}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise BaselineError(f"{path}:{error.lineno}:{error.colno}: not valid JSON: {error.msg}") from None
    if not isinstance(data, dict) or data.get("kind") != KIND or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{path}: not a baseline written by `auditor baseline` "
                            f"(expected an object with \"kind\": \"{KIND}\" and a \"findings\" list)")
    if data.get("format") != FORMAT:
        raise BaselineError(f"{path}: baseline format {data.get('format')!r} is not supported "
                            f"(this auditor reads format {FORMAT})")
    fingerprints = set()
    for index, entry in enumerate(data["findings"]):
        fingerprint = entry.get("fingerprint") if isinstance(entry, dict) else None
        if not isinstance(fingerprint, str) or not fingerprint:
            raise BaselineError(f"{path}: findings[{index}] has no \"fingerprint\"")
        fingerprints.add(fingerprint)
    return fingerprints
