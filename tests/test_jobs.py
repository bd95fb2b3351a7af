"""The audit as jobs (auditor/jobs/): the demo province in two worker processes gives what one
process gives; shards are merged once and whole, a bad shard is refused and its job run again,
and a dispatcher killed mid-audit resumes."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import time

import pytest

from pathlib import Path

from auditing import cli
from auditor.app.audit import run_audit
from auditor.app.sharded import shards_beside
from auditor.demo.server import DEMO_ROOT, serve_province
from auditor.jobs.local import LocalWorkers, usable_cores
from auditor.jobs.plan import JOBS_PER_SLOT, plan_jobs
from auditor.jobs.queue import JobQueue
from auditor.jobs.shard import check_shard, merge_shard
from auditor.registry import Registry, Site, load_registry
from auditor.store.database import Store
from conftest import run_cli, sealed_shard, write_registry
from servers import html, serve
from stored_ranges import misplaced_rows


def outcome(db) -> dict:
    """What must not depend on how the audit ran: sites, pages and finding fingerprints."""
    with sqlite3.connect(db) as conn:
        sites = sorted(conn.execute("select key, crawl_status, pages from sites"))
        pages = sorted(conn.execute("select s.key, p.url, p.status from pages p"
                                    " join sites s on s.id = p.site_id"))
        links = conn.execute("select count(*) from links").fetchone()[0]
        findings = sorted(row[0] for row in conn.execute("select fingerprint from findings"))
        jobs = conn.execute("select count(*) from sqlite_master where name = 'jobs'").fetchone()[0]
        misplaced = misplaced_rows(conn)
    return {"sites": sites, "pages": pages, "links": links, "findings": findings, "jobs": jobs,
            "misplaced": misplaced}


@pytest.fixture(scope="module")
def demo_registry(tmp_path_factory):
    folder = tmp_path_factory.mktemp("province")
    with serve_province(DEMO_ROOT) as served:
        yield served.write_registry(folder / "sites.toml")


def audit(registry, folder, *options):
    db = folder / "audit.db"
    result = run_cli("audit", registry, "--db", db, "--out", folder / "out", "--quiet", *options)
    assert result.returncode == 0, result.stderr[-3000:]
    return db


@pytest.fixture(scope="module")
def single(demo_registry, tmp_path_factory):
    return outcome(audit(demo_registry, tmp_path_factory.mktemp("one"), "--workers", "1"))


def same_audit(sharded: dict, single: dict) -> None:
    assert sharded["sites"] == single["sites"]
    assert sharded["pages"] == single["pages"] and len(single["pages"]) > 20
    assert sharded["links"] == single["links"]
    assert sharded["findings"] == single["findings"] and single["findings"]
    assert sharded["misplaced"] == single["misplaced"] == 0  # each page's links where its row says


def jobs_of(db) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("select status, attempts, reason, node from jobs order by id").fetchall()


def test_two_workers_give_what_one_process_gives(demo_registry, single, tmp_path):
    (tmp_path / "two").mkdir()
    sharded_db = audit(demo_registry, tmp_path / "two", "--workers", "2")
    sharded = outcome(sharded_db)
    assert single["jobs"] == 0 and sharded["jobs"] == 1  # the second really ran as jobs
    same_audit(sharded, single)
    jobs = jobs_of(sharded_db)
    assert len(jobs) > 1 and all(job[:2] == ("merged", 1) for job in jobs)
    # Six hosts for two workers: bundled; every finding, the site rules' too, came from a shard.
    assert len(jobs) == 2 * JOBS_PER_SLOT
    with sqlite3.connect(sharded_db) as conn:
        shards = [row[0] for row in conn.execute("select shard from jobs")]
    assert sum(_count(shard, "findings") for shard in shards) == len(sharded["findings"])
    assert sum(_count(shard, "sites") for shard in shards) == len(sharded["sites"])


def _count(db, table: str) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute(f"select count(*) from {table}").fetchone()[0]


def tiny_registry(*urls: str) -> str:
    return "".join(f'[[site]]\nid = "xa-{n}"\nname = "UBND xã {n}"\nlevel = "xa"\nurl = "{url}"\n'
                   for n, url in enumerate(urls, 1))


def test_the_default_is_the_usable_cores_and_one_host_starts_no_worker(tmp_path):
    """Without --workers an audit takes the cores this process may use; a registry of one host
    (communes under their portal) and `auditor check` stay in their own process."""
    assert usable_cores() == len(os.sched_getaffinity(0))
    page = html("<html lang='vi'><title>UBND xã</title><body><p>Trang chủ</p></body></html>")
    with serve({}, fallback=lambda path: page) as one, serve({}, fallback=lambda path: page) as other:
        one_host = audit(write_registry(tmp_path, tiny_registry(one.url + "/a/", one.url + "/b/"), "one.toml"),
                         tmp_path / "one")
        two_hosts = audit(write_registry(tmp_path, tiny_registry(one.url + "/a/", other.url + "/"), "two.toml"),
                          tmp_path / "two")
        checked = tmp_path / "check.db"
        result = run_cli("check", one.url + "/a/", "--db", checked, "--no-report", "--quiet")
        assert result.returncode in (0, 1), result.stderr[-2000:]
    assert outcome(one_host)["jobs"] == 0 and not shards_beside(one_host).exists()
    assert outcome(checked)["jobs"] == 0 and not shards_beside(checked).exists()
    assert outcome(two_hosts)["jobs"] == (1 if usable_cores() > 1 else 0)  # two hosts, two jobs
    assert [site[1] for site in outcome(two_hosts)["sites"]] == ["ok", "ok"]


class TruncatingWorkers(LocalWorkers):
    """Real workers, but the first shard sealed loses its second half on disk."""

    def __init__(self, count, db):
        super().__init__(count)
        self.db, self.truncated = db, ""

    def ended(self):
        done = super().ended()
        if done and not self.truncated:
            with sqlite3.connect(self.db) as conn:
                shard = Path(conn.execute("select shard from jobs where id = ?", [done[0][0]]).fetchone()[0])
            with shard.open("r+b") as handle:
                handle.truncate(shard.stat().st_size // 2)
            self.truncated = shard.name
        return done


def test_a_truncated_shard_is_refused_and_its_job_run_again(demo_registry, single, tmp_path):
    db = tmp_path / "audit.db"
    workers = TruncatingWorkers(2, db)
    run_audit(load_registry(demo_registry), db, None, overrides={}, quiet=True, workers=workers)
    assert workers.truncated
    again = [job for job in jobs_of(db) if job[1] == 2]
    assert len(again) == 1 and again[0][0] == "merged"
    assert workers.truncated in again[0][2] and "truncated" in again[0][2]
    assert "holds no complete audit" not in again[0][2]
    same_audit(outcome(db), single)  # nothing of the refused shard was merged


class FailingWorkers(LocalWorkers):
    """Real workers, but every shard of the first job to end is lost: the job fails."""

    def __init__(self, count, db):
        super().__init__(count)
        self.db, self.doomed = db, None

    def ended(self):
        done = super().ended()
        for job_id, _ in done:
            self.doomed = self.doomed or job_id
            if job_id == self.doomed:
                with sqlite3.connect(self.db) as conn:
                    Path(conn.execute("select shard from jobs where id = ?", [job_id]).fetchone()[0]).unlink()
        return done


def test_a_failed_jobs_sites_end_unreachable_and_are_judged_by_the_dispatcher(demo_registry, tmp_path):
    """No shard judged them: the site rules run over them on the merged store."""
    db = tmp_path / "audit.db"
    workers = FailingWorkers(2, db)
    run_audit(load_registry(demo_registry), db, None, overrides={"AUDITOR_JOB_RETRIES": 0},
              quiet=True, workers=workers)
    with sqlite3.connect(db) as conn:
        failed = conn.execute("select sites, reason from jobs where status = 'failed'").fetchall()
        assert len(failed) == 1 and "no sealed shard" in failed[0][1]
        keys = json.loads(failed[0][0])
        marks = ", ".join("?" * len(keys))
        statuses = conn.execute(f"select distinct crawl_status from sites where key in ({marks})", keys).fetchall()
        judged = conn.execute(f"select f.rule from findings f join sites s on s.id = f.site_id"
                              f" where s.key in ({marks})", keys).fetchall()
        others = conn.execute(f"select count(*) from findings f join sites s on s.id = f.site_id"
                              f" where s.key not in ({marks})", keys).fetchone()[0]
    # Their shard is gone: their findings are the dispatcher's site rules (FRS-004: unreachable).
    assert statuses == [("unreachable",)] and ("FRS-004",) in judged
    assert others  # the other jobs' findings, from their shards


def test_a_truncated_shard_says_why(tmp_path):
    assert "no sealed shard" in check_shard(tmp_path / "missing.db", ["a"])


def test_a_sealed_shard_is_taken_only_whole_of_a_complete_audit_of_its_job(tmp_path):
    """The check reads the file once (its SHA-256) and a few rows: a byte changed in place,
    same size, is caught by the hash; other sites or an unfinished audit by the rows."""
    shard = sealed_shard(tmp_path, ["xa-1", "xa-2"])
    assert check_shard(shard, ["xa-2", "xa-1"]) == ""
    assert "other sites" in check_shard(shard, ["xa-1"])
    with shard.open("r+b") as handle:
        handle.seek(shard.stat().st_size // 2)
        byte = handle.read(1)
        handle.seek(-1, 1)
        handle.write(bytes([byte[0] ^ 0xFF]))
    assert "SHA-256" in check_shard(shard, ["xa-1", "xa-2"])
    unfinished = sealed_shard(tmp_path / "running", ["xa-1"], status="running")
    assert "no complete audit" in check_shard(unfinished, ["xa-1"])


def test_a_merge_keeps_foreign_keys_enforced_on_the_store(tmp_path):
    store = Store(tmp_path / "audit.db")
    try:
        registry = Registry(path="sites.toml", sites=[Site("xa-1", "UBND xa-1", "xa", "https://xa-1.gov.vn/")])
        audit_id = store.new_audit(registry, pack="", settings={}, version="test", pid=1)
        queue = JobQueue(store, audit_id)
        queue.add(plan_jobs(registry))
        job_id = queue.rows("pending")[0]["id"]
        assert merge_shard(store, audit_id, job_id, sealed_shard(tmp_path / "shards", ["xa-1"]))
        assert not merge_shard(store, audit_id, job_id, tmp_path / "shards" / "a1-j1-t1.db")  # once
        assert store.db.conn.execute("pragma foreign_keys").fetchone()[0] == 1
    finally:
        store.close()


def test_the_biggest_jobs_are_planned_first(tmp_path):
    sites = [Site("tinh", "UBND tỉnh", "tinh", "https://tinh.gov.vn/"),
             *(Site(f"xa-{n}", f"UBND xã {n}", "xa", f"https://xa.gov.vn/xa-{n}/") for n in range(3)),
             Site("so", "Sở", "so", "https://so.gov.vn/")]
    jobs = plan_jobs(Registry(path="sites.toml", sites=sites))
    assert [job.sites for job in jobs] == [("xa-0", "xa-1", "xa-2"), ("tinh",), ("so",)]


def test_many_hosts_are_bundled_whole_into_a_few_jobs_a_slot(tmp_path):
    """50 hosts for 2 slots: 4 jobs (JOBS_PER_SLOT), each of whole hosts, of even sizes."""
    sites = [Site(f"xa-{n}-{m}", f"UBND xã {n}", "xa", f"https://xa{n}.gov.vn/x{m}/")
             for n in range(50) for m in range(1 + n % 3)]  # hosts of 1, 2 and 3 sites
    registry = Registry(path="sites.toml", sites=sites)
    assert len(plan_jobs(registry)) == 50 and len(plan_jobs(registry, slots=30)) == 50  # one a host
    jobs = plan_jobs(registry, slots=2)
    assert len(jobs) == 2 * JOBS_PER_SLOT
    assert sorted(site for job in jobs for site in job.sites) == sorted(site.id for site in sites)
    for job in jobs:  # a host is never split: all its sites in one job
        hosts = {site.split("-")[1] for site in job.sites}
        assert all(f"xa-{host}-{m}" in job.sites for host in hosts for m in range(1 + int(host) % 3))
    sizes = [len(job.sites) for job in jobs]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] - sizes[-1] <= 1, sizes
    assert len({job.key for job in jobs}) == len(jobs) and all("hosts" in job.key for job in jobs)
    assert plan_jobs(registry, slots=2) == jobs  # the same plan every time (a resume re-plans nothing)


def test_a_dispatcher_killed_mid_audit_resumes_where_it_stopped(demo_registry, single, tmp_path):
    db = tmp_path / "audit.db"
    first = cli("audit", demo_registry, "--db", db, "--out", tmp_path / "out", "--quiet",
                "--workers", "2")
    deadline = time.monotonic() + 120
    while not any(job[0] == "merged" for job in _jobs_or_none(db)):
        assert first.poll() is None and time.monotonic() < deadline, "no job merged in time"
        time.sleep(0.2)
    first.send_signal(signal.SIGKILL)
    first.wait(10)
    merged_before = {index for index, job in enumerate(jobs_of(db)) if job[0] == "merged"}
    for status, _, _, node in jobs_of(db):  # its workers were orphaned: end them, as cron would not
        if status == "running" and node.startswith("local:"):
            _kill(int(node.split(":")[1]))
    result = run_cli("audit", "--resume", "--db", db, "--out", tmp_path / "out", "--quiet")
    assert result.returncode == 0, result.stderr[-3000:]
    jobs = jobs_of(db)
    assert all(job[0] == "merged" for job in jobs)
    assert all(jobs[index][1] == 1 for index in merged_before)  # merged once, never run again
    same_audit(outcome(db), single)


def _jobs_or_none(db) -> list[tuple]:
    try:
        return jobs_of(db)
    except sqlite3.Error:
        return []


def _kill(pid: int) -> None:
    import os

    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def test_one_worker_process_holds_many_jobs_at_once(tmp_path):
    """Jobs go to one process up to its share; it answers for each, here jobs that cannot start."""
    workers = LocalWorkers(1, jobs_per_worker=3)
    try:
        assert workers.free() == 3
        nodes = {workers.start(job_id, str(tmp_path / f"missing-{job_id}.job.json")) for job_id in (7, 8)}
        assert len(nodes) == 1 and workers.free() == 1  # both in the same process
        deadline, done = time.monotonic() + 60, []
        while len(done) < 2 and time.monotonic() < deadline:
            done += workers.ended()
            time.sleep(0.1)
        assert sorted(job_id for job_id, _ in done) == [7, 8]
        assert all("could not start" in why and "FileNotFoundError" in why for _, why in done)
        assert workers.free() == 3 and workers.workers[0].process.poll() is None  # still serving
    finally:
        workers.stop()
    assert not workers.workers


def test_a_worker_process_handed_its_share_ends_and_a_fresh_one_follows(tmp_path):
    workers = LocalWorkers(1, jobs_per_worker=2, recycle_after=2)
    try:
        first = {workers.start(job_id, str(tmp_path / f"missing-{job_id}.job.json")) for job_id in (1, 2)}
        assert workers.free() == 0  # it takes no more jobs, though it has slots
        deadline, done = time.monotonic() + 60, []
        while (len(done) < 2 or workers.workers) and time.monotonic() < deadline:
            done += workers.ended()
            time.sleep(0.1)
        assert sorted(job_id for job_id, _ in done) == [1, 2] and not workers.workers  # it ended, cleanly
        assert all("worker exited" not in why for _, why in done)
        assert workers.free() == 2 and workers.start(3, str(tmp_path / "missing-3.job.json")) not in first
    finally:
        workers.stop()
