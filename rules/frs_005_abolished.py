"""FRS-005: The site of an abolished unit is closed, redirected or carries a notice; no site is
still headed by a unit the reorganisation abolished.

Two findings:
- ``live`` (error): the registry says ``abolished`` or ``merged`` and the home page answered
  with neither a redirect off the site nor a notice (``notice_terms``, pack data);
- ``old-name`` (warning): the masthead names a unit word the regime abolished
  (``old_unit_terms``: "huyện", "thị trấn" ... under Decree 224/2026), matched as whole words
  with their diacritics ("Huyền" is a name, not a district).
"""

from __future__ import annotations

from typing import Iterator

from auditor.judge.findings import Finding
from auditor.rules._pages import masthead_text
from auditor.rules._text import fold, has_phrase, terms_in
from auditor.rules.base import Rule, RuleContext
from auditor.statuses import ABOLISHED
from auditor.spiders.outcomes import redirects_off_site



def redirected_away(site) -> bool:
    home = site.home
    return any(redirects_off_site(reason) for reason in site.crawl_reasons) or (
        home is not None and redirects_off_site(home.error))


def has_notice(home, ctx: RuleContext) -> str:
    text = fold(" ".join([home.title, home.header_text, home.main_text, home.footer_text]))
    return next((t for t in ctx.words("notice_terms") if has_phrase(text, fold(t))), "")


class AbolishedUnitLive(Rule):
    id = "FRS-005"
    scope = "site"
    reads = (
        "crawl_reason", "crawl_reasons", "home", "home.error", "home.final_url", "home.footer_text",
        "home.header_text", "home.main_text", "home.media", "home.title", "name", "registry_status",
    )
    lists = ("notice_terms", "old_unit_terms")
    severity = "error"
    title_vi = "Trang của đơn vị đã giải thể, sáp nhập được đóng, chuyển hướng hoặc có thông báo"
    title_en = "The site of an abolished or merged unit is closed, redirected or carries a notice"
    failure_vi = "Trang của đơn vị đã giải thể, sáp nhập vẫn hoạt động"
    remedy_vi = ("Đề nghị dừng hoạt động hoặc chuyển hướng trang của đơn vị đã giải thể, sáp nhập "
                 "về trang của đơn vị mới, kèm thông báo cho người truy cập; cập nhật tên đơn vị "
                 "hành chính mới ở đầu trang.")
    remedy_en = ("Please close the site of the abolished or merged unit, or redirect it to the new "
                 "unit's site with a notice; show the new unit's name in the masthead.")

    def check(self, site, ctx: RuleContext) -> Iterator[Finding]:
        home = site.home
        if home is None:
            return
        if site.registry_status in ABOLISHED and not redirected_away(site) and not has_notice(home, ctx):
            yield self.finding(site, f"Đơn vị “{site.name}” đã {self.status_vi(site)} nhưng trang "
                                     f"vẫn hoạt động, không chuyển hướng, không có thông báo.",
                               url=home.final_url, key="live", registry_status=site.registry_status)
        masthead = masthead_text(home)
        old = terms_in(masthead, ctx.words("old_unit_terms"))
        if old:
            yield self.finding(site, f"Đầu trang còn ghi tên đơn vị hành chính cũ ({', '.join(old)}).",
                               url=home.final_url, key="old-name", severity="warning", terms=old,
                               masthead=" ".join(masthead.split())[:200])

    @staticmethod
    def status_vi(site) -> str:
        return "sáp nhập" if site.registry_status == "merged" else "giải thể"
