"""The province overview: every site with its crawl status, score, counts and rank, a roll-up per
parent unit, the change since each site's previous inspection, and the charts' data. Pure data,
built from the site reports so that the overview and the site reports can never disagree.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from statistics import mean

from auditor.judge.findings import SEVERITIES
from auditor.reports import charts
from auditor.reports.catalogue import family_name, family_order
from auditor.reports.i18n import VERDICT, pick
from auditor.reports.model import AuditInfo, SiteReport

VERDICTS = ("compliant", "largely", "noncompliant", "unassessed")


@dataclass
class SiteRow:
    report: SiteReport
    rank: int | None  # None: not inspected, not ranked
    href: str

    @property
    def site(self):
        return self.report.site

    @property
    def score(self):
        return self.report.score


@dataclass
class Rollup:
    """A parent unit with its direct subordinates (a district and its communes)."""

    unit: SiteRow
    members: list[SiteRow]  # the unit first, then its subordinates
    assessed: int
    mean_score: float | None
    worst: SiteRow | None
    counts: dict[str, int]
    verdicts: dict[str, int]


@dataclass
class Overview:
    lang: str
    audit: AuditInfo
    rows: list[SiteRow]  # ranked order; sites not inspected last
    rollups: list[Rollup]
    families: list[tuple[str, str]]  # (code, name) of every family with a criterion or finding
    counts: dict[str, int]  # open findings by severity, all sites
    family_counts: dict[str, int]
    verdicts: dict[str, int]
    verdict_labels: dict[str, str]
    mean_score: float | None
    history: dict[str, int]  # new / fixed / still_open over the comparable sites
    compared_sites: int
    score_chart: charts.BarChart = field(default=None)
    family_chart: charts.StackedChart = field(default=None)

    @property
    def assessed(self) -> int:
        return sum(1 for row in self.rows if row.site.assessed)


VERDICT_ORDER = {"compliant": 0, "largely": 1, "noncompliant": 2}


def rank_rows(reports: list[SiteReport], site_dir: str) -> list[SiteRow]:
    """Rank by verdict, then by score: a compliant site always ranks above a largely compliant
    one, and that above a non-compliant one, whatever their scores (a hacked site with one
    gambling link may score 86 but must not outrank a site with only warnings). Equal verdict
    and score share a rank ("1, 2, 2, 4"); sites not inspected are listed last, unranked."""
    def standing(report: SiteReport) -> tuple[int, int]:
        return VERDICT_ORDER[report.score.verdict], -report.score.value

    inspected = sorted((r for r in reports if r.score.value is not None),
                       key=lambda r: (*standing(r), r.counts["error"], r.site.name))
    rows = [SiteRow(r, 1 + sum(1 for other in inspected if standing(other) < standing(r)),
                    f"{site_dir}/{r.site.file}") for r in inspected]
    rows += [SiteRow(r, None, f"{site_dir}/{r.site.file}") for r in reports if r.score.value is None]
    return rows


def rollups(rows: list[SiteRow]) -> list[Rollup]:
    by_key = {row.site.key: row for row in rows}
    found = []
    for row in rows:
        children = [other for other in rows if other.site.parent_key == row.site.key]
        if children:
            found.append(rollup(row, [by_key[row.site.key], *children]))
    return sorted(found, key=lambda r: (r.unit.site.level != "tinh", r.unit.site.name))


def rollup(unit: SiteRow, members: list[SiteRow]) -> Rollup:
    scored = [m for m in members if m.score.value is not None]
    return Rollup(
        unit=unit, members=members, assessed=len(scored),
        mean_score=round(mean(m.score.value for m in scored), 1) if scored else None,
        worst=min(scored, key=lambda m: m.score.value) if scored else None,
        counts={sev: sum(m.report.counts[sev] for m in members) for sev in SEVERITIES},
        verdicts=Counter(m.score.verdict for m in members))


def build_overview(reports: list[SiteReport], site_dir: str = "sites") -> Overview:
    lang = reports[0].lang
    rows = rank_rows(reports, site_dir)
    codes = {family.code for r in reports for family in r.criteria} | {
        code for r in reports for code in r.family_counts}
    families = [(code, family_name(code, lang)) for code in sorted(codes, key=family_order)]
    scored = [r.score.value for r in reports if r.score.value is not None]
    compared = [r for r in reports if r.history.comparable]
    overview = Overview(
        lang=lang, audit=reports[0].audit, rows=rows, rollups=rollups(rows), families=families,
        counts={sev: sum(r.counts[sev] for r in reports) for sev in SEVERITIES},
        family_counts=dict(sum((Counter(r.family_counts) for r in reports), Counter())),
        verdicts={v: sum(1 for r in reports if r.score.verdict == v) for v in VERDICTS},
        verdict_labels={v: pick(VERDICT[v], lang) for v in VERDICTS},
        mean_score=round(mean(scored), 1) if scored else None,
        history={"new": sum(len(r.history.new) for r in compared),
                 "fixed": sum(len(r.history.fixed) for r in compared),
                 "still_open": sum(r.history.still_open for r in compared)},
        compared_sites=len(compared))
    overview.score_chart = charts.score_chart(rows, lang)
    overview.family_chart = charts.family_chart(reports, families, lang)
    return overview
