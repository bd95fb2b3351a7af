"""The dispatcher: hands the audit's jobs to workers and merges their shards (site rules and all).

It is the store's only writer while jobs run. Its queue lives in the store (queue.py), so a
dispatcher that was stopped resumes (``auditor audit --resume``): merged jobs stay merged, a job
that was running is merged if its shard was sealed meanwhile, else run again. A job whose
shard is missing or refused (shard.py) runs again, at most ``AUDITOR_JOB_RETRIES`` more times;
then its sites end ``unreachable`` with the reason.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from auditor.archive.warcfile import archive_root
from auditor.jobs.plan import plan_jobs, write_registry_file
from auditor.jobs.queue import JobQueue
from auditor.jobs.shard import check_shard, merge_shard, row_base
from auditor.registry import Registry
from auditor.spiders.outcomes import Reason, dump_all
from auditor.store.database import Store, utcnow

POLL_SECONDS = 0.2


class Dispatcher:
    def __init__(self, store: Store, audit_id: int, registry: Registry, settings: dict,
                 shards: Path, workers, retries: int = 2, say=lambda line: None):
        self.store, self.audit_id, self.registry = store, audit_id, registry
        self.settings, self.workers, self.retries, self.say = settings, workers, retries, say
        self.shards = Path(shards)
        self.queue = JobQueue(store, audit_id)

    def run(self, deadline: float | None = None) -> None:
        """Every job to the end (merged or failed), or until ``deadline`` (time.monotonic())."""
        registry_file = write_registry_file(self.registry, self.shards / f"a{self.audit_id}-registry.json")
        try:
            if hasattr(self.workers, "warm_up"):  # their imports overlap with the planning
                self.workers.warm_up(self.shards)
            if not self.queue.planned():
                self.queue.add(plan_jobs(self.registry, self.workers.capacity()))
            with self.store.rollback_journal():  # the merges write each shard's pages once
                for job in self.queue.rows("running"):  # a dispatcher before this one stopped
                    self._collect(job, "the dispatcher stopped while the job ran")
                self._dispatch(registry_file, deadline)
        finally:
            self.workers.stop()

    def _dispatch(self, registry_file: Path, deadline: float | None) -> None:
        while True:
            ended = self.workers.ended()
            # The freed slots take their next jobs before the ended ones are checked and
            # merged (seconds for a big shard): a worker does not idle through the merge.
            # An ended job stays "running" in the queue until merged, so a dispatcher
            # stopped in between still merges it when resumed.
            if deadline is None or time.monotonic() <= deadline:
                self._hand_out_free(registry_file, deadline)
            for job_id, why in ended:
                self._collect(self._row(job_id), why)
            counts = self.queue.counts()
            if not counts.get("pending") and not counts.get("running"):
                return
            if deadline is not None and time.monotonic() > deadline:
                return
            if not ended:  # else at once: a refused job is pending again
                time.sleep(getattr(self.workers, "poll_seconds", POLL_SECONDS))

    def _hand_out_free(self, registry_file: Path, deadline: float | None) -> None:
        # Only the jobs a free worker takes now: a national queue's rows stay in the store.
        for job in self.queue.rows("pending", limit=max(0, self.workers.free())):
            self._hand_out(job, registry_file, deadline)

    def _row(self, job_id: int) -> dict:
        return next(job for job in self.queue.rows("running") if job["id"] == job_id)

    def _hand_out(self, job: dict, registry_file: Path, deadline: float | None) -> None:
        attempt = job["attempts"] + 1
        name = f"a{self.audit_id}-j{job['id']}-t{attempt}"
        shard = self.shards / f"{name}.db"
        settings = dict(self.settings)
        # The job's pages are archived where the audit's are, under the audit's id, so that the
        # merged page rows point to the audit's own WARC files (auditor/archive/recorder.py).
        settings.setdefault("AUDITOR_ARCHIVE_ROOT", str(archive_root(self.store.path).resolve()))
        settings["AUDITOR_ARCHIVE_AUDIT"] = self.audit_id
        settings["AUDITOR_ROW_BASE"] = row_base(job["id"])  # its pages merge with their own ids
        if deadline is not None:  # the audit's --max-time, what is left of it
            settings["AUDITOR_MAX_TIME"] = max(1.0, deadline - time.monotonic())
        spec = {"key": job["key"], "attempt": attempt, "sites": job["sites"],
                "registry": str(registry_file.resolve()), "shard": str(shard.resolve()),
                "settings": settings}
        job_file = self.shards / f"{name}.job.json"
        job_file.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
        node = self.workers.start(job["id"], str(job_file))
        self.queue.hand_out(job["id"], node, str(shard))
        self.say(f"job {job['id']} ({len(job['sites'])} sites) handed to {node}")

    def _collect(self, job: dict, failure: str) -> None:
        """A job's worker ended (or was lost): merge its shard, or run the job again."""
        started = time.process_time()
        refused = check_shard(job["shard"], job["sites"]) if job["shard"] else "never handed out"
        checked = time.process_time()
        if not refused:
            merge_shard(self.store, self.audit_id, job["id"], job["shard"])
            self.say(f"job {job['id']} ({len(job['sites'])} sites) merged; dispatcher CPU:"
                     f" check {checked - started:.2f} s, merge {time.process_time() - checked:.2f} s")
            return
        reason = f"{failure}; {refused}" if failure else refused
        if job["attempts"] > self.retries:
            self.queue.fail(job["id"], reason)
            self._sites_unreachable(job["sites"], Reason("job-failed", {"attempts": job["attempts"],
                                                                         "error": reason}))
            self.say(f"job {job['id']} failed: {reason}")
        else:
            self.queue.retry(job["id"], reason)
            self.say(f"job {job['id']} will run again: {reason}")

    def _sites_unreachable(self, site_ids: list[str], reason: Reason) -> None:
        with self.store.transaction() as conn:
            conn.executemany("update sites set crawl_status = 'unreachable', reason = ?,"
                             " finished_at = ? where audit_id = ? and key = ?",
                             [(dump_all([reason]), utcnow(), self.audit_id, site) for site in site_ids])
