"""The store's write-ahead log copied into the database by a thread of its own, while the
dispatcher merges shards.

SQLite checkpoints (copies the WAL into the database file, and syncs both) in the thread whose
commit left the WAL over 1,000 pages (``wal_autocheckpoint``). A merge commits a whole shard at
once (20 MB for a site of 300 pages), so every merge paid for a checkpoint, with the syncs that
flush what the workers had just written: 0.14-0.22 s of a 0.18-0.26 s merge in the bench's
jobs, where the jobs end together and the merges run one after another while the other core
idles. Here the writer's connection does not checkpoint; after each merge a thread with its
own connection runs a PASSIVE checkpoint, which waits for no writer and blocks none, beside
the next merge (Python's sqlite3 lets go of the GIL while SQLite works). The WAL stays bounded
by what one merge writes, as a national audit's thousands of merges need.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

AUTOCHECKPOINT_OFF = 0


class BackgroundCheckpoints:
    """``with BackgroundCheckpoints(conn, path) as checkpoints: ... checkpoints.request()``: the
    writer ``conn`` checkpoints no more until the block ends; each request has the thread run a
    checkpoint of ``path`` (requests made while one runs are served by one more). At the end the
    thread finishes what was requested and the writer checkpoints as before."""

    def __init__(self, conn: sqlite3.Connection, path: str | Path):
        self.writer, self.path = conn, str(path)
        self.wanted = threading.Event()
        self.stopping = False
        self.done = 0  # checkpoints run, for the tests and the timeline
        self.error: Exception | None = None
        self.thread = threading.Thread(target=self._run, name="store-checkpoints", daemon=True)

    def __enter__(self) -> BackgroundCheckpoints:
        self.previous = self.writer.execute("pragma wal_autocheckpoint").fetchone()[0]
        self.writer.execute(f"pragma wal_autocheckpoint = {AUTOCHECKPOINT_OFF}")
        self.thread.start()
        return self

    def request(self) -> None:
        self.wanted.set()

    def __exit__(self, *exc) -> None:
        self.stopping = True
        self.wanted.set()
        self.thread.join()
        self.writer.execute(f"pragma wal_autocheckpoint = {self.previous}")

    def _run(self) -> None:
        conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            while True:
                self.wanted.wait()
                self.wanted.clear()
                # Read before the checkpoint: a stop that comes during it comes with a request,
                # for what was committed meanwhile, served by one more turn.
                last = self.stopping
                self._checkpoint(conn)
                if last:
                    return
        finally:
            conn.close()

    def _checkpoint(self, conn: sqlite3.Connection) -> None:
        try:
            conn.execute("pragma wal_checkpoint(PASSIVE)").fetchall()
            self.done += 1
        except sqlite3.Error as error:  # a busy or failing disk: the writer's next checkpoint retries
            self.error = error
