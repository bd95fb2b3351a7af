"""The findings of an audit as JSON: the contract of DESIGN.md that scripts rely on.

An object with ``audit``, ``sites`` (each with id, name, url, level, status of the crawl and
counts) and ``findings`` (rule, severity, site, url, title, message, basis, basis_kind (breach,
recommendation, guidance or quality: auditor/judge/law.py), evidence,
fingerprint, and count / sample_urls for grouped findings). Extend it; never rename a key.
"""

from __future__ import annotations

import json
from pathlib import Path

from auditor.spiders.outcomes import load_all, record_texts
from auditor.store.database import Store

FORMAT_VERSION = 1


def audit_document(store: Store, audit_id: int, with_findings: bool = True) -> dict:
    """The whole document; ``with_findings`` False leaves ``findings`` empty (the audit and
    its sites only: what a summary needs, without holding every finding in memory)."""
    audit = store.audit(audit_id)
    per_site = store.finding_counts(audit_id)
    sites = []
    for row in store.sites(audit_id):
        sites.append({
            "id": row["key"], "name": row["name"], "url": row["url"], "level": row["level"],
            "parent": row["parent"] or None, "registry_status": row["registry_status"],
            "status": row["crawl_status"], "reason": record_texts(load_all(row["reason"])),
            "pages": row["pages"] or 0, "bytes": row["bytes"] or 0,
            "findings": {sev: per_site.get((row["key"], sev), 0) for sev in ("error", "warning", "info")},
        })
    return {
        "format": FORMAT_VERSION,
        "audit": {
            "id": audit["id"], "name": audit["name"], "inspector": audit["inspector"],
            "pack": audit["pack"], "started_at": audit["started_at"],
            "finished_at": audit["finished_at"], "status": audit["status"],
            "tool_version": audit["tool_version"],
        },
        "sites": sites,
        "findings": [finding_dict(row) for row in store.findings_rows(audit_id)] if with_findings else [],
    }


def write_document(store: Store, audit_id: int, path: Path) -> None:
    """findings.json, as ``dumps(audit_document(...))`` writes it, with the findings streamed
    from the store one at a time: a national audit's findings never sit in memory at once."""
    head = dumps(audit_document(store, audit_id, with_findings=False))
    empty = '"findings": []\n}'
    assert head.endswith(empty)
    with path.open("w", encoding="utf-8") as out:
        out.write(head[:-len(empty)] + '"findings": [')
        written = 0
        for row in store.findings_rows(audit_id):
            out.write(("," if written else "") + "\n    " + dumps(finding_dict(row)).replace("\n", "\n    "))
            written += 1
        out.write("\n  ]\n}" if written else "]\n}")


def finding_dict(row: dict) -> dict:
    return {
        "rule": row["rule"], "severity": row["severity"], "site": row["site"],
        "url": row["url"], "title": row["title"], "message": row["message"],
        "basis": row["basis"], "basis_kind": row.get("basis_kind") or "",
        "evidence": json.loads(row["evidence"] or "{}"),
        "fingerprint": row["fingerprint"], "count": row["count"],
        "sample_urls": json.loads(row["sample_urls"] or "[]"),
        "waived": _waived(row.get("waived")),
        # The proof (docs/evidence.md): the SHA-256 of the page's payload as archived and when it
        # was captured; null for a site finding or an audit run without the archive.
        "page_sha256": row.get("page_sha256") or None, "captured_at": row.get("captured_at") or None,
    }


def _waived(value: str | None) -> dict | str | None:
    """The waiver note `auditor check` stores as JSON (reason, approver, expires, waiver)."""
    if not value:
        return None
    try:
        return json.loads(value)
    except ValueError:
        return value  # a plain note written by another tool: kept as it is


def dumps(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2)
