"""The ``portal`` spider: crawls every site of a registry at once, politely, and yields facts.

For each site: robots.txt first (once per host, read with Protego; its Crawl-delay binds the
host's download slot, which the sites under the host share in turns: auditor/crawl/hosts.py
and fair_queue.py), then the home page, then links within the site's URL prefix, breadth first, within the
site's bounds. Attachments are checked with HEAD, never downloaded. Every fetched page is
yielded as a PageFacts item; the spider judges nothing (rules do, from the facts).

Hostile and broken sites (docs/robustness.md): every answer, or the lack of one, becomes a page
record or a site status that says what happened; bodies are decoded whatever their charset
(``charset.py``), cut at the size cap rather than lost (``auditor/crawl/size_cap.py``), and a
site that fails page after page is stopped so that the others go on.

Run it through the CLI (``auditor audit``) or directly:
``scrapy crawl portal -a registry=sites.toml [-s AUDITOR_DB=audit.db]``.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime, timezone
from urllib.parse import urljoin, urlsplit, urlunsplit

import scrapy
from lxml import etree
from protego import Protego
from scrapy.http import HtmlResponse, TextResponse, XmlResponse
from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy.utils.asyncio import call_later, create_looping_call

from auditor.content_types import HTML_TYPES
from auditor.archive.recorder import ARCHIVED_KEY
from auditor.crawl.backoff import REFUSED_KEY
from auditor.crawl.deadline import SiteStopped
from auditor.crawl.hosts import group_by_host, open_host_slots, robots_url, slot_key
from auditor.crawl.decode import DECODED_KEY
from auditor.crawl.scoped_redirect import STOP_KEY, RedirectRefused, describe
from auditor.crawl.site_window import HostWindows, scraping_sites
from auditor.crawl.state import CrawlState
from auditor.crawl.throttle import set_crawl_delay
from auditor.registry import Registry, load_registry
from auditor.spiders.charset import binary_kind, decode_html
from auditor.spiders.extract import extract
from auditor.spiders.facts import PageFacts
from auditor.spiders.failures import failure_reason
from auditor.spiders.outcomes import Reason
from auditor.spiders.outcomes import load as load_reason
from auditor.spiders.parse import page_root
from auditor.spiders.profiles import is_not_a_page
from auditor.spiders.sitecrawl import SiteCrawl
from auditor.spiders.scripts import SCRIPT_LIMIT, SIGNAL_LIMIT, scan_script
from auditor.spiders.sitemaps import SITEMAP_BYTES, declared_sitemaps, read_sitemap
from auditor.spiders.variant_diff import differences
from auditor.spiders.variants import LATE_EVIDENCE, VARIANTS, HeldPage
from auditor.spiders.urls import ATTACHMENT_EXTENSIONS, SKIPPED_EXTENSIONS, canonical, extension

__all__ = ["PortalSpider", "failure_reason"]

logger = logging.getLogger(__name__)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class PortalSpider(scrapy.Spider):
    name = "portal"

    def __init__(self, registry: Registry | str | None = None, audit_id: int | None = None,
                 resume: dict | None = None,
                 resume_urls: dict[str, list[tuple[str, int]]] | None = None, **kwargs):
        super().__init__(**kwargs)
        if registry is None:
            raise ValueError("the portal spider needs a registry: -a registry=sites.toml")
        self._inputs = {
            "registry": registry if isinstance(registry, Registry) else load_registry(registry),
            "audit_id": int(audit_id) if audit_id else None,
            "resume": resume or {}, "resume_urls": resume_urls or {},
        }
        self.state: CrawlState | None = None  # the crawl's shared state (auditor/crawl/state.py)
        self.windows: HostWindows | None = None  # the sites of each host crawling now (site_window.py)
        self._turns = None  # the looping call that hands finished sites' places on

    def crawl_inputs(self) -> dict:
        """The spider's arguments, handed to the crawl's state when Scrapy creates it."""
        return self._inputs

    @property
    def registry(self) -> Registry:
        return self._inputs["registry"]

    @property
    def robots_token(self) -> str:
        return self.settings.get("AUDITOR_ROBOTS_TOKEN")

    async def start(self):
        self.state = CrawlState.of(self.crawler)
        if self.state is None:
            raise RuntimeError("the portal spider needs the auditor.crawl.state.CrawlState extension")
        for crawl in self.state.crawls.values():
            crawl.started = time.monotonic()  # robots.txt counts against the site's wall time
        urls = {site_id: crawl.site.url for site_id, crawl in self.state.crawls.items()}
        open_host_slots(self.crawler, urls.values())
        self._open_windows()
        for site_ids in group_by_host(urls).values():
            # robots.txt is the host's: read once for all its sites (auditor/crawl/hosts.py).
            crawl = self.state.crawls[site_ids[0]]
            yield self._request(crawl, robots_url(crawl.site.url), "robots", self.parse_robots,
                                self.robots_failed, dont_filter=True, priority=100,
                                meta={"host_sites": site_ids})

    def _request(self, crawl: SiteCrawl, url: str, role: str, callback, errback=None,
                 depth: int = 0, **kwargs) -> scrapy.Request:
        # "page_depth" is ours: Scrapy's own "depth" counts the robots.txt hop as well.
        meta = {"site": crawl.site.id, "role": role, "download_slot": slot_key(crawl.site.url),
                "page_depth": depth, **kwargs.pop("meta", {})}
        crawl.pending += 1
        return scrapy.Request(url, callback=callback, errback=errback or self.page_failed,
                              meta=meta, **kwargs)

    def _answered(self, meta) -> SiteCrawl:
        return self.state.answered(meta["site"])

    def _time_up(self, site_id: str) -> None:
        self.state.site_stop_reason(site_id)  # past its wall time: stop it now, not at its next request

    # -- robots.txt ---------------------------------------------------------------------
    def parse_robots(self, response):
        self._answered(response.meta)
        text, robots = "", None
        if response.status == 200 and isinstance(response, TextResponse):
            text = response.text[:100_000]
            robots = Protego.parse(text)
        # 4xx: no robots.txt, everything is allowed. A 5xx robots.txt would mean "disallow all"
        # to Google; we read it as allowing all, since the home page will show whether the
        # site is up at all.
        site_ids = response.meta["host_sites"]
        for site_id in site_ids:
            crawl = self.state.crawls[site_id]
            crawl.robots_text, crawl.robots = text, robots
        yield from self._begin_sites(self.windows.enqueue(self._host_of(site_ids), site_ids))

    def robots_failed(self, failure):
        self._answered(failure.request.meta)
        site_ids = failure.request.meta["host_sites"]
        yield from self._begin_sites(self.windows.enqueue(self._host_of(site_ids), site_ids))

    # -- the window of active sites per host (auditor/crawl/site_window.py) -------------
    def _open_windows(self) -> None:
        self.windows = HostWindows(self.settings.getint("AUDITOR_HOST_ACTIVE_SITES"))
        self.crawler.signals.connect(self._keep_open, signal=signals.spider_idle)
        self.crawler.signals.connect(self._close_windows, signal=signals.spider_closed)
        self._turns = create_looping_call(self._hand_on_turns)
        self._turns.start(0.1, now=False)

    def _host_of(self, site_ids: list[str]) -> str:
        return slot_key(self.state.crawls[site_ids[0]].site.url)

    def _begin_sites(self, site_ids: list[str]) -> list[scrapy.Request]:
        """The first requests of these sites, made now: a begun site has requests in flight
        at once, so it cannot look finished before they are scheduled."""
        return [request for site_id in site_ids for request in self._begin_site(self.state.crawls[site_id])]

    def _hand_on_turns(self) -> None:
        """Each finished site's place goes to the next waiting site of its host."""
        if self.state.stopping or self.state.closing:
            self.windows.drop_waiting()
            return
        reading = scraping_sites(self.crawler)
        for site_id in self.windows.crawling():
            crawl = self.state.crawls[site_id]
            if crawl.pending <= 0 and site_id not in reading:
                self.state.finish_site(site_id)  # its result is stored, its crawl state dropped
                for request in self._begin_sites(self.windows.finish(site_id)):
                    self.crawler.engine.crawl(request)

    def _keep_open(self) -> None:
        if self.windows.has_waiting() and not self.state.stopping:
            self._hand_on_turns()
            raise DontCloseSpider  # sites of a host still wait their turn

    def _close_windows(self) -> None:
        if self._turns is not None and self._turns.running:
            self._turns.stop()

    def _begin_site(self, crawl: SiteCrawl):
        crawl.started = time.monotonic()  # the wall-time budget starts with the site's first page
        if crawl.max_seconds > 0:
            crawl.time_limit = call_later(crawl.max_seconds + 0.01, self._time_up, crawl.site.id)
        home = canonical(crawl.site.url)
        if not crawl.allowed_by_robots(home, self.robots_token):
            crawl.status, crawl.reason = "blocked", Reason("robots-disallows")
            return
        if crawl.robots is not None:
            delay = crawl.robots.crawl_delay(self.robots_token)
            if delay:
                crawl.crawl_delay = float(delay)
                set_crawl_delay(self.crawler, slot_key(crawl.site.url), crawl.crawl_delay)
        resumed = self.state.resume.get(crawl.site.id)
        if resumed is not None and resumed.home is not None:
            # A resumed audit with the home page stored: judge the site from its row.
            home_row = resumed.home
            crawl.judge_home(home_row["status"] or 0, load_reason(home_row["error"]))
            if crawl.status == "ok":
                yield from self._after_home(crawl)
            return
        crawl.seen.add(home)
        crawl.traps.reason(home)
        yield self._request(crawl, home, "page", self.parse, self.home_failed,
                            meta={"home": True}, dont_filter=True, priority=50)

    def _after_home(self, crawl: SiteCrawl):
        """Once the home page answered: a resumed frontier, the sitemap, the scheme probe."""
        resumed = self.state.resume.get(crawl.site.id)
        for url, depth, found_on in (resumed.frontier if resumed is not None else ()):
            yield from self._consider_link(crawl, url, depth, found_on)
        for url, depth in self.state.resume_urls.get(crawl.site.id, ()):
            yield from self._consider_link(crawl, url, depth, "")
        base = crawl.site.url if crawl.site.url.endswith("/") else crawl.site.url + "/"
        sitemap = canonical(urljoin(base, "sitemap.xml"))
        crawl.sitemaps.add(sitemap)  # fetched as a page (SEC-012 reads it), and read as a sitemap
        if crawl.admit_page(sitemap, 1):
            yield self._request(crawl, sitemap, "page", self.parse, depth=1)
        for declared in declared_sitemaps(crawl.robots_text, crawl.site.url):
            yield from self._sitemap_request(crawl, declared)
        yield self._scheme_probe(crawl)

    def _scheme_probe(self, crawl: SiteCrawl) -> scrapy.Request:
        """Ask the other scheme: does http:// redirect to https://, does https:// exist?"""
        parts = urlsplit(crawl.site.url)
        other = "https" if parts.scheme == "http" else "http"
        netloc = parts.hostname if parts.port is None else parts.netloc
        url = urlunsplit((other, netloc, parts.path or "/", "", ""))
        return self._request(crawl, url, "probe", self.parse_probe, self.probe_failed,
                             meta={"dont_redirect": True, "handle_httpstatus_all": True,
                                   "dont_retry": True},
                             dont_filter=True)

    def parse_probe(self, response):
        crawl = self._answered(response.meta)
        crawl.probe = {"url": response.url, "status": response.status,
                       "location": (response.headers.get("Location") or b"").decode("latin-1")}

    def probe_failed(self, failure):
        crawl = self._answered(failure.request.meta)
        # The probe is evidence a finding quotes (TEC-001), in the wording of record.
        crawl.probe = {"url": failure.request.url, "status": 0, "error": str(failure_reason(failure))}

    # -- pages --------------------------------------------------------------------------
    def parse(self, response):
        meta = response.meta
        crawl = self._answered(meta)
        crawl.seen.add(canonical(response.url))  # after a redirect, the target is seen too
        crawl.count_bytes(len(response.body))
        self.state.site_stop_reason(crawl.site.id)  # over its byte budget: drop what waits
        facts = self._facts_of(crawl, response)
        if meta.get("home"):
            crawl.judge_home(response.status, facts.error, meta.get(REFUSED_KEY),
                             empty=not response.body.strip())
            if crawl.status == "ok":
                yield from self._after_home(crawl)
        answered = 200 <= response.status < 300 and not facts.error
        if meta.get("from_sitemap"):
            facts.sitemap_only = canonical(facts.url) in crawl.sitemap_only
        # The sample is taken before the page's links: the home page's variants come first.
        sampled = crawl.admit_variants(facts.depth, facts.kind, facts.is_html and answered)
        if facts.is_html and answered:
            yield from self._follow(crawl, facts, meta.get("page_depth", 0))
        if answered and canonical(facts.url) in crawl.sitemaps:  # /sitemap.xml, whatever its type
            yield from self._read_sitemap(crawl, response.body, response.url)
        if sampled:
            yield from self._variant_requests(crawl, facts)
        yield facts

    def _facts_of(self, crawl: SiteCrawl, response) -> PageFacts:
        meta = response.meta
        content_type_header = (response.headers.get("Content-Type") or b"").decode("latin-1")
        content_type = content_type_header.split(";")[0].strip().lower()
        chain = meta.get("redirect_urls", [])
        facts = PageFacts(
            site=crawl.site.id, url=chain[0] if chain else response.url,
            final_url=response.url, status=response.status, content_type=content_type,
            depth=meta.get("page_depth", 0), redirects=[*chain, response.url] if chain else [],
            bytes=len(response.body), truncated=bool(meta.get("size_capped")), fetched_at=_now(),
        )
        for name, value in meta.get(ARCHIVED_KEY, {}).items():
            setattr(facts, name, value)  # where its answer was archived (auditor/archive/)
        stopped = meta.get(STOP_KEY)
        if stopped is not None:
            hops = [*chain, response.url]
            facts.redirects = [*hops, stopped["target"]]
            message = describe(stopped["kind"], stopped["target"], hops, stopped["via"])
            if stopped["via"] == "location":  # a 3xx: there is no page to read
                if stopped["kind"] == "seen":
                    facts.final_url = stopped["target"]
                else:
                    facts.error = message
                return facts
            if stopped["kind"] == "private":
                facts.error = message
                return facts
        if isinstance(response, HtmlResponse) or (
                isinstance(response, TextResponse) and content_type in HTML_TYPES):
            self._read_html(facts, response, content_type_header)
        elif isinstance(response, XmlResponse) or content_type.endswith("xml"):
            facts.title = "sitemap" if response.url.endswith("sitemap.xml") else ""
        return facts

    @staticmethod
    def _read_html(facts: PageFacts, response, content_type_header: str) -> None:
        """Decode (any charset, NFC), parse (lxml, recovering) and extract the page's facts."""
        body = response.body
        kind = binary_kind(body)
        if kind:
            facts.error = Reason("binary", {"content_type": facts.content_type, "kind": kind})
            return
        meta = response.request.meta if response.request is not None else {}
        decoded = meta.get(DECODED_KEY) or decode_html(body, content_type_header)
        facts.encoding = decoded.note
        facts.is_html = True
        try:
            root = page_root(decoded, body, response.url)
        except (ValueError, TypeError, etree.LxmlError) as error:
            facts.error, facts.is_html = Reason("unparsable", {"error": str(error)}), False
            return
        if root is None or not isinstance(getattr(root, "tag", None), str):
            return
        try:
            extract(facts, root, response.url)
        except Exception as error:  # noqa: BLE001 - a bug must not cost the audit the page
            logger.exception("fact extraction failed on %s", response.url)
            facts.error = Reason("extraction-failed", {"error": type(error).__name__})

    def _follow(self, crawl: SiteCrawl, facts: PageFacts, depth: int):
        for link in facts.links:
            yield from self._consider_link(crawl, link.url, depth + 1, facts.final_url)

    def _consider_link(self, crawl: SiteCrawl, url: str, depth: int, found_on: str,
                       from_sitemap: bool = False):
        """Schedule a link of the site's page (or an entry of its sitemap) if it is the site's
        and within its bounds."""
        if not url or not url.startswith(("http://", "https://")):
            return
        if not from_sitemap and crawl.sitemap_only:
            crawl.sitemap_only.discard(url)  # a page links to it: no doorway
        if url in crawl.seen or url in crawl.attachments:
            return  # already scheduled, as most links of a page are (menus, lists): no more checks
        if self.state.scope.owner(url) != crawl.site.id:
            return  # another site's page, or outside the registry: judged, not crawled
        ext = extension(url)
        if ext in ATTACHMENT_EXTENSIONS:
            if crawl.admit_attachment(url):
                yield self._request(crawl, url, "attachment", self.parse_attachment,
                                    self.attachment_failed, method="HEAD",
                                    meta={"found_on": found_on}, priority=-10)
            return
        if ext in SKIPPED_EXTENSIONS or is_not_a_page(url):
            return  # theme switches, print and save copies, feeds (spiders/cms/*.toml)
        if not crawl.allowed_by_robots(url, self.robots_token):
            return
        if crawl.admit_page(url, depth):
            if not from_sitemap:
                yield self._request(crawl, url, "page", self.parse, depth=depth)
                return
            # After the linked pages: a page that links to it is then likely read already.
            crawl.sitemap_only.add(url)
            yield self._request(crawl, url, "page", self.parse, depth=depth, priority=-20,
                                meta={"from_sitemap": True})

    # -- sitemaps (spiders/sitemaps.py) -------------------------------------------------
    def _sitemap_request(self, crawl: SiteCrawl, url: str):
        """A sitemap file of the site's host (robots.txt's, an index's entry), within bounds."""
        try:
            url = canonical(url)
        except ValueError:
            return
        if urlsplit(url).netloc != urlsplit(crawl.site.url).netloc or not crawl.admit_sitemap(url):
            return
        yield self._request(crawl, url, "sitemap", self.parse_sitemap, self.sitemap_failed,
                            meta={"download_maxsize": SITEMAP_BYTES}, priority=-5)

    def parse_sitemap(self, response):
        crawl = self._answered(response.meta)
        crawl.count_bytes(len(response.body))
        if 200 <= response.status < 300:
            yield from self._read_sitemap(crawl, response.body, response.url)

    def sitemap_failed(self, failure):
        self._answered(failure.request.meta)  # no sitemap there: nothing to read

    def _read_sitemap(self, crawl: SiteCrawl, body: bytes, url: str):
        kind, locs = read_sitemap(body, limit=crawl.max_pages)
        for loc in locs:
            try:
                loc = canonical(urljoin(url, loc))
            except ValueError:
                continue
            if kind == "sitemapindex":
                yield from self._sitemap_request(crawl, loc)
            else:
                yield from self._consider_link(crawl, loc, 1, url, from_sitemap=True)

    # -- variant fetches (spiders/variants.py, variant_diff.py) -------------------------
    def _variant_requests(self, crawl: SiteCrawl, facts: PageFacts):
        """The page again as each variant, and the site's script files it loads that no sampled
        page loaded before; what they show comes back as the page's late evidence (HeldPage)."""
        held = HeldPage.of(facts, len(VARIANTS))
        for variant in VARIANTS:
            yield self._request(crawl, facts.url, "variant", self.parse_variant, self.held_failed,
                                depth=facts.depth, headers=variant.headers(facts.url),
                                dont_filter=True, priority=10,
                                meta={"held": held, "variant": variant.name})
        host = urlsplit(crawl.site.url).netloc
        for script in facts.scripts:
            try:
                script = canonical(script)
            except ValueError:
                continue
            if urlsplit(script).netloc == host and crawl.allowed_by_robots(script, self.robots_token) \
                    and crawl.admit_script(script):
                held.waiting += 1
                yield self._request(crawl, script, "script", self.parse_script, self.held_failed,
                                    depth=facts.depth, priority=10, meta={"held": held})

    def parse_script(self, response):
        """A script file of the site, read as text like an inline script (spiders/scripts.py)."""
        crawl = self._answered(response.meta)
        crawl.count_bytes(len(response.body))
        held: HeldPage = response.meta["held"]
        if 200 <= response.status < 300:
            code = response.body[:SCRIPT_LIMIT].decode("utf-8", "replace")
            room = SIGNAL_LIMIT - len(held.late.script_signals)
            signals = scan_script(code, held.own.final_url)[:max(room, 0)]
            held.late.script_signals.extend({**signal, "script": response.url} for signal in signals)
        yield from self._held_answered(held)

    def parse_variant(self, response):
        crawl = self._answered(response.meta)
        crawl.count_bytes(len(response.body))
        yield from self._variant_answered(response.meta, self._facts_of(crawl, response))

    def held_failed(self, failure):
        request = failure.request
        crawl = self._answered(request.meta)
        if "variant" not in request.meta:  # a script file that did not come
            yield from self._held_answered(request.meta["held"])
            return
        other = None
        if isinstance(failure.value, RedirectRefused):  # sent off the site: what it was shown
            chain = request.meta.get("redirect_urls", [])
            other = PageFacts(site=crawl.site.id, url=chain[0] if chain else request.url,
                              final_url=failure.value.target, status=0,
                              redirects=[*chain, failure.value.target])
        yield from self._variant_answered(request.meta, other)

    @staticmethod
    def _variant_answered(meta, other: PageFacts | None):
        held: HeldPage = meta["held"]
        if other is not None:
            diff = differences(held.own, other, meta["variant"])
            if diff:
                held.late.variants.append(diff)
        yield from PortalSpider._held_answered(held)

    @staticmethod
    def _held_answered(held: HeldPage):
        held.waiting -= 1
        if held.waiting == 0 and (held.late.variants or held.late.script_signals):
            yield {"item": LATE_EVIDENCE, "site": held.late.site, "facts": held.late}

    def home_failed(self, failure):
        crawl = self.state.crawls[failure.request.meta["site"]]
        if isinstance(failure.value, RedirectRefused) and failure.value.kind == "off_site":
            crawl.status, crawl.reason = "ok", Reason("home-off-site", {"target": failure.value.target})
        elif not failure.check(SiteStopped):
            crawl.status, crawl.reason = "unreachable", failure_reason(failure)
        yield from self.page_failed(failure)

    def page_failed(self, failure):
        request = failure.request
        crawl = self._answered(request.meta)
        if failure.check(SiteStopped):
            return  # never fetched: the site was stopped; its status says why
        reason = failure_reason(failure)
        chain = request.meta.get("redirect_urls", [])
        yield PageFacts(site=crawl.site.id, url=chain[0] if chain else request.url,
                        final_url=request.url, status=0,
                        redirects=[*chain, request.url] if chain else [],
                        depth=request.meta.get("page_depth", 0), error=reason, fetched_at=_now())

    # -- attachments --------------------------------------------------------------------
    def parse_attachment(self, response):
        request = response.request
        crawl = self._answered(request.meta)
        if response.status in (405, 501) and request.method == "HEAD":
            # No HEAD here: ask for the first byte only, and cap the size in case the
            # server ignores Range.
            yield self._request(crawl, request.url, "attachment", self.parse_attachment,
                                self.attachment_failed, headers={"Range": "bytes=0-0"},
                                meta={"found_on": request.meta["found_on"],
                                      "download_maxsize": 1024 * 1024},
                                dont_filter=True, priority=-10)
            return
        length = response.headers.get("Content-Length")
        stopped = request.meta.get(STOP_KEY)
        yield {
            "item": "attachment", "site": request.meta["site"], "url": request.url,
            "found_on": request.meta["found_on"], "status": response.status,
            "content_type": (response.headers.get("Content-Type") or b"").decode("latin-1")[:100],
            "length": int(length) if length and length.isdigit() else None,
            "error": describe(stopped["kind"], stopped["target"]) if stopped else None,
        }

    def attachment_failed(self, failure):
        request = failure.request
        self._answered(request.meta)
        if failure.check(SiteStopped):
            return
        yield {
            "item": "attachment", "site": request.meta["site"], "url": request.url,
            "found_on": request.meta.get("found_on", ""), "status": 0, "content_type": "",
            "length": None, "error": failure_reason(failure),
        }
