"""FTR-001: The masthead shows the agency's full Vietnamese name, and an emblem or logo.

Read on the home page: its header text and what its header pictures say (a masthead is often
one picture with the name in it: its alt, title or file name, "banner-ubnd-xa-huong-lap.png");
when the extractor found no header region, the top of the main text stands in
(_pages.masthead_text). The name is the registry name's proper part ("UBND xã Hướng Lập" ->
"Hướng Lập"), matched without regard to case or diacritics.

When the name is not read but the masthead is a picture the markup says nothing about (a header
picture without alt or title, or a header with no text at all: a CSS background), the name may
well be in the picture: the verdict is "không xác định", an ``info`` finding marked ``review``
(as the browser pass marks what axe-core cannot decide), not a warning. A missing logo is only
``info`` too: a logo set as a CSS background is invisible to the facts.
"""

from __future__ import annotations

from typing import Iterator

from auditor.judge.findings import Finding
from auditor.rules._images import is_mute
from auditor.rules._pages import masthead_text
from auditor.rules._text import fold, has_phrase, name_core
from auditor.rules.base import Rule, RuleContext


def has_emblem(home) -> bool:
    """A picture in the header; without a header region the page's first picture, which is
    where a masthead puts its emblem."""
    pictures = [m for m in home.media if m.kind in ("img", "object", "embed") and not m.hidden]
    if any(m.region == "header" for m in pictures):
        return True
    return not home.header_text and bool(pictures)


def unreadable_masthead(home) -> bool:
    """The masthead may show the name where the facts cannot read it: a header picture without
    alt or title, or a header without any text (its picture is a CSS background)."""
    if not home.header_text:
        return True
    return any(is_mute(m) for m in home.media if m.region == "header" and not m.hidden)


class Masthead(Rule):
    id = "FTR-001"
    scope = "site"
    reads = (
        "home", "home.final_url", "home.header_text", "home.is_html", "home.main_text",
        "home.media", "name",
    )
    lists = ("abbreviations", "name_prefixes")
    severity = "warning"
    judges_abolished = False
    title_vi = "Đầu trang ghi đầy đủ tên cơ quan bằng tiếng Việt, có quốc huy hoặc biểu trưng"
    title_en = "The masthead shows the agency's full Vietnamese name and its emblem or logo"
    failure_vi = "Đầu trang không ghi tên cơ quan chủ quản"
    remedy_vi = ("Đề nghị thể hiện tên đầy đủ bằng tiếng Việt của cơ quan chủ quản và quốc huy "
                 "hoặc biểu trưng ở đầu trang chủ.")
    remedy_en = "Please show the agency's full Vietnamese name and its emblem or logo in the masthead."

    def check(self, site, ctx: RuleContext) -> Iterator[Finding]:
        home = site.home
        if home is None or not home.is_html:
            return
        core = name_core(site.name, ctx.words("name_prefixes"))
        text = masthead_text(home, abbreviations=ctx.words("abbreviations"))
        if core and not has_phrase(fold(text), fold(core)):
            masthead = " ".join(text.split())[:200]
            if unreadable_masthead(home):
                yield self.finding(site, f"Không xác định được tên cơ quan “{site.name}” ở đầu trang "
                                   f"chủ: đầu trang là hình ảnh không có văn bản thay thế, cần kiểm "
                                   f"tra trực quan.", url=home.final_url, key="name", expected=core,
                                   masthead=masthead, severity="info", review=True)
            else:
                yield self.finding(site, f"Đầu trang chủ không ghi tên cơ quan “{site.name}”.",
                                   url=home.final_url, key="name", expected=core, masthead=masthead)
        if not has_emblem(home):
            yield self.finding(site, "Đầu trang chủ không có hình quốc huy hoặc biểu trưng.",
                               url=home.final_url, key="emblem", severity="info")
