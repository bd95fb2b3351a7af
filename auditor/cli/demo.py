"""`auditor demo`: serve the demo province on 127.0.0.1, audit it, and say where the results are."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

from auditor.app.audit import run_audit
from auditor.cli.summary import print_sites
from auditor.demo.server import DEMO_ROOT, serve_province
from auditor.registry import load_registry


@click.command("demo")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("demo-out"),
              show_default=True, help="Folder for the demo's store and reports.")
@click.option("--quiet", "-q", is_flag=True, help="No progress while crawling.")
def command(out, quiet):
    """Audit the built-in demo province (a portal, a district, communes) served on 127.0.0.1.

    The sites run on free local ports for the length of the audit; nothing leaves this machine.
    """
    out.mkdir(parents=True, exist_ok=True)
    db = out / "demo.db"
    with serve_province(DEMO_ROOT) as served, tempfile.TemporaryDirectory() as tmp:
        registry = load_registry(served.write_registry(Path(tmp) / "sites.toml"))
        result = run_audit(registry, db, out / "reports", registry.pack,
                           {"AUDITOR_RESOLVE": served.resolve}, quiet)
    if not quiet:
        print_sites(result.summary)
    click.echo(f"Database: {db.resolve()}")
    click.echo(f"Reports:  {(out / 'reports').resolve()}")
    click.echo(f"Overview: {result.overview.resolve()}")
