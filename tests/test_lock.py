"""One audit at a time per store: a second `auditor audit` on the same database, started while
the first runs (cron overlapping a long audit), is refused with a clear message and exit 2,
and neither audit is harmed. A killed audit leaves no stale lock behind."""

from __future__ import annotations

import signal
import sqlite3
import time

from auditing import FAST, cli, finish, registry_for
from conftest import export, run_cli
from servers import html, serve
from auditor.exit_codes import EXIT_OK, EXIT_USAGE


def _page(*paths: str) -> tuple:
    return html("<html><body>" + " ".join(f'<a href="{p}">{p}</a>' for p in paths) + "</body></html>")


def wait_for_pages(db, count: int, process) -> None:
    deadline = time.monotonic() + 60
    while True:
        assert process.poll() is None, "the first audit ended too soon"
        assert time.monotonic() < deadline
        if db.exists():
            try:
                with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
                    if conn.execute("select count(*) from pages").fetchone()[0] >= count:
                        return
            except sqlite3.Error:
                pass
        time.sleep(0.05)


def test_a_second_audit_on_the_same_store_is_refused_while_one_runs(tmp_path):
    # Long enough (150 pages at 0.25 s, two at a time: ~19 s) that the second audit, started
    # in a fresh Python on a loaded machine, still finds the first running.
    routes = {"/": _page(*(f"/bai-{n}" for n in range(150)))}
    with serve(routes, fallback=lambda path: _page(), delay=0.25) as server:
        registry = tmp_path / "sites.toml"
        registry.write_text(registry_for(("xa", server.url + "/")), encoding="utf-8")
        db = tmp_path / "audit.db"
        first = cli("audit", registry, "--db", db, "--out", tmp_path / "out1", "--quiet", *FAST)
        wait_for_pages(db, 3, first)

        second = run_cli("audit", registry, "--db", db, "--out", tmp_path / "out2", "--quiet", *FAST)
        assert second.returncode == EXIT_USAGE
        message = second.stderr.strip()
        assert message.startswith(f"auditor: error: {db}: another audit is running on this database (audit 1, pid {first.pid}")
        assert message.endswith("wait for it to finish, or use another --db")
        assert not (tmp_path / "out2").exists()

        code, _, stderr, _ = finish(first, 60)
    assert code == 0, stderr[-2000:]
    document = export(db)
    assert document["audit"]["id"] == 1 and document["audit"]["status"] == "complete"
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from audits").fetchone()[0] == 1  # none for the refused one
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        assert conn.execute("select count(*) - count(distinct url) from pages").fetchone()[0] == 0


def test_a_killed_audit_leaves_no_stale_lock(tmp_path):
    # Long enough (150 pages at 0.25 s, two at a time: ~19 s) that the second audit, started
    # in a fresh Python on a loaded machine, still finds the first running.
    routes = {"/": _page(*(f"/bai-{n}" for n in range(150)))}
    with serve(routes, fallback=lambda path: _page(), delay=0.25) as server:
        registry = tmp_path / "sites.toml"
        registry.write_text(registry_for(("xa", server.url + "/")), encoding="utf-8")
        db = tmp_path / "audit.db"
        first = cli("audit", registry, "--db", db, "--out", tmp_path / "out", "--quiet", *FAST)
        wait_for_pages(db, 3, first)
        first.send_signal(signal.SIGKILL)
        finish(first, 30)
        assert (tmp_path / "audit.db.lock").exists()  # the file stays; the kernel dropped the lock

        again = run_cli("audit", registry, "--db", db, "--out", tmp_path / "out", "--quiet", *FAST,
                        "--max-pages", "3")
    assert again.returncode == EXIT_OK, again.stderr[-2000:]
    with sqlite3.connect(db) as conn:
        statuses = dict(conn.execute("select id, status from audits").fetchall())
    assert statuses == {1: "interrupted", 2: "complete"}  # the dead one, found and marked
