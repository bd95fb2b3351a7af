"""TCVN3 (TCVN 5712:1993 "VN3", the "ABC" fonts): the legacy Vietnamese 8-bit encoding.

Sites built before Unicode (TCVN 6909:2001) became mandatory still serve pages typed with the
``.VnTime`` / ``.VnArial`` fonts: bytes that a browser shows as Vietnamese only with those fonts
installed. Python has no codec for it, so this module registers one, ``tcvn3`` (aliases
``tcvn``, ``x-viet-tcvn3``, ``abc`` ...), built from the table below: the 67 lowercase letters
with diacritics and the 7 capitals without tone marks that VN3 defines. Every other byte keeps
its Latin-1 meaning, which is what those fonts draw for them.

Capitals with tone marks are not in VN3: pages write them with the "H" fonts (``.VnTimeH``),
which draw the lowercase codes as capitals. The text is decoded as lowercase; only the font,
not the bytes, knows better.
"""

from __future__ import annotations

import codecs
import unicodedata

# The VN3 table, letter by letter, in the fonts' order: the base letter, then the tones
# huyền, hỏi, ngã, sắc, nặng (so "à ả ã á ạ" are 0xB5 0xB6 0xB7 0xB8 0xB9). Written as numbers:
# one of the bytes (0xAD, "ư") is an invisible soft hyphen in Latin-1 and would vanish in a string.
_TABLE = {
    "a": (None, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9), "ă": (0xA8, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
    "â": (0xA9, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB), "e": (None, 0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
    "ê": (0xAA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6), "i": (None, 0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
    "o": (None, 0xDF, 0xE1, 0xE2, 0xE3, 0xE4), "ô": (0xAB, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
    "ơ": (0xAC, 0xEA, 0xEB, 0xEC, 0xED, 0xEE), "u": (None, 0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
    "ư": (0xAD, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9), "y": (None, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
}
_TONES = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")  # none, huyền, hỏi, ngã, sắc, nặng
_OTHERS = {"đ": 0xAE, "Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7}


def _letters() -> dict[int, str]:
    """Byte -> letter, for the 74 bytes VN3 assigns."""
    letters = {byte: char for char, byte in _OTHERS.items()}
    for base, codes in _TABLE.items():
        for tone, byte in zip(_TONES, codes):
            if byte is not None:
                letters[byte] = unicodedata.normalize("NFC", base + tone)
    return letters


LETTERS = _letters()
NAMES = frozenset({"tcvn3", "tcvn", "tcvn-3", "tcvn_3", "tcvn5712", "tcvn-5712", "vn3",
                   "x-viet-tcvn3", "x-viet-tcvn", "x_viet_tcvn3", "abc"})

TCVN3_BYTES = frozenset(LETTERS)


def _decoding_table() -> str:
    return "".join(LETTERS.get(byte, chr(byte)) for byte in range(256))


DECODING_TABLE = _decoding_table()
# Latin-1 bytes that VN3 leaves unassigned decode as themselves; encoding prefers VN3's own
# codes, so that "à" is written 0xB5 and not 0xE0.
_ENCODING_TABLE = {ord(char): byte for byte, char in enumerate(DECODING_TABLE)}
_ENCODING_TABLE.update((ord(char), byte) for byte, char in LETTERS.items())


class _Codec(codecs.Codec):
    def encode(self, text, errors="strict"):
        return codecs.charmap_encode(text, errors, _ENCODING_TABLE)

    def decode(self, data, errors="strict"):
        return codecs.charmap_decode(data, errors, DECODING_TABLE)


class _IncrementalDecoder(codecs.IncrementalDecoder):
    def decode(self, data, final=False):
        return codecs.charmap_decode(data, self.errors, DECODING_TABLE)[0]


class _IncrementalEncoder(codecs.IncrementalEncoder):
    def encode(self, text, final=False):
        return codecs.charmap_encode(text, self.errors, _ENCODING_TABLE)[0]


_INFO = codecs.CodecInfo(
    name="tcvn3", encode=_Codec().encode, decode=_Codec().decode,
    incrementalencoder=_IncrementalEncoder, incrementaldecoder=_IncrementalDecoder,
)


def _search(name: str):
    return _INFO if name.lower().replace(" ", "-") in NAMES else None


def decode(data: bytes) -> str:
    """TCVN3 bytes as text (every byte has a meaning: this cannot fail)."""
    return codecs.charmap_decode(data, "strict", DECODING_TABLE)[0]


# Registered once on import, so that ``b"...".decode("tcvn3")`` works everywhere, including in
# w3lib and Scrapy when a page declares ``charset=TCVN3``.
codecs.register(_search)
