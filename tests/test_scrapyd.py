"""`auditor audit --scrapyd URL --scrapyd URL`: two real Scrapyd nodes on 127.0.0.1 (the `scale`
extra), each with its own config and folders; one is killed with SIGKILL in the middle of a job,
whose job then runs on the other node; the audit equals the single-process one."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from auditing import cli, finish
from test_jobs import demo_registry, jobs_of, outcome, same_audit, single  # noqa: F401 (fixtures)

SCRAPYD = Path(sys.executable).with_name("scrapyd")
pytestmark = pytest.mark.skipif(not SCRAPYD.exists(),
                                reason="Scrapyd is not installed (pip install -e '.[scale]')")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_node(folder: Path) -> tuple[subprocess.Popen, str]:
    folder.mkdir(parents=True)
    port = free_port()
    (folder / "scrapyd.conf").write_text(
        "[scrapyd]\nbind_address = 127.0.0.1\n"
        f"http_port = {port}\nmax_proc = 1\npoll_interval = 0.2\n"
        "eggs_dir = eggs\nlogs_dir = logs\ndbs_dir = dbs\nitems_dir =\n", encoding="utf-8")
    process = subprocess.Popen([str(SCRAPYD), "--nodaemon", "--pidfile="], cwd=folder,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"{url}/daemonstatus.json", timeout=1):
                return process, url
        except OSError:
            assert process.poll() is None and time.monotonic() < deadline, "scrapyd did not start"
            time.sleep(0.1)


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        found += [int(child) for child in (task / "children").read_text().split()]
    return found


def running_jobs(url: str) -> int:
    with urllib.request.urlopen(f"{url}/listjobs.json?project=vngov-auditor", timeout=2) as answer:
        return len(json.loads(answer.read()).get("running", []))


def test_two_scrapyd_nodes_one_killed_mid_job_give_the_single_process_audit(
        demo_registry, single, tmp_path):
    nodes = [start_node(tmp_path / f"node{n}") for n in (1, 2)]
    killed = []
    try:
        db = tmp_path / "audit.db"
        dispatcher = cli("audit", demo_registry, "--db", db, "--out", tmp_path / "out", "--quiet",
                         "--scrapyd", nodes[0][1], "--scrapyd", nodes[1][1],
                         "--shards", tmp_path / "shards")
        victim, victim_url = nodes[0]
        deadline = time.monotonic() + 120
        while True:  # the first node's first job, once it runs: kill the node
            assert dispatcher.poll() is None and time.monotonic() < deadline, "no job ran on node 1"
            try:
                if running_jobs(victim_url):
                    break
            except OSError:
                pass
            time.sleep(0.1)
        killed = children(victim.pid)
        victim.send_signal(signal.SIGKILL)
        for pid in killed:  # its crawler too, as the machine going down would
            os.kill(pid, signal.SIGKILL)
        code, _, stderr, _ = finish(dispatcher, 300)
        assert code == 0, stderr[-3000:]
        jobs = jobs_of(db)
        assert all(job[0] == "merged" for job in jobs)
        moved = [job for job in jobs if job[1] == 2]
        assert len(moved) == 1 and victim_url in moved[0][2] and nodes[1][1] in moved[0][3]
        same_audit(outcome(db), single)
    finally:
        for process, _ in nodes:
            if process.poll() is None:
                process.terminate()
                process.wait(10)
