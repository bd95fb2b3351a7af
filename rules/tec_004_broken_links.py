"""TEC-004: No broken internal links or attachments.

A broken link is a page of the site that answered 400 or more (401, a login, aside) and that
some page of the site links to (the spider's own guesses, such as ``sitemap.xml``, are not links); a broken
attachment is one whose HEAD (or one-byte GET) answered 400 or more or failed. One finding per
broken URL, naming the pages that link to it, up to ``max_broken_reported`` per site; the rest
are counted in one more finding.
"""

from __future__ import annotations

from typing import Iterator

from auditor.judge.findings import Finding
from auditor.rules.base import Rule, RuleContext

LOGIN_REQUIRED = 401  # a link to the admin login is no broken link


class BrokenLinks(Rule):
    id = "TEC-004"
    scope = "site"
    reads = ("attachments", "pages", "pages.status", "pages.url", "referrers")
    limits = ("max_broken_reported",)
    severity = "warning"
    title_vi = "Không có liên kết hỏng, tệp đính kèm không tải được"
    title_en = "No broken internal links or attachments"
    failure_vi = "Trang có liên kết hỏng"
    remedy_vi = "Đề nghị rà soát, sửa hoặc gỡ bỏ các liên kết hỏng và tệp đính kèm không tải được."
    remedy_en = "Please fix or remove the broken links and attachments."

    def check(self, site, ctx: RuleContext) -> Iterator[Finding]:
        broken = list(self.broken_pages(site)) + list(self.broken_attachments(site))
        limit = int(ctx.limit("max_broken_reported"))
        for url, status, linked_from, kind in broken[:limit]:
            what = "Tệp đính kèm" if kind == "attachment" else "Liên kết"
            answer = f"HTTP {status}" if status else "không tải được"
            yield self.finding(site, f"{what} hỏng ({answer}): {url}", url=url, key="broken",
                               status=status, linked_from=linked_from[:5], kind=kind)
        if len(broken) > limit:
            rest = broken[limit:]
            finding = self.finding(site, f"Còn {len(rest)} liên kết hỏng khác.", key="more",
                                   grouped=True, urls=[b[0] for b in rest[:20]])
            finding.count = len(rest)
            yield finding

    @staticmethod
    def broken_pages(site):
        for page in site.pages:
            linked_from = site.referrers.get(page.url, [])
            if page.status >= 400 and page.status != LOGIN_REQUIRED and linked_from:
                yield page.url, page.status, linked_from, "page"

    @staticmethod
    def broken_attachments(site):
        for attachment in site.attachments:
            if attachment.status >= 400 or (attachment.status == 0 and attachment.error):
                yield attachment.url, attachment.status, [attachment.found_on], "attachment"
