"""Page features that obligations of the law ask for (issue 18), read after the main walk.

Kept apart from extract.py's single pass: each is a small, separate look at the tree or at the
texts the walk produced.

- ``viewport``: the content of ``<meta name="viewport">`` (mobile access);
- ``fixed_width``: a layout a phone cannot show without zooming out: an element of the page's
  frame (body, a table, a wrapper) given a fixed width of ``DESKTOP_WIDTH`` px or more, in its
  attributes, its inline style or a ``<style>`` rule outside media queries. Linked stylesheets
  are not fetched, so a fixed width set only there is not seen;
- ``dublin_core``: the DC.* (or DCTERMS.*) meta elements (Decree 43/2011 Art. 14, Circular
  24/2011): ``DC.date.issued`` gives ``date``;
- ``page_tools``: "print" and "save" when a link or button prints or saves the article;
- ``rating``: the label of an online satisfaction rating or survey of the site;
- ``labelled_dates``: dates the main text labels: ``issued`` (ngày ban hành, ngày ký),
  ``posted`` (ngày đăng), ``asked`` (ngày hỏi, ngày gửi), ``answered`` (ngày trả lời).
"""

from __future__ import annotations

import re
from functools import lru_cache

from auditor.rules._text import CaselessPattern, fold  # the rules' fold: labels are matched the same way
from auditor.spiders.dates import find_dates, iso
from auditor.spiders.facts import PageFacts
from auditor.spiders.parse import elements_by_tag, find_body, text_content

DESKTOP_WIDTH = 960  # px: wider than any phone held upright, narrower than desktop layouts
_WIDTH = re.compile(r"(?<![-\w])(?:min-)?width\s*:\s*(\d{3,5})(?:\.\d+)?\s*px", re.IGNORECASE)
_MEDIA_BLOCK = re.compile(r"@media[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}", re.IGNORECASE)
_CSS_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_FRAME_SELECTOR = re.compile(r"(?:^|[\s,>])(?:body|html)\b|wrap|container|page|main|site|layout|khung",
                             re.IGNORECASE)
_FRAME_TAGS = ("body", "table", "div", "center", "main", "section", "header", "footer")
_FRAME_DEPTH = 4  # how deep under <body> a wrapper may sit

_TOOL_TAGS = ("a", "button", "input", "span", "i", "img", "li", "div")
_PRINT_CODE = re.compile(r"\bprint\s*\(|[/?&=_-]print\b|\bin-?bai|ban-?in\b", re.IGNORECASE)
_SAVE_CODE = re.compile(r"[/?&=_-]save|savefile|luu-?bai|export-?pdf|topdf", re.IGNORECASE)
_PRINT_WORDS = ("in bai", "in trang", "in tin", "ban in", "in van ban", "print")
_SAVE_WORDS = ("luu bai", "luu tin", "luu trang", "luu lai", "luu van ban", "luu pdf", "xuat pdf",
               "tai bai viet", "save")
_RATING_PHRASES = ("muc do hai long", "danh gia su hai long", "khao sat y kien",
                   "khao sat muc do", "danh gia chat luong thong tin", "danh gia thong tin",
                   "danh gia bai viet", "danh gia trang thong tin", "danh gia cong thong tin")
_DATE_LABELS = (  # (kind, folded labels): the label nearest before a date names it
    ("issued", ("ngay ban hanh", "ban hanh ngay", "ngay ky", "ky ngay", "ngay van ban")),
    ("posted", ("ngay dang", "dang ngay", "ngay dang tai", "ngay dang tin")),
    ("asked", ("ngay hoi", "ngay gui", "gui ngay", "hoi ngay")),
    ("answered", ("ngay tra loi", "tra loi ngay", "ngay phan hoi")),
)
_LABEL_REACH = 40  # characters before a date where its label may stand


def _starts(folded: str, words) -> bool:
    return any(folded == w or folded.startswith(w + " ") for w in words)


def _first_words(*phrase_lists) -> frozenset[str]:
    return frozenset(phrase.split()[0] for phrases in phrase_lists for phrase in phrases)


# A page has thousands of elements and few tools: a folded text whose first word opens no tool
# word is settled by one set lookup (bench/: _page_tools was a third of the features' time).
_TOOL_FIRST_WORDS = _first_words(_PRINT_WORDS, _SAVE_WORDS)
# Code that neither pattern can match, told by one search: what both need in common.
_TOOL_CODE = CaselessPattern(r"print|in-?bai|ban-?in|save|luu-?bai|export-?pdf|topdf")


def add_features(facts: PageFacts, root, reference=None, by_tag: dict[str, list] | None = None) -> None:
    """Fill the features of the module doc into ``facts`` (after extract.py's walk);
    ``by_tag``: the page's <meta> and <style> elements (``elements_by_tag()``), when the caller
    has them already."""
    body = find_body(root)
    by_tag = by_tag or elements_by_tag(root, "meta", "style")
    facts.viewport, facts.dublin_core = _meta(by_tag["meta"])
    facts.fixed_width = _fixed_width(by_tag["style"], body)
    facts.page_tools = _page_tools(body if body is not None else root)
    facts.rating = _rating(facts.text)
    facts.labelled_dates = _labelled_dates(facts.main_text, reference)


def _meta(metas: list) -> tuple[str, list[str]]:
    viewport, elements = "", []
    for meta in metas:
        name = (meta.get("name") or meta.get("property") or "").strip().lower()
        if name == "viewport" and not viewport:
            viewport = (meta.get("content") or "").strip()[:200] or "(rỗng)"
        elif name.startswith(("dc.", "dcterms.")) and (meta.get("content") or "").strip():
            element = name.split(".")[1]
            if element and element not in elements:
                elements.append(element)
    return viewport, elements[:20]


_WIDE = re.compile(r"\s*(\d{3,5})\s*(?:px)?\s*$")


def _wide(value: str | None) -> int:
    match = _WIDE.match(value or "")
    return int(match.group(1)) if match and int(match.group(1)) >= DESKTOP_WIDTH else 0


# What every match of _WIDTH holds, without IGNORECASE and the lookbehind that keep Python's
# re from skipping fast to a "w" (IGNORECASE matches i with İ and ı, and w, d, t, h only with
# their capitals). Its number is the match's own (both take up to five digits), so a sheet
# where no such number reaches DESKTOP_WIDTH (most: "width: 100%", "width:300px") is settled.
_WIDTH_HINT = re.compile(r"[wW][iIİı][dD][tT][hH]\s*:\s*(\d{3,5})")


def _has_wide(css: str) -> bool:
    return any(int(hint.group(1)) >= DESKTOP_WIDTH for hint in _WIDTH_HINT.finditer(css)) and any(
        int(match.group(1)) >= DESKTOP_WIDTH for match in _WIDTH.finditer(css))


def _fixed_width(styles: list, body) -> str:
    for style in styles:
        css = _MEDIA_BLOCK.sub("", style.text or "")
        # No match of _WIDTH can hold a brace, so one search of the whole sheet finds all the
        # declarations' matches, and a sheet without a wide one needs no rule by rule reading.
        if not _has_wide(css):
            continue
        for selector, declarations in _CSS_RULE.findall(css):
            for match in _WIDTH.finditer(declarations):
                if int(match.group(1)) >= DESKTOP_WIDTH and _FRAME_SELECTOR.search(selector):
                    return f"{' '.join(selector.split())[:60]} {{{match.group(0)}}}"
    if body is None:
        return ""
    # Breadth first, level by level (the first wide element of the shallowest level is named).
    level, depth = [body], 0
    while level:
        for el in level:
            if el.tag not in _FRAME_TAGS:  # comments too: their tag is a function
                continue
            width = el.get("width")
            if width and _wide(width):
                return f"<{el.tag} width=\"{width}\">"
            style = el.get("style")
            if style:
                for match in _WIDTH.finditer(style):
                    if int(match.group(1)) >= DESKTOP_WIDTH:
                        return f"<{el.tag} style=\"{match.group(0)}\">"
        if depth == _FRAME_DEPTH:
            break
        level, depth = [child for el in level if isinstance(el.tag, str) for child in el], depth + 1
    return ""


def _page_tools(root) -> list[str]:
    found: list[str] = []
    for el in root.iter(*_TOOL_TAGS):
        values = el.values()
        tag = el.tag
        texty = tag == "a" or tag == "button"
        # The code is some of the attribute values: when none of them may hold tool code, the
        # code need not be read (one C call instead of four).
        if texty:
            joined = " ".join(values)
            if _quiet_link(joined, el.text):
                continue  # most links: no code, and their own text settles that they name no tool
        elif not values:
            continue  # a bare <div>, <li> or <span> says nothing and runs no code
        else:
            joined = " ".join(values)
            if _WORDS_ATTRIBUTES.isdisjoint(el.keys()) and not _may_run_values(joined):
                continue  # a <span class="date">: no code, and no attribute to read words from
        may_run = bool(values) and _may_run_values(joined)
        if may_run:
            code = " ".join(filter(None, (el.get("onclick"), el.get("href"), el.get("class"), el.get("id"))))
            may_run = _may_run_tool(code)
        if not may_run:
            if texty:
                if _text_names_no_tool(el.text):
                    continue  # most links: their own text settles that their words name no tool
            elif not _has_words_attribute(el, tag):
                continue  # a <span class="..."> without words: its words are "", which name nothing
        words = fold(" ".join(filter(None, (
            (el.text or "") if texty else "", el.get("title"), el.get("aria-label"),
            el.get("alt"), el.get("value") if el.tag == "input" else ""))))
        if texty and not words:
            words = fold(text_content(el))[:40]
        may_say = words.partition(" ")[0] in _TOOL_FIRST_WORDS
        if not (may_say or may_run):
            continue
        if "print" not in found and ((may_say and _starts(words, _PRINT_WORDS)) or
                                     (may_run and _PRINT_CODE.search(code))):
            found.append("print")
        if "save" not in found and ((may_say and _starts(words, _SAVE_WORDS)) or
                                    (may_run and _SAVE_CODE.search(code))):
            found.append("save")
        if len(found) == 2:
            break
    return found


# The attributes an element other than a link or button has its words from (_has_words_attribute):
# one that has none of them, and no code, is settled by one look at its attribute names.
_WORDS_ATTRIBUTES = frozenset({"title", "aria-label", "alt", "value"})


def _has_words_attribute(el, tag: str) -> bool:
    """Whether an element other than a link or button has an attribute its words are read from."""
    return bool(el.get("title") or el.get("aria-label") or el.get("alt") or (tag == "input" and el.get("value")))


def _may_run_tool(code: str) -> bool:
    """``_TOOL_CODE.search(code)``, settled first by five substring tests in ASCII code (each
    word of _TOOL_CODE holds one of the five pieces): most links' code holds none."""
    if code.isascii():
        lowered = code.lower()
        if not ("print" in lowered or "bai" in lowered or "ban" in lowered or "save" in lowered
                or "pdf" in lowered):
            return False
    return _TOOL_CODE.search(code) is not None


# A site's menus, boxes and news lists repeat on each of its pages with the same attributes and
# texts: most elements of a page are answered from these caches at a look-up's cost (bench/:
# _page_tools 1.63 -> 1.08 ms a synthetic page). Long values (a data: URI) are not kept.
_CACHED_VALUES = 1024


def _may_run_values(values: str) -> bool:
    return _may_run_cached(values) if len(values) <= _CACHED_VALUES else _may_run_tool(values)


def _quiet_link(values: str, text: str | None) -> bool:
    """A link or button with these attribute values and own text runs and names no tool."""
    if len(values) + len(text or "") <= _CACHED_VALUES:
        return _quiet_link_cached(values, text)
    return not _may_run_tool(values) and _text_names_no_tool(text)


_may_run_cached = lru_cache(maxsize=16384)(_may_run_tool)
_quiet_link_cached = lru_cache(maxsize=16384)(
    lambda values, text: not _may_run_tool(values) and _text_names_no_tool(text))


def _text_names_no_tool(text: str | None) -> bool:
    """True when a link's words cannot name a tool, told by its text alone: its words are the
    folded text followed by the folded title, label and alt, so a text whose fold is not empty
    gives them their first word, and no tool word begins with that one."""
    folded = fold(text) if text else ""
    return bool(folded) and folded.partition(" ")[0] not in _TOOL_FIRST_WORDS


# A phrase standing as whole words in a line's fold, for all the page's lines at once: their
# folds joined by newlines (a fold holds none) are searched once, not each line nine times.
_RATING = re.compile(r"(?<![^ \n])(?:" + "|".join(map(re.escape, _RATING_PHRASES)) + r")(?![^ \n])")
_RATING_LINE = 160  # a longer line is running text, not a rating's label


def _rating(text: str) -> str:
    # A phrase standing as whole words in a line's fold stands so in the whole text's fold (a
    # newline folds to a space and composes with no character), and most pages have none: one
    # search of that fold, which ADS-003 reads again from fold's cache, settles them.
    if not _has_rating_phrase(fold(text)):
        return ""
    lines = text.split("\n")
    folded = "\n".join([fold(line) if len(line) <= _RATING_LINE else "" for line in lines])
    match = _RATING.search(folded)  # the leftmost match is in the first line that has one
    return lines[folded.count("\n", 0, match.start())] if match else ""


def _by_head(phrases) -> dict[str, tuple[str, ...]]:
    """The phrases under their first two words ("danh gia" heads six of them)."""
    heads: dict[str, tuple[str, ...]] = {}
    for phrase in phrases:
        head = " ".join(phrase.split()[:2])
        heads[head] = heads.get(head, ()) + (phrase,)
    return heads


_RATING_HEADS = _by_head(_RATING_PHRASES)


def _has_rating_phrase(folded: str) -> bool:
    """``_RATING.search(folded)``, settled first by C substring searches: the pattern has no
    fixed first character for re to skip to, and most folded texts hold none of the phrases.
    A phrase is in the text where its head is and the phrase follows: three searches of the
    text for the heads, not nine for the phrases (bench/: 0.15 -> 0.05 ms a synthetic page)."""
    for head, phrases in _RATING_HEADS.items():
        at = folded.find(head)
        while at >= 0:
            if any(folded.startswith(phrase, at) for phrase in phrases):
                return _RATING.search(folded) is not None
            at = folded.find(head, at + 1)
    return False


def _labelled_dates(main_text: str, reference) -> dict[str, str]:
    out: dict[str, str] = {}
    previous_end = 0
    for found in find_dates(main_text, reference, limit=60):
        before = fold(main_text[max(previous_end, found.start - _LABEL_REACH):found.start])
        previous_end = found.start + len(found.raw)
        kind = _label_kind(before)
        if kind and kind not in out:
            out[kind] = iso(found)[:10]
    return out


_PADDED_DATE_LABELS = tuple((kind, tuple(f" {label} " for label in labels)) for kind, labels in _DATE_LABELS)
# Every label holds the word "ngày": text before a date without it holds no label (most dates).
_LABEL_WORD = " ngay "
assert all(_LABEL_WORD in padded for _, labels in _PADDED_DATE_LABELS for padded in labels)


def _label_kind(before: str) -> str:
    """The kind whose label ends nearest the date in the folded text before it."""
    padded = f" {before} "
    if _LABEL_WORD not in padded:
        return ""
    best, best_at = "", -1
    for kind, labels in _PADDED_DATE_LABELS:
        for label in labels:
            at = padded.rfind(label)
            if at >= 0 and at + len(label) > best_at:
                best, best_at = kind, at + len(label)
    return best
