"""One site, no registry: what `auditor check URL` and `auditor baseline URL` crawl and judge.

The site's registry entry is made from the URL and the options. What the options leave out is
inferred, and the inference is said aloud so that a wrong guess is easy to correct. The rules
judge pages as they arrive, so what they read (id, level, name) is settled before the crawl:

- the id (it goes into every fingerprint, so it must not change from run to run): the last
  folder of the URL's path (``/xa-a/``), else the first label of the host (``huonglap`` of
  ``huonglap.quangtri.gov.vn``), else ``site`` for an IP address or localhost;
- the level: from the URL's shape (``tinh.gov.vn`` is a province, ``xa.tinh.gov.vn`` or a
  folder under it a commune, Decree 224/2026 Art. 11(4)), else ``xa``: a commune administrator
  is who runs `check` most. When the home page's title or masthead names another kind of unit
  ("UBND huyện …"), the check says so and how to rerun with ``--level``;
- the unit's name: only ``--name`` gives the rules a name to look for in the masthead, footer
  and domain (FTR-001, FTR-002, TEC-002); without it those name checks are skipped rather than
  run against a guess, and the name shown in the outputs is taken from the home page's title.

``--domain`` gives the site's public domain when the URL is a staging or test address: the
domain rules judge it, and the id and level are read from it rather than from the URL.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from auditor.errors import UsageError
from auditor.registry import LEVELS, Registry, registry_for_url
from auditor.rules._text import fold, slug
from auditor.store import queries
from auditor.store.database import Store

DEFAULT_LEVEL = "xa"

# Unit words, without diacritics, by the level they name. "thi xa" before "xa": a town is a
# district-level unit, not a commune.
_UNIT_WORDS = [
    ("thi xa", "huyen"), ("thi tran", "xa"), ("dac khu", "xa"), ("phuong", "xa"), ("xa", "xa"),
    ("huyen", "huyen"), ("quan", "huyen"), ("tinh", "tinh"), ("thanh pho", "tinh"),
]
_UNIT_PATTERN = re.compile(r"\b(" + "|".join(word for word, _ in _UNIT_WORDS) + r")\b")
_UNIT_LEVEL = dict(_UNIT_WORDS)
_NAME_SEPARATORS = re.compile(r"\s+[-|–—:]\s+")


@dataclass
class Target:
    """The site to check, and how each of its facts was decided (for the terminal)."""

    url: str
    site_id: str
    level: str
    name: str
    pack: str
    level_from: str  # "option", "URL", "default"
    name_from: str  # "option", "home page", "" (none: the rules skip their name checks)
    domain: str = ""  # the public domain when the URL is a staging or test address

    def registry(self) -> Registry:
        registry = registry_for_url(self.url, level=self.level, site_id=self.site_id)
        # The name as given, even empty: registry_for_url would put the host in its place,
        # and the masthead rule would then look for "127.0.0.1" in the masthead.
        registry.sites = [replace(site, name=self.name, domain=self.domain) for site in registry.sites]
        return registry

    def describe(self) -> str:
        name = f"name {self.name!r}" if self.name else "no --name (masthead and footer name checks skipped)"
        return f"{self.url}: id {self.site_id!r}, level {self.level} ({self.level_from}), {name}"


def target_for(url: str, level: str = "", name: str = "", site_id: str = "", pack: str = "",
               domain: str = "") -> Target:
    """The target before the crawl; bad URLs and options end here with a clear message."""
    url = check_url(url)
    if level and level not in LEVELS:
        raise UsageError(f"--level {level!r}: expected one of {', '.join(LEVELS)}")
    domain = check_domain(domain)
    public = public_url(url, domain)  # what the id and level are read from
    url_level = level_from_url(public)
    target = Target(url=url, site_id=site_id or infer_site_id(public),
                    level=level or url_level or DEFAULT_LEVEL,
                    name=name.strip(), pack=pack,
                    level_from="option" if level else ("URL" if url_level else "default"),
                    name_from="option" if name.strip() else "", domain=domain)
    target.registry()  # validates the URL the way a registry entry is validated
    return target


def public_url(url: str, domain: str) -> str:
    """The URL with its public domain for host, when the site is checked at another address."""
    if not domain:
        return url
    parts = urlsplit(url)
    return f"https://{domain}{parts.path or '/'}"


def check_url(url: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https"):
        hint = f" (did you mean https://{url.strip()}?)" if not parts.scheme and "." in url else ""
        raise UsageError(f"{url!r}: not a web address: it must start with http:// or https://{hint}")
    try:
        parts.port
    except ValueError:
        raise UsageError(f"{url!r}: the port is not a number") from None
    if not parts.hostname:
        raise UsageError(f"{url!r}: the address has no host name")
    return url.strip()


def check_domain(domain: str) -> str:
    domain = domain.strip().lower().rstrip(".")
    if domain and not re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)+", domain):
        raise UsageError(f"--domain {domain!r}: expected a host name such as huonglap.quangtri.gov.vn")
    return domain


def infer_site_id(url: str) -> str:
    parts = urlsplit(url)
    folders = _folders(parts.path)
    if folders:
        return _slug(folders[-1])
    host = parts.hostname or ""
    if _is_ip_or_local(host):
        return "site"
    labels = [label for label in host.split(".") if label != "www"]
    return _slug(labels[0]) if labels else "site"


def level_from_url(url: str) -> str:
    """The level the URL's shape tells, or "" when it tells nothing (an IP, a foreign domain)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    if not host.endswith(".gov.vn"):
        return ""
    below = host.removesuffix(".gov.vn").split(".")
    if len(below) >= 2 or _folders(parts.path):
        return "xa"  # xa.tinh.gov.vn, or a component folder of the provincial portal
    return "tinh"


def level_from_text(text: str) -> str:
    """The level of the first unit named in a title or masthead ("UBND xã A, tỉnh B" is xa)."""
    match = _UNIT_PATTERN.search(fold(text))
    return _UNIT_LEVEL[match.group(1)] if match else ""


def unit_name(text: str) -> str:
    """The unit's name in a title or masthead: the part that names a unit ("UBND xã A" of
    "Trang chủ - UBND xã A"), or "" when no part does ("Trang chủ" names nothing)."""
    parts = [part.strip() for part in _NAME_SEPARATORS.split(text.strip()) if part.strip()]
    named = [part for part in parts if _UNIT_PATTERN.search(fold(part))]
    return named[0][:120] if named else ""


def after_crawl(target: Target, store: Store, audit_id: int) -> tuple[Target, str]:
    """What the home page adds once the crawl is over: the name shown in the outputs (when
    --name was not given), and a hint when it names another level than the one judged."""
    home = home_page(store, audit_id, target.site_id)
    if home is None:
        return target, ""
    refined, hint = target, ""
    name = unit_name(home["title"] or "")  # a masthead runs into its menu: the title only
    if name and not target.name:
        refined = replace(target, name=name, name_from="home page")
        store.update_site(store.site_ids(audit_id)[target.site_id], name=name)
    # For the level the title speaks first, the masthead second (it also holds menus, dates).
    texts = [home["title"] or "", home["header_text"] or ""]
    level = next(filter(None, map(level_from_text, texts)), "")
    if level and level != target.level and target.level_from != "option":
        hint = (f"the home page names a unit of level {level}, but the site was judged as "
                f"{target.level} ({target.level_from}): pass --level {level} to judge it as one")
    return refined, hint


def home_page(store: Store, audit_id: int, site_key: str) -> dict | None:
    return queries.home_title_row(store, audit_id, site_key)


def _folders(path: str) -> list[str]:
    segments = path.split("/")
    if "." in segments[-1]:
        segments = segments[:-1]  # a page (index.html), not a folder: the site is its folder
    return [segment for segment in segments if segment]


def _slug(text: str) -> str:
    return slug(text) or "site"


def _is_ip_or_local(host: str) -> bool:
    if host in ("localhost", ""):
        return True
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True

