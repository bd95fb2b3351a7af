"""Vietnamese date finding (spiders/dates.py): formats, seeds, negatives, relative phrases."""

from __future__ import annotations

import unicodedata
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.spiders import dates
from auditor.spiders.dates import FoundDate, find_dates, iso, parse_date
from conftest import SHARED

REF = datetime(2026, 3, 15, 10, 30, 45)
SEEDS = SHARED / "seeds"  # ../shared beside the repository, as in CI


def isos(text: str, reference: datetime = REF, **kw) -> list[str]:
    return [iso(f) for f in find_dates(text, reference, **kw)]


@pytest.mark.parametrize(
    "text, raw, expected",
    [
        ("7:57, Chủ Nhật, 8-5-2022", "7:57, Chủ Nhật, 8-5-2022", "2022-05-08T07:57"),
        ("(07:56 | 10/03/2016)", "07:56 | 10/03/2016", "2016-03-10T07:56"),
        ("Cập nhật ngày : 11-04-2017", "ngày : 11-04-2017", "2017-04-11"),
        ("Thứ bảy, ngày 27 tháng 02 năm 2021", "Thứ bảy, ngày 27 tháng 02 năm 2021", "2021-02-27"),
        ("8:39, Thứ Năm, 23-3-2023 635 0", "8:39, Thứ Năm, 23-3-2023", "2023-03-23T08:39"),
        ("Đăng ngày 23/03/2023.", "ngày 23/03/2023", "2023-03-23"),
        ("23/03/2023", "23/03/2023", "2023-03-23"),
        ("23.03.2023", "23.03.2023", "2023-03-23"),
        ("ngày 7/3/2023", "ngày 7/3/2023", "2023-03-07"),
        ("27 tháng 2, 2021", "27 tháng 2, 2021", "2021-02-27"),
        ("ngày 27 tháng 2/2021", "ngày 27 tháng 2/2021", "2021-02-27"),
        ("Thứ 2, 06/11/2026 14:05", "Thứ 2, 06/11/2026 14:05", "2026-11-06T14:05"),
        ("14:05 06/11/2026", "14:05 06/11/2026", "2026-11-06T14:05"),
        ("Chủ nhật, 08/05/2022 - 07:57", "Chủ nhật, 08/05/2022 - 07:57", "2022-05-08T07:57"),
        ("CN, 08/05/2022", "CN, 08/05/2022", "2022-05-08"),
        ("8:39 CH, 23/3/2023", "8:39 CH, 23/3/2023", "2023-03-23T20:39"),
        ("12:10 SA 23/3/2023", "12:10 SA 23/3/2023", "2023-03-23T00:10"),
        ("14h05 23/03/2023", "14h05 23/03/2023", "2023-03-23T14:05"),
        ("2023-03-23", "2023-03-23", "2023-03-23"),
        ('<time datetime="2023-03-23T14:05:00+07:00">', "2023-03-23T14:05:00+07:00",
         "2023-03-23T14:05"),
        ('content="2023-03-23T07:05:09.123Z"', "2023-03-23T07:05:09.123Z", "2023-03-23T07:05"),
    ],
)
def test_formats(text: str, raw: str, expected: str) -> None:
    found = parse_date(text, REF)
    assert found is not None
    assert (found.raw, iso(found)) == (raw, expected)
    assert text[found.start:].startswith(raw)


def test_value_and_has_time() -> None:
    assert parse_date("23/03/2023", REF) == FoundDate("23/03/2023", datetime(2023, 3, 23), False, 0)
    timed = parse_date("07:56:10 | 10/03/2016", REF)
    assert timed.value == datetime(2016, 3, 10, 7, 56, 10) and timed.has_time
    assert iso(timed) == "2016-03-10T07:56"


def seed(prefix: str) -> str:
    if not SEEDS.is_dir():
        pytest.skip(f"seed texts not found at {SEEDS}")
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "prefix, first_raw, first, all_isos",
    [
        ("000", "7:57, Chủ Nhật, 8-5-2022", "2022-05-08T07:57", ["2022-05-08T07:57", "2015-09-11"]),
        # "Ngày 7/3" has no year
        ("001", "07:56 | 10/03/2016", "2016-03-10T07:56", ["2016-03-10T07:56"]),
        ("002", "ngày : 11-04-2017", "2017-04-11", ["2017-04-11", "2017-01-03"]),
        # "Ngày 14/10" has no year; the footer's 0912.660.437, 02333 880880, 02333 880582 are phones
        ("003", "Thứ bảy, ngày 27 tháng 02 năm 2021", "2021-02-27", ["2021-02-27"]),
        # "13-CT/TU" is a document number, "13/13", "68/78" are ratios, "Hôm nay3,036" a counter
        ("004", "8:39, Thứ Năm, 23-3-2023", "2023-03-23T08:39", ["2023-03-23T08:39", "2013-01-04"]),
    ],
)
def test_seed_documents(prefix: str, first_raw: str, first: str, all_isos: list[str]) -> None:
    text = seed(prefix)
    found = parse_date(text, REF)
    assert (found.raw, iso(found)) == (first_raw, first)
    assert isos(text) == all_isos


def test_nfd_input_is_normalised() -> None:
    nfc = "Tin đăng: Thứ bảy, ngày 27 tháng 02 năm 2021"
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfd != nfc
    (found,) = find_dates(nfd, REF)
    assert found.raw == "Thứ bảy, ngày 27 tháng 02 năm 2021"  # NFC, as documented
    assert nfc[found.start:].startswith(found.raw)  # offset in the NFC text
    assert iso(found) == "2021-02-27"
    assert isos(unicodedata.normalize("NFD", "3 ngày trước")) == ["2026-03-12"]


@pytest.mark.parametrize(
    "text",
    [
        "THỨ BẢY, NGÀY 27 THÁNG 02 NĂM 2021",
        "thứ bảy, ngày 27 tháng 02 năm 2021",
        "tHỨ bẢY, nGÀY 27 tHÁNG 02 nĂM 2021",
    ],
)
def test_any_case(text: str) -> None:
    (found,) = find_dates(text, REF)
    assert (found.raw, iso(found)) == (text, "2021-02-27")


@pytest.mark.parametrize(
    "text",
    [
        "ĐT: 0912.660.437",
        "Điện thoại thường trực: 02333 880582",
        "0233.3.880.582",
        "theo Nghị định số 43/2011/NĐ-CP",
        "Nghị định 42/2022/NĐ-CP và Thông tư 22/2023/TT-BTTTT",
        "Chỉ thị số 13-CT/TU",
        "Ngày 14/10, tại UBND huyện",  # no year: unknown, so no date
        "ngày 7/3",
        "ngày 7 tháng 3",
        "31/02/2023",
        "29/02/2023",
        "12/13/2023",  # month 13: day first, always
        "00/01/2023",
        "2023-02-30",
        "01/01/1989",  # before 1990
        "01/01/2028",  # after reference year + 1
        "phiên bản 1.2.2023.4",
        "10.10.2020.1",
        "123/10/03/2016",
        "23/03-2023",  # mixed separators
        "23/03/23",  # two-digit year: not supported
        "13/13 xã, 68/78 thôn, 20.019 thuê bao",
        "Hôm nay 3,036",  # visitor counters
        "Hôm nay3,036",
        "Hôm qua: 4.120",
        "trước khi hôm nayx",
    ],
)
def test_not_dates(text: str) -> None:
    assert find_dates(text, REF) == []


def test_year_range_follows_reference() -> None:
    assert isos("01/01/2027") == ["2027-01-01"]
    assert isos("01/01/2027", reference=datetime(2025, 6, 1)) == []
    assert isos("01/01/1990") == ["1990-01-01"]
    assert isos("29/02/2024") == ["2024-02-29"]


def test_invalid_time_leaves_the_date() -> None:
    assert isos("25:61 23/03/2023") == ["2023-03-23"]


def test_trailing_time_only_without_leading_time() -> None:
    # 14:05 belongs to the first date; the second keeps none
    assert isos("23/03/2023 14:05 24/03/2023") == ["2023-03-23T14:05", "2023-03-24"]
    assert isos("10:00 23/03/2023 14:05 24/03/2023") == ["2023-03-23T10:00", "2023-03-24T14:05"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("3 ngày trước", "2026-03-12"),
        ("2 giờ trước", "2026-03-15T08:30"),
        ("5 phút trước", "2026-03-15T10:25"),
        ("3 tiếng trước", "2026-03-15T07:30"),  # dateparser does not know "tiếng": own arithmetic
        ("1 tuần trước", "2026-03-08"),
        ("2 tháng trước", "2026-01-15"),
        ("1 năm trước", "2025-03-15"),
        ("hôm qua", "2026-03-14"),
        ("hôm nay", "2026-03-15"),
        ("hôm kia", "2026-03-13"),  # nor "hôm kia"
        ("Cập nhật: HÔM QUA", "2026-03-14"),
        ("Đăng 3  NGÀY TRƯỚC", "2026-03-12"),
    ],
)
def test_relative(text: str, expected: str) -> None:
    assert isos(text) == [expected]


def test_relative_without_dateparser(monkeypatch: pytest.MonkeyPatch) -> None:
    import dateparser

    def broken(*args, **kwargs):
        raise RuntimeError("dateparser failure")

    monkeypatch.setattr(dateparser, "parse", broken)
    dates._relative.cache_clear()
    try:
        assert isos("3 ngày trước, 2 giờ trước, 2 tháng trước, hôm qua") == [
            "2026-03-12", "2026-03-15T08:30", "2026-01-15", "2026-03-14"
        ]
        assert isos("1 tháng trước", reference=datetime(2026, 3, 31)) == ["2026-02-28"]
    finally:
        dates._relative.cache_clear()


def test_relative_out_of_range() -> None:
    assert isos("999 năm trước") == []


def test_order_and_limit() -> None:
    text = ("Tin A (07:56 | 10/03/2016). Tin B 3 ngày trước. "
            "Tin C ngày 27 tháng 2, 2021. Tin D hôm qua")
    expected = ["2016-03-10T07:56", "2026-03-12", "2021-02-27", "2026-03-14"]
    found = find_dates(text, REF)
    assert [iso(f) for f in found] == expected
    assert [f.start for f in found] == sorted(f.start for f in found)
    assert isos(text, limit=2) == expected[:2]
    assert isos(text, limit=0) == []
    assert parse_date(text, REF) == found[0]
    assert parse_date("không có ngày", REF) is None
    many = " ".join(f"{d}/1/2020" for d in range(1, 29))
    assert len(find_dates(many, REF)) == 28 and len(find_dates(many, REF, limit=5)) == 5


def test_rescanned_texts_give_what_a_fresh_scan_gives() -> None:
    # a page's regions are scanned, then its main text again (features.py's labels): the
    # repeat is served from the last few scans, keyed by the text itself, reference and limit
    main = "Ngày ký: 10/03/2016. Đăng hôm qua"
    regions = [main, "Thứ 2, 06/11/2026 14:05", "", "© 2020 - 23.03.2023"]
    fresh = [isos(text) for text in regions]
    assert [isos(text) for text in regions] == fresh
    assert isos(main) == fresh[0] == ["2016-03-10", "2026-03-14"]
    assert isos(main, datetime(2026, 1, 2)) == ["2016-03-10", "2026-01-01"]  # another reference
    assert isos(main, limit=1) == ["2016-03-10"]  # another limit
    found = find_dates(main, REF)
    found.clear()  # a caller's list is its own
    assert isos(main) == fresh[0]


def test_default_reference_is_now() -> None:
    assert iso(parse_date("hôm nay")) == datetime.now().strftime("%Y-%m-%d")


def test_longest_expressions_fit_the_scan_windows() -> None:
    # the scan looks only in windows around a hint; the longest forms must still be whole
    longest_before = "12:34:56 CH   ,   chủ  nhật   ,   ngày   :   27   tháng   02   năm 2021"
    longest_after = "2023-03-23T14:05:00.123456+07:00"
    for raw in (longest_before, longest_after, "1/2/2021   -   12:34:56 CH", "123   tiếng   trước"):
        text = "x" * 100 + " " + raw + " " + "y" * 100
        (found,) = find_dates(text, REF)
        assert found.raw == raw and found.start == 101


def test_a_window_starts_where_no_date_can_reach_across() -> None:
    # the ISO date of 1850 is no date, but it holds "07:00": a window starting after its "+"
    # would find "07:00 05/01/2022" where the full scan finds "05/01/2022"
    for text in ("1850-01-01T10:00+07:00 05/01/2022", "Hướng Hóa, 10:41 | 05/01/2022",
                 "x 1850-01-01T10:00Z 05/01/2022"):
        assert find_dates(text, REF) == full_scan(text)
    assert [f.raw for f in find_dates("Hướng Hóa, 10:41 | 05/01/2022", REF)] == ["10:41 | 05/01/2022"]


# pieces of date expressions, glued at random: reaches the corners of the patterns
FRAGMENTS = [
    "7:57", "12:34:56", "14h05", " ", "   ", "\n", ",", ", ", " | ", " - ", "(", ")", "/", ".", "-",
    "Chủ Nhật", "thứ bảy", "THỨ 2", unicodedata.normalize("NFD", "Thứ năm"), "CN", "T7", "ngày",
    "Ngày :", "1", "8", "27", "02", "13", "31", "tháng", "năm", "NĂM", "2021", "2023", "1989",
    "2099", "20", "T", "Z", "+07:00", "SA", "CH", "hôm", "nay", "qua", "kia", "trước", "giờ",
    "tiếng", "3", "123", "0912.660.437", "43/2011/NĐ-CP", "2023-03-23", "x",
    # letters around and inside the weekdays (the scan's window starts where they stop)
    "Thứ Hai", "thứ tư", "Thứ Sáu", "THỨ BẢY", "AM", "PM", "–", ":", "Hóa", "tại", "ạ", "đ", "İ", "ı",
    "1850-01-01T10:00", "+", "z",
]
DATEISH = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=3), max_size=40).map("".join)


@settings(deadline=None, max_examples=300)
@given(st.one_of(st.text(), DATEISH))
def test_never_raises_and_years_in_range(text: str) -> None:
    nfc = unicodedata.normalize("NFC", text)
    found = find_dates(text, REF)
    for f in found:
        assert datetime(1990, 1, 1) <= f.value < datetime(REF.year + 2, 1, 1)
        assert nfc[f.start:f.start + len(f.raw)] == f.raw
    assert [f.start for f in found] == sorted(f.start for f in found)


def full_scan(text: str) -> list[FoundDate]:
    """The slow way: the full patterns over the whole text, with no hints and no windows."""
    text = unicodedata.normalize("NFC", text)
    found = []
    for pattern in (dates._ABSOLUTE_RE, dates._RELATIVE_RE):
        for m in pattern.finditer(text):
            value, has_time = dates._value(m, REF)
            if value is not None and 1990 <= value.year <= REF.year + 1:
                found.append(FoundDate(m.group(), value, has_time, m.start()))
    found.sort(key=lambda f: f.start)
    kept: list[FoundDate] = []
    for f in found:
        if not kept or f.start >= kept[-1].start + len(kept[-1].raw):
            kept.append(f)
    return kept


@settings(deadline=None, max_examples=500)
@given(DATEISH)
def test_windowed_scan_equals_full_scan(text: str) -> None:
    assert find_dates(text, REF, limit=10**6) == full_scan(text)


YEARISH = st.text(alphabet=st.sampled_from(list("1920-/., nămNĂM\n3x")), max_size=60)


@settings(deadline=None, max_examples=1500)
@given(YEARISH)
def test_year_hints_as_one_pattern_finds_them(text: str) -> None:
    # one search per century, each re-searched past a hint it overlaps: finditer's hints exactly
    # ("201919..": the 19 at 2 overlaps "2019" and is not a hint; the one at 4 may be)
    expected = [(m.start(), m.end()) for m in dates._YEAR_HINT.finditer(text)]
    assert [(m.start(), m.end()) for m in dates._YEAR_HINTS.finditer(text)] == expected


RELATIVEISH = st.text(alphabet=st.sampled_from(list("trướcTRƯỚCHhôÔmMx \n")), max_size=60)


@settings(deadline=None, max_examples=1500)
@given(RELATIVEISH)
def test_relative_hints_as_one_pattern_finds_them(text: str) -> None:
    expected = [(m.start(), m.end()) for m in dates._RELATIVE_HINT.finditer(text)]
    assert [(m.start(), m.end()) for m in dates._RELATIVE_HINTS.finditer(text)] == expected


def test_year_hints_that_overlap():
    text = "/201919-12-05 ngày 1/1/2020"
    assert [m.group() for m in dates._YEAR_HINTS.finditer(text)] == \
        [m.group() for m in dates._YEAR_HINT.finditer(text)]


def value_by_groups(m, ref: datetime):
    """_value as it was: each group read by name."""
    g = m.group
    if m.re is dates._RELATIVE_RE:
        return dates._relative(m.group().lower(), ref.replace(second=0, microsecond=0))
    if g("iy"):
        y, mo, d, hh, mi, s = g("iy"), g("im"), g("id"), g("ih"), g("imin"), g("is")
    else:
        y, mo, d = (g("y"), g("m"), g("d")) if g("y") else (g("wy"), g("wm"), g("wd"))
        p = "l" if g("lh") else "t"
        hh, mi, s = g(p + "h"), g(p + "m"), g(p + "s")
        if hh is not None:
            hh = dates._hour_24(int(hh), (g(p + "ap") or "").upper())
    try:
        if hh is None:
            return datetime(int(y), int(mo), int(d)), False
        return datetime(int(y), int(mo), int(d), int(hh), int(mi), int(s or 0)), True
    except ValueError:
        return None, False


@settings(deadline=None, max_examples=500)
@given(DATEISH)
def test_value_from_all_groups_at_once_as_by_name(text: str) -> None:
    for m in dates._ABSOLUTE_RE.finditer(unicodedata.normalize("NFC", text)):
        assert dates._value(m, REF) == value_by_groups(m, REF)


@settings(max_examples=1000, deadline=None)
@given(st.datetimes(min_value=datetime(1, 1, 1), timezones=st.none() | st.timezones()), st.booleans())
def test_iso_is_the_strftime_spelling(value, has_time):
    """iso() takes isoformat() where it spells a value as strftime() does: naive, year >= 1000."""
    expected = value.strftime("%Y-%m-%dT%H:%M" if has_time else "%Y-%m-%d")
    assert iso(FoundDate("x", value, has_time, 0)) == expected
