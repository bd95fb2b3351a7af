"""Gambling words in links: shared by ADS-003 (the spam itself) and ADS-002 (which leaves a
gambling link to ADS-003: one cause, one finding)."""

from __future__ import annotations

from auditor.rules._text import fold, terms_in


def url_terms(url: str, terms) -> list[str]:
    """ASCII terms in a URL's words, also glued as spam domains write them ("nhacai-uytin",
    "taixiu88"): a glued term must be a whole word or end in digits."""
    words = f" {fold(url)} "
    glued = set(fold(url).split())
    found = []
    for term in terms:
        if not term.isascii():
            continue
        folded = fold(term)
        joined = folded.replace(" ", "")
        if f" {folded} " in words or joined in glued or any(
                w.startswith(joined) and w[len(joined):].isdigit() for w in glued):
            found.append(term)
    return found


def link_terms(link, ctx: RuleContext) -> list[str]:
    terms = ctx.words("gambling_terms") + ctx.words("gambling_phrases")
    found = terms_in(link.text, terms) + terms_in(link.title, terms) + url_terms(link.url, terms)
    return list(dict.fromkeys(found))
