"""FTR-005: The home page's main menu offers the functions Circular 32/2017 names (Art. 16(3)(a):
the header holds the menu; Art. 18(2): Trang chủ, Sơ đồ cổng …): Trang chủ, Giới thiệu, Dịch
vụ công trực tuyến, Sơ đồ cổng. Read from the home page's header and menu links; a link to the
home page itself (often an icon) counts as "Trang chủ". Labels are pack data (``menu_*``).
"""

from __future__ import annotations

from typing import Iterator

from auditor.judge.findings import Finding
from auditor.rules._text import fold, starts_with_phrase
from auditor.spiders.urls import canonical
from auditor.rules.base import Rule, RuleContext

ITEMS = (("menu_home", "Trang chủ"), ("menu_intro", "Giới thiệu"),
         ("menu_services", "Dịch vụ công trực tuyến"), ("menu_sitemap", "Sơ đồ cổng"))


class MainMenu(Rule):
    id = "FTR-005"
    scope = "site"
    reads = ("home", "home.final_url", "home.is_html", "home.links", "home.status", "url")
    lists = ("menu_home", "menu_intro", "menu_services", "menu_sitemap")
    severity = "warning"
    judges_abolished = False
    title_vi = "Danh mục chức năng chính ở đầu trang chủ"
    title_en = "Main menu of the home page"
    failure_vi = "Danh mục chức năng của trang chủ thiếu mục chính"
    remedy_vi = ("Đề nghị bố trí trên danh mục chức năng đầu trang các mục Trang chủ, Giới thiệu, "
                 "Dịch vụ công trực tuyến, Sơ đồ cổng thông tin.")
    remedy_en = "Please put Home, Introduction, Online public services and Site map in the main menu."

    def check(self, site, ctx: RuleContext) -> Iterator[Finding]:
        home = site.home
        if home is None or not home.is_html or not 200 <= home.status < 300:
            return
        menu = [link for link in home.links if link.region in ("nav", "header")]
        labels = [fold(link.text) for link in menu if link.text]
        home_urls = {canonical(site.url), canonical(home.final_url)}
        missing = []
        for words, name in ITEMS:
            found = any(starts_with_phrase(label, fold(w)) for label in labels for w in ctx.words(words))
            if words == "menu_home":
                found = found or any(link.url in home_urls for link in menu)
            if not found:
                missing.append(name)
        if missing:
            yield self.finding(site, "Danh mục chức năng đầu trang chủ thiếu: " + ", ".join(missing) + ".",
                               url=home.final_url, key="missing", missing=missing,
                               menu=[link.text for link in menu if link.text][:30])
