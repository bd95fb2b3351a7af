"""Is each HTTPS site's certificate valid? Checked once per host while the crawl starts.

Scrapy, like most crawlers, accepts any certificate so that it can read a site whose
certificate expired; the audit must read such sites too. But a citizen's browser refuses them,
and the rules (TEC-001) must know: this check verifies the chain and the host name the way a
browser does, with the system's trust store, and the site's record keeps the verdict
(``probe["certificate"]``: ``"valid"`` or what is wrong).

It uses the same name pins as the crawl (``AUDITOR_RESOLVE``) and, like the crawl, never
connects a public name to a private address.
"""

from __future__ import annotations

import socket
import ssl
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit


from auditor.crawl.beside import BesideCrawl
from auditor.crawl.resolver import is_private_address, is_private_host, parse_address



def https_hosts(urls: list[str]) -> set[tuple[str, int]]:
    hosts = set()
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme == "https" and parts.hostname:
            hosts.add((parts.hostname, parts.port or 443))
    return hosts


def check_certificate(host: str, port: int, pins: dict[str, str], private_names: set[str],
                      timeout: float) -> str:
    """``"valid"``, or the problem in a few words (``"self-signed certificate"`` ...)."""
    address = pins.get(host.lower())
    if address is None:
        try:
            address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][4][0]
        except (OSError, UnicodeError) as error:
            return f"not checked: {host} does not resolve ({error.__class__.__name__})"
        parsed = parse_address(address)
        if (parsed is not None and is_private_address(parsed) and not is_private_host(host)
                and host.lower() not in private_names):
            return f"not checked: {host} resolves to a private address"
    context = ssl.create_default_context()
    try:
        with socket.create_connection((address, port), timeout=timeout) as raw:
            with context.wrap_socket(raw, server_hostname=host):
                return "valid"
    except ssl.SSLCertVerificationError as error:
        return f"not valid: {error.verify_message or error.reason}"
    except ssl.SSLError as error:
        return f"not checked: the TLS handshake failed ({error.reason or error})"
    except (OSError, socket.timeout) as error:
        return f"not checked: {error.__class__.__name__}"


def check_certificates(urls: list[str], pins: dict[str, str], private_names: list[str],
                       timeout: float) -> dict[tuple[str, int], str]:
    """The verdict for every HTTPS host of the registry, checked in parallel."""
    hosts = sorted(https_hosts(urls))
    if not hosts:
        return {}
    pins = {name.lower(): address for name, address in pins.items()}
    names = {name.lower() for name in private_names}
    with ThreadPoolExecutor(max_workers=min(8, len(hosts))) as pool:
        verdicts = pool.map(lambda hp: check_certificate(hp[0], hp[1], pins, names, timeout), hosts)
        return dict(zip(hosts, verdicts))


class CertificateProbe(BesideCrawl):
    """The check as a crawler extension, beside the crawl (beside.py): its verdicts go to each
    HTTPS site's crawl state. AUDITOR_TLS_CHECK_TIMEOUT 0 turns it off."""

    timeout_setting = "AUDITOR_TLS_CHECK_TIMEOUT"
    what = "certificate check"

    def check(self, state) -> dict:
        settings = self.crawler.settings
        return check_certificates([crawl.site.url for crawl in state.crawls.values()],
                                  settings.getdict("AUDITOR_RESOLVE"),
                                  settings.getlist("AUDITOR_PRIVATE_NAMES"), self.timeout)

    def record(self, state, verdicts: dict) -> None:
        record_verdicts(state, verdicts)


def record_verdicts(state, verdicts: dict) -> None:
    for crawl in state.crawls.values():
        parts = urlsplit(crawl.site.url)
        verdict = verdicts.get((parts.hostname or "", parts.port or 443))
        if parts.scheme == "https" and verdict:
            crawl.certificate = verdict
