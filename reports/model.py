"""The report model: everything a site report shows, built from the store. Pure data, no HTML.

``build_site_report`` turns one site of an audit (read once by context.AuditContext) into the
sections of the department's review: general information, conclusion and
score, the criteria (đạt / không đạt / không xác định), strengths, shortcomings by family with
their evidence and citation, requests, the change since the previous inspection, and the
appendix of findings by page. The province overview (reports/overview.py) is built from these.
"""

from __future__ import annotations

import json
import re
import weakref
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from auditor.judge.findings import SEVERITIES, SEVERITY_RANK
from auditor.statuses import ABOLISHED
from auditor.store.history import SiteDiff, since_previous
from auditor.reports import wording
from auditor.reports.catalogue import (RuleInfo, family_name, family_of, family_order, level_covered,
                                       regime_text)
from auditor.reports.context import AuditContext, CriteriaFamily, is_assessed, label_of
from auditor.reports.evidence import EvidenceItem, evidence_items, safe_href
from auditor.reports.i18n import (CRAWL_STATUS, LEVEL, REGISTRY_STATUS, SEVERITY, VERDICT, pick,
                                  reason_text, word, browser_note)
from auditor.reports.review import requests, strengths
from auditor.reports.score import Score

MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")


# -- the pieces ------------------------------------------------------------------------------
@dataclass
class Section:
    """A section of a report: the contents and the headings are drawn from the report's list of
    these, numbered here, so that no template types a Roman numeral."""

    key: str  # its anchor
    title: str
    number: str = ""  # Roman numeral; "" for a section outside the numbering (the appendix)

    @property
    def heading(self) -> str:
        return f"{self.number}. {self.title}" if self.number else self.title


ROMAN = (("M", 1000), ("CM", 900), ("D", 500), ("CD", 400), ("C", 100), ("XC", 90), ("L", 50),
         ("XL", 40), ("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1))


def roman(number: int) -> str:
    digits = []
    for letter, value in ROMAN:
        count, number = divmod(number, value)
        digits.append(letter * count)
    return "".join(digits)


def numbered(sections: list[tuple[str, str]], unnumbered: tuple[str, ...] = ()) -> list[Section]:
    """(key, title) in order, numbered I, II, ... except the keys in ``unnumbered``."""
    found, count = [], 0
    for key, title in sections:
        if key not in unnumbered:
            count += 1
        found.append(Section(key, title, "" if key in unnumbered else roman(count)))
    return found


SITE_SECTIONS = (("general", "sec_general"), ("conclusion", "sec_conclusion"), ("history", "sec_history"),
                 ("results", "sec_results"), ("strengths", "sec_strengths"), ("issues", "sec_issues"),
                 ("requests", "sec_requests"), ("appendix", "sec_appendix"))


def site_sections(lang: str) -> list[Section]:
    return numbered([(key, word(label, lang)) for key, label in SITE_SECTIONS], unnumbered=("appendix",))


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
    page_sha256: str = ""  # its page's archived payload digest (docs/evidence.md); "": not archived
    captured_at: str = ""  # when that payload was captured (the WARC-Date)

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
    copy_href: str = ""  # its inert archived copy beside the report (reports/archived.py)
    archive_note: str = ""  # why there is no copy: the archive was pruned, is missing or altered

    @property
    def capture(self) -> Issue | None:
        """A finding found on this very page and carrying its archived copy's digest."""
        return next((item for item in self.issues if item.url == self.url and item.page_sha256), None)


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
    sections: list[Section] = field(default_factory=list)

    @property
    def headings(self) -> dict[str, str]:
        return {section.key: section.heading for section in self.sections}


# -- general information ---------------------------------------------------------------------
_AUDIT_INFOS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def audit_info(ctx: AuditContext) -> AuditInfo:
    """The audit's header, made once per context: every site's report (and summary, kept for
    the overviews) shows the same one, so 3,321 sites share it instead of holding a copy each."""
    if ctx not in _AUDIT_INFOS:
        _AUDIT_INFOS[ctx] = _make_audit_info(ctx)
    return _AUDIT_INFOS[ctx]


def _make_audit_info(ctx: AuditContext) -> AuditInfo:
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
        registry_status_label=label_of(REGISTRY_STATUS, row["registry_status"] or "active", lang),
        crawl_status=row["crawl_status"], crawl_label=label_of(CRAWL_STATUS, row["crawl_status"], lang),
        reason=reason_text(row["reason"] or "", lang), pages=row["pages"] or 0,
        assessed=is_assessed(row), file=site_file(row["key"]))


# -- shortcomings ----------------------------------------------------------------------------
def issue(row: dict, info: RuleInfo | None, lang: str, change: str = "") -> Issue:
    samples = [url for url in json.loads(row["sample_urls"] or "[]") if url != row["url"]]
    return Issue(
        rule=row["rule"], family=info.family if info else family_of(row["rule"]),
        severity=row["severity"], severity_label=label_of(SEVERITY, row["severity"], lang),
        title=(info.failure if info and info.known else row["title"]) or row["rule"],
        message=row["message"] or "", url=row["url"], href=safe_href(row["url"]),
        evidence=evidence_items(row["evidence"], lang), count=row["count"] or 1,
        samples=[(url, safe_href(url)) for url in samples],
        basis=row["basis"] or (info.basis if info else ""), fingerprint=row["fingerprint"],
        change=change, page_sha256=row.get("page_sha256") or "",
        captured_at=row.get("captured_at") or "")


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
    if info.registry_status in ABOLISHED:
        status = pick(REGISTRY_STATUS[info.registry_status], ctx.lang).split(" (")[0].lower()
        notes.append(word("unit_abolished", ctx.lang, status=status))
    if info.assessed and not ctx.browser_checked(info.key):
        reason = ctx.browser_not_run_reason(info.key)
        notes.append(word("browser_not_run", ctx.lang, reason=browser_note(reason, ctx.lang)))
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
        scope_notes=scope_notes(ctx, info), sections=site_sections(lang))
