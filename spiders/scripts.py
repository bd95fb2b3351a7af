"""Static reading of a page's inline scripts for what hacked sites inject (issue 12).

Injected scripts send the visitor elsewhere (``location = ...``, ``window.open``, a meta refresh
they write), often only when the visitor comes from a search engine (``document.referrer``) or
is a phone (``navigator.userAgent``); or they write a block of outside links or an iframe
(``document.write``, ``innerHTML``); and they hide both in base64, char codes or escapes. No
JavaScript is executed: the code is read as text, its encoded strings decoded, and what it
does is told from tokens.

Cheap and bounded, as hostile pages are: only a script with a suspicious token is read further;
a script is read up to ``SCRIPT_LIMIT`` characters, decoding goes ``MAX_LAYERS`` deep and
yields at most ``DECODED_LIMIT`` characters; the regular expressions are linear (no nesting
is parsed). The gatherer reports what the script does and to which outside hosts; the rule
(ADS-006) judges whether that is spam.
"""

from __future__ import annotations

import base64
import binascii
import re
from itertools import islice
from urllib.parse import unquote, urljoin, urlsplit

SCRIPT_LIMIT = 200_000  # characters of one script read
DECODED_LIMIT = 50_000  # characters decoded from one script, all layers together
MAX_LAYERS = 3  # an encoded string inside a decoded one, and so on
SIGNAL_LIMIT = 10  # signals kept per page
EVIDENCE = 400  # characters of decoded text and code kept as evidence
WINDOW = 400  # characters around an action read for its targets, before it for its conditions
ACTIONS_READ = 50  # matches of each action read per script (a library has many innerHTML)
STRINGS_READ = 500  # encoded strings of each kind tried per text

SUSPICIOUS = re.compile(
    r"location|window\.open|document\.write|innerHTML|insertAdjacentHTML|atob\s*\(|fromCharCode"
    r"|unescape\s*\(|decodeURIComponent\s*\(|\\x[0-9a-fA-F]{2}|\\u00[0-9a-fA-F]{2}|http-equiv", re.I)
_BASE64 = re.compile(r"[\"'`]([A-Za-z0-9+/]{16,}={0,2})[\"'`]")
_BARE_BASE64 = re.compile(r"[A-Za-z0-9+/]{16,}={0,2}")
_CHAR_CODES = re.compile(r"fromCharCode\s*\(\s*((?:\d{1,5}\s*,\s*){3,}\d{1,5})\s*\)")
_ESCAPES = re.compile(r"(?:\\x[0-9a-fA-F]{2}){4,}|(?:\\u[0-9a-fA-F]{4}){4,}")
_PERCENT = re.compile(r"(?:%[0-9a-fA-F]{2}){4,}")
_URL = re.compile(r"(?:https?:)?//[a-z0-9][a-z0-9.-]*\.[a-z]{2,}(?::\d+)?[^\s\"'`<>)\\]*", re.I)
_REDIRECT = re.compile(r"location(?:\.href)?\s*=(?!=)|location\.(?:replace|assign)\s*\(|window\.open\s*\("
                       r"|http-equiv\s*=\s*[\"']?refresh", re.I)
_WRITE = re.compile(r"document\.write(?:ln)?\s*\(|\.innerHTML\s*\+?=(?!=)|insertAdjacentHTML\s*\(", re.I)
_WRITTEN_TAG = re.compile(r"<\s*(?:a|iframe)\b", re.I)
ACTIONS = (("redirect", _REDIRECT), ("write", _WRITE))
# Where a statement ends: a ";" before a space, a "}" or a keyword (not one inside a string, as in
# "a;b"), or a line's end. Read to ``WINDOW`` characters at most.
_STATEMENT_END = re.compile(r";(?=\s|$|\}|(?:var|let|const|if|function|return)\b)|\n")
CONDITIONS = {  # what the script asks of the visitor before it acts
    "referrer": re.compile(r"document\.referrer", re.I),
    "user-agent": re.compile(r"navigator\.(?:userAgent|platform|vendor)", re.I),
}


def scan_script(code: str, page_url: str) -> list[dict]:
    """What one script does that a hacked site's would: ``redirect``, ``write`` (outside links or
    frames), or ``decoded`` (encoded text, for the rule to read), with the outside URLs it acts
    on, the conditions it tests first and the decoded text.

    Each action is judged from its own statement and the decoded text of the encoded strings
    written in it or in the ``WINDOW`` characters before it (``var _0x = ['\\x68...']; ...
    location.replace(_0x[0])``), its conditions from those characters: not from the whole file,
    where a library that reads ``navigator.userAgent`` in one function and builds ``<a>``
    elements in another does neither to an outside site."""
    code = code[:SCRIPT_LIMIT]
    if not SUSPICIOUS.search(code):
        return []
    decoded = decode_layers(code)
    signals: dict[tuple, dict] = {}
    for kind, pattern in ACTIONS:
        for match in islice(pattern.finditer(code), ACTIONS_READ):
            before = code[max(0, match.start() - WINDOW): match.start()]
            statement = _STATEMENT_END.split(code[match.start(): match.end() + WINDOW], 1)[0]
            plain = _decoded_in(before + statement, decoded)
            text = "\n".join([statement, *plain])
            targets = outside_targets(text, page_url)
            if not targets or (kind == "write" and not _WRITTEN_TAG.search(text)):
                continue
            conditions = [name for name, test in CONDITIONS.items() if test.search(before)]
            signals.setdefault((kind, targets[0]), {
                "kind": kind, "targets": targets[:10], "conditions": conditions,
                "decoded": " | ".join(plain)[:EVIDENCE], "excerpt": _excerpt(code, match.start())})
    found = list(signals.values())
    if decoded and not found:
        found.append({"kind": "decoded", "targets": outside_targets("\n".join(p for _, p in decoded), page_url)[:10],
                      "conditions": [], "decoded": " | ".join(p for _, p in decoded)[:EVIDENCE],
                      "excerpt": _excerpt(code, code.find(decoded[0][0]))})
    return found[:SIGNAL_LIMIT]


def _decoded_in(window: str, decoded: list[tuple[str, str]]) -> list[str]:
    """The decoded text of the encoded strings in the window (and of those inside them)."""
    seen, plain = window, []
    for _ in range(MAX_LAYERS):
        added = [p for encoded, p in decoded if encoded in seen and p not in plain]
        if not added:
            break
        plain += added
        seen = "\n".join([window, *plain])
    return plain


def outside_targets(text: str, page_url: str) -> list[str]:
    """URLs in the text whose host is not the page's (the rule tells the public ones apart)."""
    page_host = urlsplit(page_url).hostname or ""
    targets = []
    for raw in _URL.findall(text):
        try:
            url = urljoin(page_url, raw)
            host = urlsplit(url).hostname or ""
        except ValueError:
            continue
        if host and host != page_host and url not in targets:
            targets.append(url)
    return targets


def decode_layers(code: str) -> list[tuple[str, str]]:
    """The readable strings hidden in the code (base64, char codes, \\x / \\u and % escapes),
    as (encoded, decoded), up to ``MAX_LAYERS`` deep and ``DECODED_LIMIT`` characters in all."""
    found: list[tuple[str, str]] = []
    layer, budget = [code], DECODED_LIMIT
    for _ in range(MAX_LAYERS):
        next_layer = []
        for text in layer:
            for encoded, plain in _decoded_strings(text):
                if budget <= 0:
                    return found
                plain = plain[:budget]
                budget -= len(plain)
                found.append((encoded, plain))
                next_layer.append(plain)
        if not next_layer:
            break
        layer = next_layer
    return found


def _decoded_strings(text: str):
    if _BARE_BASE64.fullmatch(text):  # a decoded string that is base64 again (a layer deeper)
        plain = _from_base64(text)
        if plain:
            yield text, plain
    for match in islice(_BASE64.finditer(text), STRINGS_READ):
        plain = _from_base64(match.group(1))
        if plain:
            yield match.group(1), plain
    for match in islice(_CHAR_CODES.finditer(text), STRINGS_READ):
        plain = "".join(chr(int(n)) for n in re.findall(r"\d+", match.group(1)) if int(n) < 0x110000)
        if _readable(plain):
            yield match.group(0), plain
    for match in islice(_ESCAPES.finditer(text), STRINGS_READ):
        try:
            plain = match.group(0).encode("ascii").decode("unicode_escape")
        except UnicodeDecodeError:
            continue
        if _readable(plain):
            yield match.group(0), plain
    for match in islice(_PERCENT.finditer(text), STRINGS_READ):
        plain = unquote(match.group(0))
        if _readable(plain):
            yield match.group(0), plain


def _from_base64(chunk: str) -> str:
    try:
        raw = base64.b64decode(chunk + "=" * (-len(chunk) % 4), validate=True)
        plain = raw.decode("utf-8")
    except (binascii.Error, ValueError):
        return ""
    return plain if _readable(plain) else ""


def _readable(plain: str) -> bool:
    """Text, not bytes that happen to decode (an identifier that looks like base64, an image)."""
    if len(plain) < 4:
        return False
    printable = sum(1 for c in plain if c.isprintable() or c in "\n\t")
    return printable >= 0.95 * len(plain) and any(c.isalpha() for c in plain)


def _excerpt(text: str, at: int) -> str:
    start = max(0, at - 80)
    return " ".join(text[start:start + 200].split())
