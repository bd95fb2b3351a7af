"""Page tools (spiders/features.py): "print" and "save" found by a control's words or its code,
whatever the shortcuts that skip the thousands of elements that are neither."""

from hypothesis import given, settings, strategies as st
from lxml import html

from auditor.spiders.features import _page_tools


def tools(markup: str) -> list[str]:
    return _page_tools(html.fromstring(f"<html><body>{markup}</body></html>"))


def test_tools_named_by_their_words():
    assert tools('<div><a href="#">In bài</a><button>Lưu bài viết</button></div>') == ["print", "save"]
    assert tools('<span title="Bản in"></span>') == ["print"]
    assert tools('<input type="button" value="Xuất PDF">') == ["save"]


def test_tools_named_by_their_code():
    assert tools('<a href="/tin/123?print=1"><i class="icon"></i></a>') == ["print"]
    assert tools('<li onclick="window.print()">x</li><div class="export-pdf">y</div>') == ["print", "save"]


def test_words_that_only_begin_like_a_tool_are_not_one():
    # "in" opens "In bài" but also "Inbox"-like words and "in ấn"; "tai" opens "tải bài viết" and "tài liệu"
    assert tools('<a href="/a">In ấn tài liệu</a><a href="/b">Tài liệu</a><div><li>In bài</li></div>') == []


def test_a_short_text_leaves_the_words_to_the_title():
    # "In" opens "in bai": the title's "bài" completes it; "Tin tức" settles the words alone
    assert tools('<a href="#" title="bài">In</a>') == ["print"]
    assert tools('<a href="#" title="In bài">Tin tức</a>') == []
    assert tools('<a href="/a"><img alt="Lưu bài viết"></a>') == ["save"]


def test_code_in_any_case_and_beyond_ascii():
    assert tools('<a href="/tin/1?PRINT=1">Xem</a><a href="/IN-BAI/2">Xem</a>') == ["print"]
    assert tools('<a href="/tin-tức/in-bai">Xem</a>') == ["print"]
    # IGNORECASE matches ſ (long s) with s, which lower() would not: such code is searched as written
    assert tools('<a class="btn-ſave">Xem</a>') == ["save"]
    assert tools('<a href="/ban-tin/bai-viet.html">Bản tin</a>') == []


def test_tools_in_document_order():
    assert tools('<a href="/x?save=1">Xem</a><button onclick="window.print()">Xem</button>') == ["save", "print"]


def test_a_long_value_is_searched_without_the_cache():
    uri = "data:text/plain," + "x" * 2000
    assert tools(f'<a href="{uri}" onclick="window.print()">Xem</a>') == ["print"]
    assert tools(f'<a href="{uri}">{"Tin " * 300}</a>') == []


def page_tools_uncached(root) -> list[str]:
    """_page_tools as it was, every element read afresh (no cache of attributes and texts)."""
    from auditor.spiders.features import (_PRINT_CODE, _PRINT_WORDS, _SAVE_CODE, _SAVE_WORDS, _TOOL_FIRST_WORDS,
                                          _TOOL_TAGS, _may_run_tool, _starts, _text_names_no_tool, fold)
    found: list[str] = []
    for el in root.iter(*_TOOL_TAGS):
        texty = el.tag in ("a", "button")
        values = el.values()
        if not texty and not values:
            continue
        may_run = _may_run_tool(" ".join(values))
        if may_run:
            code = " ".join(filter(None, (el.get("onclick"), el.get("href"), el.get("class"), el.get("id"))))
            may_run = _may_run_tool(code)
        if texty and not may_run and _text_names_no_tool(el.text):
            continue
        words = fold(" ".join(filter(None, (
            (el.text or "") if texty else "", el.get("title"), el.get("aria-label"),
            el.get("alt"), el.get("value") if el.tag == "input" else ""))))
        if texty and not words:
            words = fold(el.text_content())[:40]
        may_say = words.partition(" ")[0] in _TOOL_FIRST_WORDS
        if not (may_say or may_run):
            continue
        if "print" not in found and ((may_say and _starts(words, _PRINT_WORDS)) or
                                     (may_run and _PRINT_CODE.search(code))):
            found.append("print")
        if "save" not in found and ((may_say and _starts(words, _SAVE_WORDS)) or
                                    (may_run and _SAVE_CODE.search(code))):
            found.append("save")
        if len(found) == 2:
            break
    return found


ELEMENTS = ['<a href="/tin">Tin tức</a>', '<a href="/x?print=1">Xem</a>', '<a href="#">In bài</a>',
            '<a href="#" title="bài">In</a>', '<a href="/a"><img alt="Lưu bài viết"></a>', '<a></a>',
            '<button class="btn">Lưu lại</button>', '<span class="x"></span>', '<span title="Bản in"></span>',
            '<li onclick="save()">x</li>', '<div class="export-pdf">y</div>', '<input value="Xuất PDF">',
            '<input class="in-bai">', '<i class="ban-tin"></i>', '<a href="/ban-tin/bai-viet.html">Bản tin</a>',
            '<a class="btn-ſave">Xem</a>', '<li></li>', '<a href="/x">Tải bài viết</a>',
            # words from each attribute an element other than a link has them from, or none
            '<span class="x" aria-label="In bài"></span>', '<img src="/a.png" alt="Bản in">',
            '<i class="y" title="Lưu lại"></i>', '<span class="z" title=""></span>',
            '<div class="w" value="In bài"></div>', '<input type="button" value="Lưu bài">']


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(ELEMENTS), max_size=12))
def test_as_without_the_cache(elements):
    markup = "".join(elements)
    # twice: the second time from the cache
    for _ in range(2):
        assert tools(markup) == page_tools_uncached(html.fromstring(f"<html><body>{markup}</body></html>"))
