"""The literal strings a regular expression cannot match without: a C-fast first test.

A pattern such as ``(?:Notice|Warning): .{0,200}? on line \\d+`` matches nothing in a text
without " on line "; ``" on line " in text`` answers that at memchr speed, where ``search``
tries the pattern at every capital letter of a 100 KB page. ``required_literals`` reads the
parsed pattern (the parser ``re`` itself uses) and returns strings one of which every match
contains, or None when it cannot tell; the test is then exact: a page none of them is in
has no match, and any other page is searched as before.
"""

from __future__ import annotations

import re

try:  # the parser re.compile uses: re._parser since Python 3.11, sre_parse before
    from re import _parser as _regex_parser
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _regex_parser

LITERAL = _regex_parser.LITERAL
SUBPATTERN = _regex_parser.SUBPATTERN
BRANCH = _regex_parser.BRANCH
REPEATS = tuple(getattr(_regex_parser, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
                if hasattr(_regex_parser, name))  # possessive repeats came with Python 3.11


def required_literals(pattern: str) -> tuple[str, ...] | None:
    """Strings one of which every match of ``pattern`` contains (case as written), or None."""
    try:
        parsed = _regex_parser.parse(pattern)
    except Exception:  # noqa: BLE001 - a pattern re cannot parse is re.compile's error to raise
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    found = _of_sequence(parsed)
    return tuple(sorted(found)) if found else None


def _of_sequence(items) -> frozenset[str] | None:
    """The most selective required set of a sequence: each run of literal characters is one
    (they are matched one after the other), and so is each part that must occur."""
    candidates: list[frozenset[str]] = []
    run: list[str] = []
    for op, argument in items:
        if op is LITERAL:
            run.append(chr(argument))
            continue
        if run:
            candidates.append(frozenset(["".join(run)]))
            run = []
        part = _of_part(op, argument)
        if part:
            candidates.append(part)
    if run:
        candidates.append(frozenset(["".join(run)]))
    # the set whose shortest string is longest is the rarest to be found by chance
    return max(candidates, key=lambda strings: min(map(len, strings)), default=None)


def _of_part(op, argument) -> frozenset[str] | None:
    if op is SUBPATTERN:
        _group, add_flags, _del_flags, sub = argument
        return None if add_flags & re.IGNORECASE else _of_sequence(sub)
    if op is BRANCH:
        alternatives = [_of_sequence(alternative) for alternative in argument[1]]
        if all(alternatives):  # a match goes through one alternative: each must require one
            return frozenset().union(*alternatives)
        return None
    if op in REPEATS:
        low, _high, sub = argument
        return _of_sequence(sub) if low >= 1 else None
    return None  # classes, anchors, look-arounds, back-references: nothing required


# ASCII characters from the most to the least frequent in Vietnamese pages' text and titles
# (the 141 pages of tests/cms/); those at the end were never seen there. A character not in it
# (a Vietnamese letter, a newline) counts as the most frequent.
ASCII_BY_FREQUENCY = (" nhtigcuTaorpmy02beldxv.Ns1,kC/:-HBDP6LqS38GQUV75M4)K9(wXEIfR@;A|WY\"FJ?zO&_%]j[!>Z`*"
                      "#$'+<=\\^{}~")


def _rarity(char: str) -> int:
    return ASCII_BY_FREQUENCY.find(char)  # -1: not an ASCII character of text (a Vietnamese letter)


# The rarest character of "Traceback (most recent call last)" is the "(": met so often in a page
# (36 times in 34 K characters) that comparing the literal at each costs more than one search of
# the literal (str.find skips ahead on characters the literal lacks). Rarer characters are met
# a few times a page or never.
FREQUENT = ASCII_BY_FREQUENCY.index("(") + 1
PLACES = 16  # places of a rare character compared, past which its literals are searched whole


class LiteralScreen:
    """Which of some literal strings a text contains. A literal whose rarest character is rare
    in pages is looked for only where that character is (``str.find`` of one character runs at
    memchr speed): a page without it costs one pass of memchr, and the literal is compared at its
    few places. Others are searched for whole. One regex alternation of the literals tried a
    match at every character that starts one of them ("o", ".", "H" ...): 0.23 ms a synthetic
    page; this, 0.09."""

    def __init__(self, literals):
        self.by_key: dict[str, list[tuple[str, int]]] = {}
        self.searched: list[str] = []
        for literal in dict.fromkeys(literals):
            offset = max(range(len(literal)), key=lambda i: _rarity(literal[i]))
            if _rarity(literal[offset]) < FREQUENT:
                self.searched.append(literal)
            else:
                self.by_key.setdefault(literal[offset], []).append((literal, offset))

    def present(self, text: str) -> set[str]:
        """The literals that occur in ``text``: ``{l for l in literals if l in text}``."""
        found = {literal for literal in self.searched if literal in text}
        for key, literals in self.by_key.items():
            missing = literals
            at = text.find(key)
            for _ in range(PLACES):
                if at < 0 or not missing:
                    break
                if any(at >= offset and text.startswith(literal, at - offset) for literal, offset in missing):
                    found.update(literal for literal, offset in missing
                                 if at >= offset and text.startswith(literal, at - offset))
                    missing = [(literal, offset) for literal, offset in missing if literal not in found]
                at = text.find(key, at + 1)
            else:  # a page where the character is frequent after all (English text, code)
                found.update(literal for literal, _ in missing if at >= 0 and literal in text)
        return found
