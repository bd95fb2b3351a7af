"""Text matching for the rules: Vietnamese without regard to case, diacritics or NFC/NFD.

``fold("TIN TỨC")`` == ``fold("Tin tuc")`` == ``fold(nfd("Tin tức"))`` == "tin tuc". A term
written with diacritics can also be matched *as written* (``has_marked_term``): "lô đề" must not
match "lo để", which is ordinary Vietnamese.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_WORD = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case, no diacritics, đ as d, words separated by single spaces."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d").replace("Đ", "d"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", bare).strip()


def slug(text: str) -> str:
    """"Tin tức – Sự kiện" -> "tin-tuc-su-kien"."""
    return fold(text).replace(" ", "-")


def nfc_lower(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def is_ascii(term: str) -> bool:
    return term.isascii()


def has_phrase(folded_text: str, folded_phrase: str) -> bool:
    """Whole-word containment of a folded phrase in folded text."""
    if not folded_phrase:
        return False
    return f" {folded_phrase} " in f" {folded_text} "


def starts_with_phrase(folded_text: str, folded_phrase: str) -> bool:
    return bool(folded_phrase) and (folded_text == folded_phrase
                                    or folded_text.startswith(folded_phrase + " "))


@lru_cache(maxsize=4096)
def _marked_pattern(term: str) -> re.Pattern:
    words = [re.escape(w) for w in nfc_lower(term).split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)")


def find_term(text: str, term: str, folded_text: str | None = None) -> bool:
    """A term in text: ASCII terms on the folded text, marked terms exactly as written."""
    if is_ascii(term):
        return has_phrase(folded_text if folded_text is not None else fold(text), fold(term))
    return _marked_pattern(term).search(nfc_lower(text)) is not None


def terms_in(text: str, terms: tuple[str, ...] | list[str]) -> list[str]:
    """The terms found in ``text``, in list order; of "nổ hũ" and "no hu" only the first."""
    if not text:
        return []
    folded = fold(text)
    found: dict[str, str] = {}
    for term in terms:
        if fold(term) not in found and find_term(text, term, folded):
            found[fold(term)] = term
    return list(found.values())


def any_folded(text: str, phrases) -> str:
    """The first phrase contained (folded, whole words) in text, or ""."""
    folded = fold(text)
    for phrase in phrases:
        if has_phrase(folded, fold(phrase)):
            return phrase
    return ""


def snippet(text: str, needle: str, width: int = 80) -> str:
    """A short piece of ``text`` around ``needle`` (found case-insensitively), for evidence."""
    at = nfc_lower(text).find(nfc_lower(needle))
    if at < 0:
        folded_at = fold(text).find(fold(needle))
        at = max(folded_at, 0)
    start = max(at - width // 2, 0)
    piece = " ".join(text[start:start + width + len(needle)].split())
    return ("…" if start else "") + piece + ("…" if start + width + len(needle) < len(text) else "")


def name_core(name: str, prefixes) -> str:
    """The proper name in a unit's name: "UBND xã Hướng Lập (cũ)" -> "Hướng Lập"."""
    words = re.sub(r"[()\[\],.;:–—-]", " ", unicodedata.normalize("NFC", name)).split()
    folded_prefixes = sorted((fold(p).split() for p in prefixes if fold(p)), key=len, reverse=True)
    changed = True
    while changed and words:
        changed = False
        for prefix in folded_prefixes:
            head = [fold(w) for w in words[:len(prefix)]]
            if head == prefix:
                words = words[len(prefix):]
                changed = True
                break
    tail = [w for w in words if fold(w) not in {" ".join(p) for p in folded_prefixes if len(p) == 1}]
    return " ".join(tail)
