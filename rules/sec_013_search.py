"""SEC-013: Full-text search: a search form on the site (the home page or any page).

The extractor tells a search form by its action (``tim-kiem``, ``search``), a ``type=search``
field, or a field named like ``q``/``keyword``/``tukhoa``.
"""

from __future__ import annotations

from typing import Iterator

from auditor.judge.findings import Finding
from auditor.rules._sections import SectionRule
from auditor.rules.base import RuleContext


class SearchTool(SectionRule):
    id = "SEC-013"
    reads = ("crawl_status", "home", "home.has_search_form", "pages", "pages.has_search_form")
    limits = ()  # none of the section matching's
    lists = ()
    severity = "warning"
    title_vi = "Có công cụ tìm kiếm toàn văn"
    title_en = "Has a full-text search tool"
    failure_vi = "Không có công cụ tìm kiếm trên trang"
    remedy_vi = "Đề nghị bổ sung công cụ tìm kiếm toàn văn trên tất cả các trang."
    remedy_en = "Please add a full-text search tool to every page."

    def check(self, site, ctx: RuleContext) -> Iterator[Finding]:
        if self.id not in ctx.mandatory:
            return
        if site.home is not None and site.home.has_search_form:
            return
        if any(page.has_search_form for page in site.pages):
            return
        yield self.finding(site, "Không tìm thấy ô tìm kiếm (biểu mẫu tìm kiếm) trên các trang đã kiểm tra.",
                           key="missing", pages=len(site.pages), crawl=site.crawl_status)
