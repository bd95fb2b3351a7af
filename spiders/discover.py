"""The ``discover`` spider: a bounded, polite crawl of ONE provincial portal that gathers the
links and site pickers that may name its units' sites, then asks each candidate's home page
once whether it answers (and what its title is). It judges nothing: auditor/registry/discover.py
tells unit sites from the rest.

Politeness: robots.txt obeyed (Scrapy's middleware), one request at a time with a delay,
AutoThrottle, a page budget and a depth limit; the communes' own sites get one request each.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import scrapy
from lxml import html as lxml_html
from scrapy import signals
from scrapy.exceptions import DontCloseSpider

from auditor.spiders.failures import failure_reason
from auditor.spiders.urls import canonical

# Pages of the portal worth reading first: its link directories and unit lists.
DIRECTORY_HINTS = ("lien-ket", "lienket", "website", "trang-thong-tin", "don-vi", "xa-phuong",
                   "dia-phuong", "links")
_DIRECTORY_LABELS = ("liên kết", "website", "trang thông tin điện tử", "cổng thông tin",
                     "xã, phường", "đơn vị", "địa phương")


class DiscoverSpider(scrapy.Spider):
    name = "discover"
    custom_settings = {
        "ROBOTSTXT_OBEY": True,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
        "DOWNLOAD_DELAY": 0.5,
        "AUTOTHROTTLE_ENABLED": True,
        "ITEM_PIPELINES": {},
        "EXTENSIONS": {},
        "DOWNLOADER_MIDDLEWARES": {},
        "HTTPERROR_ALLOW_ALL": True,
        "RETRY_TIMES": 1,
    }

    def __init__(self, portal: str, candidates=None, other_site=None, max_pages: int = 60,
                 max_depth: int = 2, **kwargs):
        super().__init__(**kwargs)
        # links, portal -> the home URLs to probe once the portal is read (registry/discover.py)
        self.candidates = candidates or (lambda links, portal: [])
        self.probing = False
        # url -> whether it is a unit's own site under the portal's path (read once, by probe)
        self.other_site = other_site or (lambda url: False)
        self.portal = portal if portal.endswith("/") else portal + "/"
        self.max_pages, self.max_depth = int(max_pages), int(max_depth)
        self.scheduled: set[str] = set()
        self.links: list[dict] = []  # every link seen: page, url, text, in_directory
        self.answers: dict[str, dict] = {}  # candidate home URL -> status, title, error
        self.portal_answer: dict = {}
        self.pages_read = 0
        self.portal_title = ""

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider._idle, signal=signals.spider_idle)
        return spider

    def _idle(self, spider=None):
        """The portal is read: probe each candidate once, then let the crawl end."""
        if self.probing:
            return
        self.probing = True
        urls = self.candidates(self.links, self.portal)
        for url in urls:
            self.crawler.engine.crawl(self.probe(url))
        if urls:
            raise DontCloseSpider

    async def start(self):
        yield self._page(self.portal, 0)

    def _page(self, url: str, depth: int, priority: int = 0) -> scrapy.Request:
        self.scheduled.add(url)
        return scrapy.Request(url, callback=self.parse, errback=self.page_failed, priority=priority,
                              meta={"depth_here": depth})

    def owns(self, url: str) -> bool:
        if self.other_site(url):
            return False
        return url.startswith(self.portal) or canonical(url) == canonical(self.portal)

    def parse(self, response):
        if canonical(response.request.url) == canonical(self.portal) and not self.portal_answer:
            self.portal_answer = {"status": response.status, "url": response.url}
        if response.status >= 400 or "html" not in response.headers.get("Content-Type", b"").decode("latin-1"):
            return
        self.pages_read += 1
        root = _parse(response)
        depth = response.meta["depth_here"]
        if depth == 0:
            self.portal_title = " ".join((root.findtext(".//title") or "").split())
        for url, text, in_directory in _links(root, response.url):
            self.links.append({"page": response.url, "url": url, "text": text,
                               "in_directory": in_directory})
            if self.owns(url) and url not in self.scheduled and depth < self.max_depth \
                    and len(self.scheduled) < self.max_pages:
                hinted = any(h in url.lower() for h in DIRECTORY_HINTS)
                yield self._page(url, depth + 1, priority=10 if hinted else 0)

    def page_failed(self, failure):
        if canonical(failure.request.url) == canonical(self.portal):
            self.portal_answer = {"status": 0, "error": failure_reason(failure)}

    def probe(self, url: str) -> scrapy.Request:
        """One request to a candidate's home page: does it answer, and what is its title?"""
        return scrapy.Request(url, callback=self.probed, errback=self.probe_failed, priority=20,
                              dont_filter=True, meta={"candidate": url, "dont_retry": True})

    def probed(self, response):
        title = ""
        if "html" in response.headers.get("Content-Type", b"").decode("latin-1"):
            found = _parse(response).findtext(".//title")
            title = " ".join((found or "").split())
        self.answers[response.meta["candidate"]] = {"status": response.status, "title": title}

    def probe_failed(self, failure):
        self.answers[failure.request.meta["candidate"]] = {"status": 0, "error": failure_reason(failure)}


def _parse(response):
    """The page as a tree, decoded as Scrapy decodes it (headers, meta, BOM, then a guess)."""
    text = response.text if hasattr(response, "text") else ""
    if text.lstrip().startswith("<?xml"):
        text = text.split("?>", 1)[-1]  # lxml refuses a str with an encoding declaration
    return lxml_html.document_fromstring(text or "<html/>")


def _links(root, base: str):
    """(absolute URL, text, whether it sits in a link directory or a site picker)."""
    for element in root.iter("a", "option"):
        target = element.get("href") if element.tag == "a" else element.get("value")
        if not target or target.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        url = urljoin(base, target.strip())
        if urlsplit(url).scheme not in ("http", "https"):
            continue
        text = " ".join(element.text_content().split()) or element.get("title", "")
        yield url, text, element.tag == "option" or _in_directory(element)


_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6", "legend", "caption", "strong", "b", "label")


def _in_directory(element) -> bool:
    """A link in a block whose class, id or heading names a directory of sites ("Liên kết
    website", "Trang thông tin điện tử xã, phường"), up to five levels up."""
    for level, ancestor in enumerate(element.iterancestors()):
        if level >= 5 or ancestor.tag in ("body", "html"):
            return False
        words = " ".join(ancestor.get(a, "") for a in ("class", "id", "title", "aria-label")).lower()
        first = next((child for child in ancestor if isinstance(child.tag, str)), None)
        if first is not None and first.tag in _HEADINGS:
            words += " " + first.text_content().lower()
        if any(hint in words for hint in _DIRECTORY_LABELS) or "lien-ket" in words or "weblink" in words:
            return True
    return False
