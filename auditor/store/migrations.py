"""Store upgrades: the schema version (``PRAGMA user_version``) and the ordered migrations that
bring an older store up to it.

An inspector keeps years of audits in one file, so a new release opens every store an earlier
one wrote: each migration below runs once, in order, in one transaction with the version it
reaches. A store written by a newer release than this code is refused, unaltered (the check
reads the version before anything is written, WAL mode included).

Columns for facts added to ``PageFacts`` need no migration: they are derived from the fact
declarations (``pages.py``) and added to any store that lacks them when it opens.

Versions: 1 is release 0.1 (reasons as English sentences); 2 stores them as codes (JSON,
spiders/outcomes.py); 3 adds each finding's page digest and capture time (the web archive);
5 records where each page's links and media are (their rowid ranges, pages.py
``ELEMENT_RANGES``), read by range instead of through an index on page_id.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Callable

from auditor.errors import UsageError
from auditor.store.pages import ELEMENT_RANGES

SCHEMA_VERSION = 5


class StoreTooNew(UsageError):
    """The store was written by a newer release: this one must not touch it."""


def _reasons_as_codes(conn: sqlite3.Connection) -> None:
    """0.1 wrote a site's reasons as one English sentence ("page budget; 3 trap URLs skipped")
    and a page's error as one: both become ``legacy`` reasons, their words kept as written."""
    for row_id, text in conn.execute("select id, reason from sites where reason != ''").fetchall():
        parts = [{"code": "legacy", "params": {"text": part.strip()}}
                 for part in text.split(";") if part.strip()]
        conn.execute("update sites set reason = ? where id = ?",
                     [json.dumps(parts, ensure_ascii=False), row_id])
    for table in ("pages", "attachments"):
        conn.execute(f"update {table} set error = json_object('code', 'legacy', 'params', "
                     f"json_object('text', error)) where error is not null and error != ''")
        conn.execute(f"update {table} set error = null where error = ''")


def _basis_kinds(conn: sqlite3.Connection) -> None:
    """Findings say which kind of basis is behind them (auditor/judge/law.py: breach,
    recommendation, guidance, quality); earlier findings have none recorded."""
    columns = {row[1] for row in conn.execute("PRAGMA table_info(findings)")}
    if "basis_kind" not in columns:
        conn.execute("alter table findings add column basis_kind text")


# What a finding keeps of its page's archived copy (docs/evidence.md): the payload's digest
# and the capture time. Findings of earlier audits have none.
FINDING_EVIDENCE = {"page_sha256": str, "captured_at": str}


def _finding_evidence(conn: sqlite3.Connection) -> None:
    present = {row[1] for row in conn.execute("PRAGMA table_info(findings)")}
    for column in FINDING_EVIDENCE:
        if column not in present:
            conn.execute(f"alter table findings add column {column} text")


def _element_ranges(conn: sqlite3.Connection) -> None:
    """Each page's first and last link and medium, found through the page_id indexes these
    stores have (and keep: a range is read with its page_id tested, so rows of a page written
    apart, if a store has any, are still found by their index)."""
    present = {row[1] for row in conn.execute("PRAGMA table_info(pages)")}
    for table, (first, last) in ELEMENT_RANGES.items():
        for column in (first, last):
            if column not in present:
                conn.execute(f"alter table pages add column {column} integer")
        conn.execute(f"update pages set {first} = (select min(rowid) from {table} where page_id = pages.id),"
                     f" {last} = (select max(rowid) from {table} where page_id = pages.id)")


# version reached -> the migration that reaches it from the version before
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    2: _reasons_as_codes,
    3: _basis_kinds,
    4: _finding_evidence,
    5: _element_ranges,
}


def stored_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def refuse_newer(conn: sqlite3.Connection, path: Path) -> None:
    found = stored_version(conn)
    if found > SCHEMA_VERSION:
        raise StoreTooNew(f"{path}: this audit store was written by a newer release of the auditor "
                          f"(store schema {found}; this release reads up to {SCHEMA_VERSION}). "
                          f"Upgrade vngov-auditor to open it; the file was left unchanged.")


def upgrade(conn: sqlite3.Connection) -> list[int]:
    """Run the migrations the store still needs, each in its own transaction; the versions
    reached. ``conn`` is in autocommit mode (the store's)."""
    reached = []
    for version in range(stored_version(conn) + 1, SCHEMA_VERSION + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[version](conn)
            conn.execute(f"PRAGMA user_version={version}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        reached.append(version)
    return reached
