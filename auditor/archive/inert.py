"""The inert copy of an archived page: a local HTML file a person can open without network.

Built from the WARC record (never from the live site): the payload is decoded (content
encoding, then charset, as the crawl does), then every way a page can act or reach out is taken
away, and a Content-Security-Policy forbids what might have slipped through:

- scripts become hidden placeholders (``data-archived-tag="script"``), so a finding about a
  script still has an element to point to; frames, objects and embeds become visible boxes
  naming what was embedded;
- every attribute that runs code (``on*``, ``javascript:`` links) or loads something (``src``,
  ``srcset``, ``poster``, ``background``, ``ping``, ``action``, non-link ``href``) is removed;
  the address is kept, resolved, in ``data-archived-src`` where a locator may need it;
- ``<base>``, ``<link>``, ``<meta http-equiv>`` go; ``url(...)`` and ``@import`` in styles go;
- a banner says whose copy this is and when it was captured.

Links (``<a href>``) stay, resolved to absolute URLs: following one is the reader's choice,
and the screenshot locator finds a link by its address.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from urllib.parse import urljoin

from lxml import etree, html as lxml_html

from auditor.spiders.charset import decode_html

CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
BANNER_ID = "auditor-archived-banner"
PLACEHOLDER_TAGS = frozenset({"iframe", "frame", "object", "embed", "applet", "portal", "fencedframe"})
DROPPED_TAGS = frozenset({"base", "link"})
LOADING_ATTRIBUTES = frozenset({"src", "srcset", "imagesrcset", "poster", "background", "data",
                                "ping", "action", "formaction", "manifest", "codebase", "archive",
                                "lowsrc", "dynsrc", "longdesc", "usemap", "itemtype"})
LINK_TAGS = frozenset({"a", "area"})
_CSS_URL = re.compile(r"url\s*\(\s*(['\"]?)(?!data:)[^)]*\)", re.I)
_CSS_IMPORT = re.compile(r"@import[^;]*;?", re.I)
_CSS_IMAGE_SET = re.compile(r"(-webkit-)?image-set\s*\([^)]*\)", re.I)  # bare strings load too
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")  # lxml refuses a str that declares an encoding
_JAVASCRIPT = re.compile(r"^\s*(javascript|vbscript|data)\s*:", re.I)


@dataclass(frozen=True)
class Capture:
    """What the banner and the URL resolution need of a record."""

    url: str
    captured_at: str
    payload_sha256: str


def neutral_css(css: str) -> str:
    return _CSS_IMAGE_SET.sub("none", _CSS_URL.sub("none", _CSS_IMPORT.sub("", css)))


def inert_html(body: bytes, content_type: str, capture: Capture) -> str:
    """The inert copy of a decoded page body, as a UTF-8 HTML document."""
    text = _XML_DECLARATION.sub("", decode_html(body, content_type).text)
    try:
        root = lxml_html.document_fromstring(text or "<html></html>")
    except (etree.ParserError, ValueError):
        root = lxml_html.document_fromstring("<html><body></body></html>")
    base = _base_url(root, capture.url)
    for element in list(root.iter()):
        if isinstance(element.tag, str):  # not a comment or processing instruction
            _neutralise(element, base)
    _add_head(root, capture)
    return lxml_html.tostring(root, doctype="<!DOCTYPE html>", encoding="unicode")


def _base_url(root, page_url: str) -> str:
    base = root.find(".//base[@href]")
    return urljoin(page_url, base.get("href", "").strip()) if base is not None else page_url


def _neutralise(element, base: str) -> None:
    tag = element.tag.lower().rsplit("}", 1)[-1]
    if element.getparent() is None and tag != "html":
        return
    if tag == "script":
        _replace(element, _script_placeholder(element, base))
    elif tag in PLACEHOLDER_TAGS:
        _replace(element, _embed_placeholder(element, tag, base))
    elif tag == "frameset":  # an old frames page: its frames become boxes naming their pages
        element.attrib.clear()
        element.tag = "div"
    elif tag in DROPPED_TAGS or (tag == "meta" and (element.get("http-equiv") or element.get("charset"))):
        element.drop_tree()
    else:
        if tag == "style":
            element.text = neutral_css(element.text or "")
        _clean_attributes(element, tag, base)


def _clean_attributes(element, tag: str, base: str) -> None:
    for name in list(element.attrib):
        local = name.lower().rsplit("}", 1)[-1].rsplit(":", 1)[-1]
        value = element.attrib[name]
        if local.startswith("on") or local in ("target", "formtarget"):
            del element.attrib[name]
        elif local == "href":
            if tag in LINK_TAGS and not _JAVASCRIPT.match(value):
                element.attrib[name] = urljoin(base, value.strip())
            else:
                del element.attrib[name]
        elif local == "style":
            element.attrib[name] = neutral_css(value)
        elif local in LOADING_ATTRIBUTES:
            del element.attrib[name]
            if local in ("src", "data") and value.strip() and not _JAVASCRIPT.match(value):
                element.set("data-archived-src", urljoin(base, value.strip()))
            elif local == "src" and value.strip().lower().startswith("data:image/") and tag == "img":
                element.set("src", value.strip())  # an inline image loads nothing (CSP: img-src data:)


def _replace(element, placeholder) -> None:
    placeholder.tail = element.tail
    element.getparent().replace(element, placeholder)


def _script_placeholder(element, base: str):
    placeholder = etree.Element("span", {"hidden": "", "data-archived-tag": "script"})
    if element.get("src", "").strip():
        placeholder.set("data-archived-src", urljoin(base, element.get("src").strip()))
    return placeholder


def _embed_placeholder(element, tag: str, base: str):
    source = (element.get("src") or element.get("data") or "").strip()
    address = urljoin(base, source) if source and not _JAVASCRIPT.match(source) else ""
    size = "".join(f"{side}:{int(value)}px;" for side, value in
                   (("width", _number(element.get("width"))), ("height", _number(element.get("height"))))
                   if value)
    placeholder = etree.Element("div", {"data-archived-tag": tag, "style": (
        "border:2px dashed #888;background:#f4f4f4;color:#333;font:13px sans-serif;padding:6px;"
        "box-sizing:border-box;overflow:hidden;" + size)})
    if address:
        placeholder.set("data-archived-src", address)
    placeholder.text = f"[{tag} đã gỡ khỏi bản lưu{': ' + address if address else ''}]"
    return placeholder


def _number(value: str | None) -> int:
    match = re.match(r"\s*(\d{1,5})", value or "")
    return int(match.group(1)) if match else 0


def _add_head(root, capture: Capture) -> None:
    head = root.find("head")
    if head is None:
        head = etree.Element("head")
        root.insert(0, head)
    head.insert(0, etree.Element("meta", {"http-equiv": "Content-Security-Policy", "content": CSP}))
    head.insert(0, etree.Element("meta", {"charset": "utf-8"}))
    body = root.find("body")
    if body is None:  # a frameset page: what stood beside the head goes into a body
        rest = [child for child in root if child is not head]
        body = etree.SubElement(root, "body")
        body.extend(rest)
    body.insert(0, lxml_html.fragment_fromstring(banner(capture)))


def banner(capture: Capture) -> str:
    """The Vietnamese notice on top of every copy: whose copy, when, and its digest."""
    return (f'<div id="{BANNER_ID}" role="note" style="all:initial;display:block;background:#fff3cd;'
            'color:#222;border-bottom:2px solid #b58900;padding:8px 12px;font:14px/1.4 sans-serif;'
            'overflow-wrap:anywhere">'
            f"Bản lưu của {escape(capture.url)} lúc {escape(capture.captured_at)} "
            f"(SHA-256 {escape(capture.payload_sha256)}). Bản sao tĩnh do công cụ kiểm tra lưu: "
            "đã gỡ mã script, khung nhúng và mọi tài nguyên tải từ xa.</div>")
