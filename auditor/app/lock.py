"""One audit at a time per store: an exclusive lock on ``<db>.lock``, held for the whole audit.

Scheduled audits overlap when one runs long (cron starts the next while the last still crawls);
two crawls writing one SQLite file would interleave their audits and fight over its lock. So
``auditor audit`` (and ``check`` and ``demo``, which share ``run_audit``) takes an exclusive
``fcntl.flock`` on a file next to the database before touching it, without waiting: the second
audit is refused at once with a message naming the one that runs, and exits with code 2.

``flock`` belongs to the open file: the kernel releases it when the process ends, however it
ends (``kill -9``, a crash, a power cut), so there is never a stale lock to clean up by hand.
The file is left in place (removing it would race with the next audit opening it); its content
only informs the message: pid, audit id, start time.
"""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from pathlib import Path

from auditor.errors import UsageError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: the auditor runs on Linux servers
    fcntl = None


class AuditLock:
    def __init__(self, db: Path):
        self.db = Path(db)
        self.path = self.db.with_name(self.db.name + ".lock")
        self.handle = None

    def __enter__(self) -> "AuditLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+", encoding="utf-8")
        if fcntl is not None:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.seek(0)
                holder = handle.read()
                handle.close()
                raise UsageError(self._refusal(holder)) from None
        self.handle = handle
        self.note()
        return self

    def note(self, audit_id: int | None = None) -> None:
        """Say in the lock file who holds it, for the message another audit gets."""
        self.handle.seek(0)
        self.handle.truncate()
        self.handle.write(json.dumps({
            "pid": os.getpid(), "audit": audit_id,
            "since": datetime.now(timezone.utc).isoformat(timespec="seconds")}))
        self.handle.flush()

    def __exit__(self, *exc) -> None:
        if self.handle is not None:
            if fcntl is not None:
                fcntl.flock(self.handle.fileno(), fcntl.LOCK_UN)
            self.handle.close()
            self.handle = None

    def _refusal(self, holder: str) -> str:
        try:
            info = json.loads(holder)
        except ValueError:
            info = {}
        who = ", ".join(part for part in (
            f"audit {info['audit']}" if info.get("audit") else "",
            f"pid {info['pid']}" if info.get("pid") else "",
            f"since {info['since']}" if info.get("since") else "") if part)
        return (f"{self.db}: another audit is running on this database ({who or 'see ' + str(self.path)}); "
                "wait for it to finish, or use another --db")
