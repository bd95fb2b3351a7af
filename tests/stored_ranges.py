"""Whether each page's links and media are exactly the rowid range its row records
(auditor/store/pages.py ELEMENT_RANGES), with no orphan: for the tests of the store and the jobs."""

from __future__ import annotations

import sqlite3

from auditor.store.pages import ELEMENT_RANGES


def misplaced_rows(conn: sqlite3.Connection) -> int:
    """Links and media outside their page's range, orphans (foreign_key_check), and ranges
    wider than their page's rows: 0 when each range holds exactly its page's rows."""
    misplaced = len(conn.execute("pragma foreign_key_check").fetchall())
    for table, (first, last) in ELEMENT_RANGES.items():
        misplaced += conn.execute(
            f"select count(*) from {table} e left join pages p on p.id = e.page_id"
            f" where p.id is null or e.rowid not between p.{first} and p.{last}").fetchone()[0]
        spans = conn.execute(f"select coalesce(sum(max({last} - {first} + 1, 0)), 0) from pages").fetchone()[0]
        misplaced += abs(spans - conn.execute(f"select count(*) from {table}").fetchone()[0])
    return misplaced
