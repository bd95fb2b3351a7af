"""TEC-008: Each article can be printed and saved (Decree 43/2011 Art. 15(1)(c)): a link or
button that prints ("In bài viết", ``window.print()``) and one that saves ("Lưu bài viết",
an export to PDF) on article pages (_pages.py; spiders/features.py finds the tools). All
articles lacking a tool on a site are one finding per tool, counted, with sample URLs.
"""

from __future__ import annotations

from typing import Iterator

from auditor.judge.findings import Finding
from auditor.rules._pages import is_article
from auditor.rules.base import Rule, RuleContext

TOOLS = {"print": "in", "save": "lưu"}


class PrintAndSave(Rule):
    id = "TEC-008"
    scope = "page"
    reads = ("dates", "depth", "error", "final_url", "headings", "is_html", "kind", "links", "main_text", "page_tools", "published", "status", "title")
    limits = ("article_max_dates", "article_max_link_share", "article_min_chars")
    lists = ("list_slugs",)
    severity = "warning"
    judges_abolished = False
    title_vi = "Tin bài có chức năng in và lưu"
    title_en = "Articles can be printed and saved"
    failure_vi = "Tin bài không có chức năng in, lưu"
    remedy_vi = "Đề nghị bổ sung nút “In bài viết” và “Lưu bài viết” trên mỗi tin bài."
    remedy_en = "Please add print and save buttons to every article."

    def check(self, facts, ctx: RuleContext) -> Iterator[Finding]:
        missing = [tool for tool in TOOLS if tool not in facts.page_tools]
        if not missing or not is_article(facts, ctx):
            return
        title = next((h.text for h in facts.headings if h.level <= 2), facts.title)
        for tool in missing:
            yield self.finding(facts, f"Tin bài không có chức năng {TOOLS[tool]}.", url=facts.final_url,
                               key=f"no-{tool}", grouped=True, article=title[:200])
