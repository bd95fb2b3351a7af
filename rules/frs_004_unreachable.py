"""FRS-004: The site can be reached (its home page answers) and audited.

An unreachable site (DNS, refused, TLS, timeout, an HTTP error on the home page) is an error.
A blocked one (robots.txt disallows everything, or 401/403/429 on the home page) is a warning:
the site may be up, but it cannot be audited, and none of its sections are reported missing.
"""

from __future__ import annotations

from typing import Iterator

from auditor.judge.findings import Finding
from auditor.rules.base import Rule, RuleContext


class Reachable(Rule):
    id = "FRS-004"
    scope = "site"
    reads = ("crawl_reason", "crawl_status", "home", "home.status", "robots_disallows_all", "url")
    severity = "error"
    needs_crawl = False
    title_vi = "Trang truy cập được ổn định"
    title_en = "The site can be reached"
    failure_vi = "Không truy cập được trang"
    remedy_vi = ("Đề nghị bảo đảm trang thông tin điện tử hoạt động ổn định, truy cập được thường "
                 "xuyên, liên tục.")
    remedy_en = "Please keep the site reachable at all times."

    def check(self, site, ctx: RuleContext) -> Iterator[Finding]:
        reason = site.crawl_reason or ""
        if site.crawl_status == "unreachable":
            yield self.finding(site, f"Không truy cập được trang chủ ({reason or 'không rõ lý do'}).",
                               url=site.url, key="unreachable", reason=reason)
        elif site.crawl_status == "blocked":
            why = ("robots.txt chặn toàn bộ trang" if site.robots_disallows_all
                   else f"máy chủ từ chối ({reason})")
            yield self.finding(site, f"Không kiểm tra được trang: {why}.", url=site.url,
                               key="blocked", severity="warning", reason=reason)
        elif site.home is not None and site.home.status >= 500:
            yield self.finding(site, f"Trang chủ trả về lỗi HTTP {site.home.status}.", url=site.url,
                               key="home-error", status=site.home.status)
