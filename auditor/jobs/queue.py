"""The job queue, a table of the audit's store: the dispatcher's memory across interruptions.

A job is ``pending`` (to run), ``running`` (handed out, attempt ``attempts``), ``merged`` (its
shard is in the store: set in the merge's own transaction, so a shard is merged exactly once)
or ``failed`` (retries exhausted; its sites end ``unreachable`` with the reason).
"""

from __future__ import annotations

import json

from auditor.jobs.plan import Job
from auditor.store.database import Store, utcnow

SCHEMA = """create table if not exists jobs (
    id integer primary key, audit_id integer not null references audits(id), key text not null,
    sites text not null, status text not null, attempts integer not null default 0,
    node text, shard text, reason text, started_at text, finished_at text,
    unique (audit_id, key))"""


def has_jobs(store: Store, audit_id: int) -> bool:
    """Did the audit run as jobs? (Without creating the table in a store that has none.)"""
    conn = store.db.conn
    if not conn.execute("select 1 from sqlite_master where name = 'jobs'").fetchone():
        return False
    return conn.execute("select 1 from jobs where audit_id = ? limit 1", [audit_id]).fetchone() is not None


class JobQueue:
    def __init__(self, store: Store, audit_id: int):
        self.store, self.audit_id = store, audit_id
        self.conn = store.db.conn
        self.conn.execute(SCHEMA)

    def planned(self) -> bool:
        return has_jobs(self.store, self.audit_id)

    def add(self, jobs: list[Job]) -> None:
        with self.store.transaction() as conn:
            conn.executemany(
                "insert or ignore into jobs (audit_id, key, sites, status) values (?, ?, ?, 'pending')",
                [(self.audit_id, job.key, json.dumps(job.sites)) for job in jobs])

    def rows(self, status: str, limit: int | None = None) -> list[dict]:
        """The jobs in ``status``, first planned first; at most ``limit`` of them."""
        cursor = self.conn.execute(
            "select id, key, sites, attempts, node, shard, reason from jobs"
            " where audit_id = ? and status = ? order by id limit ?",
            [self.audit_id, status, -1 if limit is None else limit])
        names = [column[0] for column in cursor.description]
        return [{**dict(zip(names, row)), "sites": json.loads(row[2])} for row in cursor.fetchall()]

    def sites_not_merged(self) -> set[str]:
        """The sites of the jobs that failed or never ran: no shard of theirs judged them."""
        rows = self.conn.execute("select sites from jobs where audit_id = ? and status != 'merged'",
                                 [self.audit_id]).fetchall()
        return {site for (sites,) in rows for site in json.loads(sites)}

    def counts(self) -> dict[str, int]:
        return dict(self.conn.execute("select status, count(*) from jobs where audit_id = ?"
                                      " group by status", [self.audit_id]).fetchall())

    def hand_out(self, job_id: int, node: str, shard: str) -> int:
        """Mark the job running on ``node``, writing ``shard``; returns its attempt number."""
        with self.store.transaction() as conn:
            conn.execute("update jobs set status = 'running', attempts = attempts + 1, node = ?,"
                         " shard = ?, started_at = ? where id = ?", [node, shard, utcnow(), job_id])
            return conn.execute("select attempts from jobs where id = ?", [job_id]).fetchone()[0]

    def retry(self, job_id: int, reason: str) -> None:
        self._set(job_id, "pending", reason)

    def fail(self, job_id: int, reason: str) -> None:
        self._set(job_id, "failed", reason)

    def _set(self, job_id: int, status: str, reason: str) -> None:
        with self.store.transaction() as conn:
            conn.execute("update jobs set status = ?, reason = ?, finished_at = ? where id = ?",
                         [status, reason, utcnow(), job_id])
