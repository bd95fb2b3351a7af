"""rules/_sections.py's SiteNames (names folded and indexed once per site) finds what the plain
loops over every link and page find, label by label, and FRS-001's one-pass page dates are
news_dates' (issue 14: the site rules' CPU)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.rules._pages import is_relative, is_schedule_page, news_dates, slug_matches, title_parts
from auditor.rules._sections import (block_candidates, headed_block, link_names, nav_candidates,
                                     page_candidates, schedule_positions)
from auditor.rules._text import fold, starts_with_phrase
from auditor.rules.base import RuleContext
from auditor.rules.frs_001_news_age import page_dates
from auditor.spiders.facts import DateMention, Link, PageFacts, PageSummary, SiteFacts

SITE_URL = "https://xa.gov.vn/"
WORDS = ["Tin", "tức", "tin", "tinh", "Liên", "hệ", "–", "TTHC"]
phrases = st.lists(st.sampled_from(WORDS), min_size=0, max_size=6).map(" ".join)
labels = st.lists(st.sampled_from(WORDS), min_size=1, max_size=2).map(" ".join)
slugs = st.lists(st.sampled_from(["tin", "tuc", "lien", "he", "gioi-thieu", "x"]), min_size=1,
                 max_size=3).map("-".join)


@st.composite
def links(draw, region: str) -> Link:
    """A text link, or a banner named by its picture's alt, title and file name (several names)."""
    url = draw(st.sampled_from([SITE_URL + draw(slugs), SITE_URL + draw(slugs) + ".html", ""]))
    if draw(st.booleans()):
        return Link(url=url, text=draw(phrases), region=region, title=draw(phrases), label=draw(phrases),
                    hidden=draw(st.integers(0, 4)) == 0)
    image = "\n".join([draw(phrases), draw(phrases), f"{SITE_URL}{draw(slugs)}.png"])
    return Link(url=url, text="", region=region, has_image=True, image=image, label=draw(phrases))


@st.composite
def sites(draw) -> SiteFacts:
    pages = [PageSummary(url=f"{SITE_URL}{draw(slugs)}/{draw(slugs)}.html", final_url="", status=200,
                         title=draw(phrases)) for _ in range(draw(st.integers(0, 6)))]
    home = PageFacts(site="xa", url=SITE_URL, final_url=SITE_URL, status=200,
                     links=draw(st.lists(links("body"), max_size=8)) + draw(st.lists(links("sidebar"), max_size=4))
                     + draw(st.lists(links("footer"), max_size=2)))
    return SiteFacts(site="xa", name="UBND xã", level="xa", url=SITE_URL, registry_status="active",
                     crawl_status="ok", home=home, pages=pages,
                     nav=draw(st.lists(links("nav"), max_size=10)))


# -- the plain loops: what each function answered before the index ------------------------
def plain_nav(site, labels):
    folded_labels = [fold(label) for label in labels]
    out = []
    for link in site.nav:
        if len(link.text) > 60 or not link.url:
            continue
        for name in link_names(link):
            text = fold(name)
            if text and any(starts_with_phrase(text, label) for label in folded_labels):
                out.append((link.url, name))
                break
    return out


def home_links(site):
    return [link for link in site.home.links if not link.hidden and link.region in ("body", "sidebar")]


def plain_headed(site, labels):
    return any(link.label and starts_with_phrase(fold(link.label), fold(label))
               for link in home_links(site) for label in labels)


def plain_blocks(site, labels):
    folded_labels = [fold(label) for label in labels]
    out = []
    for link in home_links(site):
        if not link.url:
            continue
        for name in link_names(link):
            text = fold(name)
            if any(starts_with_phrase(text, label) and len(text.split()) <= len(label.split()) + 3
                   for label in folded_labels):
                out.append((link.url, name))
                break
    return out


def plain_pages(site, labels, slug_list):
    folded_labels = [fold(label) for label in labels]
    return [page for page in site.pages
            if any(starts_with_phrase(part, label) for part in title_parts(page.title) for label in folded_labels)
            or slug_matches(page.final_url or page.url, site.url, slug_list)]


@settings(max_examples=300, deadline=None)
@given(site=sites(), labels=st.lists(labels, max_size=3), slug_list=st.lists(slugs, max_size=3))
def test_the_index_finds_what_the_plain_loops_find(site, labels, slug_list):
    assert nav_candidates(site, labels) == plain_nav(site, labels)
    assert headed_block(site, labels) == plain_headed(site, labels)
    assert block_candidates(site, labels) == plain_blocks(site, labels)
    assert page_candidates(site, labels, slug_list) == plain_pages(site, labels, slug_list)
    ctx = RuleContext(audit_date="2026-12-01", level="xa", pack="nd224-2026", site_url=SITE_URL,
                      lists={"schedule_labels": tuple(labels), "schedule_slugs": tuple(slug_list)})
    assert schedule_positions(site, ctx) == {n for n, page in enumerate(site.pages)
                                             if is_schedule_page(page, SITE_URL, ctx)}


def test_each_site_is_looked_up_in_its_own_names():
    """The index is kept for the site whose rules run: another site (even an equal one) gets its own."""
    first = SiteFacts(site="a", name="", level="xa", url=SITE_URL, registry_status="active", crawl_status="ok",
                      nav=[Link(SITE_URL + "lien-he", "Liên hệ", "nav")])
    second = SiteFacts(site="a", name="", level="xa", url=SITE_URL, registry_status="active", crawl_status="ok",
                       nav=[Link(SITE_URL + "tin-tuc", "Tin tức – Sự kiện", "nav")])
    assert nav_candidates(first, ["Liên hệ"]) == [(SITE_URL + "lien-he", "Liên hệ")]
    assert nav_candidates(second, ["Liên hệ"]) == []
    assert nav_candidates(second, ["tin tuc"]) == [(SITE_URL + "tin-tuc", "Tin tức – Sự kiện")]
    assert nav_candidates(second, ["tin"]) == [(SITE_URL + "tin-tuc", "Tin tức – Sự kiện")]
    assert nav_candidates(second, ["tin tu"]) == []  # a phrase, not a prefix of a word


def test_a_slug_names_a_segment_or_its_beginning_before_a_dash():
    site = SiteFacts(site="a", name="", level="xa", url=SITE_URL, registry_status="active", crawl_status="ok",
                     pages=[PageSummary(url=SITE_URL + "tin-tuc-su-kien/", final_url="", status=200),
                            PageSummary(url=SITE_URL + "tintuc.html", final_url="", status=200),
                            PageSummary(url=SITE_URL + "a/Tin-Tuc.aspx", final_url="", status=200)])
    assert [p.url for p in page_candidates(site, [], ["tin-tuc"])] == [SITE_URL + "tin-tuc-su-kien/",
                                                                        SITE_URL + "a/Tin-Tuc.aspx"]
    assert page_candidates(site, [], ["tin-t"]) == []
    assert [p.url for p in page_candidates(site, [], ["tintuc"])] == [SITE_URL + "tintuc.html"]


mentions = st.builds(DateMention, raw=st.sampled_from(["12/03/2026", "hôm qua", "3 ngày trước", "Thứ Hai"]),
                     iso=st.sampled_from(["2026-03-12", "2026-03-11T10:00", "2025-01-01"]),
                     region=st.sampled_from(["body", "header", "footer"]))


@settings(max_examples=200, deadline=None)
@given(dates=st.lists(mentions, max_size=6), published=st.sampled_from(["", "2026-03-11", "2025-01-01T08:00"]))
def test_a_pages_dates_in_one_pass_are_news_dates_and_its_own(dates, published):
    page = PageSummary(url=SITE_URL, final_url=SITE_URL, status=200, dates=dates, published=published)
    expected = set(news_dates(dates, regions=("body",)))
    if published and published[:10] not in {d.iso[:10] for d in dates if is_relative(d.raw)}:
        expected.add(published[:10])
    assert page_dates(page) == expected
