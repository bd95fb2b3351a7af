"""MED-002: A press article reposted on the site names its author and source, or says the outlet
allowed it.

A *repost* is an article page (_pages.py) that says so: a "Điểm báo" marker in its title,
headings or text (``repost_markers``), a source line naming the press ("Theo báo Tuổi Trẻ",
"Nguồn: VnExpress"; ``press_names``, ``press_domains``), or links from its text to a press
site. It passes with both an author and a source line ("Tác giả …", "Nguồn: Báo Quảng Trị"),
or with a permission note (``permission_terms``).
"""

from __future__ import annotations

from typing import Iterator

from auditor.judge.findings import Finding
from auditor.rules._pages import folded_main_text, is_article, repost_signs
from auditor.rules._text import any_phrase
from auditor.rules.base import Rule, RuleContext


class PressRepost(Rule):
    id = "MED-002"
    scope = "page"
    reads = (
        "author", "dates", "depth", "error", "final_url", "headings", "is_html", "kind", "links",
        "main_text", "published", "source", "status", "text", "title",
    )
    limits = ("article_max_dates", "article_max_link_share", "article_min_chars")
    lists = ("list_slugs", "permission_terms", "press_domains", "press_names", "repost_markers")
    severity = "warning"
    title_vi = "Tin bài đăng lại từ báo chí ghi rõ tác giả, nguồn và được phép đăng lại"
    title_en = "Press articles reposted with author, source and permission"
    failure_vi = "Tin bài đăng lại từ báo chí không ghi đủ tác giả, nguồn"
    remedy_vi = ("Đề nghị kiểm tra kỹ điều kiện bản quyền trước khi đăng lại tin bài, mục “Điểm "
                 "báo”: ghi rõ tác giả, nguồn (tên cơ quan báo chí) và có sự đồng ý của cơ quan "
                 "báo chí.")
    remedy_en = ("Please check the licence before reposting press articles (the \"Điểm báo\" "
                 "column): name the author and the outlet, and have the outlet's permission.")

    def check(self, facts, ctx: RuleContext) -> Iterator[Finding]:
        if not is_article(facts, ctx):
            return
        signs = repost_signs(facts, ctx)
        if not signs:
            return
        if facts.author and facts.source:
            return
        if any_phrase(folded_main_text(facts), ctx.words("permission_terms")):
            return
        missing = [name for name, value in (("tác giả", facts.author), ("nguồn", facts.source))
                   if not value]
        yield self.finding(
            facts, f"Tin bài đăng lại từ báo chí ({'; '.join(signs)}) không ghi "
                   f"{' và '.join(missing)}, không có ghi chú được phép đăng lại.",
            url=facts.final_url, key="uncredited", signs=signs, author=facts.author,
            source=facts.source)
