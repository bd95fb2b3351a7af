"""kind.article_end finds the "related news" heading by the newline before it, as the
MULTILINE "^" search did at every position."""

from hypothesis import given, settings, strategies as st

from auditor.spiders.kind import _RELATED, article_end

PIECES = ["Tin liên quan", "TIN KHÁC", "xem thêm", "Xem thêmx", "các tin đã đưa", "bài viết liên quan",
          "Những tin cũ hơn", "tin", "\n", " ", "a", "ạ", "\r", "Tin bài khác:"]


def reference_end(text: str) -> int:
    match = _RELATED.search(text)
    return match.start() if match else len(text)


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
def test_article_end_is_the_multiline_search(text):
    assert article_end(text) == reference_end(text)


def test_headings_on_the_first_line_and_later_ones():
    assert article_end("Tin khác\nBài một") == 0
    assert article_end("Bài một\nnội dung\nTIN LIÊN QUAN\nBài hai") == len("Bài một\nnội dung\n")
    assert article_end("Bài một, xem thêm tại đây") == len("Bài một, xem thêm tại đây")  # mid-line
    assert article_end("Bài một\nXem thêmx") == len("Bài một\nXem thêmx")  # not a whole word

