"""`auditor audit REGISTRY`: crawl every site of a province registry, judge, store, report."""

from __future__ import annotations

from pathlib import Path

import click

from auditor.audit import run_audit
from auditor.cli.options import crawl_options, crawl_overrides, db_option
from auditor.cli.summary import print_sites
from auditor.registry import load_registry


@click.command("audit")
@click.argument("registry", type=click.Path(path_type=Path))
@db_option
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("audit-out"),
              show_default=True, help="Folder for the reports and findings.json.")
@click.option("--pack", default="", help="Rule pack (legal regime), see `auditor rules`; "
              "default: the registry's [audit] pack, else the one in force today.")
@click.option("--config", "config", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Config file (TOML): rule levels off|warn|error, thresholds, added lists.")
@crawl_options
def command(registry, db, out, pack, config, max_pages, max_depth, site_seconds, max_time, contact,
            quiet):
    """Crawl, judge, store and report every site of REGISTRY (a sites.toml or .csv).

    Each run is a new audit in the store (--db); earlier audits stay for comparison.

    \b
    Example:
      auditor audit sites.toml --db quangtri.db --out reports/2026-q4
      auditor audit sites.toml --pack nd42-2022 --config auditor.toml
    """
    reg = load_registry(registry)
    result = run_audit(reg, db, out, pack or reg.pack,
                       crawl_overrides(max_pages, max_depth, site_seconds, max_time, contact), quiet,
                       config=config)
    if not quiet:
        print_sites(result.document)
    click.echo(f"Audit {result.audit_id} stored in {db}")
    click.echo(f"Reports in {out}")
    click.echo(f"Overview: {result.overview.resolve()}")
