"""(a) The floor: bare Scrapy following links, with the auditor's settings and no extraction.

The least work Scrapy must do to crawl the same pages: parse each page, take its hrefs with one
XPath, join them, keep those under the site's prefix and not seen before, request them. Like
the auditor it deduplicates in the spider, before a request is made; robots.txt is read by
Scrapy's own middleware. It keeps the auditor's settings (concurrency, AutoThrottle, timeouts,
breadth first) and gives every site its own download slot, as the auditor does; only the
auditor's own components (facts, store, rules, progress) are left out.

``--stock`` is (a1), for reference: Scrapy as its tutorial teaches it, links by
``LinkExtractor``, every in-site link yielded as a request and the duplicate filter dropping
those already seen. On pages of 400 links that costs far more than the floor.

    python bench/floor.py sites.toml [--stock]
"""

from __future__ import annotations

import argparse
from urllib.parse import urljoin

import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.http import HtmlResponse
from scrapy.linkextractors import LinkExtractor

from auditor.crawl.runner import crawl_settings
from auditor.registry import load_registry


class FloorSpider(scrapy.Spider):
    name = "floor"

    def __init__(self, sites: list[tuple[str, str]], stock: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.sites = sites
        self.stock = stock
        self.links = LinkExtractor()
        self.seen: set[str] = set()

    async def start(self):
        for site_id, url in self.sites:
            yield scrapy.Request(url, meta={"download_slot": f"site:{site_id}", "prefix": url})

    def parse(self, response):
        if not isinstance(response, HtmlResponse):
            return
        meta = {"download_slot": response.meta["download_slot"], "prefix": response.meta["prefix"]}
        prefix = meta["prefix"]
        if self.stock:
            for link in self.links.extract_links(response):
                if link.url.startswith(prefix):
                    yield response.follow(link, meta=meta)
            return
        for href in response.xpath("//a/@href").getall():
            url = urljoin(response.url, href.strip()).split("#", 1)[0]
            if url.startswith(prefix) and url not in self.seen:
                self.seen.add(url)
                yield scrapy.Request(url, meta=meta)


def floor_settings():
    settings = crawl_settings("unused.db", {"AUDITOR_PROGRESS": False})
    # Only Scrapy's own components: the auditor's middlewares, extensions and pipelines go.
    settings.set("DOWNLOADER_MIDDLEWARES", {}, priority="cmdline")
    settings.set("ITEM_PIPELINES", {}, priority="cmdline")
    settings.set("EXTENSIONS", {}, priority="cmdline")  # stock AutoThrottle stays on (EXTENSIONS_BASE)
    settings.set("ROBOTSTXT_OBEY", True, priority="cmdline")
    return settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("registry")
    parser.add_argument("--stock", action="store_true")
    args = parser.parse_args()
    registry = load_registry(args.registry)
    process = CrawlerProcess(floor_settings())
    process.crawl(FloorSpider, sites=[(site.id, site.url) for site in registry.sites], stock=args.stock)
    process.start()


if __name__ == "__main__":
    main()
