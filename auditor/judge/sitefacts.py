"""SiteFacts from the store, and the site rules run over every site of an audit.

Once the crawl is over (auditor/crawl/finish.py), each site's facts are rebuilt from what the
pipeline stored: the pages (PageSummary), the home page's whole facts with its links and media,
the navigation links seen across the site, robots.txt, the HTTP/HTTPS probe and the attachments.
The rows come from the store's queries (auditor/store/queries.py) and become facts as the fact
declarations say (auditor/store/pages.py). One site at a time.
"""

from __future__ import annotations

import json

from auditor.spiders.facts import Attachment, Link, Media, SiteFacts
from auditor.spiders.outcomes import has_code, load, load_all, record_texts
from auditor.spiders.urls import canonical
from auditor.store import queries
from auditor.store.database import Store
from auditor.store.pages import (MEDIA_KEEP_NONE, element_columns, elements_of, link_of, page_facts,
                                 page_summary, summary_columns)

__all__ = ["build_site_facts", "judge_sites", "page_summary"]


def _json(text, default):
    try:
        return json.loads(text) if text else default
    except ValueError:
        return default


def _home_row(rows: list[dict], site_url: str) -> dict | None:
    home = canonical(site_url)
    for row in rows:
        if row["url"] == home:
            return row
    return next((row for row in rows if (row["depth"] or 0) == 0), None)


def _home(store: Store, page_id: int, site_key: str):
    row = queries.page_row(store, page_id)
    links = elements_of(Link, queries.page_elements(store, "links", page_id, element_columns(Link)))
    media = elements_of(Media, queries.page_elements(store, "media", page_id, element_columns(Media)),
                        keep_none=MEDIA_KEEP_NONE)
    return page_facts(row, site_key, links, media)


def _nav(store: Store, site_row_id: int) -> list[Link]:
    """Links of the header, menus and footer across the site, each (url, text) once: the first
    stored of each (the store groups them: queries.nav_link_rowids)."""
    rowids = queries.nav_link_rowids(store, site_row_id)
    rows = queries.links_by_rowid(store, rowids)
    return [link_of(rows[rowid]) for rowid in rowids]


def _attachments(store: Store, site_row_id: int) -> list[Attachment]:
    return [Attachment(url=r["url"], found_on=r["found_on"] or "", status=r["status"] or 0,
                       error=load(r["error"]))
            for r in queries.site_attachments(store, site_row_id)]


def build_site_facts(store: Store, site_row: dict, audit_date: str,
                     parent_row: dict | None = None) -> SiteFacts:
    rows = queries.page_summaries(store, site_row["id"], summary_columns())
    home_row = _home_row(rows, site_row["url"])
    pages = [page_summary(row) for row in rows]
    broken = [p.url for p in pages if p.status >= 400 or p.kind == "error"]  # soft 404s too
    probe = _json(site_row.get("probe"), {})
    reasons = load_all(site_row["reason"])
    return SiteFacts(
        site=site_row["key"], name=site_row["name"] or "", level=site_row["level"],
        url=site_row["url"], registry_status=site_row["registry_status"] or "active",
        crawl_status=site_row["crawl_status"] or "pending", crawl_reason=record_texts(reasons),
        crawl_reasons=reasons, parent=site_row["parent"] or "",
        home=_home(store, home_row["id"], site_row["key"]) if home_row else None,
        pages=pages, nav=_nav(store, site_row["id"]),
        emails=sorted({e for p in pages for e in p.emails}),
        robots_disallows_all=site_row["crawl_status"] == "blocked"
        and has_code(reasons, "robots-disallows"),
        audit_date=audit_date, domain=site_row.get("domain") or "",
        parent_url=(parent_row or {}).get("url") or "",
        parent_domain=(parent_row or {}).get("domain") or "",
        probe=probe if isinstance(probe, dict) else {}, robots=site_row.get("robots") or "",
        attachments=_attachments(store, site_row["id"]),
        referrers=queries.referrers(store, site_row["id"], broken),
        ipv6=probe.get("ipv6") or {} if isinstance(probe, dict) else {},
    )


def judge_sites(store: Store, audit_id: int, engine, keys=None, parents=None) -> int:
    """Run the site rules over every site of the audit and store their findings; how many.

    ``keys``: only those sites. ``parents``: rows (url, domain) by key of parent sites the store
    lacks, as a job's shard lacks the sites of other jobs (auditor/jobs/site_rules.py)."""
    site_rows = store.sites(audit_id)
    by_key = {**(parents or {}), **{row["key"]: row for row in site_rows}}
    total = 0
    for row in site_rows:
        if keys is not None and row["key"] not in keys:
            continue
        facts = build_site_facts(store, row, engine.audit_date, by_key.get(row["parent"] or ""))
        findings = engine.judge_site(facts)
        store.add_findings(audit_id, [f.to_row(row["id"]) for f in findings])
        total += len(findings)
    return total
