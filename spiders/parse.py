"""A page's decoded text parsed into lxml's tree, as parsel's ``Selector(text=..., type="html")``
builds it, without encoding the text back to UTF-8 when the body already is that encoding.

parsel parses ``text.strip().replace("\\x00", "").encode("utf-8")``. When the text is the body
read as UTF-8 unchanged (``Decoded.is_body_as_utf8``: valid, whole, already NFC), those bytes are
``body.strip()`` provided that the body holds no NUL (parsel strips before it drops NULs) and that
its first and last bytes after the ASCII strip are not whitespace to ``str.strip`` (a non-ASCII
byte, or one of \\x1c-\\x1f, which ``bytes.strip`` keeps): then the same bytes reach the same
parser, and the tree is the same. Any other page has the text encoded as parsel encodes it.

The parser is lxml's own HTML parser with parsel's options, not lxml.html's: the tree is the
same, but its elements are plain ``etree._Element`` proxies, which lxml makes in C, where
lxml.html's class lookup runs Python code for every element a page's readers touch (bench/:
a synthetic page's proxies 0.35 -> 0.06 ms). Its readers use no lxml.html method.
"""

from __future__ import annotations

from lxml import etree

from auditor.spiders.charset import Decoded

EMPTY_PAGE = b"<html/>"  # what parsel parses for a page with nothing in it
# An element's text and its descendants' (comments' not): lxml.html's text_content(), which
# plain elements lack, is this very query.
text_content = etree.XPath("string()", smart_strings=False)


def find_body(root):
    """``root.find(".//body")``: the first <body> below the root in document order, or None.

    lxml's iterators look one match ahead, so that query walked the whole tree after the
    <body> for another one (~0.03 ms a synthetic page, and a page asked it twice). The root's
    children are looked at in order, and only those before the body (the <head>) are searched
    inside: the first <body> is a child, or lies in the subtree of a child before it."""
    for child in root.iterchildren(tag=etree.Element):
        if child.tag == "body":
            return child
        nested = child.find(".//body")
        if nested is not None:
            return nested
    return None


def elements_by_tag(root, *tags: str) -> dict[str, list]:
    """``{tag: list(root.iter(tag))}`` for each of ``tags``, from one walk of the tree: the
    readers of a page's <meta> and <style> elements (extract.py's and features.py's) each
    walked the whole tree for them (~0.03 ms a synthetic page a walk)."""
    found: dict[str, list] = {tag: [] for tag in tags}
    for el in root.iter(*tags):
        found[el.tag].append(el)
    return found


def page_root(decoded: Decoded, body: bytes, base_url: str):
    """The root element of the page (raises what lxml raises on input it cannot parse)."""
    source = _body_as_parsed(decoded, body)
    if source is None:
        source = decoded.text.strip().replace("\x00", "").encode("utf-8")
    parser = etree.HTMLParser(recover=True, encoding="utf-8", huge_tree=True)  # parsel's, per page
    root = etree.fromstring(source or EMPTY_PAGE, parser=parser, base_url=base_url)
    if root is None:
        root = etree.fromstring(EMPTY_PAGE, parser=parser, base_url=base_url)
    return root


def _body_as_parsed(decoded: Decoded, body: bytes) -> bytes | None:
    """The bytes parsel would parse for this text, taken from the body; None when the body
    cannot stand for them."""
    if not decoded.is_body_as_utf8 or b"\x00" in body:
        return None
    stripped = body.strip()
    if stripped and not (_edge_kept(stripped[0]) and _edge_kept(stripped[-1])):
        return None
    return stripped


def _edge_kept(byte: int) -> bool:
    """The byte is a whole character that ``str.strip`` keeps too."""
    return byte < 0x80 and not chr(byte).isspace()
