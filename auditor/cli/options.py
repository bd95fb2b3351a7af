"""Options shared by several commands, and the helpers that read them."""

from __future__ import annotations

import ipaddress
import json
from pathlib import Path

import click

from auditor.errors import UsageError
from auditor.store.database import Store

db_option = click.option("--db", "db", type=click.Path(dir_okay=False, path_type=Path),
                         default=Path("audit.db"), show_default=True,
                         help="The SQLite store of audits.")
audit_option = click.option("--audit", "audit_id", type=int, default=None,
                            help="Audit id (default: the latest).")


def open_store(db: Path, must_exist: bool = True) -> Store:
    if must_exist and not db.is_file():
        raise UsageError(f"{db}: no such audit store (run `auditor audit` first, or pass --db)")
    return Store(db)


def resolve_audit(store: Store, audit_id: int | None) -> dict:
    audit = store.audit(audit_id)
    if audit is None:
        raise UsageError(f"{store.path}: " + (f"no audit {audit_id}" if audit_id else "no audit yet"))
    return audit


def crawl_options(function):
    """Bounds and politeness of a crawl, shared by `audit`, `check` and `demo`."""
    options = [
        click.option("--max-pages", type=click.IntRange(1), default=None,
                     help="Pages per site (default 500)."),
        click.option("--max-depth", type=click.IntRange(0), default=None,
                     help="Links from the home page (default 8)."),
        click.option("--site-seconds", type=click.FloatRange(1), default=None,
                     help="Wall time per site before it is cut and marked partial (default 900)."),
        click.option("--max-time", type=click.FloatRange(0), default=None,
                     help="Wall time for the whole crawl, in seconds (default: none)."),
        click.option("--contact", default=None,
                     help="Contact URL put in the User-Agent (default: [audit] contact)."),
        # From the environment too, so that it is one of the audit's settings and reaches every
        # job of a sharded audit (Scrapyd nodes do not share the inspector's environment).
        click.option("--a11y-pages", type=click.IntRange(0), default=None, envvar="AUDITOR_A11Y_PAGES",
                     help="Pages per site checked in headless Chromium with axe-core (WCAG): the "
                          "home page, one per mandatory section, two articles, at most N "
                          "(default 16, or $AUDITOR_A11Y_PAGES); 0: off. Needs the `browser` "
                          "extra and Chromium; without them the report says the checks were not run."),
        click.option("--variant-pages", type=click.IntRange(0), default=None, envvar="AUDITOR_VARIANT_PAGES",
                     help="Pages per site fetched again as Googlebot (desktop, smartphone), as a "
                          "visitor from a search result and as a mobile browser, to find spam "
                          "cloaked from the auditor (default 10, or $AUDITOR_VARIANT_PAGES; they "
                          "count against --max-pages); 0: off. See docs/robustness.md."),
        click.option("--quiet", "-q", is_flag=True, help="No progress while crawling."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def crawl_overrides(max_pages, max_depth, site_seconds, max_time, contact, a11y_pages=None,
                    variant_pages=None) -> dict:
    return {
        "AUDITOR_MAX_PAGES": max_pages, "AUDITOR_MAX_DEPTH": max_depth,
        "AUDITOR_SITE_SECONDS": site_seconds, "AUDITOR_MAX_TIME": max_time,
        "AUDITOR_CONTACT": contact, "AUDITOR_A11Y_PAGES": a11y_pages,
        "AUDITOR_VARIANT_PAGES": variant_pages,
    }


def _pairs(option: str, values: tuple[str, ...], separator: str = "=") -> list[tuple[str, str]]:
    pairs = []
    for value in values:
        name, sep, rest = value.partition(separator)
        if not sep or not name.strip() or not rest.strip():
            raise UsageError(f"{option} {value!r}: expected NAME{separator}VALUE")
        pairs.append((name.strip(), rest.strip()))
    return pairs


def expert_options(function):
    """Settings beyond the usual bounds: name pins and any crawl setting (``audit`` only)."""
    options = [
        click.option("--resolve", "resolve", multiple=True, metavar="NAME=ADDRESS",
                     help="Connect to NAME at ADDRESS, like curl --resolve (a staging server "
                          "under its public name); the inspector's word, trusted. Repeatable."),
        click.option("--set", "-s", "set_", multiple=True, metavar="NAME=VALUE",
                     help="Any crawl setting of auditor/crawl/settings.py or Scrapy, e.g. "
                          "-s DOWNLOAD_TIMEOUT=10 (values are read as JSON when they parse). "
                          "Repeatable."),
        click.option("--host-concurrency", "host_concurrency", multiple=True, metavar="NAME=N",
                     help="Requests at once to host NAME (a name, or name:port), for an "
                          "inspector who owns the server (default 2 per host, all its sites "
                          "together); its robots.txt Crawl-delay still binds. Repeatable."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def expert_overrides(resolve: tuple[str, ...], set_: tuple[str, ...],
                     host_concurrency: tuple[str, ...] = ()) -> dict:
    overrides = {}
    for name, value in _pairs("--set", set_):
        if not name.replace("_", "").isalnum() or not name.isupper():
            raise UsageError(f"--set {name}: a setting name is written in capitals, e.g. DOWNLOAD_TIMEOUT")
        try:
            overrides[name] = json.loads(value)
        except ValueError:
            overrides[name] = value
    if resolve:
        pins = dict(overrides.get("AUDITOR_RESOLVE") or {})
        for name, address in _pairs("--resolve", resolve):
            try:
                ipaddress.ip_address(address.strip("[]"))
            except ValueError:
                raise UsageError(f"--resolve {name}={address}: {address!r} is not an IP address") from None
            pins[name.lower()] = address.strip("[]")
        overrides["AUDITOR_RESOLVE"] = pins
    if host_concurrency:
        allowed = dict(overrides.get("AUDITOR_HOST_CONCURRENCY") or {})
        for name, count in _pairs("--host-concurrency", host_concurrency):
            if not count.isdigit() or int(count) < 1:
                raise UsageError(f"--host-concurrency {name}={count}: N is a whole number, 1 or more")
            allowed[name.lower()] = int(count)
        overrides["AUDITOR_HOST_CONCURRENCY"] = allowed
    return overrides
