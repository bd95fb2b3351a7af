"""The store's journal (auditor/store/database.py): WAL for an audit's store, which reports read
while an audit writes; a job's unsealed shard written without one (its journal in memory, no
syncs) and made durable by its seal; the dispatcher's merges in a rollback journal when it is
the store's only connection, WAL again afterwards."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time

from auditor.jobs.queue import JobQueue
from auditor.jobs.plan import plan_jobs
from auditor.jobs.shard import check_shard, merge_shard, part_path, seal_shard
from auditor.registry import Registry, Site
from auditor.store.database import Store
from conftest import sealed_shard


def registry_of(*sites: str) -> Registry:
    return Registry(path="sites.toml", sites=[Site(site, f"UBND {site}", "xa", f"https://{site}.gov.vn/")
                                              for site in sites])


def journal_mode(store: Store) -> str:
    return store.db.conn.execute("pragma journal_mode").fetchone()[0]


def test_an_audits_store_is_in_wal(tmp_path):
    store = Store(tmp_path / "audit.db")
    try:
        assert journal_mode(store) == "wal"
        assert store.db.conn.execute("pragma synchronous").fetchone()[0] == 1  # NORMAL
    finally:
        store.close()


def test_an_unsealed_shard_is_written_once_and_sealed_to_a_lone_file(tmp_path):
    shard = tmp_path / "a1-j1-t1.db"
    store = Store(part_path(shard))
    try:
        assert journal_mode(store) == "memory"
        assert store.db.conn.execute("pragma synchronous").fetchone()[0] == 0  # OFF
        store.finish_audit(store.new_audit(registry_of("xa-1"), pack="", settings={}, version="t", pid=1))
        # Every write went into the file itself: no log beside it, no journal on disk.
        assert sorted(path.name for path in tmp_path.iterdir()) == ["a1-j1-t1.db.part"]
    finally:
        store.close()
    sealed = seal_shard(shard, {"key": "host:x", "sites": ["xa-1"]}, "finished")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a1-j1-t1.db", "a1-j1-t1.json"]
    assert check_shard(sealed, ["xa-1"]) == ""


def test_merges_run_in_a_rollback_journal_then_the_store_is_in_wal_again(tmp_path):
    store = Store(tmp_path / "audit.db")
    try:
        audit_id = store.new_audit(registry_of("xa-1", "xa-2"), pack="", settings={}, version="t", pid=1)
        queue = JobQueue(store, audit_id)
        queue.add(plan_jobs(registry_of("xa-1", "xa-2")))
        with store.rollback_journal() as switched:
            assert switched and journal_mode(store) == "truncate"
            assert store.db.conn.execute("pragma synchronous").fetchone()[0] == 2  # FULL
            for job in queue.rows("pending"):
                assert merge_shard(store, audit_id, job["id"], sealed_shard(tmp_path / job["sites"][0], job["sites"]))
        assert journal_mode(store) == "wal"
        assert store.db.conn.execute("pragma synchronous").fetchone()[0] == 1
        assert store.db.conn.execute("select count(*) from jobs where status = 'merged'").fetchone()[0] == 2
    finally:
        store.close()


def test_a_store_another_connection_holds_stays_in_wal_without_waiting(tmp_path):
    """A reader (a report, Datasette) with the store open: SQLite will not leave WAL then, and
    the dispatcher learns it at once instead of after the 30 s a write waits for a lock."""
    store = Store(tmp_path / "audit.db")
    reader = sqlite3.connect(tmp_path / "audit.db")
    try:
        reader.execute("select count(*) from audits").fetchone()
        started = time.monotonic()
        with store.rollback_journal() as switched:
            assert not switched and journal_mode(store) == "wal"
            store.new_audit(registry_of("xa-1"), pack="", settings={}, version="t", pid=1)
        assert time.monotonic() - started < 5
        assert journal_mode(store) == "wal"
        assert reader.execute("select count(*) from audits").fetchone()[0] == 1
        # Its lock waits are the store's own again.
        assert store.db.conn.execute("pragma busy_timeout").fetchone()[0] == 30_000
    finally:
        reader.close()
        store.close()


DIES_MID_MERGE = """
import sys, time
from auditor.registry import Registry, Site
from auditor.store.database import Store
store = Store(sys.argv[1])
registry = Registry(path="sites.toml", sites=[Site("xa-1", "UBND xa-1", "xa", "https://xa-1.gov.vn/")])
store.new_audit(registry, pack="", settings={}, version="t", pid=1)  # committed before the merge
with store.rollback_journal() as switched:
    with store.transaction() as conn:
        conn.executemany("insert into audits (name, started_at, status) values (?, 'now', 'running')",
                         [(f"half-merged {n}" * 20,) for n in range(20_000)])
        print("switched" if switched else "in WAL", flush=True)
        time.sleep(60)
"""


def test_a_dispatcher_killed_mid_merge_leaves_the_store_as_before_the_merge(tmp_path):
    """SIGKILL in the middle of a merge's transaction, in the rollback journal: the next opening
    rolls the hot journal back, and the store is in WAL, whole, with what was committed."""
    db = tmp_path / "audit.db"
    child = subprocess.Popen([sys.executable, "-c", DIES_MID_MERGE, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "switched"
        assert (tmp_path / "audit.db-journal").stat().st_size > 0  # the transaction's hot journal
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    store = Store(db)
    try:
        assert journal_mode(store) == "wal"
        assert store.db.conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        assert store.db.conn.execute("select count(*) from audits").fetchone()[0] == 1
    finally:
        store.close()
