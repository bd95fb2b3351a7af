"""The report model: everything a site report shows, built from the store. Pure data, no HTML.

``AuditContext.load`` reads an audit once (its sites and findings); ``build_site_report`` turns
one site into the sections of the department's review: general information, conclusion and
score, the criteria (đạt / không đạt / không xác định), strengths, shortcomings by family with
their evidence and citation, requests, the change since the previous inspection, and the
appendix of findings by page. The province overview (reports/overview.py) is built from these.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from functools import cached_property

from auditor.findings import SEVERITIES, SEVERITY_RANK
from auditor.history import ASSESSED, SiteDiff, since_previous
from auditor.reports import wording
from auditor.reports.catalogue import (RuleInfo, family_name, family_order, level_covered,
                                       pack_in_force, regime_text, rule_infos)
from auditor.reports.evidence import EvidenceItem, evidence_items, safe_href
from auditor.reports.i18n import (CRAWL_STATUS, LEVEL, REGISTRY_STATUS, SEVERITY, STATUS, VERDICT,
                                  pick, reason_text, word)
from auditor.reports.score import Score, score_site
from auditor.store import Store

VIETNAM_TIME = timezone(timedelta(hours=7))  # no daylight saving: a fixed offset is exact
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")


# -- the pieces ------------------------------------------------------------------------------
@dataclass
class AuditInfo:
    id: int
    name: str
    inspector: str  # the inspecting body, or "Đoàn kiểm tra" when the registry named none
    superior: str  # the document head's first line: the body's superior ("UBND tỉnh Quảng Trị")
    issuer: str  # its second line: the body itself ("Sở Khoa học và Công nghệ")
    pack: str
    regime: str
    date_text: str  # "ngày 21 tháng 11 năm 2026"
    datetime_text: str  # "21/11/2026 09:15 (giờ Việt Nam)"
    status: str


@dataclass
class SiteInfo:
    key: str
    name: str
    url: str
    href: str | None
    domain: str
    level: str
    level_label: str
    parent_key: str
    parent_name: str
    registry_status: str
    registry_status_label: str
    crawl_status: str
    crawl_label: str
    reason: str  # in the report's language
    pages: int
    assessed: bool  # the content was inspected (crawl ok or partial)
    file: str  # the report's file name


@dataclass
class Criterion:
    info: RuleInfo
    status: str  # pass | fail | unknown
    severity: str  # the rule's, or its most severe finding's when it failed
    findings: int
    status_label: str
    severity_label: str


@dataclass
class CriteriaFamily:
    code: str
    name: str
    criteria: list[Criterion]

    def count(self, status: str) -> int:
        return sum(1 for criterion in self.criteria if criterion.status == status)


@dataclass
class Issue:
    rule: str
    family: str
    severity: str
    severity_label: str
    title: str
    message: str
    url: str | None
    href: str | None
    evidence: list[EvidenceItem]
    count: int
    samples: list[tuple[str, str | None]]  # (url, safe href)
    basis: str
    fingerprint: str
    change: str = ""  # "new" | "open" | "" (no comparable earlier inspection)

    @property
    def pages(self) -> list[str]:
        urls = [self.url] if self.url else []
        return urls + [url for url, _ in self.samples if url not in urls]


@dataclass
class IssueRule:
    """The shortcomings of one criterion: its heading and citation once, then each finding."""

    rule: str
    severity: str
    severity_label: str
    title: str
    basis: str
    issues: list[Issue]


@dataclass
class IssueFamily:
    code: str
    name: str
    rules: list[IssueRule]

    @property
    def issues(self) -> list[Issue]:
        return [item for rule in self.rules for item in rule.issues]


@dataclass
class History:
    has_previous: bool
    comparable: bool
    previous_audit_id: int | None = None
    previous_date: str = ""
    previous_score: int | None = None
    new: list[Issue] = field(default_factory=list)
    fixed: list[Issue] = field(default_factory=list)
    still_open: int = 0


@dataclass
class AppendixPage:
    url: str | None  # None: findings about the whole site
    href: str | None
    issues: list[Issue]


@dataclass
class SiteReport:
    lang: str
    audit: AuditInfo
    site: SiteInfo
    score: Score
    verdict_label: str
    criteria: list[CriteriaFamily]
    strengths: list[str]
    issues: list[IssueFamily]
    waived: list[Issue]
    requests_intro: str
    requests: list[wording.Request]
    history: History
    appendix: list[AppendixPage]
    counts: dict[str, int]  # open findings by severity
    family_counts: dict[str, int]  # open findings by family
    overview_href: str | None = None
    parent_href: str | None = None
    scope_notes: list[str] = field(default_factory=list)  # why some criteria are not listed


# -- reading an audit once -------------------------------------------------------------------
class AuditContext:
    """One audit as read from the store, with the per-site assessments computed once."""

    def __init__(self, store: Store, audit_id: int, lang: str):
        self.store, self.lang = store, lang
        self.audit = store.audit(audit_id)
        if self.audit is None:
            raise KeyError(f"no audit {audit_id}")
        self.sites = store.sites(audit_id)
        self.findings: dict[int, list[dict]] = defaultdict(list)
        for row in store.db.query("select * from findings where audit_id = ? order by rule, id",
                                  [audit_id]):
            self.findings[row["site_id"]].append(row)
        self._assessments: dict[int, tuple[list[CriteriaFamily], Score]] = {}
        self._previous: dict[int, AuditContext] = {}

    @cached_property
    def started(self) -> datetime:
        return datetime.fromisoformat(self.audit["started_at"]).astimezone(VIETNAM_TIME)

    @cached_property
    def pack(self) -> str:
        return self.audit["pack"] or pack_in_force(self.started.date())

    @cached_property
    def open_rows(self) -> list[dict]:
        return [row for rows in self.findings.values() for row in rows if not is_waived(row)]

    def open_findings(self, site_row: dict) -> list[dict]:
        return [row for row in self.findings[site_row["id"]] if not is_waived(row)]

    def waived_findings(self, site_row: dict) -> list[dict]:
        return [row for row in self.findings[site_row["id"]] if is_waived(row)]

    def site(self, key: str) -> dict | None:
        return next((row for row in self.sites if row["key"] == key), None)

    def children(self, key: str) -> list[dict]:
        return [row for row in self.sites if row["parent"] == key]

    def assessment(self, site_row: dict) -> tuple[list[CriteriaFamily], Score]:
        if site_row["id"] not in self._assessments:
            self._assessments[site_row["id"]] = assess(self, site_row)
        return self._assessments[site_row["id"]]

    def previous(self, audit_id: int) -> AuditContext:
        if audit_id not in self._previous:
            self._previous[audit_id] = AuditContext(self.store, audit_id, self.lang)
        return self._previous[audit_id]


def is_waived(row: dict) -> bool:
    return bool(row.get("waived"))


def is_assessed(site_row: dict) -> bool:
    return site_row["crawl_status"] in ASSESSED


# -- general information ---------------------------------------------------------------------
def audit_info(ctx: AuditContext) -> AuditInfo:
    lang, audit = ctx.lang, ctx.audit
    inspector = audit["inspector"] or word("inspector_fallback", lang)
    return AuditInfo(
        id=audit["id"], name=audit["name"] or "", inspector=inspector,
        **dict(zip(("superior", "issuer"), document_head(inspector))),
        pack=ctx.pack, regime=regime_text(ctx.pack, lang),
        date_text=long_date(ctx.started, lang), datetime_text=date_time(ctx.started, lang),
        status=audit["status"])


_DEPARTMENT = re.compile(r"^(Sở .+?) ((?:tỉnh|thành phố) .+)$", re.IGNORECASE)


def document_head(inspector: str) -> tuple[str, str]:
    """A department of a province heads its documents with the province's People's Committee
    above its own name (Decree 30/2020/NĐ-CP, Appendix I): "UBND tỉnh Quảng Trị" over
    "Sở Khoa học và Công nghệ". Any other body is written as given, on one line."""
    match = _DEPARTMENT.match(inspector.strip())
    if not match:
        return "", inspector
    return f"UBND {match.group(2)}", match.group(1)


def long_date(moment: datetime, lang: str) -> str:
    if lang == "vi":
        return f"ngày {moment.day:02d} tháng {moment.month:02d} năm {moment.year}"
    return f"{moment.day} {MONTHS_EN[moment.month - 1]} {moment.year}"


def date_time(moment: datetime, lang: str) -> str:
    zone = "giờ Việt Nam" if lang == "vi" else "Viet Nam time"
    return f"{moment:%d/%m/%Y %H:%M} ({zone})"


def short_date(iso: str) -> str:
    """``2026-11-19`` (or with a time) as ``19/11/2026``; anything else as written."""
    try:
        return datetime.fromisoformat(iso).strftime("%d/%m/%Y")
    except (TypeError, ValueError):
        return iso or ""


def site_file(key: str) -> str:
    """A file name for a site's report that no registry id can turn into a path."""
    safe = "".join(c if c.isascii() and (c.isalnum() or c in "-_.") else "-" for c in key).strip(".")
    return (safe or "site") + ".html"


def site_info(ctx: AuditContext, row: dict) -> SiteInfo:
    lang = ctx.lang
    parent = ctx.site(row["parent"]) if row["parent"] else None
    return SiteInfo(
        key=row["key"], name=row["name"] or row["key"], url=row["url"], href=safe_href(row["url"]),
        domain=row["domain"] or "", level=row["level"],
        level_label=pick(LEVEL[row["level"]], lang) if row["level"] in LEVEL else row["level"],
        parent_key=row["parent"] or "", parent_name=(parent["name"] if parent else row["parent"] or ""),
        registry_status=row["registry_status"] or "active",
        registry_status_label=_label(REGISTRY_STATUS, row["registry_status"] or "active", lang),
        crawl_status=row["crawl_status"], crawl_label=_label(CRAWL_STATUS, row["crawl_status"], lang),
        reason=reason_text(row["reason"] or "", lang), pages=row["pages"] or 0,
        assessed=is_assessed(row), file=site_file(row["key"]))


def _label(table: dict, code: str, lang: str) -> str:
    return pick(table[code], lang) if code in table else code


# -- criteria and score ----------------------------------------------------------------------
def assess(ctx: AuditContext, site_row: dict) -> tuple[list[CriteriaFamily], Score]:
    """Each criterion's result for the site, grouped by family, and the score they give."""
    rows = ctx.open_findings(site_row)
    infos = rule_infos(ctx.pack, site_row, ctx.lang, rows, ctx.open_rows)
    by_rule: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_rule[row["rule"]].append(row)
    assessed = is_assessed(site_row)
    criteria = [criterion(info, by_rule.get(rule_id, []), assessed, ctx.lang)
                for rule_id, info in infos.items()]
    families: dict[str, list[Criterion]] = defaultdict(list)
    for item in criteria:
        families[item.info.family].append(item)
    grouped = [CriteriaFamily(code, family_name(code, ctx.lang), items)
               for code, items in sorted(families.items(), key=lambda kv: family_order(kv[0]))]
    score = score_site([(c.status, c.severity) for c in criteria], assessed)
    return grouped, score


def criterion(info: RuleInfo, rows: list[dict], assessed: bool, lang: str) -> Criterion:
    if rows:
        status = "fail"
        severity = max((row["severity"] for row in rows), key=lambda s: SEVERITY_RANK.get(s, 3))
    else:
        status = "pass" if assessed else "unknown"
        severity = info.severity
    return Criterion(info=info, status=status, severity=severity, findings=len(rows),
                     status_label=pick(STATUS[status], lang),
                     severity_label=_label(SEVERITY, severity, lang))


# -- shortcomings ----------------------------------------------------------------------------
def issue(row: dict, info: RuleInfo | None, lang: str, change: str = "") -> Issue:
    samples = [url for url in json.loads(row["sample_urls"] or "[]") if url != row["url"]]
    return Issue(
        rule=row["rule"], family=info.family if info else row["rule"].split("-")[0],
        severity=row["severity"], severity_label=_label(SEVERITY, row["severity"], lang),
        title=(info.failure if info and info.known else row["title"]) or row["rule"],
        message=row["message"] or "", url=row["url"], href=safe_href(row["url"]),
        evidence=evidence_items(row["evidence"], lang), count=row["count"] or 1,
        samples=[(url, safe_href(url)) for url in samples],
        basis=row["basis"] or (info.basis if info else ""), fingerprint=row["fingerprint"],
        change=change)


def issue_sort_key(item: Issue) -> tuple:
    return (-SEVERITY_RANK.get(item.severity, 0), item.rule, item.url or "")


def issues_by_family(issues: list[Issue], lang: str) -> list[IssueFamily]:
    families: dict[str, list[Issue]] = defaultdict(list)
    for item in issues:
        families[item.family].append(item)
    return [IssueFamily(code, family_name(code, lang), issues_by_rule(items))
            for code, items in sorted(families.items(), key=lambda kv: family_order(kv[0]))]


def issues_by_rule(issues: list[Issue]) -> list[IssueRule]:
    rules: dict[str, list[Issue]] = defaultdict(list)
    for item in sorted(issues, key=issue_sort_key):
        rules[item.rule].append(item)
    grouped = []
    for rule, items in rules.items():
        worst = items[0]  # sorted: the most severe first
        bases = list(dict.fromkeys(item.basis for item in items if item.basis))
        grouped.append(IssueRule(rule=rule, severity=worst.severity, severity_label=worst.severity_label,
                                 title=worst.title, basis="; ".join(bases), issues=items))
    return sorted(grouped, key=lambda r: (-SEVERITY_RANK.get(r.severity, 0), r.rule))


def appendix(issues: list[Issue]) -> list[AppendixPage]:
    """Every finding under every page it was seen on (its page and its sample pages)."""
    pages: dict[str | None, list[Issue]] = defaultdict(list)
    for item in issues:
        for url in item.pages or [None]:
            pages[url].append(item)
    ordered = sorted(pages, key=lambda url: (url is not None, url or ""))
    return [AppendixPage(url, safe_href(url), sorted(pages[url], key=issue_sort_key))
            for url in ordered]


# -- strengths -------------------------------------------------------------------------------
def strengths(ctx: AuditContext, site_row: dict, families: list[CriteriaFamily]) -> list[str]:
    if not is_assessed(site_row):
        return []
    lang = ctx.lang
    found = []
    for family in families:
        passed, determined = family.count("pass"), len(family.criteria) - family.count("unknown")
        if passed and passed == determined:  # a family partly failed is no strength
            sentence = wording.family_strength(family.code, family.name, passed, determined, lang)
            if family.code == "FRS":
                newest = newest_article(ctx.store, site_row["id"])
                sentence += f" {wording.newest_article(short_date(newest), lang)}" if newest else ""
            found.append(sentence)
    found.extend(fact_strengths(ctx, site_row, families))
    return found


def fact_strengths(ctx: AuditContext, site_row: dict, families: list[CriteriaFamily]) -> list[str]:
    """Strengths the crawl itself shows: documents published, every page answering."""
    store, lang, found = ctx.store, ctx.lang, []
    documents, broken = store.db.execute(
        "select sum(status between 200 and 299), sum(status not between 200 and 299 or status is null) "
        "from attachments where site_id = ?", [site_row["id"]]).fetchone()
    if documents and not broken:
        found.append(wording.documents_available(documents, lang))
    pages, failing = store.db.execute(
        "select count(*), sum(status >= 400 or status = 0 or (error is not null and error != '')) "
        "from pages where site_id = ?", [site_row["id"]]).fetchone()
    if pages and not failing:
        found.append(wording.pages_respond(pages, lang))
    return found


def newest_article(store: Store, site_row_id: int) -> str:
    row = store.db.execute("select max(published) from pages where site_id = ? and published != ''",
                           [site_row_id]).fetchone()
    return row[0] or ""


# -- requests --------------------------------------------------------------------------------
def requests(ctx: AuditContext, site_row: dict, families: list[CriteriaFamily]) -> list[wording.Request]:
    lang, rows = ctx.lang, ctx.open_findings(site_row)
    failed = sorted((c for family in families for c in family.criteria if c.status == "fail"),
                    key=lambda c: (-SEVERITY_RANK.get(c.severity, 3), family_order(c.info.family), c.info.id))
    merged: dict[str, wording.Request] = {}
    for item in failed:
        text = (wording.as_request(item.info.remedy) if item.info.remedy
                else word("request_fix_unknown", lang, title=item.info.title.rstrip(".")))
        # Pages are only known per finding, and two causes may share pages (two ad networks on
        # the same 13 pages): the widest is exact for one finding, a lower bound for several.
        counts = [row["count"] or 1 for row in rows if row["rule"] == item.info.id and row["url"]]
        request = merged.setdefault(text, wording.Request(text, [], 0))
        request.rules.append(item.info.id)
        request.pages = max([request.pages, *counts])
        request.pages_exact = request.pages_exact and len(counts) <= 1
    found = list(merged.values())
    children = children_summary(ctx, site_row)
    if children:
        found.append(wording.Request(children, [], 0))
    return found


def children_summary(ctx: AuditContext, site_row: dict) -> str:
    """The request to direct the subordinate units, with how each fared in this audit."""
    children = ctx.children(site_row["key"])
    if not children:
        return ""
    listed, weak_families = [], Counter()
    for child in children:
        families, score = ctx.assessment(child)
        failed = sum(family.count("fail") for family in families)
        listed.append((child["name"], pick(VERDICT[score.verdict], ctx.lang), failed))
        weak_families.update({family.name: family.count("fail") for family in families if family.count("fail")})
    focus = [name for name, _ in weak_families.most_common(3)]
    return wording.children_request(site_row["level"], listed, focus, ctx.lang)


# -- history ---------------------------------------------------------------------------------
def history(ctx: AuditContext, site_row: dict, infos: dict[str, RuleInfo]) -> History:
    diff: SiteDiff = since_previous(ctx.store, ctx.audit["id"], site_row)
    if diff.before is None:
        return History(has_previous=False, comparable=False)
    previous_ctx = ctx.previous(diff.before["audit_id"])
    previous_row = previous_ctx.site(site_row["key"])
    _, previous_score = previous_ctx.assessment(previous_row)
    result = History(has_previous=True, comparable=diff.comparable,
                     previous_audit_id=diff.before["audit_id"],
                     previous_date=f"{previous_ctx.started:%d/%m/%Y %H:%M}",
                     previous_score=previous_score.value)
    if diff.comparable:
        result.new = [issue(row, infos.get(row["rule"]), ctx.lang, "new") for row in diff.new]
        result.fixed = [issue(row, infos.get(row["rule"]), ctx.lang) for row in diff.fixed]
        result.still_open = len(diff.still_open)
    return result


def scope_notes(ctx: AuditContext, info: SiteInfo) -> list[str]:
    """Why the criteria list is shorter than the pack: the level, or the unit's status."""
    notes = []
    if not level_covered(ctx.pack, info.level):
        notes.append(word("level_not_covered", ctx.lang, pack=ctx.pack, level=info.level_label.lower()))
    if info.registry_status in ("abolished", "merged"):
        status = pick(REGISTRY_STATUS[info.registry_status], ctx.lang).split(" (")[0].lower()
        notes.append(word("unit_abolished", ctx.lang, status=status))
    return notes


# -- the whole report ------------------------------------------------------------------------
def build_site_report(ctx: AuditContext, site_row: dict, overview_href: str | None = None) -> SiteReport:
    lang = ctx.lang
    families, score = ctx.assessment(site_row)
    infos = {c.info.id: c.info for family in families for c in family.criteria}
    past = history(ctx, site_row, infos)
    new_fingerprints = {item.fingerprint for item in past.new}
    change = (lambda fp: "new" if fp in new_fingerprints else "open") if past.comparable else (lambda fp: "")
    issues = [issue(row, infos.get(row["rule"]), lang, change(row["fingerprint"]))
              for row in ctx.open_findings(site_row)]
    info = site_info(ctx, site_row)
    audit = audit_info(ctx)
    parent = ctx.site(site_row["parent"]) if site_row["parent"] else None
    return SiteReport(
        lang=lang, audit=audit, site=info, score=score, verdict_label=pick(VERDICT[score.verdict], lang),
        criteria=families, strengths=strengths(ctx, site_row, families),
        issues=issues_by_family(issues, lang),
        waived=[issue(row, infos.get(row["rule"]), lang) for row in ctx.waived_findings(site_row)],
        requests_intro=word("requests_intro", lang, inspector=audit.inspector,
                            unit=wording.addressee(info.name, lang)),
        requests=requests(ctx, site_row, families), history=past, appendix=appendix(issues),
        counts={sev: sum(1 for item in issues if item.severity == sev) for sev in SEVERITIES},
        family_counts=dict(Counter(item.family for item in issues)),
        overview_href=overview_href,
        parent_href=site_file(parent["key"]) if parent and overview_href else None,
        scope_notes=scope_notes(ctx, info))
