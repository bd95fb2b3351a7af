"""Politeness per host: one download slot per (scheme, host, port), whatever the sites under it.

robots.txt and its Crawl-delay speak for a host, not for a path prefix. Under Decree 224/2026 a
commune's site is a component of the provincial portal (``https://tinh.gov.vn/xa-a/``), so a
province of 100 communes may be 100 sites on one server: they share one download slot, so the
server sees at most the slot's concurrency and, where robots.txt says so, one request per
Crawl-delay, in all. The sites under the host take turns in that slot (``fair_queue.py``).

Where robots.txt gives no Crawl-delay, AutoThrottle adapts the host slot's delay to its latency
(``throttle.PoliteThrottle``). An inspector who owns a server may allow more requests at once to
it: ``--host-concurrency NAME=N`` (the setting ``AUDITOR_HOST_CONCURRENCY``, ``{NAME: N}``), where
NAME is a host name (any scheme and port) or ``host:port``. The host's Crawl-delay still binds:
it is the server's own statement, which its owner changes in robots.txt.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlsplit, urlunsplit

DEFAULT_PORTS = {"http": 80, "https": 443}


@lru_cache(maxsize=65536)
def host_of(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) of a URL, the port spelled out: the unit robots.txt governs."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    return scheme, (parts.hostname or "").lower(), parts.port or DEFAULT_PORTS.get(scheme, 0)


def slot_key(url: str) -> str:
    """The download slot of every request to the URL's host."""
    scheme, host, port = host_of(url)
    return f"host:{scheme}://{host}:{port}"


def robots_url(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))


def group_by_host(urls: dict[str, str]) -> dict[str, list[str]]:
    """Site ids grouped by host slot, in registry order: {slot key: [site ids]}."""
    groups: dict[str, list[str]] = {}
    for site_id, url in urls.items():
        groups.setdefault(slot_key(url), []).append(site_id)
    return groups


def host_concurrency(allowed: dict, url: str) -> int | None:
    """The concurrency the inspector allows for the URL's host (``host:port`` or ``host``)."""
    _, host, port = host_of(url)
    for name in (f"{host}:{port}", host):
        if name in allowed:
            return int(allowed[name])
    return None


def open_host_slots(crawler, urls) -> None:
    """Give the hosts that ``AUDITOR_HOST_CONCURRENCY`` names their concurrency, before their
    slots exist (the downloader creates a slot from ``per_slot_settings`` on first use)."""
    allowed = crawler.settings.getdict("AUDITOR_HOST_CONCURRENCY")
    if not allowed:
        return
    per_slot = crawler.engine.downloader.per_slot_settings
    for url in urls:
        concurrency = host_concurrency(allowed, url)
        if concurrency:
            per_slot.setdefault(slot_key(url), {})["concurrency"] = concurrency
