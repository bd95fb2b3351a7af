"""FTR-003: A copyright statement ("Bản quyền thuộc về …", "©") in the footer of the home page
(or anywhere on it when the page has no footer region)."""

from __future__ import annotations

from typing import Iterator

from auditor.judge.findings import Finding
from auditor.rules._text import fold, has_phrase
from auditor.rules.base import Rule, RuleContext


class CopyrightStatement(Rule):
    id = "FTR-003"
    scope = "site"
    reads = ("home", "home.final_url", "home.footer_text", "home.is_html")
    lists = ("copyright_terms",)
    severity = "warning"
    judges_abolished = False
    title_vi = "Có thông tin bản quyền (“Bản quyền thuộc về …”)"
    title_en = "Shows a copyright statement"
    failure_vi = "Trang không có thông tin bản quyền"
    remedy_vi = "Đề nghị bổ sung dòng thông tin bản quyền (“Bản quyền thuộc về …”) ở chân trang."
    remedy_en = "Please add a copyright statement to the footer."

    def check(self, site, ctx: RuleContext) -> Iterator[Finding]:
        home = site.home
        if home is None or not home.is_html:
            return
        text = home.footer_text or home.text
        folded = fold(text)
        if "©" in text or any(has_phrase(folded, fold(t)) for t in ctx.words("copyright_terms")):
            return
        yield self.finding(site, "Chân trang không có dòng thông tin bản quyền.", url=home.final_url,
                           key="missing", footer=" ".join(home.footer_text.split())[:300])
