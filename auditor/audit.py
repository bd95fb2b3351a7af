"""One audit from start to finish: crawl the registry into the store, judge, write the outputs.

Shared by `auditor audit`, `auditor check` and `auditor demo`, so that all three do the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from auditor.crawl.runner import crawl_settings, run_crawl, start_audit
from auditor.formats.json_doc import audit_document, dumps
from auditor.registry import Registry
from auditor.store import Store


@dataclass
class AuditResult:
    audit_id: int
    db: Path
    out: Path | None
    document: dict
    overview: Path | None = None  # the province overview report (index.html), when written


def run_audit(registry: Registry, db: Path, out: Path | None, pack: str = "",
              overrides: dict | None = None, quiet: bool = False) -> AuditResult:
    overrides = dict(overrides or {})
    if registry.contact and not overrides.get("AUDITOR_CONTACT"):
        overrides["AUDITOR_CONTACT"] = registry.contact
    overrides["AUDITOR_PROGRESS"] = not quiet
    settings = crawl_settings(str(db), overrides)
    store = Store(db)
    audit_id = start_audit(store, registry, pack, settings)
    store.close()
    run_crawl(registry, settings, audit_id)
    store = Store(db)
    overview = None
    try:
        document = audit_document(store, audit_id)
        if out is not None:
            overview = write_outputs(store, audit_id, out, document)
    finally:
        store.close()
    return AuditResult(audit_id=audit_id, db=db, out=out, document=document, overview=overview)


def write_outputs(store: Store, audit_id: int, out: Path, document: dict) -> Path:
    """findings.json, the overview report (index.html) and a report per site (sites/*.html).

    Returns the overview's path.
    """
    from auditor.reports import render_audit

    out.mkdir(parents=True, exist_ok=True)
    (out / "findings.json").write_text(dumps(document), encoding="utf-8")
    return render_audit(store, audit_id, out)[0]
