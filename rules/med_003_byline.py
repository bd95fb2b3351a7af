"""MED-003: An article names its author ("Tác giả …", a signature) or its source ("Nguồn: …").

On article pages (_pages.py) that are not press reposts (MED-002 judges those). All articles
without either on a site are one finding, counted, with sample URLs.
"""

from __future__ import annotations

from typing import Iterator

from auditor.judge.findings import Finding
from auditor.rules._pages import is_article, is_repost
from auditor.rules.base import Rule, RuleContext


class Byline(Rule):
    id = "MED-003"
    scope = "page"
    reads = (
        "author", "dates", "depth", "error", "final_url", "headings", "is_html", "kind", "links",
        "main_text", "published", "source", "status", "text", "title",
    )
    limits = ("article_max_dates", "article_max_link_share", "article_min_chars")
    lists = ("list_slugs", "repost_markers")
    severity = "warning"
    title_vi = "Tin bài ghi rõ tác giả hoặc nguồn"
    title_en = "Articles name their author or source"
    failure_vi = "Tin bài không ghi tác giả, nguồn"
    remedy_vi = "Đề nghị ghi rõ tác giả và nguồn tin ở cuối mỗi tin bài."
    remedy_en = "Please name the author and the source at the end of every article."

    def check(self, facts, ctx: RuleContext) -> Iterator[Finding]:
        if facts.author or facts.source or not is_article(facts, ctx) or is_repost(facts, ctx):
            return
        title = next((h.text for h in facts.headings if h.level <= 2), facts.title)
        yield self.finding(facts, "Tin bài không ghi tác giả, nguồn.", url=facts.final_url,
                           key="no-byline", grouped=True, article=title[:200])
