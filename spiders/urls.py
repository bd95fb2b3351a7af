"""URL canonicalisation, site scope and crawler-trap guards.

A site is a URL prefix (scheme, host, port, path), not a host: a commune under ``/xa-a/`` on
the provincial portal never mixes with its sibling ``/xa-b/``. When prefixes nest (the portal
at ``/`` and its communes below it), a URL belongs to the longest prefix that holds it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urljoin, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

# Session ids and tracking parameters: the same page under endless names.
SESSION_PARAMS = frozenset((
    "jsessionid", "phpsessid", "sid", "sessionid", "session_id", "aspsessionid", "cfid",
    "cftoken", "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "fbclid",
    "gclid", "zarsrc",
))
_PATH_SESSION = re.compile(r";(jsessionid|phpsessid|sid)=[^/?#]*", re.IGNORECASE)

ATTACHMENT_EXTENSIONS = frozenset(
    "pdf doc docx xls xlsx ppt pptx odt ods odp rtf zip rar 7z gz tar csv".split()
)
# Never fetched: they cannot hold facts about the page (images are judged from the page's tags).
SKIPPED_EXTENSIONS = frozenset(
    "jpg jpeg png gif webp bmp svg ico tif tiff mp3 mp4 avi mov wmv flv webm mkv wav ogg "
    "css js woff woff2 ttf eot exe msi apk dmg iso swf".split()
)
_DIGITS = re.compile(r"\d+")
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|2\d\d\d)(?!\d)")
# A calendar's date is a path segment or a query value of digits alone ("2035", "2035-11",
# "1-12-2035.html"); a year inside a slug of words ("quy-hoach-den-nam-2035-11.html") is a title.
_DATE_TOKEN = re.compile(r"^[\d\-_.]+(?:\.[a-z]+)?$", re.IGNORECASE)


# A URL that canonicalisation leaves as it is: http(s), a lower-case ASCII host, a port that is
# not a default one, a path of unreserved characters, no query, fragment, percent-escape, ";"
# or dot segment. Most links of a CMS page are such; they skip w3lib, which took a third of
# the fact extraction of a 400-link page (bench/). tests/test_urls.py checks that the shortcut
# and the full path agree.
_PLAIN_URL = re.compile(r"https?://[a-z0-9-]+(?:\.[a-z0-9-]+)*\.?(?::([1-9]\d{0,4}))?/[A-Za-z0-9._~/-]*")


# A page's links repeat on every page of its site (menus, footer, sidebar boxes): on the bench's
# pages 2% of the (origin, href) pairs are new. The test is a pure function of the URL, so a
# hit (a hash and a lookup, ~0.1 µs) returns what the regex would (~0.5 µs): 0.39 -> 0.17 ms
# of absolute() a synthetic page. 4,096 URLs hold a few sites' shared links (~1 MB).
@lru_cache(maxsize=4096)
def _is_plain(url: str) -> bool:
    match = _PLAIN_URL.fullmatch(url)
    if match is None or "/." in url:
        return False
    port = match.group(1)
    return port is None or (port not in ("80", "443") and int(port) <= 65535)


def canonical(url: str) -> str:
    """One spelling per page: sorted query, no fragment, no session ids, default port dropped."""
    if _is_plain(url):
        return url
    return _canonicalize(url)


def _canonicalize(url: str) -> str:
    parts = urlsplit(_PATH_SESSION.sub("", url))
    query = "&".join(
        kv for kv in parts.query.split("&")
        if kv and kv.split("=", 1)[0].lower() not in SESSION_PARAMS
    )
    netloc = parts.netloc
    if (parts.scheme, parts.port) in (("http", 80), ("https", 443)):
        netloc = netloc.rsplit(":", 1)[0]
    return canonicalize_url(urlunsplit((parts.scheme, netloc, parts.path, query, "")))


@lru_cache(maxsize=256)
def origin(base: str) -> str:
    """"scheme://netloc" of a URL: what a root-relative href ("/a") is joined to."""
    parts = urlsplit(base)
    return f"{parts.scheme}://{parts.netloc}"


def absolute(base: str, href: str) -> str:
    """``canonical(urljoin(base, href))``, without urljoin for the root-relative and absolute
    hrefs that most links are (same result: the shortcut only takes plain URLs)."""
    try:
        site_origin = origin(base)
    except ValueError:  # a broken base (a hostile page's <base href>)
        if href.startswith("/") and not href.startswith("//"):
            raise  # a root-relative href has no origin to join
        site_origin = ""  # an absolute href still stands alone
    url = plain_absolute(site_origin, href)
    if url is not None:
        return url
    return canonical(urljoin(base, href))


# The shortcut's answer depends on the base's origin alone, and a site's hrefs repeat on each
# of its pages: one look-up of (origin, href) instead of the tests, a concatenation and
# _is_plain's look-up of the longer joined URL (bench/: absolute() 0.15 -> 0.08 ms a synthetic
# page). Keyed by the origin: "/a" is another URL on another host. A longer href (a data: URI
# of a hostile page) is not kept.
_CACHED_HREF = 1000


def plain_absolute(site_origin: str, href: str) -> str | None:
    """The URL of a root-relative or absolute ``href`` when it is plain (``_is_plain()``), else
    None (then urljoin and canonical() decide)."""
    if len(href) <= _CACHED_HREF:
        return _plain_absolute_cached(site_origin, href)
    return _plain_absolute(site_origin, href)


def _plain_absolute(site_origin: str, href: str) -> str | None:
    if href.startswith("/") and not href.startswith("//"):
        url = site_origin + href
    elif href.startswith(("http://", "https://")):
        url = href
    else:
        return None
    return url if _is_plain(url) else None


_plain_absolute_cached = lru_cache(maxsize=8192)(_plain_absolute)


def extension(url: str) -> str:
    path = urlsplit(url).path
    last = path.rsplit("/", 1)[-1]
    return last.rsplit(".", 1)[-1].lower() if "." in last else ""


def _netloc(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return (parts.hostname or "").lower(), port


@dataclass(frozen=True, slots=True)
class Prefix:
    """A site's URL prefix. http and https of the same host and path count as one site."""

    host: str
    ports: frozenset[int]
    path: str  # always ends with "/"

    @classmethod
    def of(cls, url: str) -> "Prefix":
        parts = urlsplit(url)
        host, port = _netloc(url)
        ports = {port}
        if parts.port is None:  # default ports: the http and https forms are one site
            ports = {80, 443}
        path = parts.path or "/"
        if not path.endswith("/"):
            path = path + "/"
        return cls(host, frozenset(ports), path)

    def holds(self, url: str) -> bool:
        host, port = _netloc(url)
        if host != self.host or port not in self.ports:
            return False
        path = urlsplit(url).path or "/"
        return path.startswith(self.path) or path + "/" == self.path


class Scope:
    """Tells which registered site a URL belongs to: the longest prefix that holds it.

    Prefixes are indexed by host and port, so that finding the owner of a link costs one URL
    split whatever the number of sites (a national audit has thousands; the spider asks for
    every link of every page).
    """

    def __init__(self, prefixes: dict[str, str]):
        self._by_host: dict[tuple[str, int], list[tuple[str, str]]] = {}
        for site_id, url in prefixes.items():
            prefix = Prefix.of(url)
            for port in prefix.ports:
                self._by_host.setdefault((prefix.host, port), []).append((prefix.path, site_id))
        for candidates in self._by_host.values():
            # Longest path first, so that /xa-a/ wins over / on a shared host.
            candidates.sort(key=lambda item: len(item[0]), reverse=True)

    def owner(self, url: str) -> str | None:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
        candidates = self._by_host.get(((parts.hostname or "").lower(), port))
        if not candidates:
            return None
        path = parts.path or "/"
        for prefix_path, site_id in candidates:
            if path.startswith(prefix_path) or path + "/" == prefix_path:
                return site_id
        return None


@dataclass(slots=True)
class TrapGuard:
    """Per-site limits that keep calendars, query explosions and path loops from eating the budget.

    A URL is refused when its path repeats a segment too often (``/vi/vi/vi/``), it is too
    long or too deep, it carries too many query parameters, it names a year far from now (an
    endless calendar), or its *shape* (digits folded, query values dropped) was already seen
    ``max_per_shape`` times: a calendar or a paginated filter has one shape and endless URLs.
    """

    max_per_shape: int = 100
    max_query_params: int = 6
    max_url_length: int = 400
    max_path_depth: int = 12
    max_segment_repeats: int = 2
    year_window: tuple[int, int] = (1990, 2100)
    shapes: Counter = field(default_factory=Counter)

    def reason(self, url: str) -> str | None:
        """Why this URL is a trap, or None. Counts the URL's shape when it is accepted."""
        if len(url) > self.max_url_length:
            return "url too long"
        parts = urlsplit(url)
        segments = [s for s in parts.path.split("/") if s]
        if len(segments) > self.max_path_depth:
            return "path too deep"
        if segments and Counter(segments).most_common(1)[0][1] > self.max_segment_repeats:
            return "repeated path segments"
        query_keys = [kv.split("=", 1)[0] for kv in parts.query.split("&") if kv]
        if len(query_keys) > self.max_query_params:
            return "too many query parameters"
        low, high = self.year_window
        tokens = segments + [kv.split("=", 1)[-1] for kv in parts.query.split("&") if kv]
        if any(not low <= int(y) <= high
               for token in tokens if _DATE_TOKEN.match(token) for y in _YEAR.findall(token)):
            return "calendar far from today"
        shape = _DIGITS.sub("N", parts.path) + "?" + "&".join(sorted(set(query_keys)))
        if self.shapes[shape] >= self.max_per_shape:
            return "too many URLs of one shape"
        self.shapes[shape] += 1
        return None
