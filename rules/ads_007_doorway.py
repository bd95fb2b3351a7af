"""ADS-007: No spam page that only the sitemap leads to (a doorway page planted on a hacked site).
Critical.

Planted spam pages (under an upload or cache folder, ``/?slot=...``) are linked from no page of
the site: search engines find them through the sitemap. The spider reads the site's sitemaps
(spiders/sitemaps.py) and marks a page found there that no page read before it links to
(``sitemap_only``). Such a page with the gambling spam ADS-003 looks for is a doorway page; it
is judged here rather than by ADS-003 (one cause, one finding), with how it was found.
"""

from __future__ import annotations

from typing import Iterator

from auditor.judge.findings import Finding
from auditor.rules.ads_003_gambling import GamblingSpam
from auditor.rules.base import Rule, RuleContext


class DoorwayPages(Rule):
    id = "ADS-007"
    scope = "page"
    reads = ("sitemap_only", *GamblingSpam.reads)
    lists = GamblingSpam.lists
    severity = "error"
    title_vi = ("Không có trang rác chỉ được khai báo trong sơ đồ trang (sitemap) mà không trang nào "
                "liên kết đến (trang cửa ngõ, dấu hiệu trang bị tấn công)")
    title_en = "No spam page that only the sitemap leads to (a doorway page, a sign of compromise)"
    failure_vi = "Trang có trang cờ bạc, cá cược chỉ được khai báo trong sơ đồ trang"
    remedy_vi = ("Đề nghị khẩn trương xóa các trang rác và mục khai báo của chúng trong sơ đồ trang, "
                 "rà soát thư mục tải lên, mã nguồn và tài khoản quản trị; vá lỗ hổng và báo cáo cơ "
                 "quan chuyên trách về an toàn thông tin.")
    remedy_en = ("Delete the spam pages and their sitemap entries, audit the upload folders, code and "
                 "admin accounts, patch the vulnerability and report to the information-security unit.")

    def check(self, facts, ctx: RuleContext) -> Iterator[Finding]:
        if not facts.sitemap_only:
            return
        spam = list(GamblingSpam().spam_found(facts, ctx))
        if spam:
            yield self.finding(
                facts, f"Trang cờ bạc, cá cược chỉ có trong sơ đồ trang: {facts.final_url}.",
                url=facts.final_url, key="doorway", grouped=True, found_in="sitemap",
                title=facts.title[:200], spam=[finding.message for finding in spam[:3]],
                **{k: v for k, v in spam[0].evidence.items() if k in ("terms", "snippet", "href")})
