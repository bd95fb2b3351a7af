"""auditor/store/checkpoints.py: while the dispatcher merges, its commits leave the WAL alone and
a thread copies it into the database file after each merge. The database file's size tells
where the rows are: it grows only when a checkpoint copies pages into it."""

from __future__ import annotations

from auditor.store.checkpoints import BackgroundCheckpoints
from auditor.store.database import Store

ROWS = 2_000
ROW = "x" * 2_000  # 4 MB in all: over the 1,000 pages (4 MB) that trigger SQLite's own checkpoint


def write_rows(store: Store, times: int = 1) -> None:
    for _ in range(times):
        with store.transaction() as conn:
            conn.executemany("insert into blobs (body) values (?)", [(ROW,)] * ROWS)


def fresh_store(tmp_path) -> Store:
    store = Store(tmp_path / "audit.db")
    store.db.execute("create table blobs (body text)")
    return store


def database_bytes(store: Store) -> int:
    return store.path.stat().st_size


def test_the_writers_commits_do_not_checkpoint_inside_the_block(tmp_path):
    store = fresh_store(tmp_path)
    before = database_bytes(store)
    with BackgroundCheckpoints(store.db.conn, store.path):
        assert store.db.execute("pragma wal_autocheckpoint").fetchone()[0] == 0
        write_rows(store, times=2)  # 8 MB committed: SQLite's own checkpoint would have run
        assert database_bytes(store) == before  # still in the WAL
    assert store.db.execute("pragma wal_autocheckpoint").fetchone()[0] == 1000


def test_a_request_has_the_thread_copy_the_wal_into_the_database(tmp_path):
    store = fresh_store(tmp_path)
    with BackgroundCheckpoints(store.db.conn, store.path) as checkpoints:
        write_rows(store)
        checkpoints.request()
    assert checkpoints.done >= 1 and checkpoints.error is None
    assert database_bytes(store) > ROWS * len(ROW)  # the rows are in the database file now
    assert not checkpoints.thread.is_alive()


def test_requests_made_while_one_runs_are_not_lost(tmp_path):
    store = fresh_store(tmp_path)
    with BackgroundCheckpoints(store.db.conn, store.path) as checkpoints:
        for _ in range(3):
            write_rows(store)
            checkpoints.request()
    assert database_bytes(store) > 3 * ROWS * len(ROW)
    count = store.db.execute("select count(*) from blobs").fetchone()[0]
    assert count == 3 * ROWS


def test_a_reader_meanwhile_sees_every_committed_row(tmp_path):
    store = fresh_store(tmp_path)
    reader = Store(store.path)
    with BackgroundCheckpoints(store.db.conn, store.path) as checkpoints:
        write_rows(store)
        checkpoints.request()
        assert reader.db.execute("select count(*) from blobs").fetchone()[0] == ROWS
        write_rows(store)
    assert reader.db.execute("select count(*) from blobs").fetchone()[0] == 2 * ROWS
    reader.close()
