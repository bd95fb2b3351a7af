"""Headless Chromium (Debian's `chromium`) as the report tests use it: a fresh profile each run,
no network services, a screenshot and the DOM after parsing."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from auditor.browser.chromium import find_chromium

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars")


def chromium() -> str | None:
    return find_chromium()


def run(page: Path, *args: str, timeout: float = 90) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        command = [chromium(), *FLAGS, f"--user-data-dir={profile}", *args, page.resolve().as_uri()]
        return subprocess.run(command, capture_output=True, text=True, timeout=timeout)


def screenshot(page: Path, png: Path, size: str = "1280,2000") -> subprocess.CompletedProcess:
    return run(page, f"--screenshot={png}", f"--window-size={size}")


def dump_dom(page: Path) -> subprocess.CompletedProcess:
    """The DOM after parsing and scripts (there are none), with the console log on stderr."""
    return run(page, "--dump-dom", "--enable-logging=stderr", "--v=0")
