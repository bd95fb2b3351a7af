"""FRS-001: The newest dated news item is no older than the level's limit (``news_max_age_days``).

The newest date counts among the dates pages show in their main text, and their own
publication dates (meta, ``<time>``), up to the audit date: header and footer dates are the
template's (today's date in the masthead), schedule pages hold plans, and a future date is no
publication. Three guards keep a stale site from looking fresh:
- static pages (introduction, contacts) count only where no news page is dated;
- relative phrases ("hôm nay", "3 ngày trước") count only on a page that writes no date;
- a date shown on more than ``boilerplate_date_share`` of the pages (from 4 pages on) is the
  template's, not an article's;
- a CMS's sample records (``sample_entries``: WordPress's "Chào tất cả mọi người!", dated when
  the site was deployed) are no news: their pages do not count, nor do the dates that only they
  carry (the home page lists the sample with its date).
Placeholder dates ahead of the audit date ("31/12/9999") never count: a future date is no
publication.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Iterator

from auditor.judge.findings import Finding
from auditor.rules._pages import is_relative, title_parts
from auditor.rules._sections import schedule_positions
from auditor.rules._text import fold, starts_with_phrase
from auditor.rules.base import Rule, RuleContext

MIN_PAGES_FOR_BOILERPLATE = 4


def page_dates(page) -> set[str]:
    """The page's news dates and its own publication date, unless that was a relative phrase
    (the extractor takes an article's first date as its own, "hôm nay" included). The body's
    relative phrases count only where it writes no date (``news_dates``); one pass over the
    dates (a site's pages show some 4,000)."""
    written, relative_body, relative = set(), set(), set()
    for mention in page.dates:
        day = mention.iso[:10]
        if is_relative(mention.raw):
            relative.add(day)
            if mention.region == "body":
                relative_body.add(day)
        elif mention.region == "body":
            written.add(day)
    dates = written or relative_body
    if page.published and page.published[:10] not in relative:
        dates.add(page.published[:10])
    return dates


def is_sample(page, samples: list[str]) -> bool:
    """A CMS's sample record: its title, or its main text, starts with a sample's words."""
    texts = [*title_parts(page.title), fold(page.text_sample[:200])]
    return any(starts_with_phrase(text, sample) for text in texts for sample in samples)


def dated_pages(site, ctx: RuleContext) -> dict[str, set[str]]:
    """URL -> the publication dates it shows, template and sample dates removed."""
    out, sample_dates = {}, set()
    samples = [fold(s) for s in ctx.words("sample_entries") if fold(s)]
    schedules = schedule_positions(site, ctx)
    for position, page in enumerate(site.pages):
        if page.is_html and 200 <= page.status < 300 and position not in schedules:
            dates = {d for d in page_dates(page) if d <= ctx.audit_date}
            if samples and is_sample(page, samples):
                sample_dates |= dates
            elif dates:
                out[page.final_url or page.url] = dates
    if sample_dates:
        articles = {p.final_url or p.url for p in site.pages if p.kind == "article"}
        vouched = {d for url, dates in out.items() if url in articles for d in dates}
        out = {url: dates - (sample_dates - vouched) for url, dates in out.items()}
        out = {url: dates for url, dates in out.items() if dates}
    html_pages = sum(1 for p in site.pages if p.is_html and 200 <= p.status < 300)
    if html_pages >= MIN_PAGES_FOR_BOILERPLATE:
        seen = Counter(d for dates in out.values() for d in dates)
        template = {d for d, n in seen.items() if n / html_pages > ctx.limit("boilerplate_date_share")}
        out = {url: dates - template for url, dates in out.items() if dates - template}
    return news_only(out, site)


def news_only(dated: dict[str, set[str]], site) -> dict[str, set[str]]:
    """Freshness is the news's: an introduction page "cập nhật 28/11/2026" says nothing of the
    news. Static pages count only on a site whose dated pages are all static (page kinds of
    spiders/kind.py), where they are all there is to judge."""
    static = {p.final_url or p.url for p in site.pages if p.kind in ("static", "error")}
    news = {url: dates for url, dates in dated.items() if url not in static}
    return news or dated


class NewsAge(Rule):
    id = "FRS-001"
    scope = "site"
    reads = (
        "pages", "pages.dates", "pages.final_url", "pages.is_html", "pages.kind",
        "pages.published", "pages.status", "pages.text_sample", "pages.title", "url",
    )
    limits = ("boilerplate_date_share", "news_max_age_days")
    lists = ("sample_entries", "schedule_labels", "schedule_slugs")
    severity = "warning"
    judges_abolished = False
    title_vi = "Thông tin được cập nhật thường xuyên (tin mới nhất không quá thời hạn)"
    title_en = "Updated regularly (the newest news item is recent)"
    failure_vi = "Trang không được cập nhật thường xuyên"
    remedy_vi = ("Đề nghị cập nhật thường xuyên, kịp thời tin tức, hoạt động của cơ quan, địa "
                 "phương lên trang thông tin điện tử.")
    remedy_en = "Please publish the agency's news regularly and promptly."

    def check(self, site, ctx: RuleContext) -> Iterator[Finding]:
        limit = int(ctx.limit("news_max_age_days"))
        dated = dated_pages(site, ctx)
        if not dated:
            if any(p.is_html and 200 <= p.status < 300 for p in site.pages):
                yield self.finding(site, "Không tìm thấy tin bài nào có ngày đăng trên trang.",
                                   key="no-dates", limit_days=limit)
            return
        url, newest = max(((u, max(ds)) for u, ds in dated.items()), key=lambda item: item[1])
        age = (date.fromisoformat(ctx.audit_date) - date.fromisoformat(newest)).days
        if age > limit:
            yield self.finding(
                site, f"Tin mới nhất đăng ngày {date.fromisoformat(newest):%d/%m/%Y}, đã {age} ngày "
                      f"không cập nhật (giới hạn {limit} ngày).",
                url=url, key="stale", newest=newest, age_days=age, limit_days=limit)
