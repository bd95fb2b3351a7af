"""Redirects are followed only within the site that asked for them.

A redirect to another site's prefix, or off the registry altogether, is recorded on the page
(``redirect_off_site``) and not followed: each site is judged on its own pages. A redirect from
a public address to a private, loopback or link-local one is refused outright, so a hostile
site cannot turn the auditor against the inspector's own network (SSRF). A site registered on
such an address (a test site on 127.0.0.1) may of course redirect within itself.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urljoin, urlsplit

from auditor.spiders.urls import canonical


def is_private_host(host: str) -> bool:
    host = (host or "").strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_private or address.is_loopback or address.is_link_local or address.is_reserved


class ScopedRedirectMiddleware:
    def __init__(self, crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_response(self, request, response, spider=None):
        location = response.headers.get("Location")
        site = request.meta.get("site")
        scope = getattr(self.crawler.spider, "scope", None)
        if (scope is None or site is None or request.meta.get("role") != "page"
                or not 300 <= response.status < 400 or not location):
            return response
        try:
            target = canonical(urljoin(request.url, location.decode("latin-1").strip()))
        except ValueError:
            target = ""
        from_host = urlsplit(request.url).hostname or ""
        to_host = urlsplit(target).hostname or ""
        if not target or (is_private_host(to_host) and not is_private_host(from_host)):
            request.meta["dont_redirect"] = True
            request.meta["redirect_refused"] = target or location.decode("latin-1", "replace")
        elif scope.owner(target) != site:
            request.meta["dont_redirect"] = True
            request.meta["redirect_off_site"] = target
        return response
