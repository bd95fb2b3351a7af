"""One audit from start to finish: crawl the registry into the store, judge, write the outputs.

Pages are judged as they arrive and sites when the crawl ends (auditor/crawl/judge_pipeline.py
and finish.py), with the rule pack chosen here: --pack, else the registry's, else the config's,
else the regime in force today.

Shared by `auditor audit`, `auditor check` and `auditor demo`, so that all three do the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from auditor.config import load_config
from auditor.crawl.runner import crawl_settings, run_crawl, start_audit
from auditor.formats.json_doc import audit_document, dumps
from auditor.packs import resolve_pack
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
              overrides: dict | None = None, quiet: bool = False,
              config: Path | str | None = None) -> AuditResult:
    overrides = dict(overrides or {})
    if registry.contact and not overrides.get("AUDITOR_CONTACT"):
        overrides["AUDITOR_CONTACT"] = registry.contact
    overrides["AUDITOR_PROGRESS"] = not quiet
    # The config and the pack are checked before anything is crawled: a mistake exits with 2.
    user_config = load_config(config)
    day = date.fromisoformat(overrides["AUDITOR_AUDIT_DATE"]) if overrides.get("AUDITOR_AUDIT_DATE") \
        else date.today()
    chosen = resolve_pack(pack or registry.pack or user_config.pack, day)
    overrides.update(AUDITOR_PACK=chosen.id, AUDITOR_CONFIG=str(config) if config else "")
    settings = crawl_settings(str(db), overrides)
    store = Store(db)
    audit_id = start_audit(store, registry, chosen.id, settings)
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
