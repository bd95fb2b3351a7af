"""Run one tool as a child process and measure it: wall time, CPU time, peak and sampled RSS.

CPU time is user + system of the child and everything it waited for (``os.wait4``'s rusage of
the process tree); peak RSS is the child's ``ru_maxrss``. While the child runs, its current RSS
is sampled with a progress count (pages stored so far) so memory can be read at a given
number of pages.
"""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable


@dataclass
class Sample:
    seconds: float
    rss_mb: float
    progress: int  # pages done so far, when the caller can tell; -1 otherwise


@dataclass
class Run:
    name: str
    wall: float
    cpu: float  # user + system seconds of the process tree
    peak_rss_mb: float
    exit_code: int
    samples: list[Sample] = field(default_factory=list)
    machine_cpu: float = 0.0  # CPU seconds the whole machine was busy during the run
    server_cpu: float = 0.0  # filled by the caller: the server's CPU seconds during the run
    pages: int = 0  # filled by the caller: HTML pages fetched (from the server's log)
    requests: int = 0
    note: str = ""
    spacing: tuple = ()  # (median gap, 10th percentile gap, most requests to one site), from the log

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.wall if self.wall else 0.0

    @property
    def cpu_ms_per_page(self) -> float:
        return 1000 * self.cpu / self.pages if self.pages else 0.0

    @property
    def others_cpu(self) -> float:
        """Cores busy with other work on the machine (not the tool, not the server), on average."""
        other = self.machine_cpu - self.cpu - self.server_cpu
        return max(other, 0.0) / self.wall if self.wall else 0.0

    def rss_at(self, pages: int) -> float | None:
        """Current RSS when ``pages`` pages were first reached (None if never sampled there)."""
        for sample in self.samples:
            if sample.progress >= pages:
                return sample.rss_mb
        return None


def current_rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def machine_busy_seconds() -> float:
    """CPU seconds all cores have spent busy since boot (/proc/stat: everything but idle and iowait)."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    busy = sum(fields[:8]) - idle  # user nice system idle iowait irq softirq steal
    return busy / os.sysconf("SC_CLK_TCK")


def run_measured(name: str, command: list[str], log: Path, env: dict | None = None,
                 progress: Callable[[], int] | None = None, interval: float = 0.5,
                 timeout: float = 3600) -> Run:
    """Run ``command`` to its end (output to ``log``) and return what it cost."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        started, busy = time.monotonic(), machine_busy_seconds()
        child = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT,
                                 env={**os.environ, **(env or {})})
        samples: list[Sample] = []
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            elapsed = time.monotonic() - started
            if elapsed > timeout:
                child.kill()
                pid, status, usage = os.wait4(child.pid, 0)
                break
            samples.append(Sample(elapsed, current_rss_mb(child.pid), progress() if progress else -1))
            time.sleep(interval)
        wall = time.monotonic() - started
        busy = machine_busy_seconds() - busy
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    return Run(name=name, wall=wall, cpu=usage.ru_utime + usage.ru_stime,
               peak_rss_mb=usage.ru_maxrss / 1024, exit_code=child.returncode, samples=samples,
               machine_cpu=busy)
