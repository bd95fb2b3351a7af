"""Run ``auditor ARGS...`` in this process and write, as JSON to OUT, what the crawl's per-site
structures still hold when the crawl has ended (on ``spider_closed``, before the AuditFinisher
stores the sites left): the site ids in each of them.

    python tests/crawl_leftovers.py OUT.json audit sites.toml --db a.db ...

A crawl starts Twisted once per process, so tests run this in a child process.
"""

from __future__ import annotations

import asyncio
import json
import sys

from auditor.archive.recorder import WarcRecorder
from auditor.cli import main
from auditor.crawl import finish
from auditor.crawl.pipeline import AuditPipeline
from auditor.crawl.state import CrawlState


def leftovers(crawler) -> dict[str, list[str]]:
    state = CrawlState.of(crawler)
    timers = [handle for handle in asyncio.get_event_loop()._scheduled  # the event loop's own list
              if not handle.cancelled() and getattr(handle._callback, "__name__", "") == "_time_up"]
    return {
        "crawls": sorted(state.crawls),
        "warc_files": sorted(crawler.get_downloader_middleware(WarcRecorder).files),
        "judging_contexts": sorted(key[0] for key in state.engine._contexts),
        "rows_not_written": [row for row, _ in getattr(crawler.get_item_pipeline(AuditPipeline),
                                                       "finished_sites", ())],
        "time_limits": sorted(handle._args[0] for handle in timers),
    }


def run(out: str, args: list[str]) -> None:
    store_the_rest = finish.AuditFinisher.spider_closed

    def spider_closed(finisher, spider, reason):
        with open(out, "w", encoding="utf-8") as file:
            json.dump(leftovers(finisher.crawler), file)
        return store_the_rest(finisher, spider, reason)

    finish.AuditFinisher.spider_closed = spider_closed
    main.main(args, standalone_mode=False)


if __name__ == "__main__":
    run(sys.argv[1], sys.argv[2:])
