"""What `check` and `baseline` share: the options that describe one site, and its audit.

The audit goes into ``--db`` when given (it is kept, for `auditor report`, `export`, `diff`
and `baseline --db`), else into a temporary store that is removed afterwards.
"""

from __future__ import annotations

import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import click

from auditor.app.audit import run_audit
from auditor.app.check import Target, after_crawl, target_for
from auditor.cli.options import crawl_overrides
from auditor.registry import LEVELS
from auditor.store.database import Store


def site_options(function):
    """How the site is described when there is no registry: all optional, inferred if left out."""
    options = [
        click.option("--level", type=click.Choice(LEVELS), default=None,
                     help="Level of the unit: tinh, huyen or xa (default: from the URL or "
                          "--domain, else xa; the check warns when the home page names another)."),
        click.option("--name", default="",
                     help="Name of the unit, which the masthead, footer and domain must show "
                          "(without it those checks are skipped; the title names the site in the outputs)."),
        click.option("--id", "site_id", default="",
                     help="Site id, part of every fingerprint: keep it the same from run to run "
                          "(default: the URL's last folder or first host label)."),
        click.option("--domain", default="",
                     help="The site's public domain, when URL is a staging or test address "
                          "(the domain rules judge it, and id and level are inferred from it)."),
        click.option("--pack", default="", help="Rule pack (legal regime); default: the one in force today."),
        click.option("--config", type=click.Path(dir_okay=False, path_type=Path), default=None,
                     help="Config file (TOML): per-rule levels off|warn|error, thresholds, lists, "
                          "and the [gate] defaults (see `auditor check --help`)."),
        click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None,
                     help="Keep the audit in this SQLite store (default: a temporary one)."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


@dataclass
class SiteAudit:
    store: Store
    audit_id: int
    target: Target


@contextmanager
def audit_one_site(url: str, level: str | None, name: str, site_id: str, domain: str, pack: str,
                   db: Path | None, crawl: dict, quiet: bool,
                   config: Path | None = None) -> Iterator[SiteAudit]:
    """Crawl and judge one site; yields the open store with the audit in it."""
    target = target_for(url, level or "", name, site_id, pack, domain)
    with _store_path(db) as path:
        if not quiet:
            click.echo(f"Checking {target.describe()}", err=True)
        bounds = {key: value for key, value in crawl.items() if key != "archive"}
        # The web archive is off for a one-site check unless asked (--archive): docs/evidence.md.
        overrides = {**crawl_overrides(**bounds), "AUDITOR_ARCHIVE": bool(crawl.get("archive"))}
        result = run_audit(target.registry(), path, None, pack, overrides, quiet, config=config)
        store = Store(path)
        try:
            refined, hint = after_crawl(target, store, result.audit_id)
            if hint:
                click.echo(f"auditor: note: {hint}", err=True)
            yield SiteAudit(store=store, audit_id=result.audit_id, target=refined)
        finally:
            store.close()


@contextmanager
def _store_path(db: Path | None) -> Iterator[Path]:
    if db is not None:
        yield db
        return
    with tempfile.TemporaryDirectory(prefix="auditor-check-") as folder:
        yield Path(folder) / "check.db"
