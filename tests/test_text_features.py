"""Features read from a page's texts (spiders/features.py): the satisfaction rating's label and
the dates the main text labels, whatever the shortcuts that skip lines and dates without one."""

from datetime import datetime

from auditor.spiders.features import _labelled_dates, _rating

NOW = datetime(2026, 12, 1, 9, 30)


def test_rating_is_the_first_short_line_holding_a_phrase():
    text = "Trang chủ\nTin tức\nĐÁNH GIÁ SỰ HÀI LÒNG của người dân\nKhảo sát ý kiến"
    assert _rating(text) == "ĐÁNH GIÁ SỰ HÀI LÒNG của người dân"
    assert _rating("Tin tức\nKhảo sát ý kiến") == "Khảo sát ý kiến"
    assert _rating("Khảo sát ý kiến\n") == "Khảo sát ý kiến"


def test_rating_phrases_are_whole_words_within_one_line():
    assert _rating("Khảo sát ý kiến\u0301n bạn đọc") == ""  # "kiến" + a stray accent on "n": "kienn"
    assert _rating("Mức độ\nhài lòng") == ""  # split over two lines
    assert _rating("xem muc do hai longer") == ""
    # punctuation folds to spaces
    assert _rating("(Khảo sát ý kiến)") == "(Khảo sát ý kiến)"
    assert _rating("Mức độ - hài lòng") == "Mức độ - hài lòng"


def test_rating_ignores_running_text():
    long_line = "Người dân " * 20 + "đánh giá thông tin"
    assert len(long_line) > 160 and _rating(long_line) == ""
    assert _rating(f"{long_line}\nĐánh giá thông tin") == "Đánh giá thông tin"


def test_dates_take_the_label_nearest_before_them():
    text = ("Ngày ban hành: 10/03/2016\nNgày đăng 12/03/2016 08:00\n"
            "Ngày gửi: 01/02/2020, ngày trả lời: 05/02/2020")
    assert _labelled_dates(text, NOW) == {"issued": "2016-03-10", "posted": "2016-03-12",
                                          "asked": "2020-02-01", "answered": "2020-02-05"}


def test_dates_without_a_label_word_have_none():
    # "gửi ngày 01/02/2020": the date takes its "ngày", and "gửi" alone labels nothing
    assert _labelled_dates("Câu hỏi gửi ngày 01/02/2020", NOW) == {}
    assert _labelled_dates("08:38 | 18/11/2025\nBan hành 10/03/2016\nký 11/03/2016", NOW) == {}
    # "ngày" alone, or a label further than 40 characters before the date, names nothing
    assert _labelled_dates("Ngày 10/03/2016", NOW) == {}
    assert _labelled_dates("Ngày ký: " + "x" * 40 + " 10/03/2016", NOW) == {}
    # the nearest label wins; the text before the previous date is not read again
    assert _labelled_dates("Ngày ký, ngày đăng: 10/03/2016", NOW) == {"posted": "2016-03-10"}
    assert _labelled_dates("Ngày ký 10/03/2016 11/03/2016", NOW) == {"issued": "2016-03-10"}
