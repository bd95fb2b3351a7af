"""FRS-006: Items are posted within the deadline for their kind (Decree 43/2011 Art. 17(1)(b),
(c); Decree 224/2026 Art. 9(3) "kịp thời"), where the page's dates allow it:

- law dissemination (SEC-004's section), legal documents (SEC-006), plans and projects
  (SEC-005, SEC-007): from the date a document was issued ("Ngày ban hành", "Ngày ký") to the
  date it was posted ("Ngày đăng", else the page's publication date);
- answers to questions (SEC-008): from the question ("Ngày hỏi", "Ngày gửi") to the answer
  ("Ngày trả lời").

Working days are Monday to Friday; public holidays are not deducted, so a count may be a few
days high around Tết: the limits (``update_days_*``, working days) are thresholds of the
pack. A page is in a section by its URL slug. Each late item is a finding.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Iterator

from auditor.judge.findings import Finding
from auditor.rules._pages import slug_matches
from auditor.rules.base import Rule, RuleContext

# kind -> (sections, the start label, the end label, the threshold, the item's name)
KINDS = {
    "answers": (("SEC-008",), "asked", "answered", "update_days_answers", "câu trả lời"),
    "law": (("SEC-004",), "issued", "posted", "update_days_law", "tin phổ biến pháp luật"),
    "documents": (("SEC-006",), "issued", "posted", "update_days_documents", "văn bản"),
    "plans": (("SEC-005", "SEC-007"), "issued", "posted", "update_days_plans", "kế hoạch, dự án"),
}


def working_days(start: date, end: date) -> int:
    """Mondays to Fridays after ``start`` up to ``end``."""
    days, day = 0, start
    while day < end:
        day += timedelta(days=1)
        days += day.weekday() < 5
    return days


def kind_of(page, site, ctx: RuleContext) -> str:
    for kind, (sections, *_rest) in KINDS.items():
        if any(slug_matches(page.final_url or page.url, site.url, ctx.sections[s].slugs)
               for s in sections if s in ctx.sections):
            return kind
    return ""


def delay(page, kind: str) -> tuple[int, str, str] | None:
    """(working days, start, end) of the page's item, or None when its dates do not tell."""
    _sections, start_label, end_label, *_rest = KINDS[kind]
    start = page.labelled_dates.get(start_label, "")
    end = page.labelled_dates.get(end_label, "") or (page.published if end_label == "posted" else "")
    if not start or not end or end[:10] <= start[:10]:
        return None
    return working_days(date.fromisoformat(start[:10]), date.fromisoformat(end[:10])), start, end


class UpdateDeadlines(Rule):
    id = "FRS-006"
    scope = "site"
    reads = ("pages", "pages.final_url", "pages.labelled_dates", "pages.published", "pages.status", "url")
    limits = (
        "update_days_answers", "update_days_documents", "update_days_law", "update_days_plans",
    )
    severity = "warning"
    judges_abolished = False
    title_vi = "Cập nhật thông tin đúng thời hạn theo loại tin"
    title_en = "Items are posted within their deadlines"
    failure_vi = "Thông tin được đăng tải quá thời hạn cập nhật"
    remedy_vi = ("Đề nghị đăng tải văn bản, kế hoạch, tin phổ biến pháp luật trong thời hạn quy định "
                 "kể từ ngày ban hành và trả lời câu hỏi của người dân đúng hạn.")
    remedy_en = "Please post documents, plans, law dissemination and answers within their deadlines."

    def check(self, site, ctx: RuleContext) -> Iterator[Finding]:
        for page in site.pages:
            if not page.labelled_dates or not 200 <= page.status < 300:
                continue
            kind = kind_of(page, site, ctx)
            measured = delay(page, kind) if kind else None
            if measured is None:
                continue
            days, start, end = measured
            limit = int(ctx.limit(KINDS[kind][3]))
            if days > limit:
                yield self.finding(
                    site, f"{KINDS[kind][4].capitalize()} đăng sau {days} ngày làm việc "
                    f"(thời hạn {limit} ngày; từ {start} đến {end}; chưa trừ ngày nghỉ lễ).",
                    url=page.final_url, key=f"late-{kind}", days=days, limit=limit,
                    start=start, end=end)
