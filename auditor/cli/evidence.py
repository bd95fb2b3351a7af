"""`auditor evidence`: an evidence bundle of some findings; `auditor evidence verify`: re-check
the digests of an audit's web archive or of a bundle (docs/evidence.md)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from auditor.archive.prune import PRUNED, archive_state
from auditor.archive.verify import verify, verify_bundle
from auditor.archive.warcfile import archive_root
from auditor.cli.options import audit_option, db_option, open_store, resolve_audit
from auditor.errors import UsageError
from auditor.exit_codes import EXIT_OK, EXIT_USAGE
from auditor.store.queries import archived_pages


@click.group("evidence", invoke_without_command=True)
@db_option
@audit_option
@click.option("--site", "site", default=None, help="Every finding of this site (registry id).")
@click.option("--finding", "fingerprint", default=None,
              help="One finding, by its fingerprint (or the start of it, as the reports print it).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the bundle.")
@click.pass_context
def command(ctx, db, audit_id, site, fingerprint, out) -> None:
    """Write an evidence bundle: the WARC records of the findings' pages, a manifest.json
    (finding, rule, basis, URL, capture time, digests, tool version), each page's inert copy
    and, where Chromium is installed, a screenshot of each finding's page rendered from the
    archive (never fetched again) with the offending element outlined.

    \b
    Examples:
      auditor evidence --db quangtri.db --site xa-a --out bundle-xa-a
      auditor evidence --db quangtri.db --finding 3f2c9a0d1e --out bundle-3f2c
      auditor evidence verify bundle-xa-a
    """
    if ctx.invoked_subcommand is not None:
        return
    if (site is None) == (fingerprint is None) or out is None:
        raise UsageError("auditor evidence: give --site ID or --finding FINGERPRINT, and --out DIR "
                         "(or `auditor evidence verify TARGET`)")
    from auditor.archive.bundle import build_bundle

    store = open_store(db)
    try:
        audit = resolve_audit(store, audit_id)
        findings = [row for row in store.findings(audit["id"])
                    if (site is not None and row["site"] == site)
                    or (fingerprint is not None and row["fingerprint"].startswith(fingerprint))]
        if not findings:
            raise UsageError(f"audit {audit['id']} has no finding "
                             + (f"on site {site!r}" if site else f"with fingerprint {fingerprint!r}"))
        selection = {"site": site} if site else {"finding": fingerprint}
        manifest = build_bundle(store, db, audit, findings, selection, out, _playwright_chromium())
    finally:
        store.close()
    pages = manifest["pages"]
    kept = sum(1 for page in pages if not page.get("problem"))
    shots = sum(1 for finding in manifest["findings"] if finding.get("screenshot"))
    click.echo(f"audit {audit['id']}: {len(manifest['findings'])} findings, {kept} of {len(pages)} "
               f"pages with their records, {shots} screenshots in {out}")
    for page in pages:
        if page.get("problem"):
            click.echo(f"note: {page['final_url']}: {page['problem']}", err=True)
    for note in manifest["notes"]:
        click.echo(f"note: {note}", err=True)


def _playwright_chromium() -> str | None:
    """The Chromium for screenshots, when Playwright's client and a system Chromium are here."""
    import importlib.util

    from auditor.browser.chromium import find_chromium

    return find_chromium() if importlib.util.find_spec("playwright") else None


@command.command("verify")
@click.argument("target", type=click.Path(path_type=Path))
@db_option
@audit_option
def verify_command(target, db, audit_id):
    """Re-check digests. TARGET is an evidence bundle (a folder with manifest.json: no --db
    needed), or an audit's archive: the archive folder (<db>.warc), one audit's folder in it,
    or one WARC file, checked against the store (--db, --audit).

    Says which file or record differs. Exit codes: 0 every digest matches, 2 a file is missing,
    a record differs, the archive was pruned (or a usage error).
    """
    if (target / "manifest.json").is_file():
        checked, mismatches = verify_bundle(target)
        _report(mismatches)
        click.echo(f"bundle {target}: {checked - len(mismatches)} of {checked} records and files "
                   f"match the manifest")
        sys.exit(EXIT_USAGE if mismatches else EXIT_OK)
    if not target.exists():
        raise UsageError(f"{target}: no such WARC file, archive folder or bundle")
    store = open_store(db)
    try:
        audit = resolve_audit(store, audit_id)
        pages = archived_pages(store, audit["id"])
    finally:
        store.close()
    state, when = archive_state(archive_root(db), audit["id"])
    if state == PRUNED and pages:
        click.echo(f"audit {audit['id']}: archive pruned on {when}; the store keeps the digests "
                   f"of its {len(pages)} pages, which cannot be re-checked without it")
        sys.exit(EXIT_USAGE)
    checked, mismatches = verify(pages, target)
    _report(mismatches)
    if not checked:
        click.echo(f"auditor: error: no archived page of audit {audit['id']} lies in {target}", err=True)
        sys.exit(EXIT_USAGE)
    click.echo(f"audit {audit['id']}: {checked - len(mismatches)} of {checked} archived pages match "
               f"their WARC records")
    sys.exit(EXIT_USAGE if mismatches else EXIT_OK)


def _report(mismatches) -> None:
    for mismatch in mismatches:
        click.echo(f"MISMATCH {mismatch}")
