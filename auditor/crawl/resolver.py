"""Name resolution that cannot be turned against the inspector's own network.

A crawl stays inside each registered URL prefix, so a hostile page can only steer the auditor
elsewhere through redirects (refused in ``scoped_redirect.py``) or through DNS: a hacked or
expired domain of a commune may be pointed at 127.0.0.1, 10.x or the cloud metadata address
169.254.169.254 (DNS rebinding). This resolver refuses such answers: a host *name* must resolve
to a public address, or the request fails as ``unreachable`` with the reason.

Two kinds of names may resolve privately, because the inspector said so, not a site:

* ``AUDITOR_RESOLVE`` pins names to addresses, like curl's ``--resolve`` or a line in
  /etc/hosts for this audit only (``{"xa-a.quangtri.gov.vn": "10.1.2.3"}``): audit a staging
  server under its public name, or, in the tests, a "public" name served on 127.0.0.1;
* ``AUDITOR_PRIVATE_NAMES`` (default ``["localhost"]``) for intranet portals.

IP literals are not judged here: whether a site may reach 127.0.0.1 depends on the site (one
registered on 127.0.0.1 may), which only the redirect guard knows.
"""

from __future__ import annotations

import ipaddress
import re
import socket

from twisted.internet import defer
from twisted.internet.error import DNSLookupError

from scrapy.resolver import CachingThreadedResolver


_NUMERIC_HOST = re.compile(r"^(?:0x[0-9a-f]+|\d+)(?:\.(?:0x[0-9a-f]+|\d+)){0,3}$")


class PrivateAddressRefused(DNSLookupError):
    """A host name resolved to a private, loopback or link-local address."""

    def __init__(self, host: str, address: str):
        super().__init__(host, address)  # args that rebuild it (copy, pickle)
        self.host, self.address = host, address

    def __str__(self) -> str:
        return f"{self.host} resolves to {self.address}, kept off the inspector's network"


# Twisted's endpoint turns any resolver error into a bare "no results for hostname lookup", so
# the refusals are also kept here, by name, for the page and site records to give the reason.
REFUSED: dict[str, dict] = {}


def refusal(host: str) -> dict:
    """The refusal of this host name by the resolver in this process ({host, address}), or {}."""
    return REFUSED.get((host or "").lower().rstrip("."), {})


def parse_address(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The address a host string denotes by itself, without DNS, or None for a name.

    Besides the usual forms this reads the legacy spellings the C library accepts and an
    attacker may use to slip past a naive check: ``2130706433``, ``0x7f.1``, ``127.1``.
    """
    host = (host or "").strip("[]").rstrip(".").lower()
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if not _NUMERIC_HOST.match(host):
        return None
    try:
        return ipaddress.IPv4Address(socket.inet_aton(host))
    except OSError:
        return None


_SHARED = ipaddress.ip_network("100.64.0.0/10")  # carrier-grade NAT: not the public internet


def is_private_address(address) -> bool:
    return (address.is_private or address.is_loopback or address.is_link_local
            or (address.version == 4 and address in _SHARED)
            or address.is_reserved or address.is_multicast or address.is_unspecified
            or (isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None
                and is_private_address(address.ipv4_mapped)))


def is_private_host(host: str) -> bool:
    """Does this host string name a private place by itself (an address, or localhost)?"""
    host = (host or "").strip("[]").rstrip(".").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    address = parse_address(host)
    return address is not None and is_private_address(address)


class GuardedResolver(CachingThreadedResolver):
    def __init__(self, reactor, cache_size: int, timeout: float, pins: dict[str, str],
                 private_names: list[str]):
        super().__init__(reactor, cache_size, timeout)
        self.pins = {name.lower().rstrip("."): address for name, address in pins.items()}
        self.private_names = {name.lower().rstrip(".") for name in private_names}

    @classmethod
    def from_crawler(cls, crawler, reactor):
        settings = crawler.settings
        cache_size = settings.getint("DNSCACHE_SIZE") if settings.getbool("DNSCACHE_ENABLED") else 0
        return cls(reactor, cache_size, settings.getfloat("DNS_TIMEOUT"),
                   settings.getdict("AUDITOR_RESOLVE"), settings.getlist("AUDITOR_PRIVATE_NAMES"))

    def getHostByName(self, name: str, timeout=()):
        key = name.lower().rstrip(".")
        if key in self.pins:
            return defer.succeed(self.pins[key])
        deferred = super().getHostByName(name, timeout)
        if key in self.private_names or parse_address(key) is not None:
            return deferred
        return deferred.addCallback(self._refuse_private, name)

    @staticmethod
    def _refuse_private(address: str, name: str) -> str:
        parsed = parse_address(address)
        if parsed is not None and is_private_address(parsed):
            REFUSED[name.lower().rstrip(".")] = {"host": name, "address": address}
            raise PrivateAddressRefused(name, address)
        return address
