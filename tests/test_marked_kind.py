"""What a CMS's own class and id words say a page is (spiders/profiles.py: marked_kind), read in
the page's ids, then (when they do not settle it) its class values."""

from hypothesis import given, settings, strategies as st
from lxml import etree, html

from auditor.spiders.profiles import marked_kind, profiles


def kind_of(body: str, body_class: str = "") -> str:
    nukeviet = next(p for p in profiles() if p.name == "nukeviet")
    return marked_kind(nukeviet, html.fromstring(f'<html><body class="{body_class}">{body}</body></html>'))


def test_ids_and_class_words_mark_the_kind():
    assert kind_of('<div id="news-bodyhtml">x</div>') == "article"
    assert kind_of('<div class="a  page-content\tb">x</div>') == "static"
    assert kind_of('<div class="viewcat">x</div><ul class="news_column-listing"></ul>') == "listing"
    assert kind_of("<div>x</div>", body_class="viewcat") == "listing"
    assert kind_of('<div class="x">x</div>') == ""


def test_kinds_are_tried_in_order_whatever_the_page_order():
    # "article" comes before "static" and "listing" in KINDS
    assert kind_of('<div class="viewcat"></div><div id="page-bodyhtml"></div><p id="news-bodyhtml"></p>') \
        == "article"


def test_a_marker_inside_a_longer_word_or_id_is_none():
    assert kind_of('<div class="my-viewcat-box" id="news-bodyhtml-2">x</div>') == ""
    assert kind_of('<div id="viewcat x">x</div>') == ""  # an id is one value, not words
    # XPath's normalize-space splits on space, tab, CR and LF only: a no-break space joins words
    assert kind_of('<div class="a\u00a0viewcat">x</div>') == ""


def test_class_values_of_different_elements_never_join_into_a_marker():
    """The page's class values are read together: one ending where the next begins stays two words."""
    assert kind_of('<div class="a view"></div><div class="cat"></div><p class="news-">x</p><p class="bodyhtml">') == ""
    assert kind_of('<div class="view"></div><div class="x viewcat\n"></div>') == "listing"


def test_an_earlier_kind_by_class_wins_over_a_later_kind_by_id():
    # the ids are read first, the class values only when they do not settle the kind
    assert kind_of('<div id="page-bodyhtml"></div><div class="news-bodyhtml"></div>') == "article"
    assert kind_of('<div id="viewcat"></div><div class="x page-content"></div>') == "listing"
    assert kind_of('<div id="page-content"></div>', body_class="news-bodyhtml") == "article"


NUKEVIET_MARKS = ["news-bodyhtml", "page-bodyhtml", "viewcat", "news_column-listing", "page-content"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["div", "p", "span", "a"]),
                          st.sampled_from([None, "", "x", *NUKEVIET_MARKS, "a viewcat", "news-bodyhtml b"]),
                          st.sampled_from([None, "", "y", *NUKEVIET_MARKS, "viewcat x"])), max_size=8),
       st.sampled_from(["", "viewcat", "x"]))
def test_the_words_read_by_the_element_pass_mark_the_kind_as_the_queries_do(elements, body_class):
    """extract.py hands marked_kind the ids and class values its pass over the elements read
    (the walk's _context_changers()); the kind is the one the page's own //@id and //@class
    queries give."""
    from auditor.spiders.extract import _context_changers

    nukeviet = next(p for p in profiles() if p.name == "nukeviet")
    def attribute(name, value):
        return "" if value is None else f' {name}="{value}"'

    body = "".join(f"<{tag}{attribute('id', ident)}{attribute('class', classes)}>x</{tag}>"
                   for tag, ident, classes in elements)
    root = etree.fromstring(f'<html><body class="{body_class}">{body}</body></html>', etree.HTMLParser())
    scan = _context_changers(list(root.iter()), frozenset())
    assert marked_kind(nukeviet, root, (scan.ids, scan.class_values)) == marked_kind(nukeviet, root)
