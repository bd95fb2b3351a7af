"""The mandatory-section check shared by SEC-001..013 (each rule module names its section).

A section is found through (RULES.md, SEC):
- navigation: a link in the header, menus or footer whose label starts with one of the
  section's labels ("TIN TỨC – SỰ KIỆN" starts with "Tin tức"); its target is the section page;
- page titles: a part of a page's title starts with a label ("Liên hệ | UBND xã A");
- URL slugs: a path segment is a slug or starts with slug + "-" (``/tin-tuc-su-kien/``);
- home-page blocks: a box of the home page headed by a label, holding links ("TTHC cấp huyện"
  over procedure links), is the section shown in place; a link of a home-page box or sidebar
  whose text starts with a label is judged as a navigation link is;
- pictures: a link that is only a picture (a banner with an empty alt) is named by the picture's
  alt, title or file name ("ttpbgdpl.png": the pack's ``abbreviations``), rules/_images.py.
Labels and slugs are pack data; matching ignores case, diacritics and NFC/NFD.

It counts as present only if its page answered 200 with real content: at least
``section_min_chars`` of main text and not just "Đang cập nhật". Two cases are given the
benefit of the doubt, because the auditor cannot see a failure there: a navigation link to a
page outside the site (the province's public-service portal for SEC-010) and a linked page the
crawl did not reach (page budget, robots.txt).
"""

from __future__ import annotations

from functools import cached_property, lru_cache
from typing import Iterator

from auditor.judge.findings import Finding
from auditor.rules._images import abbreviation_table, link_picture_names
from auditor.rules._pages import path_segments, segment_stem, title_parts
from auditor.rules._text import fold, has_phrase, starts_with_phrase
from auditor.rules.base import Rule, RuleContext

MAX_LABEL_LENGTH = 60  # a menu label; longer link texts are article titles
XML_TYPES = ("xml",)
BLOCK_EXTRA_WORDS = 3


def page_index(site) -> dict[str, object]:
    index = {}
    for page in site.pages:
        index.setdefault(page.url, page)
        index.setdefault(page.final_url, page)
    return index


def has_content(page, ctx: RuleContext) -> tuple[bool, str]:
    """Whether a fetched page holds real content, and if not, why (for the evidence)."""
    if page.error or not page.status:
        return False, f"không truy cập được: {page.error or 'không có phản hồi'}"
    if not 200 <= page.status < 300:
        return False, f"HTTP {page.status}"
    if page.content_type.endswith(XML_TYPES) or page.url.endswith(".xml"):
        return (page.bytes > 0, "" if page.bytes > 0 else "tệp rỗng")
    if page.text_length < ctx.limit("section_min_chars"):
        return False, f"chỉ có {page.text_length} ký tự nội dung"
    folded = fold(page.text_sample)
    if page.text_length < 400 and any(has_phrase(folded, fold(p))
                                      for p in ctx.words("section_placeholders")):
        return False, "chỉ có thông báo “đang cập nhật”"
    return True, ""


def link_names(link, abbreviations=()) -> list[str]:
    """What a link is called: its text, else its title, else what its picture says."""
    said = link.text or link.title
    if said:
        return [said]
    return link_picture_names(link, abbreviation_table(tuple(abbreviations)))


def _first_word(folded: str) -> str:
    return folded.partition(" ")[0]


def _folded_labels(labels) -> list[str]:
    return [label for label in map(fold, labels) if label]


@lru_cache(maxsize=4096)  # a site's pages share their sections' segments
def _slug_keys(stem: str) -> frozenset[str]:
    """The slugs a path segment's stem matches (``slug_matches``): the stem, and each of its
    beginnings that a "-" follows."""
    parts = stem.split("-")
    return frozenset([stem, *("-".join(parts[:count]) for count in range(1, len(parts)))])


class SiteNames:
    """What the sections are looked up by on one site, folded and indexed once for all its
    sections (a dozen SEC rules, FRS-002, SEC-015 ask the same site): the names of its menu
    links and of the home page's boxes, the home page's box headings, its pages' title parts and
    URL slugs. A label matches a text it starts (``starts_with_phrase``), so a text is filed
    under its first word, and a label is looked up by its own."""

    def __init__(self, site):
        self.site = site
        self._named: dict[tuple, dict[str, list]] = {}  # (part, abbreviations) -> filed names

    # Each part is made when first asked: a rule reads only the facts it declares (SEC-015
    # asks for the menu alone).
    @cached_property
    def index(self) -> dict[str, object]:
        return page_index(self.site)

    def nav(self, abbreviations=()) -> dict[str, list]:
        key = ("nav", tuple(abbreviations))
        if key not in self._named:
            self._named[key] = self._names([link for link in self.site.nav
                                            if len(link.text) <= MAX_LABEL_LENGTH and link.url], abbreviations)
        return self._named[key]

    def blocks(self, abbreviations=()) -> dict[str, list]:
        key = ("blocks", tuple(abbreviations))
        if key not in self._named:
            self._named[key] = self._names([link for link in _home_links(self.site) if link.url],
                                           abbreviations)
        return self._named[key]

    @cached_property
    def headings(self) -> dict[str, list]:
        return self._filed((fold(link.label), None) for link in _home_links(self.site) if link.label)

    @cached_property
    def titles(self) -> dict[str, list]:
        return self._filed((part, position) for position, page in enumerate(self.site.pages)
                           for part in title_parts(page.title))

    @cached_property
    def slugs(self) -> dict[str, list[int]]:
        slugs: dict[str, list[int]] = {}
        for position, page in enumerate(self.site.pages):
            keys = set()
            for segment in path_segments(page.final_url or page.url, self.site.url):
                keys |= _slug_keys(segment_stem(segment))
            for key in keys:
                slugs.setdefault(key, []).append(position)
        return slugs

    @classmethod
    def _names(cls, links, abbreviations) -> dict[str, list]:
        """Each link's names, folded: (folded, (link's place, name's place), url, name)."""
        return cls._filed((text, (place, order, link.url, name))
                          for place, link in enumerate(links)
                          for order, name in enumerate(link_names(link, abbreviations))
                          for text in (fold(name),))

    @staticmethod
    def _filed(entries) -> dict[str, list]:
        filed: dict[str, list] = {}
        for folded, entry in entries:
            if folded:
                filed.setdefault(_first_word(folded), []).append((folded, entry))
        return filed

    @staticmethod
    def matches(filed: dict[str, list], labels: list[str], fits=lambda text, label: True):
        """The entries whose folded text starts with one of the folded labels (and ``fits``)."""
        for label in labels:
            for folded, entry in filed.get(_first_word(label), ()):
                if starts_with_phrase(folded, label) and fits(folded, label):
                    yield entry

    def named_links(self, filed: dict[str, list], labels: list[str], fits=lambda text, label: True):
        """(url, name) of the links one of whose names matches, in the links' order, each by
        its first name that matches."""
        first: dict[int, tuple] = {}
        for place, order, url, name in self.matches(filed, labels, fits):
            if place not in first or order < first[place][0]:
                first[place] = (order, url, name)
        return [first[place][1:] for place in sorted(first)]


_LAST_NAMES: list = [None, None]  # [site, SiteNames]: the site whose rules run now


def site_names(site) -> SiteNames:
    """The site's SiteNames, made once while its rules run (one site at a time)."""
    if _LAST_NAMES[0] is not site:
        _LAST_NAMES[:] = [site, SiteNames(site)]
    return _LAST_NAMES[1]


def nav_candidates(site, labels, abbreviations=()) -> list[tuple[str, str]]:
    """(url, label) of navigation links whose label names the section."""
    names = site_names(site)
    return names.named_links(names.nav(abbreviations), _folded_labels(labels))


def _home_links(site) -> list:
    home = site.home
    if home is None:
        return []
    return [link for link in home.links if not link.hidden and link.region in ("body", "sidebar")]


def headed_block(site, labels) -> bool:
    """Whether a home-page box headed by one of the labels holds links (the section in place)."""
    names = site_names(site)
    return any(True for _ in names.matches(names.headings, _folded_labels(labels)))


def _short_enough(text: str, label: str) -> bool:
    return len(text.split()) <= len(label.split()) + BLOCK_EXTRA_WORDS


def block_candidates(site, labels, abbreviations=()) -> list[tuple[str, str]]:
    """(url, label) of home-page box and sidebar links whose text names the section: the label
    and at most ``BLOCK_EXTRA_WORDS`` more ("Đấu thầu mua sắm công"); a longer text is a news
    title ("Kế hoạch chuyển đổi số xã … năm 2026"), no section link."""
    names = site_names(site)
    return names.named_links(names.blocks(abbreviations), _folded_labels(labels), _short_enough)


def candidate_positions(site, labels, slugs) -> list[int]:
    """The places in ``site.pages`` of the pages a part of whose title starts with a label, or a
    segment of whose URL is a slug (``slug_matches``), in order."""
    names = site_names(site)
    positions = set(names.matches(names.titles, _folded_labels(labels)))
    for slug in slugs:
        positions.update(names.slugs.get(slug, ()))
    return sorted(positions)


def page_candidates(site, labels, slugs) -> list:
    pages = site.pages
    return [pages[position] for position in candidate_positions(site, labels, slugs)]


def schedule_positions(site, ctx: RuleContext) -> set[int]:
    """The places in ``site.pages`` of its work schedule pages ("Lịch công tác"):
    ``is_schedule_page`` of every page at once."""
    return set(candidate_positions(site, ctx.words("schedule_labels"), ctx.words("schedule_slugs")))


def find_section(site, labels, slugs, ctx: RuleContext, accept=None) -> tuple[bool, list[dict]]:
    """Whether the section is present, and the candidates that were tried (for the evidence).

    ``accept(page)`` narrows which pages may hold the section (SEC-012 splits tree and XML).
    """
    abbreviations = ctx.words("abbreviations")
    index = site_names(site).index
    tried: list[dict] = []
    if accept is None and headed_block(site, labels):
        return True, []
    candidates = nav_candidates(site, labels, abbreviations) + block_candidates(site, labels, abbreviations)
    for url, label in candidates:
        page = index.get(url)
        if page is None:  # outside the site, or not fetched (budget, robots.txt, a trap guard)
            return True, []  # cannot be judged: given the benefit of the doubt
        if accept is not None and not accept(page):
            continue
        ok, why = has_content(page, ctx)
        if ok:
            return True, []
        tried.append({"url": url, "label": label, "problem": why})
    for page in page_candidates(site, labels, slugs):
        if accept is not None and not accept(page):
            continue
        ok, why = has_content(page, ctx)
        if ok:
            return True, []
        if not any(t["url"] == page.url for t in tried):
            tried.append({"url": page.url, "label": page.title[:80], "problem": why})
    return False, tried[:5]


class SectionRule(Rule):
    """A mandatory section: subclasses give the id, titles, remedy and basis."""

    scope = "site"
    reads = (
        "crawl_status", "home", "home.links", "nav", "pages", "pages.content_type", "pages.error",
        "pages.final_url", "pages.status", "pages.text_length", "pages.text_sample", "pages.title",
        "pages.url", "url",
    )
    limits = ("section_min_chars",)
    lists = ("abbreviations", "section_placeholders")
    severity = "error"
    judges_abolished = False

    def section(self, ctx: RuleContext):
        return ctx.sections[self.id]

    def check(self, site, ctx: RuleContext) -> Iterator[Finding]:
        if self.id not in ctx.mandatory:
            return
        section = self.section(ctx)
        present, tried = find_section(site, section.labels, section.slugs, ctx)
        if not present:
            yield self.missing(site, section.name_vi, tried, key="missing")

    def missing(self, site, name: str, tried: list[dict], key: str) -> Finding:
        if tried:
            first = tried[0]
            message = (f"Chuyên mục “{name}” có liên kết “{first['label']}” nhưng trang không có "
                       f"nội dung ({first['problem']}): {first['url']}")
        else:
            message = f"Không tìm thấy chuyên mục “{name}” trên trang."
        return self.finding(site, message, key=key, section=name, candidates=tried,
                            crawl=site.crawl_status)
