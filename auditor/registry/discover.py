"""`auditor registry discover`: the sites of a province's units, found from its portal.

The ``discover`` spider (spiders/discover.py) reads the portal alone, politely and within a
page budget, and hands over every link it saw; this module tells which links are unit sites:

- a **subsite prefix** of the portal (``/xa-huong-lap/``, ``/web/phuong-dong-ha``): sure;
- a **host under the province's domain** (``huonglap.quangtri.gov.vn``) named as a unit: sure;
- a **gov.vn host listed in a link directory or site picker** and named as a unit: likely.

A unit is named by its link text or, failing that, by the title of its home page: "Xã …",
"Phường …", "Đặc khu …", "Thị trấn …" (level ``xa``), "Huyện …", "Quận …", "Thị xã …" (level
``huyen``: an abolished district's site, which ``registry check`` then flags). Service portals,
the national portals and news links name no unit, and are left out.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from auditor.registry.units import COMMUNE_TYPES, DISTRICT_TYPES, bare_key
from auditor.rules._text import fold
from auditor.rules._web import registrable

_SUBSITE = re.compile(r"^/(?:web/|portal/|site/)?((?:xa|phuong|dac-khu|thi-tran|huyen|quan|thi-xa)-"
                      r"[a-z0-9]+(?:-[a-z0-9]+)*)(?:/|$)")
_LEVEL_WORDS = [(word, "xa") for word in COMMUNE_TYPES] + [(word, "huyen") for word in DISTRICT_TYPES]
_TYPE_IN_SLUG = {"xa": "xa", "phuong": "xa", "dac-khu": "xa", "thi-tran": "xa",
                 "huyen": "huyen", "quan": "huyen", "thi-xa": "huyen"}


@dataclass
class Candidate:
    url: str  # the site's URL prefix
    how: str  # how it was found, in words for the registry's comment
    sure: bool
    names: list[str] = field(default_factory=list)  # link texts that pointed to it
    slug_level: str = ""  # the level its path says ("xa-…", "huyen-…"), when it has one
    answer: dict = field(default_factory=dict)  # the probe of its home page

    @property
    def unit(self) -> tuple[str, str]:
        """(level, name) of the unit its link texts or home page title name, or ("", "")."""
        for text in self.names + [self.answer.get("title", "")]:
            found = unit_in(text)
            if found[0]:
                return found
        return "", ""

    @property
    def name(self) -> str:
        return self.unit[1]

    @property
    def level(self) -> str:
        return self.unit[0] or self.slug_level


# Folded phrases that start like a unit but are not one: "Văn hóa - Xã hội" is a news category.
NOT_UNITS = ("xa hoi",)


def unit_in(text: str) -> tuple[str, str]:
    """The administrative unit a link text or a title names, as (level, "UBND <type> <name>"):
    "Cổng TTĐT xã Hướng Lập - Quảng Trị" -> ("xa", "UBND xã Hướng Lập"); ("", "") if none."""
    words = " ".join(text.split()).split(" ")
    folded = [fold(word) for word in words]
    for start in range(len(words)):
        rest = " ".join(folded[start:])
        for word, level in _LEVEL_WORDS:
            if rest.startswith(word + " ") and not rest.startswith(NOT_UNITS):
                tail = re.split(r"\s+[-–|:]\s+|,|\(", " ".join(words[start:]))[0].strip()
                if len(tail.split()) > len(word.split()):
                    return level, f"UBND {tail[0].lower()}{tail[1:]}"
    return "", ""


def candidates(links: list[dict], portal: str, province_domain: str) -> dict[str, Candidate]:
    """Unit-site candidates among the links the spider saw, by their URL prefix."""
    portal_parts = urlsplit(portal)
    found: dict[str, Candidate] = {}
    for link in links:
        url, text = link["url"], link["text"]
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        if host == (portal_parts.hostname or "").lower() and parts.port == portal_parts.port:
            match = _SUBSITE.match(parts.path.lower())
            if match:
                prefix = urlunsplit((parts.scheme, parts.netloc, parts.path[:match.end(1)] + "/", "", ""))
                slug = match.group(1)
                level = next(lvl for key, lvl in _TYPE_IN_SLUG.items() if slug.startswith(key + "-"))
                _add(found, prefix, "subsite prefix of the portal, linked from " + link["page"],
                     True, text, level)
            continue
        home = urlunsplit((parts.scheme, parts.netloc, "/", "", ""))
        if province_domain and host.endswith("." + province_domain):
            _add(found, home, f"host under {province_domain}, linked from {link['page']}", True, text)
        elif link["in_directory"] and host.endswith(".gov.vn") and registrable(host) != host:
            _add(found, home, f"listed in a link directory of {link['page']}", False, text)
    return found


def _add(found: dict, url: str, how: str, sure: bool, text: str, slug_level: str = "") -> None:
    candidate = found.setdefault(url, Candidate(url=url, how=how, sure=sure, slug_level=slug_level))
    if text and text not in candidate.names:
        candidate.names.append(text)


def unit_sites(found: dict[str, Candidate]) -> list[Candidate]:
    """The candidates that name a unit (by link text, home page title or path), sure first."""
    units = [c for c in found.values() if c.name or (c.slug_level and not _is_category(c))]
    return sorted(units, key=lambda c: (not c.sure, c.url))


def _is_category(candidate: Candidate) -> bool:
    """A portal path that looks like a unit's prefix but is a news category (/xa-hoi/)."""
    slug = urlsplit(candidate.url).path.strip("/").split("/")[-1].replace("-", " ")
    return slug.startswith(NOT_UNITS)


def site_id(candidate: Candidate, taken: set[str]) -> str:
    base = "-".join(bare_key(candidate.name).split()) if candidate.name else \
        urlsplit(candidate.url).path.strip("/").split("/")[-1] or urlsplit(candidate.url).hostname.split(".")[0]
    chosen, n = base, 2
    while chosen in taken:
        chosen, n = f"{base}-{n}", n + 1
    taken.add(chosen)
    return chosen


def registry_text(portal: str, portal_name: str, portal_id: str, units: list[Candidate],
                  domain: str = "") -> str:
    """The registry, TOML, with a comment per site on how it was found and how sure that is."""
    lines = ["# Written by `auditor registry discover`: check it, then run `auditor registry check`.",
             "", "[[site]]", f"id = {_s(portal_id)}", f"name = {_s(portal_name)}", 'level = "tinh"',
             f"url = {_s(portal)}", 'status = "active"']
    if domain:
        lines.append(f"domain = {_s(domain)}")
    taken = {portal_id}
    for unit in units:
        answer = unit.answer
        said = ("answers" if 0 < answer.get("status", 0) < 400 else
                f"did not answer ({answer.get('error') or 'HTTP %s' % answer.get('status')})")
        lines += ["", f"# {'sure' if unit.sure else 'likely'}: {unit.how}; home page {said}",
                  "[[site]]", f"id = {_s(site_id(unit, taken))}",
                  f"name = {_s(unit.name or unit.url)}", f"level = {_s(unit.level)}",
                  f"url = {_s(unit.url)}", f"parent = {_s(portal_id)}", 'status = "active"']
    return "\n".join(lines) + "\n"


def _s(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a TOML basic string


@dataclass
class Discovery:
    portal: str
    portal_answer: dict
    pages_read: int
    links_seen: int
    units: list[Candidate]
    portal_title: str = ""


def run_discovery(portal: str, domain: str = "", max_pages: int = 60, overrides: dict | None = None) -> Discovery:
    """Crawl the portal (blocking, in this process) and return the unit sites it names."""
    from scrapy.crawler import CrawlerProcess

    from auditor.crawl.runner import crawl_settings
    from auditor.spiders.discover import DiscoverSpider

    province_domain = domain or registrable(urlsplit(portal).hostname or "")
    found: dict[str, Candidate] = {}

    def to_probe(links, portal_url):
        found.update(candidates(links, portal_url, province_domain))
        return list(found)

    settings = crawl_settings(":memory:", overrides)
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(DiscoverSpider)
    process.crawl(crawler, portal=portal, candidates=to_probe, max_pages=max_pages,
                  other_site=lambda url: bool(_SUBSITE.match(urlsplit(url).path.lower())))
    process.start()
    spider = crawler.spider
    for url, candidate in found.items():
        candidate.answer = spider.answers.get(url, {})
    return Discovery(portal=spider.portal, portal_answer=spider.portal_answer,
                     pages_read=spider.pages_read, links_seen=len(spider.links),
                     units=unit_sites(found), portal_title=spider.portal_title)
