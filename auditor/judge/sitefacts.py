"""SiteFacts from the store, and the site rules run over every site of an audit.

Once the crawl is over (auditor/crawl/finish.py), each site's facts are rebuilt from what the
pipelines stored: the pages (PageSummary), the home page's facts with its links and media, the
navigation links seen across the site, robots.txt, the HTTP/HTTPS probe and the attachments.
Only what the site rules read is loaded, one site at a time.
"""

from __future__ import annotations

import json

from auditor.spiders.facts import (Attachment, DateMention, Heading, Link, Media, PageFacts,
                                   PageSummary, SiteFacts)
from auditor.store.database import Store

HTML_TYPES = ("text/html", "application/xhtml+xml")
NAV_REGIONS = ("nav", "header", "footer")


def _json(text, default):
    try:
        return json.loads(text) if text else default
    except ValueError:
        return default


def _dates(row) -> list[DateMention]:
    return [DateMention(raw=d[0], iso=d[1], region=d[2] if len(d) > 2 else "body")
            for d in _json(row["dates"], [])]


def page_summary(row: dict) -> PageSummary:
    content_type = row["content_type"] or ""
    return PageSummary(
        url=row["url"], final_url=row["final_url"] or row["url"], status=row["status"] or 0,
        content_type=content_type, title=row["title"] or "", text_length=row["text_length"] or 0,
        published=row["published"] or "", depth=row["depth"] or 0,
        is_html=content_type in HTML_TYPES, error=row["error"] or "", bytes=row["bytes"] or 0,
        text_sample=row["text_sample"] or "", dates=_dates(row), author=row["author"] or "",
        source=row["source"] or "", has_search_form=bool(row["has_search_form"]),
        emails=_json(row["emails"], []), footer_text=row["footer_text"] or "",
        kind=row.get("kind") or "",
    )


def _links(store: Store, page_id: int) -> list[Link]:
    return [Link(url=r["url"] or "", text=r["text"] or "", region=r["region"] or "body",
                 hidden=bool(r["hidden"]), rel=r["rel"] or "", has_image=bool(r["has_image"]),
                 label=r["label"] or "")
            for r in store.db.query("select * from links where page_id = ?", [page_id])]


def _media(store: Store, page_id: int) -> list[Media]:
    return [Media(kind=r["kind"], src=r["src"] or "", region=r["region"] or "body", alt=r["alt"],
                  hidden=bool(r["hidden"]))
            for r in store.db.query("select * from media where page_id = ?", [page_id])]


def home_facts(store: Store, row: dict, site_key: str) -> PageFacts:
    """The home page's facts, as far as the store keeps them (the main text only as a sample)."""
    return PageFacts(
        site=site_key, url=row["url"], final_url=row["final_url"] or row["url"],
        status=row["status"] or 0, content_type=row["content_type"] or "", depth=row["depth"] or 0,
        redirects=_json(row["redirects"], []), is_html=(row["content_type"] or "") in HTML_TYPES,
        bytes=row["bytes"] or 0, error=row["error"] or "", title=row["title"] or "",
        lang=row["lang"] or "", generator=row["generator"] or "",
        headings=[Heading(level, text) for level, text in _json(row["headings"], [])],
        text=row["text_sample"] or "", main_text=row["text_sample"] or "",
        header_text=row["header_text"] or "", footer_text=row["footer_text"] or "",
        links=_links(store, row["id"]), media=_media(store, row["id"]),
        has_search_form=bool(row["has_search_form"]), dates=_dates(row),
        published=row["published"] or "", author=row["author"] or "", source=row["source"] or "",
        emails=_json(row["emails"], []), kind=row.get("kind") or "", cms=row.get("cms") or "",
    )


def _home_row(rows: list[dict], site_url: str) -> dict | None:
    from auditor.spiders.urls import canonical

    home = canonical(site_url)
    for row in rows:
        if row["url"] == home:
            return row
    return next((row for row in rows if (row["depth"] or 0) == 0), None)


def _nav(store: Store, site_row_id: int) -> list[Link]:
    """Links of the header, menus and footer across the site, each (url, text) once."""
    seen: dict[tuple[str, str], Link] = {}
    marks = ", ".join("?" for _ in NAV_REGIONS)
    for r in store.db.query(
            f"select l.* from links l join pages p on p.id = l.page_id "
            f"where p.site_id = ? and l.region in ({marks})", [site_row_id, *NAV_REGIONS]):
        key = (r["url"] or "", r["text"] or "")
        if key not in seen:
            seen[key] = Link(url=key[0], text=key[1], region=r["region"], hidden=bool(r["hidden"]),
                             rel=r["rel"] or "", has_image=bool(r["has_image"]), label=r["label"] or "")
    return list(seen.values())


def _referrers(store: Store, site_row_id: int, broken: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for url in broken:
        rows = store.db.query(
            "select distinct p.final_url from links l join pages p on p.id = l.page_id "
            "where p.site_id = ? and l.url = ? limit 10", [site_row_id, url])
        out[url] = [r["final_url"] for r in rows]
    return out


def _attachments(store: Store, site_row_id: int) -> list[Attachment]:
    return [Attachment(url=r["url"], found_on=r["found_on"] or "", status=r["status"] or 0,
                       error=r["error"] or "")
            for r in store.db.query("select * from attachments where site_id = ?", [site_row_id])]


def build_site_facts(store: Store, site_row: dict, audit_date: str,
                     parent_row: dict | None = None) -> SiteFacts:
    rows = list(store.pages(site_row["id"]))
    home_row = _home_row(rows, site_row["url"])
    pages = [page_summary(row) for row in rows]
    broken = [p.url for p in pages if p.status >= 400 or p.kind == "error"]  # soft 404s too
    probe = _json(site_row.get("probe"), {})
    return SiteFacts(
        site=site_row["key"], name=site_row["name"] or "", level=site_row["level"],
        url=site_row["url"], registry_status=site_row["registry_status"] or "active",
        crawl_status=site_row["crawl_status"] or "pending", crawl_reason=site_row["reason"] or "",
        parent=site_row["parent"] or "",
        home=home_facts(store, home_row, site_row["key"]) if home_row else None,
        pages=pages, nav=_nav(store, site_row["id"]),
        emails=sorted({e for p in pages for e in p.emails}),
        robots_disallows_all=site_row["crawl_status"] == "blocked"
        and "robots" in (site_row["reason"] or ""),
        audit_date=audit_date, domain=site_row.get("domain") or "",
        parent_url=(parent_row or {}).get("url") or "",
        parent_domain=(parent_row or {}).get("domain") or "",
        probe=probe if isinstance(probe, dict) else {}, robots=site_row.get("robots") or "",
        attachments=_attachments(store, site_row["id"]),
        referrers=_referrers(store, site_row["id"], broken),
    )


def judge_sites(store: Store, audit_id: int, engine) -> int:
    """Run the site rules over every site of the audit and store their findings; how many."""
    site_rows = store.sites(audit_id)
    by_key = {row["key"]: row for row in site_rows}
    total = 0
    for row in site_rows:
        facts = build_site_facts(store, row, engine.audit_date, by_key.get(row["parent"] or ""))
        findings = engine.judge_site(facts)
        store.add_findings(audit_id, [f.to_row(row["id"]) for f in findings])
        total += len(findings)
    return total
