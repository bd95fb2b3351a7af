"""SEC-015: Visitors can rate their satisfaction with the information online (Decree 224/2026
Art. 10(3)(b)): a link, form or box "Đánh giá mức độ hài lòng", "Khảo sát ý kiến" … on any
page (spiders/features.py keeps its label), or a navigation link so labelled (the
section's labels in the packs), which may lead to a survey outside the site.
"""

from __future__ import annotations

from typing import Iterator

from auditor.judge.findings import Finding
from auditor.rules._sections import nav_candidates
from auditor.rules.base import Rule, RuleContext


class SatisfactionRating(Rule):
    id = "SEC-015"
    scope = "site"
    reads = ("crawl_status", "home", "home.rating", "nav", "pages", "pages.rating")
    lists = ("abbreviations",)
    severity = "error"
    judges_abolished = False
    title_vi = "Có chức năng đánh giá trực tuyến mức độ hài lòng"
    title_en = "Offers an online satisfaction rating"
    failure_vi = "Trang không có chức năng đánh giá mức độ hài lòng"
    remedy_vi = ("Đề nghị bổ sung chức năng cho phép tổ chức, cá nhân đánh giá trực tuyến mức độ "
                 "hài lòng về thông tin được cung cấp.")
    remedy_en = "Please let visitors rate online their satisfaction with the information provided."

    def check(self, site, ctx: RuleContext) -> Iterator[Finding]:
        if any(page.rating for page in site.pages) or (site.home and site.home.rating):
            return
        if nav_candidates(site, ctx.sections[self.id].labels, ctx.words("abbreviations")):
            return
        yield self.finding(site, "Không tìm thấy chức năng đánh giá mức độ hài lòng trên trang.",
                           key="missing", crawl=site.crawl_status)
