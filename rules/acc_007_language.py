"""ACC-007: The page's language is declared correctly (WCAG 3.1.1, 3.1.2).

A ``lang`` code that is not a language (``lang="vn"``), ``lang`` and ``xml:lang`` that disagree,
or a part of the page marked with an invalid code: a screen reader picks the wrong voice.
Judged in the browser by axe-core (``html-lang-valid``, ``html-xml-lang-mismatch``,
``valid-lang``).

ACC-003 (static, every page) owns a missing ``lang`` and a Vietnamese page declared in another
language: where it already reports the page's language (``lang="vn"`` on a Vietnamese page is
both invalid and not "vi"), this rule steps aside for ``html-lang-valid``.
"""

from __future__ import annotations

from typing import Iterator

from auditor.judge.findings import Finding
from auditor.rules._axe import BrowserRule
from auditor.rules.acc_003_lang_headings import declares_other_language
from auditor.rules.base import RuleContext

PAGE_LANGUAGE_RULES = frozenset({"html-lang-valid"})


class Language(BrowserRule):
    reads = (*BrowserRule.reads, "lang", "text")  # steps aside where ACC-003 judges the language
    id = "ACC-007"
    title_vi = "Ngôn ngữ của trang được khai báo đúng (WCAG 3.1.1)"
    title_en = "The page language is declared correctly (WCAG 3.1.1)"
    failure_vi = "Mã ngôn ngữ khai báo trên trang không hợp lệ hoặc không thống nhất"
    remedy_vi = ("Đề nghị khai báo mã ngôn ngữ hợp lệ và thống nhất (<html lang=\"vi\">; "
                 "lang và xml:lang cùng một giá trị).")
    remedy_en = "Please declare a valid, consistent language code (<html lang=\"vi\">; lang and xml:lang alike)."
    criteria = ("3.1.1", "3.1.2")

    def check(self, rendered, ctx: RuleContext) -> Iterator[Finding]:
        static_reported = declares_other_language(rendered.lang, rendered.text)
        for finding in super().check(rendered, ctx):
            if static_reported and finding.evidence.get("axe_rule") in PAGE_LANGUAGE_RULES:
                continue  # ACC-003 reports this page's language already
            yield finding
