"""SEC-016: The access-to-information section holds what Decree 13/2018 Art. 11(1) and the
Access to Information Law Art. 19(1)(e) ask: the list of information to be made public, the
contact point, the address for requests, the request form, and the annual financial report.

Judged only when the section (SEC-011's labels and slugs) was crawled; SEC-011 reports a
missing section. Each item is looked for, without regard to case or diacritics, in the titles
of the site's pages and its navigation links (an item is usually a page or a document of its
own) and in the text of the section's pages (the first 1,000 characters the store keeps,
which hold a short page's links too). Phrases are pack data (``ati_*`` lists).
"""

from __future__ import annotations

from typing import Iterator

from auditor.judge.findings import Finding
from auditor.rules._sections import page_candidates
from auditor.rules._text import fold, has_phrase
from auditor.rules.base import Rule, RuleContext

ITEMS = (("ati_list", "danh mục thông tin phải được công khai"),
         ("ati_contact", "đầu mối cung cấp thông tin"),
         ("ati_address", "địa chỉ tiếp nhận yêu cầu cung cấp thông tin"),
         ("ati_forms", "mẫu phiếu yêu cầu cung cấp thông tin"),
         ("ati_finance", "báo cáo tài chính năm"))
SECTION = "SEC-011"


def section_pages(site, ctx: RuleContext) -> list:
    """The section's pages that answered: by title or slug (rules/_sections.py, once a site)."""
    section = ctx.sections[SECTION]
    return [page for page in page_candidates(site, section.labels, section.slugs) if 200 <= page.status < 300]


class AccessToInformationContent(Rule):
    id = "SEC-016"
    scope = "site"
    reads = ("nav", "pages", "pages.final_url", "pages.status", "pages.text_sample", "pages.title", "url")
    lists = ("ati_address", "ati_contact", "ati_finance", "ati_forms", "ati_list")
    severity = "error"
    judges_abolished = False
    title_vi = "Chuyên mục tiếp cận thông tin có đủ nội dung bắt buộc"
    title_en = "The access-to-information section holds what the law requires"
    failure_vi = "Chuyên mục tiếp cận thông tin thiếu nội dung bắt buộc"
    remedy_vi = ("Đề nghị đăng tải trong chuyên mục tiếp cận thông tin: danh mục thông tin phải "
                 "được công khai, đầu mối cung cấp thông tin, địa chỉ tiếp nhận yêu cầu, mẫu phiếu "
                 "yêu cầu cung cấp thông tin và báo cáo tài chính năm.")
    remedy_en = ("Please publish in the access-to-information section the list of information to be "
                 "made public, the contact point, the address for requests, the request form and "
                 "the annual financial report.")

    def check(self, site, ctx: RuleContext) -> Iterator[Finding]:
        pages = section_pages(site, ctx)
        if not pages:
            return
        texts = [fold(page.title) for page in site.pages] + [fold(link.text) for link in site.nav]
        texts += [fold(page.text_sample) for page in pages]
        for words, name in ITEMS:
            phrases = [fold(p) for p in ctx.words(words)]
            if not any(has_phrase(text, phrase) for text in texts for phrase in phrases):
                yield self.finding(site, f"Chuyên mục tiếp cận thông tin không có “{name}”.",
                                   url=pages[0].final_url, key=words.removeprefix("ati_"), item=name,
                                   section=pages[0].final_url)
