"""A local worker: ``python -m auditor.jobs.worker`` runs many jobs at once in one reactor.

The dispatcher (auditor/jobs/local.py) writes one job file path a line to the worker's stdin;
the worker starts that job's crawl at once beside the others (one Scrapy crawler per job, each
writing its own shard) and answers one JSON line on stdout when the job's crawl has ended:
``{"job": PATH, "error": ""}``. A job waiting on its host's Crawl-delay costs the process next
to nothing, so one process overlaps many polite hosts, where a process per job serialised them.
When stdin closes (the dispatcher is done with this worker, or died), the worker finishes the
jobs it holds and exits.
"""

from __future__ import annotations

import gc
import json
import signal
import sys
import threading
from pathlib import Path

from auditor.jobs.shard import part_path


JOB_BATCH = 10  # pages a job buffers before a write (a lone crawl buffers AUDITOR_BATCH, 50)


def job_settings(job: dict) -> dict:
    """The settings a job's crawl runs with, whoever runs it (local worker or Scrapyd)."""
    return {**job["settings"], "AUDITOR_DB": str(part_path(job["shard"])),
            "AUDITOR_SITE_RULES": False, "AUDITOR_PROGRESS": False}


class JobServer:
    """The jobs one worker process runs: started from stdin's lines, answered on stdout."""

    def __init__(self, process, reactor, answers=sys.stdout):
        self.process, self.reactor, self.answers = process, reactor, answers
        self.running = 0
        self.stdin_open = True

    def start(self, job_file: str) -> None:
        from scrapy.crawler import Crawler

        from auditor.crawl.runner import crawl_settings
        from auditor.spiders.shard import ShardSpider

        self.running += 1
        try:
            job = json.loads(Path(job_file).read_text(encoding="utf-8"))
            part_path(job["shard"]).unlink(missing_ok=True)  # a fresh shard for every attempt
            settings = job_settings(job)
            # The worker froze its start-up once (below); a job's freeze would pin the others' objects.
            settings["AUDITOR_GC_FREEZE"] = False
            # Jobs share the process's memory: each buffers fewer pages before writing them.
            settings.setdefault("AUDITOR_BATCH", JOB_BATCH)
            crawler = Crawler(ShardSpider, crawl_settings(settings.pop("AUDITOR_DB"), settings))
            ended = self.process.crawl(crawler, job=job_file)
        except Exception as error:  # a job that cannot start must not take the others down
            self.answer(job_file, f"the job could not start: {error!r}")
            return
        ended.addCallbacks(lambda _: self.answer(job_file, ""),
                           lambda failure: self.failed(job_file, failure))

    def failed(self, job_file: str, failure) -> None:
        print(failure.getTraceback(), file=sys.stderr)  # into the worker's log
        self.answer(job_file, f"the crawl failed: {failure.value!r}")

    def answer(self, job_file: str, error: str) -> None:
        self.running -= 1
        try:
            self.answers.write(json.dumps({"job": job_file, "error": error}) + "\n")
            self.answers.flush()
        except (BrokenPipeError, ValueError):
            pass  # the dispatcher is gone; the sealed shard speaks for the job
        self.stop_when_done()

    def stdin_closed(self) -> None:
        self.stdin_open = False
        self.stop_when_done()

    def stop_when_done(self) -> None:
        if not self.stdin_open and not self.running:
            self.reactor.stop()


def read_jobs(server: JobServer, reactor, lines=sys.stdin) -> None:
    """In a thread: each line of stdin is a job for the reactor's thread to start."""
    for line in lines:
        if line.strip():
            reactor.callFromThread(server.start, line.strip())
    reactor.callFromThread(server.stdin_closed)


def main() -> int:
    from scrapy.crawler import CrawlerProcess
    from scrapy.settings import Settings
    from scrapy.utils.reactor import install_reactor

    import auditor.spiders.shard  # noqa: F401  (imported before the freeze below)
    from auditor.crawl import settings as default_settings

    # The dispatcher stops its workers with SIGTERM; a Ctrl-C reaches it, not each worker.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The process's own settings at the project's priority only: Scrapy merges them into each
    # job's crawler where it has nothing stronger, and each job sets its own (its shard, its pack).
    base = Settings()
    base.setmodule(default_settings, priority="project")
    install_reactor(base["TWISTED_REACTOR"])
    from twisted.internet import reactor

    process = CrawlerProcess(base)
    server = JobServer(process, reactor)
    threading.Thread(target=read_jobs, args=(server, reactor), daemon=True).start()
    gc.collect()
    gc.freeze()  # start-up's objects out of the collector's scans, once (auditor/crawl/gc_freeze.py)
    process.start(stop_after_crawl=False, install_signal_handlers=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
