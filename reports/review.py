"""The review's judgement in words: what a site does well ("Ưu điểm") and what the department
asks of its unit ("Kiến nghị"), composed from the criteria and what the crawl saw. The sentences
themselves are in wording.py.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from auditor.judge.findings import SEVERITY_RANK
from auditor.reports import wording
from auditor.reports.catalogue import family_order
from auditor.reports.context import AuditContext, CriteriaFamily, is_assessed
from auditor.reports.i18n import VERDICT, pick, word
from auditor.store import queries
from auditor.store.database import Store


def short_date(iso: str) -> str:
    """``2026-11-19`` (or with a time) as ``19/11/2026``; anything else as written."""
    try:
        return datetime.fromisoformat(iso).strftime("%d/%m/%Y")
    except (TypeError, ValueError):
        return iso or ""


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
    found.extend(fact_strengths(ctx, site_row))
    return found


def fact_strengths(ctx: AuditContext, site_row: dict) -> list[str]:
    """Strengths the crawl itself shows: documents published, every page answering."""
    store, lang, found = ctx.store, ctx.lang, []
    documents, broken = queries.attachment_health(store, site_row["id"])
    if documents and not broken:
        found.append(wording.documents_available(documents, lang))
    pages, failing = queries.page_health(store, site_row["id"])
    if pages and not failing:
        found.append(wording.pages_respond(pages, lang))
    return found


def newest_article(store: Store, site_row_id: int) -> str:
    return queries.newest_published(store, site_row_id)


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
