"""Shared fixtures: fixture provinces served on 127.0.0.1, and the CLI run as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from auditor.exit_codes import EXIT_OK
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
