"""SEC-012: The site map, as a page (a text tree) and as XML.

The tree is a section page found like any other (_sections.py). The XML site map counts when a
``sitemap*.xml`` under the site answered 200 with content (the spider asks for
``<site>/sitemap.xml``) or robots.txt names one with ``Sitemap:``. Each missing form is its own
finding (keys ``tree`` and ``xml``).
"""

from __future__ import annotations

import re
from typing import Iterator

from auditor.judge.findings import Finding
from auditor.rules._sections import SectionRule, find_section, has_content
from auditor.rules.base import RuleContext

_ROBOTS_SITEMAP = re.compile(r"^\s*sitemap\s*:\s*\S+", re.IGNORECASE | re.MULTILINE)


def is_xml(page) -> bool:
    return page.content_type.endswith("xml") or page.url.lower().endswith(".xml")


class SitemapSection(SectionRule):
    id = "SEC-012"
    reads = (
        "crawl_status", "home", "home.links", "nav", "pages", "pages.bytes",
        "pages.content_type", "pages.error", "pages.final_url", "pages.status",
        "pages.text_length", "pages.text_sample", "pages.title", "pages.url", "robots", "url",
    )
    limits = ("section_min_chars",)
    lists = ("abbreviations", "section_placeholders")
    severity = "warning"
    title_vi = "Có sơ đồ cổng (dạng cây và tệp XML)"
    title_en = "Has a site map (text tree and XML)"
    failure_vi = "Thiếu sơ đồ cổng (dạng cây hoặc tệp XML)"
    remedy_vi = ("Đề nghị bổ sung trang Sơ đồ cổng thể hiện cấu trúc các chuyên mục dạng cây và tệp "
                 "sitemap.xml cho công cụ tìm kiếm.")
    remedy_en = "Please add a site map page (a tree of the sections) and a sitemap.xml file."

    def check(self, site, ctx: RuleContext) -> Iterator[Finding]:
        if self.id not in ctx.mandatory:
            return
        section = self.section(ctx)
        tree, tried = find_section(site, section.labels, section.slugs, ctx,
                                   accept=lambda page: not is_xml(page))
        if not tree:
            yield self.missing(site, "Sơ đồ cổng (dạng cây)", tried, key="tree")
        if not self.has_xml(site, ctx):
            yield self.finding(site, "Không tìm thấy tệp sơ đồ cổng dạng XML (sitemap.xml).",
                               key="xml", section="sitemap.xml", crawl=site.crawl_status)

    @staticmethod
    def has_xml(site, ctx: RuleContext) -> bool:
        if _ROBOTS_SITEMAP.search(site.robots or ""):
            return True
        return any(is_xml(page) and "sitemap" in page.url.lower() and has_content(page, ctx)[0]
                   for page in site.pages)
