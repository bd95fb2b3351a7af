"""Shortcuts that read the fold of a page's whole text instead of folding its parts (the rating
of features.py, the main text of ADS-003): the same answers as the plain code they skip."""

from types import SimpleNamespace

from hypothesis import given, settings, strategies as st

from auditor.rules._text import edge_words, fold, terms_in
from auditor.rules.ads_003_gambling import (STUFFED, _main_promotes, _stuffed_or_promoting, beyond_headlines,
                                           phrase_at_joins, placed_text, promotes, shared_parts,
                                           spam_placed_text)
from auditor.spiders.features import _RATING, _RATING_LINE, _rating

PHRASES = ("nhà cái uy tín", "nha cai uy tin", "tỷ lệ kèo", "casino trực tuyến")
FOLDED_PHRASES = {fold(p) for p in PHRASES}
# Pieces of phrases, whole phrases, separators and the characters that compose or fold oddly
PIECES = ["nhà cái", " uy tín", "nha cai uy tin", "Tỷ lệ kèo", "casino", " trực tuyến", "khảo sát",
          " ý kiến", "Mức độ hài lòng", "đánh giá", " thông tin", "\n", " ", "-", "\u0301", "\u0323",
          "İ", "x", "tin tức "]
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


def rating_by_lines(text: str) -> str:
    """_rating as it was: every short line folded, whatever the whole text holds."""
    lines = text.split("\n")
    folded = "\n".join([fold(line) if len(line) <= _RATING_LINE else "" for line in lines])
    match = _RATING.search(folded)
    return lines[folded.count("\n", 0, match.start())] if match else ""


@settings(max_examples=1500, deadline=None)
@given(texts)
def test_rating_as_by_lines(text):
    assert _rating(text) == rating_by_lines(text)


@settings(max_examples=1500, deadline=None)
@given(texts, texts, texts)
def test_main_text_judged_as_when_folded_itself(before, main, after):
    text = f"{before}{main}{after}"
    assert _main_promotes(main, text, text.find(main), FOLDED_PHRASES) == _stuffed_or_promoting(
        fold(main), FOLDED_PHRASES)


def test_stuffed_main_text_counts_and_news_about_gambling_does_not():
    stuffed = "\n".join(["Casino trực tuyến số 1"] * 6)
    news = "Công an bắt nhóm quảng cáo casino trực tuyến trên mạng"
    for main in (stuffed, news):
        facts = SimpleNamespace(main_text=main, text=f"Trang chủ\n{main}\nLiên hệ", title="Tin",
                                headings=[])
        placed = spam_placed_text(facts, PHRASES)
        assert (main in placed) == (main is stuffed)
    # the main text glued to the menu (not whole lines): folded itself, with the same answer;
    # outside it, the text as str.replace left it
    facts = SimpleNamespace(main_text=stuffed, text=f"Trang chủ{stuffed}x", title="Tin", headings=[])
    assert stuffed in spam_placed_text(facts, PHRASES)
    facts = SimpleNamespace(main_text="Tin", text="Trang Tin chủ\nTin", title="T", headings=[])
    assert spam_placed_text(facts, PHRASES) == "T\nTrang \n chủ\nTin"
    facts = SimpleNamespace(main_text="Khác", text="Trang chủ", title="T", headings=[])
    assert spam_placed_text(facts, PHRASES) == "T\nTrang chủ"


def test_promotional_phrases_counted_with_or_without_the_gambling_phrases():
    from auditor.rules.ads_003_gambling import PROMOTIONAL
    assert _stuffed_or_promoting("xem ty le keo hom nay", FOLDED_PHRASES)
    assert not _stuffed_or_promoting("xem tin tuc hom nay", FOLDED_PHRASES)
    # a pack whose phrases leave out a promotional one: it is still looked for
    assert _stuffed_or_promoting("dang ky nhan thuong ngay", {"casino truc tuyen"})
    assert set(PROMOTIONAL) <= {fold(p) for p in ("nhà cái uy tín", "link vào nhà cái", "đăng ký nhận thưởng",
                                                   "khuyến mãi nạp đầu", "tỷ lệ kèo")}


FOLDED_WORDS = ["danh", "gia", "su", "hai", "long", "khao", "sat", "muc", "do", "thong", "tin", "bai",
                "viet", "danh giadanh gia", "y kien", "cong", "trang", "chat", "luong"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(FOLDED_WORDS), max_size=30).map(" ".join))
def test_rating_phrase_found_by_heads_as_by_the_pattern(folded):
    from auditor.spiders.features import _has_rating_phrase
    assert _has_rating_phrase(folded) == (_RATING.search(folded) is not None)


PACK_PHRASES = frozenset(fold(line) for line in open("rules/data/gambling_phrases.txt", encoding="utf-8")
                         if line.strip() and not line.startswith("#"))
# Folded texts of words of the pack's phrases, in any order: shared pairs ("doi thuong") without
# the phrase around them, phrases cut short, phrases whole.
PHRASE_WORDS = sorted({word for phrase in PACK_PHRASES for word in phrase.split()}) + ["tin", "tuc"]
folded_texts = st.lists(st.one_of(st.sampled_from(PHRASE_WORDS), st.sampled_from(sorted(PACK_PHRASES))),
                        max_size=30).map(" ".join)


def holds_a_phrase_by_screen(parts, folded: str) -> bool:
    return any(part in folded for part in parts)


@settings(max_examples=1500, deadline=None)
@given(folded_texts)
def test_the_shared_parts_screen_no_page_that_holds_a_phrase(folded):
    holds = any(phrase in folded for phrase in PACK_PHRASES)
    assert holds <= holds_a_phrase_by_screen(shared_parts(PACK_PHRASES), folded)
    plain = sum(folded.count(p) for p in PACK_PHRASES) >= STUFFED or promotes(folded)
    assert _stuffed_or_promoting(folded, set(PACK_PHRASES)) == plain


def test_shared_parts_are_fewer_than_the_phrases_and_a_wrong_screen_is_caught():
    parts = shared_parts(PACK_PHRASES)
    assert "doi thuong" in parts and "nha cai" in parts and len(parts) < len(PACK_PHRASES)
    assert all(any(part in phrase for part in parts) for phrase in PACK_PHRASES)
    # a screen that left out a shared pair would pass pages that hold its phrases
    wrong = [part for part in parts if part != "doi thuong"]
    assert not holds_a_phrase_by_screen(wrong, "tin tuc no hu doi thuong")
    assert holds_a_phrase_by_screen(parts, "tin tuc no hu doi thuong")
    assert shared_parts(frozenset({"ty le keo", "nha cai uy tin"})) == ("nha cai uy tin", "ty le keo")


@settings(max_examples=1000, deadline=None)
@given(texts, st.integers(0, 4), st.booleans())
def test_edge_words_are_the_folds_first_and_last_words(text, count, last):
    words = fold(text).split()
    edge, whole = edge_words(text, count, last)
    assert edge == (words[max(len(words) - count, 0):] if last else words[:count])
    assert whole == (len(words) <= count) or (whole is False and len(words) > count)


PAGE_PHRASES = tuple(line.strip() for line in open("rules/data/gambling_phrases.txt", encoding="utf-8")
                     if line.strip() and not line.startswith("#"))
# Lines of pages: phrase halves that join across pieces, whole phrases, ordinary lines
SPAM_PIECES = ["nhà cái", "uy tín số 1", "Chơi nổ hũ", "đổi thưởng", "casino trực", "tuyến", "Tin tức",
               "Liên hệ", "x", "nổ hũ đổi thưởng", "Caſino trực tuyến", "–", ""]
lines_of = st.lists(st.sampled_from(SPAM_PIECES), max_size=5).map("\n".join)
words_of = st.lists(st.sampled_from(SPAM_PIECES), max_size=4).map(" ".join)


def found_by_searching(facts) -> list[str]:
    """What ADS-003 found in a page's visible text before the shortcut: every phrase searched."""
    visible = spam_placed_text(facts, PAGE_PHRASES)
    return beyond_headlines(terms_in(visible, PAGE_PHRASES), visible, facts, None)


@settings(max_examples=1500, deadline=None)
@given(words_of, lines_of, lines_of, lines_of)
def test_a_page_the_shortcut_clears_has_no_spam_text(title, before, main, after):
    text = "\n".join(part for part in (before, main, after) if part)
    facts = SimpleNamespace(main_text=main, text=text, title=title, headings=[], links=[])
    visible, pieces = placed_text(facts, PAGE_PHRASES)
    assert visible == spam_placed_text(facts, PAGE_PHRASES)
    if pieces and not phrase_at_joins(pieces, PAGE_PHRASES):
        assert found_by_searching(facts) == []


def test_the_joins_are_where_a_phrase_split_between_pieces_is_seen():
    facts = SimpleNamespace(main_text="Tin tức", text="uy tín số 1\nTin tức\nLiên hệ", title="Giải trí – nhà cái",
                            headings=[], links=[])
    visible, pieces = placed_text(facts, PAGE_PHRASES)
    assert pieces == ("Giải trí – nhà cái", "uy tín số 1\n", "\nLiên hệ")
    assert found_by_searching(facts) == ["nha cai uy tin"] and phrase_at_joins(pieces, PAGE_PHRASES)
    # a screen that read the title apart from the text would miss it: the property above fails it
    assert not any(phrase in fold(facts.title) or phrase in fold(facts.text) for phrase in map(fold, PAGE_PHRASES))
    # and across the main text: the menu's last words and the footer's first
    facts = SimpleNamespace(main_text="Tin tức", text="Trang chủ\nChơi casino trực\nTin tức\ntuyến", title="",
                            headings=[], links=[])
    visible, pieces = placed_text(facts, PAGE_PHRASES)
    assert found_by_searching(facts) == ["casino truc tuyen"] and phrase_at_joins(pieces, PAGE_PHRASES)
    # a page whose text holds a phrase is searched whole
    facts = SimpleNamespace(main_text="Tin tức", text="nổ hũ đổi thưởng\nTin tức", title="", headings=[], links=[])
    assert placed_text(facts, PAGE_PHRASES)[1] is None
