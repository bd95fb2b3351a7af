"""Variant fetches (issue 12): a sample of a site's pages fetched again as other visitors.

Hacked sites show their spam to search engines (user-agent cloaking), to visitors arriving
from a search result (referrer cloaking) or to phones, and the plain page to everyone else,
the site's own staff and a polite crawler included. So a few pages per site are fetched again
as Googlebot (its published desktop and smartphone user agents), as a browser arriving from a
search result and as a mobile browser, and compared with the auditor's own fetch
(``variant_diff.py``). These fetches present themselves as a search crawler and as browsers:
the authority inspecting its own sites does what public malware scanners do, since a crawler
that names itself is shown the clean page. ``AUDITOR_VARIANT_PAGES = 0`` turns them off
(docs/robustness.md). They go through the host's slot and delay and count against the page
budget like any request.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlsplit

CHROME = "131.0.6778.204"
GOOGLEBOT = "Googlebot/2.1; +http://www.google.com/bot.html"


@dataclass(frozen=True)
class Variant:
    name: str
    user_agent: str
    from_search: bool = False  # sent with the Referer of a search results page

    def headers(self, url: str) -> dict[str, str]:
        headers = {"User-Agent": self.user_agent}
        if self.from_search:
            host = urlsplit(url).hostname or ""
            headers["Referer"] = f"https://www.google.com/search?q={quote(host)}"
        return headers


# Googlebot's user agents as Google publishes them (developers.google.com/search/docs/crawling-
# indexing/google-common-crawlers); the browsers' are current Chrome's on Windows and Android.
VARIANTS = (
    Variant("googlebot", f"Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; {GOOGLEBOT}) "
                         f"Chrome/{CHROME} Safari/537.36"),
    Variant("googlebot-smartphone",
            "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, "
            f"like Gecko) Chrome/{CHROME} Mobile Safari/537.36 (compatible; {GOOGLEBOT})"),
    Variant("search-visitor", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, "
                              "like Gecko) Chrome/131.0.0.0 Safari/537.36", from_search=True),
    Variant("mobile-browser", "Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, "
                              "like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36"),
)


@dataclass
class VariantSample:
    """Which of a site's pages are fetched again: the home page, the first pages one link from
    it (the sections' first pages) and a few articles, ``size`` in all (0: none)."""

    size: int
    taken: int = 0
    articles: int = 0

    @property
    def articles_wanted(self) -> int:
        return min(3, self.size // 3)

    def admit(self, depth: int, kind: str, html_ok: bool) -> bool:
        if not html_ok or self.taken >= self.size:
            return False
        if depth == 0:
            chosen = True
        elif kind == "article" and self.articles < self.articles_wanted:
            self.articles += 1
            chosen = True
        else:  # a section's first page: keep room for the articles still to come
            chosen = depth == 1 and self.taken < self.size - (self.articles_wanted - self.articles)
        self.taken += chosen
        return chosen


# The item that brings a sampled page's late evidence to the pipeline, and the facts it carries:
# the page was judged and stored when its own fetch came back (in crawl order, as without
# variant fetches); the rules that read these facts judge them again when they come.
LATE_EVIDENCE = "late-evidence"
LATE_FACTS = frozenset({"variants", "script_signals"})


@dataclass
class HeldPage:
    """A sampled page while its variant fetches and script files are out: its own facts (read,
    never changed: they are already on their way to the store) and the late evidence."""

    own: object  # PageFacts of the auditor's own fetch
    late: object  # PageFacts: the page's identity, and only what came late
    waiting: int

    @classmethod
    def of(cls, own, waiting: int) -> "HeldPage":
        late = type(own)(site=own.site, url=own.url, final_url=own.final_url, status=own.status,
                         content_type=own.content_type, depth=own.depth, is_html=own.is_html,
                         title=own.title, text=own.text, main_text=own.main_text, kind=own.kind,
                         payload_sha256=own.payload_sha256, warc_date=own.warc_date)
        return cls(own, late, waiting)
