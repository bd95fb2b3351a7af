"""One audit as read from the store, and a site's criteria judged.

``AuditContext`` reads an audit's sites once and a site's findings when asked; ``assess`` turns a site into
its criteria (đạt / không đạt / không xác định, grouped by family) and its score. The site
report (model.py), the review's prose (review.py) and the overview all start from here.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import cached_property

from auditor.judge.findings import SEVERITY_RANK
from auditor.statuses import REACHED
from auditor.reports.catalogue import RuleInfo, family_name, family_order, pack_in_force, rule_infos
from auditor.reports.i18n import SEVERITY, STATUS, pick
from auditor.reports.score import Score, score_site
from auditor.store import queries
from auditor.store.database import Store

VIETNAM_TIME = timezone(timedelta(hours=7))  # no daylight saving: a fixed offset is exact


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



# -- reading an audit once -------------------------------------------------------------------
class AuditContext:
    """One audit as read from the store. A site's findings are read when its report is built
    and kept only until the next site's are: a national audit's findings never sit in memory
    at once (issue 14: the reports step stays flat with the registry's size)."""

    def __init__(self, store: Store, audit_id: int, lang: str):
        self.store, self.lang = store, lang
        self.audit = store.audit(audit_id)
        if self.audit is None:
            raise KeyError(f"no audit {audit_id}")
        self.sites = store.sites(audit_id)
        self._site_findings: tuple[int | None, list[dict]] = (None, [])  # the last site read
        self._previous: dict[int, AuditContext] = {}

    @cached_property
    def started(self) -> datetime:
        return datetime.fromisoformat(self.audit["started_at"]).astimezone(VIETNAM_TIME)

    @cached_property
    def pack(self) -> str:
        return self.audit["pack"] or pack_in_force(self.started.date())

    @cached_property
    def rule_levels(self) -> dict[str, str]:
        """The user's config levels (off, warn, error) the audit ran with, as the engine recorded
        them: a rule switched off is no criterion, a rule set to warn passes as a warning."""
        try:
            settings = json.loads(self.audit["settings"] or "{}")
        except ValueError:
            return {}
        levels = settings.get("rule_levels") if isinstance(settings, dict) else None
        return dict(levels) if isinstance(levels, dict) else {}

    @cached_property
    def a11y(self) -> dict:
        """The browser pass's outcome (auditor/crawl/a11y.py); {} for an audit from before it."""
        try:
            settings = json.loads(self.audit["settings"] or "{}")
        except ValueError:
            return {}
        outcome = settings.get("a11y") if isinstance(settings, dict) else None
        return outcome if isinstance(outcome, dict) else {}

    def browser_checked(self, site_key: str) -> bool:
        """Whether the browser pass rendered and checked at least one page of the site."""
        return bool((self.a11y.get("pages") or {}).get(site_key))

    def browser_not_run_reason(self, site_key: str) -> str:
        """Why the site's browser criteria are "không xác định" (English; the report translates)."""
        if self.browser_checked(site_key):
            return ""
        if self.a11y.get("reason"):
            return self.a11y["reason"]
        if not self.a11y:
            return "the audit was made without the browser checks"
        failed = (self.a11y.get("failed") or {}).get(site_key)
        return f"{failed} pages could not be rendered" if failed else "no page of the site was rendered"

    def findings(self, site_row: dict) -> list[dict]:
        """The site's findings, open and waived, by rule then as stored."""
        if self._site_findings[0] != site_row["id"]:
            self._site_findings = (site_row["id"], list(queries.site_findings(self.store, site_row["id"])))
        return self._site_findings[1]

    def open_findings(self, site_row: dict) -> list[dict]:
        return [row for row in self.findings(site_row) if not is_waived(row)]

    def waived_findings(self, site_row: dict) -> list[dict]:
        return [row for row in self.findings(site_row) if is_waived(row)]

    @cached_property
    def rule_rows(self) -> list[dict]:
        """The first open finding of each rule in the audit: all that rule_infos needs of the
        audit's findings (which rules ran), without reading 10,000 rows for every site.

        "First" as the sites were once listed when the whole audit was read at once (each site
        in the order its first finding comes by rule, then its rows by rule): one pass over the
        findings keeps only a row per rule and a number per site."""
        site_order: dict[int, int] = {}
        first: dict[str, tuple[int, dict]] = {}
        for row in queries.audit_findings(self.store, self.audit["id"]):
            place = site_order.setdefault(row["site_id"], len(site_order))
            if is_waived(row):
                continue
            known = first.get(row["rule"])
            if known is None or place < known[0]:
                first[row["rule"]] = (place, row)
        return [row for _, row in sorted(first.values(), key=lambda kept: (kept[0], kept[1]["rule"]))]

    @cached_property
    def _by_key(self) -> dict[str, dict]:
        return {row["key"]: row for row in self.sites}

    @cached_property
    def _children(self) -> dict[str, list[dict]]:
        found = defaultdict(list)
        for row in self.sites:
            found[row["parent"]].append(row)
        return found

    def site(self, key: str) -> dict | None:
        return self._by_key.get(key)

    def children(self, key: str) -> list[dict]:
        return list(self._children.get(key, ()))

    def assessment(self, site_row: dict) -> tuple[list[CriteriaFamily], Score]:
        """Judged anew at each call, not kept: a province's portal assesses its thousands of
        communes for its requests, and each commune again for its own report."""
        return assess(self, site_row)

    def previous(self, audit_id: int) -> AuditContext:
        if audit_id not in self._previous:
            self._previous[audit_id] = AuditContext(self.store, audit_id, self.lang)
        return self._previous[audit_id]


def is_waived(row: dict) -> bool:
    return bool(row.get("waived"))


def is_assessed(site_row: dict) -> bool:
    return site_row["crawl_status"] in REACHED


def label_of(table: dict, code: str, lang: str) -> str:
    return pick(table[code], lang) if code in table else code


# -- criteria and score ----------------------------------------------------------------------
def assess(ctx: AuditContext, site_row: dict) -> tuple[list[CriteriaFamily], Score]:
    """Each criterion's result for the site, grouped by family, and the score they give."""
    rows = ctx.open_findings(site_row)
    infos = rule_infos(ctx.pack, site_row, ctx.lang, rows, ctx.rule_rows, ctx.rule_levels,
                       ctx.started.date())
    by_rule: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_rule[row["rule"]].append(row)
    assessed = is_assessed(site_row)
    browser_checked = ctx.browser_checked(site_row["key"])
    criteria = [criterion(info, by_rule.get(rule_id, []), assessed and (browser_checked or not info.browser),
                          ctx.lang)
                for rule_id, info in infos.items()]
    families: dict[str, list[Criterion]] = defaultdict(list)
    for item in criteria:
        families[item.info.family].append(item)
    grouped = [CriteriaFamily(code, family_name(code, ctx.lang), items)
               for code, items in sorted(families.items(), key=lambda kv: family_order(kv[0]))]
    score = score_site([(c.status, c.severity) for c in criteria], assessed)
    return grouped, score


def to_review(row: dict) -> bool:
    """A finding that says the auditor cannot tell (an info finding marked ``review``: what
    axe-core leaves to a person, a masthead that is a picture without text): not a failure."""
    if row["severity"] != "info":
        return False
    evidence = row.get("evidence") or {}
    if isinstance(evidence, str):
        evidence = json.loads(evidence or "{}")
    return bool(evidence.get("review"))


def criterion(info: RuleInfo, rows: list[dict], assessed: bool, lang: str) -> Criterion:
    if rows and all(to_review(row) for row in rows):
        status, severity = "unknown", info.severity
    elif rows:
        status = "fail"
        severity = max((row["severity"] for row in rows), key=lambda s: SEVERITY_RANK.get(s, 3))
    else:
        status = "pass" if assessed else "unknown"
        severity = info.severity
    return Criterion(info=info, status=status, severity=severity, findings=len(rows),
                     status_label=pick(STATUS[status], lang),
                     severity_label=label_of(SEVERITY, severity, lang))
