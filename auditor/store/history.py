"""What changed for a site between two audits: new, fixed and still-open findings.

Sites are matched by their registry id (``sites.key``), findings by their fingerprint (rule,
site, normalised URL, evidence key; see auditor/judge/findings.py), so a test site that changed port
or a page moved from http to https is still the same finding.

"The previous audit of a site" is the latest earlier audit in which the same site was actually
inspected (crawl ``ok`` or ``partial``): comparing with an audit where the site was unreachable
would call every finding "new" although nothing was known before.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from auditor.statuses import REACHED
from auditor.store.database import Store

@dataclass
class SiteDiff:
    """The change for one site between an earlier and a later audit."""

    key: str
    name: str
    before: dict | None  # the site's row in the earlier audit (None: no earlier inspection)
    after: dict | None  # the site's row in the later audit (None: dropped from the registry)
    new: list[dict] = field(default_factory=list)  # finding rows of the later audit
    fixed: list[dict] = field(default_factory=list)  # finding rows of the earlier audit
    still_open: list[dict] = field(default_factory=list)  # finding rows of the later audit

    @property
    def comparable(self) -> bool:
        """Both sides inspected: only then does "fixed" mean fixed and "new" mean new."""
        return all(row is not None and row["crawl_status"] in REACHED
                   for row in (self.before, self.after))


def split_by_fingerprint(before: list[dict], after: list[dict]) -> tuple[list, list, list]:
    """(new, fixed, still open) between two lists of finding rows of the same site."""
    earlier = {row["fingerprint"] for row in before}
    later = {row["fingerprint"] for row in after}
    new = [row for row in after if row["fingerprint"] not in earlier]
    fixed = [row for row in before if row["fingerprint"] not in later]
    still_open = [row for row in after if row["fingerprint"] in earlier]
    return new, fixed, still_open


def site_findings(store: Store, site_row_id: int) -> list[dict]:
    """The findings of one site in one audit; waived findings are not open, so they are left out."""
    return list(store.db.query(
        "select * from findings where site_id = ? and (waived is null or waived = '') "
        "order by rule, id", [site_row_id]))


def previous_inspection(store: Store, audit_id: int, key: str) -> dict | None:
    """The site's row in the latest earlier audit where it was inspected, with the audit's date."""
    rows = list(store.db.query(
        "select s.*, a.started_at as audit_started_at from sites s join audits a on a.id = s.audit_id "
        "where s.key = ? and s.audit_id < ? and s.crawl_status in (?, ?) "
        "order by s.audit_id desc limit 1", [key, audit_id, *REACHED]))
    return rows[0] if rows else None


def diff_site(store: Store, before: dict | None, after: dict | None) -> SiteDiff:
    row = after or before
    diff = SiteDiff(key=row["key"], name=row["name"], before=before, after=after)
    if diff.comparable:
        diff.new, diff.fixed, diff.still_open = split_by_fingerprint(
            site_findings(store, before["id"]), site_findings(store, after["id"]))
    return diff


def since_previous(store: Store, audit_id: int, site_row: dict) -> SiteDiff:
    """The change for a site since its previous inspection, whichever audit that was."""
    return diff_site(store, previous_inspection(store, audit_id, site_row["key"]), site_row)


def diff_audits(store: Store, earlier_id: int, later_id: int) -> list[SiteDiff]:
    """Every site of either audit, in the later audit's order, then the sites it dropped."""
    before = {row["key"]: row for row in store.sites(earlier_id)}
    after = {row["key"]: row for row in store.sites(later_id)}
    keys = list(after) + [key for key in before if key not in after]
    return [diff_site(store, before.get(key), after.get(key)) for key in keys]


def latest_two(store: Store) -> tuple[int, int] | None:
    ids = [row["id"] for row in store.db.query("select id from audits order by id desc limit 2")]
    return (ids[1], ids[0]) if len(ids) == 2 else None
