"""Jobs in worker processes of this machine (``auditor audit --workers N``)."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class LocalWorkers:
    count: int
    running: dict[int, subprocess.Popen] = field(default_factory=dict)  # job id -> its worker
    logs: dict[int, Path] = field(default_factory=dict)

    def free(self) -> int:
        return self.count - len(self.running)

    def start(self, job_id: int, job_file: str) -> str:
        with Path(job_file).with_suffix(".log").open("wb") as log:  # a pipe could fill and block
            self.running[job_id] = subprocess.Popen(
                [sys.executable, "-m", "auditor.jobs.worker", job_file],
                stdout=subprocess.DEVNULL, stderr=log)
        self.logs[job_id] = Path(job_file).with_suffix(".log")
        return f"local:{self.running[job_id].pid}"

    def ended(self) -> list[tuple[int, str]]:
        """Jobs whose worker ended since the last call: (job id, "" or why it failed)."""
        done = []
        for job_id, process in list(self.running.items()):
            if process.poll() is None:
                continue
            del self.running[job_id]
            log = self.logs.pop(job_id)
            last = (log.read_text("utf-8", "replace").strip().splitlines() or [""])[-1]
            why = "" if process.returncode == 0 else \
                f"worker exited with {process.returncode}" + (f": {last}" if last else "")
            done.append((job_id, why))
        return done

    def stop(self) -> None:
        for process in self.running.values():
            process.terminate()
        for process in self.running.values():
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
        self.running.clear()
