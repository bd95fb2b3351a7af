"""Shared fixtures: fixture provinces served on 127.0.0.1, and the CLI run as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from auditor.exit_codes import EXIT_OK
from auditor.jobs.shard import part_path, seal_shard
from auditor.registry import Registry, Site
from auditor.store.database import Store
from auditor.demo.server import serve_province

TESTS = Path(__file__).parent
SITES = TESTS / "sites"
REPO = TESTS.parent
SHARED = REPO.parent / "shared"

# The browser pass (a Chromium per audit) stays off in the tests that do not look at it, so that
# they keep their speed and their findings; tests/test_a11y.py turns it on where it checks it.
os.environ.setdefault("AUDITOR_A11Y_PAGES", "0")


def run_cli(*args: str, cwd: Path | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run `auditor ...` in a fresh process (a crawl starts Twisted, once per process)."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "auditor", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=timeout, env=env)


def write_registry(tmp_path: Path, text: str, name: str = "sites.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def export(db: Path, audit: int | None = None) -> dict:
    args = ["export", "--db", db] + (["--audit", str(audit)] if audit else [])
    result = run_cli(*args)
    assert result.returncode == EXIT_OK, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def shared_host(tmp_path):
    """The portal with two commune components under /xa-a/ and /xa-b on one host."""
    with serve_province(SITES / "shared") as served:
        yield served, served.write_registry(tmp_path / "sites.toml")


def sealed_shard(folder: Path, sites: list[str], status: str = "complete") -> Path:
    """A shard as a worker leaves it: a store of one audit of ``sites``, sealed with its manifest."""
    shard = folder / "a1-j1-t1.db"
    store = Store(part_path(shard))
    try:
        registry = Registry(path="sites.toml", sites=[Site(site, f"UBND {site}", "xa", f"https://{site}.gov.vn/")
                                                      for site in sites])
        store.finish_audit(store.new_audit(registry, pack="", settings={}, version="test", pid=1), status)
    finally:
        store.close()
    return seal_shard(shard, {"key": "host:x", "sites": sites}, "finished")
