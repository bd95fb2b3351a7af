"""One audit from start to finish: crawl the registry into the store, judge, write the outputs.

Pages are judged as they arrive and sites when the crawl ends (auditor/crawl/pipeline.py
and finish.py), with the rule pack chosen here: --pack, else the registry's, else the config's,
else the regime in force today.

Shared by `auditor audit`, `auditor check` and `auditor demo`, so that all three do the same.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from auditor.judge.config import load_config
from auditor.crawl.runner import crawl_settings, run_crawl, start_audit
from auditor.errors import UsageError
from auditor.gate.formats.json_doc import audit_document, write_document
from auditor.app.lock import AuditLock
from auditor.judge.applicable import audit_day, check_requirements, chosen_pack
from auditor.registry import Registry
from auditor.app.resume import prepare_resume
from auditor.app.sharded import run_jobs, runs_as_jobs
from auditor.store.database import Store


@dataclass
class AuditResult:
    audit_id: int
    db: Path
    out: Path | None
    summary: dict  # the findings document without its findings: the audit and its sites
    ended: str = "finished"  # why the crawl ended: finished, closespider_timeout, shutdown ...
    overview: Path | None = None  # the province overview report (index.html), when written

    @property
    def interrupted(self) -> bool:
        return self.summary["audit"]["status"] != "complete"

    @cached_property
    def document(self) -> dict:
        """The whole findings document, read from the store when asked for (a national audit's
        findings are hundreds of MB as Python objects; the audit itself never holds them)."""
        store = Store(self.db)
        try:
            return audit_document(store, self.audit_id)
        finally:
            store.close()


def run_audit(registry: Registry | None, db: Path, out: Path | None, pack: str = "",
              overrides: dict | None = None, quiet: bool = False,
              config: Path | str | None = None, resume: int | None = None, workers=1,
              shards: Path | None = None) -> AuditResult:
    """Crawl, judge, store and report an audit, holding the store's audit lock throughout.

    ``resume`` continues an interrupted audit instead (its id, or 0 for the latest one that
    did not complete): its registry, pack, config and bounds come from the store
    (auditor/app/resume.py); options given now take precedence. ``workers`` above 1 (or a
    Scrapyd backend) runs a registry of several hosts as jobs (auditor/app/sharded.py).
    """
    overrides = dict(overrides or {})
    if resume is None:
        overrides = _new_audit_overrides(registry, pack, overrides, config)
    elif not Path(db).is_file():
        raise UsageError(f"{db}: no such audit store to resume (pass the --db of the audit)")
    with AuditLock(db) as lock:
        store = Store(db)
        try:
            store.mark_dead_audits()  # under the lock, a "running" audit is a dead one
            if resume is None:
                settings = crawl_settings(str(db), {**overrides, "AUDITOR_PROGRESS": not quiet})
                audit_id = start_audit(store, registry, overrides["AUDITOR_PACK"], settings, overrides)
                state = None
            else:
                audit_id, registry, overrides, state = prepare_resume(store, resume or None, overrides)
                settings = crawl_settings(str(db), {**overrides, "AUDITOR_PROGRESS": not quiet})
                store.reopen_audit(audit_id, os.getpid())
            as_jobs = runs_as_jobs(store, audit_id, registry, workers, resumed=resume is not None)
        finally:
            store.close()
        lock.note(audit_id)
        if as_jobs:
            ended = run_jobs(db, audit_id, registry, overrides, settings, workers, shards, quiet)
        else:
            ended = run_crawl(registry, settings, audit_id, resume=state)
        store = Store(db)
        overview = None
        try:
            summary = audit_document(store, audit_id, with_findings=False)
            if out is not None:
                overview = write_outputs(store, audit_id, out)
        finally:
            store.close()
    return AuditResult(audit_id=audit_id, db=db, out=out, summary=summary, ended=ended,
                       overview=overview)


def _new_audit_overrides(registry: Registry, pack: str, overrides: dict, config) -> dict:
    """Contact, config and rule pack of a new audit, as settings the crawl (and a resume) reads.

    The config and the pack are checked before anything is crawled: a mistake exits with 2.
    """
    if registry.contact and not overrides.get("AUDITOR_CONTACT"):
        overrides["AUDITOR_CONTACT"] = registry.contact
    user_config = load_config(config)
    day = audit_day(overrides.get("AUDITOR_AUDIT_DATE"))
    chosen = chosen_pack(day, pack, registry.pack, user_config.pack)
    check_requirements(chosen, user_config)
    overrides.update(AUDITOR_PACK=chosen.id, AUDITOR_CONFIG=str(config) if config else "")
    return overrides


def write_outputs(store: Store, audit_id: int, out: Path) -> Path:
    """findings.json, the overview report (index.html) and a report per site (sites/*.html).

    Returns the overview's path.
    """
    from auditor.reports import render_audit

    out.mkdir(parents=True, exist_ok=True)
    write_document(store, audit_id, out / "findings.json")
    return render_audit(store, audit_id, out)[0]
