"""Helpers of the hostile-site tests: write a registry, run `auditor audit` in a fresh process
(as cron would), and read what it stored."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from auditor.spiders.outcomes import load, record_text
from conftest import export

# Small timeouts and backoffs so that every hostile case ends in seconds; one process, as these
# tests are about one crawl's behaviour (the audit as jobs has its own: test_jobs.py).
FAST = ("--workers", "1", "-s", "DOWNLOAD_TIMEOUT=1.5", "-s", "RETRY_TIMES=1", "-s", "AUDITOR_BACKOFF_BASE=0.1",
        "-s", "AUDITOR_TLS_CHECK_TIMEOUT=2", "-s", "DNS_TIMEOUT=3")


def registry_for(*sites: tuple[str, str]) -> str:
    return "\n".join(f'[[site]]\nid = "{sid}"\nname = "Site {sid}"\nlevel = "xa"\nurl = "{url}"\n'
                     for sid, url in sites)


@dataclass
class Audited:
    result: subprocess.CompletedProcess
    seconds: float
    db: Path
    document: dict
    max_rss_mb: float  # the audit process's peak resident memory

    def site(self, site_id: str) -> dict:
        return next(site for site in self.document["sites"] if site["id"] == site_id)

    def pages(self, site_id: str) -> dict[str, dict]:
        """The site's stored pages by path (and query); a page's error (a coded reason) in the
        wording of record."""
        with sqlite3.connect(self.db) as conn:
            conn.row_factory = sqlite3.Row
            rows = conn.execute("select p.* from pages p join sites s on s.id = p.site_id "
                                "where s.key = ?", [site_id]).fetchall()
        return {_path(row["url"]): {**dict(row), "error": load(row["error"]) and record_text(load(row["error"]))}
                for row in rows}

    def query(self, sql: str, *args) -> list[tuple]:
        with sqlite3.connect(self.db) as conn:
            return conn.execute(sql, args).fetchall()


def _path(url: str) -> str:
    rest = url.split("://", 1)[1]
    return "/" + rest.split("/", 1)[1] if "/" in rest else "/"


def cli(*args) -> subprocess.Popen:
    """Start `auditor ARGS...` in a child process, its output piped (read it with finish)."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "COLUMNS": "200"}
    return subprocess.Popen([sys.executable, "-m", "auditor", *map(str, args)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(process: subprocess.Popen, timeout: float) -> tuple[int, str, str, float]:
    """Wait for a child as communicate() does, watching its peak memory meanwhile.

    Returns (exit code, stdout, stderr, peak RSS in MB); kills it past ``timeout`` seconds.
    """
    output = {}
    readers = [threading.Thread(target=lambda name=name, stream=stream: output.__setitem__(name, stream.read()))
               for name, stream in (("out", process.stdout), ("err", process.stderr))]
    for reader in readers:
        reader.start()
    deadline = time.monotonic() + timeout
    peak = 0.0
    while True:
        peak = max(peak, _high_water_mb(process.pid))
        pid, status, _ = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            process.kill()
            os.wait4(process.pid, 0)
            for reader in readers:
                reader.join()
            raise AssertionError(f"the audit did not end in {timeout} s:\n{output.get('err', '')[-3000:]}")
        time.sleep(0.05)
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait
    for reader in readers:
        reader.join()
    return process.returncode, output.get("out", ""), output.get("err", ""), peak


def _high_water_mb(pid: int) -> float:
    """The process's peak resident memory so far (VmHWM, counted from its exec, unlike
    ru_maxrss, which also counts the test process it was forked from)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


def audit(folder: Path, registry_text: str, *options: str, expect: int = 0,
          timeout: float = 120) -> Audited:
    """Run `auditor audit` on the registry in a child process, and read what it stored."""
    folder.mkdir(parents=True, exist_ok=True)
    registry = folder / "sites.toml"
    registry.write_text(registry_text, encoding="utf-8")
    db = folder / "audit.db"
    started = time.monotonic()
    process = cli("audit", registry, "--db", db, "--out", folder / "out", "--quiet", *options)
    code, stdout, stderr, rss = finish(process, timeout)
    seconds = time.monotonic() - started
    result = subprocess.CompletedProcess(process.args, code, stdout, stderr)
    assert code == expect, stderr[-3000:]
    return Audited(result, seconds, db, export(db), rss)
