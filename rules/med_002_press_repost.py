"""MED-002: A press article reposted on the site names its author and source, or says the outlet
allowed it.

A *repost* is an article page (_pages.py) that says so: a "Điểm báo" marker in its title,
headings or text (``repost_markers``), a source line naming the press ("Theo báo Tuổi Trẻ",
"Nguồn: VnExpress"; ``press_names``, ``press_domains``), or links from its text to a press
site. It passes with both an author and a source line ("Tác giả …", "Nguồn: Báo Quảng Trị"),
or with a permission note (``permission_terms``).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterator

from auditor.judge.findings import Finding
from auditor.rules._law import LAW_IP, LAW_PRESS, ND43
from auditor.rules._pages import is_article
from auditor.rules._text import any_folded
from auditor.rules._web import host_of, is_press
from auditor.rules.base import ALWAYS, Rule, RuleContext


# "báo Tuổi Trẻ", "Tạp chí Cộng sản", "báo điện tử Dân trí": the word, then a capitalised name
# ("báo cáo", a report, is no newspaper)
PRESS_WORD = re.compile(r"(?<!\w)(?:[bB]áo|[tT]ạp chí)\s+(?:điện tử\s+)?[A-ZĐÂĂÊÔƠƯÀ-Ỹ]")


def names_press(source: str, ctx: RuleContext) -> bool:
    source = unicodedata.normalize("NFC", source)
    return bool(PRESS_WORD.search(source) or any_folded(source, ctx.words("press_names"))
                or any(domain in source.lower() for domain in ctx.words("press_domains")))


def repost_signs(facts, ctx: RuleContext) -> list[str]:
    """Why the page looks reposted from the press (empty: it does not)."""
    signs = []
    markers = ctx.words("repost_markers")  # the main text on its own: its fold is shared
    marker = next(filter(None, (any_folded(text, markers) for text in
                                (facts.title, *(h.text for h in facts.headings), facts.main_text))), "")
    if marker:
        signs.append(f"“{marker}”")
    if facts.source and names_press(facts.source, ctx):
        signs.append(f"nguồn “{facts.source}”")
    hosts = {host_of(link.url) for link in facts.links if link.region == "body" and not link.hidden}
    press_links = sorted({is_press(host, ctx) for host in hosts} - {""})  # one look-up per host
    if press_links:
        signs.append("liên kết đến " + ", ".join(press_links))
    return signs


def is_repost(facts, ctx: RuleContext) -> bool:
    return bool(repost_signs(facts, ctx))


class PressRepost(Rule):
    id = "MED-002"
    scope = "page"
    severity = "warning"
    title_vi = "Tin bài đăng lại từ báo chí ghi rõ tác giả, nguồn và được phép đăng lại"
    title_en = "Press articles reposted with author, source and permission"
    failure_vi = "Tin bài đăng lại từ báo chí không ghi đủ tác giả, nguồn"
    remedy_vi = ("Đề nghị kiểm tra kỹ điều kiện bản quyền trước khi đăng lại tin bài, mục “Điểm "
                 "báo”: ghi rõ tác giả, nguồn (tên cơ quan báo chí) và có sự đồng ý của cơ quan "
                 "báo chí.")
    remedy_en = ("Please check the licence before reposting press articles (the \"Điểm báo\" "
                 "column): name the author and the outlet, and have the outlet's permission.")
    basis = {"nd43-2011": (ND43("khoản 3 Điều 5"),),
             ALWAYS: (LAW_PRESS("Điều 36"), LAW_IP("khoản 2 Điều 25"))}

    def check(self, facts, ctx: RuleContext) -> Iterator[Finding]:
        if not is_article(facts, ctx):
            return
        signs = repost_signs(facts, ctx)
        if not signs:
            return
        if facts.author and facts.source:
            return
        if any_folded(facts.main_text, ctx.words("permission_terms")):
            return
        missing = [name for name, value in (("tác giả", facts.author), ("nguồn", facts.source))
                   if not value]
        yield self.finding(
            facts, f"Tin bài đăng lại từ báo chí ({'; '.join(signs)}) không ghi "
                   f"{' và '.join(missing)}, không có ghi chú được phép đăng lại.",
            url=facts.final_url, key="uncredited", signs=signs, author=facts.author,
            source=facts.source)
