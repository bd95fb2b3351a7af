"""`auditor baseline`: record the findings known today, so that `check --baseline` counts only new ones."""

from __future__ import annotations

from pathlib import Path

import click

from auditor.gate.baseline import write_baseline
from auditor.cli.one_site import audit_one_site, site_options
from auditor.cli.options import crawl_options, open_store, resolve_audit
from auditor.errors import UsageError
from auditor.gate.formats.json_doc import audit_document

HELP = """Record the fingerprints of today's findings in a baseline file.

\b
Either crawl a site now (same options as `auditor check`):
  auditor baseline https://huonglap.quangtri.gov.vn -o baseline.json
or take an audit already stored (default: the latest one in --db):
  auditor baseline --db quangtri.db --audit 12 -o baseline.json

Then `auditor check URL --baseline baseline.json` reports those findings as
baseline and fails only on new ones. A fingerprint is made of the rule, the site
id, the page's path and the evidence, not of the host or port: a baseline taken
on a staging address holds in production, as long as the site id is the same
(pass the same --id, or let both infer it from the same URL path).
"""


@click.command("baseline", help=HELP)
@click.argument("url", required=False)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The baseline file to write (JSON).")
@click.option("--audit", "audit_id", type=int, default=None,
              help="With --db and no URL: the stored audit to take (default: the latest).")
@site_options
@crawl_options
def command(url, output, audit_id, level, name, site_id, domain, pack, config, db, max_pages, max_depth,
            site_seconds, max_time, contact, a11y_pages, variant_pages, quiet):
    if not output.parent.resolve().is_dir():
        raise UsageError(f"--output {output}: the folder {output.parent} does not exist")
    if url:
        if audit_id is not None:
            raise UsageError("--audit takes a stored audit: give either a URL or --db/--audit, not both")
        crawl = dict(max_pages=max_pages, max_depth=max_depth, site_seconds=site_seconds,
                     max_time=max_time, contact=contact, a11y_pages=a11y_pages,
                     variant_pages=variant_pages)
        with audit_one_site(url, level, name, site_id, domain, pack, db, crawl, quiet, config) as checked:
            document = audit_document(checked.store, checked.audit_id)
    else:
        if db is None:
            raise UsageError("give a URL to crawl, or --db FILE (and --audit ID) to take a stored audit")
        document = _stored(db, audit_id)
    count = write_baseline(output, document)
    click.echo(f"Baseline of {count} findings (audit {document['audit']['id']}) written to {output}")


def _stored(db: Path, audit_id: int | None) -> dict:
    store = open_store(db)
    try:
        audit = resolve_audit(store, audit_id)
        return audit_document(store, audit["id"])
    finally:
        store.close()
