"""Ad hosts matched by a real EasyList engine (the ``adblock`` package, Brave's adblock-rust).

The pack's short list (rules/data/adhosts.txt) and the user's EasyList/ABPVN files become one
engine, built once per audit. Network filters only: cosmetic (element-hiding) rules hide
elements in a browser and say nothing about what a page loads. Nothing is fetched: the engine
sees only the lines it is given.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlsplit

import adblock

# The kind of request an element makes, in adblock's terms.
REQUEST_TYPES = {"script": "script", "iframe": "sub_frame", "img": "image", "embed": "object",
                 "object": "object", "video": "media", "audio": "media", "source": "media"}


class AdMatcher:
    def __init__(self, lines: list[str] | tuple[str, ...]):
        filters = adblock.FilterSet(debug=True)  # debug: the engine says which filter matched
        filters.add_filter_list("\n".join(lines))
        self._engine = adblock.Engine(filters, optimize=False)

    def match(self, url: str, page_url: str, element: str) -> str | None:
        """The filter that ``url``, loaded by ``element`` from ``page_url``, matches; else None."""
        if not url.startswith(("http://", "https://")):
            return None
        return _cached_match(self, url, _origin(page_url), REQUEST_TYPES.get(element, "other"))


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"


@lru_cache(maxsize=65536)  # the same script on every page of a site is asked once
def _cached_match(matcher: AdMatcher, url: str, origin: str, request_type: str) -> str | None:
    try:
        result = matcher._engine.check_network_urls(url, origin, request_type)
    except Exception:  # noqa: BLE001 - a URL adblock cannot parse is no ad
        return None
    if result.matched and not result.exception:
        return result.filter or "?"
    return None
