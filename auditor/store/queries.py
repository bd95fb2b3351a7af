"""The store's read queries for the other layers: the site rules' facts (auditor/judge/sitefacts.py),
the reports (reports/review.py, reports/context.py) and `auditor check` (auditor/app/check.py).

The SQL lives here, next to the tables it reads (``database.py``); callers get rows (dicts; the
nav links as plain tuples, the one query whose rows are mostly repeats).
"""

from __future__ import annotations

from typing import Iterator

from auditor.store.database import Store
from auditor.store.pages import ELEMENT_RANGES

NAV_REGIONS = ("nav", "header", "footer")


# -- the site rules' facts -------------------------------------------------------------------
def page_summaries(store: Store, site_row_id: int, columns: tuple[str, ...]) -> list[dict]:
    """The named columns (and id) of the site's pages, in stored order."""
    return list(store.db.query(f"select id, {', '.join(columns)} from pages where site_id = ? order by id",
                               [site_row_id]))


def page_row(store: Store, page_id: int) -> dict:
    """One page's whole row."""
    return next(store.db.query("select * from pages where id = ?", [page_id]))


def page_elements(store: Store, table: str, page_id: int, columns: tuple[str, ...]) -> list[tuple]:
    """The named columns of a page's links or media (``table``), in stored order."""
    first, last = ELEMENT_RANGES[table]
    return store.db.execute(
        f"select {', '.join('e.' + column for column in columns)} from pages p join {table} e"
        f" on e.rowid between p.{first} and p.{last} and +e.page_id = p.id where p.id = ? order by e.rowid",
        [page_id]).fetchall()


# The links of a site's pages: each page's are the range of rowids they were stored in
# (written together: Store.write_pages, jobs/shard.py), which its row records (pages.py
# ELEMENT_RANGES). The page_id test keeps any other row of the range out (stores before
# schema 5 had their ranges found from page_id, by its min and max).
SITE_LINKS = "pages p join links l on l.rowid between p.link_first and p.link_last and +l.page_id = p.id"


def nav_link_rowids(store: Store, site_row_id: int) -> list[int]:
    """Rowids of the links of the header, menus and footer across the site's pages, the first
    stored of each (url, text), in the order they were first stored. The menus repeat on every
    page (8,500 rows a site of 100 pages, 70 of them kept): SQLite groups them, and only the
    rowids leave it (the whole rows through the grouping cost a quarter more). Rowid order is
    the order pages and their links were stored: a page's links are written right after it
    (Store.write_pages), a shard's in its pages' order (jobs/shard.py). A missing url or text
    counts as "" (what ``link_of`` makes of it)."""
    marks = ", ".join("?" for _ in NAV_REGIONS)
    return [rowid for rowid, in store.db.execute(
        f"select min(l.rowid) as first from {SITE_LINKS} where p.site_id = ? and l.region in ({marks}) "
        f"group by coalesce(l.url, ''), coalesce(l.text, '') order by first",
        [site_row_id, *NAV_REGIONS])]


VALUES_PER_QUERY = 500  # well under SQLite's limit of bound values


def links_by_rowid(store: Store, rowids: list[int]) -> dict[int, dict]:
    """Whole link rows (dicts), by rowid."""
    rows: dict[int, dict] = {}
    for start in range(0, len(rowids), VALUES_PER_QUERY):
        chunk = rowids[start:start + VALUES_PER_QUERY]
        for row in store.db.query(
                f"select rowid as link_rowid, * from links where rowid in ({', '.join('?' * len(chunk))})",
                chunk):
            rows[row.pop("link_rowid")] = row
    return rows


def referrers(store: Store, site_row_id: int, urls: list[str], limit: int = 10) -> dict[str, list[str]]:
    """The site's pages that link to each of ``urls`` (at most ``limit`` each, in the order the
    pages were stored), in one pass over the site's links for all of them (a pass is 5 ms on a
    site of 100 pages)."""
    found: dict[str, list[str]] = {url: [] for url in urls}
    for start in range(0, len(urls), VALUES_PER_QUERY):
        chunk = urls[start:start + VALUES_PER_QUERY]
        for url, final_url, _ in store.db.execute(
                f"select l.url, p.final_url, min(p.id) as first_page from {SITE_LINKS} "
                f"where p.site_id = ? and l.url in ({', '.join('?' * len(chunk))}) "
                "group by l.url, p.final_url order by l.url, first_page", [site_row_id, *chunk]):
            pages = found[url]
            if len(pages) < limit:
                pages.append(final_url)
    return found


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
