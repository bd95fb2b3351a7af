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

# Byte (as its Latin-1 character) -> the Vietnamese letter it stands for.
_LOWER_BYTES = "¸µ¶·¹¨¾»¼½Æ©ÊÇÈÉË®ÐÌÎÏÑªÕÒÓÔÖÝ×ØÜÞãßáâä«èåæçé¬íêëìîóïñòôøõö÷ùýúûüþ"
_LOWER_LETTERS = "áàảãạăắằẳẵặâấầẩẫậđéèẻẽẹêếềểễệíìỉĩịóòỏõọôốồổỗộơớờởỡợúùủũụưứừửữựýỳỷỹỵ"
_UPPER_BYTES = "¡¢§£¤¥¦"
_UPPER_LETTERS = "ĂÂĐÊÔƠƯ"

NAMES = frozenset({"tcvn3", "tcvn", "tcvn-3", "tcvn_3", "tcvn5712", "tcvn-5712", "vn3",
                   "x-viet-tcvn3", "x-viet-tcvn", "x_viet_tcvn3", "abc"})

TCVN3_BYTES = frozenset(ord(c) for c in _LOWER_BYTES + _UPPER_BYTES)


def _decoding_table() -> str:
    table = [chr(byte) for byte in range(256)]
    for byte, letter in zip(_LOWER_BYTES + _UPPER_BYTES, _LOWER_LETTERS + _UPPER_LETTERS):
        table[ord(byte)] = letter
    return "".join(table)


DECODING_TABLE = _decoding_table()
# Latin-1 bytes that VN3 leaves unassigned decode as themselves; encoding prefers VN3's own
# codes, so that "à" is written 0xB5 and not 0xE0.
_ENCODING_TABLE = {ord(char): byte for byte, char in enumerate(DECODING_TABLE)}
_ENCODING_TABLE.update((ord(char), ord(byte)) for byte, char in
                       zip(_LOWER_BYTES + _UPPER_BYTES, _LOWER_LETTERS + _UPPER_LETTERS))


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
