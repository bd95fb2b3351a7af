"""`auditor export`: the findings of a stored audit, in the JSON contract of DESIGN.md."""

from __future__ import annotations

from pathlib import Path

import click

from auditor.cli.options import audit_option, db_option, open_store, resolve_audit
from auditor.gate.formats.json_doc import audit_document, dumps


@click.command("export")
@db_option
@audit_option
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file instead of standard output.")
def command(db, audit_id, fmt, output):
    """Print an audit's sites (with crawl status and page counts) and findings as JSON."""
    store = open_store(db)
    try:
        audit = resolve_audit(store, audit_id)
        text = dumps(audit_document(store, audit["id"]))
    finally:
        store.close()
    if output:
        output.write_text(text + "\n", encoding="utf-8")
    else:
        click.echo(text)
