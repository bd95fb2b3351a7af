"""FTR-004: Contact emails use the agency's official domain, not free mail (gmail, yahoo ...).

Only the emails the site gives as its own are judged: those in page footers, on the home page
and on contact pages (SEC-009's labels and slugs). An email elsewhere may be a citizen's, quoted
in a Q&A: not the site's. One finding per address, with the pages that show it.
"""

from __future__ import annotations

from typing import Iterator

from auditor.judge.findings import Finding
from auditor.rules._sections import candidate_positions
from auditor.rules._web import in_list
from auditor.rules.base import Rule, RuleContext


def contact_positions(site, ctx: RuleContext) -> set[int]:
    """The places in ``site.pages`` of its contact pages: a part of the title starts with one of
    SEC-009's labels, or a URL segment is one of its slugs (rules/_sections.py, once a site)."""
    section = ctx.sections.get("SEC-009")
    if section is None:
        return set()
    return set(candidate_positions(site, section.labels, section.slugs))


def own_emails(page, is_contact: bool) -> list[str]:
    if page.depth == 0 or is_contact:
        return page.emails
    footer = page.footer_text.lower()
    return [email for email in page.emails if email in footer]


class OfficialMail(Rule):
    id = "FTR-004"
    scope = "site"
    reads = (
        "pages", "pages.depth", "pages.emails", "pages.final_url", "pages.footer_text",
        "pages.title", "url",
    )
    lists = ("free_mail_domains",)
    severity = "warning"
    title_vi = "Thư điện tử liên hệ dùng tên miền chính thức, không dùng hộp thư miễn phí"
    title_en = "Contact emails use the official domain, not free mail"
    failure_vi = "Trang dùng hộp thư miễn phí làm thư điện tử liên hệ"
    remedy_vi = ("Đề nghị sử dụng hộp thư công vụ (tên miền của cơ quan) thay cho hộp thư miễn phí "
                 "trong thông tin liên hệ.")
    remedy_en = "Please use the agency's official mailbox instead of a free-mail address."

    def check(self, site, ctx: RuleContext) -> Iterator[Finding]:
        seen: dict[str, list[str]] = {}
        contacts = contact_positions(site, ctx)
        for position, page in enumerate(site.pages):
            for email in own_emails(page, position in contacts):
                domain = email.rsplit("@", 1)[-1].lower()
                if in_list(domain, ctx.words("free_mail_domains")):
                    seen.setdefault(email, []).append(page.final_url or page.url)
        for email, pages in seen.items():
            finding = self.finding(site, f"Thư điện tử liên hệ dùng hộp thư miễn phí: {email}.",
                                   url=pages[0], key=email, grouped=True, email=email,
                                   pages=pages[:10])
            finding.count = len(pages)
            yield finding
