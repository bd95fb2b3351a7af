"""The overviews: the audit's top page and one page per parent unit. Pure data, built from the
site reports so that the overviews and the site reports can never disagree.

A registry whose sites name a ``parent`` has units: each site belongs to the unit of its parent
(a commune to its province), and a site that others name as parent heads its own unit (the
province's portal is listed in the province's unit, a district's in the district's), so the
units partition the sites. The top page then summarises the units, one row each, and lists the
sites themselves only while they stay few (``SITE_LIST_LIMIT``); each unit's page is the
province overview of its sites. A registry without parents has no units: its top page is that
overview of every site.

The overviews read each site through its ``SiteSummary``: the few figures they show, kept when
the site's report is written and its findings dropped (reports/render.py), so that a national
audit's overviews never hold 3,321 reports at once.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Iterator
from statistics import mean, median

from auditor.judge.findings import SEVERITIES, SEVERITY_RANK
from auditor.reports import charts
from auditor.reports.catalogue import family_name, family_order
from auditor.reports.i18n import LEVEL, VERDICT, pick, word
from auditor.reports.model import AuditInfo, Section, SiteInfo, SiteReport, numbered, site_file
from auditor.reports.score import Score
from auditor.reports.trends import RegistryTrend, TrendPoint

VERDICTS = ("compliant", "largely", "noncompliant", "unassessed")
VERDICT_ORDER = {"compliant": 0, "largely": 1, "noncompliant": 2}
SITE_LIST_LIMIT = charts.SITE_BARS_LIMIT  # the top page lists its sites up to this many
UNITS_DIR, SITES_DIR, RULES_DIR = "units", "sites", "findings"
NO_UNIT = "_unparented"  # the file of the sites under no parent unit (not a valid site id)


@dataclass(slots=True)
class RuleTally:
    """One criterion's open findings on a site, as the overviews count them."""

    rule: str
    severity: str  # its most severe finding's
    severity_label: str
    title: str
    basis: str
    findings: int
    pages: int  # pages its findings name (a finding on many pages counts each page)


@dataclass(slots=True)
class HistoryCounts:
    """A site's change since its previous inspection, as the overviews count it."""

    has_previous: bool
    comparable: bool
    previous_audit_id: int | None
    previous_date: str
    previous_score: int | None
    new: int
    fixed: int
    still_open: int


@dataclass
class SiteSummary:
    """What the overviews read of a site's report (reports/model.py), without its findings."""

    lang: str
    audit: AuditInfo
    site: SiteInfo
    score: Score
    verdict_label: str
    counts: dict[str, int]  # open findings by severity
    family_counts: dict[str, int]  # open findings by family
    family_codes: list[str]  # the families of its criteria
    family_severities: dict[str, dict[str, int]]  # open findings by family, then by severity
    rules: list[RuleTally]  # by family, then as the report lists them
    history: HistoryCounts


def _shared(text: str) -> str:
    """One copy of a text every site repeats (a criterion's title and basis, a severity's label):
    each site's findings were read anew, so each summary held its own copies, 10 KB a site that
    a national audit's overviews keep for 3,321 sites (issue 14)."""
    return sys.intern(text) if isinstance(text, str) else text


def summarize(report: SiteReport) -> SiteSummary:
    past = report.history
    severities: dict[str, dict[str, int]] = {}
    for family in report.issues:
        tally = severities.setdefault(family.code, {})
        for item in family.issues:
            tally[item.severity] = tally.get(item.severity, 0) + 1
    return SiteSummary(
        lang=report.lang, audit=report.audit, site=report.site, score=report.score,
        verdict_label=report.verdict_label, counts=report.counts, family_counts=report.family_counts,
        family_codes=[family.code for family in report.criteria], family_severities=severities,
        rules=[RuleTally(rule=_shared(group.rule), severity=_shared(group.severity),
                         severity_label=_shared(group.severity_label), title=_shared(group.title),
                         basis=_shared(group.basis), findings=len(group.issues),
                         pages=sum(item.count for item in group.issues if item.url))
               for family in report.issues for group in family.rules],
        history=HistoryCounts(has_previous=past.has_previous, comparable=past.comparable,
                              previous_audit_id=past.previous_audit_id, previous_date=past.previous_date,
                              previous_score=past.previous_score, new=len(past.new), fixed=len(past.fixed),
                              still_open=past.still_open))


@dataclass
class SiteRow:
    report: SiteSummary
    rank: int | None  # None: not inspected, not ranked
    href: str

    @property
    def site(self):
        return self.report.site

    @property
    def score(self):
        return self.report.score


@dataclass
class Figures:
    """The counts of a set of sites: what a unit's row and an overview's summary show."""

    sites: int
    reached: int  # content inspected (crawl ok or partial)
    verdicts: dict[str, int]
    mean_score: float | None
    median_score: float | None
    counts: dict[str, int]  # open findings by severity
    new: int  # findings new since each site's previous inspection (comparable sites only)
    fixed: int
    still_open: int
    compared_sites: int

    @property
    def unreached(self) -> int:
        return self.sites - self.reached


def figures(reports: list[SiteSummary]) -> Figures:
    scored = [r.score.value for r in reports if r.score.value is not None]
    compared = [r for r in reports if r.history.comparable]
    return Figures(
        sites=len(reports), reached=sum(1 for r in reports if r.site.assessed),
        verdicts={v: sum(1 for r in reports if r.score.verdict == v) for v in VERDICTS},
        mean_score=round(mean(scored), 1) if scored else None,
        median_score=round(median(scored), 1) if scored else None,
        counts={sev: sum(r.counts[sev] for r in reports) for sev in SEVERITIES},
        new=sum(r.history.new for r in compared), fixed=sum(r.history.fixed for r in compared),
        still_open=sum(r.history.still_open for r in compared), compared_sites=len(compared))


@dataclass
class Unit:
    key: str  # the parent site's registry id, or NO_UNIT
    name: str
    level_label: str
    file: str  # the unit page's file name, in UNITS_DIR
    reports: list[SiteSummary]  # the unit's own site first, then its subordinates by name
    figures: Figures = None
    trend: list[TrendPoint] = field(default_factory=list)

    @property
    def mean_change(self) -> float | None:
        return mean_change(self.trend)


def mean_change(trend: list[TrendPoint]) -> float | None:
    """The mean score's change since the registry's previous audit, for the same sites."""
    if len(trend) < 2 or None in (trend[-1].mean_score, trend[-2].mean_score):
        return None
    return round(trend[-1].mean_score - trend[-2].mean_score, 1)


def group_units(reports: list[SiteSummary], lang: str) -> list[Unit]:
    """The units of the registry (see the module's note); none when no site names a parent."""
    unit_of = units_of((r.site.key, r.site.parent_key) for r in reports)
    if not unit_of:
        return []
    by_key = {r.site.key: r for r in reports}
    members: dict[str, list[SiteSummary]] = defaultdict(list)
    for report in reports:
        members[unit_of[report.site.key]].append(report)
    units = []
    for key, group in members.items():
        head = by_key.get(key)
        group.sort(key=lambda r: (r.site.key != key, r.site.name))
        units.append(Unit(key=key, name=head.site.name if head else word("no_unit", lang),
                          level_label=head.site.level_label if head else "",
                          file=site_file(key), reports=group, figures=figures(group)))
    level_rank = {level: index for index, level in enumerate(LEVEL)}
    return sorted(units, key=lambda u: (u.key == NO_UNIT, level_rank.get(by_key[u.key].site.level, 9)
                                        if u.key in by_key else 9, u.name))


def units_of(sites: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Each site's unit: {site key: its unit's key} from (key, parent key) pairs, or {} when no
    site names a parent listed in the registry (no units)."""
    pairs = list(sites)
    keys = {key for key, _ in pairs}
    heads = {parent for _, parent in pairs if parent in keys}
    if not heads:
        return {}
    return {key: key if key in heads else parent if parent in heads else NO_UNIT for key, parent in pairs}


@dataclass
class CommonFinding:
    """A criterion failed across the overview's sites: how widely."""

    rule: str
    title: str
    severity: str
    severity_label: str
    sites: int  # sites with at least one open finding of the rule
    pages: int  # pages named by those findings (a finding on many pages counts each page)
    share: float  # sites / the overview's sites, in percent
    href: str  # the rule's page, listing the sites concerned


def common_findings(reports: list[SiteSummary], href_of) -> list[CommonFinding]:
    """Every rule with an open finding, the most widespread first."""
    sites: dict[str, set[str]] = defaultdict(set)
    pages: Counter = Counter()
    heads: dict[str, object] = {}
    for report in reports:
        for group in report.rules:
            sites[group.rule].add(report.site.key)
            pages[group.rule] += group.pages
            known = heads.get(group.rule)
            if known is None or SEVERITY_RANK.get(group.severity, 0) > SEVERITY_RANK.get(known.severity, 0):
                heads[group.rule] = group
    total = len(reports) or 1
    found = [CommonFinding(rule=rule, title=heads[rule].title, severity=heads[rule].severity,
                           severity_label=heads[rule].severity_label, sites=len(keys), pages=pages[rule],
                           share=round(100 * len(keys) / total, 1), href=href_of(rule))
             for rule, keys in sites.items()]
    return sorted(found, key=lambda c: (-c.sites, -c.pages, c.rule))


@dataclass
class Overview:
    lang: str
    audit: AuditInfo
    subject: str  # what the page covers: the registry's sites, or one unit's
    back_href: str | None  # the top page, from a unit's page
    rows: list[SiteRow]  # ranked order, sites not inspected last; [] when too many to list here
    units: list[Unit]
    common: list[CommonFinding]
    trend: list[TrendPoint]
    families: list[tuple[str, str]]  # (code, name) of every family with a criterion or finding
    family_counts: dict[str, int]
    figures: Figures
    verdict_labels: dict[str, str]
    sections: list[Section] = field(default_factory=list)
    score_chart: charts.BarChart = None  # one bar per site, or the histogram of scores
    unit_chart: charts.StackedChart | None = None
    family_chart: charts.StackedChart = None
    trend_chart: charts.TrendChart | None = None

    @property
    def mean_change(self) -> float | None:
        return mean_change(self.trend)


def rank_rows(reports: list[SiteSummary], href_of) -> list[SiteRow]:
    """Rank by verdict, then by score: a compliant site always ranks above a largely compliant
    one, and that above a non-compliant one, whatever their scores (a hacked site with one
    gambling link may score 86 but must not outrank a site with only warnings). Equal verdict
    and score share a rank ("1, 2, 2, 4"); sites not inspected are listed last, unranked."""
    def standing(report: SiteSummary) -> tuple[int, int]:
        return VERDICT_ORDER[report.score.verdict], -report.score.value

    inspected = sorted((r for r in reports if r.score.value is not None),
                       key=lambda r: (*standing(r), r.counts["error"], r.site.name))
    rows, first_at = [], {}
    for index, report in enumerate(inspected):  # sorted: a standing's first place is its rank
        rank = first_at.setdefault(standing(report), index + 1)
        rows.append(SiteRow(report, rank, href_of(report)))
    rows += [SiteRow(r, None, href_of(r)) for r in reports if r.score.value is None]
    return rows


def overview_sections(overview: Overview) -> list[Section]:
    lang = overview.lang
    wanted = [("general", "sec_general"), ("summary", "ov_summary"),
              ("trend", "ov_trend" if overview.trend else None),
              ("units", "ov_units" if overview.units else None),
              ("charts", "ov_charts"), ("common", "ov_common"),
              ("ranking", "ov_ranking" if overview.rows else None),
              ("families", "families" if overview.rows else None),
              ("history", "ov_history" if overview.rows else None), ("method", "sec_method")]
    return numbered([(key, word(label, lang)) for key, label in wanted if label])


def build_overview(reports: list[SiteSummary], *, depth: int = 0, unit: Unit | None = None,
                   units: list[Unit] = (), trend: RegistryTrend | None = None) -> Overview:
    """The overview of ``reports``: the top page (``units`` given when the registry has them),
    or a unit's page (``unit``). ``depth``: how many folders below the output's root the page
    lives, for its relative links."""
    lang = reports[0].lang
    up = "../" * depth
    listed = not units or len(reports) <= SITE_LIST_LIMIT
    codes = {code for r in reports for code in r.family_codes} | {
        code for r in reports for code in r.family_counts}
    families = [(code, family_name(code, lang)) for code in sorted(codes, key=family_order)]
    subject = (word("unit_subject", lang, unit=unit.name) if unit else word("overview_subject", lang))
    overview = Overview(
        lang=lang, audit=reports[0].audit, subject=subject,
        back_href=f"{up}index.html" if unit else None,
        rows=rank_rows(reports, lambda r: f"{up}{SITES_DIR}/{r.site.file}") if listed else [],
        units=list(units),
        common=common_findings(reports, lambda rule: f"{up}{RULES_DIR}/{site_file(rule)}"
                               + (f"#{unit.file.removesuffix('.html')}" if unit else "")),
        trend=(unit.trend if unit else trend.points({r.site.key: r.score for r in reports}) if trend else []),
        families=families, family_counts=dict(sum((Counter(r.family_counts) for r in reports), Counter())),
        figures=unit.figures if unit else figures(reports),
        verdict_labels={v: pick(VERDICT[v], lang) for v in VERDICTS})
    overview.sections = overview_sections(overview)
    if len(reports) <= charts.SITE_BARS_LIMIT:
        overview.score_chart = charts.score_chart(overview.rows, lang)  # listed: few sites
    else:
        overview.score_chart = charts.score_histogram([r.score.value for r in reports], lang)
        if units:
            overview.unit_chart = charts.unit_chart(units, lang)
    overview.family_chart = charts.family_chart(reports, families, lang)
    overview.trend_chart = charts.trend_chart(overview.trend, lang) if overview.trend else None
    return overview


def build_units(reports: list[SiteSummary], trend: RegistryTrend | None) -> list[Unit]:
    units = group_units(reports, reports[0].lang)
    for unit in units:
        unit.trend = trend.points({r.site.key: r.score for r in unit.reports}) if trend else []
    return units


@dataclass
class RulePage:
    """The sites where one rule failed, grouped by unit: where the most-common table leads."""

    lang: str
    audit: AuditInfo
    finding: CommonFinding
    basis: str
    groups: list[tuple[str, str, str, list[tuple[SiteRow, int]]]]  # (anchor, unit name, href, [(row, findings)])


def rule_pages(reports: list[SiteSummary], units: list[Unit],
               common: list[CommonFinding]) -> Iterator[RulePage]:
    """One page per common finding, made as it is written: each lists every site the rule
    failed on, so all of them at once would hold a row per site per rule (issue 14)."""
    lang, audit = reports[0].lang, reports[0].audit
    scopes = ([(u.file.removesuffix(".html"), u.name, f"../{UNITS_DIR}/{u.file}", u.reports) for u in units]
              or [("all", word("overview_subject", lang), "../index.html", reports)])
    for item in common:
        groups, bases = [], []
        for anchor, name, href, members in scopes:
            hits = []
            for report in members:
                found = [g for g in report.rules if g.rule == item.rule]
                if found:
                    bases.extend(g.basis for g in found if g.basis)
                    hits.append((SiteRow(report, None, f"../{SITES_DIR}/{report.site.file}"),
                                 sum(g.findings for g in found)))
            if hits:
                groups.append((anchor, name, href, hits))
        yield RulePage(lang, audit, item, "; ".join(dict.fromkeys(bases)), groups)
