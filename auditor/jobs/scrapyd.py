"""Jobs on Scrapyd nodes (``auditor audit --scrapyd URL [--scrapyd URL ...]``).

* Deploy: the project's egg (its metadata and the ``scrapy`` entry point naming
  ``auditor.crawl.settings``; the code is the auditor installed on the node) is posted to each
  node's ``addversion.json``, as scrapyd-client does.
* Schedule: a job goes to a node only when its ``daemonstatus.json`` shows nothing pending and a
  process free (fewer running than ``slots``, the node's ``max_proc``): Scrapyd's own queue is
  unfair and grows without bound, so the queue stays in the audit's store.
* Follow: ``listjobs.json``; a job listed finished has ended (well or not: its shard says).
  A node that does not answer has lost its jobs: they run again on another node.
* Shards come back through a folder both sides reach (``--shards DIR``, a shared mount).
"""

from __future__ import annotations

import io
import json
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from auditor.jobs.worker import job_settings

PROJECT = "vngov-auditor"
DEAD_FOR_SECONDS = 30  # a node that failed to answer is not asked again before this


@dataclass
class Node:
    url: str
    slots: int
    jobs: dict[str, int] = field(default_factory=dict)  # Scrapyd job id -> our job id
    dead_until: float = 0.0

    def alive(self) -> bool:
        return time.monotonic() >= self.dead_until


def build_egg(version: str) -> bytes:
    """The project's egg for Scrapyd: its metadata and the ``scrapy`` entry point naming the
    settings module. The code itself is the auditor installed on the node (the same release):
    Scrapyd imports eggs from the zip, where the rule packs and templates, read from the file
    system, would not be found."""
    from auditor.crawl import settings

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as egg:
        egg.writestr("EGG-INFO/PKG-INFO", f"Metadata-Version: 1.1\nName: {PROJECT}\n"
                                          f"Version: {settings.AUDITOR_VERSION}+{version}\n")
        egg.writestr("EGG-INFO/entry_points.txt", "[scrapy]\nsettings = auditor.crawl.settings\n")
        egg.writestr("EGG-INFO/zip-safe", "")
    return buffer.getvalue()


class ScrapydNodes:
    poll_seconds = 1.0

    def __init__(self, urls: list[str], slots: int = 1, timeout: float = 10):
        self.nodes = [Node(url.rstrip("/"), slots) for url in urls]
        self.timeout = timeout
        self.tried: dict[int, set[str]] = {}  # job id -> nodes it ran on
        self.version = ""
        self._free: dict[str, int] = {}  # node URL -> free slots, as of the last free()
        self.pending_failures: list[tuple[int, str]] = []  # jobs a node refused to schedule

    # -- HTTP ----------------------------------------------------------------------------
    def _call(self, node: Node, endpoint: str, fields: list[tuple[str, str]] | None = None,
              egg: bytes | None = None) -> dict:
        url = f"{node.url}/{endpoint}"
        if egg is not None:
            boundary = uuid.uuid4().hex
            body = b"".join(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
                for name, value in fields or []) + (
                f'--{boundary}\r\nContent-Disposition: form-data; name="egg"; filename="project.egg"\r\n'
                f"Content-Type: application/octet-stream\r\n\r\n").encode() + egg + f"\r\n--{boundary}--\r\n".encode()
            request = urllib.request.Request(url, data=body, headers={
                "Content-Type": f"multipart/form-data; boundary={boundary}"})
        elif fields is not None:
            request = urllib.request.Request(url, data=urllib.parse.urlencode(fields).encode())
        else:
            request = urllib.request.Request(url)
        with urllib.request.urlopen(request, timeout=self.timeout) as response:
            answer = json.loads(response.read().decode("utf-8"))
        if answer.get("status") != "ok":
            raise RuntimeError(f"{url}: {answer.get('message', answer)}")
        return answer

    def _lost(self, node: Node, error: Exception) -> list[tuple[int, str]]:
        """The node did not answer: its jobs are lost (they run again elsewhere)."""
        node.dead_until = time.monotonic() + DEAD_FOR_SECONDS
        lost = [(job_id, f"Scrapyd node {node.url} stopped answering ({error})")
                for job_id in node.jobs.values()]
        node.jobs.clear()
        return lost

    # -- the backend the dispatcher drives ---------------------------------------------------
    def deploy(self, egg: bytes | None = None) -> None:
        self.version = str(int(time.time()))
        egg = egg if egg is not None else build_egg(self.version)
        for node in self.nodes:
            try:
                self._call(node, "addversion.json", [("project", PROJECT), ("version", self.version)], egg)
            except (OSError, RuntimeError, ValueError) as error:
                self._lost(node, error)
        if not any(node.alive() for node in self.nodes):
            raise RuntimeError("no Scrapyd node took the project: " + ", ".join(n.url for n in self.nodes))

    def _free_slots(self, node: Node) -> int:
        if not node.alive():
            return 0
        try:
            status = self._call(node, "daemonstatus.json")
        except (OSError, RuntimeError, ValueError):
            return 0  # ended() will find out and requeue its jobs
        if status.get("pending", 0):
            return 0
        return max(0, node.slots - status.get("running", 0))

    def capacity(self) -> int:
        """Slots the jobs are planned for (auditor/jobs/plan.py): every node's processes."""
        return sum(node.slots for node in self.nodes)

    def free(self) -> int:
        self._free = {node.url: self._free_slots(node) for node in self.nodes}
        return sum(self._free.values())

    def start(self, job_id: int, job_file: str) -> str:
        tried = self.tried.setdefault(job_id, set())
        candidates = [node for node in self.nodes if self._free.get(node.url, 0) > 0]
        node = min(candidates, key=lambda n: (n.url in tried, len(n.jobs)))  # another node first
        job = json.loads(Path(job_file).read_text(encoding="utf-8"))
        fields = [("project", PROJECT), ("spider", "shard"), ("_version", self.version),
                  ("job", str(Path(job_file).resolve()))]
        fields += [("setting", f"{name}={value if isinstance(value, str) else json.dumps(value)}")
                   for name, value in job_settings(job).items()]
        self._free[node.url] -= 1
        tried.add(node.url)
        try:
            answer = self._call(node, "schedule.json", fields)
        except (OSError, RuntimeError, ValueError) as error:
            self.pending_failures.append((job_id, f"Scrapyd node {node.url} refused the job ({error})"))
            return node.url
        node.jobs[answer["jobid"]] = job_id
        return f"{node.url} {answer['jobid']}"

    def ended(self) -> list[tuple[int, str]]:
        done, self.pending_failures = list(self.pending_failures), []
        for node in self.nodes:
            if not node.jobs:
                continue
            try:
                listing = self._call(node, f"listjobs.json?project={PROJECT}")
            except (OSError, RuntimeError, ValueError) as error:
                done += self._lost(node, error)
                continue
            for entry in listing.get("finished", []):
                job_id = node.jobs.pop(entry["id"], None)
                if job_id is not None:
                    done.append((job_id, ""))
        return done

    def stop(self) -> None:
        for node in self.nodes:
            for scrapyd_job in list(node.jobs):
                try:
                    self._call(node, "cancel.json", [("project", PROJECT), ("job", scrapyd_job)])
                except (OSError, RuntimeError, ValueError):
                    pass
            node.jobs.clear()
