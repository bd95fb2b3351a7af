"""Page tools (spiders/features.py): "print" and "save" found by a control's words or its code,
whatever the shortcuts that skip the thousands of elements that are neither."""

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
