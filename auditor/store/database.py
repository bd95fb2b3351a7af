"""The audit store: one SQLite file (sqlite-utils) keeping every audit, so audits can be compared.

Tables: ``audits``, ``sites`` (one row per site per audit, with its crawl status), ``pages``,
``links`` and ``media`` (what the crawl saw), ``attachments`` (checked by HEAD), ``findings``.
WAL mode lets reports be read while an audit writes; foreign keys are enforced.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from dataclasses import asdict
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator

import sqlite_utils

SCHEMA_VERSION = 1
# (table, column, type) added after the first release; created with the table in new stores.
ADDED_COLUMNS = [("pages", "encoding", str), ("pages", "kind", str), ("pages", "cms", str)]


def utcnow() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


class Store:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(self.path), timeout=30, isolation_level=None)
        self.db = sqlite_utils.Database(conn)
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
            db["pages"].create({
                "id": int, "audit_id": int, "site_id": int, "url": str, "final_url": str,
                "status": int, "content_type": str, "depth": int, "bytes": int,
                "truncated": int, "encoding": str, "fetched_at": str, "redirects": str, "error": str,
                "title": str, "lang": str, "generator": str, "text_length": int,
                "text_sample": str, "headings": str, "published": str, "dates": str,
                "author": str, "source": str, "has_search_form": int, "emails": str,
                "header_text": str, "footer_text": str, "kind": str, "cms": str,
            }, pk="id", foreign_keys=[("audit_id", "audits", "id"), ("site_id", "sites", "id")])
            db["links"].create({
                "page_id": int, "url": str, "text": str, "region": str, "hidden": int,
                "rel": str, "has_image": int, "label": str,
            }, foreign_keys=[("page_id", "pages", "id")])
            db["media"].create({
                "page_id": int, "kind": str, "src": str, "alt": str, "region": str, "hidden": int,
            }, foreign_keys=[("page_id", "pages", "id")])
            db["attachments"].create({
                "id": int, "audit_id": int, "site_id": int, "url": str, "found_on": str,
                "status": int, "content_type": str, "length": int, "error": str,
            }, pk="id", foreign_keys=[("audit_id", "audits", "id"), ("site_id", "sites", "id")])
            db["findings"].create({
                "id": int, "audit_id": int, "site_id": int, "rule": str, "severity": str,
                "url": str, "title": str, "message": str, "basis": str, "evidence": str,
                "fingerprint": str, "count": int, "sample_urls": str, "waived": str,
            }, pk="id", foreign_keys=[("audit_id", "audits", "id"), ("site_id", "sites", "id")])
            db["sites"].create_index(["audit_id", "key"], unique=True)
            db["pages"].create_index(["audit_id", "url"], unique=True)
            db["pages"].create_index(["site_id"])
            db["links"].create_index(["page_id"])
            db["media"].create_index(["page_id"])
            db["attachments"].create_index(["audit_id", "url"], unique=True)
            db["findings"].create_index(["audit_id", "fingerprint"], unique=True)
            db["findings"].create_index(["site_id"])
            db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    def _add_missing_columns(self) -> None:
        """Columns added since a store was created: an older store gains them on opening."""
        for table, column, kind in ADDED_COLUMNS:
            if column not in self.db[table].columns_dict:
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

    def write_pages(self, audit_id: int, rows: list[tuple[dict, list[dict], list[dict]]],
                    findings: Iterable[dict] = ()) -> None:
        """Write a batch of (page, links, media), and the page findings judged on them, in one
        transaction: a crash keeps all of it or none, so a resumed audit fetches and judges
        again exactly the pages it lost."""
        with self.transaction() as conn:
            for page, links, media in rows:
                page["audit_id"] = audit_id
                columns = ", ".join(page)
                marks = ", ".join("?" for _ in page)
                cursor = conn.execute(
                    f"insert or ignore into pages ({columns}) values ({marks})", list(page.values()))
                if not cursor.rowcount:
                    continue  # already stored (a resumed audit fetched it again)
                page_id = cursor.lastrowid
                conn.executemany(
                    "insert into links (page_id, url, text, region, hidden, rel, has_image, label)"
                    " values (?, ?, ?, ?, ?, ?, ?, ?)",
                    [(page_id, *link) for link in links])
                conn.executemany(
                    "insert into media (page_id, kind, src, alt, region, hidden)"
                    " values (?, ?, ?, ?, ?, ?)", [(page_id, *m) for m in media])
            self._upsert_findings(conn, audit_id, findings)

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
            " join pages p on p.id = l.page_id"
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

    def findings(self, audit_id: int) -> list[dict]:
        return list(self.db.query(
            "select f.*, s.key as site from findings f join sites s on s.id = f.site_id "
            "where f.audit_id = ? order by s.id, f.rule, f.id", [audit_id]))

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
