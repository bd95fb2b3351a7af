"""`auditor prune --keep N`: drop the web archives of older audits, keep their findings and digests."""

from __future__ import annotations

import click

from auditor.archive.prune import prune
from auditor.cli.options import db_option, open_store
from auditor.store.queries import audit_ids


@click.command("prune")
@db_option
@click.option("--keep", type=click.IntRange(0), required=True,
              help="How many of the newest audits keep their WARC files.")
def command(db, keep):
    """Delete the WARC files (<db>.warc/<audit>/) of all audits but the newest KEEP.

    The store is not touched: findings, page digests and capture times stay, and the reports
    and `auditor evidence verify` then say "archive pruned" for those audits.

    \b
    Example:
      auditor prune --db quangtri.db --keep 4
    """
    store = open_store(db)
    try:
        newest_first = audit_ids(store)
    finally:
        store.close()
    pruned, freed = prune(db, newest_first, keep)
    if pruned:
        click.echo(f"pruned the archives of audits {', '.join(map(str, sorted(pruned)))} "
                   f"({freed / 1e6:.1f} MB freed); their findings and digests stay in {db}")
    else:
        click.echo(f"nothing to prune: no archive beyond the newest {keep} audits")
