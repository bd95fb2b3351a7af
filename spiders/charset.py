"""How a page's bytes become text: the declared charset where it is right, detection where it is
missing or wrong, and the Vietnamese legacy encodings (windows-1258, TCVN3) recognised.

Government sites are old: pages declare ``iso-8859-1`` and hold UTF-8, declare nothing and hold
windows-1258, or were typed in the ``.VnTime`` fonts (TCVN3). Scrapy trusts the declaration and
falls back to cp1252, which turns all of these into mojibake that no rule could read. Here:

1. a byte-order mark wins;
2. a Unicode declaration (UTF-8) is kept when the bytes are valid UTF-8;
3. bytes that are valid UTF-8 with non-ASCII characters are UTF-8, whatever a single-byte
   declaration says (legacy bytes are almost never valid UTF-8 by chance);
4. a declared windows-1258, TCVN3 or other specific charset is used;
5. otherwise (nothing declared, a Western single-byte label, or an invalid UTF-8 label) the
   candidates are scored by how many words read as Vietnamese syllables; a ``.VnTime``-style
   font name on the page counts for TCVN3.

The text is returned in NFC: windows-1258 writes tone marks as separate combining characters.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom

from auditor.spiders import tcvn3  # noqa: F401  (registers the "tcvn3" codec)

SAMPLE = 64 * 1024  # bytes scored when the charset must be guessed
UNICODE = frozenset({"utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32"})
# Labels that say little: servers and editors put them on pages of any encoding.
WEAK = frozenset({"cp1252", "latin-1", "iso8859-1", "ascii", "iso8859-15"})
CANDIDATES = ("cp1258", "tcvn3", "cp1252")

_VN_FONT = re.compile(rb"""["'\s,:;=]\.?vn(?:time|arial|helvetica|courier|avant|book|century|"""
                      rb"""commercial|univers|souvenir|bodoni|present|clarendon|free|lucida|"""
                      rb"""mystical|shelley|aptima|[a-z]+h\b)""", re.IGNORECASE)

# Vietnamese syllables: initial consonant, vowel nucleus (tone removed), final consonant.
_VOWELS = ("a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ôô ua "
           "uâ uê ui uô uơ uy ưa ưi ươ ưu ya yê iêu oai oao oay oeo uây uôi uya uyê uyu ươi ươu "
           "yêu uơ").split()
_SYLLABLE = re.compile(
    "^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
    f"(?:{'|'.join(sorted(_VOWELS, key=len, reverse=True))})"
    "(?:ch|ng|nh|[cmnpt])?$")
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_SPLIT = re.compile(r"[\s<>\"'=/\\.,;:!?()\[\]{}|&#%+*@_0-9~`^$-]+")


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str  # NFC
    encoding: str  # the Python codec used: utf-8, cp1258, tcvn3, cp1252 ...
    declared: str  # what the page or server said, "" when nothing
    how: str  # bom | declared | detected
    # The text is the body read as UTF-8 unchanged (valid, whole, already NFC): the parser can
    # then take the body's bytes as they are rather than the text encoded again (page_root).
    is_body_as_utf8: bool = False

    @property
    def note(self) -> str:
        """A short account for the record, e.g. "tcvn3 (detected; declared cp1252)"."""
        if self.how == "declared":
            return self.encoding
        said = f"; declared {self.declared}" if self.declared and self.declared != self.encoding else ""
        return f"{self.encoding} ({self.how}{said})"


# Codecs Python knows that no page can be written in, or that must not be trusted from a page:
# a hostile <meta charset="zlib"> or "idna" would make decoding raise. Like browsers, a <meta>
# that says UTF-16 is read as UTF-8 (the meta itself was readable as ASCII).
_NOT_FOR_PAGES = frozenset({"idna", "punycode", "unicode-escape", "raw-unicode-escape", "undefined",
                            "utf-7", "utf-8-sig"})
_WIDE = frozenset({"utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"})


def declared_encoding(body: bytes, content_type: str = "") -> str:
    """The charset the server (Content-Type) or the page (<meta>) declares, as a usable codec
    name, or "" when none is declared or the declared one cannot decode a page."""
    header = _usable(http_content_type_encoding(content_type))
    if header:
        return header
    meta = _usable(html_body_declared_encoding(body))
    return "utf-8" if meta in _WIDE else meta


def _usable(name: str | None) -> str:
    if not name:
        return ""
    try:
        info = codecs.lookup(name)
    except LookupError:
        return ""
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_FOR_PAGES:
        return ""
    return info.name


def decode_html(body: bytes, content_type: str = "") -> Decoded:
    bom, _ = read_bom(body)
    if bom:
        return Decoded(_nfc(body.decode(bom, "replace").lstrip("\ufeff")), bom, bom, "bom")
    declared = declared_encoding(body, content_type)
    if declared in UNICODE and declared != "utf-8":
        return Decoded(_nfc(body.decode(declared, "replace")), declared, declared, "declared")
    utf8, whole = _strict_utf8(body)
    if utf8 is not None:
        if body.isascii():  # every ASCII-compatible label reads these bytes alike
            return Decoded(utf8, declared or "utf-8", declared, "declared" if declared else "detected",
                           True)
        # Most UTF-8 pages are NFC already: the check is cheaper than normalize's copy.
        as_is = unicodedata.is_normalized("NFC", utf8)
        return Decoded(utf8 if as_is else _nfc(utf8), "utf-8", declared,
                       "declared" if declared == "utf-8" else "detected", whole and as_is)
    if declared and declared not in WEAK and declared != "utf-8":
        return Decoded(_nfc(body.decode(declared, "replace")), declared, declared, "declared")
    guess = guess_legacy(body)
    if guess:
        return Decoded(_nfc(body.decode(guess, "replace")), guess, declared, "detected")
    fallback = declared or "cp1252"
    how = "declared" if declared else "detected"
    return Decoded(_nfc(body.decode(fallback, "replace")), fallback, declared, how)


def guess_legacy(body: bytes) -> str:
    """windows-1258 or TCVN3 when the bytes read as Vietnamese in it, else ""."""
    sample = body[:SAMPLE]
    if sample.isascii():
        return ""
    scores = {name: vietnamese_score(_nfc(sample.decode(name, "replace"))) for name in CANDIDATES}
    if _VN_FONT.search(sample):
        scores["tcvn3"] += 5  # a page set in .VnTime is TCVN3 unless the bytes say otherwise
    best = max(CANDIDATES, key=lambda name: scores[name])
    return best if best != "cp1252" and scores[best] > max(0, scores["cp1252"]) else ""


def vietnamese_score(text: str) -> int:
    """Words with non-ASCII letters that are Vietnamese syllables, minus those that are not."""
    score = 0
    for word in _SPLIT.split(text):
        if not word or word.isascii():
            continue
        score += 1 if is_vietnamese_syllable(word) else -1
    return score


def is_vietnamese_syllable(word: str) -> bool:
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(1 for char in decomposed if char in _TONES)
    if tones > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    return _SYLLABLE.match(base) is not None


def _strict_utf8(body: bytes) -> tuple[str | None, bool]:
    """The body read as UTF-8 (None when it is not UTF-8), and whether all of it was read."""
    try:
        return body.decode("utf-8"), True
    except UnicodeDecodeError as error:
        # A page cut at the size cap may end inside a character: that alone is no reason to
        # doubt the rest.
        if error.start >= len(body) - 3 and error.reason in ("unexpected end of data",):
            return body[:error.start].decode("utf-8"), False
        return None, False


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# Magic numbers of what hides behind a wrong "text/html" most often.
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"), (b"GIF87a", "a GIF image"), (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"), (b"%PDF-", "a PDF document"), (b"PK\x03\x04", "a ZIP archive"),
    (b"\xd0\xcf\x11\xe0", "an Office document"), (b"\x1f\x8b", "gzip data"), (b"MZ", "a Windows program"),
    (b"\x7fELF", "a Linux program"), (b"Rar!", "a RAR archive"), (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"RIFF", "a media file"), (b"\x00\x00\x00", "binary data"),
)
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\x1b")
# Every byte but the counted controls (below 32, not text's own): deleting them leaves those to
# count, in C (a generator over 2 KB took ~18 µs a page, twice: the middleware and the spider).
_NOT_CONTROLS = bytes(byte for byte in range(256) if byte >= 32 or byte in _TEXT_CONTROLS)


def binary_kind(body: bytes) -> str:
    """What a body served as HTML really is when it is not text ("" when it is text).

    A few NUL or control bytes in a page are a sloppy CMS, not a binary: only a known magic
    number, or a start made of control bytes for more than a tenth, counts.
    """
    head = body[:2048]
    for magic, kind in _SIGNATURES:
        if head.startswith(magic):
            return kind
    if not head:
        return ""
    controls = len(head.translate(None, _NOT_CONTROLS))
    return "binary data" if controls > len(head) / 10 else ""
