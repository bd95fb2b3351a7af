"""Redirects are followed only within the site that asked for them, and never into a private
network.

Both kinds of redirect are judged here before Scrapy follows them: a 3xx ``Location`` (this
middleware's ``process_response`` runs before RedirectMiddleware's) and a ``<meta refresh>``
(before MetaRefreshMiddleware's). A redirect is not followed, and the page records why, when it
goes:

* from a site on a public host to a private, loopback or link-local address (``private``): a
  hostile site must not turn the auditor against the inspector's own network (SSRF). A site
  registered on such an address (a test site on 127.0.0.1, an intranet portal) may of course
  redirect within itself. Names that *resolve* privately are refused by ``resolver.py``;
* to another site's prefix or off the registry (``off_site``): each site is judged on its own;
* back to a URL of its own chain (``loop``), or past REDIRECT_MAX_TIMES hops (``too_long``);
* to a page of the site already crawled or queued (``seen``): Scrapy's duplicate filter would
  drop the redirected request silently and the page would vanish from the audit; it is kept as
  a redirect instead.

``process_request`` is the last line: any request made by a redirect that still points off the
site or into a private network is refused with :class:`RedirectRefused`.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse
from scrapy.utils.response import get_meta_refresh

from auditor.crawl.resolver import is_private_host
from auditor.crawl.state import crawl_state
from auditor.spiders.outcomes import Reason
from auditor.spiders.urls import canonical

GUARDED_ROLES = frozenset({"page", "robots", "attachment", "variant", "sitemap", "script"})
PAGE_ROLES = frozenset({"page", "variant"})  # stay within their site
STOP_KEY = "redirect_stopped"  # request meta: {"kind", "target", "via"} when a redirect stopped here


class RedirectRefused(IgnoreRequest):
    """A redirected request that left the site or aimed at a private address."""

    def __init__(self, kind: str, target: str, reason: Reason):
        super().__init__(str(reason))
        self.kind = kind
        self.target = target
        self.reason = reason


def describe(kind: str, target: str, chain: list[str] | None = None, via: str = "location") -> Reason:
    """The reason a page records for a stopped redirect (``redirect`` in spiders/outcomes.py)."""
    params = {"kind": kind, "target": target, "via": via}
    if kind in ("loop", "too_long"):
        params["chain"] = list(chain or [])
    return Reason("redirect", params)


class ScopedRedirectMiddleware:
    def __init__(self, crawler) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.max_hops = settings.getint("REDIRECT_MAX_TIMES")
        self.refresh_enabled = settings.getbool("METAREFRESH_ENABLED")
        self.refresh_max_delay = settings.getfloat("METAREFRESH_MAXDELAY")

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    state = crawl_state()  # None under another spider: the portal's alone has sites and a scope

    def process_response(self, request, response, spider=None):
        site = request.meta.get("site")
        if self.state is None or site is None or request.meta.get("dont_redirect") \
                or request.meta.get("role") not in GUARDED_ROLES:
            return response
        location, via = self._redirect_of(request, response)
        if location is None:
            return response
        try:
            target = canonical(urljoin(request.url, location.strip()))
        except ValueError:
            target = ""
        kind = self.judge(site, request, target or location)
        if kind is not None:
            request.meta["dont_redirect"] = True
            request.meta[STOP_KEY] = {"kind": kind, "target": target or location, "via": via}
        return response

    def process_request(self, request, spider=None):
        chain = request.meta.get("redirect_urls")
        site = request.meta.get("site")
        if not chain or self.state is None or site is None \
                or request.meta.get("role") not in GUARDED_ROLES:
            return None
        target = canonical(request.url)
        kind = self._out_of_bounds(site, request.meta["role"], target)
        if kind is None:
            return None
        reasons = request.meta.get("redirect_reasons") or [""]
        via = "refresh" if reasons[-1] == "meta refresh" else "location"
        raise RedirectRefused(kind, target, describe(kind, target, via=via))

    def _redirect_of(self, request, response) -> tuple[str | None, str]:
        if 300 <= response.status < 400:
            location = response.headers.get("Location")
            return (location.decode("latin-1") if location else None), "location"
        if self.refresh_enabled and isinstance(response, HtmlResponse) and response.status == 200:
            try:
                interval, url = get_meta_refresh(response)
            except (ValueError, LookupError):  # a hostile body the scan cannot read
                return None, "refresh"
            if url and interval is not None and interval < self.refresh_max_delay:
                return url, "refresh"
        return None, "refresh"

    def _out_of_bounds(self, site: str, role: str, target: str) -> str | None:
        """``private`` or ``off_site`` when the target is no place for this request to go.

        Pages stay within their site; robots.txt and attachments may be served from elsewhere
        (a CDN, a document server), but never from a private address.
        """
        origin_host = urlsplit(self.state.crawls[site].site.url).hostname or ""
        if is_private_host(urlsplit(target).hostname or "") and not is_private_host(origin_host):
            return "private"
        if role in PAGE_ROLES and self.state.scope.owner(target) != site:
            return "off_site"
        return None

    def judge(self, site: str, request, target: str) -> str | None:
        """Why this redirect must not be followed, or None to follow it."""
        if not target.startswith(("http://", "https://")):
            return "malformed"
        kind = self._out_of_bounds(site, request.meta["role"], target)
        if kind is not None or request.meta["role"] != "page":
            return kind
        chain = [canonical(url) for url in request.meta.get("redirect_urls", [])]
        if target in chain or target == canonical(request.url):
            return "loop"
        if len(chain) >= self.max_hops:
            return "too_long"
        if target in self.state.crawls[site].seen:
            return "seen"
        return None
