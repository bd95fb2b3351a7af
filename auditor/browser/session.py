"""One headless Chromium (the system's, via Playwright) that renders pages and runs axe-core.

Each page gets a fresh browser context (no cookies, no cache, no service workers) with the
audit's User-Agent. What the page may load is guarded (``RequestGuard``): the page's own
origin, whose host the crawl already admitted; from elsewhere only stylesheets and scripts
(they decide colours and content), and only from public addresses, so a hostile page cannot
make the auditor's browser reach a private network; never images, media or fonts, which no
axe rule needs. A redirect off the page's origin is refused like any other request.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from urllib.parse import urlsplit

from auditor.browser.axe import DEFAULT_TAGS, rules_to_run, run_axe, trim
from auditor.browser.chromium import launch, shut
from auditor.browser.rendered import RenderedPage, SampledPage
from auditor.crawl.resolver import is_private_address, is_private_host

FLAGS = ("--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--hide-scrollbars",
         "--disable-dev-shm-usage")
BLOCKED_TYPES = frozenset({"image", "media", "font", "websocket", "eventsource", "manifest",
                           "texttrack", "ping", "other"})
FOREIGN_TYPES = frozenset({"stylesheet", "script"})


def origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    return parts.scheme, (parts.hostname or "").lower(), parts.port


class RequestGuard:
    """Playwright route handler: what one rendered page may fetch."""

    def __init__(self, page_url: str):
        self.origin = origin(page_url)
        self.public: dict[str, bool] = {}

    def allows(self, url: str, kind: str) -> bool:
        if kind in BLOCKED_TYPES:
            return False
        scheme, host, port = origin(url)
        if (scheme, host, port) == self.origin:
            return True
        return kind in FOREIGN_TYPES and scheme in ("http", "https") and self._is_public(host)

    def __call__(self, route) -> None:
        request = route.request
        if self.allows(request.url, request.resource_type):
            route.continue_()
        else:
            route.abort("blockedbyclient")

    def _is_public(self, host: str) -> bool:
        if host not in self.public:
            self.public[host] = not is_private_host(host) and _resolves_publicly(host)
        return self.public[host]


def _resolves_publicly(host: str) -> bool:
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False
    return bool(infos) and not any(is_private_address(ipaddress.ip_address(info[4][0].split("%")[0]))
                                   for info in infos)


class Renderer:
    def __init__(self, chromium: str, user_agent: str, timeout: float = 20.0,
                 pins: dict[str, str] | None = None, tags=DEFAULT_TAGS):
        self.chromium, self.user_agent, self.timeout = chromium, user_agent, timeout
        self.pins, self.tags = pins or {}, tuple(tags)
        self.rules: list[str] | None = None  # the axe rules to run, read on the first page
        self.engine = ""

    def start(self) -> "Renderer":
        from axe_playwright_python.sync_playwright import Axe

        args = list(FLAGS)
        if self.pins:  # --resolve: the browser reaches the pinned names where the crawl did
            args.append("--host-resolver-rules=" + ", ".join(f"MAP {name} {address}"
                                                            for name, address in self.pins.items()))
        self._playwright, self.browser = launch(self.chromium, args)
        self.axe = Axe()
        return self

    def close(self) -> None:
        shut(self._playwright, self.browser)

    def render(self, sample: SampledPage) -> RenderedPage:
        from playwright.sync_api import Error as PlaywrightError

        started = time.monotonic()
        context = self.browser.new_context(user_agent=self.user_agent, bypass_csp=True,
                                           ignore_https_errors=True, service_workers="block",
                                           viewport={"width": 1280, "height": 900}, locale="vi-VN")
        try:
            context.route("**/*", RequestGuard(sample.url))
            page = context.new_page()
            page.set_default_timeout(self.timeout * 1000)
            response = page.goto(sample.url, wait_until="load")
            if response is None or response.status >= 400:
                status = response.status if response is not None else "no answer"
                return RenderedPage.of(sample, error=f"HTTP {status}",
                                       seconds=time.monotonic() - started)
            if self.rules is None:
                self.rules = rules_to_run(page, self.axe.axe_script, self.tags)
            results = run_axe(page, self.axe, self.rules)
            engine = results.get("testEngine") or {}
            self.engine = f"{engine.get('name', 'axe-core')} {engine.get('version', '')}".strip()
            return RenderedPage.of(sample, violations=trim(results.get("violations", [])),
                                   incomplete=trim(results.get("incomplete", [])),
                                   seconds=time.monotonic() - started, engine=self.engine)
        except PlaywrightError as error:
            reason = (str(error).strip().splitlines() or ["browser error"])[0][:300]
            return RenderedPage.of(sample, error=reason, seconds=time.monotonic() - started)
        finally:
            context.close()
