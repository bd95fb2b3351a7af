"""Jobs in worker processes of this machine (``auditor audit --workers N``).

Each of the N processes (auditor/jobs/worker.py) runs up to ``jobs_per_worker`` jobs at once in
its reactor: a job paced by its host's Crawl-delay mostly waits, so many of them share a core.
A job goes to the process holding the fewest, so CPU-bound jobs spread over the cores. A process
that has been handed ``recycle_after`` jobs takes no more: it ends once its jobs have, and a
fresh one takes its place (the memory of a long audit's jobs is given back).
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class WorkerProcess:
    process: subprocess.Popen
    log: Path
    jobs: dict[str, int] = field(default_factory=dict)  # job file -> job id, still running
    handed: int = 0  # jobs handed to it in all
    answers: queue.Queue = field(default_factory=queue.Queue)  # its stdout's lines
    reader: threading.Thread | None = None

    @property
    def draining(self) -> bool:
        return self.process.stdin is None or self.process.stdin.closed

    def send(self, job_file: str) -> None:
        self.process.stdin.write(job_file + "\n")
        self.process.stdin.flush()

    def close_input(self) -> None:
        if not self.draining:
            try:
                self.process.stdin.close()
            except BrokenPipeError:
                pass

    def last_log_line(self) -> str:
        lines = self.log.read_text("utf-8", "replace").strip().splitlines() if self.log.exists() else []
        return lines[-1] if lines else ""


def usable_cores() -> int:
    """The cores this process may run on: its CPU affinity (a container's or taskset's share of
    the machine) where the system tells it, else every core of the machine."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # macOS and Windows have no affinity call
        return max(1, os.cpu_count() or 1)


def _read_answers(stream, answers: queue.Queue) -> None:
    for line in stream:  # until the process closes its stdout: it has ended
        answers.put(line)


@dataclass
class LocalWorkers:
    count: int
    jobs_per_worker: int = 1
    recycle_after: int = 200
    workers: list[WorkerProcess] = field(default_factory=list)

    def capacity(self) -> int:
        """Slots the jobs are planned for (auditor/jobs/plan.py): the processes, one a core;
        each runs its jobs at once."""
        return self.count

    def warm_up(self, folder: Path) -> None:
        """Start the N processes now: each imports the crawler while the dispatcher plans."""
        while len(self.workers) < self.count:
            self._spawn(Path(folder))

    def free(self) -> int:
        open_workers = [worker for worker in self.workers if not worker.draining]
        slots = (self.count - len(self.workers)) * self.jobs_per_worker
        return slots + sum(self.jobs_per_worker - len(worker.jobs) for worker in open_workers)

    def start(self, job_id: int, job_file: str) -> str:
        worker = self._worker_for(Path(job_file).parent)
        worker.jobs[job_file] = job_id
        worker.handed += 1
        try:
            worker.send(job_file)
        except (BrokenPipeError, OSError):
            pass  # the process died: ended() reports its jobs with why
        if worker.handed >= self.recycle_after:
            worker.close_input()
        return f"local:{worker.process.pid}"

    def _worker_for(self, folder: Path) -> WorkerProcess:
        """A new process while fewer than N run (jobs spread over cores), else the least busy."""
        if len(self.workers) < self.count:
            return self._spawn(folder)
        open_workers = [worker for worker in self.workers if not worker.draining]
        return min(open_workers, key=lambda worker: len(worker.jobs))

    def _spawn(self, folder: Path) -> WorkerProcess:
        log = folder / f"worker-{len(self.workers) + 1}-{id(self):x}.log"
        with log.open("ab") as stderr:  # a pipe could fill and block
            process = subprocess.Popen([sys.executable, "-m", "auditor.jobs.worker"],
                                       stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr,
                                       text=True, encoding="utf-8", bufsize=1)
        worker = WorkerProcess(process, log)
        worker.reader = threading.Thread(target=_read_answers, args=(process.stdout, worker.answers),
                                         daemon=True)
        worker.reader.start()
        self.workers.append(worker)
        return worker

    def ended(self) -> list[tuple[int, str]]:
        """Jobs that ended since the last call: (job id, "" or why it failed)."""
        done = []
        for worker in list(self.workers):
            exited = worker.process.poll() is not None
            if exited:
                worker.reader.join(5)  # its last answers
            done += self._answers(worker)
            if exited:
                why = f"worker exited with {worker.process.returncode}"
                last = worker.last_log_line()
                done += [(job_id, why + (f": {last}" if last else "")) for job_id in worker.jobs.values()]
                self.workers.remove(worker)
        return done

    @staticmethod
    def _answers(worker: WorkerProcess) -> list[tuple[int, str]]:
        done = []
        while not worker.answers.empty():
            answer = json.loads(worker.answers.get())
            job_id = worker.jobs.pop(answer["job"], None)
            if job_id is not None:
                done.append((job_id, answer["error"]))
        return done

    def stop(self) -> None:
        for worker in self.workers:
            worker.close_input()
            worker.process.terminate()
        for worker in self.workers:
            try:
                worker.process.wait(10)
            except subprocess.TimeoutExpired:
                worker.process.kill()
                worker.process.wait()
        self.workers.clear()
