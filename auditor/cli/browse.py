"""`auditor browse`: the store in Datasette, on 127.0.0.1 (the optional extra ``browse``)."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import click

from auditor.cli.options import db_option, open_store
from auditor.errors import UsageError


@click.command("browse")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Keep 127.0.0.1 unless colleagues must reach it "
                   "(then add --read-only).")
@click.option("--port", type=click.IntRange(0, 65535), default=8001, show_default=True,
              help="Port (0: any free port).")
@click.option("--read-only", is_flag=True,
              help="Open the store immutable: nobody can write through Datasette, and an audit "
                   "running on it is not seen until restart.")
def command(db, host, port, read_only):
    """Browse the store in Datasette: findings by rule, severity, site and family, and the
    questions an inspector asks (a site's findings, what is new since the last audit, sites
    ranked by score, one rule across the province).

    Needs the extra: pip install 'vngov-auditor[browse]'.

    \b
    Examples:
      auditor browse --db quangtri.db
      auditor browse --db quangtri.db --host 0.0.0.0 --read-only   # for colleagues on the LAN
    """
    if shutil.which("datasette") is None and not _importable("datasette"):
        raise UsageError("Datasette is not installed: pip install 'vngov-auditor[browse]'")
    from auditor.store.browse import FINDINGS_VIEW, metadata

    store = open_store(db)
    try:
        store.db.execute(FINDINGS_VIEW)
    finally:
        store.close()
    with tempfile.TemporaryDirectory() as folder:
        meta = Path(folder) / "metadata.json"
        meta.write_text(json.dumps(metadata(db.stem), ensure_ascii=False), encoding="utf-8")
        args = [sys.executable, "-m", "datasette", "serve", "-i" if read_only else "", str(db),
                "--host", host, "--port", str(port), "--metadata", str(meta),
                "--setting", "default_page_size", "50"]
        click.echo(f"Datasette on http://{host}:{port}/ (Ctrl-C to stop)", err=True)
        server = subprocess.Popen([a for a in args if a])
        # Stopped by a service manager (SIGTERM) or Ctrl-C: Datasette stops with us.
        signal.signal(signal.SIGTERM, lambda *_: server.terminate())
        try:
            server.wait()
        except KeyboardInterrupt:
            server.terminate()
            server.wait()


def _importable(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None
