"""Per-site crawl state: bounds (pages, depth, attachments, bytes, wall time, failures in a row),
robots.txt, and the status the audit reports for the site (``ok``, ``partial``, ``unreachable``,
``blocked``) with its reason, in words an inspector understands."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from protego import Protego

from auditor.registry import Site
from auditor.spiders.urls import Prefix, TrapGuard


@dataclass
class SiteCrawl:
    site: Site
    max_pages: int
    max_depth: int
    max_attachments: int
    max_seconds: float
    traps: TrapGuard
    max_bytes: int = 0  # bytes of pages per site (0: no limit)
    max_failures: int = 0  # pages in a row that failed (5xx or no answer) before the site stops
    robots: Protego | None = None
    crawl_delay: float = 0.0
    seen: set[str] = field(default_factory=set)  # canonical URLs scheduled or stored (pages)
    attachments: set[str] = field(default_factory=set)
    started: float = field(default_factory=time.monotonic)
    status: str = "pending"
    reason: str = ""
    cut: list[str] = field(default_factory=list)  # why pages were left out: budget, depth ...
    trap_hits: int = 0
    probe: dict = field(default_factory=dict)  # the HTTP<->HTTPS probe of the home page
    robots_text: str = ""
    bytes: int = 0  # bytes of the pages fetched in this run
    failures_in_a_row: int = 0
    stopped: str = ""  # why the site's remaining requests are dropped ("" while it runs)
    pending: int = 0  # requests scheduled whose answer has not come back yet
    certificate: str = ""  # HTTPS: "valid", or what a browser would object to
    ipv6: dict = field(default_factory=dict)  # the host's IPv6 record (auditor/crawl/ipv6.py)

    @property
    def prefix(self) -> Prefix:
        return Prefix.of(self.site.url)

    def expired(self) -> bool:
        return self.max_seconds > 0 and time.monotonic() - self.started > self.max_seconds

    def stop_reason(self) -> str:
        """Why the site's remaining requests must be dropped, or "" while it may go on."""
        if not self.stopped and self.pending > 0 and self.expired():  # a finished site is not cut
            self.stop("time limit")
        return self.stopped

    def stop(self, why: str) -> None:
        if not self.stopped:
            self.stopped = why
            self.note_cut(why)

    def allowed_by_robots(self, url: str, token: str) -> bool:
        return self.robots is None or self.robots.can_fetch(url, token)

    def note_cut(self, why: str) -> None:
        if why not in self.cut:
            self.cut.append(why)

    def restore(self, stored_urls) -> None:
        """A resumed audit: the pages already stored count against the bounds and are not
        fetched again."""
        for url in stored_urls:
            if url not in self.seen:
                self.seen.add(url)
                self.traps.reason(url)  # counts its shape, as the first run did

    def admit_page(self, url: str, depth: int) -> bool:
        """May this page be scheduled? Records why not when a bound is the cause."""
        if url in self.seen:
            return False
        if self.stop_reason():
            return False
        if depth > self.max_depth:
            self.note_cut("depth limit")
            return False
        if len(self.seen) >= self.max_pages:
            self.note_cut("page budget")
            return False
        if self.traps.reason(url) is not None:
            self.trap_hits += 1
            return False
        self.seen.add(url)
        return True

    def admit_attachment(self, url: str) -> bool:
        if url in self.attachments or self.stop_reason():
            return False
        if len(self.attachments) >= self.max_attachments:
            self.note_cut("attachment budget")
            return False
        self.attachments.add(url)
        return True

    def count_bytes(self, size: int) -> None:
        self.bytes += size
        if self.max_bytes and self.bytes > self.max_bytes:
            self.stop("byte budget")

    def count_answer(self, failure: str = "") -> None:
        """A page came back: ``failure`` names a 5xx or network failure, "" a real answer.

        A site whose pages fail again and again (a 5xx storm, a server that only times out) is
        stopped after ``max_failures`` in a row instead of costing the audit a timeout per page.
        """
        if not failure:
            self.failures_in_a_row = 0
            return
        self.failures_in_a_row += 1
        if self.max_failures and self.failures_in_a_row >= self.max_failures:
            self.stop(f"{self.failures_in_a_row} pages in a row failed ({failure})")

    def final_status(self, stopped_by: str = "") -> tuple[str, str]:
        """The status for the report, once the crawl of the site is over.

        ``stopped_by`` names what ended the whole audit early (Ctrl-C, --max-time); a site
        with requests still pending then is ``partial`` for that reason.
        """
        if self.status in ("unreachable", "blocked"):
            return self.status, self.reason
        if self.status == "pending":
            if stopped_by or self.stopped:
                return "partial", f"{stopped_by or self.stopped} before the home page answered"
            return "unreachable", self.reason or "the home page was never fetched"
        why_partial = list(self.cut)
        if stopped_by and self.pending > 0:
            why_partial.insert(0, stopped_by)
        notes = [self.reason] + ([f"{self.trap_hits} trap URLs skipped"] if self.trap_hits else [])
        words = "; ".join(text for text in dict.fromkeys([*why_partial, *notes]) if text)
        return ("partial" if why_partial else "ok"), words
