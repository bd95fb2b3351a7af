"""`auditor diff [A B]`: what changed between two audits, site by site (new, fixed, still open)."""

from __future__ import annotations

import click
from rich.console import Console
from rich.table import Table

from auditor.cli.options import db_option, open_store, resolve_audit
from auditor.errors import UsageError
from auditor.store.history import SiteDiff, diff_audits, latest_two

SEVERITY_STYLE = {"error": "red", "warning": "yellow", "info": "cyan"}


@click.command("diff")
@click.argument("audits", nargs=-1, type=int, metavar="[A B]")
@db_option
@click.option("--site", "site_key", default=None, help="Only this site (its registry id).")
def command(audits, db, site_key):
    """Compare two audits: the new, fixed and still-open findings of every site.

    A and B are audit ids (A the earlier); without them, the latest two audits of the store.
    Sites are matched by their registry id, findings by their fingerprint. A site that was
    unreachable or blocked in either audit is reported as not comparable.

    \b
    Examples:
      auditor diff --db quangtri.db
      auditor diff 3 5 --db quangtri.db --site huong-hoa
    """
    store = open_store(db)
    try:
        earlier, later = _pick_audits(store, audits)
        diffs = diff_audits(store, earlier, later)
    finally:
        store.close()
    if site_key:
        diffs = [d for d in diffs if d.key == site_key]
        if not diffs:
            raise UsageError(f"no site {site_key!r} in audit {earlier} or {later}")
    print_diff(earlier, later, diffs)


def _pick_audits(store, audits: tuple[int, ...]) -> tuple[int, int]:
    if len(audits) not in (0, 2):
        raise UsageError("give two audit ids (earlier, later), or none for the latest two")
    if audits:
        for audit_id in audits:
            resolve_audit(store, audit_id)
        return audits[0], audits[1]
    pair = latest_two(store)
    if pair is None:
        raise UsageError(f"{store.path}: a diff needs two audits; the store has fewer")
    return pair


def print_diff(earlier: int, later: int, diffs: list[SiteDiff], console: Console | None = None) -> None:
    console = console or Console()
    table = Table(title=f"Audit {earlier} → audit {later}")
    for column in ("site", "before", "after", "new", "fixed", "still open"):
        table.add_column(column, justify="right" if column in ("new", "fixed", "still open") else "left")
    for diff in diffs:
        table.add_row(diff.key, _status(diff.before), _status(diff.after), *_counts(diff))
    console.print(table)
    for diff in diffs:
        if diff.comparable and (diff.new or diff.fixed):
            console.print(f"\n[bold]{diff.key}[/] ({diff.name})")
            for label, rows in (("new", diff.new), ("fixed", diff.fixed)):
                for row in rows:
                    console.print(_line(label, row), highlight=False, markup=False, soft_wrap=True)
    totals = [sum(len(getattr(d, name)) for d in diffs if d.comparable) for name in ("new", "fixed", "still_open")]
    console.print(f"\nTotal: {totals[0]} new, {totals[1]} fixed, {totals[2]} still open "
                  f"({sum(1 for d in diffs if d.comparable)} of {len(diffs)} sites comparable).")


def _status(row: dict | None) -> str:
    return "absent" if row is None else row["crawl_status"]


def _counts(diff: SiteDiff) -> tuple[str, str, str]:
    if not diff.comparable:
        return "—", "—", "—"
    return str(len(diff.new)), str(len(diff.fixed)), str(len(diff.still_open))


def _line(label: str, row: dict) -> str:
    where = row["url"] or "(whole site)"
    what = row["message"] or row["title"]  # the case itself; the title names the criterion
    return f"  {label:<5} {row['rule']:<8} {row['severity']:<7} {what.rstrip('.')} | {where}"
