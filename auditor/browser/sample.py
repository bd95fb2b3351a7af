"""Which pages of a site the browser pass renders: chosen as the crawl's pages arrive.

By default, per site (issue 16): the home page, the first page of each mandatory section
(found as the SEC rules find a section page: a part of its title starts with one of the
section's labels, or a path segment is one of its slugs), and the first two articles (as the
MED and FRS rules tell an article, ``auditor/rules/_pages.py``); at most ``max_pages`` in all.
Pages are taken in the order the crawl reaches them (breadth first: near the home page first),
so the sample is known without waiting for the end of the crawl.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from auditor.browser.rendered import SampledPage
from auditor.rules._pages import is_article, is_home, slug_matches, title_parts
from auditor.rules._text import fold, starts_with_phrase

TEXT_KEPT = 3000  # of the main text, for ACC-007 to know what ACC-003 saw


@dataclass
class SiteSample:
    urls: set[str] = field(default_factory=set)
    picked: set[str] = field(default_factory=set)  # why each page was sampled: home, section:…
    articles: int = 0


class Sampler:
    def __init__(self, max_pages: int, articles: int = 2):
        self.max_pages = max_pages
        self.articles = articles
        self.sites: dict[str, SiteSample] = {}

    def consider(self, facts, ctx) -> SampledPage | None:
        """The page as a sample of its site, or None when it is not wanted."""
        if self.max_pages <= 0 or not facts.is_html or facts.error or not 200 <= facts.status < 300:
            return None
        taken = self.sites.setdefault(facts.site, SiteSample())
        url = facts.final_url or facts.url
        if len(taken.urls) >= self.max_pages or url in taken.urls:
            return None
        why = self._why(facts, ctx, taken)
        if not why:
            return None
        taken.urls.add(url)
        taken.picked.add(why)
        taken.articles += why == "article"
        return SampledPage(site=facts.site, url=url, why=why, lang=facts.lang,
                           text=facts.main_text[:TEXT_KEPT])

    def _why(self, facts, ctx, taken: SiteSample) -> str:
        if is_home(facts, ctx):
            return "" if "home" in taken.picked else "home"
        section = self._section(facts, ctx, taken)
        if section:
            return f"section:{section}"
        if taken.articles < self.articles and is_article(facts, ctx):
            return "article"
        return ""

    @staticmethod
    def _section(facts, ctx, taken: SiteSample) -> str:
        """The first mandatory section not yet sampled that this page is the page of."""
        parts = title_parts(facts.title)
        url = facts.final_url or facts.url
        for section_id in ctx.mandatory:
            section = ctx.sections.get(section_id)
            if section is None or f"section:{section_id}" in taken.picked:
                continue
            labels = [fold(label) for label in section.labels]
            if any(starts_with_phrase(part, label) for part in parts for label in labels) \
                    or slug_matches(url, ctx.site_url, section.slugs):
                return section_id
        return ""
