"""The fact model: what the spider gathers from a page, and all that the rules may read.

Facts are plain dataclasses so that rules stay pure functions of data: a rule never sees a
Scrapy response, a selector or the database. Text is whitespace-folded and NFC-normalised.

Regions say where an element sits on the page, as a visitor sees it:
``header`` (masthead, banner), ``nav`` (menus), ``sidebar`` (aside, left/right columns),
``footer``, and ``body`` (the main content, anything else).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from auditor.spiders.outcomes import Reason

REGIONS = ("header", "nav", "sidebar", "body", "footer")


@dataclass(slots=True)
class Link:
    url: str  # absolute, canonical; "" when the href could not be resolved
    text: str
    region: str
    hidden: bool = False  # hidden by CSS or markup (display:none, zero size, off-screen ...)
    rel: str = ""
    title: str = ""
    has_image: bool = False  # the anchor wraps an <img>: a banner rather than a text link
    label: str = ""  # nearby "Quảng cáo" / "Liên kết" label text, when the link sits under one
    # A banner link's picture: its alt, its title and its image URL, one per line (empty for a
    # text link): a section or a name shown only in a picture is read from them (rules/_images.py)
    image: str = ""


@dataclass(slots=True)
class Media:
    kind: str  # img | video | audio | iframe | embed | object | source
    src: str  # absolute URL
    region: str
    alt: str | None = None  # None: no alt attribute at all; "": empty alt
    hidden: bool = False
    title: str = ""  # the title attribute: what a picture without alt may still say
    width: str = ""
    height: str = ""


@dataclass(slots=True)
class DateMention:
    raw: str  # the text as written on the page, e.g. "7:57, Chủ Nhật, 8-5-2022"
    iso: str  # YYYY-MM-DD (or YYYY-MM-DDTHH:MM when a time was written)
    region: str = "body"


@dataclass(slots=True)
class Heading:
    level: int
    text: str


@dataclass(slots=True)
class PageFacts:
    """Everything the rules may know about one fetched page."""

    site: str  # registry id of the site
    url: str  # the URL requested (canonical)
    final_url: str  # after redirects
    status: int
    content_type: str = ""
    depth: int = 0
    redirects: list[str] = field(default_factory=list)  # the chain, requested URL first
    is_html: bool = False
    bytes: int = 0
    truncated: bool = False  # the body was cut at the size cap
    encoding: str = ""  # how the bytes became text: "utf-8", "tcvn3 (detected; declared cp1252)"
    fetched_at: str = ""  # ISO timestamp, UTC
    error: Reason | None = None  # why the page has no facts: a network error, an off-site redirect ...
    # Its archived answer (auditor/archive/, docs/evidence.md); empty when not archived
    warc_file: str = ""  # relative to the store's archive folder: "<audit>/<site>.warc.gz"
    warc_record_id: str = ""  # the response record's WARC-Record-ID
    warc_offset: int | None = None  # where the response record's gzip member starts
    warc_date: str = ""  # the record's WARC-Date: the capture time
    payload_sha256: str = ""  # hex SHA-256 of the HTTP payload as received (still content-encoded)
    # Document
    title: str = ""
    lang: str = ""
    generator: str = ""
    headings: list[Heading] = field(default_factory=list)
    # Text
    text: str = ""  # all visible text (scripts and styles removed)
    main_text: str = ""  # text of the body region only (no header, nav, sidebar, footer)
    header_text: str = ""
    footer_text: str = ""
    hidden_text: str = ""  # text inside hidden elements: where injected spam hides
    # Elements
    links: list[Link] = field(default_factory=list)
    links_cut: int = 0  # links past the per-page limit (extract.LINK_LIMIT), not kept
    media: list[Media] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)  # absolute src of external scripts
    inline_scripts: list[str] = field(default_factory=list)  # first 300 chars of each inline one
    has_search_form: bool = False
    forms: int = 0
    blink_tags: list[str] = field(default_factory=list)  # marquee / blink present
    # Article metadata
    dates: list[DateMention] = field(default_factory=list)
    published: str = ""  # ISO date of the article, when one can be told
    author: str = ""  # "Tác giả: ..." line, or a byline
    source: str = ""  # "Nguồn: ..." / "Theo ..." line
    emails: list[str] = field(default_factory=list)
    # What the page is (spiders/kind.py): article | listing | static | home | error ("" unknown)
    kind: str = ""
    cms: str = ""  # the CMS profile the page matched (spiders/cms/*.toml), "" for none

    # Obligations of issue 18 (spiders/features.py fills them):
    viewport: str = ""  # content of <meta name="viewport">; "" when the page has none
    fixed_width: str = ""  # evidence of a fixed desktop layout ("<table width=1000>"), or ""
    dublin_core: list[str] = field(default_factory=list)  # DC.* meta elements: title, creator ...
    page_tools: list[str] = field(default_factory=list)  # "print", "save": article tools found
    rating: str = ""  # the label of an online satisfaction rating ("Đánh giá mức độ hài lòng")
    labelled_dates: dict[str, str] = field(default_factory=dict)  # issued, posted, asked, answered

    # Hacked sites (issue 12): what only another kind of visitor is shown, scripts that send the
    # visitor away or write outside links, and pages only a sitemap leads to.
    # spiders/variant_diff.py, one per variant that differs: on a sampled page's late evidence
    # (spiders/variants.py), judged by ADS-005 and kept in its findings (the page's row, written
    # before the variants came back, has none)
    variants: list[dict[str, Any]] = field(default_factory=list)
    script_signals: list[dict[str, Any]] = field(default_factory=list)  # spiders/scripts.py
    sitemap_only: bool = False  # found in a sitemap, linked from no page read before it


@dataclass(slots=True)
class PageSummary:
    """A page as the site rules see it: the small part of PageFacts kept in the store."""

    url: str
    final_url: str
    status: int
    content_type: str = ""
    title: str = ""
    text_length: int = 0
    published: str = ""
    depth: int = 0
    is_html: bool = False
    error: Reason | None = None
    # What the site rules read besides (kept in the store's pages row):
    bytes: int = 0
    text_sample: str = ""  # the first 1,000 characters of the main text
    dates: list[DateMention] = field(default_factory=list)
    author: str = ""
    source: str = ""
    has_search_form: bool = False
    emails: list[str] = field(default_factory=list)
    footer_text: str = ""
    rating: str = ""  # PageFacts.rating
    labelled_dates: dict[str, str] = field(default_factory=dict)  # PageFacts.labelled_dates
    kind: str = ""  # article | listing | static | home | error, as PageFacts.kind


@dataclass(slots=True)
class Attachment:
    """An attachment (PDF, DOC ...) checked with HEAD: status 0 when the request failed."""

    url: str
    found_on: str
    status: int
    error: Reason | None = None


@dataclass(slots=True)
class SiteFacts:
    """What the site rules see: the registry entry, how the crawl went, and every page."""

    site: str
    name: str
    level: str  # tinh | huyen | xa
    url: str
    registry_status: str  # active | merged | abolished
    crawl_status: str  # ok | partial | unreachable | blocked
    crawl_reason: str = ""  # the reasons in the wording of record (what findings quote)
    crawl_reasons: list[Reason] = field(default_factory=list)  # the same, as codes: decide from these
    parent: str = ""
    home: PageFacts | None = None  # the home page's full facts, when it was fetched
    pages: list[PageSummary] = field(default_factory=list)
    nav: list[Link] = field(default_factory=list)  # navigation links seen across the site
    emails: list[str] = field(default_factory=list)
    robots_disallows_all: bool = False
    audit_date: str = ""  # ISO date the audit ran: freshness is judged against it
    domain: str = ""  # the registry's public domain, when the URL is a test or mirror address
    parent_url: str = ""  # the parent unit's URL prefix and domain (from the registry)
    parent_domain: str = ""
    probe: dict = field(default_factory=dict)  # the HTTP<->HTTPS probe: url, status, location
    robots: str = ""  # the robots.txt text, when there was one
    attachments: list[Attachment] = field(default_factory=list)
    # Who links to each page that failed (status >= 400): where a broken link is to be fixed.
    referrers: dict[str, list[str]] = field(default_factory=dict)
    # The site host's IPv6 (auditor/crawl/ipv6.py): {"host", "addresses"} or {"host", "error"};
    # empty when not checked.
    ipv6: dict = field(default_factory=dict)
