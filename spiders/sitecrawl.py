"""Per-site crawl state: bounds (pages, depth, attachments, wall time), robots.txt, and the status
the audit reports for the site (``ok``, ``partial``, ``unreachable``, ``blocked``) with its reason."""

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
    robots: Protego | None = None
    crawl_delay: float = 0.0
    seen: set[str] = field(default_factory=set)  # canonical URLs scheduled (pages)
    attachments: set[str] = field(default_factory=set)
    started: float = field(default_factory=time.monotonic)
    status: str = "pending"
    reason: str = ""
    cut: list[str] = field(default_factory=list)  # why pages were left out: budget, depth ...
    trap_hits: int = 0
    probe: dict = field(default_factory=dict)  # the HTTP<->HTTPS probe of the home page
    robots_text: str = ""

    @property
    def prefix(self) -> Prefix:
        return Prefix.of(self.site.url)

    def expired(self) -> bool:
        return self.max_seconds > 0 and time.monotonic() - self.started > self.max_seconds

    def allowed_by_robots(self, url: str, token: str) -> bool:
        return self.robots is None or self.robots.can_fetch(url, token)

    def note_cut(self, why: str) -> None:
        if why not in self.cut:
            self.cut.append(why)

    def admit_page(self, url: str, depth: int) -> bool:
        """May this page be scheduled? Records why not when a bound is the cause."""
        if url in self.seen:
            return False
        if self.expired():
            self.note_cut("time limit")
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
        if url in self.attachments or self.expired():
            return False
        if len(self.attachments) >= self.max_attachments:
            self.note_cut("attachment budget")
            return False
        self.attachments.add(url)
        return True

    def final_status(self) -> tuple[str, str]:
        """The status for the report, once the crawl of the site is over."""
        if self.status in ("unreachable", "blocked"):
            return self.status, self.reason
        if self.status == "pending":
            return "unreachable", self.reason or "the home page was never fetched"
        reasons = list(self.cut)
        if self.trap_hits:
            reasons.append(f"{self.trap_hits} trap URLs skipped")
        if self.cut:
            return "partial", "; ".join(reasons)
        return "ok", "; ".join([self.reason, *reasons]).strip("; ")
