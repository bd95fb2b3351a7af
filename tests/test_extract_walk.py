"""The walk's shortcuts (spiders/extract.py) on the cases where a shortcut could change a fact:
elements with no attribute that still open a region or a box, anchors with and without
children, text with and without block edges, label words in any case."""

from __future__ import annotations

import unicodedata

import lxml.html
from hypothesis import given, settings, strategies as st

from auditor.spiders.extract import extract
from auditor.spiders.facts import PageFacts


def facts_of(body: str, url: str = "http://xa.quangtri.gov.vn/tin-tuc/1.html") -> PageFacts:
    facts = PageFacts(site="xa", url=url, final_url=url, status=200, is_html=True)
    return extract(facts, lxml.html.document_fromstring(f"<html><body>{body}</body></html>"), url)


def links_of(body: str) -> dict[str, object]:
    return {link.url.rsplit("/", 1)[-1]: link for link in facts_of(body).links}


def test_bare_region_and_content_tags_still_open_their_region():
    """<aside>, <footer>, <nav>, <main> with no attribute at all: the tag alone decides."""
    links = links_of('<nav><a href="/a">A</a></nav><aside><a href="/b">B</a></aside>'
                     '<main><header><a href="/c">C</a></header></main><footer><a href="/d">D</a></footer>')
    assert [links[name].region for name in "abcd"] == ["nav", "sidebar", "body", "footer"]


def test_a_bare_element_under_a_box_heading_takes_its_label():
    """No class, no id: the label still comes from the box's heading, and a nested box's
    heading replaces it for the links under that box only."""
    links = links_of('<div><h3>Liên kết</h3><ul><li><a href="/a">A</a></li></ul>'
                     '<div><h4>Quảng cáo</h4><p><a href="/b">B</a></p></div>'
                     '<p><a href="/c">C</a></p></div><p><a href="/d">D</a></p>')
    assert [links[name].label for name in "abcd"] == ["Liên kết", "Quảng cáo", "Liên kết", ""]


def test_label_class_words_in_any_case():
    links = links_of('<div><div class="Widget-TITLE">Văn bản mới</div><a href="/a">A</a></div>'
                     '<div><div class="khung">Không phải nhãn dài hơn ba mươi ký tự đâu nhé</div>'
                     '<a href="/b">B</a></div>')
    assert links["a"].label == "Văn bản mới"
    assert links["b"].label == ""  # a first line of plain text, but longer than a label


def test_hiding_attributes_without_class_or_id():
    facts = facts_of('<p hidden><a href="/a">A</a> ẩn một</p><p style="display:none">ẩn hai</p>'
                     '<p role="presentation"><a href="/b">B</a> hiện</p>')
    links = {link.url.rsplit("/", 1)[-1]: link for link in facts.links}
    assert links["a"].hidden and not links["b"].hidden
    assert "ẩn một" in facts.hidden_text and "ẩn hai" in facts.hidden_text
    assert "hiện" in facts.main_text and "ẩn" not in facts.main_text


def test_anchor_text_with_and_without_children():
    """A childless anchor's text is its text node; with children (a comment too) all its text."""
    links = links_of('<a href="/a">  Giới   thiệu\n chung </a>'
                     '<a href="/b">Tin <b>mới</b> nhất</a>'
                     '<a href="/c">Lịch<!-- chú thích --> công tác</a>'
                     '<a href="/d" title="Trang  chủ"><img src="/logo.png" alt="Logo"></a>'
                     '<a href="/e"></a>')
    assert [links[name].text for name in "abcde"] == ["Giới thiệu chung", "Tin mới nhất", "Lịch công tác", "", ""]
    assert links["d"].has_image and links["d"].image.startswith("Logo\n")
    assert not links["a"].has_image and links["a"].image == ""
    assert links["d"].title == "Trang  chủ" and links["a"].title == ""


def test_decomposed_anchor_text_is_composed():
    """NFC on the link text: a decomposed "ệ" (e + two combining marks) reads as one letter."""
    decomposed = "Vi\u0065\u0323\u0302t Nam"
    links = links_of(f'<a href="/a">{decomposed}</a><a href="/b"><span>{decomposed}</span></a>')
    assert links["a"].text == links["b"].text == "Việt Nam"


def test_block_edges_and_inline_text_make_the_lines():
    """Empty blocks still end a line; inline elements with no text add nothing; tails count."""
    facts = facts_of("<div>Một<span></span><b>hai</b></div><div></div><p>ba<br>bốn</p>"
                     "<span>năm</span>sáu<div> </div>bảy")
    assert facts.main_text.split("\n") == ["Mộthai", "ba", "bốn", "nămsáu", "bảy"]


def test_text_after_a_comment_or_instruction_is_read():
    """iterwalk gives comments and processing instructions only their own events: their tail
    (visible text) was lost, so a word, a date or spam after "<!-- x -->" went unread."""
    facts = facts_of('<p><span>Ngày</span><!-- x -->12/11/2026 <?php echo 1 ?>nổ hũ đổi thưởng</p>'
                     '<div style="display:none"><!-- y -->ẩn sau chú thích</div>')
    assert "Ngày12/11/2026 nổ hũ đổi thưởng" in facts.text.replace("\n", "")
    assert "ẩn sau chú thích" in facts.hidden_text


def test_emails_found_around_each_at_sign_as_the_regex_over_the_whole_text():
    """_emails_in runs the regex only on the words around an "@": the same matches, in order,
    for addresses at text edges, next to each other, across tabs and no-break spaces, and
    after a match that ends on a dot ("a@b.c.+d@e.f" holds two)."""
    import random

    from auditor.spiders.extract import _EMAIL, _emails_in

    texts = ["", "no at sign", "a@b.c", "Liên hệ: VP@UBND.Gov.vn\nĐT 0233", "a@b.c.+d@e.f",
             "x@ y@z.w", "a@b.c@d.e", "tab\ta@b.c\u00a0d@e.f g@h.i.", "@@ @a.b c@.d"]
    rng = random.Random(7)
    texts += ["".join(rng.choice("ab.+-@ \n\t,é_1") for _ in range(rng.randint(0, 30))) for _ in range(3000)]
    for text in texts:
        assert _emails_in(text) == [email.lower() for email in _EMAIL.findall(text)], text
    assert _emails_in("Email: VP@UBND.Gov.vn, hỏi@xã.vn") == ["vp@ubnd.gov.vn", "hỏi@xã.vn"]


def test_hiding_css_read_in_lower_case_as_the_case_blind_pattern():
    """The hiding pattern lowers ASCII CSS for a case-sensitive search (CaselessPattern): the
    same verdict as the IGNORECASE pattern in any case, and non-ASCII CSS (dotless ı, long ſ)
    still goes to the IGNORECASE pattern itself."""
    import random

    from auditor.spiders.extract import _HIDDEN_STYLE

    def _hides(text):
        return _HIDDEN_STYLE.search(text) is not None

    css = ["DISPLAY: NONE", "Visibility:Hidden", "font-size:0", "font-size:0.8em", "LEFT:-9999px",
           "margin-left: -10px", "max-width:1px", "Width:1PX", "opacity:0.5", "OPACITY:0",
           "CLIP: RECT(0 0 0 0)", "dıSPLAY:none", "viſibility:hidden", "color:red", ""]
    rng = random.Random(3)
    pieces = ["display", "DISPLAY", ":", " ", "none", "NONE", "-", "999", "0", "1px", "left", "TOP",
              "width", "opacity", ".5", "clip", "rect(", "ı", "ſ", "min-", ";"]
    css += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 8))) for _ in range(3000)]
    for text in css:
        assert _hides(text) == (_HIDDEN_STYLE.caseless.search(text) is not None), text
    assert _hides("DISPLAY: NONE") and _hides("dıSPLAY:none") and not _hides("opacity:0.5")


def _random_body(rng) -> str:
    """Nested boxes with the class words, ids, styles and children that decide a context:
    region and grid words, hiding and screen-reader classes, label classes and tags, a box's
    <header>, first lines of plain text, comments."""
    tags = "div span p li ul a h2 h3 h4 header footer nav aside main article section strong b legend img".split()
    classes = ["", "menu", "sub-menu", "sidebar", "col-md-3", "col-md-9", "hidden", "sr-only", "an-di",
               "widget-title", "Block-TITLE", "date", "excerpt", "box", "portlet-topper", "footer",
               "site-header", "panel-footer", "bottom", "tieu-de", "khung"]
    words = ["Tin mới", "Quảng cáo", "Liên kết", "12/11/2026", "nổ hũ", " ", "Văn bản pháp luật mới ban hành"]

    def element(depth: int) -> str:
        tag = rng.choice(tags)
        attributes = ""
        if rng.random() < 0.5:
            attributes += f' class="{rng.choice(classes)} {rng.choice(classes)}"'.replace("  ", " ")
        if rng.random() < 0.1:
            attributes += f' id="{rng.choice(["nav", "footer", "x", "an-id", "main"])}"'
        if rng.random() < 0.05:
            attributes += rng.choice([' style="display:none"', ' style="color:red"', " hidden", ' role="main"'])
        if tag == "a":
            attributes += f' href="/{rng.randint(0, 9)}"'
        if tag == "img":
            return f'<img src="/{rng.randint(0, 9)}.png" alt=""{attributes}>'
        inner = "".join(element(depth + 1) if depth < 6 and rng.random() < 0.6 else
                        rng.choice([rng.choice(words), "<!-- c -->"]) for _ in range(rng.randint(0, 4)))
        return f"<{tag}{attributes}>{inner}</{tag}>{rng.choice(['', rng.choice(words)])}"

    return ("<style>.an-di{display:none} #an-id{visibility:hidden}</style>"
            + "".join(element(0) for _ in range(rng.randint(1, 5))))


def test_the_context_changers_shortcut_gives_every_element_its_computed_context(monkeypatch):
    """The walk computes a context only for the elements _context_changers() names; on random
    boxes its facts equal those of a walk computing every element's context."""
    import dataclasses
    import random

    from auditor.spiders import extract as extract_module

    rng = random.Random(11)
    bodies = [_random_body(rng) for _ in range(400)]
    shortcut = [dataclasses.asdict(facts_of(body)) for body in bodies]
    scan = extract_module._context_changers
    monkeypatch.setattr(extract_module, "_context_changers", lambda elements, hidden_classes: dataclasses.replace(
        scan(elements, hidden_classes), changers=set(elements), label_boxes=set(elements)))
    every = [dataclasses.asdict(facts_of(body)) for body in bodies]
    for body, fast, full in zip(bodies, shortcut, every):
        assert fast == full, body
    labelled = [link for facts in shortcut for link in facts["links"] if link["label"]]
    assert len(labelled) > 100 and {link["region"] for facts in shortcut for link in facts["links"]} >= {
        "body", "nav", "sidebar", "footer", "header"}
    assert sum(link["hidden"] for facts in shortcut for link in facts["links"]) > 50


def test_link_made_by_position_in_its_fields_order():
    """link() passes Link's fields by position: a reordered Link would swap its strings."""
    import dataclasses

    from auditor.spiders.facts import Link

    assert [field.name for field in dataclasses.fields(Link)] == [
        "url", "text", "region", "hidden", "rel", "title", "has_image", "label", "image"]
    link = facts_of('<div><h3>Liên kết</h3><a href="/a" rel="nofollow" title="Tiêu đề">'
                    '<img src="/b.png" alt="Ảnh"> Chữ </a></div>').links[0]
    assert (link.url, link.text, link.region, link.hidden, link.rel, link.title, link.has_image, link.label) == (
        "http://xa.quangtri.gov.vn/a", "Chữ", "body", False, "nofollow", "Tiêu đề", True, "Liên kết")
    assert link.image.startswith("Ảnh\n")


def test_text_stops_after_the_limit_hidden_text_too():
    """After TEXT_LIMIT visible characters no text is kept, visible or hidden; the piece that
    crosses the limit is kept whole, and hidden text never counts towards it."""
    from auditor.spiders.extract import TEXT_LIMIT

    block = "x" * (TEXT_LIMIT // 2 - 10)
    tail = '<p style="display:none">ẩn sau</p><p>hiện sau</p>'
    under = facts_of(f"<p>{block}</p><p>{block}</p>{tail}")
    assert under.main_text.endswith("hiện sau") and under.hidden_text == "ẩn sau"
    hidden_first = facts_of(f'<div style="display:none">{"y" * TEXT_LIMIT}</div><p>{block}</p><p>{block}</p>{tail}')
    assert hidden_first.main_text.endswith("hiện sau")
    over = facts_of(f"<p>{block}</p><p>{block}</p><p>{block}</p>{tail}")
    assert over.main_text.endswith(block) and "sau" not in over.main_text and over.hidden_text == ""


def test_sources_joined_through_the_origin_as_urljoin_joins_them_to_the_page():
    """Root-relative sources are joined to the base's origin through a cache: the same URL as
    urljoin() with the page's own URL, for tabs, dots, queries, "//" and odd bases."""
    import random
    from urllib.parse import urljoin

    from auditor.spiders.extract import _Walker
    from auditor.spiders.facts import PageFacts

    bases = ["https://xa.gov.vn/tin-tuc/a.html?id=1#x", "http://XA.gov.vn:8080/a/b/", "HTTPS://xa.gov.vn",
             "http://u:p@xa.gov.vn/a;p?q", "ftp://xa.gov.vn/a/", "http://[::1]:81/x", "/relative/base", ""]
    rng = random.Random(5)
    pieces = ["/", "//", "a", "..", ".", "?q=1", "#f", "\t", "\n", "\r", " ", "b.jpg", ";p", ":", "%2e", "http:"]
    sources = ["/" + "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6))) for _ in range(2000)]
    for base in bases:
        walker = _Walker(PageFacts(site="xa", url="x", final_url="x", status=200), base, frozenset(), frozenset())
        for src in sources + ["/a.jpg", "//cdn.vn/b.jpg", "/\t/cdn.vn/c.jpg", "d.jpg", "../e.jpg"]:
            try:
                expected = urljoin(base, src)
            except ValueError:
                continue
            assert walker.join(src) == expected, (base, src)
    assert _Walker(PageFacts(site="xa", url="x", final_url="x", status=200), bases[0], frozenset(), frozenset()).origin == "https://xa.gov.vn/"


def test_a_part_of_a_narrow_element_never_spans_the_page():
    """_spans_page() settles an element inside one already measured as narrow without counting
    it: on random trees, every element's answer in document order is the count's."""
    import random

    from lxml import etree

    from auditor.spiders.extract import _WRAPPER_SHARE, _subtree_size, _Walker

    rng = random.Random(13)
    answers = set()
    for _ in range(150):
        body = _random_body(rng)
        body = f"<div>{body}</div>" if rng.random() < 0.5 else body  # a wrapper of it all
        root = lxml.html.document_fromstring(f"<html><body>{body}</body></html>")
        walker = _Walker(PageFacts(site="xa", url="x", final_url="x", status=200), "http://xa.vn/",
                         frozenset(), frozenset())
        for el in root.iter(etree.Element):
            spans = walker._spans_page(el)
            assert spans == (_subtree_size(el) > _subtree_size(root) * _WRAPPER_SHARE)
            answers.add(spans)
    assert answers == {True, False} and len(walker.narrow) > 5


def test_the_caches_keep_no_page_alive():
    """No cache of the extraction holds an lxml smart string: one holds its element, and
    through it the whole page, alive."""
    import gc
    import uuid
    import weakref

    import lxml.html

    url = "http://xa.quangtri.gov.vn/"
    probe = f"probe-{uuid.uuid4().hex}"  # class strings no earlier page has put in a cache
    root = lxml.html.document_fromstring(f'<html><body><div class="widget-title {probe}">Tin</div>'
                                         f'<ul class="menu {probe}"><li><a href="/a">A</a></li></ul></body></html>')
    extract(PageFacts(site="xa", url=url, final_url=url, status=200, is_html=True), root, url)
    boxes = [weakref.ref(el) for el in root.iter("div", "ul")]
    del root
    gc.collect()
    assert [box() for box in boxes] == [None, None]


def test_long_link_texts_and_sources_are_not_cached():
    """A hostile anchor wrapping a page of text, or a very long source, is worked out each time
    and kept out of the caches (4,096 entries of whole pages would be hundreds of MB)."""
    from auditor.spiders.extract import _join_rooted, _tidy_link_text_cached

    long_text, long_src = "chữ  " * 2_000, "/" + "a" * 2_000 + ".png"
    texts, sources = _tidy_link_text_cached.cache_info().currsize, _join_rooted.cache_info().currsize
    facts = facts_of(f'<a href="/a">{long_text}</a><img src="{long_src}">')
    assert facts.links[0].text == "chữ " * 75  # folded, then cut at 300
    assert facts.media[0].src == "http://xa.quangtri.gov.vn" + long_src
    assert _tidy_link_text_cached.cache_info().currsize == texts
    assert _join_rooted.cache_info().currsize == sources


def test_long_hrefs_are_not_cached():
    from auditor.spiders.extract import _plain_link
    from auditor.spiders.urls import _plain_absolute_cached

    long_href = "/" + "b" * 2_000 + ".html"
    sizes = _plain_link.cache_info().currsize, _plain_absolute_cached.cache_info().currsize
    facts = facts_of(f'<a href="{long_href}">Tin</a><a href="/a">{"chữ " * 100}</a>')
    assert [link.url for link in facts.links] == ["http://xa.quangtri.gov.vn" + long_href, "http://xa.quangtri.gov.vn/a"]
    assert _plain_link.cache_info().currsize == sizes[0]  # neither the long href nor the long text
    assert _plain_absolute_cached.cache_info().currsize <= sizes[1] + 1  # "/a" only


_HREFS = ["/a", "/tin-tuc/", "x.html", "?p=2", "http://h.vn/a", "https://xa.quangtri.gov.vn/b",
          "//cdn.vn/c", "/a b", "/%41", " /a ", "http://h.vn:99999/"]
_TEXTS = ["Tin tức", "  Tin   tức ", unicodedata.normalize("NFD", "Tin tức"), "", "A"]
_BASES = ["http://xa.quangtri.gov.vn/tin-tuc/1.html", "https://h.vn:8443/x/", "http://h.vn/a?q=1"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_HREFS), st.sampled_from(_TEXTS)), min_size=1, max_size=6))
def test_a_link_s_url_and_text_as_absolute_and_the_tidy_text_give_them(pairs):
    # Each page of three bases on two hosts holds the same links: one cached (href, text) must
    # come back with each page's own origin, and each text with its own tidy form.
    from auditor.spiders.extract import _tidy_link_text
    from auditor.spiders.urls import absolute

    body = "".join(f'<a href="{href}">{text}</a>' for href, text in pairs)
    for base in _BASES:
        expected = []
        for href, text in pairs:
            try:
                url = absolute(base, href.strip())
            except ValueError:
                url = ""
            expected.append((url, _tidy_link_text(text)))
        assert [(link.url, link.text) for link in facts_of(body, base).links] == expected
