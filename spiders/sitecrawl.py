"""Per-site crawl state: bounds (pages, depth, attachments, bytes, wall time, failures in a row),
robots.txt, and the status the audit reports for the site (``ok``, ``partial``, ``unreachable``,
``blocked``) with its reasons, as codes (spiders/outcomes.py)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime

from protego import Protego

from auditor.registry import Site
from auditor.spiders.outcomes import Reason
from auditor.spiders.urls import Prefix, TrapGuard
from auditor.spiders.variants import VARIANTS, VariantSample


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
    reason: Reason | None = None
    cut: list[Reason] = field(default_factory=list)  # why pages were left out: budget, depth ...
    trap_hits: int = 0
    probe: dict = field(default_factory=dict)  # the HTTP<->HTTPS probe of the home page
    robots_text: str = ""
    bytes: int = 0  # bytes of the pages fetched in this run
    failures_in_a_row: int = 0
    stopped: Reason | None = None  # why the site's remaining requests are dropped (None while it runs)
    pending: int = 0  # requests scheduled whose answer has not come back yet
    certificate: str = ""  # HTTPS: "valid", or what a browser would object to
    ipv6: dict = field(default_factory=dict)  # the host's IPv6 record (auditor/crawl/ipv6.py)
    # Hacked sites (issue 12): the pages fetched again as other visitors (spiders/variants.py)
    # and the site's own script files they load (spiders/scripts.py), which count against the
    # page budget (extra_fetches), and the sitemaps read (spiders/sitemaps.py).
    variant_sample: VariantSample = field(default_factory=lambda: VariantSample(0))
    extra_fetches: int = 0
    max_scripts: int = 0
    script_files: set[str] = field(default_factory=set)
    max_sitemaps: int = 0
    sitemaps: set[str] = field(default_factory=set)  # sitemap files scheduled
    sitemap_only: set[str] = field(default_factory=set)  # pages found in a sitemap, no link to them yet
    time_limit: object = None  # the call that stops the site at max_seconds (cancelled once it is over)

    @classmethod
    def from_settings(cls, site: Site, settings) -> "SiteCrawl":
        """A site's crawl with the audit's bounds (auditor/crawl/settings.py, AUDITOR_*)."""
        return cls(
            site=site,
            max_pages=settings.getint("AUDITOR_MAX_PAGES"),
            max_depth=settings.getint("AUDITOR_MAX_DEPTH"),
            max_attachments=settings.getint("AUDITOR_MAX_ATTACHMENTS"),
            max_seconds=settings.getfloat("AUDITOR_SITE_SECONDS"),
            max_bytes=settings.getint("AUDITOR_SITE_BYTES"),
            max_failures=settings.getint("AUDITOR_MAX_FAILURES"),
            variant_sample=VariantSample(settings.getint("AUDITOR_VARIANT_PAGES")),
            max_sitemaps=settings.getint("AUDITOR_MAX_SITEMAPS"),
            max_scripts=settings.getint("AUDITOR_MAX_SCRIPTS"),
            traps=TrapGuard(max_per_shape=settings.getint("AUDITOR_MAX_PER_SHAPE"),
                            year_window=(1990, datetime.now().year + 2)),
        )

    @property
    def prefix(self) -> Prefix:
        return Prefix.of(self.site.url)

    def expired(self) -> bool:
        return self.max_seconds > 0 and time.monotonic() - self.started > self.max_seconds

    def stop_reason(self) -> Reason | None:
        """Why the site's remaining requests must be dropped, or None while it may go on."""
        if not self.stopped and self.pending > 0 and self.expired():  # a finished site is not cut
            self.stop(Reason("time-limit"))
        return self.stopped

    def stop(self, why: Reason) -> None:
        if not self.stopped:
            self.stopped = why
            self.note_cut(why)

    def allowed_by_robots(self, url: str, token: str) -> bool:
        return self.robots is None or self.robots.can_fetch(url, token)

    def note_cut(self, why: Reason) -> None:
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
            self.note_cut(Reason("depth-limit"))
            return False
        if len(self.seen) + self.extra_fetches >= self.max_pages:
            self.note_cut(Reason("page-budget"))
            return False
        if self.traps.reason(url) is not None:
            self.trap_hits += 1
            return False
        self.seen.add(url)
        return True

    def admit_variants(self, depth: int, kind: str, html_ok: bool) -> bool:
        """Is this page fetched again as other visitors? Only within the sample and the page
        budget, which the variant fetches count against."""
        if self.stop_reason() or len(self.seen) + self.extra_fetches + len(VARIANTS) > self.max_pages:
            return False
        if not self.variant_sample.admit(depth, kind, html_ok):
            return False
        self.extra_fetches += len(VARIANTS)
        return True

    def admit_script(self, url: str) -> bool:
        """Is this script file of the site read (once per site, within bounds and the budget)?"""
        if url in self.script_files or len(self.script_files) >= self.max_scripts or self.stop_reason() \
                or len(self.seen) + self.extra_fetches >= self.max_pages:
            return False
        self.script_files.add(url)
        self.extra_fetches += 1
        return True

    def admit_sitemap(self, url: str) -> bool:
        if url in self.sitemaps or len(self.sitemaps) >= self.max_sitemaps or self.stop_reason():
            return False
        self.sitemaps.add(url)
        return True

    def release(self) -> None:
        """The site's crawl is over (auditor/crawl/site_window.py): drop what only served to
        schedule its requests. Its status, reasons, probe and robots.txt stay for the store."""
        self.seen, self.attachments = set(), set()
        self.script_files, self.sitemaps, self.sitemap_only = set(), set(), set()
        self.traps.shapes.clear()
        if self.time_limit is not None:
            self.time_limit.cancel()  # or the event loop holds the call (and the site's id) to the end
            self.time_limit = None

    def admit_attachment(self, url: str) -> bool:
        if url in self.attachments or self.stop_reason():
            return False
        if len(self.attachments) >= self.max_attachments:
            self.note_cut(Reason("attachment-budget"))
            return False
        self.attachments.add(url)
        return True

    def count_bytes(self, size: int) -> None:
        self.bytes += size
        if self.max_bytes and self.bytes > self.max_bytes:
            self.stop(Reason("byte-budget"))

    def count_answer(self, failure: dict | None = None) -> None:
        """A page came back: ``failure`` names a 5xx (``{"status": 503}``) or a network failure
        (``{"family": "timeout"}``), None a real answer.

        A site whose pages fail again and again (a 5xx storm, a server that only times out) is
        stopped after ``max_failures`` in a row instead of costing the audit a timeout per page.
        """
        if not failure:
            self.failures_in_a_row = 0
            return
        self.failures_in_a_row += 1
        if self.max_failures and self.failures_in_a_row >= self.max_failures:
            self.stop(Reason("failures-in-a-row", {"count": self.failures_in_a_row, **failure}))

    def judge_home(self, status: int, error: Reason | None, retry_after: float | None = None,
                   empty: bool = False) -> None:
        """The site's status from its home page's answer (or, resumed, from its stored row)."""
        if status == 0:
            self.status, self.reason = "unreachable", error or Reason("no-answer")
        elif status == 429:
            self.status = "blocked"
            self.reason = Reason("rate-limited", {"retry_after": retry_after} if retry_after else {})
        elif status in (401, 403):
            self.status, self.reason = "blocked", Reason("access-denied", {"status": status})
        elif status >= 500:
            self.status, self.reason = "unreachable", Reason("server-error", {"status": status})
        elif status >= 400:
            self.status, self.reason = "unreachable", Reason("home-http", {"status": status})
        else:
            self.status = "ok"
            if error is not None and error.code == "redirect" and error.params.get("kind") == "off_site" \
                    and error.params.get("via") != "refresh":  # a unit that moved, or merged
                self.reason = Reason("home-off-site", {"target": error.params["target"]})
            elif error is not None:
                self.reason = Reason("home-page", {"reason": error.to_dict()})
            elif empty:
                self.reason = Reason("home-empty")

    def final_status(self, stopped_by: Reason | None = None) -> tuple[str, list[Reason]]:
        """The status for the report, once the crawl of the site is over, with its reasons.

        ``stopped_by`` names what ended the whole audit early (Ctrl-C, --max-time); a site
        with requests still pending then is ``partial`` for that reason.
        """
        if self.status in ("unreachable", "blocked"):
            return self.status, [self.reason] if self.reason else []
        if self.status == "pending":
            if stopped_by or self.stopped:
                return "partial", [Reason("before-home", {"reason": (stopped_by or self.stopped).to_dict()})]
            return "unreachable", [self.reason or Reason("home-never-fetched")]
        why_partial = list(self.cut)
        if stopped_by and self.pending > 0:
            why_partial.insert(0, stopped_by)
        notes = [self.reason] + ([Reason("trap-urls", {"count": self.trap_hits})] if self.trap_hits else [])
        reasons = [reason for reason in dict.fromkeys([*why_partial, *notes]) if reason]
        return ("partial" if why_partial else "ok"), reasons
