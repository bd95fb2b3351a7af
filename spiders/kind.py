"""What a page is: an article, a listing, a static page, the home page or an error page.

The CMS says so when its profile knows its marks (spiders/profiles.py); otherwise the page's
structure decides, as a reader would: an article has one title, a date (or byline) near it and
a long text block under it, with few other dates before that block; lists of other news may
follow it ("Những tin mới hơn"), which is why the count of dates on the page is no evidence. A
listing is a column of dated or linked items; what is neither is a static page (introduction,
leadership list, contacts), never an "undated article".

A page that answers HTTP 200 with "404 Not Found" as its title or heading and little text is
an error page (a soft 404).
"""

from __future__ import annotations

import re

from auditor.spiders.facts import PageFacts

TITLE_REACH = 320  # characters around the title within which its date or byline sits
PARAGRAPH = 180  # a line at least this long is running text, not a list item
PARAGRAPH_REACH = 3000  # the first paragraph is within this many characters of the title
SOFT_404_TEXT = 600  # an error template says little
_SOFT_404 = re.compile(
    r"\b404\b|not found|không tìm thấy|không tồn tại|trang bạn (?:yêu cầu|tìm)|page cannot be found",
    re.IGNORECASE)
# Where the article ends and the lists of other news begin: a line opening with a heading.
_RELATED_HEADINGS = (r"(?:những tin (?:mới hơn|cũ hơn|khác)|tin (?:liên quan|cùng chuyên mục|khác|đã đưa)"
                     r"|các tin (?:khác|đã đưa|liên quan)|bài viết liên quan|xem thêm|tin bài khác)\b")
_RELATED = re.compile("^" + _RELATED_HEADINGS, re.IGNORECASE | re.MULTILINE)
# The same matches past the text's first line, found from the newline before them: a pattern
# opening with a literal is searched for by re's fast string search, where "^" under MULTILINE
# was tried at every position (bench/: 0.13 -> 0.03 ms a synthetic page's main text).
_RELATED_LINE = re.compile("\n" + _RELATED_HEADINGS, re.IGNORECASE)
_BYLINE_LABEL = re.compile(r"^(?:tác giả|nguồn|theo|bài(?: và ảnh)?|tin(?: và ảnh)?|pv)\b",
                           re.IGNORECASE | re.MULTILINE)


def is_soft_404(facts: PageFacts) -> bool:
    heads = [facts.title, *(h.text for h in facts.headings[:3] if h.level <= 2)]
    return len(facts.main_text) < SOFT_404_TEXT and any(_SOFT_404.search(h or "") for h in heads)


def article_end(main_text: str) -> int:
    """Where the article's own text ends: the first "related news" heading, else the end."""
    if _RELATED.match(main_text):
        return 0
    match = _RELATED_LINE.search(main_text)
    return match.start() + 1 if match else len(main_text)


def title_position(facts: PageFacts) -> tuple[str, int]:
    """The page's title as it stands in the main text, and where: the first h1, else h2."""
    for level in (1, 2):
        for heading in facts.headings:
            if heading.level == level and len(heading.text) >= 8:
                at = facts.main_text.find(heading.text)
                if at >= 0:
                    return heading.text, at
    return "", -1


def date_near_title(facts: PageFacts, title: str, at: int) -> str:
    """The ISO date written next to the title (above it, or in the line or two under it)."""
    if at < 0:
        return ""
    window = facts.main_text[max(at - 200, 0):at + len(title) + TITLE_REACH]
    for mention in facts.dates:
        if mention.region == "body" and mention.raw in window:
            return mention.iso[:10]
    return ""


def structural_kind(facts: PageFacts) -> str:
    text = facts.main_text
    title, at = title_position(facts)
    body_dates = [d for d in facts.dates if d.region == "body"]
    if at >= 0:
        end = article_end(text)
        after = text[at + len(title):end]
        lines = after[:PARAGRAPH_REACH].split("\n")
        paragraph_at = next((i for i, line in enumerate(lines) if len(line) >= PARAGRAPH), -1)
        if paragraph_at >= 0:
            before = "\n".join(lines[:paragraph_at])
            dates_before = sum(1 for d in body_dates if d.raw in before)
            near = date_near_title(facts, title, at) or facts.published
            signed = bool(_BYLINE_LABEL.search(text[at:end][:TITLE_REACH]))
            if (near or signed) and dates_before <= 2:
                return "article"
    if len(body_dates) >= 3 or _linked_titles(facts) >= 3:
        return "listing"
    return "static"


def _linked_titles(facts: PageFacts) -> int:
    linked = {link.text for link in facts.links if link.region == "body" and len(link.text) >= 25}
    return sum(1 for h in facts.headings if h.level >= 2 and h.text in linked)


def classify(facts: PageFacts, marked: str = "") -> str:
    """The page's kind: the CMS's mark when there is one, else its structure."""
    if facts.status >= 400 or marked == "error" or is_soft_404(facts):
        return "error"
    if facts.depth == 0:
        return "home"
    return marked or structural_kind(facts)
