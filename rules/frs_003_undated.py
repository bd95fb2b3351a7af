"""FRS-003: Articles show their publication date (needed to judge FRS-001).

Judged page by page (``check_page``) on article pages (_pages.py says what an article page is):
one that shows no date in its main text and has no publication date of its own. All such
pages of a site are one finding, counted, with sample URLs.
"""

from __future__ import annotations

from typing import Iterator

from auditor.judge.findings import Finding
from auditor.rules._pages import body_dates, is_article
from auditor.rules.base import Rule, RuleContext


class UndatedArticles(Rule):
    id = "FRS-003"
    scope = "site"
    reads = (
        "author", "dates", "depth", "error", "final_url", "headings", "is_html", "kind", "links",
        "main_text", "published", "status", "title",
    )
    limits = ("article_max_dates", "article_max_link_share", "article_min_chars")
    lists = ("list_slugs",)
    severity = "warning"
    judges_abolished = False
    title_vi = "Tin bài có ghi ngày đăng"
    title_en = "Articles show their publication date"
    failure_vi = "Tin bài không ghi ngày đăng"
    remedy_vi = "Đề nghị ghi rõ ngày, giờ đăng tải trên mỗi tin bài."
    remedy_en = "Please show the date (and time) of publication on every article."

    def check(self, site, ctx: RuleContext) -> Iterator[Finding]:
        return iter(())  # judged page by page

    def check_page(self, facts, ctx: RuleContext) -> Iterator[Finding]:
        if facts.published or body_dates(facts) or not is_article(facts, ctx):
            return
        title = next((h.text for h in facts.headings if h.level <= 2), facts.title)
        yield self.finding(facts, "Tin bài không ghi ngày đăng.", url=facts.final_url,
                           key="undated", grouped=True, article=title[:200])
