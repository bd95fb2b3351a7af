"""ACC-003: Pages declare their language (``<html lang="vi">``) and have a heading structure.

Three keys, each one finding per site counted over pages: ``no-lang`` (no ``lang``),
``lang-not-vi`` (a Vietnamese page declared in another language: a screen reader would read
it with the wrong voice; judged only when the text is Vietnamese) and ``no-headings`` (not a
single h1-h6).
"""

from __future__ import annotations

import re
from typing import Iterator

from auditor.judge.findings import Finding
from auditor.rules.base import Rule, RuleContext

# Letters only Vietnamese uses: a text full of them is Vietnamese whatever its lang says.
VIETNAMESE = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE)


def declares_other_language(lang: str, text: str) -> bool:
    """A Vietnamese text under a ``lang`` that is not Vietnamese (ACC-007 steps aside for it)."""
    lang = (lang or "").lower()
    return bool(lang) and not lang.startswith("vi") and len(VIETNAMESE.findall(text[:3000])) >= 20


class LanguageAndHeadings(Rule):
    id = "ACC-003"
    scope = "page"
    reads = ("final_url", "headings", "lang", "main_text")
    severity = "warning"
    title_vi = "Trang khai báo ngôn ngữ và có cấu trúc tiêu đề"
    title_en = "Pages declare their language and have headings"
    failure_vi = "Trang thiếu khai báo ngôn ngữ hoặc cấu trúc tiêu đề"
    remedy_vi = ("Đề nghị khai báo ngôn ngữ của trang (<html lang=\"vi\">) và dùng các thẻ tiêu đề "
                 "(h1–h6) theo cấu trúc nội dung.")
    remedy_en = "Please declare the page language (<html lang=\"vi\">) and structure content with h1-h6 headings."

    def check(self, facts, ctx: RuleContext) -> Iterator[Finding]:
        lang = facts.lang.lower()
        if not lang:
            yield self.finding(facts, "Trang không khai báo ngôn ngữ (thuộc tính lang).",
                               url=facts.final_url, key="no-lang", grouped=True)
        elif declares_other_language(lang, facts.main_text):
            yield self.finding(facts, f"Trang tiếng Việt nhưng khai báo ngôn ngữ “{facts.lang}”.",
                               url=facts.final_url, key="lang-not-vi", grouped=True, lang=facts.lang)
        if not facts.headings:
            yield self.finding(facts, "Trang không có thẻ tiêu đề (h1–h6).", url=facts.final_url,
                               key="no-headings", grouped=True)
