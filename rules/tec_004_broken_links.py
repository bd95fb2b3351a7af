"""TEC-004: No broken internal links or attachments.

A broken link is a page of the site that answered 400 or more (401, a login, aside), or
answered 200 with an error page (a soft 404: "Không tìm thấy trang" as its title), and that some
page of the site links to (the spider's own guesses, such as ``sitemap.xml``, are not links); a
broken attachment is one whose HEAD (or one-byte GET) answered 400 or more or failed. Thirty
broken links are one cause for the reader (a moved section, a partial migration): one finding
for the pages and one for the attachments, each with the count and samples naming the pages
that link to them.
"""

from __future__ import annotations

from typing import Iterator

from auditor.judge.findings import Finding
from auditor.rules.base import Rule, RuleContext

LOGIN_REQUIRED = 401  # a link to the admin login is no broken link


class BrokenLinks(Rule):
    id = "TEC-004"
    scope = "site"
    reads = (
        "attachments", "pages", "pages.depth", "pages.kind", "pages.status", "pages.url",
        "referrers",
    )
    limits = ("max_broken_reported",)
    severity = "warning"
    title_vi = "Không có liên kết hỏng, tệp đính kèm không tải được"
    title_en = "No broken internal links or attachments"
    failure_vi = "Trang có liên kết hỏng"
    remedy_vi = "Đề nghị rà soát, sửa hoặc gỡ bỏ các liên kết hỏng và tệp đính kèm không tải được."
    remedy_en = "Please fix or remove the broken links and attachments."

    def check(self, site, ctx: RuleContext) -> Iterator[Finding]:
        samples = int(ctx.limit("max_broken_reported"))
        for kind, broken in (("page", list(self.broken_pages(site))),
                             ("attachment", list(self.broken_attachments(site)))):
            if broken:
                yield self.grouped_finding(site, kind, broken, samples)

    def grouped_finding(self, site, kind: str, broken: list, samples: int) -> Finding:
        what = "tệp đính kèm" if kind == "attachment" else "liên kết"
        shown = ", ".join(f"{url} ({self.answer(status)})" for url, status, _, _ in broken[:3])
        more = f" và {len(broken) - 3} {what} khác" if len(broken) > 3 else ""
        first_url, first_status, _, _ = broken[0]
        finding = self.finding(
            site, f"{len(broken)} {what} hỏng: {shown}{more}.", url=first_url,
            key="broken" if kind == "page" else "broken-attachment", grouped=True,
            status=first_status, kind=kind, broken_urls=[url for url, *_ in broken[:samples]],
            linked_from=list(dict.fromkeys(ref for _, _, refs, _ in broken[:samples] for ref in refs[:5])))
        finding.count = len(broken)
        return finding

    @staticmethod
    def answer(status: int) -> str:
        if status == 200:
            return "trang báo lỗi, HTTP 200"
        return f"HTTP {status}" if status else "không tải được"

    @staticmethod
    def broken_pages(site):
        for page in site.pages:
            linked_from = site.referrers.get(page.url, [])
            is_broken = page.status >= 400 or (page.kind == "error" and page.depth > 0)
            if is_broken and page.status != LOGIN_REQUIRED and linked_from:
                yield page.url, page.status, linked_from, "page"

    @staticmethod
    def broken_attachments(site):
        for attachment in site.attachments:
            if attachment.status >= 400 or (attachment.status == 0 and attachment.error):
                yield attachment.url, attachment.status, [attachment.found_on], "attachment"
