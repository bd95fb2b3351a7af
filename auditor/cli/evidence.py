"""`auditor evidence verify`: re-check an audit's page digests against its web archive."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from auditor.archive.verify import verify
from auditor.cli.options import audit_option, db_option, open_store, resolve_audit
from auditor.errors import UsageError
from auditor.exit_codes import EXIT_OK, EXIT_USAGE
from auditor.store.queries import archived_pages


@click.group("evidence")
def command() -> None:
    """The audit's proof: its pages archived as WARC beside the store (<db>.warc)."""


@command.command("verify")
@click.argument("target", type=click.Path(path_type=Path))
@db_option
@audit_option
def verify_command(target, db, audit_id):
    """Re-check the SHA-256 of every archived page of the audit against TARGET: the archive
    folder (<db>.warc), one audit's folder in it, or one WARC file.

    Says which file or record differs. Exit codes: 0 every digest matches, 2 a file is missing
    or a record differs (or a usage error).
    """
    if not target.exists():
        raise UsageError(f"{target}: no such WARC file or folder")
    store = open_store(db)
    try:
        audit = resolve_audit(store, audit_id)
        pages = archived_pages(store, audit["id"])
    finally:
        store.close()
    checked, mismatches = verify(pages, target)
    for mismatch in mismatches:
        click.echo(f"MISMATCH {mismatch}")
    if not checked:
        click.echo(f"auditor: error: no archived page of audit {audit['id']} lies in {target}", err=True)
        sys.exit(EXIT_USAGE)
    click.echo(f"audit {audit['id']}: {checked - len(mismatches)} of {checked} archived pages match "
               f"their WARC records")
    sys.exit(EXIT_USAGE if mismatches else EXIT_OK)
