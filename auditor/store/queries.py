"""The store's read queries for the other layers: the site rules' facts (auditor/judge/sitefacts.py),
the reports (reports/review.py, reports/context.py) and `auditor check` (auditor/app/check.py).

The SQL lives here, next to the tables it reads (``database.py``); callers get rows (dicts; the
nav links as plain tuples, the one query whose rows are mostly repeats).
"""

from __future__ import annotations

import sqlite3
from typing import Iterator

from auditor.store.database import Store

NAV_REGIONS = ("nav", "header", "footer")


# -- the site rules' facts -------------------------------------------------------------------
def page_links(store: Store, page_id: int) -> Iterator[dict]:
    return store.db.query("select * from links where page_id = ?", [page_id])


def page_media(store: Store, page_id: int) -> Iterator[dict]:
    return store.db.query("select * from media where page_id = ?", [page_id])


def nav_link_keys(store: Store, site_row_id: int) -> sqlite3.Cursor:
    """(rowid, url, text) of the links of the header, menus and footer across the site's pages,
    page by page as they were stored (the order the indexes give: no sort). The menus repeat on
    every page: a caller that keeps one link per (url, text) reads only these three columns of
    every row, and the whole row of those it keeps (``links_by_rowid``)."""
    marks = ", ".join("?" for _ in NAV_REGIONS)
    return store.db.execute(
        f"select l.rowid, l.url, l.text from links l join pages p on p.id = l.page_id "
        f"where p.site_id = ? and l.region in ({marks}) order by p.id, l.rowid",
        [site_row_id, *NAV_REGIONS])


ROWIDS_PER_QUERY = 500  # well under SQLite's limit of bound values


def links_by_rowid(store: Store, rowids: list[int]) -> dict[int, dict]:
    """Whole link rows (dicts), by rowid."""
    rows: dict[int, dict] = {}
    for start in range(0, len(rowids), ROWIDS_PER_QUERY):
        chunk = rowids[start:start + ROWIDS_PER_QUERY]
        for row in store.db.query(
                f"select rowid as link_rowid, * from links where rowid in ({', '.join('?' * len(chunk))})",
                chunk):
            rows[row.pop("link_rowid")] = row
    return rows


def referrers(store: Store, site_row_id: int, url: str, limit: int = 10) -> list[str]:
    """The site's pages that link to ``url``."""
    return [row["final_url"] for row in store.db.query(
        "select distinct p.final_url from links l join pages p on p.id = l.page_id "
        "where p.site_id = ? and l.url = ? limit ?", [site_row_id, url, limit])]


def site_attachments(store: Store, site_row_id: int) -> Iterator[dict]:
    return store.db.query("select * from attachments where site_id = ?", [site_row_id])


# -- reports ---------------------------------------------------------------------------------
def audit_findings(store: Store, audit_id: int) -> Iterator[dict]:
    return store.db.query("select * from findings where audit_id = ? order by rule, id", [audit_id])


def site_findings(store: Store, site_row_id: int) -> Iterator[dict]:
    """One site's findings in the order audit_findings gives them (a site row is one audit's)."""
    return store.db.query("select * from findings where site_id = ? order by rule, id", [site_row_id])


def attachment_health(store: Store, site_row_id: int) -> tuple[int | None, int | None]:
    """(attachments that answered 2xx, attachments that did not) of the site."""
    return tuple(store.db.execute(
        "select sum(status between 200 and 299), sum(status not between 200 and 299 or status is null) "
        "from attachments where site_id = ?", [site_row_id]).fetchone())


def page_health(store: Store, site_row_id: int) -> tuple[int, int | None]:
    """(pages stored, pages that failed: HTTP >= 400, no answer, or an error) of the site."""
    return tuple(store.db.execute(
        "select count(*), sum(status >= 400 or status = 0 or (error is not null and error != '')) "
        "from pages where site_id = ?", [site_row_id]).fetchone())


def newest_published(store: Store, site_row_id: int) -> str:
    row = store.db.execute("select max(published) from pages where site_id = ? and published != ''",
                           [site_row_id]).fetchone()
    return row[0] or ""


# -- auditor check ---------------------------------------------------------------------------
def home_title_row(store: Store, audit_id: int, site_key: str) -> dict | None:
    """The title and masthead of the site's shallowest page that answered with a title."""
    rows = list(store.db.query(
        "select p.title, p.header_text from pages p join sites s on s.id = p.site_id "
        "where s.audit_id = ? and s.key = ? and p.status = 200 and p.title is not null "
        "order by p.depth, p.id limit 1", [audit_id, site_key]))
    return rows[0] if rows else None


# -- the web archive (auditor/archive/) ------------------------------------------------------
def last_archived_offset(store: Store, audit_id: int, warc_file: str) -> int | None:
    """The offset of the last record of ``warc_file`` a stored page points to (None: none)."""
    return store.db.execute("select max(warc_offset) from pages where audit_id = ? and warc_file = ?",
                            [audit_id, warc_file]).fetchone()[0]


ARCHIVED_PAGE = ("select p.url, p.final_url, p.warc_file, p.warc_record_id, p.warc_offset, p.warc_date, "
                 "p.payload_sha256, s.key as site from pages p join sites s on s.id = p.site_id "
                 "where p.audit_id = ? and p.warc_file is not null and p.warc_file != ''")


def archived_pages(store: Store, audit_id: int) -> list[dict]:
    """The audit's archived pages: where their record is and the digest of its payload."""
    return list(store.db.query(ARCHIVED_PAGE + " order by p.warc_file, p.warc_offset", [audit_id]))


def archived_page(store: Store, audit_id: int, site_key: str, url: str) -> dict | None:
    """The archived page a finding's URL names (its address or where it redirected)."""
    rows = list(store.db.query(ARCHIVED_PAGE + " and s.key = ? and ? in (p.url, p.final_url) "
                               "order by p.id limit 1", [audit_id, site_key, url]))
    return rows[0] if rows else None


def audit_ids(store: Store) -> list[int]:
    """Every audit of the store, the newest first."""
    return [row[0] for row in store.db.execute("select id from audits order by id desc")]
