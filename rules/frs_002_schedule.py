"""FRS-002: The leaders' working schedule (Lịch công tác) is current.

Schedule pages are told by title or slug (``schedule_labels``, ``schedule_slugs``, pack data).
Their newest absolute date in the main text (a schedule lists coming days, so future dates
count) must be within ``schedule_max_age_days`` of the audit date; dates more than
``MAX_LEAD_DAYS`` ahead are no plan but placeholders ("Ngày cập nhật: 31/12/9999") and do not
make a schedule current. A complete crawl that finds no schedule at all (no page, no menu link,
no home-page block: SEC-003 is met by "Chỉ đạo điều hành" alone) is reported as missing.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Iterator

from auditor.judge.findings import Finding
from auditor.rules._pages import is_relative
from auditor.rules._sections import find_section, schedule_positions
from auditor.rules.base import Rule, RuleContext

MAX_LEAD_DAYS = 62  # a schedule plans weeks, at most a month or two, ahead


class ScheduleCurrent(Rule):
    id = "FRS-002"
    scope = "site"
    reads = (
        "home", "home.links", "nav", "pages", "pages.content_type", "pages.dates", "pages.error",
        "pages.final_url", "pages.is_html", "pages.status", "pages.text_length",
        "pages.text_sample", "pages.title", "pages.url", "url",
    )
    limits = ("schedule_max_age_days", "section_min_chars")
    lists = ("abbreviations", "schedule_labels", "schedule_slugs", "section_placeholders")
    severity = "warning"
    judges_abolished = False
    title_vi = "Lịch công tác của lãnh đạo được cập nhật hằng tuần"
    title_en = "The leaders' working schedule is current"
    failure_vi = "Lịch công tác không được cập nhật"
    remedy_vi = "Đề nghị cập nhật lịch công tác của lãnh đạo hằng tuần, trước khi tuần làm việc bắt đầu."
    remedy_en = "Please publish the leaders' working schedule every week, before the week begins."

    def check(self, site, ctx: RuleContext) -> Iterator[Finding]:
        limit = int(ctx.limit("schedule_max_age_days"))
        schedules = schedule_positions(site, ctx)
        pages = [p for position, p in enumerate(site.pages)
                 if position in schedules and p.is_html and 200 <= p.status < 300]
        if not pages:
            present, _ = find_section(site, ctx.words("schedule_labels"), ctx.words("schedule_slugs"), ctx)
            if not present:
                yield self.finding(site, "Không tìm thấy lịch công tác của lãnh đạo trên trang.",
                                   key="missing")
            return
        horizon = (date.fromisoformat(ctx.audit_date) + timedelta(days=MAX_LEAD_DAYS)).isoformat()
        dated = [(d.iso[:10], p.final_url or p.url) for p in pages for d in p.dates
                 if d.region == "body" and not is_relative(d.raw) and d.iso[:10] <= horizon]
        if not dated:
            yield self.finding(site, "Trang lịch công tác không ghi ngày.", url=pages[0].final_url,
                               key="undated")
            return
        newest, url = max(dated)
        age = (date.fromisoformat(ctx.audit_date) - date.fromisoformat(newest)).days
        if age > limit:
            yield self.finding(
                site, f"Lịch công tác mới nhất đến ngày {date.fromisoformat(newest):%d/%m/%Y}, "
                      f"đã {age} ngày không cập nhật.",
                url=url, key="stale", newest=newest, age_days=age, limit_days=limit,
                pages=[p.final_url or p.url for p in pages[:5]])
