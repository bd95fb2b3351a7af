"""Fact extraction: one pass over a page's lxml tree yields its PageFacts.

This is the crawler's hot path, so the tree is walked once (``lxml.etree.iterwalk``, no
recursion: hostile pages nest deep) and every element inherits a small context from
its parent: the region it sits in, whether it is hidden, and the label of the box around it.
Class and id strings repeat across a page, so their classification is memoised.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from urllib.parse import urljoin

from lxml import etree

from auditor.rules._text import CaselessPattern
from auditor.spiders.dates import find_dates, iso
from auditor.spiders.facts import DateMention, Heading, Link, Media, PageFacts
from auditor.spiders.features import add_features
from auditor.spiders.kind import article_end, classify, date_near_title, title_position
from auditor.spiders.parse import elements_by_tag, text_content
from auditor.spiders.profiles import chrome_selectors, identify, marked_kind
from auditor.spiders.scripts import SIGNAL_LIMIT, scan_script
from auditor.spiders.urls import absolute, origin, plain_absolute

# Where an element sits, judged from its tag, then from its id and class words.
_REGION_TAGS = {"header": "header", "nav": "nav", "aside": "sidebar", "footer": "footer"}
_REGION_WORDS = (  # first match wins: "header-menu" is a menu, "site-header" a header
    # Not a component's own footer or header (Bootstrap's panel-footer, card-header ...), and
    # "bottom" only on its own: "margin-bottom-lg" and "m-bottom" are spacing utilities.
    ("footer", re.compile(r"(?<![a-z])(?<!panel-)(?<!card-)(?<!modal-)(?<!entry-)(?<!post-)"
                          r"(?<!article-)(?<!news-)(footer|copyright|site-?info)(?![a-z])"
                          r"|(?<![a-z-])(?:(?:page|site|web|main)-?)?bottom(?![a-z-])")),
    ("sidebar", re.compile(
        r"(?<![a-z])(sidebar|side-?bar|aside|widget-area|secondary|"
        r"(left|right)-?col(umn)?|col(umn)?-?(left|right)|(left|right)-?side)(?![a-z])")),
    ("nav", re.compile(r"(?<![a-z])(nav|navbar|navigation|menu|mainmenu|main-?menu|topmenu)(?![a-z])")),
    ("header", re.compile(r"(?<![a-z])(?<!panel-)(?<!card-)(?<!modal-)(?<!entry-)(?<!post-)"
                          r"(?<!article-)(?<!news-)(?<!section-)(?<!block-)(?<!widget-)"
                          r"(header|masthead|banner-?top|top-?banner|site-?title)(?![a-z])")),
)
# Which region may open inside which: a menu inside the masthead is navigation, but nothing
# inside the footer stops being footer, and an ad box called "banner" in a sidebar stays sidebar.
_REFINES = {"body": {"header", "nav", "sidebar", "footer"}, "header": {"nav"}, "sidebar": {"nav"}}
# A container that spans most of the page (<html>, <body>, the theme's wrappers) never decides a
# region from its class words: WordPress puts "has-main-navigation" in <body class>, and a
# wrapper called "page-header-wrapper" may hold everything. Only shallow elements are measured
# (wrappers are), so the cost stays one subtree count per shallow candidate.
_NEVER_BY_WORDS = frozenset({"html", "body", "main"})
_WRAPPER_DEPTH = 8
_WRAPPER_SHARE = 0.5
# What el.iter() yields (the element, its descendant elements, comments and processing
# instructions), counted in C: iterating made a Python object of every node (bench/).
_subtree_size = etree.XPath("count(descendant-or-self::* | descendant::comment()"
                            " | descendant::processing-instruction())")
# The main content: inside it, <header>/<footer> and "entry-header"/"entry-footer" are the
# article's own title and byline lines, not the site's masthead and footer.
_CONTENT_TAGS = frozenset({"main", "article"})
_CONTENT_REGIONS = frozenset({"header", "footer"})
# An element with none of these attributes, and a tag with no region or content meaning, can
# change nothing of its parent's context but the label (most elements: 78% of a portal page's).
_CONTEXT_ATTRIBUTES = frozenset({"class", "id", "style", "hidden", "role"})
_CONTEXT_TAGS = frozenset(_REGION_TAGS) | _CONTENT_TAGS
_CONTEXT_ATTRIBUTES_BUT_CLASS = _CONTEXT_ATTRIBUTES - {"class"}

# Hiding CSS, in any case (CaselessPattern: ASCII CSS, nearly all of it, is lowered for a
# case-sensitive search).
_HIDDEN_STYLE = CaselessPattern(
    r"display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?![.\d])"
    r"|(?:left|top|text-indent|margin-left)\s*:\s*-\d{3,}"
    r"|(?<![-\w])(?:width|height)\s*:\s*[01]px|opacity\s*:\s*0(?![.\d])"
    r"|clip\s*:\s*rect\(\s*0"
)
# Text for screen readers only ("Skip to content", "Continue reading <title>"): not what a visitor
# sees, so out of the main text, and no hidden spam either: dropped. CSS frameworks' hiding
# classes (Bootstrap's, which NukeViet's themes use) hide as display:none does.
_SCREEN_READER = frozenset({"screen-reader-text", "sr-only", "visually-hidden", "skip-link",
                            "element-invisible", "hidden-accessible"})
_FRAMEWORK_HIDDEN = frozenset({"hidden", "hide", "d-none", "invisible"})
_CSS_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_SIMPLE_SELECTOR = re.compile(r"^\s*([.#])([\w-]+)\s*$")

_INVISIBLE_TAGS = frozenset({"script", "style", "noscript", "template", "head", "title"})
_BLOCK_TAGS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 tr td th table section article header footer nav "
    "aside blockquote pre dd dt dl figure figcaption form hr address main".split()
)
_MEDIA_TAGS = frozenset({"img", "video", "audio", "iframe", "embed", "object", "source"})
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# The tags _Walker.element() reads a fact from; the walk spares the call for all others.
_FACT_TAGS = _MEDIA_TAGS | _HEADING_TAGS | {"a", "form", "input", "marquee", "blink"}
_LABEL_CLASS = re.compile(r"title|heading|label|caption|tieu-?de", re.IGNORECASE)
_LABEL_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6", "legend", "caption"})
_LINE_TAGS = ("p", "span", "div", "strong", "b")  # a box's first line of plain text
# The tags that may change a context or give their parent a label (_context_changers()).
_TREE_TAGS = frozenset(_CONTEXT_TAGS | _LABEL_TAGS | set(_LINE_TAGS))
# A box's own <header> (not the site's masthead, which may open a page-wide wrapper).
_BOX_HEADER = re.compile(r"portlet|widget|box|block|panel|card|module|topper", re.IGNORECASE)
_SEARCH_NAMES = frozenset("q s query search keyword keywords key tukhoa tu_khoa k searchword".split())
_SEARCH_ACTION = re.compile(r"search|tim-?kiem|timkiem", re.IGNORECASE)
# A search box without a form (NukeViet's header: an input "Tìm kiếm..." and a button whose
# script opens /seek/?q=) is a search tool as much as a form is.
_SEARCH_BOX = re.compile(r"search|tìm kiếm|tim kiem|tra cứu", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u200b]+")
# Folding _SPACES in two C-fast steps: each other space character of the class becomes " "
# (str.replace, a scan per character, most of them absent from a page), then runs of " " become
# one. The run pattern opens with a literal ("  "), which the regex engine looks for by fast
# search; a pattern opening with a class tried every position (bench/: 0.49 -> 0.15 ms a page).
# Spelt "   *", not "  +": re takes a pattern's literal prefix only up to its first repeat, so
# "  +" looked for one space and tried the rest at every single space (bench/: -20% a page).
_OTHER_SPACES = "\t\r\f\v\u00a0\u200b"
_SPACE_RUN = re.compile("   *")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_AUTHOR = re.compile(
    r"^(?:tác giả(?: bài viết)?|người viết|bài(?: và ảnh)?|phóng viên|pv|tin(?: và ảnh)?)"
    r"\s*[:：]\s*(.{2,80})$", re.IGNORECASE)
_SOURCE = re.compile(r"^(?:nguồn(?: tin| bài viết)?\s*[:：]\s*(.{2,120})|theo\s+([^,:]{3,60}))$", re.IGNORECASE)
_BYLINE = re.compile(r"^(?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*\.?\s){1,4}[A-ZĐÀ-Ỹ][\wÀ-ỹ]*$")

TEXT_LIMIT = 200_000  # characters of visible text kept per page: enough for any real article
# Links and media kept per page. A real portal page has a few hundred links; a link farm
# injected by spammers has thousands, and 2,000 are evidence enough. The bound keeps a hostile
# page with 20,000 links from holding the crawl's single thread (and so every other site) for
# seconds, and its rows from flooding the store.
LINK_LIMIT = 2_000
MEDIA_LIMIT = 1_000


@dataclass(slots=True)
class _Context:
    region: str
    hidden: bool
    label: str
    content: bool = False  # inside <main>, <article> or role="main"
    aural: bool = False  # for screen readers only: its text is dropped
    # Where its visible text goes: its region's pieces, None when hidden or aural.
    pieces: list[str] | None = None


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@lru_cache(maxsize=4096)
def _region_of_words(words: str) -> str | None:
    for region, pattern in _REGION_WORDS:
        if pattern.search(words):
            return region
    return None


@lru_cache(maxsize=4096)
def _is_label_class(classes: str) -> bool:
    # A page's class strings repeat (every menu item's, every news item's): one search each.
    return _LABEL_CLASS.search(classes) is not None


def _hidden_selectors(styles: list) -> tuple[frozenset[str], frozenset[str]]:
    """Classes and ids that the page's own <style> blocks hide (simple selectors only)."""
    classes, ids = set(), set()
    for style in styles:
        for selectors, body in _CSS_RULE.findall(style.text or ""):
            if not _HIDDEN_STYLE.search(body):
                continue
            for selector in selectors.split(","):
                match = _SIMPLE_SELECTOR.match(selector)
                if match:
                    (classes if match.group(1) == "." else ids).add(match.group(2))
    return frozenset(classes), frozenset(ids)


_GRID_WIDTHS = tuple(re.compile(rf"(?<![\w-])col-{size}-(\d{{1,2}})(?![\w-])") for size in ("md", "lg", "sm"))


def _grid_width(classes: str) -> int:
    for pattern in _GRID_WIDTHS:
        match = pattern.search(classes)
        if match:
            return int(match[1])
    return 0


def _narrow_column(el, classes: str) -> bool:
    """A narrow column of a Bootstrap grid row beside one at least twice as wide is a sidebar:
    NukeViet's themes lay out "col-md-13" content between "col-md-5" and "col-md-6" columns of
    blocks with no sidebar word. Equal columns (a grid of news cards) are no sidebar."""
    width = _grid_width(classes)
    parent = el.getparent()
    if not width or parent is None:
        return False
    widths = [_grid_width(sibling.get("class") or "") for sibling in parent.iterchildren(tag=etree.Element)]
    return width * 10 <= sum(widths) * 3 and max(widths) >= 2 * width


_SIDE_WORDS = re.compile(r"side|left|right|secondary|col-", re.IGNORECASE)


# The longest text or source the caches below keep (a hostile anchor may wrap a whole page).
_CACHED_LENGTH = 300


def _link_text(text: str) -> str:
    """A link's text, its spaces folded, NFC. A site's menus, footer and boxes repeat on every
    page, so most of a page's link texts were seen before (a hash and a lookup, not a split,
    a join and a normalisation: 0.97 -> 0.24 µs a Vietnamese menu text)."""
    return _tidy_link_text_cached(text) if len(text) <= _CACHED_LENGTH else _tidy_link_text(text)


def _tidy_link_text(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split()))[:300]


_tidy_link_text_cached = lru_cache(maxsize=4096)(_tidy_link_text)


@lru_cache(maxsize=8192)
def _plain_link(site_origin: str, href: str, text: str) -> tuple[str | None, str]:
    """A link's URL when it is plain (``plain_absolute()``: else None, and urljoin decides) and
    its text as _link_text() tidies it, in one look-up: a site's menus and boxes repeat the same
    href and text on each of its pages (bench/: the two look-ups and their calls 0.28 -> 0.21 ms
    a synthetic page). Only for hrefs and texts of at most _CACHED_LENGTH characters."""
    return plain_absolute(site_origin, href), _tidy_link_text(text)


def _http_origin(base: str) -> str:
    """"scheme://netloc/" of an http(s) base URL (``origin()``), "" for any other (or a broken
    one)."""
    if not base.startswith(("http://", "https://")):
        return ""
    try:
        return origin(base) + "/"
    except ValueError:
        return ""


@lru_cache(maxsize=4096)
def _join_rooted(site_origin: str, src: str) -> str:
    """urljoin() of a source starting with one "/" and holding no tab or newline (which urljoin
    drops: "/\t/" would read as "//", an empty path): a path from the root, for which urljoin
    reads neither the base's path nor its query or fragment, so the base's origin joins it as
    the base itself does (~8 µs a urljoin)."""
    return urljoin(site_origin, src)


def _names_a_link(img) -> bool:
    """Whether the image is all a link has to say (no text, no title, no aria-label): a banner
    link whose image has alt="" has no name for a screen reader."""
    for ancestor in img.iterancestors("a"):
        if ancestor.get("title") or ancestor.get("aria-label"):
            return False
        return not "".join(ancestor.itertext()).strip()
    return False


def _image_says(img) -> str:
    """A banner link's picture as its three sayings, one per line: alt, title, and the image's
    URL (its file name may be all a picture says: "ttpbgdpl.png")."""
    words = [" ".join((img.get(name) or "").split())[:120] for name in ("alt", "title")]
    src = (img.get("src") or img.get("data-src") or "").strip()
    return nfc("\n".join([*words, src[-200:]]))


def _opens_footer(el) -> bool:
    """A widget area whose next element is the site footer is the footer's upper part: Twenty
    Twenty-One puts the agency's widgets in <aside class="widget-area"> under the content, right
    above <footer id="colophon">. An element that calls itself a side (column) stays a sidebar:
    a floated "sidebar" also comes right before the footer in the source."""
    for sibling in el.itersiblings():
        if not isinstance(sibling.tag, str) or sibling.tag in ("script", "style", "template"):
            continue
        words = f"{sibling.get('id') or ''} {sibling.get('class') or ''}".lower()
        return sibling.tag == "footer" or (words.strip() != "" and _region_of_words(words) == "footer")
    return False


def _is_search_box(field) -> bool:
    if (field.get("type") or "text").lower() not in ("text", "search"):
        return False
    said = " ".join(field.get(a) or "" for a in ("type", "placeholder", "aria-label", "title"))
    return bool(_SEARCH_BOX.search(nfc(said)))


class _Walker:
    """Accumulates facts while iterwalk visits the tree."""

    def __init__(self, facts: PageFacts, base: str, hidden_classes, hidden_ids):
        self.facts = facts
        self.base = base
        self.hidden_classes = hidden_classes
        self.hidden_ids = hidden_ids
        self.text: dict[str, list[str]] = {region: [] for region in ("header", "nav", "sidebar", "body", "footer")}
        self.hidden_text: list[str] = []
        self.emails: set[str] = set()
        self.elements = 0  # elements of the page, counted when a wrapper is first measured
        self.origin = _http_origin(base)
        try:  # the origin absolute() joins a root-relative href to (None: a broken base)
            self.link_origin: str | None = origin(base)
        except ValueError:
            self.link_origin = None
        # Filled by the walk: the elements whose children may give them a label
        # (_context_changers()), and the elements measured as not spanning the page.
        self.label_boxes: set = set()
        self.narrow: set = set()
        # The page's id values and distinct class values, read by that same pass: what the
        # CMS's kind markers are looked for in (profiles.marked_kind), without two queries.
        self.page_words: tuple[list[str], set[str]] | None = None

    def context_for(self, el, parent: _Context, depth: int = 0) -> _Context:
        tag = el.tag
        if tag not in _CONTEXT_TAGS and _CONTEXT_ATTRIBUTES.isdisjoint(el.keys()):
            # No region, content, hidden or aural change is possible: what the full path below
            # decides for such an element, without its dozen attribute reads and tests.
            label = self._label_of(el) if el in self.label_boxes else ""
            if not label or label == parent.label:
                return parent
            return _Context(parent.region, parent.hidden, label, parent.content, parent.aural, parent.pieces)
        region, hidden, label, content = parent.region, parent.hidden, parent.label, parent.content
        aural = parent.aural
        candidate = _REGION_TAGS.get(tag)
        classes = el.get("class") or ""
        ident = el.get("id") or ""
        if candidate is None and (classes or ident) and tag not in _NEVER_BY_WORDS:
            candidate = _region_of_words(f"{ident} {classes}".lower())
            if candidate and depth <= _WRAPPER_DEPTH and self._spans_page(el):
                candidate = None
        if candidate in _CONTENT_REGIONS and content:
            candidate = None
        if candidate == "sidebar" and not _SIDE_WORDS.search(f"{ident} {classes}") and _opens_footer(el):
            candidate = "footer"
        elif candidate is None and region == "body" and "col-" in classes and _narrow_column(el, classes):
            candidate = "sidebar"
        if candidate and candidate in _REFINES.get(region, ()):
            region = candidate
        if not content and region == "body" and (tag in _CONTENT_TAGS or el.get("role") == "main"):
            content = True
        if not hidden:
            style = el.get("style")
            hidden = (
                el.get("hidden") is not None
                or (style is not None and _HIDDEN_STYLE.search(style) is not None)
                or (ident and ident in self.hidden_ids)
                or (bool(classes) and not (self.hidden_classes.isdisjoint(words := classes.split())
                                           and _FRAMEWORK_HIDDEN.isdisjoint(words)))
            )
        if not aural and classes and not _SCREEN_READER.isdisjoint(classes.split()):
            aural = hidden = True
        own_label = self._label_of(el) if el in self.label_boxes else ""
        if own_label:
            label = own_label
        hidden = bool(hidden)
        if (region == parent.region and hidden == parent.hidden and label == parent.label
                and content == parent.content and aural == parent.aural):
            return parent  # most elements change nothing: no new context (they are never modified)
        return self.context(region, hidden, label, content, aural)

    def context(self, region: str, hidden: bool, label: str, content: bool = False, aural: bool = False) -> _Context:
        return _Context(region, hidden, label, content, aural,
                        None if hidden or aural else self.text[region])

    def _spans_page(self, el) -> bool:
        if el.getparent() in self.narrow:  # a part of a narrower element is narrower still
            self.narrow.add(el)
            return False
        if not self.elements:
            self.elements = _subtree_size(el.getroottree().getroot())
        if _subtree_size(el) > self.elements * _WRAPPER_SHARE:
            return True
        self.narrow.add(el)
        return False

    @staticmethod
    def _label_of(el) -> str:
        """The heading of a box (widget title, portlet caption), which its links sit under."""
        if not len(el):  # a leaf: no child to look at, and no iterator to make
            return ""
        for index, child in enumerate(el.iterchildren(tag=etree.Element)):
            tag = child.tag
            if tag in _LABEL_TAGS or (
                (classes := child.get("class")) and _is_label_class(classes) and len(child) <= 2
            ):
                text = " ".join(text_content(child).split())
                if 0 < len(text) <= 60:
                    return nfc(text)
            elif index == 0 and tag == "header" and _BOX_HEADER.search(child.get("class") or ""):
                # A box's own header holding its title (Liferay's portlet-topper > h1).
                heading = next(child.iter("h1", "h2", "h3", "h4", "h5", "h6"), None)
                text = " ".join(text_content(heading).split()) if heading is not None else ""
                if 0 < len(text) <= 60:
                    return nfc(text)
            elif index == 0 and tag in _LINE_TAGS and not len(child):
                # A box opening with a short line of plain text ("Quảng cáo" over a banner).
                text = " ".join((child.text or "").split())
                if 0 < len(text) <= 30 and el.find(".//a") is not None:
                    return nfc(text)
        return ""

    def join(self, src: str) -> str:
        """``urljoin(self.base, src)``, through a cache for the root-relative sources that a
        site's pictures and scripts mostly are (banner, logo, thumbnails: on every page)."""
        if (self.origin and src.startswith("/") and not src.startswith("//") and len(src) <= _CACHED_LENGTH
                and "\t" not in src and "\n" not in src and "\r" not in src):
            return _join_rooted(self.origin, src)
        return urljoin(self.base, src)

    def element(self, el, ctx: _Context) -> None:
        tag = el.tag
        if tag == "a":
            self.link(el, ctx)
        elif tag in _MEDIA_TAGS:
            self.media(el, ctx)
        elif tag == "form":
            self.facts.forms += 1
            if self._is_search_form(el):
                self.facts.has_search_form = True
        elif tag == "input" and not self.facts.has_search_form and _is_search_box(el):
            self.facts.has_search_form = True
        elif tag in _HEADING_TAGS:
            text = " ".join(text_content(el).split())
            if text and len(self.facts.headings) < 200:
                self.facts.headings.append(Heading(int(tag[1]), nfc(text[:300])))
        elif tag in ("marquee", "blink"):
            self.facts.blink_tags.append(tag)

    def link(self, el, ctx: _Context) -> None:
        href = (el.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "tel:", "sms:")):
            return
        if href[:7].lower() == "mailto:":  # str.lower() lengthens only "İ", never ASCII
            if len(self.emails) < 200:
                self.emails.add(href[7:].split("?", 1)[0].strip().lower())
            return
        if len(self.facts.links) >= LINK_LIMIT:
            self.facts.links_cut += 1
            return
        if len(el):
            text, image = text_content(el), next(el.iter("img"), None)
        else:  # most anchors: no child, so the text node is all their text (no XPath call)
            text, image = el.text or "", None
        if self.link_origin is not None and len(text) <= _CACHED_LENGTH and len(href) <= _CACHED_LENGTH:
            url, text = _plain_link(self.link_origin, href, text)
        else:
            url, text = None, _link_text(text)
        if url is None:
            try:
                url = absolute(self.base, href)
            except ValueError:  # a broken href (bad port, bad IPv6) on a hostile page
                url = ""
        title = el.get("title")
        # Link's fields by position, in their order (url, text, region, hidden, rel, title,
        # has_image, label, image): a third of the keyword call's cost, for every link.
        self.facts.links.append(Link(
            url, text, ctx.region, ctx.hidden, el.get("rel") or "",
            nfc(title)[:200] if title else "", image is not None, ctx.label,
            "" if image is None else _image_says(image),
        ))

    def media(self, el, ctx: _Context) -> None:
        src = el.get("src") or el.get("data-src") or el.get("data") or ""
        if not src.strip() or src.startswith("data:") or len(self.facts.media) >= MEDIA_LIMIT:
            return
        try:
            src = self.join(src.strip())
        except ValueError:
            return
        alt = el.get("alt")
        if alt is not None and not alt.strip() and el.tag == "img" and _names_a_link(el):
            alt = None  # an empty alt is "decorative", but here the image is all the link says
        self.facts.media.append(Media(
            kind=el.tag, src=src, region=ctx.region, alt=None if alt is None else nfc(alt.strip()),
            hidden=ctx.hidden, width=el.get("width") or "", height=el.get("height") or "",
            title=nfc(el.get("title") or "")[:200],
        ))

    @staticmethod
    def _is_search_form(form) -> bool:
        if _SEARCH_ACTION.search(form.get("action") or "") or _SEARCH_ACTION.search(form.get("id") or ""):
            return True
        for field in form.iter("input"):
            if (field.get("type") or "").lower() == "search":
                return True
            if (field.get("name") or "").lower() in _SEARCH_NAMES:
                return True
        return False

    def script(self, el) -> None:
        src = el.get("src")
        if src:
            try:
                self.facts.scripts.append(self.join(src.strip()))
            except ValueError:
                pass
        elif el.text and len(self.facts.inline_scripts) < 50:
            self.facts.inline_scripts.append(el.text.strip()[:300])
            if len(self.facts.script_signals) < SIGNAL_LIMIT:  # what an injected script does
                self.facts.script_signals.extend(scan_script(el.text, self.base)[:SIGNAL_LIMIT])

    def joined(self, region: str) -> str:
        return _tidy_lines("".join(self.text[region]))


def _tidy_lines(text: str) -> str:
    """Spaces folded within lines, blank lines dropped, NFC."""
    # One pass over the whole text (_SPACES never matches a newline), not one per line.
    # map/filter run the per-line strip and the blank test in C: a 60 KB page has ~1,000 lines.
    return nfc("\n".join(filter(None, map(str.strip, _fold_spaces(text).split("\n")))))


def _fold_spaces(text: str) -> str:
    """``_SPACES.sub(" ", text)``: every maximal run of _SPACES' characters as one " "."""
    for space in _OTHER_SPACES:
        if space in text:
            text = text.replace(space, " ")
    return _SPACE_RUN.sub(" ", text)


def extract(facts: PageFacts, root, base_url: str, reference=None) -> PageFacts:
    """Fill ``facts`` from the lxml ``root`` of an HTML page fetched from ``base_url``."""
    reference = reference or datetime.now()  # one "now" for every date read on the page
    by_tag = elements_by_tag(root, "meta", "style")  # read here and by add_features
    hidden_classes, hidden_ids = _hidden_selectors(by_tag["style"])
    chrome_classes, chrome_ids = chrome_selectors()
    hidden_classes, hidden_ids = hidden_classes | chrome_classes, hidden_ids | chrome_ids
    # Every element's Python proxy made at once in C and kept alive until the page is done:
    # lxml.html builds a proxy by a class lookup in Python, and each later pass over the tree
    # (the walk, its queries, add_features) would otherwise build a short-lived one again.
    elements = list(root.iter())
    base = root.find(".//base[@href]")
    walker = _Walker(facts, urljoin(base_url, base.get("href")) if base is not None else base_url,
                     hidden_classes, hidden_ids)
    _walk(walker, root, elements)
    _document_facts(facts, root, by_tag["meta"])
    dated_by_markup = bool(facts.published)  # meta or <time>: the CMS's own word
    _text_facts(facts, walker, reference)
    add_features(facts, root, reference, by_tag)  # what the law's obligations ask of a page (issue 18)
    _page_kind(facts, root, dated_by_markup, walker.page_words)
    del elements
    return facts


def _walk(walker: _Walker, root, elements: list) -> None:
    """One iterwalk over the tree; each element's context is its parent's, refined."""
    # The walk's events are a page's most repeated work (two per element): the walker's
    # methods are bound once, and each event's text goes to its context's pieces right here.
    context_for, element, link, hidden_text = walker.context_for, walker.element, walker.link, walker.hidden_text
    scan = _context_changers(elements, walker.hidden_classes)
    changers, walker.label_boxes, walker.page_words = scan.changers, scan.label_boxes, (scan.ids, scan.class_values)
    stack = [walker.context("body", False, "")]
    push, pop = stack.append, stack.pop
    size = 0  # visible characters kept: none after TEXT_LIMIT, hidden ones neither
    walk = etree.iterwalk(root, events=("start", "end", "comment", "pi"))
    for event, el in walk:
        tag = el.tag
        if not isinstance(tag, str):
            # Comments and processing instructions come only with their own events (never
            # "start" or "end"), and only their tail shows: "<span>năm</span><!-- x -->sáu".
            text, ctx, block = el.tail, stack[-1], False
        elif event == "start":
            ctx = context_for(el, stack[-1], len(stack)) if el in changers else stack[-1]
            push(ctx)
            if tag == "a":  # a third of a portal page's elements: straight to link()
                link(el, ctx)
            elif tag in _FACT_TAGS:
                element(el, ctx)
            if tag in _INVISIBLE_TAGS:
                _invisible(walker, el)
                walk.skip_subtree()
                continue
            text, block = el.text, tag in _BLOCK_TAGS
        else:
            pop()
            text, ctx, block = el.tail, stack[-1], tag in _BLOCK_TAGS
        # The text (an element's own, or the tail after it): a block's edge starts a line.
        if (text or block) and size <= TEXT_LIMIT:
            pieces = ctx.pieces
            if pieces is not None:
                if block:
                    pieces.append("\n")
                if text:
                    size += len(text)
                    pieces.append(text)
            elif text and not ctx.aural and text.strip():
                hidden_text.append(text)


def _invisible(walker: _Walker, el) -> None:
    """What a tag never shown as text gives: scripts (those in <head> too: ad networks sit
    there) and the page's first <title>."""
    tag = el.tag
    if tag == "script":
        walker.script(el)
    elif tag == "head":
        for script in el.iter("script"):
            walker.script(script)
    elif tag == "title" and not walker.facts.title:
        walker.facts.title = nfc(" ".join((el.text or "").split()))[:500]


@dataclass(slots=True)
class _ElementScan:
    """What the pass over a page's elements before the walk finds (_context_changers())."""

    changers: set  # the elements whose context may differ from their parent's (label boxes too)
    label_boxes: set
    ids: list[str]  # every id value of the page
    class_values: set[str]  # its distinct class values (not empty)


def _context_changers(elements: list, hidden_classes: frozenset[str]) -> _ElementScan:
    """The elements whose context may differ from their parent's: the walk computes no context
    for the others (nine in ten elements of a portal page), which keep their parent's. The
    page's ids and class values come with them: the pass reads every element's attributes.

    A superset is harmless (_Walker.context_for() decides exactly), a missing element is not.
    An element changes the region, hiding or content flags only by its tag or its context
    attributes, and by a class alone only when _class_changes_context(); the label only when
    _Walker._label_of() finds a child that is a label tag, has a class (a label class, a box's
    <header class>) or is a first line of plain text. Those parents are the label boxes (a
    subset of the changers): no other element has a label of its own."""
    changers, label_boxes, ids = set(), set(), []
    class_changes: dict[str, bool] = {}  # a page's class strings repeat: each is judged once
    for el in elements:
        tag = el.tag
        if tag in _TREE_TAGS:
            if tag in _CONTEXT_TAGS:
                changers.add(el)
            if tag in _LABEL_TAGS or (tag in _LINE_TAGS and not len(el) and el.text and _may_be_first(el)):
                label_boxes.add(el.getparent())
        keys = el.keys()
        if not keys:  # most elements (comments too)
            continue
        if not _CONTEXT_ATTRIBUTES_BUT_CLASS.isdisjoint(keys):
            changers.add(el)
            if "id" in keys:
                ids.append(el.get("id"))
        classes = el.get("class")
        if classes:
            if tag == "header" or _is_label_class(classes):
                label_boxes.add(el.getparent())
            changes = class_changes.get(classes)
            if changes is None:
                changes = class_changes[classes] = _class_changes_context(classes, hidden_classes)
            if changes:
                changers.add(el)
    return _ElementScan(changers | label_boxes, label_boxes, ids, set(class_changes))


def _may_be_first(el) -> bool:
    """Whether ``el`` may be its parent's first element child: nothing before it, or a comment
    or instruction (which may follow an element: a superset)."""
    before = el.getprevious()
    return before is None or not isinstance(before.tag, str)


def _class_changes_context(classes: str, hidden_classes: frozenset[str]) -> bool:
    """Whether an element whose only context attribute is this class may have another region,
    hiding or screen-reader flag than its parent: each test of _Walker.context_for() that reads
    the class (its region words as context_for() spells them with no id, a grid column, a
    hiding or screen-reader class)."""
    words = classes.split()
    return (_region_of_words(f" {classes}".lower()) is not None or "col-" in classes
            or not (hidden_classes.isdisjoint(words) and _FRAMEWORK_HIDDEN.isdisjoint(words)
                    and _SCREEN_READER.isdisjoint(words)))


def _page_kind(facts: PageFacts, root, dated_by_markup: bool, page_words=None) -> None:
    """The CMS and the kind of page; an article's date is the one by its title."""
    profile = identify(facts.generator, facts.scripts + [m.src for m in facts.media[:50]], root)
    facts.cms = profile.name if profile else ""
    facts.kind = classify(facts, marked_kind(profile, root, page_words) if profile else "")
    if facts.kind == "article" and not dated_by_markup:
        title, at = title_position(facts)
        near = date_near_title(facts, title, at)
        if near:
            facts.published = near


def _document_facts(facts: PageFacts, root, metas: list) -> None:
    html = root if root.tag == "html" else root.find(".//html")
    if html is not None:
        facts.lang = (html.get("lang") or html.get("xml:lang") or "").strip()[:20]
    if not facts.title:
        title = root.find(".//title")
        if title is not None and title.text:
            facts.title = nfc(" ".join(title.text.split()))[:500]
    for meta in metas:
        prop = (meta.get("property") or meta.get("name") or "").lower()
        if prop == "generator":
            facts.generator = (meta.get("content") or "")[:200]
        elif prop in ("article:published_time", "date", "pubdate", "dc.date.issued"):
            found = find_dates(meta.get("content") or "", limit=1)
            if found:
                facts.published = iso(found[0])[:10]
    if not facts.published:
        for time_el in root.iter("time"):
            found = find_dates(time_el.get("datetime") or "", limit=1)
            if found:
                facts.published = iso(found[0])[:10]
                break


def _text_facts(facts: PageFacts, walker: _Walker, reference) -> None:
    facts.main_text = walker.joined("body")
    facts.header_text = walker.joined("header")
    facts.footer_text = walker.joined("footer")
    nav_text, side_text = walker.joined("nav"), walker.joined("sidebar")
    facts.text = "\n".join(
        t for t in (facts.header_text, nav_text, facts.main_text, side_text, facts.footer_text) if t
    )
    facts.hidden_text = _tidy_lines(" ".join(walker.hidden_text))[:20_000]
    for region, text in (("header", facts.header_text), ("body", facts.main_text),
                         ("sidebar", side_text), ("footer", facts.footer_text)):
        for found in find_dates(text, reference, limit=60):
            facts.dates.append(DateMention(raw=found.raw, iso=iso(found), region=region))
    body_dates = [d for d in facts.dates if d.region == "body"]
    if not facts.published and 0 < len(body_dates) <= 3:
        facts.published = body_dates[0].iso[:10]  # an article page: its first date is its own
    # The byline is the article's: lists of other news after it and sidebar headings are not.
    # A link's text is navigation ("Lãnh đạo Sở" in a portlet's sub-menu), never a signature.
    facts.author, facts.source = _byline(facts.main_text[:article_end(facts.main_text)],
                                         {h.text for h in facts.headings}
                                         | {link.text for link in facts.links if link.region == "body"})
    walker.emails.update(_emails_in(facts.footer_text))
    walker.emails.update(_emails_in(facts.main_text[:20_000]))
    facts.emails = sorted(walker.emails)[:50]


def _emails_in(text: str) -> list[str]:
    r"""``_EMAIL.findall(text)``, lower-cased, with the regex run only on the words around an "@".

    The regex tries every position of the text (~0.4 ms a page when one "@" is in it, bench/).
    A match holds only characters of ``[\w.+@-]``, so it lies inside one run of them, and the
    regex (no anchor, no lookaround) matches in a run as it does in the whole text: findall
    over the spans between the spaces and newlines around each "@" (run edges, as neither is in
    the class) finds the same matches in the same order."""
    emails: list[str] = []
    at = text.find("@")
    while at >= 0:
        start = max(text.rfind(" ", 0, at), text.rfind("\n", 0, at)) + 1
        end = min(_end_of_word(text, " ", at), _end_of_word(text, "\n", at))
        emails.extend(e.lower() for e in _EMAIL.findall(text, start, end))
        at = text.find("@", end)
    return emails


def _end_of_word(text: str, separator: str, start: int) -> int:
    at = text.find(separator, start)
    return len(text) if at < 0 else at


def _byline(main_text: str, not_signatures: set[str] = frozenset()) -> tuple[str, str]:
    """The author ("Tác giả: ...", or a signature on the last line) and source ("Nguồn: ...");
    ``not_signatures``: the page's headings and link texts, which end lists, not articles."""
    author = source = ""
    lines = main_text.split("\n")
    for line in lines:
        if len(line) > 140:
            continue
        if not author and (match := _AUTHOR.match(line)):
            author = match.group(1).strip()
        elif not source and (match := _SOURCE.match(line)):
            source = (match.group(1) or match.group(2)).strip()
    if not author:
        for line in reversed(lines[-6:]):
            if not line.strip() or line in not_signatures or _SOURCE.match(line):
                continue  # trailing links (a sub-menu), headings and the source line
            if _BYLINE.match(line) and len(line) <= 40 and not line.isupper():
                author = line  # a signature such as "Ngọc Tân" closing the article
            break  # only the article's last line signs it
    return author, source
