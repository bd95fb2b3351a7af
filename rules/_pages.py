"""What kind of page a page is, and which of its dates count: shared by MED, FRS and SEC rules.

An *article page* is one news item or post, as opposed to a list, a section page or the home
page. It is told from the facts alone:
- it answered 2xx with HTML and is not the site's home page;
- its main text is long enough (``article_min_chars``) and mostly not links (at most
  ``article_max_link_share`` of it is link text: a list page is a column of linked titles);
- it shows at most ``article_max_dates`` dates in its main text (a list shows one per item),
  at most one heading that links elsewhere (a list heads each item with its linked title), and
  no list segment in its URL (``/chuyen-muc/``, ``/tag/``, ``/page/2/``: ``list_slugs``);
- it is not a section page: its last path segment is not a section slug and no part of its
  title is a section label ("Giới thiệu - UBND xã ..." is the introduction, not an article);
- and something says "article": a date, a byline ("Tác giả", "Nguồn"), or a URL that names an
  item (a slug of four words or more, or a numeric id).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import urlsplit

from auditor.rules._images import abbreviation_table, picture_names
from auditor.rules._text import (any_folded, any_phrase, find_part, fold, fold_of_lines, stands_as_lines,
                                 starts_with_phrase)
from auditor.rules._web import host_of, is_press

_RELATIVE = re.compile(r"trước|hôm", re.IGNORECASE)
_NUMERIC_ID = re.compile(r"(?:^|[-_/.=])\d{3,}(?:$|[-_/.&])")
_TITLE_SPLIT = re.compile(r"\s[-|–—:»]\s|\s?[|»]\s?")


@lru_cache(maxsize=8192)  # a site's lists show the same dates on page after page
def is_relative(raw: str) -> bool:
    """"3 ngày trước", "hôm qua": relative to the crawl, so weaker evidence than a written date."""
    return bool(_RELATIVE.search(raw))


def news_dates(mentions, regions=("body",)) -> list[str]:
    """ISO dates (YYYY-MM-DD) a page shows in the given regions. Relative phrases count only
    when the page writes no absolute date: "hôm nay" in a template would make any page fresh."""
    absolute = [m.iso[:10] for m in mentions if m.region in regions and not is_relative(m.raw)]
    if absolute:
        return absolute
    return [m.iso[:10] for m in mentions if m.region in regions and is_relative(m.raw)]


def path_segments(url: str, site_url: str = "") -> list[str]:
    path = urlsplit(url).path
    prefix = urlsplit(site_url).path if site_url else ""
    if prefix and path.startswith(prefix):
        path = path[len(prefix):]
    return [s for s in path.split("/") if s]


def segment_stem(segment: str) -> str:
    return segment.rsplit(".", 1)[0].lower() if "." in segment else segment.lower()


def title_parts(title: str) -> list[str]:
    return [fold(part) for part in _TITLE_SPLIT.split(title) if fold(part)]


def is_home(facts, ctx) -> bool:
    return facts.depth == 0 or not path_segments(facts.final_url or facts.url, ctx.site_url)


def is_section_page(facts, ctx) -> bool:
    segments = path_segments(facts.final_url or facts.url, ctx.site_url)
    last = segment_stem(segments[-1]) if segments else ""
    parts = set(title_parts(facts.title))
    for section in ctx.sections.values():
        if last and last in section.slugs:
            return True
        if parts & {fold(label) for label in section.labels}:
            return True
    return False


def names_an_item(url: str, site_url: str) -> bool:
    """A URL that names one item: a long slug, or a numeric id in the path or query."""
    segments = path_segments(url, site_url)
    last = segment_stem(segments[-1]) if segments else ""
    if len(last.split("-")) >= 4:
        return True
    return bool(_NUMERIC_ID.search(last) or re.search(r"(?:^|&)(?:id|newsid|articleid|p)=\d+",
                                                          urlsplit(url).query, re.IGNORECASE))


def link_share(facts) -> float:
    """The share of the main text that is link text."""
    if not facts.main_text:
        return 0.0
    linked = sum(len(link.text) for link in facts.links if link.region == "body" and not link.hidden)
    return linked / len(facts.main_text)


def body_dates(facts) -> list:
    return [d for d in facts.dates if d.region == "body"]


def linked_headings(facts) -> int:
    """Headings whose text is also a link's text in the main text: the titles of a list's items."""
    linked = {link.text for link in facts.links if link.region == "body" and link.text}
    return sum(1 for h in facts.headings if h.level >= 2 and h.text in linked)


def is_list_page(facts, ctx) -> bool:
    segments = {segment_stem(s) for s in path_segments(facts.final_url or facts.url, ctx.site_url)}
    return linked_headings(facts) >= 2 or bool(segments & set(ctx.words("list_slugs")))


def is_article(facts, ctx) -> bool:
    if not (facts.is_html and 200 <= facts.status < 300) or facts.error or is_home(facts, ctx):
        return False
    # The page kind (spiders/kind.py: the CMS's mark, or one title with its date or byline over
    # a long text) knows an article whose "Những tin mới hơn" lists carry many dates and links.
    # A section's own page ("Giới thiệu" signed by the office) stays no article.
    if facts.kind in ("article", "error"):
        return facts.kind == "article" and not is_section_page(facts, ctx)
    if len(facts.main_text) < ctx.limit("article_min_chars"):
        return False
    if link_share(facts) > ctx.limit("article_max_link_share"):
        return False
    if len(body_dates(facts)) > ctx.limit("article_max_dates"):
        return False
    if is_list_page(facts, ctx) or is_section_page(facts, ctx):
        return False
    return bool(facts.published or body_dates(facts) or facts.author or facts.source
                or names_an_item(facts.final_url or facts.url, ctx.site_url))


def slug_matches(url: str, site_url: str, slugs) -> bool:
    """A path segment (without extension) is one of the slugs, or starts with slug + "-"."""
    for segment in path_segments(url, site_url):
        stem = segment_stem(segment)
        for candidate in slugs:
            if stem == candidate or stem.startswith(candidate + "-"):
                return True
    return False


def masthead_text(page, fallback_chars: int = 300, abbreviations=()) -> str:
    """What the masthead says: the header's text and what its pictures say (a masthead is often
    one picture: its alt, title and file name, rules/_images.py). A page whose header the
    extractor could not tell (``<div id="banner">``) has its masthead at the top of the main
    text: its first ``fallback_chars`` stand in."""
    table = abbreviation_table(tuple(abbreviations))
    said = [name for m in page.media if m.region == "header"
            for name in picture_names(m.alt, m.title, m.src, table)]
    text = " ".join([page.header_text, *said]).strip()
    return text or page.main_text[:fallback_chars]


def is_schedule_page(page, site_url: str, ctx) -> bool:
    """A work schedule ("Lịch công tác"): its dates are plans, not publications (FRS-001, FRS-002)."""
    labels = [fold(label) for label in ctx.words("schedule_labels")]
    if any(starts_with_phrase(part, label) for part in title_parts(page.title) for label in labels):
        return True
    return slug_matches(page.final_url or page.url, site_url, ctx.words("schedule_slugs"))


# "báo Tuổi Trẻ", "Tạp chí Cộng sản", "báo điện tử Dân trí": the word, then a capitalised name
# ("báo cáo", a report, is no newspaper)
PRESS_WORD = re.compile(r"(?<!\w)(?:[bB]áo|[tT]ạp chí)\s+(?:điện tử\s+)?[A-ZĐÂĂÊÔƠƯÀ-Ỹ]")


def names_press(source: str, ctx) -> bool:
    source = unicodedata.normalize("NFC", source)
    return bool(PRESS_WORD.search(source) or any_folded(source, ctx.words("press_names"))
                or any(domain in source.lower() for domain in ctx.words("press_domains")))


def repost_signs(facts, ctx) -> list[str]:
    """Why the page looks reposted from the press (empty: it does not)."""
    signs = []
    markers = ctx.words("repost_markers")
    marker = (next(filter(None, (any_folded(text, markers) for text in
                                 (facts.title, *(h.text for h in facts.headings)))), "")
              or any_phrase(folded_main_text(facts), markers))
    if marker:
        signs.append(f"“{marker}”")
    if facts.source and names_press(facts.source, ctx):
        signs.append(f"nguồn “{facts.source}”")
    hosts = {host_of(link.url) for link in facts.links if link.region == "body" and not link.hidden}
    press_links = sorted({is_press(host, ctx) for host in hosts} - {""})  # one look-up per host
    if press_links:
        signs.append("liên kết đến " + ", ".join(press_links))
    return signs


def folded_main_text(facts) -> str:
    """``fold(facts.main_text)``, cut from the fold of the page's text where the main text
    stands as whole lines of it (nearly every page), rather than folded again."""
    main, text = facts.main_text, facts.text
    at = find_part(text, main) if main else -1
    if stands_as_lines(main, text, at):
        return fold_of_lines(text, at, at + len(main))
    return fold(main)


def is_repost(facts, ctx) -> bool:
    return bool(repost_signs(facts, ctx))
