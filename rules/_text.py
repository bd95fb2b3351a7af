"""Text matching for the rules: Vietnamese without regard to case, diacritics or NFC/NFD.

``fold("TIN TỨC")`` == ``fold("Tin tuc")`` == ``fold(nfd("Tin tức"))`` == "tin tuc". A term
written with diacritics can also be matched *as written* (``Searchable.has``, ``terms_in``):
"lô đề" must not match "lo để", which is ordinary Vietnamese.

These run on every page (100 KB of text and more): folding is a C-level charmap encode, each
text is folded and lower-cased once per call however many terms are looked for, and only short
strings (labels, terms) are cached, so that no page text outlives its page.
"""

from __future__ import annotations

import codecs
import itertools
import re
import unicodedata
from functools import lru_cache

_NON_WORD = re.compile(r"[^0-9a-z]+")
CACHED_LENGTH = 256  # labels, link texts, terms; never a page's text


def _strip_table() -> dict[int, str]:
    """Every precomposed Latin letter (Vietnamese's are in Latin-1, Extended-A/B and Extended
    Additional) to its base letter; đ to d."""
    table = {}
    for code in itertools.chain(range(0xC0, 0x250), range(0x1E00, 0x1F00)):
        char = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
        if base != char and base.isascii():
            table[code] = base
    table[ord("đ")] = table[ord("Đ")] = "d"
    return table


_STRIP = _strip_table()


class _FoldTable(dict):
    """The fold of each character: a letter with diacritics to its base letter, a-z and 0-9
    kept, any other character to a space. Filled once per character seen; ``_fold`` reads it
    through a byte table for the common characters and directly for the rare ones."""

    def __missing__(self, code: int) -> str:
        value = self[code] = _NON_WORD.sub(" ", _STRIP.get(code, chr(code)))
        return value


_FOLD = _FoldTable()

# The Vietnamese letters (lower case, NFC) and the punctuation pages use most, each given a byte
# of its own so that a C charmap encoder (the kind cp1252 uses) turns a page's text into bytes
# at C speed; ``bytes.translate`` then maps each byte to the letter's fold. ``str.translate``
# with a dict costs a dict look-up per character (bench/facts_digest.py: 1.4 ms of a synthetic
# page's 36 K characters); this is 0.2 ms. A character with no byte of its own (a French name,
# an arrow) goes through ``_FOLD`` in the encoder's error handler, so the result is
# ``text.translate(_FOLD)`` character for character in every case.
_VIETNAMESE_BASES = "aăâeêioôơuưy"
_VIETNAMESE_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
_COMMON_PUNCTUATION = "\u00a0–—“”‘’‚„…©®™×÷»«‹›·•°±²³¹€£¥§¶´˜←→↑↓‰"


def _byte_letters() -> str:
    """The 128 ASCII characters, then the characters that get the bytes 128 and up."""
    letters = [unicodedata.normalize("NFC", base + tone)
               for base in _VIETNAMESE_BASES for tone in _VIETNAMESE_TONES]
    extra = [c for c in dict.fromkeys(letters + ["đ"] + list(_COMMON_PUNCTUATION)) if not c.isascii()]
    table = "".join(map(chr, range(128))) + "".join(extra)
    assert len(table) <= 256, len(table)
    return table + "\ufffe" * (256 - len(table))  # unused bytes decode to a non-character


_BYTE_LETTERS = _byte_letters()
_TO_BYTES = codecs.charmap_build(_BYTE_LETTERS)
_BYTE_FOLD = bytes(ord(_FOLD[ord(c)]) if c != "\ufffe" else 32 for c in _BYTE_LETTERS)
# Two spaces or more, spelt so that both make the literal prefix re searches for (with "  +"
# it looked for one space and tried the pattern at each: 0.15 -> 0.12 ms a synthetic page).
_SPACE_RUN = re.compile(rb"   *")


def _fold_rare(error: UnicodeEncodeError) -> tuple[str, int]:
    """The characters without a byte: folded one by one (ASCII letters, digits and spaces)."""
    return error.object[error.start:error.end].translate(_FOLD), error.end


codecs.register_error("auditor.fold", _fold_rare)


def _fold(text: str) -> str:
    lowered = unicodedata.normalize("NFC", text).lower()
    folded = codecs.charmap_encode(lowered, "auditor.fold", _TO_BYTES)[0].translate(_BYTE_FOLD)
    # only a-z, 0-9 and spaces are left: squeezing runs of spaces is what split/join did
    return _SPACE_RUN.sub(b" ", folded).strip().decode("ascii")


_fold_cached = lru_cache(maxsize=65536)(_fold)


# The last few long texts folded, by identity: several rules fold the same page's main text.
_RECENT_LONG: list[tuple[str, str]] = []
RECENT_LONG = 4


def fold(text: str) -> str:
    """Lower case, no diacritics, đ as d, words separated by single spaces."""
    if len(text) <= CACHED_LENGTH:
        return _fold_cached(text)
    for seen, folded in _RECENT_LONG:
        if seen is text:
            return folded
    folded = _fold(text)
    _RECENT_LONG.insert(0, (text, folded))
    del _RECENT_LONG[RECENT_LONG:]
    return folded


class CaselessPattern:
    """``re.compile(pattern, re.IGNORECASE)`` for a pattern written in lower case, searched at a
    case-sensitive pattern's cost where the text is ASCII (nearly all CSS, URLs and code):
    there ``lower()`` compares as IGNORECASE does and keeps every position, without its
    per-character case folding (bench/: a style sheet's rule bodies 0.61 -> 0.30 ms a page,
    a link's code 7 -> 0.3 µs). Other text goes to the IGNORECASE pattern, which also matches
    dotless ı, long ſ and the Kelvin sign with i, s and k. A match found the fast way is one of
    the lowered text."""

    def __init__(self, pattern: str):
        self.caseless = re.compile(pattern, re.IGNORECASE)
        self._lowered = re.compile(pattern)

    def search(self, text: str) -> re.Match | None:
        if text.isascii():
            return self._lowered.search(text.lower())
        return self.caseless.search(text)


def edge_words(text: str, count: int, last: bool = False) -> tuple[list[str], bool]:
    """The first (``last``: the last) ``count`` words of ``fold(text)``, folding only the lines
    they are in (a newline folds to a space and composes with no character); and whether they
    are all its words."""
    lines = text.split("\n")
    words: list[str] = []
    for line in reversed(lines) if last else lines:
        line_words = (fold(line) if len(line) <= CACHED_LENGTH else _fold(line)).split()
        words = line_words + words if last else words + line_words
        if len(words) > count:
            return (words[len(words) - count:] if last else words[:count]), False
    return words, True


def slug(text: str) -> str:
    """"Tin tức – Sự kiện" -> "tin-tuc-su-kien"."""
    return fold(text).replace(" ", "-")


def nfc_lower(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def has_phrase(folded_text: str, folded_phrase: str) -> bool:
    """Whole-word containment of a folded phrase in folded text."""
    return bool(folded_phrase) and f" {folded_phrase} " in f" {folded_text} "


def starts_with_phrase(folded_text: str, folded_phrase: str) -> bool:
    return bool(folded_phrase) and (folded_text == folded_phrase
                                    or folded_text.startswith(folded_phrase + " "))


@lru_cache(maxsize=4096)
def _marked_pattern(term: str) -> re.Pattern:
    words = [re.escape(w) for w in nfc_lower(term).split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)")


class Searchable:
    """A text prepared once for many term lookups: folded and padded, and lower-cased NFC."""

    def __init__(self, text: str):
        self.padded = f" {fold(text)} "
        self.lowered = nfc_lower(text)

    def has(self, term: str) -> bool:
        """ASCII terms match the folded text (so "nha cai" finds "nhà cái" and "nha-cai");
        terms with diacritics match only as written, as whole words."""
        if term.isascii():
            folded = fold(term)
            return bool(folded) and f" {folded} " in self.padded
        written = " ".join(nfc_lower(term).split())
        # the substring test is C-fast and settles almost every page; the pattern checks words
        return bool(written) and written in self.lowered and bool(_marked_pattern(term).search(self.lowered))


def terms_in(text: str, terms) -> list[str]:
    """The terms found in ``text``, in list order; of "nổ hũ" and "no hu" only the first."""
    if not text:
        return []
    searchable = Searchable(text)
    found: dict[str, str] = {}
    for term in terms:
        key = fold(term)
        if key not in found and searchable.has(term):
            found[key] = term
    return list(found.values())


def any_folded(text: str, phrases) -> str:
    """The first phrase contained (folded, whole words) in text, or ""."""
    return any_phrase(fold(text), phrases)


def any_phrase(folded_text: str, phrases) -> str:
    """``any_folded`` of a text folded already."""
    padded = f" {folded_text} "
    for phrase in phrases:
        folded = fold(phrase)
        if folded and f" {folded} " in padded:
            return phrase
    return ""


FIND_HEAD = 64


def find_part(text: str, part: str) -> int:
    """``text.find(part)`` for a long part (a page's main text in its text): the part's first
    characters are searched, and the part compared where they are. str.find first works out a
    table over the whole needle, which for a 25 K character main text costs 0.07 ms; this, 5 µs."""
    head = part[:FIND_HEAD]
    at = text.find(head)
    while at >= 0 and not text.startswith(part, at):
        at = text.find(head, at + 1)
    return at


def stands_as_lines(part: str, text: str, at: int) -> bool:
    """Whether ``part``, found at ``at`` in ``text`` (-1: not found), stands there as whole lines.
    Then the text's fold is the folds of what comes before, of the part and of what comes after,
    joined by single spaces (a newline folds to a space and composes with no character): the
    part's fold is a piece of the text's fold, between spaces (``fold_of_lines``)."""
    end = at + len(part)
    return at >= 0 and (at == 0 or text[at - 1] == "\n") and (end == len(text) or text[end] == "\n")


def fold_of_lines(text: str, at: int, end: int) -> str:
    """``fold(text[at:end])`` for a piece that stands as whole lines of ``text``
    (``stands_as_lines``), cut from the text's fold, which the page's features folded already
    (fold's cache keeps it): only the lines around the piece are folded, and not cached (a
    page's main text is most of its text: 0.2 ms a synthetic page saved)."""
    whole = fold(text)
    before, after = _fold(text[:at]), _fold(text[end:])
    start = len(before) + 1 if before else 0
    stop = len(whole) - (len(after) + 1 if after else 0)
    return whole[start:stop] if start < stop else ""


def snippet(text: str, needle: str, width: int = 80) -> str:
    """A short piece of ``text`` around ``needle`` (found case-insensitively), for evidence."""
    at = nfc_lower(text).find(nfc_lower(needle))
    start = max(at - width // 2, 0) if at >= 0 else 0
    end = start + width + len(needle)
    piece = " ".join(text[start:end].split())
    return ("…" if start else "") + piece + ("…" if end < len(text) else "")


def name_core(name: str, prefixes) -> str:
    """The proper name in a unit's name: "UBND xã Hướng Lập (cũ)" -> "Hướng Lập"."""
    words = re.sub(r"[()\[\],.;:–—-]", " ", unicodedata.normalize("NFC", name)).split()
    folded_prefixes = sorted((fold(p).split() for p in prefixes if fold(p)), key=len, reverse=True)
    changed = True
    while changed and words:
        changed = False
        for prefix in folded_prefixes:
            if [fold(w) for w in words[:len(prefix)]] == prefix:
                words = words[len(prefix):]
                changed = True
                break
    single_words = {p[0] for p in folded_prefixes if len(p) == 1}
    return " ".join(w for w in words if fold(w) not in single_words)
