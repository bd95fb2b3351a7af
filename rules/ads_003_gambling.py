"""ADS-003: No gambling or betting spam: a sign the site was compromised. Critical.

Gambling words also appear in police news ("bắt quả tang nhóm đối tượng cá độ"), so where
they are found matters (rules/data/gambling_terms.txt, gambling_phrases.txt):
- spam-only phrases ("nhà cái uy tín", "nổ hũ đổi thưởng") anywhere: visible text, title,
  hidden text, link text;
- gambling words in the text or URL of a link leaving the site to a domain that is not a
  public body's or the press's;
- two or more gambling words in hidden text.
One finding per spam domain (for links), one for visible and one for hidden text, per site,
counted over pages. A page only the sitemap leads to is a doorway page: ADS-007 judges it.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Iterator

from auditor.judge.findings import Finding
from auditor.rules._spam import link_terms
from auditor.rules._text import edge_words, find_part, fold, snippet, stands_as_lines, terms_in
from auditor.rules._web import host_of, is_outside, is_press, is_public_body, outside_links, registrable
from auditor.rules.base import Rule, RuleContext

HIDDEN_TERMS_NEEDED = 2
STUFFED = 6  # occurrences of spam phrases that make the main text a keyword-stuffed page
HEADLINE = 20  # a link text this long is a headline, not a word of a spam block
# Promotional phrasing, which no news report uses: a spam signal wherever it is (folded).
PROMOTIONAL = ("nha cai uy tin", "link vao nha cai", "dang ky nhan thuong", "khuyen mai nap dau",
               "ty le keo")


def spam_placed_text(facts, phrases) -> str:
    """The visible text where a spam phrase is a spam signal, not the topic of the news.

    Police news about a betting ring ("... quảng cáo cá cược bóng đá, nổ hũ đổi thưởng") and a
    home page listing its headline name the crime; an injected block sits in the masthead, a
    menu, a sidebar or the footer. So the main content counts only when it promotes
    (``PROMOTIONAL``) or is stuffed with the phrases (``STUFFED`` occurrences or more); the
    rest of the page always counts (but see ``beyond_headlines``)."""
    return placed_text(facts, phrases)[0]


def placed_text(facts, phrases) -> tuple[str, tuple[str, str, str] | None]:
    """``spam_placed_text``, and its pieces (the title, the text before and after the main text)
    when a phrase can be in it only in the title or across the places where they join: the
    page's text stands as those pieces and the main text's lines, and its fold holds no phrase
    (most pages; the fold is fold's cache's, made by features.py's rating)."""
    main, text = facts.main_text, facts.text
    at = find_part(text, main) if main else -1  # the main text's place in the text, searched once
    outside = f"{text[:at]}\n{text[at + len(main):]}" if at >= 0 else text
    # The <title> that repeats the article's own heading is the news's topic, judged with it.
    title = "" if main and any(len(h.text) >= HEADLINE and h.text in facts.title and h.text in main
                               for h in facts.headings if h.level <= 2) else facts.title
    folded_phrases = frozenset(fold(p) for p in phrases)
    if (not main or stands_as_lines(main, text, at)) and not holds_phrase(fold(text), folded_phrases):
        pieces = (title, text[:at], text[at + len(main):]) if main else (title, text, "")
        return f"{title}\n{outside}", pieces  # nor does the main text, a piece of that fold
    if main and _main_promotes(main, text, at, folded_phrases):
        outside += f"\n{facts.title}\n{main}"
    return f"{title}\n{outside}", None


def holds_phrase(folded: str, folded_phrases: frozenset[str]) -> bool:
    """Whether a folded text may hold one of the phrases or of ``PROMOTIONAL`` (``shared_parts``):
    False is sure."""
    return any(part in folded for part in shared_parts(frozenset(folded_phrases) | _PROMOTIONAL))


def phrase_at_joins(pieces: tuple[str, str, str], phrases) -> bool:
    """Whether a phrase's fold may be in the fold of the visible text (``placed_text``'s, of
    these pieces) where the text's fold holds none: in its title or across the places where the
    pieces join ("… nhà cái" closing the title, "uy tín …" opening the menu). Where its fold is
    not, a phrase found is no finding (``beyond_headlines`` counts it in that fold). A phrase of
    n words has at most n - 1 of them, and part of one more, on either side of a join, so only
    the pieces' first and last words are folded."""
    title, before, after = pieces
    folded_phrases = {fold(p) for p in phrases}
    reach = max((phrase.count(" ") for phrase in folded_phrases), default=0)
    head, whole = edge_words(before, reach)
    after_head = edge_words(after, reach)[0]
    if whole:  # the text before is a few words: a phrase may run from the title to the text after
        joins = " ".join([fold(title), *head, *after_head])
    else:  # "|": no phrase runs from one join to the other
        joins = " ".join([fold(title), *head, "|", *edge_words(before, reach, last=True)[0], *after_head])
    return any(phrase in joins for phrase in folded_phrases)


def _main_promotes(main: str, text: str, at: int, folded_phrases: frozenset[str]) -> bool:
    """Whether the main text (at ``at`` in the page's text, or -1) promotes or is stuffed with
    the phrases (``spam_placed_text``).

    Most pages are settled without folding the main text: when it stands as whole lines of the
    page's text, its fold is a piece of the text's fold (a newline folds to a space and composes
    with no character), where each phrase occurs at least as often; and that fold is already
    made (features.py's rating, from fold's cache)."""
    if stands_as_lines(main, text, at) and not _stuffed_or_promoting(fold(text), folded_phrases):
        return False
    return _stuffed_or_promoting(fold(main), folded_phrases)


def _stuffed_or_promoting(folded: str, folded_phrases: frozenset[str]) -> bool:
    if not holds_phrase(folded, folded_phrases):
        return False  # nearly every page: none of the phrases, so none of the promotional ones
    return sum(folded.count(p) for p in folded_phrases) >= STUFFED or promotes(folded)


@lru_cache(maxsize=16)
def shared_parts(folded_phrases: frozenset[str]) -> tuple[str, ...]:
    """Strings one of which each phrase contains, fewer than the phrases: two words that several
    phrases share stand for them ("doi thuong" for "no hu doi thuong", "game bai doi thuong" and
    "ban ca doi thuong"). A page without any of them has none of the phrases, told in fewer
    searches of its 34 K folded characters (9 for the pack's 12 phrases, each ~15 µs)."""
    left = set(folded_phrases)
    parts = []
    while True:
        pairs = Counter(pair for phrase in left for pair in dict.fromkeys(_word_pairs(phrase)))
        pair, phrases = max(pairs.items(), key=lambda item: (item[1], item[0]), default=("", 0))
        if phrases < 2:
            return tuple(sorted(parts)) + tuple(sorted(left))
        parts.append(pair)
        left = {phrase for phrase in left if pair not in _word_pairs(phrase)}


def _word_pairs(phrase: str) -> list[str]:
    words = phrase.split()
    return [f"{first} {second}" for first, second in zip(words, words[1:])]


_PROMOTIONAL = frozenset(PROMOTIONAL)


def promotes(folded: str) -> bool:
    return any(p in folded for p in PROMOTIONAL)


def beyond_headlines(found: list[str], text: str, facts, ctx: RuleContext) -> list[str]:
    """The phrases that occur in the text more often than in the headlines of the site's own
    pages: a "Previous post" or "Bài viết mới" link naming the police news is the site's news,
    not spam, when it does not promote (``PROMOTIONAL``)."""
    if not found:
        return found
    headlines = fold("\n".join(
        link.text for link in facts.links
        if len(link.text) >= HEADLINE and not link.hidden and host_of(link.url)
        and not is_outside(link.url, ctx) and not promotes(fold(link.text))))
    folded = fold(text)
    return [term for term in found if folded.count(fold(term)) > headlines.count(fold(term))]


class GamblingSpam(Rule):
    id = "ADS-003"
    scope = "page"
    reads = ("final_url", "headings", "hidden_text", "links", "main_text", "sitemap_only", "text", "title")
    lists = ("gambling_phrases", "gambling_terms", "press_domains", "public_domains", "public_suffixes")
    severity = "error"
    title_vi = "Không có nội dung, liên kết cờ bạc, cá cược (dấu hiệu trang bị tấn công, chèn mã)"
    title_en = "No gambling or betting spam (a sign of compromise)"
    failure_vi = "Trang có nội dung, liên kết cờ bạc, cá cược"
    remedy_vi = ("Đề nghị khẩn trương gỡ bỏ nội dung, liên kết cờ bạc, cá cược; rà soát mã nguồn, "
                 "tài khoản quản trị, vá lỗ hổng bảo mật và báo cáo cơ quan chuyên trách về an "
                 "toàn thông tin.")
    remedy_en = ("Remove the gambling content and links at once; audit the code and the admin "
                 "accounts, patch the vulnerability and report to the information-security unit.")

    def check(self, facts, ctx: RuleContext) -> Iterator[Finding]:
        if facts.sitemap_only:
            return  # a spam page only the sitemap leads to: ADS-007's (one cause, one finding)
        yield from self.spam_found(facts, ctx)

    def spam_found(self, facts, ctx: RuleContext) -> Iterator[Finding]:
        yield from self.spam_links(facts, ctx)
        yield from self.spam_text(facts, ctx)

    def spam_links(self, facts, ctx: RuleContext) -> Iterator[Finding]:
        for link, host in outside_links(facts.links, ctx):
            if is_public_body(host, ctx) or is_press(host, ctx):
                continue
            terms = link_terms(link, ctx)
            if terms:
                domain = registrable(host)
                yield self.finding(
                    facts, f"Liên kết cờ bạc, cá cược đến {domain} (“{terms[0]}”)"
                           + (" bị ẩn" if link.hidden else "") + ".",
                    url=facts.final_url, key=domain, grouped=True, href=link.url,
                    text=link.text[:120], terms=terms[:5], hidden=link.hidden, region=link.region)

    def spam_text(self, facts, ctx: RuleContext) -> Iterator[Finding]:
        phrases = ctx.words("gambling_phrases")
        visible, pieces = placed_text(facts, phrases)
        if pieces and not phrase_at_joins(pieces, phrases):
            found = []  # most pages: no phrase in the text, the title nor where they join
        else:
            found = beyond_headlines(terms_in(visible, phrases), visible, facts, ctx)
        if found:
            yield self.finding(facts, f"Trang có nội dung cờ bạc, cá cược: “{found[0]}”.",
                               url=facts.final_url, key="text", grouped=True, where="text",
                               terms=found[:5], snippet=snippet(visible, found[0]))
        hidden_terms = terms_in(facts.hidden_text, ctx.words("gambling_terms") + phrases)
        if len(hidden_terms) >= HIDDEN_TERMS_NEEDED or set(hidden_terms) & set(phrases):
            yield self.finding(facts, f"Trang có nội dung cờ bạc, cá cược bị ẩn: “{hidden_terms[0]}”.",
                               url=facts.final_url, key="hidden-text", grouped=True, where="hidden",
                               terms=hidden_terms[:5], snippet=snippet(facts.hidden_text, hidden_terms[0]))
