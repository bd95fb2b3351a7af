"""Trends: the mean score and the sites passing in each audit of the same registry, for the
whole audit or for one unit's sites, so that an inspector sees whether things improve.

The current audit's point comes from its site reports (the figures the page shows); earlier
audits are scored from their stored findings in three queries each (auditor/store/rollups.py)
with the same arithmetic (score.py): a failed criterion is a rule with an open finding, at its
most severe finding's severity, and a site inspected without findings passed its criteria.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from statistics import mean

from auditor.judge.findings import SEVERITY_RANK
from auditor.reports.context import VIETNAM_TIME
from auditor.reports.score import Score, score_site
from auditor.store.database import Store
from auditor.statuses import REACHED as ASSESSED  # a reached site had its content inspected
from auditor.store.rollups import failed_rules, registry_audits, site_states

PASSING = ("compliant", "largely")  # no error-level criterion failed


@dataclass
class TrendPoint:
    audit_id: int
    date: str  # dd/mm/yyyy, Viet Nam time
    sites: int  # the scope's sites listed in that audit
    mean_score: float | None
    passing: int

    @property
    def passing_share(self) -> float:
        return 100 * self.passing / self.sites if self.sites else 0.0


def point(audit_id: int, date: str, scores: list[Score]) -> TrendPoint:
    values = [s.value for s in scores if s.value is not None]
    return TrendPoint(audit_id=audit_id, date=date, sites=len(scores),
                      mean_score=round(mean(values), 1) if values else None,
                      passing=sum(1 for s in scores if s.verdict in PASSING))


def short_date(started_at: str) -> str:
    return f"{datetime.fromisoformat(started_at).astimezone(VIETNAM_TIME):%d/%m/%Y}"


def stored_score(status: str, failed: dict[str, list[str]]) -> Score:
    assessed = status in ASSESSED
    results = [("fail", max(severities, key=lambda s: SEVERITY_RANK.get(s, 3)))
               for severities in failed.values()]
    return score_site(results + ([("pass", "")] if assessed else []), assessed)


class RegistryTrend:
    """Every earlier audit of the registry scored once per site; points for any set of sites."""

    def __init__(self, store: Store, audit_id: int):
        self.audit_id = audit_id
        self.audits = registry_audits(store, audit_id)
        self.earlier: dict[int, dict[str, Score]] = {}
        for audit in self.audits:
            if audit["id"] != audit_id:
                failed = failed_rules(store, audit["id"])
                self.earlier[audit["id"]] = {key: stored_score(status, failed.get(key, {}))
                                             for key, status in site_states(store, audit["id"]).items()}

    def points(self, current: dict[str, Score]) -> list[TrendPoint]:
        """One point per audit, oldest first; ``current``: this audit's scores of the scope's sites.
        Empty when the store holds no earlier audit of the registry."""
        if not self.earlier:
            return []
        found = []
        for audit in self.audits:
            date = short_date(audit["started_at"])
            if audit["id"] == self.audit_id:
                found.append(point(audit["id"], date, list(current.values())))
            else:
                scores = self.earlier[audit["id"]]
                found.append(point(audit["id"], date, [scores[key] for key in current if key in scores]))
        return found

    def previous(self, current: dict[str, Score]) -> TrendPoint | None:
        points = self.points(current)
        return points[-2] if len(points) >= 2 else None
