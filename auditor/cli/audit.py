"""`auditor audit REGISTRY`: crawl every site of a province registry, judge, store, report."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from auditor.exit_codes import EXIT_USAGE
from auditor.app.audit import run_audit
from auditor.app.sharded import scrapyd_nodes
from auditor.cli.options import (crawl_options, crawl_overrides, db_option, expert_options,
                                 expert_overrides)
from auditor.cli.summary import print_sites
from auditor.errors import UsageError
from auditor.jobs.local import usable_cores
from auditor.registry import load_registry


@click.command("audit")
@click.argument("registry", type=click.Path(path_type=Path), required=False)
@db_option
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("audit-out"),
              show_default=True, help="Folder for the reports and findings.json.")
@click.option("--pack", default="", help="Rule pack (legal regime), see `auditor rules`; "
              "default: the registry's [audit] pack, else the one in force today.")
@click.option("--config", "config", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Config file (TOML): rule levels off|warn|error, thresholds, added lists.")
@click.option("--resume", "resume", type=click.IntRange(0), is_flag=False, flag_value=0,
              default=None, metavar="[ID]",
              help="Continue an interrupted audit (the latest one, or audit ID) instead of "
                   "starting a new one: stored pages are kept, the rest is fetched.")
@click.option("--workers", type=click.IntRange(1), default=None,
              show_default="the usable cores",
              help="Worker processes: with N > 1 a registry of several hosts runs as jobs in N "
                   "processes (a host's sites stay in one job; many hosts are bundled, 2 jobs "
                   "a worker). A registry of one host, and --workers 1, run in this process "
                   "alone (docs/scaling.md).")
@click.option("--scrapyd", "scrapyd", multiple=True, metavar="URL",
              help="Run the jobs on this Scrapyd node (repeatable): the project is deployed to "
                   "each, a job scheduled only on a node with a free process "
                   "(-s AUDITOR_SCRAPYD_SLOTS=N: its max_proc, default 1). See docs/scaling.md.")
@click.option("--shards", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the jobs' shards (default: DB.shards beside the store); with "
                   "--scrapyd, a folder the nodes write to as well (a shared mount).")
@click.option("--date", "audit_date", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              metavar="YYYY-MM-DD",
              help="Judge as of this day (freshness, the regime in force) instead of today: "
                   "e.g. the day a saved copy of the sites was captured.")
@click.option("--archive/--no-archive", default=True, show_default=True,
              help="Keep every answer judged in a WARC file per site beside --db "
                   "(<db>.warc/<audit>/): the proof behind each finding, its archived copy in the "
                   "report and `auditor evidence` (docs/evidence.md).")
@crawl_options
@expert_options
def command(registry, db, out, pack, config, resume, workers, scrapyd, shards, audit_date, archive, max_pages,
            max_depth, site_seconds, max_time, contact, a11y_pages, variant_pages, quiet, resolve,
            set_,
            host_concurrency):
    """Crawl, judge, store and report every site of REGISTRY (a sites.toml or .csv).

    Each run is a new audit in the store (--db); earlier audits stay for comparison. Only one
    audit runs on a store at a time: another one started meanwhile is refused (exit code 2).
    An audit stopped by Ctrl-C, a signal or a crash is continued with --resume.

    \b
    Examples:
      auditor audit sites.toml --db quangtri.db --out reports/2026-q4
      auditor audit sites.toml --pack nd42-2022 --config auditor.toml
      auditor audit --resume --db quangtri.db --out reports/2026-q4
      auditor audit saved-copy/sites.toml --date 2026-12-03
    """
    if registry is None and resume is None:
        raise UsageError("audit: give a REGISTRY file (sites.toml), or --resume to continue an audit")
    overrides = {**crawl_overrides(max_pages, max_depth, site_seconds, max_time, contact, a11y_pages,
                                    variant_pages),
                 **expert_overrides(resolve, set_, host_concurrency)}
    if not archive:
        overrides["AUDITOR_ARCHIVE"] = False
    if audit_date is not None:
        overrides["AUDITOR_AUDIT_DATE"] = audit_date.date().isoformat()
    reg = load_registry(registry) if resume is None else None
    if resume is not None and registry is not None:
        click.echo(f"Resuming: {registry} is not read; the audit's own registry is used.", err=True)
    result = run_audit(reg, db, out, (pack or reg.pack) if reg else pack, overrides, quiet,
                       config=config, resume=resume, shards=shards,
                       workers=scrapyd_nodes(scrapyd, overrides) if scrapyd else workers or usable_cores())
    if not quiet:
        print_sites(result.summary)
    click.echo(f"Audit {result.audit_id} stored in {db}")
    click.echo(f"Reports in {out}")
    if result.overview is not None:
        click.echo(f"Overview: {result.overview.resolve()}")
    if result.interrupted:
        click.echo(f"auditor: audit {result.audit_id} was interrupted before the end; continue it "
                   f"with: auditor audit --resume {result.audit_id} --db {db}", err=True)
        sys.exit(EXIT_USAGE)
