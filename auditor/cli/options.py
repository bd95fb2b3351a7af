"""Options shared by several commands, and the helpers that read them."""

from __future__ import annotations

from pathlib import Path

import click

from auditor.errors import UsageError
from auditor.store import Store

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
        click.option("--quiet", "-q", is_flag=True, help="No progress while crawling."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def crawl_overrides(max_pages, max_depth, site_seconds, max_time, contact) -> dict:
    return {
        "AUDITOR_MAX_PAGES": max_pages, "AUDITOR_MAX_DEPTH": max_depth,
        "AUDITOR_SITE_SECONDS": site_seconds, "CLOSESPIDER_TIMEOUT": max_time,
        "AUDITOR_CONTACT": contact,
    }
