"""The browser pass (issue 16): a sample of each site's pages rendered in Debian's headless
Chromium, driven by Playwright, and checked with axe-core for the WCAG criteria a static crawl
cannot see (contrast, accessible names, form labels, language, parsing).

Optional: it needs the ``browser`` extra (Playwright's Python client and the axe-core that
``axe-playwright-python`` ships) and a system Chromium. Without them the audit runs as before
and records why the browser checks were not run (``availability``).
"""
