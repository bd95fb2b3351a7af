"""Gambling signals in links and text: shared by ADS-003 (the spam itself), ADS-002 (which leaves
a gambling link to ADS-003: one cause, one finding), and the hacked-site rules of issue 12:
ADS-005 (cloaking), ADS-006 (injected scripts), ADS-007 (doorway pages)."""

from __future__ import annotations

from functools import lru_cache

from auditor.rules._text import fold, terms_in
from auditor.rules._web import host_of, is_outside, is_press, is_public_body, registrable


def url_terms(url: str, terms) -> list[str]:
    """ASCII terms in a URL's words, also glued as spam domains write them ("nhacai-uytin",
    "taixiu88"): a glued term must be a whole word or end in digits."""
    words = f" {fold(url)} "
    glued = set(fold(url).split())
    # each word less one or more of its trailing digits ("taixiu88": "taixiu8", "taixiu"), so
    # that a term glued to digits is one set look-up, not a scan of the words per term
    stems = {word[:end] for word in glued for end in range(len(word) - _trailing_digits(word), len(word))}
    found = []
    for term in terms:
        if not term.isascii():
            continue
        folded = fold(term)
        joined = folded.replace(" ", "")
        if f" {folded} " in words or joined in glued or joined in stems:
            found.append(term)
    return found


def _trailing_digits(word: str) -> int:
    return len(word) - len(word.rstrip("0123456789"))


def link_terms(link, ctx: RuleContext) -> list[str]:
    terms = tuple(ctx.words("gambling_terms")) + tuple(ctx.words("gambling_phrases"))  # a cache key
    return list(_link_terms(link.text, link.title, link.url, terms))


# A site's menus and footers repeat the same outside links on every page; the terms of a link
# depend on its text, title and URL and the term lists only, so they are looked up once.
@lru_cache(maxsize=8192)
def _link_terms(text: str, title: str, url: str, terms: tuple[str, ...]) -> tuple[str, ...]:
    found = terms_in(text, terms) + terms_in(title, terms) + url_terms(url, terms)
    return tuple(dict.fromkeys(found))


HIDDEN_TERMS_NEEDED = 2  # gambling words in hidden text that make it spam (one may be news)


def text_terms(text: str, ctx: RuleContext, hidden: bool = False) -> list[str]:
    """The gambling signal of a text no honest page would show: a spam-only phrase, or (hidden
    text) two gambling words or more."""
    phrases = ctx.words("gambling_phrases")
    found = terms_in(text, phrases)
    if hidden or not found:
        words = terms_in(text, ctx.words("gambling_terms") + phrases)
        if len(words) >= HIDDEN_TERMS_NEEDED or (hidden and set(words) & set(phrases)):
            return words
    return found


def spam_domains(urls, texts, ctx: RuleContext) -> list[str]:
    """The outside, non-public domains among ``urls`` that gambling words name (in the URL or
    in the text beside it)."""
    terms = ctx.words("gambling_terms") + ctx.words("gambling_phrases")
    found = []
    for url, text in zip(urls, texts):
        host = host_of(url)
        if not host or not is_outside(url, ctx) or is_public_body(host, ctx) or is_press(host, ctx):
            continue
        if url_terms(url, terms) or terms_in(text, terms):
            found.append(registrable(host))
    return list(dict.fromkeys(found))
