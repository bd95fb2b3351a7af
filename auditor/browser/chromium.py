"""Is a browser pass possible here? Playwright's Python client and a system Chromium.

No browser is ever downloaded (``playwright install`` is not used): the pass drives the
Chromium the system provides, as the report tests do (tests/browser.py).
"""

from __future__ import annotations

import importlib.util
import shutil

CANDIDATES = ("chromium", "chromium-browser", "google-chrome")


def find_chromium(configured: str = "") -> str | None:
    """The browser executable: the configured path if it exists, else the first on PATH."""
    if configured:
        return shutil.which(configured)
    return next((path for path in map(shutil.which, CANDIDATES) if path), None)


def unavailable(configured: str = "") -> str:
    """Why the browser pass cannot run here, in English (the report translates), or ""."""
    for module, package in (("playwright", "playwright"), ("axe_playwright_python", "axe-playwright-python")):
        if importlib.util.find_spec(module) is None:
            return f"{package} is not installed (pip install 'vngov-auditor[browser]')"
    if find_chromium(configured) is None:
        return f"Chromium was not found ({configured or ', '.join(CANDIDATES)})"
    return ""


def launch(executable: str, args: list[str]):
    """Playwright's client started and the system's Chromium launched headless, as
    ``(playwright, browser)``; nothing left running when the launch fails."""
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        return playwright, playwright.chromium.launch(executable_path=executable, args=args, headless=True)
    except Exception:
        playwright.stop()
        raise


def shut(playwright, browser) -> None:
    """Close what ``launch`` started."""
    try:
        browser.close()
    finally:
        playwright.stop()
