"""Shards: the SQLite file one job writes (the store's schema, one audit of the job's sites).

A worker writes ``X.db.part`` (unsynced, its journal in memory: Store) and, once its crawl
ended as it should, *seals* it: synced to disk, then renamed ``X.db`` with a manifest
``X.json`` (its size and SHA-256). The dispatcher merges only a shard that matches its manifest
and holds a complete audit of exactly the job's sites (check_shard says what guards what);
anything else is refused with the reason, and the job runs again. The merge is one
transaction that also marks the job merged: a shard is merged whole and once, or not at all.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path

from auditor.crawl.a11y import SETTINGS_KEY as A11Y_KEY, merged_outcome
from auditor.store.database import UNSEALED_SUFFIX, Store, last_rowid
from auditor.store.pages import ELEMENT_RANGES

# Site columns a shard's crawl fills in; the audit's site rows take them over.
SITE_RESULTS = ("crawl_status", "reason", "pages", "bytes", "started_at", "finished_at", "robots",
                "crawl_delay", "probe")


def manifest_path(shard: str | Path) -> Path:
    return Path(shard).with_suffix(".json")


def part_path(shard: str | Path) -> Path:
    return Path(str(shard) + UNSEALED_SUFFIX)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def seal_shard(shard: str | Path, job: dict, ended: str) -> Path:
    """Sync the written shard to disk, move it in place and write its manifest."""
    shard, part = Path(shard), part_path(shard)
    conn = sqlite3.connect(part)
    try:
        conn.execute("pragma journal_mode=DELETE")  # a WAL, where one was written, into the file
    finally:
        conn.close()
    with part.open("rb+") as handle:  # written without syncs: durable from here on
        os.fsync(handle.fileno())
    part.replace(shard)
    manifest = {"job": job["key"], "attempt": job.get("attempt", 1), "sites": job["sites"],
                "ended": ended, "bytes": shard.stat().st_size, "sha256": _sha256(shard)}
    temporary = manifest_path(shard).with_suffix(".json.tmp")
    temporary.write_text(json.dumps(manifest), encoding="utf-8")
    temporary.replace(manifest_path(shard))
    return shard


def check_shard(shard: str | Path, sites: list[str]) -> str:
    """Why the shard cannot be merged, or "" when it can.

    One pass over the file: its SHA-256. The manifest is written after the seal, from the
    sealed file's bytes, so a shard that matches its manifest's size and hash is byte for byte
    what SQLite closed cleanly: a truncated file fails the size, a corrupt one the hash, an
    unsealed one has no manifest. SQLite's ``integrity_check`` read the whole file a second time
    (about 70% of the check's CPU) to prove what the hash already proves; what is left are
    cheap reads of the schema, the audit row and the site keys: a file that is a sealed store
    of another job, or of a crawl that did not end, is still refused."""
    shard = Path(shard)
    manifest_file = manifest_path(shard)
    if not shard.is_file() or not manifest_file.is_file():
        return f"no sealed shard {shard.name} (the job did not finish)"
    manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
    size = shard.stat().st_size
    if size != manifest["bytes"]:
        return f"shard {shard.name} is {size} bytes, its manifest says {manifest['bytes']} (truncated?)"
    if _sha256(shard) != manifest["sha256"]:
        return f"shard {shard.name} does not match its manifest's SHA-256 (corrupt)"
    try:
        conn = sqlite3.connect(f"file:{shard}?mode=ro", uri=True)
        try:
            audit = conn.execute("select status from audits").fetchall()
            keys = sorted(row[0] for row in conn.execute("select key from sites"))
        finally:
            conn.close()
    except sqlite3.Error as error:
        return f"shard {shard.name} is not a readable SQLite store ({error})"
    if [row[0] for row in audit] != ["complete"]:
        return f"shard {shard.name} holds no complete audit"
    if keys != sorted(sites):
        return f"shard {shard.name} holds other sites than its job's"
    return ""


def _columns(conn, table: str, schema: str) -> list[str]:
    return [row[1] for row in conn.execute(f"pragma {schema}.table_info({table})")]


def merge_shard(store: Store, audit_id: int, job_id: int, shard: str | Path) -> bool:
    """Copy the shard's sites, pages, links, media, attachments and findings into the audit, in
    one transaction that marks the job merged. False when the job was merged already.

    Foreign keys are not checked row by row here (a lookup of the page for each of ~400 links
    a page: a fifth of the merge's CPU): the shard's store enforced them when the job wrote its
    rows, and the copy keeps them, every page id moved by the same offset and every site
    mapped by its key, the keys check_shard found to be the job's."""
    conn = store.db.conn
    enforced = conn.execute("pragma foreign_keys").fetchone()[0]
    conn.execute("pragma foreign_keys = off")  # outside a transaction, or SQLite ignores it
    conn.execute("attach database ? as shard", [str(shard)])
    try:
        with store.transaction():
            marked = conn.execute("update jobs set status = 'merged', finished_at = datetime('now')"
                                  " where id = ? and status != 'merged'", [job_id]).rowcount
            if not marked:
                return False
            _copy(conn, audit_id)
            _merge_browser_outcome(conn, audit_id)
        return True
    finally:
        conn.execute("detach database shard")
        conn.execute(f"pragma foreign_keys = {'on' if enforced else 'off'}")


def _copy(conn, audit_id: int) -> None:
    site_map = ("join shard.sites ss on ss.id = t.site_id"
                " join main.sites m on m.audit_id = :audit and m.key = ss.key")
    assignments = ", ".join(f"{column} = ss.{column}" for column in SITE_RESULTS)
    conn.execute(f"update main.sites as m set {assignments} from shard.sites ss"
                 " where m.audit_id = :audit and m.key = ss.key", {"audit": audit_id})
    # Page ids: a shard numbers its pages in its job's block (row_base()), where the store has
    # none, and they are merged as they are; else (a store past that block, an older shard)
    # moved by one offset. Links and media follow the store's last rows: a page's rows stay
    # one contiguous range, the range its row records moved with them.
    page_offset = _page_offset(conn)
    params = {"audit": audit_id, "offset": page_offset}
    page_columns = [c for c in _columns(conn, "pages", "shard") if c not in ("id", "audit_id", "site_id")]
    values = {column: f"t.{column}" for column in page_columns}
    for table, ends in ELEMENT_RANGES.items():
        params[table] = _after_last(conn, table)
        values.update(_shifted_range(table, ends, recorded=ends[0] in values))
    conn.execute(f"insert into main.pages (id, audit_id, site_id, {', '.join(values)})"
                 f" select t.id + :offset, :audit, m.id, {', '.join(values.values())}"
                 f" from shard.pages t {site_map}", params)
    for table in ELEMENT_RANGES:
        if page_offset == 0 and _copied_whole(conn, table):
            continue
        columns = [c for c in _columns(conn, table, "shard") if c != "page_id"]
        conn.execute(f"insert into main.{table} (rowid, page_id, {', '.join(columns)})"
                     f" select rowid + :{table}, page_id + :offset, {', '.join(columns)}"
                     f" from shard.{table} order by rowid", params)
    for table, verb in (("attachments", "insert or ignore"), ("findings", "insert")):
        columns = [c for c in _columns(conn, table, "shard") if c not in ("id", "audit_id", "site_id")]
        conn.execute(f"{verb} into main.{table} (audit_id, site_id, {', '.join(columns)})"
                     f" select :audit, m.id, {', '.join('t.' + c for c in columns)}"
                     f" from shard.{table} t {site_map}", params)


def row_base(job_id: int) -> int:
    """The id a job's shard numbers its pages after (Store.row_base): a block of 2**32 ids a
    job, above any id an audit's store gives its pages itself while job ids grow (2**21 jobs
    stay under 2**53, exact as a JSON number in a browser)."""
    return job_id << 32


def _page_offset(conn) -> int:
    """What the shard's page ids move by: 0 when no page of the store has an id in the shard's
    range (its job's block; the merges come in the order the jobs end), else past the store's
    last page."""
    first, last = conn.execute("select min(id), max(id) from shard.pages").fetchone()
    if first is None or not conn.execute("select 1 from main.pages where id between ? and ? limit 1",
                                         [first, last]).fetchone():
        return 0
    return last_rowid(conn, "main.pages") + 1 - first


def _after_last(conn, table: str) -> int:
    """What the shard's rowids of ``table`` move by to follow the store's last row."""
    first = conn.execute(f"select min(rowid) from shard.{table}").fetchone()[0]
    return 0 if first is None else last_rowid(conn, f"main.{table}") + 1 - first


def _copied_whole(conn, table: str) -> bool:
    """Copy the shard's links or media as SQLite stores them, when their page ids need no
    change: ``INSERT INTO … SELECT *`` between tables of one definition, the destination
    without an index and foreign keys off, is SQLite's transfer optimisation, which moves the
    records without decoding them (a third of the CPU of the column-wise copy: the link rows
    were 85 % of a merge). It numbers them after the store's last row, in the shard's rowid
    order: the shift _after_last() gave their pages' ranges, when the shard's rowids have no gap.
    False, nothing copied, where any of that does not hold (an older store keeps its index)."""
    same = _definition(conn, table, "main") == _definition(conn, table, "shard")
    unindexed = not conn.execute(f"pragma main.index_list({table})").fetchall()
    first, last, count = conn.execute(f"select min(rowid), max(rowid), count(*) from shard.{table}").fetchone()
    if not (same and unindexed and (count == 0 or last - first + 1 == count)):
        return False
    before = last_rowid(conn, f"main.{table}")
    conn.execute(f"insert into main.{table} select * from shard.{table}")
    if last_rowid(conn, f"main.{table}") != before + count:
        raise RuntimeError(f"{table}: the shard's rows were not numbered after the store's last")
    return True


def _definition(conn, table: str, schema: str) -> list[tuple]:
    return [tuple(row[1:]) for row in conn.execute(f"pragma {schema}.table_info({table})")]


def _shifted_range(table: str, ends: tuple[str, str], recorded: bool) -> dict[str, str]:
    """The SQL of a merged page's range of ``table``: the shard's, moved by the table's offset.
    A shard sealed by a release before schema 5 (a dispatcher resumed across an upgrade)
    records none: its ends are found from page_id, which such a shard has an index on."""
    if recorded:
        return {column: f"t.{column} + :{table}" for column in ends}
    return {column: f"(select {end}(rowid) from shard.{table} where page_id = t.id) + :{table}"
            for column, end in zip(ends, ("min", "max"))}


def _merge_browser_outcome(conn, audit_id: int) -> None:
    """The job's browser pass, recorded in its shard's audit settings, into the audit's: the
    reports tell "not run" from "đạt" by it (auditor/crawl/a11y.py)."""
    job = _settings(conn.execute("select settings from shard.audits").fetchone())
    if A11Y_KEY not in job:
        return
    audit = _settings(conn.execute("select settings from main.audits where id = ?", [audit_id]).fetchone())
    audit[A11Y_KEY] = merged_outcome(audit.get(A11Y_KEY) or {}, job[A11Y_KEY])
    conn.execute("update main.audits set settings = ? where id = ?", [json.dumps(audit, default=str), audit_id])


def _settings(row) -> dict:
    try:
        settings = json.loads((row and row[0]) or "{}")
    except ValueError:
        return {}
    return settings if isinstance(settings, dict) else {}
