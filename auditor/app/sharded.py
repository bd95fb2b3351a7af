"""An audit run as jobs (auditor/jobs/): the registry's hosts crawled and their sites judged by
workers into shards, merged into the store; then the site rules over the sites no shard judged.

Used by ``auditor audit --workers N`` when the registry has more than one host (one host is one
job: nothing to share out), and by ``--resume`` of an audit that ran so.
"""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path

from auditor.crawl.finish import stopped_by
from auditor.spiders.outcomes import Reason, dump_all
from auditor.crawl.runner import RUN_ONLY
from auditor.jobs.dispatch import Dispatcher
from auditor.jobs.local import LocalWorkers
from auditor.jobs.plan import plan_jobs
from auditor.jobs.queue import has_jobs
from auditor.registry import Registry
from auditor.store.database import Store, utcnow


def scrapyd_nodes(urls, overrides: dict):
    from auditor.jobs.scrapyd import ScrapydNodes

    return ScrapydNodes(list(urls), slots=int(overrides.get("AUDITOR_SCRAPYD_SLOTS") or 1))


def shards_beside(db: Path) -> Path:
    return Path(str(db) + ".shards")


def runs_as_jobs(store: Store, audit_id: int, registry: Registry, workers, resumed: bool = False) -> bool:
    if has_jobs(store, audit_id) or not isinstance(workers, int):
        return True  # resumed, and it ran as jobs; or Scrapyd nodes run them
    if resumed:
        return False  # it ran in one process: its crawl state is that process's, it continues there
    return workers > 1 and len(plan_jobs(registry)) > 1


def run_jobs(db: Path, audit_id: int, registry: Registry, overrides: dict, settings,
             workers, shards: Path | None = None, quiet: bool = True) -> str:
    """Run the audit's jobs to the end; returns why it ended, as run_crawl does."""
    job_settings = {name: value for name, value in overrides.items()
                    if value is not None and name not in RUN_ONLY and name != "AUDITOR_MAX_TIME"}
    max_time = settings.getfloat("AUDITOR_MAX_TIME")
    deadline = time.monotonic() + max_time if max_time > 0 else None
    store = Store(db)
    try:
        audit = store.audit(audit_id)
        # Every job judges as of the same day: the day the audit started.
        job_settings.setdefault("AUDITOR_AUDIT_DATE", _start_day(audit))
        backend = workers if not isinstance(workers, int) else \
            LocalWorkers(workers, jobs_per_worker=settings.getint("AUDITOR_WORKER_JOBS"))
        if hasattr(backend, "deploy"):
            backend.deploy()  # Scrapyd: the project's egg to every node
        say = (lambda line: None) if quiet else _timed_say(time.monotonic())
        dispatcher = Dispatcher(store, audit_id, registry, job_settings,
                                shards or shards_beside(db), backend,
                                retries=settings.getint("AUDITOR_JOB_RETRIES"), say=say)
        try:
            dispatcher.run(deadline)
        except KeyboardInterrupt:
            store.finish_audit(audit_id, "interrupted")
            return "shutdown"
        ended = "closespider_timeout" if dispatcher.queue.counts().get("pending") else "finished"
        _close_unfinished_sites(store, audit_id, stopped_by(ended) or Reason("not-crawled"))
        unjudged = dispatcher.queue.sites_not_merged()
        _judge_sites(store, audit_id, registry, settings, unjudged)
        say(f"site rules over the {len(unjudged)} sites no shard judged")
        store.finish_audit(audit_id, "complete")
        return ended
    finally:
        store.close()


def _timed_say(started: float):
    """Lines on stderr, each with the seconds since the jobs began: where the audit's time goes."""
    return lambda line: print(f"[{time.monotonic() - started:6.1f} s] {line}", file=sys.stderr)


def _start_day(audit: dict) -> str:
    from datetime import datetime

    started = audit.get("started_at")
    return (datetime.fromisoformat(started).astimezone().date() if started else date.today()).isoformat()


def _close_unfinished_sites(store: Store, audit_id: int, reason: Reason) -> None:
    """Sites of jobs the audit's time limit left unrun end partial, as a single process's do."""
    with store.transaction() as conn:
        conn.execute("update sites set crawl_status = 'partial', reason = ?, finished_at = ?"
                     " where audit_id = ? and crawl_status = 'pending'", [dump_all([reason]), utcnow(), audit_id])


def _judge_sites(store: Store, audit_id: int, registry: Registry, settings, keys: set[str]) -> None:
    """The site rules over the sites no shard judged (auditor/jobs/site_rules.py): those of
    failed jobs and of jobs the time limit left unrun, crawled by no one."""
    from auditor.crawl.pipeline import build_engine
    from auditor.judge.sitefacts import judge_sites

    # Built whatever is left to judge: it records the audit's pack and config in the store.
    engine = build_engine(store, audit_id, registry, settings)
    if keys:
        judge_sites(store, audit_id, engine, keys=keys)
