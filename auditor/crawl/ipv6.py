"""Does each site's host have an IPv6 address (an AAAA record)? Looked up once per site beside
the crawl (Circular 32/2017 Art. 15(4), Decree 224/2026 Art. 11(4): TEC-006).

The host is the site's public name: the registry's ``domain`` when it has one (a site audited
on a mirror or test address), else its URL's host. The answer comes, in this order, from:

* the inspector's pins (``AUDITOR_RESOLVE``, auditor/crawl/resolver.py): a name pinned to an
  IPv6 address counts as having AAAA, one pinned to IPv4 as having none; tests pin names so;
* an IP literal in the URL: its own version;
* the system resolver, asked for every address of the name (``AF_UNSPEC``, so that a name with
  A records only is told from one that does not resolve).

The site's record keeps ``{"host", "addresses"}`` (``addresses`` empty: no AAAA) or, when the
name could not be looked up, ``{"host", "error"}``: then TEC-006 does not judge.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from concurrent.futures import ThreadPoolExecutor, TimeoutError as FutureTimeout
from urllib.parse import urlsplit

from auditor.crawl.beside import BesideCrawl
from auditor.crawl.resolver import parse_address



def public_host(url: str, domain: str = "") -> str:
    return (domain or urlsplit(url).hostname or "").lower().rstrip(".")


def _v6(addresses) -> list[str]:
    out = []
    for address in addresses:
        parsed = parse_address(address)
        if isinstance(parsed, ipaddress.IPv6Address) and parsed.ipv4_mapped is None:
            out.append(str(parsed))
    return sorted(set(out))


def _resolve(host: str) -> list[str]:
    return [info[4][0] for info in socket.getaddrinfo(host, None, socket.AF_UNSPEC, socket.SOCK_STREAM)]


def known(host: str, pins: dict[str, str]) -> dict | None:
    """The record of a host told without DNS: pinned, an IP literal, or no host at all."""
    if host in pins:
        return {"host": host, "addresses": _v6([pins[host]]), "pinned": True}
    if parse_address(host) is not None:
        return {"host": host, "addresses": _v6([host])}
    if not host:
        return {"host": host, "error": "no host"}
    return None


def _answer(host: str, future, deadline: float) -> dict:
    try:
        return {"host": host, "addresses": _v6(future.result(timeout=max(0.0, deadline - time.monotonic())))}
    except FutureTimeout:
        return {"host": host, "error": "the lookup took too long"}
    except (OSError, UnicodeError) as error:
        return {"host": host, "error": f"{host} does not resolve ({error.__class__.__name__})"}


def check_ipv6(sites: list[tuple[str, str, str]], pins: dict[str, str], timeout: float) -> dict[str, dict]:
    """site id -> the IPv6 record of its public host, for (id, url, domain) triples; every
    lookup runs in parallel and all end within ``timeout`` seconds."""
    pins = {name.lower().rstrip("."): address.strip("[]") for name, address in pins.items()}
    hosts = {site_id: public_host(url, domain) for site_id, url, domain in sites}
    records = {host: known(host, pins) for host in set(hosts.values())}
    to_ask = sorted(host for host, record in records.items() if record is None)
    if to_ask:
        pool = ThreadPoolExecutor(max_workers=min(8, len(to_ask)))
        futures = {host: pool.submit(_resolve, host) for host in to_ask}
        deadline = time.monotonic() + timeout
        records.update({host: _answer(host, future, deadline) for host, future in futures.items()})
        pool.shutdown(wait=False, cancel_futures=True)  # a hung lookup must not hold the audit
    return {site_id: records[host] for site_id, host in hosts.items()}


class Ipv6Probe(BesideCrawl):
    """The look-up as a crawler extension, beside the crawl (beside.py): its records go to each
    site's crawl state. AUDITOR_IPV6_CHECK_TIMEOUT 0 turns it off."""

    timeout_setting = "AUDITOR_IPV6_CHECK_TIMEOUT"
    what = "IPv6 look-up"

    def check(self, state) -> dict:
        sites = [(c.site.id, c.site.url, c.site.domain) for c in state.crawls.values()]
        return check_ipv6(sites, self.crawler.settings.getdict("AUDITOR_RESOLVE"), self.timeout)

    def record(self, state, records: dict) -> None:
        _record(state, records)


def _record(state, records: dict) -> None:
    for site_id, record in records.items():
        if site_id in state.crawls:
            state.crawls[site_id].ipv6 = record
