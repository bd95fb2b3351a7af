"""CMS profiles (spiders/cms/*.toml): which CMS built a page, what its pages are, and which of
its URLs are not pages at all.

A profile is data: the marks of the CMS (generator meta, asset paths, markup words), the class
or id words with which it says what a page is (WordPress writes "single-post" in <body class>;
NukeViet's news detail holds its body in #news-bodyhtml), the URLs the spider skips (theme
switches, print and save copies, feeds) and the hosts of its own credit link. Pages of an
unknown CMS get the generic structural judgement of spiders/kind.py.
"""

from __future__ import annotations

import re

from auditor import toml
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

from auditor.spiders.parse import find_body

PROFILES_DIR = Path(__file__).parent / "cms"
KINDS = ("error", "article", "listing", "static")  # the order markers are tried in


@dataclass(frozen=True)
class Profile:
    name: str
    generator: tuple[str, ...]
    paths: tuple[str, ...]
    markup: tuple[str, ...]
    kind_markers: dict[str, tuple[str, ...]]
    skip: tuple[str, ...]
    credit: tuple[str, ...]
    chrome_ids: tuple[str, ...] = ()
    chrome_classes: tuple[str, ...] = ()


def _profile(path: Path) -> Profile:
    data = toml.loads(path.read_text(encoding="utf-8"))
    marks, kinds, links = data.get("fingerprint", {}), data.get("kind", {}), data.get("links", {})
    return Profile(
        name=data["name"],
        generator=tuple(w.lower() for w in marks.get("generator", [])),
        paths=tuple(w.lower() for w in marks.get("paths", [])),
        markup=tuple(w.lower() for w in marks.get("markup", [])),
        kind_markers={kind: tuple(kinds.get(kind, [])) for kind in KINDS},
        skip=tuple(links.get("skip", [])),
        credit=tuple(h.lower() for h in links.get("credit", [])),
        chrome_ids=tuple(data.get("chrome", {}).get("ids", [])),
        chrome_classes=tuple(data.get("chrome", {}).get("classes", [])),
    )


@lru_cache(maxsize=1)
def profiles() -> tuple[Profile, ...]:
    return tuple(_profile(path) for path in sorted(PROFILES_DIR.glob("*.toml")))


@lru_cache(maxsize=1)
def _skip_marks() -> tuple[str, ...]:
    return tuple(mark for profile in profiles() for mark in profile.skip)


def is_not_a_page(url: str) -> bool:
    """A URL of a CMS that is no page of its own: a theme switch, a print copy, a feed ...

    Every profile's marks apply to every site: they are specific enough (``nvvithemever=``,
    ``?replytocom=``) and a site's CMS is not known before its pages are read."""
    return any(mark in url for mark in _skip_marks())


@lru_cache(maxsize=1)
def chrome_selectors() -> tuple[frozenset[str], frozenset[str]]:
    """(classes, ids) of template parts that every profile declares no page content: dialogs
    and widgets that a script shows, hidden by stylesheets the crawler does not read. Like the
    skip marks they apply to every site: they are specific enough ("timeoutsess")."""
    return (frozenset(c for p in profiles() for c in p.chrome_classes),
            frozenset(i for p in profiles() for i in p.chrome_ids))


def credit_hosts() -> frozenset[str]:
    """Hosts of the CMSs' own credit links ("Powered by WordPress", "Mã nguồn NukeViet")."""
    return frozenset(host for profile in profiles() for host in profile.credit)


def identify(generator: str, urls: list[str], root) -> Profile | None:
    """The CMS of a page: its generator meta, else its asset paths, else its markup words."""
    generator = generator.lower()
    if generator:
        for profile in profiles():
            if any(mark in generator for mark in profile.generator):
                return profile
    for url in urls[:200]:
        lowered = url.lower()
        for profile in profiles():
            if any(mark in lowered for mark in profile.paths):
                return profile
    body = find_body(root)
    classes = f"{body.get('class') or ''} {body.get('id') or ''}".lower() if body is not None else ""
    for profile in profiles():
        if any(mark in classes for mark in profile.markup):
            return profile
    return None


def marked_kind(profile: Profile, root, page_words: tuple[list[str], set[str]] | None = None) -> str:
    """What the CMS says the page is, through its own class and id words ("" if it says nothing).

    ``page_words``: the page's id values and its distinct class values, when the caller has read
    them already (extract.py's pass over the elements); else they are queried from ``root``."""
    body = find_body(root)
    body_words = set((body.get("class") or "").split()) if body is not None else set()
    markers = frozenset(m for kind in KINDS for m in profile.kind_markers[kind])
    if not markers:
        return ""
    # The page's ids are read first, its class values only when no id or body class settles the
    # kind: a NukeViet article says so by an id ("news-bodyhtml"), and the class query is as
    # costly as the id query (bench/: 0.31 -> 0.17 ms a synthetic page).
    ids = markers.intersection(page_words[0] if page_words is not None else _ALL_IDS(root))
    classes = None
    for kind in KINDS:
        kind_markers = profile.kind_markers[kind]
        if not kind_markers:
            continue
        if not body_words.isdisjoint(kind_markers) or not ids.isdisjoint(kind_markers):
            return kind
        if classes is None:
            classes = _class_marks(markers, page_words[1] if page_words is not None else _ALL_CLASSES(root))
        if not classes.isdisjoint(kind_markers):
            return kind
    return ""


_XML_WORDS = re.compile(r"[^ \t\n\r]+")  # XPath's normalize-space splits on these four only


def _class_marks(markers: frozenset[str], class_values) -> frozenset[str]:
    """The markers that some element of the page bears as one of its class words (its class
    values given, in any order: the words are compared as a set).

    The page's class values are read by one plain query and compared with the markers in
    Python sets: the query that tested each class value for every marker in XPath (contains(),
    a marker at a time) cost twice as much on a page with WordPress's 30 markers (bench/: 0.73
    -> 0.36 ms a synthetic page). Joined by a newline, which separates words as the spaces
    inside a class value do."""
    return markers.intersection(_XML_WORDS.findall("\n".join(class_values)))


_ALL_IDS = etree.XPath("//@id", smart_strings=False)
_ALL_CLASSES = etree.XPath("//@class", smart_strings=False)
