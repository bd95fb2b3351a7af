"""The audit store: one SQLite file (sqlite-utils) keeping every audit, so audits can be compared.

Tables: ``audits``, ``sites`` (one row per site per audit, with its crawl status), ``pages``,
``links`` and ``media`` (what the crawl saw), ``attachments`` (checked by HEAD), ``findings``.
WAL mode lets reports be read while an audit writes (a job's unsealed shard, which nothing
else reads, is written without it: ``UNSEALED_SUFFIX``); foreign keys are enforced (but for the
rows of a page and its links, written by one function: ``write_pages``). A page's links and
media are the rowid range its row records (``link_first``..``link_last``, pages.py).
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from dataclasses import asdict
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator

import sqlite_utils

from auditor.spiders.facts import PageFacts
from auditor.store.migrations import (FINDING_EVIDENCE, SCHEMA_VERSION, refuse_newer,
                                      stored_version, upgrade)
from auditor.store.pages import ELEMENT_RANGES, links_table, media_table, page_row, pages_table

# How long a statement waits for another connection's lock before "database is locked".
BUSY_TIMEOUT_MS = 30_000

# A job's shard is written as "X.db.part" until it is sealed (auditor/jobs/shard.py).
UNSEALED_SUFFIX = ".part"

# Tables whose columns are derived from the fact declarations (auditor/store/pages.py).
DERIVED_TABLES = {"pages": pages_table, "links": links_table, "media": media_table}


@lru_cache(maxsize=None)
def _insert(table: str) -> str:
    """The insert of a derived table's row, its rowid first, then its columns in declaration order."""
    columns = ["rowid", *DERIVED_TABLES[table]()]
    return f"insert into {table} ({', '.join(columns)}) values ({', '.join('?' * len(columns))})"


def last_rowid(conn: sqlite3.Connection, table: str) -> int:
    """The largest rowid of ``table`` (``main.links``, ``shard.pages`` ...), 0 when it is empty."""
    return conn.execute(f"select coalesce(max(rowid), 0) from {table}").fetchone()[0]


def utcnow() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


class Store:
    def __init__(self, path: str | Path, row_base: int = 0):
        self.path = Path(path)
        # The id a job's shard numbers its pages after (auditor/jobs/shard.py row_base()): a
        # block of ids the audit's store has none in, so they merge as they are. 0: a store's
        # own numbering, each page after the last.
        self.row_base = row_base
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        try:
            refuse_newer(conn, self.path)  # before anything is written, WAL mode included
        except BaseException:
            conn.close()
            raise
        self.db = sqlite_utils.Database(conn)
        if self.path.name.endswith(UNSEALED_SUFFIX):
            # One job's scratch file: nothing reads it before the seal, and a job that does not
            # end has it thrown away and runs again, so it needs no crash safety. Its rollback
            # journal stays in memory and nothing is synced: each page is written once into the
            # file, where WAL wrote it twice (the log, then the checkpoint into the file).
            self.db.execute("PRAGMA journal_mode=MEMORY")
            self.db.execute("PRAGMA synchronous=OFF")
        else:
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: durable at checkpoints, no corruption on crash
        self.db.execute("PRAGMA foreign_keys=ON")
        self._create()

    def close(self) -> None:
        self.db.conn.close()

    # -- schema -------------------------------------------------------------------------
    def _create(self) -> None:
        db = self.db
        if "audits" in db.table_names():
            if stored_version(db.conn) == 0:  # stores from before the version was written
                db.execute("PRAGMA user_version=1")
            upgrade(db.conn)
            self._add_missing_columns()
            return
        with db.conn:
            db["audits"].create({
                "id": int, "name": str, "inspector": str, "pack": str, "registry": str,
                "registry_path": str, "started_at": str, "finished_at": str, "status": str,
                "settings": str, "tool_version": str, "pid": int,
            }, pk="id", not_null={"started_at", "status"})
            db["sites"].create({
                "id": int, "audit_id": int, "key": str, "name": str, "level": str, "url": str,
                "parent": str, "registry_status": str, "domain": str,
                "crawl_status": str, "reason": str, "pages": int, "bytes": int,
                "started_at": str, "finished_at": str, "robots": str,
                "crawl_delay": float, "probe": str,
            }, pk="id", foreign_keys=[("audit_id", "audits", "id")], not_null={"audit_id", "key"})
            db["pages"].create(pages_table(), pk="id", foreign_keys=[
                ("audit_id", "audits", "id"), ("site_id", "sites", "id")])
            db["links"].create(links_table(), foreign_keys=[("page_id", "pages", "id")])
            db["media"].create(media_table(), foreign_keys=[("page_id", "pages", "id")])
            db["attachments"].create({
                "id": int, "audit_id": int, "site_id": int, "url": str, "found_on": str,
                "status": int, "content_type": str, "length": int, "error": str,
            }, pk="id", foreign_keys=[("audit_id", "audits", "id"), ("site_id", "sites", "id")])
            db["findings"].create({
                "id": int, "audit_id": int, "site_id": int, "rule": str, "severity": str,
                "url": str, "title": str, "message": str, "basis": str, "basis_kind": str,
                "evidence": str, "fingerprint": str, "count": int, "sample_urls": str, "waived": str,
                **FINDING_EVIDENCE,
            }, pk="id", foreign_keys=[("audit_id", "audits", "id"), ("site_id", "sites", "id")])
            db["sites"].create_index(["audit_id", "key"], unique=True)
            db["pages"].create_index(["audit_id", "url"], unique=True)
            db["pages"].create_index(["site_id"])
            # No index on links.page_id nor media.page_id: a page's rows are read by their rowid
            # range (pages.py ELEMENT_RANGES); stores from before schema 5 keep theirs.
            db["attachments"].create_index(["audit_id", "url"], unique=True)
            db["findings"].create_index(["audit_id", "fingerprint"], unique=True)
            db["findings"].create_index(["site_id"])
            db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    def _add_missing_columns(self) -> None:
        """Facts declared since a store was created (auditor/store/pages.py): an older store
        gains their columns on opening."""
        for table, declared in DERIVED_TABLES.items():
            existing = self.db[table].columns_dict
            for column, kind in declared().items():
                if column not in existing:
                    self.db[table].add_column(column, kind)

    # -- audits and sites ---------------------------------------------------------------
    def new_audit(self, registry, pack: str, settings: dict, version: str, pid: int) -> int:
        with self.db.conn:
            audit_id = self.db["audits"].insert({
                "name": registry.name, "inspector": registry.inspector, "pack": pack,
                "registry": json.dumps([asdict(site) for site in registry.sites], ensure_ascii=False),
                "registry_path": registry.path, "started_at": utcnow(), "finished_at": None,
                "status": "running", "settings": json.dumps(settings, default=str),
                "tool_version": version, "pid": pid,
            }).last_pk
            self.db["sites"].insert_all({
                "audit_id": audit_id, "key": site.id, "name": site.name, "level": site.level,
                "url": site.url, "parent": site.parent, "registry_status": site.status,
                "domain": site.domain, "crawl_status": "pending", "reason": "", "pages": 0,
                "bytes": 0,
            } for site in registry.sites)
        return audit_id

    def site_ids(self, audit_id: int) -> dict[str, int]:
        return {row["key"]: row["id"] for row in
                self.db.query("select id, key from sites where audit_id = ?", [audit_id])}

    def start_sites(self, audit_id: int) -> None:
        """The crawl of the audit's sites begins (or resumes) now."""
        with self.db.conn:
            self.db.execute("update sites set started_at = ? where audit_id = ?", [utcnow(), audit_id])

    def update_site(self, site_row_id: int, **values: Any) -> None:
        with self.db.conn:
            self.db["sites"].update(site_row_id, values)

    def update_audit(self, audit_id: int, **values: Any) -> None:
        with self.db.conn:
            self.db["audits"].update(audit_id, values)

    def finish_audit(self, audit_id: int, status: str = "complete") -> None:
        with self.db.conn:
            self.db["audits"].update(audit_id, {"finished_at": utcnow(), "status": status})

    def audit(self, audit_id: int | None = None) -> dict | None:
        sql = "select * from audits " + ("where id = ?" if audit_id else "order by id desc limit 1")
        rows = list(self.db.query(sql, [audit_id] if audit_id else []))
        return rows[0] if rows else None

    def sites(self, audit_id: int) -> list[dict]:
        return list(self.db.query("select * from sites where audit_id = ? order by id", [audit_id]))

    # -- pages --------------------------------------------------------------------------
    @contextmanager
    def rollback_journal(self) -> Iterator[bool]:
        """Big appends (the dispatcher's merges of job shards) in a rollback journal: SQLite
        writes the new pages into the file once and journals only the few it changes, where
        WAL writes every page twice, into the log and then by the checkpoint into the file
        (the merges' CPU halved). Readers of the store wait for each merge's commit meanwhile.
        Every commit is synced in full (the journal before the file), as crash-safe as WAL.
        Yields False, and stays in WAL, where another connection holds the store open (SQLite
        refuses to leave WAL then: at once, not after the 30 s a writer waits for a lock).
        WAL again at the end."""
        conn = self.db.conn
        conn.execute("PRAGMA busy_timeout=0")
        try:
            switched = conn.execute("PRAGMA journal_mode=TRUNCATE").fetchone()[0] == "truncate"
        except sqlite3.OperationalError:  # "database is locked": another connection has it open
            switched = False
        finally:
            conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if switched:
            conn.execute("PRAGMA synchronous=FULL")
        try:
            yield switched
        finally:
            if switched:
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=NORMAL")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One real transaction. The connection is in autocommit mode (``isolation_level=None``),
        where ``with conn:`` opens none: every statement would commit on its own, and a crash
        could keep a page without its links. Inside, use plain SQL only: sqlite-utils' own
        ``with conn:`` would commit this transaction half-way."""
        conn = self.db.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        if conn.in_transaction:
            conn.execute("COMMIT")

    def write_pages(self, audit_id: int, pages: list[tuple[PageFacts, int]],
                    findings: Iterable[dict] = ()) -> None:
        """Write a batch of pages (facts, site row id) with their links and media, and the page
        findings judged on them, in one transaction: a crash keeps all of it or none, so a
        resumed audit fetches and judges again exactly the pages it lost.

        Foreign keys are not checked row by row here (a lookup of the page for each of ~400
        links a page, on the crawl's hot path): each link and medium takes the id of the page
        inserted just before it, in the same transaction. The other writes keep them checked."""
        conn = self.db.conn
        conn.execute("pragma foreign_keys = off")  # outside a transaction, or SQLite ignores it
        try:
            with self.transaction():
                self._write_pages(conn, audit_id, pages, self.row_base)
                self._upsert_findings(conn, audit_id, findings)
        finally:
            conn.execute("pragma foreign_keys = on")

    @staticmethod
    def _write_pages(conn, audit_id: int, pages: list[tuple[PageFacts, int]], base: int) -> None:
        # Every row is given its id, the next after its table's last (a page's, after ``base``):
        # a page's links and media are one contiguous range of rowids, which its row records.
        following = {table: last_rowid(conn, table) + 1 for table in ELEMENT_RANGES}
        following["pages"] = max(last_rowid(conn, "pages"), base) + 1
        for facts, site_row_id in pages:
            page, links, media = page_row(facts, site_row_id)
            page["audit_id"] = audit_id
            page["id"] = page_id = following["pages"]
            elements = {"links": links, "media": media}
            for table, (first, last) in ELEMENT_RANGES.items():
                page[first] = following[table]
                page[last] = following[table] + len(elements[table]) - 1
            columns = ", ".join(page)
            marks = ", ".join("?" for _ in page)
            cursor = conn.execute(
                f"insert or ignore into pages ({columns}) values ({marks})", list(page.values()))
            if not cursor.rowcount:
                continue  # already stored (a resumed audit fetched it again)
            following["pages"] += 1
            for table, rows in elements.items():
                conn.executemany(_insert(table),
                                 [(rowid, page_id, *row) for rowid, row in enumerate(rows, following[table])])
                following[table] += len(rows)

    def write_attachments(self, audit_id: int, rows: list[dict]) -> None:
        with self.db.conn:
            for row in rows:
                row["audit_id"] = audit_id
            self.db["attachments"].insert_all(rows, ignore=True)

    def pages(self, site_row_id: int) -> Iterator[dict]:
        return self.db.query("select * from pages where site_id = ? order by id", [site_row_id])

    def site_totals(self, site_row_id: int) -> tuple[int, int]:
        """Pages stored for the site and their bytes."""
        return tuple(self.db.execute(
            "select count(*), coalesce(sum(bytes), 0) from pages where site_id = ?",
            [site_row_id]).fetchone())

    # -- resuming an interrupted audit (auditor/app/resume.py) -----------------------------
    def latest_unfinished_audit(self) -> dict | None:
        rows = list(self.db.query(
            "select * from audits where status != 'complete' order by id desc limit 1"))
        return rows[0] if rows else None

    def stored_pages(self, site_row_id: int) -> Iterator[dict]:
        return self.db.query(
            "select url, final_url, status, error, depth from pages where site_id = ?", [site_row_id])

    def links_to_follow(self, site_row_id: int) -> list[tuple[str, int, str]]:
        """Links on the site's good pages, each with its shallowest referrer: (url, depth, page)."""
        return [tuple(row) for row in self.db.execute(
            "select l.url, min(p.depth) + 1 as depth, min(p.final_url) from links l"
            " join pages p on l.rowid between p.link_first and p.link_last and +l.page_id = p.id"
            " where p.site_id = ? and p.error is null and p.status between 200 and 299"
            " group by l.url order by depth, l.url", [site_row_id]).fetchall()]

    def attachment_urls(self, site_row_id: int) -> list[str]:
        return [row[0] for row in self.db.execute(
            "select url from attachments where site_id = ?", [site_row_id]).fetchall()]

    def reopen_audit(self, audit_id: int, pid: int) -> None:
        with self.db.conn:
            self.db["audits"].update(audit_id, {"status": "running", "finished_at": None, "pid": pid})

    def mark_dead_audits(self) -> list[int]:
        """Audits left ``running`` by a process that died (kill -9, a crash, a power cut).

        Called under the audit lock, which no live audit holds then: any ``running`` row is
        stale, and becomes ``interrupted`` so that ``--resume`` finds it.
        """
        ids = [row[0] for row in self.db.execute(
            "select id from audits where status = 'running'").fetchall()]
        if ids:
            with self.db.conn:
                self.db.execute(
                    f"update audits set status = 'interrupted' where id in ({','.join('?' * len(ids))})",
                    ids)
        return ids

    # -- findings -----------------------------------------------------------------------
    def add_findings(self, audit_id: int, rows: Iterable[dict], sample_limit: int = 5) -> None:
        """Upsert by fingerprint: a cause seen again on another page adds to its count and samples."""
        with self.transaction() as conn:
            self._upsert_findings(conn, audit_id, rows, sample_limit)

    @staticmethod
    def _upsert_findings(conn, audit_id: int, rows: Iterable[dict], sample_limit: int = 5) -> None:
        for row in rows:
            existing = conn.execute(
                "select id, count, sample_urls from findings where audit_id = ? and fingerprint = ?",
                [audit_id, row["fingerprint"]]).fetchone()
            if existing is None:
                row = {**row, "audit_id": audit_id}
                row.setdefault("count", 1)
                row.setdefault("sample_urls", json.dumps([row["url"]] if row.get("url") else []))
                conn.execute(f"insert into findings ({', '.join(row)}) values ({', '.join('?' * len(row))})",
                             list(row.values()))
                continue
            samples = json.loads(existing[2] or "[]")
            url = row.get("url")
            if url and url not in samples and len(samples) < sample_limit:
                samples.append(url)
            conn.execute("update findings set count = ?, sample_urls = ? where id = ?",
                         [existing[1] + row.get("count", 1), json.dumps(samples), existing[0]])

    def link_findings_to_pages(self, audit_id: int) -> None:
        """Site findings about a stored page carry its archived payload's digest and capture
        time, as page findings do from the start (docs/evidence.md)."""
        page = ("select p.{} from pages p where p.audit_id = findings.audit_id and p.site_id = "
                "findings.site_id and findings.url in (p.url, p.final_url) and p.payload_sha256 != '' "
                "order by p.id limit 1")
        with self.db.conn:
            self.db.execute(
                f"update findings set page_sha256 = ({page.format('payload_sha256')}), "
                f"captured_at = ({page.format('warc_date')}) "
                "where audit_id = ? and page_sha256 is null and coalesce(url, '') != ''", [audit_id])

    def findings(self, audit_id: int) -> list[dict]:
        return list(self.findings_rows(audit_id))

    def findings_rows(self, audit_id: int):
        """The audit's findings one row at a time (a national audit has hundreds of thousands)."""
        return self.db.query(
            "select f.*, s.key as site from findings f join sites s on s.id = f.site_id "
            "where f.audit_id = ? order by s.id, f.rule, f.id", [audit_id])

    def finding_counts(self, audit_id: int) -> dict[tuple[str, str], int]:
        """{(site key, severity): findings}."""
        rows = self.db.execute(
            "select s.key, f.severity, count(*) from findings f join sites s on s.id = f.site_id "
            "where f.audit_id = ? group by s.key, f.severity", [audit_id]).fetchall()
        return {(key, severity): count for key, severity, count in rows}

    def mark_waived(self, audit_id: int, notes: dict[str, dict]) -> None:
        """Record which findings of the audit a waiver covers (fingerprint -> the waiver's note,
        stored as JSON in ``waived``); findings not named are no longer waived."""
        with self.db.conn:
            self.db.execute("update findings set waived = null where audit_id = ?", [audit_id])
            self.db.conn.executemany(
                "update findings set waived = ? where audit_id = ? and fingerprint = ?",
                [(json.dumps(note, ensure_ascii=False), audit_id, fingerprint)
                 for fingerprint, note in notes.items()])

    def clear_findings(self, audit_id: int) -> None:
        with self.db.conn:
            self.db.execute("delete from findings where audit_id = ?", [audit_id])
