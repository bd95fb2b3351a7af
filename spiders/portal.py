"""The ``portal`` spider: crawls every site of a registry at once, politely, and yields facts.

For each site: robots.txt first (Protego; its Crawl-delay sets the site's download slot),
then the home page, then links within the site's URL prefix, breadth first, within the
site's bounds. Attachments are checked with HEAD, never downloaded. Every fetched page is
yielded as a PageFacts item; the spider judges nothing (rules do, from the facts).

Run it through the CLI (``auditor audit``) or directly:
``scrapy crawl portal -a registry=sites.toml [-s AUDITOR_DB=audit.db]``.
"""

from __future__ import annotations

import time
from datetime import datetime, timezone
from urllib.parse import urljoin, urlsplit, urlunsplit

import scrapy
from protego import Protego
from scrapy.http import HtmlResponse, TextResponse, XmlResponse

from auditor.crawl.throttle import set_crawl_delay
from auditor.registry import Registry, load_registry
from auditor.spiders.extract import extract
from auditor.spiders.facts import PageFacts
from auditor.spiders.sitecrawl import SiteCrawl
from auditor.spiders.urls import (ATTACHMENT_EXTENSIONS, SKIPPED_EXTENSIONS, Scope, TrapGuard,
                                  canonical, extension)

HTML_TYPES = ("text/html", "application/xhtml+xml")


# Failure classes (Twisted's and Scrapy's own) by the reason the report gives for them.
_FAILURE_KINDS = (
    ("dns: the host name does not resolve", {"DNSLookupError", "CannotResolveHostError"}),
    ("refused: nothing listens on the port", {"ConnectionRefusedError", "DownloadConnectionRefusedError"}),
    ("timeout: no answer in time", {"TimeoutError", "TCPTimedOutError", "UserTimeoutError",
                                    "DownloadTimeoutError"}),
    ("cut: the page is larger than the size cap", {"DownloadCancelledError"}),
)


def failure_reason(failure) -> str:
    """A short, honest name for a network failure: dns, refused, timeout, tls, reset."""
    names = {cls.__name__ for cls in type(failure.value).__mro__}
    for reason, kinds in _FAILURE_KINDS:
        if names & kinds:
            return reason
    text = repr(failure.value)
    if "SSL" in text or "TLS" in text or "certificate" in text:
        return "tls: the secure connection failed"
    if names & {"ConnectionLost", "ConnectionDone", "ResponseNeverReceived", "ConnectError",
                "ResponseDataLossError", "DownloadFailedError", "ConnectionResetError"}:
        return "reset: the connection was closed"
    if "IgnoreRequest" in names:
        return str(failure.value) or "ignored"
    return f"error: {type(failure.value).__name__}"


class PortalSpider(scrapy.Spider):
    name = "portal"

    def __init__(self, registry: Registry | str | None = None, audit_id: int | None = None,
                 resume_urls: dict[str, list[tuple[str, int]]] | None = None, **kwargs):
        super().__init__(**kwargs)
        if registry is None:
            raise ValueError("the portal spider needs a registry: -a registry=sites.toml")
        self.registry = registry if isinstance(registry, Registry) else load_registry(registry)
        self.audit_id = int(audit_id) if audit_id else None
        self.resume_urls = resume_urls or {}
        self.scope = Scope({site.id: site.url for site in self.registry.sites})
        self.crawls: dict[str, SiteCrawl] = {}

    # -- set-up -------------------------------------------------------------------------
    def _site_crawl(self, site) -> SiteCrawl:
        settings = self.settings
        year = datetime.now().year
        return SiteCrawl(
            site=site,
            max_pages=settings.getint("AUDITOR_MAX_PAGES"),
            max_depth=settings.getint("AUDITOR_MAX_DEPTH"),
            max_attachments=settings.getint("AUDITOR_MAX_ATTACHMENTS"),
            max_seconds=settings.getfloat("AUDITOR_SITE_SECONDS"),
            traps=TrapGuard(max_per_shape=settings.getint("AUDITOR_MAX_PER_SHAPE"),
                            year_window=(1990, year + 2)),
        )

    @property
    def robots_token(self) -> str:
        return self.settings.get("AUDITOR_ROBOTS_TOKEN")

    async def start(self):
        for site in self.registry.sites:
            crawl = self.crawls[site.id] = self._site_crawl(site)
            parts = urlsplit(site.url)
            robots_url = urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))
            # Each site reads robots.txt itself (sites may share a host but not a slot).
            yield self._request(crawl, robots_url, "robots", self.parse_robots,
                                self.robots_failed, dont_filter=True, priority=100)

    def _request(self, crawl: SiteCrawl, url: str, role: str, callback, errback=None,
                 depth: int = 0, **kwargs) -> scrapy.Request:
        # "page_depth" is ours: Scrapy's own "depth" counts the robots.txt hop as well.
        meta = {"site": crawl.site.id, "role": role, "download_slot": f"site:{crawl.site.id}",
                "page_depth": depth, **kwargs.pop("meta", {})}
        return scrapy.Request(url, callback=callback, errback=errback or self.page_failed,
                              meta=meta, **kwargs)

    def site_expired(self, site_id: str) -> bool:
        crawl = self.crawls.get(site_id)
        if crawl is not None and crawl.expired():
            crawl.note_cut("time limit")
            return True
        return False

    # -- robots.txt ---------------------------------------------------------------------
    def parse_robots(self, response):
        crawl = self.crawls[response.meta["site"]]
        if response.status == 200 and isinstance(response, TextResponse):
            crawl.robots_text = response.text[:100_000]
            crawl.robots = Protego.parse(crawl.robots_text)
        elif 400 <= response.status < 500:
            crawl.robots = None  # no robots.txt: everything is allowed
        # A 5xx robots.txt would mean "disallow all" to Google; we read it as allowing all but
        # say so, since the home page answer will show whether the site is up at all.
        yield from self._begin_site(crawl)

    def robots_failed(self, failure):
        crawl = self.crawls[failure.request.meta["site"]]
        yield from self._begin_site(crawl)

    def _begin_site(self, crawl: SiteCrawl):
        crawl.started = time.monotonic()  # the wall-time budget starts with the site's first page
        home = canonical(crawl.site.url)
        if not crawl.allowed_by_robots(home, self.robots_token):
            crawl.status, crawl.reason = "blocked", "robots.txt disallows the site"
            return
        if crawl.robots is not None:
            delay = crawl.robots.crawl_delay(self.robots_token)
            if delay:
                crawl.crawl_delay = float(delay)
                set_crawl_delay(self.crawler, f"site:{crawl.site.id}", crawl.crawl_delay)
        crawl.seen.add(home)
        crawl.traps.reason(home)
        yield self._request(crawl, home, "page", self.parse, self.home_failed,
                            meta={"home": True}, dont_filter=True, priority=50)

    def _after_home(self, crawl: SiteCrawl):
        """Once the home page answered: the sitemap, the scheme probe, a resumed frontier."""
        for url, depth in self.resume_urls.get(crawl.site.id, ()):
            if crawl.admit_page(url, depth):
                yield self._request(crawl, url, "page", self.parse, depth=depth)
        base = crawl.site.url if crawl.site.url.endswith("/") else crawl.site.url + "/"
        sitemap = canonical(urljoin(base, "sitemap.xml"))
        if crawl.admit_page(sitemap, 1):
            yield self._request(crawl, sitemap, "page", self.parse, depth=1)
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
        crawl = self.crawls[response.meta["site"]]
        crawl.probe = {"url": response.url, "status": response.status,
                       "location": (response.headers.get("Location") or b"").decode("latin-1")}

    def probe_failed(self, failure):
        crawl = self.crawls[failure.request.meta["site"]]
        crawl.probe = {"url": failure.request.url, "status": 0, "error": failure_reason(failure)}

    # -- pages --------------------------------------------------------------------------
    def parse(self, response):
        meta = response.meta
        crawl = self.crawls[meta["site"]]
        if meta.get("home"):
            self._judge_home_answer(crawl, response)
            if crawl.status == "ok":
                yield from self._after_home(crawl)
        crawl.seen.add(canonical(response.url))  # after a redirect, the target is seen too
        facts = self._facts_of(crawl, response)
        if facts.is_html and 200 <= response.status < 300 and not facts.error:
            yield from self._follow(crawl, facts, meta.get("page_depth", 0))
        yield facts

    def _judge_home_answer(self, crawl: SiteCrawl, response) -> None:
        if response.status in (401, 403, 429):
            crawl.status, crawl.reason = "blocked", f"HTTP {response.status} on the home page"
        elif response.status >= 400:
            crawl.status, crawl.reason = "unreachable", f"HTTP {response.status} on the home page"
        else:
            crawl.status = "ok"
            off_site = response.meta.get("redirect_off_site")
            if off_site:
                crawl.reason = f"the home page redirects off the site to {off_site}"

    def _facts_of(self, crawl: SiteCrawl, response) -> PageFacts:
        meta = response.meta
        content_type = (response.headers.get("Content-Type") or b"").decode("latin-1").split(";")[0].strip().lower()
        redirects = meta.get("redirect_urls", [])
        facts = PageFacts(
            site=crawl.site.id, url=redirects[0] if redirects else response.url,
            final_url=response.url, status=response.status, content_type=content_type,
            depth=meta.get("page_depth", 0), redirects=[*redirects, response.url] if redirects else [],
            bytes=len(response.body), fetched_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        )
        if meta.get("redirect_off_site"):
            facts.error = f"redirect off the site to {meta['redirect_off_site']}"
        elif meta.get("redirect_refused"):
            facts.error = f"redirect to a private address refused: {meta['redirect_refused']}"
        elif isinstance(response, HtmlResponse) or (
                isinstance(response, TextResponse) and content_type in HTML_TYPES):
            facts.is_html = True
            try:
                root = response.selector.root
            except (ValueError, TypeError) as error:  # an unparsable body (binary as text/html)
                facts.error = f"unparsable HTML: {error}"
                facts.is_html = False
                return facts
            if root is not None and isinstance(getattr(root, "tag", None), str):
                extract(facts, root, response.url)
        elif isinstance(response, XmlResponse) or content_type.endswith("xml"):
            facts.title = "sitemap" if response.url.endswith("sitemap.xml") else ""
        return facts

    def _follow(self, crawl: SiteCrawl, facts: PageFacts, depth: int):
        for link in facts.links:
            url = link.url
            if not url or not url.startswith(("http://", "https://")):
                continue
            if url in crawl.seen or url in crawl.attachments:
                continue  # already scheduled, as most links of a page are (menus, lists): no more checks
            if self.scope.owner(url) != crawl.site.id:
                continue  # another site's page, or outside the registry: judged, not crawled
            ext = extension(url)
            if ext in ATTACHMENT_EXTENSIONS:
                if crawl.admit_attachment(url):
                    yield self._request(crawl, url, "attachment", self.parse_attachment,
                                        self.attachment_failed, method="HEAD",
                                        meta={"found_on": facts.final_url}, priority=-10)
                continue
            if ext in SKIPPED_EXTENSIONS:
                continue
            if not crawl.allowed_by_robots(url, self.robots_token):
                continue
            if crawl.admit_page(url, depth + 1):
                yield self._request(crawl, url, "page", self.parse, depth=depth + 1)

    def home_failed(self, failure):
        crawl = self.crawls[failure.request.meta["site"]]
        crawl.status, crawl.reason = "unreachable", failure_reason(failure)
        yield from self.page_failed(failure)

    def page_failed(self, failure):
        request = failure.request
        crawl = self.crawls[request.meta["site"]]
        reason = failure_reason(failure)
        yield PageFacts(site=crawl.site.id, url=request.url, final_url=request.url, status=0,
                        depth=request.meta.get("page_depth", 0), error=reason,
                        fetched_at=datetime.now(timezone.utc).isoformat(timespec="seconds"))

    # -- attachments --------------------------------------------------------------------
    def parse_attachment(self, response):
        request = response.request
        if response.status in (405, 501) and request.method == "HEAD":
            # No HEAD here: ask for the first byte only, and cap the size in case the
            # server ignores Range.
            crawl = self.crawls[request.meta["site"]]
            yield self._request(crawl, request.url, "attachment", self.parse_attachment,
                                self.attachment_failed, headers={"Range": "bytes=0-0"},
                                meta={"found_on": request.meta["found_on"],
                                      "download_maxsize": 1024 * 1024},
                                dont_filter=True, priority=-10)
            return
        length = response.headers.get("Content-Length")
        yield {
            "item": "attachment", "site": request.meta["site"], "url": request.url,
            "found_on": request.meta["found_on"], "status": response.status,
            "content_type": (response.headers.get("Content-Type") or b"").decode("latin-1")[:100],
            "length": int(length) if length and length.isdigit() else None, "error": "",
        }

    def attachment_failed(self, failure):
        request = failure.request
        yield {
            "item": "attachment", "site": request.meta["site"], "url": request.url,
            "found_on": request.meta.get("found_on", ""), "status": 0, "content_type": "",
            "length": None, "error": failure_reason(failure),
        }
