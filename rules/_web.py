"""Hosts and domains for the rules: registrable domains (tldextract, its bundled suffix list
only: nothing reaches the network), list membership by host suffix, and who is "outside"."""

from __future__ import annotations

import ipaddress
import re
from fnmatch import translate
from functools import lru_cache
from operator import attrgetter
from urllib.parse import urlsplit

import tldextract

_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


@lru_cache(maxsize=65536)  # a site's links repeat on every page
def host_of(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""


def is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


@lru_cache(maxsize=65536)
def registrable(host: str) -> str:
    """"i1-vnexpress.vnecdn.net" -> "vnecdn.net"; an IP address or a bare name is itself."""
    if not host or is_ip(host):
        return host
    result = _EXTRACT(host)
    return result.top_domain_under_public_suffix or host


@lru_cache(maxsize=65536)
def suffix(host: str) -> str:
    """The public suffix: "gov.vn", "com.vn" ..."""
    if not host or is_ip(host):
        return ""
    return _EXTRACT(host).suffix


def in_list(host: str, entries: tuple[str, ...] | list[str]) -> str:
    """The entry that ``host`` is or ends with (as a whole label), or ""."""
    if isinstance(entries, tuple):  # the pack's lists: asked for every link of every page
        return _in_list_cached(host, entries)
    return _in_list(host, entries)


def _in_list(host: str, entries) -> str:
    for entry in entries:
        entry = entry.lower().lstrip(".")
        if host == entry or host.endswith("." + entry):
            return entry
    return ""


_in_list_cached = lru_cache(maxsize=65536)(_in_list)


def is_public_body(host: str, ctx) -> bool:
    """Government and other non-commercial bodies: .gov.vn and the like, or a listed domain."""
    if not host:
        return False
    public_suffix = suffix(host)
    if any(public_suffix == s or public_suffix.endswith("." + s) for s in ctx.words("public_suffixes")):
        return True
    return bool(in_list(host, ctx.words("public_domains")))


def is_press(host: str, ctx) -> str:
    return in_list(host, ctx.words("press_domains"))


def press_cdn(host: str, ctx) -> str:
    """The host itself when it is a press outlet's image CDN (``press_cdns``), else ""."""
    suffixes, patterns = _host_list(ctx.words("press_cdns"))
    if host and (in_list(host, suffixes) or (patterns is not None and patterns.fullmatch(host))):
        return host
    return ""


@lru_cache(maxsize=16)
def _host_list(entries: tuple[str, ...]) -> tuple[tuple[str, ...], re.Pattern | None]:
    """A host list's plain entries (host suffixes) and its "*" patterns as one regex."""
    plain = tuple(e.lower() for e in entries if "*" not in e)
    patterns = [translate(e.lower()) for e in entries if "*" in e]
    return plain, re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


def is_platform(host: str, ctx) -> str:
    return in_list(host, ctx.words("platform_domains"))


def own_hosts(ctx) -> frozenset[str]:
    """The site's own hosts: its URL's, its public domain's, and every registry site's."""
    return _own_hosts(ctx.site_url, ctx.site_domain, ctx.registry_hosts)


# Asked for every link of every page: built once per site, not once per link (a registry of
# 50 sites made it a set of 50 hosts per link; bench/).
@lru_cache(maxsize=4096)
def _own_hosts(site_url: str, site_domain: str, registry_hosts: frozenset[str]) -> frozenset[str]:
    hosts = {host_of(site_url), site_domain.lower()} | set(registry_hosts)
    return frozenset(h for h in hosts if h)


@lru_cache(maxsize=4096)
def _own_domains(own: frozenset[str]) -> frozenset[str]:
    return frozenset(registrable(h) for h in own)


def is_outside(url: str, ctx) -> bool:
    """A link target that belongs neither to the site nor to the audited registry (nor to the
    site's own registrable domain: "www.x.gov.vn" and "x.gov.vn" are one owner)."""
    return is_outside_host(host_of(url), own_hosts(ctx))


def is_outside_host(host: str, own: frozenset[str]) -> bool:
    """``is_outside`` of a link whose host is read, the site's ``own_hosts`` given: a rule that
    reads every link of a page reads them once for the page, not once for each link."""
    return bool(host) and host not in own and registrable(host) not in _own_domains(own)


def is_commercial(url: str, ctx) -> bool:
    """A link to a business: outside the site and the registry, not a public body, the press or
    a platform page (ADS-002 reports it, ADS-004 when it is hidden)."""
    host = host_of(url)
    return is_outside_host(host, own_hosts(ctx)) and is_business_host(host, ctx)


def is_business_host(host: str, ctx) -> bool:
    """``is_commercial`` of an outside host: not a public body's, the press's or a platform's."""
    return not (is_public_body(host, ctx) or is_press(host, ctx) or is_platform(host, ctx))


_URL = attrgetter("url")
# The last pages' outside links, by the identity of their list of links (held here, so that no
# other list takes its id): ADS-002 and ADS-003 each read the ~400 links of a page, most of them
# to the site itself, and look further only at those that leave it.
_RECENT_OUTSIDE: list[tuple[list, frozenset[str], list]] = []
RECENT_PAGES = 2


def outside_links(links, ctx) -> list:
    """The links (each with its host) that leave the site and the registry (``is_outside``), in
    page order."""
    own = own_hosts(ctx)
    for seen, seen_own, found in _RECENT_OUTSIDE:
        if seen is links and seen_own == own:
            return found
    hosts = list(map(host_of, map(_URL, links)))
    outside = {host for host in set(hosts) if is_outside_host(host, own)}
    found = [pair for pair in zip(links, hosts) if pair[1] in outside] if outside else []
    _RECENT_OUTSIDE.insert(0, (links, own, found))
    del _RECENT_OUTSIDE[RECENT_PAGES:]
    return found
