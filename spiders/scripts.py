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
from urllib.parse import unquote, urljoin, urlsplit

SCRIPT_LIMIT = 200_000  # characters of one script read
DECODED_LIMIT = 50_000  # characters decoded from one script, all layers together
MAX_LAYERS = 3  # an encoded string inside a decoded one, and so on
SIGNAL_LIMIT = 10  # signals kept per page
EVIDENCE = 400  # characters of decoded text and code kept as evidence

SUSPICIOUS = re.compile(
    r"location|window\.open|document\.write|innerHTML|insertAdjacentHTML|atob\s*\(|fromCharCode"
    r"|unescape\s*\(|decodeURIComponent\s*\(|\\x[0-9a-fA-F]{2}|\\u00[0-9a-fA-F]{2}|http-equiv", re.I)
_BASE64 = re.compile(r"[\"'`]([A-Za-z0-9+/]{16,}={0,2})[\"'`]")
_CHAR_CODES = re.compile(r"fromCharCode\s*\(\s*((?:\d{1,5}\s*,\s*){3,}\d{1,5})\s*\)")
_ESCAPES = re.compile(r"(?:\\x[0-9a-fA-F]{2}){4,}|(?:\\u[0-9a-fA-F]{4}){4,}")
_PERCENT = re.compile(r"(?:%[0-9a-fA-F]{2}){4,}")
_URL = re.compile(r"(?:https?:)?//[a-z0-9][a-z0-9.-]*\.[a-z]{2,}(?::\d+)?[^\s\"'`<>)\\]*", re.I)
_REDIRECT = re.compile(r"location(?:\.href)?\s*=(?!=)|location\.(?:replace|assign)\s*\(|window\.open\s*\("
                       r"|http-equiv\s*=\s*[\"']?refresh", re.I)
_WRITE = re.compile(r"document\.write(?:ln)?\s*\(|\.innerHTML\s*\+?=(?!=)|insertAdjacentHTML\s*\(", re.I)
_WRITTEN_TAG = re.compile(r"<\s*(?:a|iframe)\b", re.I)
CONDITIONS = {  # what the script asks of the visitor before it acts
    "referrer": re.compile(r"document\.referrer", re.I),
    "user-agent": re.compile(r"navigator\.(?:userAgent|platform|vendor)", re.I),
}


def scan_script(code: str, page_url: str) -> list[dict]:
    """What one inline script does that a hacked site's would: ``redirect``, ``write`` (outside
    links or frames), or ``decoded`` (encoded text, for the rule to read), with the outside
    hosts it names, the conditions it tests and the decoded text."""
    code = code[:SCRIPT_LIMIT]
    if not SUSPICIOUS.search(code):
        return []
    decoded = decode_layers(code)
    text = "\n".join([code, *decoded])
    targets = outside_targets(text, page_url)
    found = {"targets": targets[:10], "conditions": [name for name, test in CONDITIONS.items() if test.search(text)],
             "decoded": " | ".join(decoded)[:EVIDENCE]}
    signals = []
    for kind, pattern in (("redirect", _REDIRECT), ("write", _WRITE)):
        match = pattern.search(text)
        if match and targets and (kind == "redirect" or _WRITTEN_TAG.search(text)):
            signals.append({"kind": kind, **found, "excerpt": _excerpt(text, match.start())})
    if decoded and not signals:
        signals.append({"kind": "decoded", **found, "excerpt": _excerpt(code, 0)})
    return signals


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


def decode_layers(code: str) -> list[str]:
    """The readable strings hidden in the code (base64, char codes, \\x / \\u and % escapes),
    decoded up to ``MAX_LAYERS`` deep and ``DECODED_LIMIT`` characters in all."""
    found: list[str] = []
    layer, budget = [code], DECODED_LIMIT
    for _ in range(MAX_LAYERS):
        next_layer = []
        for text in layer:
            for plain in _decoded_strings(text):
                if budget <= 0:
                    return found
                plain = plain[:budget]
                budget -= len(plain)
                found.append(plain)
                next_layer.append(plain)
        if not next_layer:
            break
        layer = next_layer
    return found


def _decoded_strings(text: str):
    for match in _BASE64.finditer(text):
        plain = _from_base64(match.group(1))
        if plain:
            yield plain
    for match in _CHAR_CODES.finditer(text):
        plain = "".join(chr(int(n)) for n in re.findall(r"\d+", match.group(1)) if int(n) < 0x110000)
        if _readable(plain):
            yield plain
    for match in _ESCAPES.finditer(text):
        try:
            plain = match.group(0).encode("ascii").decode("unicode_escape")
        except UnicodeDecodeError:
            continue
        if _readable(plain):
            yield plain
    for match in _PERCENT.finditer(text):
        plain = unquote(match.group(0))
        if _readable(plain):
            yield plain


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
