"""Roll-ups of audits for the overview's trends: which audits belong to the same registry, and
what each site failed in each of them, in a few queries rather than one per site.

"The same registry" is the same registry file (``audits.registry_path``, as given to
``auditor audit``): a province audited every quarter from ``quangtri.toml`` forms one series.
"""

from __future__ import annotations

from collections import defaultdict

from auditor.store.database import Store


def registry_audits(store: Store, audit_id: int) -> list[dict]:
    """The finished audits of the registry of ``audit_id`` up to it, oldest first, and itself."""
    return list(store.db.query(
        "select id, started_at, status from audits where registry_path = "
        "(select registry_path from audits where id = ?) and id <= ? "
        "and (id = ? or finished_at is not null) order by id", [audit_id, audit_id, audit_id]))


def site_states(store: Store, audit_id: int) -> dict[str, str]:
    """Each site's crawl status in an audit, by registry id."""
    return {row["key"]: row["crawl_status"] for row in
            store.db.query("select key, crawl_status from sites where audit_id = ?", [audit_id])}


def failed_rules(store: Store, audit_id: int) -> dict[str, dict[str, list[str]]]:
    """The open (not waived) findings' severities of each rule of each site, by registry id:
    ``{site key: {rule: [severity, ...]}}``."""
    failed: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for row in store.db.query(
            "select s.key, f.rule, f.severity from findings f join sites s on s.id = f.site_id "
            "where f.audit_id = ? and (f.waived is null or f.waived = '')", [audit_id]):
        failed[row["key"]][row["rule"]].append(row["severity"])
    return failed
