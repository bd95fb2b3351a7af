"""spiders/parse.py: the body's own bytes are parsed only where they are what parsel would parse,
and the tree is then the one parsel builds from the decoded text."""

import lxml.html
import pytest
from lxml import etree
from parsel import Selector

from auditor.spiders.charset import decode_html
from auditor.spiders.parse import _body_as_parsed, page_root, text_content

URL = "https://xa.example.gov.vn/tin-tuc/"
PAGE = "<html><head><title>Tin tức</title></head><body><p>Việt Nam <a href='/a'>Liên kết</a></p></body></html>"


def _parsel_tree(body: bytes, content_type: str = "text/html") -> bytes:
    decoded = decode_html(body, content_type)
    return etree.tostring(Selector(text=decoded.text, type="html", base_url=URL).root, encoding="unicode")


def _our_tree(body: bytes, content_type: str = "text/html") -> bytes:
    return etree.tostring(page_root(decode_html(body, content_type), body, URL), encoding="unicode")


CASES = {
    # body, whether its bytes are parsed as they are
    "utf-8": (PAGE.encode(), True),
    "ascii": (b"<html><body><p>plain</p></body></html>", True),
    "newlines around": (("\n\n  " + PAGE + "\n").encode(), True),
    "empty": (b"", True),
    "blank": (b" \n\t ", True),
    "text only": ("Việt Nam".encode(), True),
    "no-break space first": (("\u00a0" + PAGE).encode(), False),  # str.strip drops it, bytes.strip not
    "separator last": ((PAGE + "\x1c").encode(), False),  # \x1c: str whitespace, not bytes whitespace
    "ideographic space last": ((PAGE + "\u3000").encode(), False),
    "NUL inside": (PAGE.replace("Nam", "Na\x00m").encode(), False),
    "NUL before a space": (("\x00 " + PAGE).encode(), False),  # parsel strips, then drops the NUL
    "decomposed tone marks": (PAGE.replace("Việt", "Vie\u0323\u0302t").encode(), False),  # NFC changes it
    "cut inside a character": (PAGE.encode() + "ệ".encode()[:2], False),
    "byte-order mark": (b"\xef\xbb\xbf" + PAGE.encode(), False),
    "windows-1258": (PAGE.encode("cp1258", "replace"), False),
}


@pytest.mark.parametrize("name", CASES)
def test_same_tree_as_parsel(name):
    body, as_bytes = CASES[name]
    assert _our_tree(body) == _parsel_tree(body)
    taken = _body_as_parsed(decode_html(body, "text/html"), body) is not None
    assert taken is as_bytes


def test_decoded_says_when_the_text_is_the_body_as_utf8():
    assert decode_html(PAGE.encode(), "text/html; charset=utf-8").is_body_as_utf8
    nfd = PAGE.replace("Việt", "Vie\u0323\u0302t").encode()
    decoded = decode_html(nfd, "text/html; charset=utf-8")
    assert not decoded.is_body_as_utf8 and "Việt" in decoded.text  # still normalised
    assert not decode_html(PAGE.encode() + b"\xe1\xbb", "text/html").is_body_as_utf8  # cut short
    assert not decode_html(PAGE.encode("utf-16"), "text/html").is_body_as_utf8


def test_base_url_kept():
    root = page_root(decode_html(PAGE.encode()), PAGE.encode(), URL)
    assert root.getroottree().docinfo.URL == URL


def test_plain_elements_and_their_text_content():
    """The tree's elements are lxml's own (made in C), and text_content() reads an element's
    text as lxml.html's method of that name does: its descendants' text, not its comments'."""
    body = "<html><body><p>Việt <b>Nam</b><!-- ẩn --> mới<br>nhất</p></body></html>".encode()
    root = page_root(decode_html(body), body, URL)
    assert type(root) is etree._Element
    paragraph = root.find(".//p")
    assert text_content(paragraph) == "Việt Nam mới" + "nhất"
    assert text_content(paragraph) == lxml.html.fromstring(body.decode()).find(".//p").text_content()


# -- find_body(): root.find(".//body") without walking the tree past the <body> -----------
from hypothesis import given, settings, strategies as st  # noqa: E402

from auditor.spiders.parse import find_body  # noqa: E402

_PARTS = ["<head><title>t</title></head>", "<body class='a'>x</body>", "<body class='b'><p>y</p></body>",
          "<div><body class='c'></body></div>", "<!-- c -->", "<p>text</p>", "<head><body class='d'/></head>"]


def _trees(markup: str):
    """The same markup as the spider's parser reads it, as a tree built by hand (where a
    <body> may sit anywhere, the root be a <body>, or there be none), and as an XML-ish fragment."""
    yield page_root(decode_html(markup.encode(), "text/html"), markup.encode(), "http://h.vn/")
    yield etree.fromstring(f"<html>{markup}</html>", etree.XMLParser(recover=True))
    yield etree.fromstring(f"<body>{markup}</body>", etree.XMLParser(recover=True))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PARTS), max_size=6))
def test_find_body_finds_what_the_query_finds(parts):
    for root in _trees("".join(parts)):
        if root is not None:
            assert find_body(root) is root.find(".//body")


def test_find_body_takes_a_body_nested_before_the_root_s_own():
    root = etree.fromstring("<html><head><body id='in-head'/></head><body id='own'/></html>")
    assert find_body(root).get("id") == "in-head"
    assert find_body(etree.fromstring("<body><p/></body>")) is None  # the root itself is not below it


from auditor.spiders.parse import elements_by_tag  # noqa: E402

_TAGGED = ["<meta name='viewport' content='w'>", "<style>.a{display:none}</style>", "<p>x</p>",
           "<div><style>b{}</style><meta name='generator' content='g'></div>", "<!-- <meta> -->"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_TAGGED), max_size=6), st.lists(st.sampled_from(_TAGGED), max_size=6))
def test_elements_by_tag_are_each_tag_s_iter(head, body):
    markup = f"<html><head>{''.join(head)}</head><body>{''.join(body)}</body></html>"
    root = page_root(decode_html(markup.encode(), "text/html"), markup.encode(), "http://h.vn/")
    found = elements_by_tag(root, "meta", "style")
    assert found == {tag: list(root.iter(tag)) for tag in ("meta", "style")}
    for style in found["style"]:  # the element it starts from counts, as iter() counts it
        assert elements_by_tag(style, "style", "meta") == {"style": [style], "meta": []}
